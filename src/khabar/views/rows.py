"""Typed rows from any store: the store's own typed rows pass through; a store that still
answers with plain dicts (the pre-protocol SQLite store) is wrapped into the same rows,
so the page builders are written once, against store/rows.py."""

from __future__ import annotations

from dataclasses import MISSING, fields
from typing import Any, Iterable

from khabar.store.rows import ArticleRow, EntityRow, EntityStoryRow, SearchHit, StoryEventRow, StoryRow


def _make(cls, d: Any):
    if isinstance(d, cls):
        return d
    names = {f.name for f in fields(cls)}
    required = {f.name: None for f in fields(cls) if f.default is MISSING and f.default_factory is MISSING}
    return cls(**(required | {k: v for k, v in dict(d).items() if k in names}))


def article_row(d: Any) -> ArticleRow:
    row = _make(ArticleRow, d)
    if not isinstance(row.published_inferred, bool):
        from dataclasses import replace

        row = replace(row, published_inferred=bool(row.published_inferred))
    return row


def article_rows(ds: Iterable[Any]) -> list[ArticleRow]:
    return [article_row(d) for d in ds]


def story_row(d: Any) -> StoryRow:
    if isinstance(d, StoryRow):
        return d
    d = dict(d)
    d["articles"] = tuple(article_row(a | {"story_id": d["id"]}) for a in d.get("articles") or [])
    return _make(StoryRow, d)


def story_rows(ds: Iterable[Any]) -> list[StoryRow]:
    return [story_row(d) for d in ds]


def event_rows(ds: Iterable[Any]) -> list[StoryEventRow]:
    return [_make(StoryEventRow, d) for d in ds]


def search_hits(ds: Iterable[Any]) -> list[SearchHit]:
    return [_make(SearchHit, d) for d in ds]


def entity_rows(ds: Iterable[Any]) -> list[EntityRow]:
    return [_make(EntityRow, d) for d in ds]


def entity_story_rows(ds: Iterable[Any]) -> list[EntityStoryRow]:
    return [_make(EntityStoryRow, d) for d in ds]
