"""Finding entities for the read side: by any spelling in either script, and ranked by
how central they are to one story. Works over any Store (load_entities, entity_rows,
entity_stories, mentions_of); no backend knows these rules."""

from __future__ import annotations

from typing import Iterable

from khabar.entities.canon import salience, same_name
from khabar.entities.latin import latin_name
from khabar.errors import NotFound
from khabar.model import Entity
from khabar.text.normalize import match_key


class EntityIndex:
    """Every spelling of every entity, folded, made once for many lookups: an alias, the
    display and Latin names, and each alias in Latin letters ("Narendra Modi" finds
    नरेंद्र मोदी), so a lookup is a dictionary read rather than a pass over all names."""

    def __init__(self, entities: Iterable[Entity]):
        self.entities = list(entities)
        self.names = {e.key: [n for n in (e.display, e.latin, e.key, *e.aliases,
                                          *(latin_name(a) for a in e.aliases)) if n] for e in self.entities}
        self.by_name: dict[str, list[Entity]] = {}
        for e in self.entities:
            for key in {match_key(n) for n in self.names[e.key]}:
                self.by_name.setdefault(key, []).append(e)

    def find(self, name: str) -> Entity:
        """The entity `name` names: an exact alias or its Latin transliteration first
        (folded: nukta, ZWJ, case), then a name that sounds alike part by part ("Putin" /
        "पुतिन"); the most mentioned wins. A full name finds only its own person: "Sushil
        Modi" is not नरेंद्र मोदी."""
        found = self.by_name.get(match_key(name), [])
        if not found:
            found = [e for e in self.entities if any(same_name(name, n) for n in self.names[e.key])]
        if not found:
            raise NotFound(f"no entity named '{name}' (see `khabar entities`)")
        return max(found, key=lambda x: (sum(x.aliases.values()), x.key))


def find_entity(entities: Iterable[Entity], name: str) -> Entity:
    """The entity `name` names among `entities` (EntityIndex.find)."""
    return EntityIndex(entities).find(name)


def story_salience(store, article_ids: list[int]) -> dict[str, float]:
    """entity key -> salience (0..1) within the story made of `article_ids`: who and where
    the story is about, not raw mention counts."""
    by_key: dict[str, Entity] = {}
    for m in store.mentions_of(article_ids):
        by_key.setdefault(m.entity_key, Entity(m.entity_key, m.type, "")).mentions.append(m)
    return dict(salience(list(by_key.values()), list(article_ids)))


def rank_by_salience(rows: list, score: dict[str, float]) -> list:
    """Entity rows most salient first (ties by key)."""
    return sorted(rows, key=lambda r: (-score.get(r.key, 0.0), r.key))
