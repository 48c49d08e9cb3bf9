"""What the pipeline hands the store: one typed result per batch.

The pipeline decides everything about a batch in memory (duplicates, entity
resolution, story placement, storylines, inferred dates) and describes the
outcome here; `Store.apply(result)` writes it in one transaction, together with
the state the decisions were made from, so a run killed at any moment leaves the
store at the end of a whole batch.

Reports are named by their index key (`external_id@raw-hash-prefix`, see
`index_key`), never by a store id: the pipeline does not know store ids, and a
duplicate's original may be in the same batch.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Union

from khabar.model import Article, DuplicateLink, Entity, Mention, Rejected


def raw_hash(text: str) -> str:
    """sha1 of a report's raw text: re-ingesting the same input adds nothing."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def index_key(external_id: str, raw_digest: str) -> str:
    """The dedup/cluster key of a report: known before it gets a store id, and
    unique like the (external_id, raw_hash) pair the store enforces."""
    return f"{external_id}@{raw_digest[:12]}"


@dataclass
class PreparedReport:
    """One new report with everything decided about it in this batch."""

    key: str  # index key
    article: Article  # cleaned, segmented, content-hashed
    signature: bytes  # MinHash signature (the dedup index is rebuilt from these)
    story_id: str  # the story it was placed in (a live id at the end of the batch)
    mentions: list[Mention] = field(default_factory=list)  # entity_key filled
    duplicate: DuplicateLink | None = None  # `original` is an index key
    # per-report step results kept for story analysis (JSON-able): "times", and
    # whatever later steps add ("quantities", "claims", ...)
    facts: dict[str, Any] = field(default_factory=dict)


# ---- story events: a small tagged union --------------------------------------


@dataclass(frozen=True)
class StoryCreated:
    story_id: str
    key: str  # the founding report
    best_score: float | None = None
    kind: str = "new"


@dataclass(frozen=True)
class ReportJoined:
    story_id: str
    key: str
    how: str  # "join" (scored) | "continue" (next section of a page) | "copy" (near-duplicate)
    score: float | None = None
    original: str | None = None  # for a copy: the original's index key
    kind: str = "join"


@dataclass(frozen=True)
class StoryMerged:
    story_id: str  # the story that ends
    merged_into: str  # the older story that keeps its id
    by_key: str  # the report whose arrival made them one
    score: float | None = None
    kind: str = "merge"


@dataclass(frozen=True)
class StorySplit:
    story_id: str  # the story that keeps its id
    new_story_id: str  # the part that moved out
    moved: tuple[str, ...]  # index keys of the reports that moved (stored earlier or now)
    by_key: str
    detail: dict[str, Any] = field(default_factory=dict)
    kind: str = "split"


StoryEvent = Union[StoryCreated, ReportJoined, StoryMerged, StorySplit]


@dataclass(frozen=True)
class StoryUpdate:
    """A story whose summary row must be rewritten: the store recomputes size and
    first/last dates from its articles; headline and storyline come from here."""

    story_id: str
    headline: str
    storyline_id: str | None


@dataclass(frozen=True)
class InferredDate:
    """An undated report (stored earlier or in this batch) given the publication
    date its story implies."""

    key: str
    published: datetime
    how: str  # how it was inferred, e.g. "story-median"


@dataclass
class BatchResult:
    """Everything one batch changes, applied by `Store.apply` in one transaction."""

    reports: list[PreparedReport] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)  # upserted by key
    events: list[StoryEvent] = field(default_factory=list)
    stories: list[StoryUpdate] = field(default_factory=list)
    storylines: dict[str, str] = field(default_factory=dict)  # story id -> storyline id (changed ones)
    dates: list[InferredDate] = field(default_factory=list)
    # decision state committed with the batch it reflects: name -> JSON-able value
    # (upserted), and names to drop. Names may carry prefixes ("clusterer/story/s-000001").
    state: dict[str, Any] = field(default_factory=dict)
    state_deleted: list[str] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.reports or self.entities or self.events or self.stories or self.storylines
                    or self.dates or self.state or self.state_deleted or self.rejected)
