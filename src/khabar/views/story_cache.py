"""A bounded, per-process cache of analysed stories, keyed by what they were built from.

A story page costs a story analysis and a summary (hundreds of milliseconds on a large
story) while the rows it is built from cost a few queries. Under many readers the same
story was analysed once per request, all at once, and 50 clients on one story waited up
to a minute. Here a story's analysis is kept under a key made of its rows (ids, sizes,
dates, update times of the story and of its storyline's stories, and its reports' ids and
dates): any batch that changes the story or its storyline changes the key, so a cached
entry is never stale, only unused. One thread builds a missing entry while the others
asking for it wait for that one result instead of building their own.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Any, Callable, Hashable, Sequence

from khabar.store.rows import StoryRow

MAX_ENTRIES = 32  # analysed stories kept per process (a large one holds 300 reports' text)


def store_key(store) -> str | None:
    """Which database a store reads, or None for one that cannot be told apart from
    another (an in-memory SQLite store): those are never cached."""
    url = getattr(store, "url", None)
    if not url or url == ":memory:":
        return None
    if "://" not in url:  # a SQLite file named relative to wherever the caller runs
        return "sqlite:" + os.path.abspath(os.path.expanduser(url))
    return url


def revision_key(store, *what: Hashable) -> tuple | None:
    """A cache key for something built from the whole store as it is now: the database,
    its revision (raised by every stored batch) and `what`; None when either cannot be
    told (such stores are never cached)."""
    where = store_key(store)
    revision = getattr(store, "revision", None)
    return None if where is None or revision is None else (where, revision(), *what)


def story_revision(story: StoryRow, storyline: Sequence[StoryRow] = ()) -> tuple:
    """What a story's analysis depends on, as a hashable value."""
    def row(s: StoryRow) -> tuple:
        return (s.id, s.headline, s.storyline_id, s.size, s.first_seen, s.last_seen, s.merged_into,
                s.updated_at, tuple((a.id, a.published, a.language) for a in s.articles))

    return (row(story), tuple(row(s) for s in storyline if s.id != story.id))


class BuildOnce:
    """An LRU of built values where concurrent askers for one missing key share one build."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._building: dict[Hashable, threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, key: Hashable | None, build: Callable[[], Any]) -> Any:
        if key is None:
            return build()
        with self._guard:
            if key in self._values:
                self._values.move_to_end(key)
                return self._values[key]
            lock = self._building.setdefault(key, threading.Lock())
        with lock:
            with self._guard:  # built by another thread while this one waited
                if key in self._values:
                    self._values.move_to_end(key)
                    return self._values[key]
            try:
                value = build()
            except BaseException:  # reaches this caller; the next one builds again
                with self._guard:
                    self._building.pop(key, None)
                raise
            with self._guard:
                self._values[key] = value
                while len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
                self._building.pop(key, None)
            return value

    def clear(self) -> None:
        with self._guard:
            self._values.clear()


STORIES = BuildOnce()
