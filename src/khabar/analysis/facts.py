"""Per-report facts: the step results of one report that story analysis reads (time
expressions, quantities, claims), computed once at ingest and stored as JSON with the
report (Store.article_facts), so a story page need not re-extract them.

Facts depend on the date a report's time expressions were read against (its
publication date): they carry it as "ref", and `load_facts` refuses facts read
against another date (a report whose date was inferred after ingest), so the caller
computes them afresh.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from khabar import lang
from khabar.analysis.claims import extract_claims
from khabar.model import Article, Claim, Mention, Quantity, TimeExpr
from khabar.steps.extract.dates import extract_times
from khabar.steps.extract.quantities import extract_quantities

FACTS_VERSION = 3  # bump when what a fact holds changes: older stored facts are then recomputed


@dataclass
class ReportFacts:
    """Typed per-report facts."""

    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)


def reference_date(article: Article) -> str | None:
    """The date time expressions of `article` are read against (ISO day), if any."""
    p = article.published
    if p is None:
        return None
    return (p.date() if isinstance(p, datetime) else p).isoformat()


def find_times(article: Article) -> list[TimeExpr]:
    return extract_times(article)


def find_quantities(article: Article, times: list[TimeExpr], language=None) -> list[Quantity]:
    """Counts of `article`, the spans of its time expressions left out, read with
    `language` (the report's own, `lang.for_report`, when None)."""
    language = lang.resolve(language) if language is not None else lang.for_report(article)
    return extract_quantities(article.clean_text or article.raw_text, article.sentences,
                              [(t.start, t.end) for t in times], language)


def compute_facts(article: Article, language=None, mentions: list[Mention] | None = None,
                  times: list[TimeExpr] | None = None) -> ReportFacts:
    """Times, quantities and claims of one report, read on their own (no story context).
    `times`: the report's time expressions when already found."""
    times = find_times(article) if times is None else times
    quantities = find_quantities(article, times, language)
    if mentions is None:
        mentions = [m for m in article.metadata.get("mentions") or [] if isinstance(m, Mention)]
    return ReportFacts(times, quantities, extract_claims(article, times, quantities, mentions, language))


def report_facts(article: Article, language=None, mentions: list[Mention] | None = None,
                 times: list[TimeExpr] | None = None) -> dict[str, Any]:
    """The JSON facts of one prepared report (what `prepare` stores with it, under
    "report"). Mentions default to article.metadata["mentions"]."""
    f = compute_facts(article, language or lang.get("hi"), mentions, times)
    return {"version": FACTS_VERSION, "ref": reference_date(article),
            "times": [time_to_json(t) for t in f.times],
            "quantities": [quantity_to_json(q) for q in f.quantities],
            "claims": [claim_to_json(c) for c in f.claims]}


def load_facts(raw: dict[str, Any] | None, article: Article) -> ReportFacts | None:
    """Typed facts of `article` from its stored JSON (the report's stored facts, or their
    "report" part), or None when absent, of another version, or read against another
    date than the report's current one."""
    if raw and "report" in raw:
        raw = raw["report"]
    if not raw or raw.get("version") != FACTS_VERSION or "claims" not in raw:
        return None
    if raw.get("ref") != reference_date(article):
        return None
    return ReportFacts([time_from_json(t) for t in raw.get("times") or []],
                       [quantity_from_json(q) for q in raw.get("quantities") or []],
                       [claim_from_json(c, article) for c in raw.get("claims") or []])


# ---- JSON (de)serialisers ----------------------------------------------------------


def time_to_json(t: TimeExpr) -> dict[str, Any]:
    return asdict(t)


def time_from_json(d: dict[str, Any]) -> TimeExpr:
    return TimeExpr(**d)


def quantity_to_json(q: Quantity) -> dict[str, Any]:
    return asdict(q)


def quantity_from_json(d: dict[str, Any]) -> Quantity:
    return Quantity(**d)


def claim_to_json(c: Claim) -> dict[str, Any]:
    """A claim without its store id: facts are made before the report has one."""
    d = asdict(c)
    d.pop("article_id")
    return d


def claim_from_json(d: dict[str, Any], article: Article | None = None) -> Claim:
    return Claim(article_id=article.id if article else None, **d)
