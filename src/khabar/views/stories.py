"""Listing pages: stories and one storyline."""

from __future__ import annotations

import math
from datetime import datetime

from khabar.errors import BadParameter, NotFound
from khabar.store.rows import StoryRow
from khabar.views.pages import StoriesPage, StorylinePage
from khabar.views.story_cache import BuildOnce, revision_key

ORDERS = ("newest", "largest", "ranked")
RANK_WINDOW = 2000  # newest stories the "ranked" order reorders; older ones follow by date
RANK_HALF_LIFE_DAYS = 3.0  # a story loses half its weight every this many days behind the newest
WINDOWS = BuildOnce(max_entries=8)  # ranked or entity-filtered windows, per store revision


def _when(row: StoryRow) -> datetime | None:
    try:
        return datetime.fromisoformat((row.last_seen or "")[:19])
    except ValueError:
        return None


def rank_stories(rows: list[StoryRow]) -> list[StoryRow]:
    """Recency times reach: weight = log2(1 + outlets) halved every RANK_HALF_LIFE_DAYS
    behind the newest story, so a big story of yesterday outranks a lone report of today
    and a lone report of today outranks last month's big story. Undated stories go last."""
    times = [t for r in rows if (t := _when(r))]
    newest = max(times, default=None)

    def weight(r: StoryRow) -> float:
        t = _when(r)
        if t is None or newest is None:
            return -1.0
        age = (newest - t).total_seconds() / 86400
        return math.log2(1 + max(len(r.sources), 1)) * 0.5 ** (age / RANK_HALF_LIFE_DAYS)

    return sorted(rows, key=lambda r: (-weight(r), r.id))


def build_stories(store, order: str = "newest", limit: int = 50, offset: int = 0, since: str | None = None,
                  until: str | None = None, source: str | None = None,
                  language: str | None = None, entity: str | None = None) -> StoriesPage:
    """Stories, newest, largest or ranked (recency × outlets) first, filtered by dates,
    outlet, language and entity (any spelling, either script)."""
    if order not in ORDERS:  # a silent fallback would answer a question nobody asked
        raise BadParameter(f"unknown story order {order!r}: one of {', '.join(ORDERS)}")
    filters = {"since": since, "until": until, "source": source, "language": language}
    only: set[str] | None = None
    if entity:
        from khabar.views.entities import find_stored_entity

        key = find_stored_entity(store, entity).key
        only = {r.story_id for r in store.entity_stories(key) if r.story_id}
        filters["entity"] = entity
    if order == "ranked" or only is not None:
        window = _window(store, order, filters, only)
        found, total = window[offset:offset + limit + 1], len(window)
    else:
        found = store.list_stories(order=order, limit=limit + 1, offset=offset, **filters)
        total = store.count_stories(**filters)
    return StoriesPage(found[:limit], order, filters, offset=offset, limit=limit, more=len(found) > limit,
                       total=total)


def _window(store, order: str, filters: dict, only: set[str] | None) -> list[StoryRow]:
    """The RANK_WINDOW newest stories (those in `only`, when given), ranked when asked:
    made once per store revision and filters, as every page of the listing reads it."""
    def make() -> list[StoryRow]:
        window = store.list_stories(order="newest" if order == "ranked" else order, limit=RANK_WINDOW,
                                    **{k: v for k, v in filters.items() if k != "entity"})
        if only is not None:
            window = [r for r in window if r.id in only]
        return rank_stories(window) if order == "ranked" else window

    return WINDOWS.get(revision_key(store, "window", order, tuple(sorted(filters.items()))), make)


def build_storyline(store, storyline_id: str) -> StorylinePage:
    """The stories of one storyline in time order."""
    found = store.list_stories(storyline=storyline_id, order="newest", limit=1000)
    if not found:
        raise NotFound(f"no storyline with id '{storyline_id}' (see the stories list)")
    found.sort(key=lambda r: (r.first_seen or "", r.id))
    return StorylinePage(storyline_id, found)
