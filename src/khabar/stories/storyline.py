"""Storylines: stories about one ongoing matter over weeks or months.

Two stories are linked when their salient terms (the heaviest, i.e. rarest and
most repeated, terms of their centroids, plus entity keys) overlap enough and
their time spans are within `storyline_window_days` of each other. Linked
stories form a storyline (connected components); its id is "l-" + the number of
its oldest story, so it stays stable as later stories join it.

Scoring the candidate pairs is most of the cost of linking (a million pairs at 15k
stories), and most pairs are the same from one run to the next: `link` keeps what it
scored (`Links`) so that the next run scores again only the pairs of the stories that
changed since, and gives the links a whole relinking would.
"""

from __future__ import annotations

import heapq
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Iterable

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


def _matrix(live: list[StoryState]):
    """The stories' salient vectors as rows of one sparse matrix, its columns the terms
    in sorted order: the same two stories then give bitwise the same similarity
    whatever other stories are linked with them (the sum runs in column order), so
    links kept from an earlier run equal links scored again."""
    import numpy as np
    from scipy.sparse import csr_matrix

    vectors = [salient(st) for st in live]
    terms = sorted({t for v in vectors for t in v})
    vocab = {t: i for i, t in enumerate(terms)}
    sizes = [len(v) for v in vectors]
    total = sum(sizes)
    # one flat pass per column list instead of three appends per term (3.7M at 46k stories)
    rows = np.repeat(np.arange(len(live)), sizes)
    cols = np.fromiter((vocab[t] for v in vectors for t in v), dtype=np.int64, count=total)
    vals = np.fromiter((w for v in vectors for w in v.values()), dtype=float, count=total)
    x = csr_matrix((vals, (rows, cols)), shape=(len(live), max(len(terms), 1)))
    return x, terms, np.bincount(cols, minlength=x.shape[1])


def _score(x, live: list[StoryState], a, b, s: ClusterSettings):
    """The candidate pairs (a[k], b[k]) within the time window whose similarity
    reaches the threshold, with that similarity."""
    import numpy as np

    # the time window first: it is cheap, and on a corpus of years it leaves far fewer
    # pairs to score
    near = _gaps(live, a, b) <= s.storyline_window_days
    a, b = a[near], b[near]
    out_a, out_b, out_s = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)], [np.zeros(0)]
    for lo in range(0, len(a), PAIR_CHUNK):
        ia, ib = a[lo:lo + PAIR_CHUNK], b[lo:lo + PAIR_CHUNK]
        sims = np.asarray(x[ia].multiply(x[ib]).sum(axis=1)).ravel()
        ok = sims >= s.storyline_threshold
        out_a.append(ia[ok])
        out_b.append(ib[ok])
        out_s.append(sims[ok])
    return np.concatenate(out_a), np.concatenate(out_b), np.concatenate(out_s)

@dataclass
class Links:
    """What one linking scored, for the next: the live stories in age order, the
    salient terms too common to find candidates, and every candidate pair within the
    window that reached the threshold (indices into `stories`, with its similarity).
    `marker` holds the settings it was scored under; other settings score afresh."""

    marker: list
    stories: list[str] = field(default_factory=list)
    common: list[str] = field(default_factory=list)
    a: list[int] = field(default_factory=list)
    b: list[int] = field(default_factory=list)
    sim: list[float] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"marker": self.marker, "stories": self.stories, "common": self.common,
                "a": self.a, "b": self.b, "sim": self.sim}

    @classmethod
    def from_json(cls, d: Any) -> "Links | None":
        """None for anything but a well-formed item (it is then scored afresh)."""
        if not isinstance(d, dict):
            return None
        try:
            links = cls(**d)
        except TypeError:
            return None
        if not (len(links.a) == len(links.b) == len(links.sim)):
            return None
        return links


LINKS_VERSION = 1


def _marker(s: ClusterSettings) -> list:
    return [LINKS_VERSION, SALIENT_TERMS, MAX_TERM_STORIES, s.storyline_threshold,
            s.storyline_window_days, s.storyline_neighbours]


def link_storylines(stories: Iterable[StoryState], settings: ClusterSettings | None = None) -> dict[str, str]:
    """Map each live story id to its storyline id: the connected components of the
    "linked" relation, each named after its oldest story."""
    return link(stories, settings)[0]


