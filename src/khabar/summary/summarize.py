"""Multi-source extractive summary in which every sentence cites its sources.

A story's sentences are compared across reports; a sentence that other reports
also state (cross-source support) and that carries facts (numbers, dates) scores
high. Sentences are picked by maximal marginal relevance so the same fact is not
told twice, put in reading order (time of the event or report, then importance),
and each one cites every report that states the same fact, not only the report it
was taken from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Sequence


from khabar.model import Article, Claim, Conflict, Entity, Event, Mention
from khabar.summary.headline import choose_headline
from khabar.summary.notes import (conflict_notes, figure_variants, iso_date, sort_date, story_year,
                                  variant_note)
from khabar.summary.select import (SIM_FLOOR, citations_for, score_units, select, states_same_fact,
                                   support_bonus)
from khabar.summary.units import (Reading, Unit, article_sentences, build_units, content_keys, dates_in, figures,
                                  numbers_in, reading_of, simple_sentences, similarity_matrix, story_reading)

__all__ = ["SIM_FLOOR", "Reading", "Summary", "SummarySentence", "Unit", "article_sentences", "build_units",
           "choose_headline", "content_keys", "dates_in", "figures", "numbers_in", "reading_of", "score_units",
           "simple_sentences", "similarity_matrix", "states_same_fact", "story_reading", "summarize"]

@dataclass
class SummarySentence:
    """One summary sentence, the report it is taken from, and every report stating it."""

    text: str
    external_id: str  # report the wording is taken from
    sentence: int  # its index in that report
    source: str  # outlet of that report
    citations: list[str] = field(default_factory=list)  # external ids of every report stating it
    support: dict[str, int] = field(default_factory=dict)  # external id -> backing sentence index
    score: float = 0.0
    date: str | None = None  # ISO (partial) date used for reading order
    conflicts: list[str] = field(default_factory=list)  # human notes on differing figures
    variants: list[dict] = field(default_factory=list)  # {"value", "external_ids", "speakers"}


@dataclass
class Summary:
    headline: str
    sentences: list[SummarySentence]
    n_reports: int

    def to_dict(self) -> dict:
        return asdict(self)


# --- public API ---------------------------------------------------------------


def summarize(
    articles: Sequence[Article],
    n_sentences: int = 6,
    claims: Sequence[Claim] | None = None,
    conflicts: Sequence[Conflict] | None = None,
    events: Sequence[Event] | None = None,
    entities: Sequence[Entity] | None = None,
    mentions: dict[str, Sequence[Mention]] | None = None,
    reading: Reading | None = None,
) -> Summary:
    """Extractive summary of one story; every sentence cites every report stating it.

    `claims` mark sentences that carry an attributed figure (a small bonus);
    `conflicts` are attached as notes to sentences giving a conflicting value
    (without them, differing figures of related sentences are found here);
    `events` give sentence dates for reading order; `entities` (with their
    mentions) or `mentions` (external id -> Mention list) keep sentences about
    different people from backing each other. Words are read with `reading` (the
    languages of the reports when None).
    """
    articles = list(articles)
    reading = reading or story_reading(articles)
    units = build_units(articles, entities, mentions, reading)
    headline = choose_headline(articles, reading)
    if not units or n_sentences <= 0:
        return Summary(headline, [], len(articles))
    sim = similarity_matrix(units)
    year = story_year(articles, units)
    score = score_units(units, sim, len(articles), year)
    if claims:
        claimed = {(c.external_id, c.sentence) for c in claims}
        for i, u in enumerate(units):
            if (u.external_id, u.index) in claimed:
                score[i] += 0.03
    support_bonus(units, sim, score, len(articles))
    chosen = select(units, sim, score, n_sentences)

    event_dates: dict[tuple[str, int], str] = {}
    for ev in events or ():
        if ev.background:
            continue
        for ext, idx, _t in ev.support:
            event_dates.setdefault((ext, idx), ev.date)
    by_key = {(u.external_id, u.index): u for u in units}
    out = []
    for i in chosen:
        u = units[i]
        support = citations_for(i, units, sim)
        when = sort_date(u, articles, year, event_dates)
        if not u.dates:
            # a sentence without a date takes the day its supporting reports name
            days = [d for ext, idx in support.items() for d in by_key[(ext, idx)].dates if d[2]]
            if days:
                y, m, d = min(days, key=lambda t: (t[0] or year, t[1], t[2]))
                when = (y or year, m, d)
        s = SummarySentence(u.text, u.external_id, u.index, u.source,
                            citations=list(support), support=support,
                            score=round(float(score[i]), 4), date=iso_date(when))
        if conflicts:
            s.conflicts = conflict_notes(u, conflicts)
        else:
            s.variants = figure_variants(i, units, sim, reading)
            if s.variants:
                s.conflicts = [variant_note(s.variants, reading)]
        out.append((when, -score[i], s))
    far = (9999, 99, 99)
    out.sort(key=lambda t: (t[0] is None, t[0] or far, t[1]))
    return Summary(headline, [s for *_x, s in out], len(articles))


