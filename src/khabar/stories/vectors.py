"""Report vectors: incremental IDF and the sparse-vector arithmetic of the clusterer.

A report's vector has three channels, each a unit vector of its own: main terms
(words, numbers, place), entity keys ("E:...") and stated event days ("D:MM-DD").
IDF is learned as reports arrive and frozen into a report's vector when it is
placed, so the same reports in two batches give the same vectors as in one.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from typing import Iterable

from khabar.config import ClusterSettings
from khabar.stories.features import ReportFeatures

Vector = dict[str, float]

_SIDE = ("E:", "D:")
SIDE_TERMS = 30  # entity keys and event days a centroid keeps, besides its main terms


class DocumentFrequencies:
    """How many reports (placed or only observed) used each term. Increments since
    the last `take_delta` are kept apart so the state can be saved per batch."""

    def __init__(self, n_docs: int = 0, df: dict[str, int] | None = None):
        self.n_docs = n_docs
        self.df: Counter[str] = Counter(df or {})
        self._delta: Counter[str] = Counter()

    def count(self, terms: Iterable[str]) -> None:
        terms = list(terms)
        self.n_docs += 1
        self.df.update(terms)
        self._delta.update(terms)

    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0

    def take_delta(self) -> dict[str, int]:
        """Counts added since the last call."""
        out, self._delta = dict(self._delta), Counter()
        return out


def vectorize(f: ReportFeatures, freq: DocumentFrequencies, s: ClusterSettings) -> Vector:
    """Count the report's terms, then return its unit vector over its words, numbers
    and place, plus (when their weights are on) separate unit vectors over its entity
    keys ("E:") and stated event days ("D:"): each side channel is scored on its own."""
    freq.count(f.terms.keys())
    main, ents, days = {}, {}, {}
    for t, w in f.terms.items():
        if t.startswith("E:"):
            if s.entity_weight:
                x = s.place_entity_weight if t.startswith("E:LOC:") else 1.0
                if x:
                    ents[t] = x * w * freq.idf(t)
        elif t.startswith("D:"):
            if s.date_weight:
                days[t] = w * freq.idf(t)
        else:
            main[t] = w * freq.idf(t)
    k = s.doc_terms
    if k and len(main) > k:
        # A long report's tail of weak terms only dilutes the cosine.
        main = dict(heapq.nlargest(k, main.items(), key=lambda p: p[1]))
    vec = unit(main)
    vec.update(unit(ents))
    vec.update(unit(days))
    return vec


def unit(vec):
    """`vec` (a sparse dict or a dense list) scaled to length 1; None stays None."""
    if vec is None:
        return None
    if isinstance(vec, dict):
        n = math.sqrt(sum(w * w for w in vec.values()))
        return {t: w / n for t, w in vec.items()} if n else vec
    n = math.sqrt(sum(w * w for w in vec))
    return [w / n for w in vec] if n else list(vec)


def dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b))


def dot_sparse(vec: Vector, centroid: Vector) -> float:
    if len(vec) > len(centroid):
        return sum(w * vec.get(t, 0.0) for t, w in centroid.items())
    return sum(w * centroid.get(t, 0.0) for t, w in vec.items())


def is_main(term: str) -> bool:
    return not term.startswith(_SIDE)


def trim(centroid: Vector, k: int) -> Vector:
    """The heaviest `k` main terms and SIDE_TERMS terms of each side channel."""
    main = [(t, w) for t, w in centroid.items() if is_main(t)]
    out = dict(heapq.nlargest(k, main, key=lambda p: p[1])) if len(main) > k else dict(main)
    for prefix in _SIDE:
        side = [(t, w) for t, w in centroid.items() if t.startswith(prefix)]
        out.update(heapq.nlargest(SIDE_TERMS, side, key=lambda p: p[1]))
    return out


def main_norm(centroid: Vector) -> float:
    return math.sqrt(sum(w * w for t, w in centroid.items() if is_main(t)))


def dot_main(vec: Vector, centroid: Vector) -> float:
    """Dot product over main terms only."""
    if len(vec) > len(centroid):
        vec, centroid = centroid, vec
    return sum(w * centroid.get(t, 0.0) for t, w in vec.items() if is_main(t))


def channel_cos(v: Vector, centroid: Vector, prefix: str) -> float | None:
    """Cosine of the report's `prefix` terms `v` and the story's; None when either has none."""
    if not v:
        return None
    c = [(t, w) for t, w in centroid.items() if t.startswith(prefix)]
    if not c:
        return None
    cn = math.sqrt(sum(w * w for _, w in c))
    vn = math.sqrt(sum(w * w for w in v.values()))
    return sum(w * v.get(t, 0.0) for t, w in c) / (cn * vn) if cn and vn else None


def channels(vec: Vector) -> tuple[Vector, Vector, Vector]:
    """A report vector's main terms, entity keys and stated days."""
    main, ents, days = {}, {}, {}
    for t, w in vec.items():
        (ents if t.startswith("E:") else days if t.startswith("D:") else main)[t] = w
    return main, ents, days


def has(vec: Vector, prefix: str) -> bool:
    return any(t.startswith(prefix) for t in vec)