def link(stories: Iterable[StoryState], settings: ClusterSettings | None = None,
         previous: Links | None = None, changed: set[str] | None = None) -> tuple[dict[str, str], Links]:
    """`link_storylines`, and what it scored. Given the `previous` linking and the
    ids of every story `changed` since it (new, grown, merged, split), only the pairs
    of changed stories are scored again, with those of the stories holding a term
    that crossed MAX_TERM_STORIES either way (their candidates changed); every other
    scored pair is taken from `previous`. The result is that of scoring all pairs."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    s = settings or ClusterSettings()
    marker = _marker(s)
    live = sorted((st for st in stories if st.merged_into is None), key=lambda st: natural_key(st.id))
    n = len(live)
    if n == 0:
        return {}, Links(marker)
    x, terms, df = _matrix(live)
    # Candidate pairs share a salient term that few stories use: a term that half the
    # corpus' stories share ("कोरोना" in a COVID year) says nothing about one matter,
    # and would make the candidate pairs the square of the stories.
    is_rare = df <= MAX_TERM_STORIES
    rare = x[:, np.flatnonzero(is_rare)].tocsr()
    rare.data[:] = 1.0
    common = [terms[j] for j in np.flatnonzero(~is_rare).tolist()]
    if previous is not None and changed is not None and previous.marker == marker:
        a, b, sim = _rescore(x, live, rare, terms, common, s, previous, changed)
    else:
        shared = (rare @ rare.T).tocoo()
        keep = shared.row < shared.col
        a, b, sim = _score(x, live, shared.row[keep].astype(np.int64), shared.col[keep].astype(np.int64), s)
    # one order for the pairs however they were found: the ranks of equal links break
    # by it
    order = np.lexsort((b, a))
    a, b, sim = a[order], b[order], sim[order]
    links = Links(marker, [st.id for st in live], common, a.tolist(), b.tolist(), sim.tolist())
    if s.storyline_neighbours:
        a, b = _mutual_nearest(a, b, sim, n, s.storyline_neighbours)
    graph = csr_matrix((np.ones(len(a)), (a, b)), shape=(n, n))
    _, label = connected_components(graph, directed=False)
    # stories are in age order, so a component's first index is its oldest story
    oldest: dict[int, int] = {}
    for i, lab in enumerate(label.tolist()):
        oldest.setdefault(lab, i)
    lines = {st.id: "l-" + live[oldest[lab]].id.rsplit("-", 1)[-1] for st, lab in zip(live, label.tolist())}
    return lines, links


def _rescore(x, live, rare, terms, common, s, previous: Links, changed: set[str]):
    """The scored pairs of `link` from `previous`: those of stories to redo scored
    again, the rest carried over (re-indexed to the live stories)."""
    import numpy as np

    n = len(live)
    index = {st.id: i for i, st in enumerate(live)}
    known = set(previous.stories)
    redo = np.fromiter((st.id in changed or st.id not in known for st in live), dtype=bool, count=n)
    flipped = set(common).symmetric_difference(previous.common)
    column = {t: j for j, t in enumerate(terms)}
    cols = [column[t] for t in flipped if t in column]
    if cols:
        redo[x[:, cols].nonzero()[0]] = True
    again = np.flatnonzero(redo)
    shared = (rare[again] @ rare.T).tocoo()
    a, b = again[shared.row], shared.col.astype(np.int64)
    keep = (a != b) & ~(redo[b] & (b < a))  # a pair of two redone stories once
    a, b = np.minimum(a[keep], b[keep]), np.maximum(a[keep], b[keep])
    new_a, new_b, new_s = _score(x, live, a, b, s)
    where = np.asarray([index.get(sid, -1) for sid in previous.stories] + [-1], dtype=np.int64)
    old_a = where[np.asarray(previous.a, dtype=np.int64)]
    old_b = where[np.asarray(previous.b, dtype=np.int64)]
    alive = (old_a >= 0) & (old_b >= 0)
    carry = np.zeros(len(old_a), dtype=bool)
    carry[alive] = ~(redo[old_a[alive]] | redo[old_b[alive]])
    old_s = np.asarray(previous.sim, dtype=float)
    return (np.concatenate([old_a[carry], new_a]), np.concatenate([old_b[carry], new_b]),
            np.concatenate([old_s[carry], new_s]))
