"""The Store protocol: every read and write of khabar's data goes through it.

Two backends implement it, chosen by the database URL (`open_store`): SQLite, the
default (a file path or `sqlite:///path`), and PostgreSQL (`postgresql://...`).
Both give the same answers to the same calls, search included.

Writes: `apply(result)` writes one batch (records.BatchResult) in one
transaction; nothing else of a batch is written anywhere else. Reads return
typed rows (store/rows.py) or model objects, never a backend's rows, and a
listing costs a fixed number of queries, not one per row.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Iterable, Iterator, Protocol

from khabar.model import Article, Entity, Mention
from khabar.records import BatchResult
from khabar.store.rows import (AppliedBatch, ArticleRow, EntityRow, EntityStoryRow, RejectionRow,
                               SearchHit, StoryEventRow, StoryRow)

STORY_ORDERS = ("newest", "largest")  # list_stories(order=...): anything else is a BadSetting


class Store(Protocol):
    url: str  # what it was opened from (a path for SQLite)

    # ---- lifecycle ----------------------------------------------------------
    def close(self) -> None: ...
    def __enter__(self) -> "Store": ...
    def __exit__(self, *exc) -> None: ...

    # ---- writes -------------------------------------------------------------
    def apply(self, result: BatchResult) -> AppliedBatch:
        """Write one batch in one transaction: all of it or nothing."""

    def ingest_lock(self) -> AbstractContextManager[None]:
        """Held for a whole ingest: a second ingest on the same database waits a
        short while, then is refused with a StoreError that says so."""

    # ---- what the pipeline starts from --------------------------------------
    def index_rows(self) -> list[tuple[str, bytes, str]]:
        """(index key, MinHash signature, content hash) of every stored report, in
        the order they were stored."""

    def load_entities(self) -> list[Entity]: ...
    def get_state(self, name: str) -> Any: ...
    def state_items(self, prefix: str, undecoded: str | None = None) -> dict[str, Any]:
        """Every state value whose name starts with `prefix`; those whose name starts
        with `undecoded` as `state_codec.Encoded`, to be decoded when first needed."""

    # ---- reports ------------------------------------------------------------
    def article_row(self, ref: str | int) -> ArticleRow:
        """By store id or external id (NotFound if neither)."""

    def load_article(self, ref: str | int) -> Article: ...
    def load_articles(self, ids: Iterable[int]) -> list[Article]:
        """With sentences and removed spans, in id order, in a fixed number of queries."""

    def article_facts(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The per-report step results stored with each report (PreparedReport.facts)."""

    def list_articles(self, limit: int = 50, offset: int = 0, source: str | None = None,
                      language: str | None = None, story: str | None = None) -> list[ArticleRow]: ...
    def count_articles(self, source: str | None = None, language: str | None = None,
                       story: str | None = None) -> int:
        """How many reports list_articles gives with these filters, in all."""
    def iter_articles(self, fields: list[str]) -> Iterator[dict[str, Any]]:
        """Every report's `fields` (article columns), in id order, streamed: for export."""

    def count(self, table: str = "articles") -> int: ...
    def revision(self) -> int:
        """Raised by every stored batch (in its transaction), so equal revisions mean
        equal contents."""
    def search(self, query: str, limit: int = 20, offset: int = 0,
               filters: dict | None = None) -> list[SearchHit]:
        """Every query word must match (Devanagari-aware, nukta-folded); `filters` may
        name a source, a language, and since/until days (store.sql.SEARCH_FILTERS)."""
    def search_count(self, query: str, filters: dict | None = None) -> int:
        """How many reports `search` would find in all."""

    def rejections(self, limit: int = 100) -> list[RejectionRow]: ...

    # ---- stories ------------------------------------------------------------
    def list_stories(self, order: str = "newest", limit: int = 50, offset: int = 0,
                     since: str | None = None, until: str | None = None, source: str | None = None,
                     language: str | None = None, storyline: str | None = None) -> list[StoryRow]: ...
    def count_stories(self, since: str | None = None, until: str | None = None, source: str | None = None,
                      language: str | None = None, storyline: str | None = None) -> int:
        """How many live stories list_stories gives with these filters, in all."""
    def story(self, story_id: str) -> StoryRow:
        """Follows merged_into; NotFound for an unknown id."""

    def story_history(self, story_id: str) -> list[StoryEventRow]: ...
    def story_articles(self, story_id: str) -> list[Article]: ...

    # ---- entities -----------------------------------------------------------
    def mentions_of(self, article_ids: Iterable[int]) -> list[Mention]: ...
    def entity_rows(self, story: str | None = None, limit: int = 100) -> list[EntityRow]:
        """Entities with mention and report counts (within one story if given),
        most reported first."""

    def entity_stories(self, key: str) -> list[EntityStoryRow]: ...
