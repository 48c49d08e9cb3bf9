"""The data model every step speaks.

Offsets (`start`, `end`) are character offsets into `Article.clean_text` unless a
field says otherwise; removed noise is recorded against `Article.raw_text`.
"""

from __future__ import annotations

import bisect
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any


@dataclass
class Span:
    """A stretch of text with a label, e.g. a removed ad placeholder or a token."""

    start: int
    end: int
    label: str
    text: str = ""


@dataclass
class RemovedSpan:
    """Noise cut out of the raw text, with the reason it was cut."""

    start: int  # offsets into Article.raw_text
    end: int
    reason: str  # machine code: "ad-placeholder", "source-line", "promo-headline", ...
    text: str
    detail: str = ""  # human note, e.g. the similarity score of an off-topic line


@dataclass
class Sentence:
    index: int
    start: int
    end: int
    text: str
    paragraph: int = 0


class SpanIndex:
    """Items with character spans (sentences, mentions, skipped time spans), searchable by
    offset: which one overlaps [a, b) is two bisections (over the starts, and over a running
    maximum of the ends), so a report of 100,000 sentences and as many figures costs
    n log n, not n squared. Items are kept in start order."""

    def __init__(self, items, span=lambda x: (x.start, x.end)):
        pairs = sorted(((span(x), k) for k, x in enumerate(items)), key=lambda p: (p[0][0], p[1]))
        self.items = [items[k] for _, k in pairs]
        self.starts = [a for (a, _), _ in pairs]
        self.max_end: list[int] = []
        for (_, b), _ in pairs:
            self.max_end.append(max(b, self.max_end[-1]) if self.max_end else b)

    def first_overlapping(self, a: int, b: int):
        """The first item (by start) whose span overlaps [a, b), or None."""
        i = bisect.bisect_left(self.starts, b)  # items starting before b
        j = bisect.bisect_right(self.max_end, a)  # the first whose end, or an earlier one's, passes a
        return self.items[j] if j < i else None

    def overlaps(self, a: int, b: int) -> bool:
        return self.first_overlapping(a, b) is not None

    def at(self, pos: int):
        """The item holding offset `pos` (for sentences: the sentence of a figure or a date)."""
        return self.first_overlapping(pos, pos + 1)


@dataclass
class Article:
    """One news report as read from its input, then enriched by the steps."""

    external_id: str
    raw_text: str
    title: str = ""
    source: str | None = None  # outlet ("Amar Ujala", "TASS")
    url: str | None = None
    published: datetime | None = None
    published_inferred: bool = False  # True when dates step guessed it from text/story
    language: str | None = None
    input_name: str = ""  # file or URL it was read from
    metadata: dict[str, Any] = field(default_factory=dict)
    # filled by steps
    clean_text: str = ""
    dateline: str | None = None
    removed: list[RemovedSpan] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    content_hash: str = ""
    id: int | None = None  # store id, once stored

    def sentence_at(self, index: int) -> Sentence | None:
        """The sentence numbered `index`; sentences are numbered in order, so this is a
        lookup, not a scan (a report can have 100,000 of them and as many dates)."""
        if 0 <= index < len(self.sentences) and self.sentences[index].index == index:
            return self.sentences[index]
        return next((s for s in self.sentences if s.index == index), None)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        return d


@dataclass
class Rejected:
    """An input item that could not be read, with a coded reason naming the input."""

    input_name: str
    code: str
    message: str
    line: int | None = None


@dataclass
class DuplicateLink:
    """`article` is an exact or near copy of `original` (the earliest report)."""

    article: str  # content_hash or external id of the copy
    original: str
    kind: str  # "exact" | "near"
    similarity: float


@dataclass
class Mention:
    article_id: int | None
    sentence: int
    start: int
    end: int
    text: str
    type: str  # PER | LOC | ORG
    entity_key: str = ""  # canonical key once linked
    role: str = ""  # stated role, e.g. "रूसी राष्ट्रपति"


@dataclass
class Entity:
    key: str  # stable canonical key, e.g. "PER:putin"
    type: str
    display: str  # display name in the corpus' main script
    latin: str = ""  # Latin-script name
    aliases: dict[str, int] = field(default_factory=dict)  # alias -> count as seen
    roles: dict[str, int] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class TimeExpr:
    start: int
    end: int
    text: str
    value: str | None  # ISO date "2024-11-09", "2024-06", "2024"
    granularity: str  # day | month | year | week | unknown
    inferred: bool = False  # year (or more) taken from context, not the text
    sentence: int = -1
    note: str = ""


@dataclass
class Quantity:
    start: int
    end: int
    text: str
    value: float
    unit: str  # counted thing, e.g. "सैनिक"
    hedge: str = ""  # "about" | "more-than" | "at-least" | "less-than" | ""
    scope: str = ""  # "रूस में"
    sentence: int = -1
    # of a running measure (cases, tests, ...): "new" in a period ("छह नए मामले", "शनिवार को
    # छह मामले सामने आए"), "total" so far ("अब तक 251 मामले"), "rate" ("रोजाना 5,000 जांच"),
    # or "" when the text does not say
    period: str = ""
    # of a new count, the length of the period its clause names, as a key ("24 घंट"), "+" for
    # "so many more" (since the outlet's last figure), or ""
    window: str = ""


@dataclass
class Claim:
    article_id: int | None
    external_id: str
    sentence: int
    text: str  # the sentence
    kind: str  # "quantity" | "date" | "statement"
    subject: str  # counted thing / event name, normalised for grouping
    value: str  # normalised value, e.g. "10000" or "2024-11-09"
    hedge: str = ""
    scope: str = ""
    speaker: str = ""  # who says it
    via: str = ""  # outlet or agency it came through
    source: str = ""  # the report's outlet
    window: str = ""  # of a new count, the length of the period it is new in ("24 घंट"), if said
    # "report": `scope` is the report's place (its title's or lead's), not one stated with
    # the figure; shown, but no ground for comparing it with other places
    place_from: str = ""


@dataclass
class Conflict:
    subject: str
    kind: str  # "value" | "update" (a running total's later figure) | "scope" | "speaker"
    claims: list[Claim] = field(default_factory=list)
    note: str = ""


@dataclass
class Event:
    date: str  # ISO, granularity-dependent
    granularity: str
    label: str
    background: bool = False
    inferred: bool = False
    support: list[tuple[str, int, str]] = field(default_factory=list)  # (external_id, sentence, text)


@dataclass
class Story:
    id: str  # stable id, e.g. "s-000001"
    headline: str = ""
    storyline_id: str | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    article_ids: list[int] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)


def as_date(value: datetime | date | None) -> date | None:
    if value is None:
        return None
    return value.date() if isinstance(value, datetime) else value
