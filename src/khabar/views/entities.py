"""Entity pages: the listing (optionally within one story, by salience) and one entity."""

from __future__ import annotations

from khabar.errors import NotFound
from khabar.entities.lookup import EntityIndex, rank_by_salience, story_salience
from khabar.store.rows import EntityRow, StoryRow
from khabar.views.pages import EntitiesPage, EntityPage
from khabar.views.story_cache import BuildOnce, revision_key

# one index per store revision: its Latin names cost a transliteration of every alias
ENTITY_INDEXES = BuildOnce(max_entries=4)


def entity_index(store) -> EntityIndex:
    """The stored entities indexed by every spelling, made once per store revision."""
    return ENTITY_INDEXES.get(revision_key(store, "entities"), lambda: EntityIndex(store.load_entities()))


def find_stored_entity(store, name: str):
    """The stored entity `name` names, by any spelling in either script (EntityIndex.find)."""
    return entity_index(store).find(name)


def story_entities(store, story: StoryRow, limit: int = 100) -> EntitiesPage:
    """The entities of one story, who and where it is about first."""
    found = store.entity_rows(story=story.id, limit=limit)
    score = story_salience(store, story.article_ids)
    return EntitiesPage(rank_by_salience(found, score), story.id, score)


def build_entities(store, story: str | None = None, limit: int = 100) -> EntitiesPage:
    """People, places and organisations with their merged spellings, most reported first
    (by salience within `story` when given)."""
    if story:
        return story_entities(store, store.story(story), limit)
    return EntitiesPage(store.entity_rows(limit=limit))


HEADLINES_LOOKED_UP = 200  # an entity page names this many of its stories by headline


def build_entity(store, name: str, headlines: bool = False, limit: int | None = None) -> EntityPage:
    """One entity by any spelling in either script, with the stories it appears in (the
    first `limit` of them, and how many in all; and, for the web page, the headlines of
    the first HEADLINES_LOOKED_UP of them)."""
    e = find_stored_entity(store, name)
    row = EntityRow(key=e.key, type=e.type, display=e.display, latin=e.latin, aliases=e.aliases, roles=e.roles)
    stories = store.entity_stories(e.key)
    named: dict[str, str] = {}
    if headlines:
        for s in stories[:HEADLINES_LOOKED_UP]:
            if s.story_id and s.story_id not in named:
                try:
                    named[s.story_id] = store.story(s.story_id).headline
                except NotFound:  # merged away since the mention was stored
                    continue
    total = len(stories)
    if limit is not None:
        stories = stories[:limit]
    return EntityPage(row, stories, named, stories_total=total)
