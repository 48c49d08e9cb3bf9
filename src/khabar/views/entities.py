"""Entity pages: the listing (optionally within one story, by salience) and one entity."""

from __future__ import annotations

from khabar.entities.lookup import find_entity, rank_by_salience, story_salience
from khabar.store.rows import EntityRow, StoryRow
from khabar.views.pages import EntitiesPage, EntityPage


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


def build_entity(store, name: str) -> EntityPage:
    """One entity by any spelling in either script, with the stories it appears in."""
    e = find_entity(store.load_entities(), name)
    row = EntityRow(key=e.key, type=e.type, display=e.display, latin=e.latin, aliases=e.aliases, roles=e.roles)
    stories = store.entity_stories(e.key)
    return EntityPage(row, stories)
