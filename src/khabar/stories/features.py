"""Per-report features for story matching.

A report becomes a bag of weighted terms: title words (weighted up), lead words,
body words, the dateline place ("P:") and linked entity keys ("E:") when the
entities step has run. Words are Devanagari-correct match keys (khabar.text.normalize)
with a light Hindi plural/oblique stemmer so "सैनिक" and "सैनिकों" meet.
Term weights become TF-IDF only inside the clusterer, which owns the document
frequencies.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Iterable

import regex

from khabar import lang as _lang
from khabar.model import Article, as_date
from khabar.text.normalize import content_words, match_key, tokens

TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
LEAD_WORDS = 60
MAX_BODY_CHARS = 6000  # tokenising more than is kept costs time for nothing
MAX_BODY_WORDS = 400  # later paragraphs drift to background; they add noise, not evidence
ENTITY_WEIGHT = 1.0  # raw weight of an entity key; ClusterSettings.entity_weight scales it
DATE_WEIGHT = 1.0  # raw weight of a stated event day; ClusterSettings.date_weight scales it
PLACE_WEIGHT = 1.5
NUMBER_WEIGHT = 1.0
NUMBER_MIN_DIGITS = 2
HEAD_WORDS = 30
_SENT_END = regex.compile(r"[.!?।॥](?=\s|$)|\n")


@dataclass
class ReportFeatures:
    """What the clusterer needs to know about one report; JSON-able via to_dict()."""

    key: str  # external id (unique)
    date: date | None = None  # publication (or inferred) date; None = unknown
    terms: dict[str, float] = field(default_factory=dict)  # term -> raw weight (tf x field weight)
    title: str = ""  # kept for headlines and the optional semantic embedding
    lead: str = ""
    language: str | None = None
    embedding: list[float] | None = None  # optional, from steps.semantic
    page: str | None = None  # reports cut from one page share this (URL or input name)
    section: int | None = None  # position of the report within that page
    # days the report is about as "MM-DD" (year dropped: it is often unstated): stated
    # ones, ones relative to its date, its date
    event_days: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "ReportFeatures":
        d = dict(d)
        if d.get("date"):
            d["date"] = date.fromisoformat(d["date"])
        return cls(**d)


# Story terms are one space for every report, whatever its language: a story holds
# reports in several languages, and reports quote other languages' words (Hindi ones
# English). So the stop words and endings are those of every language khabar has data
# for, not of one report's.


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The stop words of every supported language, as match keys."""
    return frozenset(match_key(w) for language in _lang.registry().values() for w in language.stopwords())


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    sufs = {match_key(s) for language in _lang.registry().values() if language.has("suffixes")
            for s in language.wordlist("suffixes")}
    return tuple(sorted(sufs, key=lambda s: (-len(s), s)))


def stem(word: str) -> str:
    """Strip one plural/oblique ending (lang/<code>/suffixes.txt), keeping a stem of at
    least two letters."""
    for suf in _suffixes():
        if word.endswith(suf) and len(word) - len(suf) >= 2:
            return word[: -len(suf)]
    return word


# English abbreviations written out, so that "Mt Cook" and "Mount Cook" meet (ECB+ 23a
# was five stories partly over this); only ones that are no other word
EN_SHORT = {"mt": "mount", "calif": "california", "gov": "governor", "sen": "senator",
            "sgt": "sergeant", "ave": "avenue", "blvd": "boulevard"}


def words(text: str) -> list[str]:
    """Stemmed content-word keys of `text` (English abbreviations written out)."""
    return [stem(EN_SHORT.get(w, w)) for w in content_words(text, stop_words())]


def numbers(text: str) -> list[str]:
    """Number terms ("N:2008", "N:10000") of `text`: years, tallies and counts tell
    two similar events apart (one rehab check-in in 2008, another in 2013)."""
    out = []
    for tok in tokens(text):
        key = match_key(tok)
        if key[:1].isdigit():
            digits = key.replace(",", "")
            if len(digits) >= NUMBER_MIN_DIGITS and digits.replace(".", "", 1).isdigit():
                out.append("N:" + digits)
    return out


