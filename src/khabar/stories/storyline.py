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
from khabar.stories.order import natural_key
from khabar.stories.state import StoryState

SALIENT_TERMS = 80
MAX_TERM_STORIES = 50  # a salient term shared by more stories finds no candidates
PAIR_CHUNK = 200_000  # candidate pairs scored per vectorised pass


def salient(st: StoryState, k: int = SALIENT_TERMS) -> dict[str, float]:
    """The story's `k` heaviest centroid terms, as a unit vector. Numbers are left
    out: a storyline outlives the figures of any one of its events. So are the entity
    and day channels: they are unit vectors of their own in the centroid, and would
    outweigh the words (every COVID story names India)."""
    items = [(t, w) for t, w in st.centroid.items() if not t.startswith(("N:", "E:", "D:"))]
    top = heapq.nlargest(k, items, key=lambda p: p[1])
    norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
    return {t: w / norm for t, w in top}


def _gaps(live: list[StoryState], ia, ib):
    """Days between the date spans of each pair (ia[k], ib[k]) of stories; 0 when either
    is undated or they overlap. All pairs at once, from each story's first and last day
    as day numbers (half a million pairs at 50k stories)."""
    import numpy as np

    dated = np.asarray([bool(st.first) for st in live])
    first = np.asarray([date.fromisoformat(st.first).toordinal() if st.first else 0 for st in live])
    last = np.asarray([date.fromisoformat(st.last or st.first).toordinal() if st.first else 0 for st in live])
    gap = np.maximum(np.maximum(first[ib] - last[ia], first[ia] - last[ib]), 0)
    return np.where(dated[ia] & dated[ib], gap, 0).astype(float)


def _mutual_nearest(ia, ib, sim, n: int, k: int):
    """The links that are among the `k` strongest of both their stories. Connected
    components chain: one generic story linked to many matters would join them all
    into one storyline; a story keeps only its few closest links, and a link holds
    only when both ends keep it, so no story can be a hub."""
    import numpy as np

    if len(ia) == 0:
        return ia, ib
    m = len(ia)
    ends = np.concatenate([ia, ib])
    both = np.concatenate([sim, sim])
    order = np.lexsort((-both, ends))  # by story, strongest link first
    sorted_ends = ends[order]
    rank = np.empty(2 * m, dtype=np.int64)  # of each link end among its story's links
    rank[order] = np.arange(2 * m) - np.searchsorted(sorted_ends, sorted_ends, side="left")
    ok = (rank[:m] < k) & (rank[m:] < k)  # each pair is listed once, so its two ends are these
    return ia[ok], ib[ok]


def link_storylines(stories: Iterable[StoryState], settings: ClusterSettings | None = None) -> dict[str, str]:
    """Map each live story id to its storyline id: the connected components of the
    "linked" relation, each named after its oldest story."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    s = settings or ClusterSettings()
    live = sorted((st for st in stories if st.merged_into is None), key=lambda st: natural_key(st.id))
    n = len(live)
    if n == 0:
        return {}
    vocab: dict[str, int] = {}
    vectors = [salient(st) for st in live]
    # one flat pass per column list instead of three appends per term (3.7M at 46k stories)
    rows = np.repeat(np.arange(n), [len(v) for v in vectors])
    cols = [vocab.setdefault(term, len(vocab)) for v in vectors for term in v]
    vals = [w for v in vectors for w in v.values()]
    x = csr_matrix((vals, (rows, cols)), shape=(n, max(len(vocab), 1)))
    # Candidate pairs share a salient term that few stories use: a term that half the
    # corpus' stories share ("कोरोना" in a COVID year) says nothing about one matter,
    # and would make the candidate pairs the square of the stories.
    df = np.bincount(np.asarray(cols, dtype=np.int64), minlength=x.shape[1])
    rare = x[:, np.flatnonzero(df <= MAX_TERM_STORIES)].tocsr()
    rare.data[:] = 1.0
    shared = (rare @ rare.T).tocoo()
    keep = shared.row < shared.col
    a, b = shared.row[keep], shared.col[keep]
    # the time window first: it is cheap, and on a corpus of years it leaves far fewer
    # pairs to score (the order of the pairs is kept, so ties break as before)
    near = _gaps(live, a, b) <= s.storyline_window_days
    a, b = a[near], b[near]
    linked_a, linked_b, linked_s = [], [], []
    for lo in range(0, len(a), PAIR_CHUNK):
        ia, ib = a[lo:lo + PAIR_CHUNK], b[lo:lo + PAIR_CHUNK]
        sims = np.asarray(x[ia].multiply(x[ib]).sum(axis=1)).ravel()
        ok = sims >= s.storyline_threshold
        linked_a.append(ia[ok])
        linked_b.append(ib[ok])
        linked_s.append(sims[ok])
    ia = np.concatenate(linked_a) if linked_a else np.array([], dtype=np.int64)
    ib = np.concatenate(linked_b) if linked_b else np.array([], dtype=np.int64)
    sim = np.concatenate(linked_s) if linked_s else np.array([], dtype=float)
    if s.storyline_neighbours:
        ia, ib = _mutual_nearest(ia, ib, sim, n, s.storyline_neighbours)
    graph = csr_matrix((np.ones(len(ia)), (ia, ib)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    # stories are in age order, so a component's first index is its oldest story
    oldest: dict[int, int] = {}
    for i, lab in enumerate(label.tolist()):
        oldest.setdefault(lab, i)
    return {st.id: "l-" + live[oldest[lab]].id.rsplit("-", 1)[-1] for st, lab in zip(live, label.tolist())}
