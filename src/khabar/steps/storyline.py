"""Storylines: stories about one ongoing matter over weeks or months.

Two stories are linked when their salient terms (the heaviest, i.e. rarest and
most repeated, terms of their centroids, plus entity keys) overlap enough and
their time spans are within `storyline_window_days` of each other. Linked
stories form a storyline (connected components); its id is "l-" + the number of
its oldest story, so it stays stable as later stories join it.
"""

from __future__ import annotations

import heapq
import math
from datetime import date
from typing import Iterable

from khabar.config import ClusterSettings
from khabar.steps.cluster import StoryState, natural_key

SALIENT_TERMS = 80
MAX_TERM_STORIES = 500  # a salient term shared by more stories finds no candidates


def salient(st: StoryState, k: int = SALIENT_TERMS) -> dict[str, float]:
    """The story's `k` heaviest centroid terms, as a unit vector. Numbers are left
    out: a storyline outlives the figures of any one of its events. So are the entity
    and day channels: they are unit vectors of their own in the centroid, and would
    outweigh the words (every COVID story names India)."""
    items = [(t, w) for t, w in st.centroid.items() if not t.startswith(("N:", "E:", "D:"))]
    top = heapq.nlargest(k, items, key=lambda p: p[1])
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def _gap_days(a: StoryState, b: StoryState) -> float:
    """Days between two stories' date spans; 0 when either is undated or they overlap."""
    if not (a.first and b.first):
        return 0.0
    a0, a1 = date.fromisoformat(a.first), date.fromisoformat(a.last)
    b0, b1 = date.fromisoformat(b.first), date.fromisoformat(b.last)
    return float(max((b0 - a1).days, (a0 - b1).days, 0))


def link_storylines(stories: Iterable[StoryState], settings: ClusterSettings | None = None) -> dict[str, str]:
    """Map each live story id to its storyline id."""
    s = settings or ClusterSettings()
    live = sorted((st for st in stories if st.merged_into is None), key=lambda st: natural_key(st.id))
    vecs = {st.id: salient(st) for st in live}
    parent = {st.id: st.id for st in live}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Candidate pairs share at least one salient term (inverted index). A term that
    # half the corpus' stories share ("कोरोना" in a COVID year) says nothing about
    # one matter and would make the candidate pairs the square of the stories, so
    # terms beyond MAX_TERM_STORIES stories are not used to find candidates.
    rank = {st.id: i for i, st in enumerate(live)}
    index: dict[str, list[str]] = {}
    for st in live:
        for t in vecs[st.id]:
            index.setdefault(t, []).append(st.id)
    by_id = {st.id: st for st in live}
    for st in live:
        v = vecs[st.id]
        seen: set[str] = set()
        for t in v:
            posting = index[t]
            if len(posting) > MAX_TERM_STORIES:
                continue
            for other in posting:
                if rank[other] <= rank[st.id] or other in seen:
                    continue
                seen.add(other)
                if _gap_days(st, by_id[other]) > s.storyline_window_days:
                    continue
                ov = vecs[other]
                sim = sum(w * ov.get(term, 0.0) for term, w in v.items())
                if sim >= s.storyline_threshold:
                    ra, rb = find(st.id), find(other)
                    if ra != rb:
                        # The older story's root wins, so ids never move backwards.
                        a, b = sorted((ra, rb), key=rank.__getitem__)
                        parent[b] = a
    return {sid: "l-" + find(sid).rsplit("-", 1)[-1] for sid in parent}