@lru_cache(maxsize=4096)
def headline_terms(title: str, min_words: int = 3) -> tuple[str, ...]:
    """The word and number terms of `title` when it reads as a headline: at least
    `min_words` content words, outnumbering its digit tokens. A shorter title is a
    sub-heading ("इन पर रहेगी पाबंदी"); one made mostly of digits is a date line
    that the clean step took for a title ("May 2 , 2013 , 1 : 12 PM"). Else ().
    Cached: the clusterer asks again for a kept member's title on absorb and merge."""
    ws = words(title)
    digits = sum(1 for tok in tokens(title) if tok[:1].isdigit())
    if len(set(ws)) < min_words or digits >= len(ws):
        return ()
    return tuple(sorted(set(ws) | set(numbers(title))))


def _first_sentence(text: str) -> str:
    """The opening sentence (at most HEAD_WORDS words): it stands in for a missing
    headline, as scraped and wire texts often have none."""
    m = _SENT_END.search(text[:600])
    return " ".join(text[: m.end() if m else 600].split()[:HEAD_WORDS])


def _lead(text: str, n_words: int) -> str:
    parts = text.split()
    return " ".join(parts[:n_words])


def build_features(
    key: str,
    title: str,
    text: str,
    *,
    published: datetime | date | None = None,
    place: str | None = None,
    entities: Iterable[str] = (),
    times: Iterable[str] = (),
    relative_times: Iterable[str] = (),
    language: str | None = None,
    page: str | None = None,
    section: int | None = None,
) -> ReportFeatures:
    """Features of one report from its parts.

    `entities` are canonical entity keys ("PER:putin"), one per mention, from the
    entities step, if it has run; `times` are ISO values of the time expressions the
    text states (`event_times` of the dates step's output) and `relative_times` the
    ones it gives relative to the publication date ("बुधवार"); `place` is the dateline
    place from the clean step.
    """
    terms: Counter[str] = Counter()
    body_words = words(text[:MAX_BODY_CHARS])[:MAX_BODY_WORDS]
    head = title or _first_sentence(text)
    for w in words(head):
        terms[w] += TITLE_WEIGHT
    for i, w in enumerate(body_words):
        terms[w] += LEAD_WEIGHT if i < LEAD_WORDS else 1.0
    for n in numbers(title):
        terms[n] += TITLE_WEIGHT * NUMBER_WEIGHT
    for n in numbers(text[:5000]):
        terms[n] += NUMBER_WEIGHT
    # Sublinear tf: a word repeated ten times is not ten times the evidence.
    weights = {t: 1.0 + math.log(c) for t, c in terms.items()}
    if place:
        weights["P:" + match_key(place)] = PLACE_WEIGHT
    ents = Counter(entities)
    for ent, c in ents.items():
        weights["E:" + ent] = ENTITY_WEIGHT * (1.0 + math.log(c))
    times = list(times)
    days = [d for d in (month_day(v) for v in times) if d]
    for d, c in Counter(days).items():
        weights["D:" + d] = DATE_WEIGHT * (1.0 + math.log(c))
    # The days the report is about: the ones it states, the ones it counts from its
    # date ("बुधवार को"), and its own date.
    pub = as_date(published)
    about = days + [d for d in (month_day(v) for v in relative_times) if d]
    if pub is not None:
        about.append(pub.isoformat()[5:])
    return ReportFeatures(
        key=key,
        date=as_date(published),
        terms=weights,
        title=title,
        lead=_lead(text, LEAD_WORDS),
        language=language,
        page=page,
        section=section,
        event_days=about,
    )


def month_day(value: str | None) -> str | None:
    """"MM-DD" of a day-precise ISO value ("2024-11-09", "XXXX-11-09"), else None."""
    if value and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value[5:]
    return None


def event_times(times: Iterable[Any], relative: bool = False) -> list[str]:
    """ISO values of the dates a report states outright ("9 नवंबर", "May 3, 2013"),
    from the dates step's TimeExprs; with `relative`, instead the days it counts from
    its publication date ("बुधवार", "yesterday"), which restate that date's week."""
    out = []
    for t in times:
        if not t.value:
            continue
        stated = not t.inferred or t.note.startswith(("year from", "fixed-date"))
        if stated != relative:
            out.append(t.value)
    return out


def article_features(article: Article, entities: Iterable[str] = (), times: Iterable[str] = (),
                     relative_times: Iterable[str] = ()) -> ReportFeatures:
    """Features of an Article, using its cleaned text when the clean step has run."""
    return build_features(
        article.external_id,
        article.title,
        article.clean_text or article.raw_text,
        published=article.published,
        place=article.dateline,
        entities=entities,
        times=times,
        relative_times=relative_times,
        language=article.language,
        page=article.metadata.get("page"),
        section=article.metadata.get("section"),
    )
