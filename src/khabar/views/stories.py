"""Listing pages: stories and one storyline."""

from __future__ import annotations

from khabar.errors import KhabarError
from khabar.views.pages import StoriesPage, StorylinePage


def build_stories(store, order: str = "newest", limit: int = 50, offset: int = 0, since: str | None = None,
                  until: str | None = None, source: str | None = None,
                  language: str | None = None) -> StoriesPage:
    """Stories, newest or largest first, filtered by dates, outlet and language."""
    filters = {"since": since, "until": until, "source": source, "language": language}
    found = store.list_stories(order=order, limit=limit, offset=offset, **filters)
    return StoriesPage(found, order, filters)


def build_storyline(store, storyline_id: str) -> StorylinePage:
    """The stories of one storyline in time order."""
    found = store.list_stories(storyline=storyline_id, order="newest", limit=1000)
    if not found:
        raise KhabarError(f"no storyline with id '{storyline_id}'")
    found.sort(key=lambda r: (r.first_seen or "", r.id))
    return StorylinePage(storyline_id, found)
