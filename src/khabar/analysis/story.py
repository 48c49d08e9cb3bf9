"""Story analysis in one place: a story's claims, their agreements and conflicts, its
timeline, the publication dates of its reports, and its entity mentions, computed
once and returned as one StoryAnalysis.

Only the story's own reports are analysed. Other reports of its storyline (the
`context`) are read for one thing: the years of dates their wording leaves out
("इस साल जून में" in an undated November report takes its year from the dated June
report of the same storyline). Per-report step results come from the facts stored
with each report when they are valid (analysis/facts.py), else are computed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Sequence

from khabar import lang
from khabar.analysis.claims import extract_claims
from khabar.analysis.compare import Agreement, compare_claims
from khabar.analysis.facts import compute_facts, find_quantities, find_times, load_facts
from khabar.analysis.timeline import build_timeline
from khabar.model import Article, Claim, Conflict, Event, Mention, Quantity, TimeExpr
from khabar.steps.extract.dates import infer_publication, resolve_story_dates


@dataclass
class StoryAnalysis:
    """Everything story-level about a set of reports (keys are external ids)."""

    claims: list[Claim] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    timeline: list[Event] = field(default_factory=list)  # each event with its own reports' support
    publication: dict[str, tuple[datetime | None, str]] = field(default_factory=dict)  # (date, how)
    mentions: dict[str, list[Mention]] = field(default_factory=dict)
    times: dict[str, list[TimeExpr]] = field(default_factory=dict)  # resolved against the context
    quantities: dict[str, list[Quantity]] = field(default_factory=dict)


def analysis_language(code: str | None):
    """The Language whose claim and event words read a story in `code`: Hindi's when
    that language has none of its own (English reports inside Hindi stories)."""
    try:
        language = lang.get(code or "hi")
    except Exception:  # noqa: BLE001 - an unknown code reads as khabar's first language
        return lang.get("hi")
    claimwords = getattr(language, "claimwords", None)
    return language if hasattr(claimwords, "EVENTS") else lang.get("hi")


def _times(articles: Sequence[Article], facts: dict[int, Any]) -> tuple[dict, dict]:
    """Raw time expressions of each report (stored when valid), and the typed facts found."""
    times, typed = {}, {}
    for a in articles:
        f = load_facts(facts.get(a.id), a) if a.id is not None else None
        if f is not None:
            typed[a.external_id] = f
            times[a.external_id] = f.times
        else:
            times[a.external_id] = find_times(a)
    return times, typed


def analyse_story(articles: Sequence[Article], context: Sequence[Article] = (),
                  mentions: dict[str, list[Mention]] | None = None, language=None,
                  facts: dict[int, Any] | None = None,
                  first_published: date | None = None) -> StoryAnalysis:
    """Analyse the story made of `articles`.

    `context`: other reports of the storyline, used only to resolve dates. `facts`: stored
    per-report facts by store id (Store.article_facts). `first_published`: the date before
    which events are background (default: the first publication date of `articles`).
    Articles are not modified.
    """
    language = language or lang.get("hi")
    facts = facts or {}
    mentions = mentions or {}
    own = [a for a in articles]
    own_ids = {a.external_id for a in own}
    context = [a for a in context if a.external_id not in own_ids]
    raw, typed = _times(own + context, facts)
    resolved = resolve_story_dates(own + context, raw) if any(a.published is None for a in own) else raw
    out = StoryAnalysis(mentions={x: ms for x, ms in mentions.items() if x in own_ids})
    for a in own:
        x = a.external_id
        times = resolved[x]
        out.times[x] = times
        stored = typed.get(x)
        # stored claims hold unless the story changed this report's dates
        if stored is not None and times == stored.times:
            out.quantities[x], claims = stored.quantities, stored.claims
        else:
            out.quantities[x] = stored.quantities if stored is not None else find_quantities(a, times, language)
            claims = extract_claims(a, times, out.quantities[x], mentions.get(x), language)
        out.claims += claims
        out.publication[x] = infer_publication(a, times)
    out.agreements, out.conflicts = compare_claims(out.claims, language)
    out.timeline = build_timeline(own, out.times, out.claims, language, first_published)
    return out


def publication_dates(articles: Sequence[Article], language=None) -> dict[str, tuple[datetime | None, str]]:
    """Each report's publication date (and how it was found), undated ones resolved from
    the others: what ingest stores for reports that came without a date."""
    raw = {a.external_id: find_times(a) for a in articles}
    times = resolve_story_dates(list(articles), raw)
    return {a.external_id: infer_publication(a, times[a.external_id]) for a in articles}


def own_support(events: Sequence[Event], own: set[str]) -> list[Event]:
    """Events supported by the reports in `own`, with only that support."""
    out = []
    for e in events:
        support = [s for s in e.support if s[0] in own]
        if support:
            out.append(replace(e, support=support))
    return out


__all__ = ["StoryAnalysis", "analyse_story", "analysis_language", "publication_dates", "own_support",
           "compute_facts"]
