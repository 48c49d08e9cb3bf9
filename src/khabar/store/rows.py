"""Typed rows: what the store's read side returns.

Every listing returns these instead of database rows, so callers never depend on
a backend's row type; `to_dict()` gives the stable JSON fields (docs/cli.md).
Dates are ISO 8601 strings as stored (None when unknown).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


class Row:
    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ArticleRow(Row):
    id: int
    external_id: str
    title: str
    source: str | None
    url: str | None
    published: str | None
    published_inferred: bool
    language: str | None
    story_id: str | None
    duplicate_of: int | None
    duplicate_kind: str | None
    chars: int = 0  # length of the clean text
    input_name: str = ""


@dataclass(frozen=True)
class StoryRow(Row):
    id: str
    headline: str
    storyline_id: str | None
    first_seen: str | None
    last_seen: str | None
    size: int
    merged_into: str | None = None
    updated_at: str | None = None
    articles: tuple[ArticleRow, ...] = ()  # ordered by publication date, then id

    @property
    def sources(self) -> list[str]:
        return sorted({a.source for a in self.articles if a.source})

    @property
    def languages(self) -> list[str]:
        return sorted({a.language for a in self.articles if a.language})

    @property
    def article_ids(self) -> list[int]:
        return [a.id for a in self.articles]

    @property
    def external_ids(self) -> list[str]:
        return [a.external_id for a in self.articles]

    def to_dict(self, articles: bool = True) -> dict[str, Any]:
        d = {k: getattr(self, k) for k in ("id", "storyline_id", "headline", "first_seen", "last_seen",
                                             "size", "merged_into")}
        d |= {"sources": self.sources, "languages": self.languages,
              "article_ids": self.article_ids, "external_ids": self.external_ids}
        if articles:
            d["articles"] = [a.to_dict() for a in self.articles]
        return d


@dataclass(frozen=True)
class StoryEventRow(Row):
    story_id: str
    kind: str
    detail: dict[str, Any]
    at: str


@dataclass(frozen=True)
class SearchHit(Row):
    id: int
    external_id: str
    title: str
    source: str | None
    published: str | None
    story_id: str | None
    snippet: str  # matched words marked [like this]
    score: float  # lower is better (bm25 convention)


@dataclass(frozen=True)
class EntityRow(Row):
    key: str
    type: str
    display: str
    latin: str
    aliases: dict[str, int]
    roles: dict[str, int]
    mentions: int = 0  # mentions counted (in the story, when asked for one)
    articles: int = 0  # reports that mention it


@dataclass(frozen=True)
class EntityStoryRow(Row):
    """One story an entity appears in."""

    story_id: str | None
    first: str | None
    last: str | None
    mentions: int


@dataclass(frozen=True)
class RejectionRow(Row):
    input_name: str
    line: int | None
    code: str
    message: str
    at: str


@dataclass(frozen=True)
class AppliedBatch(Row):
    """What `Store.apply` did: the store id of each new report, by index key."""

    ids: dict[str, int] = field(default_factory=dict)
