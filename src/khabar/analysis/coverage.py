"""Who reported what: per source, the facts only it carries, the facts every report
carries, and the facts it leaves out that others carry.

A fact is a group of sentences from different reports that state the same thing
(the summary's support test). It can come from a Summary (its sentences and
citations) or from all sentences of the story (`story_facts`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Sequence

import numpy as np

from khabar.model import Article
from khabar.summary.select import SIM_FLOOR, score_units, states_same_fact
from khabar.summary.summarize import Summary
from khabar.summary.units import build_units, similarity_matrix


@dataclass
class Fact:
    text: str  # wording of its most central sentence
    external_ids: list[str]  # reports that state it
    support: dict[str, int] = field(default_factory=dict)  # external id -> sentence index


@dataclass
class SourceCoverage:
    source: str  # outlet (or the report's external id when the outlet is unknown)
    external_ids: list[str]
    only_here: list[Fact] = field(default_factory=list)  # facts no other source carries
    shared_by_all: list[Fact] = field(default_factory=list)  # facts every source carries
    left_out: list[Fact] = field(default_factory=list)  # facts most other sources carry, not this one


def story_facts(articles: Sequence[Article], min_score: float = 0.0) -> list[Fact]:
    """Group the story's sentences into facts, most central first.

    Greedy: the best-scored sentence opens a fact and takes, from each other
    report, its closest sentence stating the same thing.
    """
    units = build_units(articles)
    if not units:
        return []
    sim = similarity_matrix(units)
    score = score_units(units, sim, len(articles))
    used: set[int] = set()
    facts = []
    for i in np.argsort(-score):
        i = int(i)
        if i in used or score[i] < min_score:
            continue
        u = units[i]
        support = {u.external_id: u.index}
        best: dict[int, tuple[float, int]] = {}
        for j in np.nonzero(sim[i] >= SIM_FLOOR)[0]:
            j = int(j)
            v = units[j]
            if j in used or v.article == u.article:
                continue
            s = float(sim[i, j])
            if states_same_fact(u, v, s) and s > best.get(v.article, (-1.0, -1))[0]:
                best[v.article] = (s, j)
        used.add(i)
        for _a, (_s, j) in sorted(best.items()):
            used.add(j)
            support[units[j].external_id] = units[j].index
        facts.append(Fact(u.text, list(support), support))
    return facts


def _summary_facts(summary: Summary) -> list[Fact]:
    return [Fact(s.text, list(s.citations), dict(s.support)) for s in summary.sentences]


def coverage(
    articles: Sequence[Article], facts: Summary | Sequence[Fact] | None = None, left_out_share: float = 0.5
) -> list[SourceCoverage]:
    """Per source: facts only it carries, facts all carry, facts it leaves out.

    `facts` is a Summary (its sentences are the facts) or a list of Fact; by
    default all facts of the story. A fact counts as left out by a source when
    at least `left_out_share` of the other sources carry it.
    """
    if facts is None:
        fact_list = story_facts(articles)
    elif isinstance(facts, Summary):
        fact_list = _summary_facts(facts)
    else:
        fact_list = list(facts)
    source_of = {a.external_id: (a.source or a.external_id) for a in articles}
    sources: dict[str, list[str]] = {}
    for a in articles:
        sources.setdefault(source_of[a.external_id], []).append(a.external_id)
    out = []
    for src, ext_ids in sources.items():
        cov = SourceCoverage(src, ext_ids)
        others = [s for s in sources if s != src]
        for f in fact_list:
            carriers = {source_of.get(e, e) for e in f.external_ids}
            mine = src in carriers
            if mine and carriers == {src} and others:
                cov.only_here.append(f)
            elif mine and carriers >= set(sources):
                cov.shared_by_all.append(f)
            elif not mine and others and len(carriers & set(others)) / len(others) >= left_out_share:
                cov.left_out.append(f)
        out.append(cov)
    return out


def coverage_dict(items: Sequence[SourceCoverage]) -> list[dict]:
    """Plain dicts for the report and the API."""
    return [asdict(c) for c in items]
