"""Typed pages: what a builder returns and any renderer (text, Markdown, JSON, HTML) takes.

`to_json()` gives a page's stable JSON fields (docs/cli.md): the CLI's --json, the HTTP
API and the HTML templates all read the same page object.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import date, datetime
from typing import Any

from khabar.model import Article, Claim
from khabar.store.rows import (ArticleRow, EntityRow, EntityStoryRow, SearchHit, StoryEventRow,
                               StoryRow)


def plain(obj: Any) -> Any:
    """Dataclasses, tuples and dates as JSON-ready values."""
    if is_dataclass(obj) and not isinstance(obj, type):
        return plain(obj.to_dict() if hasattr(obj, "to_dict") else asdict(obj))
    if isinstance(obj, dict):
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [plain(v) for v in obj]
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    return obj


def claim_json(c: Claim) -> dict[str, Any]:
    return {"external_id": c.external_id, "source": c.source, "sentence": c.sentence, "kind": c.kind,
            "subject": c.subject, "value": c.value, "hedge": c.hedge, "scope": c.scope,
            "place_from": c.place_from, "speaker": c.speaker, "via": c.via, "text": c.text}


# ---- listings ------------------------------------------------------------------


@dataclass
class StoriesPage:
    stories: list[StoryRow]
    order: str = "newest"
    filters: dict[str, Any] = field(default_factory=dict)  # since, until, source, language, entity
    offset: int = 0
    limit: int = 50
    more: bool = False  # a next page exists
    total: int | None = None  # stories on all pages of this listing

    def to_json(self) -> list[dict]:
        return [s.to_dict(articles=False) for s in self.stories]


@dataclass
class StorylinePage:
    id: str
    stories: list[StoryRow]  # in time order

    def to_json(self) -> dict:
        return {"id": self.id, "stories": [s.to_dict(articles=False) for s in self.stories]}


@dataclass
class ArticlesPage:
    articles: list[ArticleRow]
    total: int | None = None  # reports on all pages of this listing

    def to_json(self) -> list[dict]:
        return [_article_listing(a) for a in self.articles]


_LISTING = ("id", "external_id", "title", "source", "url", "published", "published_inferred", "language",
            "story_id", "duplicate_of", "duplicate_kind", "chars")


def _article_listing(a: ArticleRow) -> dict:
    d = a.to_dict()
    d["published_inferred"] = int(bool(d["published_inferred"]))  # documented as 1 / 0
    return {k: d[k] for k in _LISTING}


@dataclass
class SearchPage:
    query: str
    hits: list[SearchHit]
    offset: int = 0
    limit: int = 20
    more: bool = False  # a next page exists
    also: str | None = None  # the query's spelling in the other script, searched too
    total: int = 0  # hits in all pages
    filters: dict[str, str] = field(default_factory=dict)  # source, language, since, until

    def to_json(self) -> list[dict]:
        return [h.to_dict() for h in self.hits]


@dataclass
class EntitiesPage:
    entities: list[EntityRow]
    story_id: str | None = None
    salience: dict[str, float] = field(default_factory=dict)  # within the story, when one is asked

    def to_json(self) -> list[dict]:
        out = []
        for e in self.entities:
            d = e.to_dict()
            if self.story_id:
                d["salience"] = self.salience.get(e.key, 0.0)
            out.append(d)
        return out


# ---- one thing ------------------------------------------------------------------


@dataclass
class ArticlePage:
    article: Article
    row: ArticleRow

    def to_json(self) -> dict:
        a = self.article
        return {
            "id": a.id, "external_id": a.external_id, "title": a.title, "source": a.source, "url": a.url,
            "published": a.published.isoformat() if a.published else None,
            "published_inferred": a.published_inferred, "language": a.language, "dateline": a.dateline,
            "story_id": self.row.story_id, "duplicate_of": self.row.duplicate_of,
            "duplicate_kind": self.row.duplicate_kind, "metadata": a.metadata, "clean_text": a.clean_text,
            "removed": [{"start": r.start, "end": r.end, "reason": r.reason, "text": r.text, "detail": r.detail}
                        for r in a.removed],
            "sentences": [{"index": s.index, "start": s.start, "end": s.end, "text": s.text}
                          for s in a.sentences],
        }


@dataclass
class EntityPage:
    entity: EntityRow
    stories: list[EntityStoryRow]
    headlines: dict[str, str] = field(default_factory=dict)  # story id -> headline, when looked up
    stories_total: int | None = None  # stories it appears in, when `stories` is cut to a limit

    def to_json(self) -> dict:
        e = self.entity
        total = len(self.stories) if self.stories_total is None else self.stories_total
        return {"key": e.key, "type": e.type, "display": e.display, "latin": e.latin, "aliases": e.aliases,
                "roles": e.roles, "stories": [s.to_dict() for s in self.stories], "stories_total": total}


@dataclass
class ClaimsPage:
    story_id: str
    claims: list[Claim]
    agreements: list[Any]  # analysis.compare.Agreement
    conflicts: list[Any]  # model.Conflict

    def to_json(self) -> dict:
        return {
            "story_id": self.story_id,
            "claims": [claim_json(c) for c in self.claims],
            "agreements": [
                {"subject": a.subject, "scope": a.scope, "value": a.value, "reports": a.reports,
                 "speakers": a.speakers, "claims": [claim_json(c) for c in a.claims],
                 "compatible": [claim_json(c) for c in a.compatible]}
                for a in self.agreements],
            "conflicts": [{"subject": c.subject, "kind": c.kind, "note": c.note,
                           "claims": [claim_json(x) for x in c.claims]} for c in self.conflicts],
        }


@dataclass
class TimelinePage:
    story_id: str
    events: list[Any]  # model.Event, own support only
    publication: dict[str, tuple[datetime | None, str]]
    reports_read: int = 0  # reports the events were read from (the first STORYLINE_CONTEXT_LIMIT)
    reports_total: int = 0  # reports of the story or storyline

    def to_json(self) -> dict:
        return {
            "story_id": self.story_id,
            "reports_read": self.reports_read,
            "reports_total": self.reports_total,
            "cut": self.reports_read < self.reports_total,
            "events": [
                {"date": e.date, "granularity": e.granularity, "label": e.label, "background": e.background,
                 "inferred": e.inferred, "report": e.support[0][1] == -1,
                 "support": [{"external_id": x, "sentence": i, "text": t} for x, i, t in e.support]}
                for e in self.events],
            "publication": {x: {"published": p.isoformat() if p else None, "how": how}
                            for x, (p, how) in self.publication.items()},
        }


@dataclass
class SummaryPage:
    story_id: str
    summary: Any  # summary.Summary
    abstractive: Any = None  # summary.abstractive result, when asked

    def to_json(self) -> dict:
        s = self.summary
        data = {"story_id": self.story_id, "headline": s.headline, "n_reports": s.n_reports,
                "sentences": [
                    {"text": x.text, "external_id": x.external_id, "sentence": x.sentence, "source": x.source,
                     "citations": x.citations, "date": x.date, "conflicts": x.conflicts}
                    for x in s.sentences]}
        if self.abstractive is not None:
            data["abstractive"] = self.abstractive.to_dict()
        return data


@dataclass
class ReportPage:
    """The story report: the sections documented in khabar.render.report (plain values)."""

    story: dict[str, Any]
    summary: list[dict] = field(default_factory=list)
    abstractive: dict | None = None
    timeline: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    claims: list[dict] = field(default_factory=list)
    conflicts: list[dict] = field(default_factory=list)
    disagreements: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    coverage: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        # its fields are plain values already; asdict would deep-copy them first (a
        # fifth of a large story's page)
        return plain({name: getattr(self, name) for name in self.__dataclass_fields__})

    @classmethod
    def from_dict(cls, d: dict) -> "ReportPage":
        names = cls.__dataclass_fields__
        return cls(**{k: v for k, v in d.items() if k in names})


@dataclass
class StoryPage:
    """One story: its row, its history and (for the web page and the API) its report."""

    story: StoryRow
    history: list[StoryEventRow]
    report: ReportPage | None = None

    def to_json(self) -> dict:
        d = self.story.to_dict() | {"history": [h.to_dict() for h in self.history]}
        if self.report is not None:  # nested: its "sources" are reports, the story's are outlets
            d["report"] = self.report.to_json()
        return d
