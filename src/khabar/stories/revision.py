"""Revision: decisions a later report lets the clusterer take back or complete.

* split (`revise`): a small story whose kept members form two groups less alike than
  each group is within is cut in two; a report of event B that joined event A's
  one-report story early is undone once B's later reports show what B is.
* merge: two live stories become one; the older id survives, the younger records
  `merged_into`. `would_undo` refuses a merge that revision would split at once.
* absorb: one-report stories a report was compared with join the story it grew
  when their report would now join it.
"""

from __future__ import annotations


from khabar.config import ClusterSettings
from khabar.stories.index import CandidateIndex
from khabar.stories.order import natural_key
from khabar.stories.score import JoinScore
from khabar.stories.state import Stories, StoryState
from khabar.stories.vectors import dot_main, main_norm, trim

Cut = tuple[list[int], list[int], float]


class Revision:
    """Split, merge and absorb over the stories of `stories`."""

    def __init__(self, settings: ClusterSettings, stories: Stories, index: CandidateIndex, scorer: JoinScore):
        self.settings = settings
        self.stories = stories
        self.index = index
        self.scorer = scorer
        # similarity of two placed reports never changes (vectors are frozen): cached
        # for revision, per story, dropped when the story stops being revisable
        self.pair_cache: dict[str, dict[tuple[str, str], float]] = {}

    # -- split ----------------------------------------------------------------

    def revise(self, sid: str, key: str) -> str | None:
        """Split story `sid` in two when its kept members form two groups less alike
        than each group is within (split_ratio); adjacent sections of one page stay
        together. Returns the new story's id, or None when the story stays whole."""
        s = self.settings
        st = self.stories.by_id[sid]
        n = st.n_scored
        if n < 3 or n > s.revise_members or len(st.kept) != n:
            return None
        keys = list(st.kept)
        cut = self.cut(keys, st.kept, self.pair_cache.setdefault(sid, {}))
        if cut is None:
            return None
        a, b, between = cut
        # the larger part keeps the id; on a tie, the part with the founding report
        stay, move = (a, b) if (len(a), -min(a)) >= (len(b), -min(b)) else (b, a)
        return self._split(sid, [keys[i] for i in sorted(move)], key, between)

    def cut(self, keys: list[str], kept: dict[str, dict], cache: dict[tuple[str, str], float]) -> Cut | None:
        """The split revision would make of these kept members: two groups (indices
        into `keys`) and their mean pairwise similarity, or None when it would not
        split them. Pair similarities are read from and added to `cache`."""
        s = self.settings
        n = len(keys)
        sim = [[0.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i + 1, n):
                pair = (keys[i], keys[j]) if keys[i] < keys[j] else (keys[j], keys[i])
                v = cache.get(pair)
                if v is None:
                    v = cache[pair] = self.scorer.pair_similarity(kept[keys[i]]["v"], kept[keys[j]]["v"])
                sim[i][j] = sim[j][i] = v
        groups = page_units(keys, [kept[k]["s"] for k in keys], s.page_gap)
        if len(groups) < 2:
            return None
        a, b, between = two_groups(groups, sim, s.split_refine)
        # a group of one has no cohesion to compare with: an outlier stays
        if not s.split_ratio or min(len(a), len(b)) < max(2, s.split_min_part, s.split_min_share * n):
            return None
        # Relative, not absolute: two events of one topic share the topic's words
        # (between ~0.2 on ECB+) while each event's reports are closer to one
        # another (~0.3-0.5); an absolute floor never fires there.
        within = (_cohesion(a, sim) + _cohesion(b, sim)) / 2
        if s.split_cohesion_cap:
            # near-copies make a group look tighter than any event is
            within = min(within, s.split_cohesion_cap)
        if between >= s.split_ratio * within:
            return None
        return a, b, between

    def _split(self, sid: str, moved: list[str], key: str, between: float) -> str:
        stories = self.stories
        st = stories.by_id[sid]
        new = stories.new(st.kept[moved[0]]["t"])
        self.index.add_story(new)
        nt = stories.by_id[new]
        gone = set(moved)
        gone |= {c for c, o in st.copies.items() if o in gone}
        nt.kept = {k: st.kept.pop(k) for k in moved}
        nt.copies = {c: o for c, o in st.copies.items() if c in gone}
        st.copies = {c: o for c, o in st.copies.items() if c not in gone}
        nt.members = [m for m in st.members if m in gone]
        st.members = [m for m in st.members if m not in gone]
        stories.touch(sid, new)
        for part in (st, nt):
            self.resum(part)
        for m in nt.members:
            stories.place(m, new)
        for sec in nt.pages:
            self.index.sections[sec] = new
        for rec in nt.kept.values():
            self.index.index(new, rec["v"])
        stories.emit({"type": "split", "story": sid, "new": new, "members": list(nt.members),
                      "by": key, "score": round(between, 4)})
        return new

    def resum(self, st: StoryState) -> None:
        """Recompute a story's centroid and summary fields from its kept members."""
        self.stories.touch(st.id)
        st.centroid, st.link_sum, st.days, st.pages, st.languages = {}, 0.0, {}, [], []
        st.first = st.last = None
        st.embedding = None
        vecs = []
        for rec in st.kept.values():
            v = rec["v"]
            if vecs:
                st.link_sum += sum(dot_main(v, u) for u in vecs) / len(vecs)
            vecs.append(v)
            for t, w in v.items():
                st.centroid[t] = st.centroid.get(t, 0.0) + w
            if rec["d"]:
                st.first = min(st.first or rec["d"], rec["d"])
                st.last = max(st.last or rec["d"], rec["d"])
            if rec["s"]:
                st.pages.append(rec["s"])
            if rec["l"] and rec["l"] not in st.languages:
                st.languages.append(rec["l"])
            for d in rec["days"]:
                st.days[d] = st.days.get(d, 0) + 1
            if rec.get("e") is not None:
                e = rec["e"]
                st.embedding = list(e) if st.embedding is None else [x + y for x, y in zip(st.embedding, e)]
        st.n_scored = len(vecs)
        st.centroid = trim(st.centroid, self.settings.centroid_terms)
        st.norm = main_norm(st.centroid)

    # -- merge ----------------------------------------------------------------

    def merge(self, keep: str, other: str, key: str, score: float) -> str:
        """Merge two live stories; the older id survives. Returns the survivor."""
        keep, gone = sorted((keep, other), key=natural_key)
        a, b = self.stories.by_id[keep], self.stories.by_id[gone]
        self.stories.touch(keep, gone)
        k = self.settings.revise_members
        if (len(a.kept) == a.n_scored and len(b.kept) == b.n_scored and a.kept and b.kept
                and a.n_scored + b.n_scored <= k):
            a.kept.update(b.kept)
        else:
            a.kept = {}
        b.kept = {}
        self.pair_cache.pop(gone, None)
        if not a.kept:
            self.pair_cache.pop(keep, None)
        a.copies.update(b.copies)
        b.copies = {}
        a.members.extend(b.members)
        a.n_scored += b.n_scored
        a.link_sum += b.link_sum
        for t, w in b.centroid.items():
            a.centroid[t] = a.centroid.get(t, 0.0) + w
        a.first = min(filter(None, (a.first, b.first)), default=None)
        a.last = max(filter(None, (a.last, b.last)), default=None)
        a.pages.extend(b.pages)
        a.languages.extend(x for x in b.languages if x not in a.languages)
        for d, c in b.days.items():
            a.days[d] = a.days.get(d, 0) + c
        if b.embedding is not None:
            a.embedding = b.embedding if a.embedding is None else [x + y for x, y in zip(a.embedding, b.embedding)]
        a.norm = main_norm(a.centroid)
        b.merged_into = keep
        b.centroid = {}
        self.stories.emit({"type": "merge", "story": gone, "merged_into": keep, "by": key,
                           "score": round(score, 4)})
        return keep

    def mergeable(self, x: str, y: str) -> bool:
        """Whether two live stories may be merged: revision would not split their
        union at once and no single-report side is kept apart by its headline."""
        return not self.would_undo(x, y) and not self.scorer.headline_apart(x, y)

    def would_undo(self, x: str, y: str) -> bool:
        """True when revision would split the union of stories x and y at once, so
        that merging them would only be undone (ids flipping back and forth).
        With `guard_by_cut` (default) the union is cut as revision cuts a story;
        else (round 5) x and y themselves are tested as the two groups, which also
        refuses unions that revision would cut elsewhere or leave whole."""
        s = self.settings
        a, b = self.stories.by_id[x], self.stories.by_id[y]
        if not (s.revise_members and s.split_ratio) or a.n_scored < 2 or b.n_scored < 2:
            return False
        if len(a.kept) != a.n_scored or len(b.kept) != b.n_scored or a.n_scored + b.n_scored > s.revise_members:
            return False
        if min(a.n_scored, b.n_scored) < s.split_min_share * (a.n_scored + b.n_scored):
            return False  # too small a part of the union for revision to split off
        if s.guard_by_cut:
            # in the order the merge would keep them (older id first), as revision sees them
            first, second = (a, b) if natural_key(x) <= natural_key(y) else (b, a)
            kept = {**first.kept, **second.kept}
            # pairs within x or within y are cached per story; the rest is scored once
            cache = {**self.pair_cache.get(x, {}), **self.pair_cache.get(y, {})}
            return self.cut(list(kept), kept, cache) is not None
        sim = self.scorer.pair_similarity
        va, vb = [m["v"] for m in a.kept.values()], [m["v"] for m in b.kept.values()]
        between = sum(sim(u, v) for u in va for v in vb) / (len(va) * len(vb))
        within = (_mean_pair([sim(u, v) for i, u in enumerate(va) for v in va[i + 1:]])
                  + _mean_pair([sim(u, v) for i, u in enumerate(vb) for v in vb[i + 1:]])) / 2
        if s.split_cohesion_cap:
            within = min(within, s.split_cohesion_cap)
        return between < s.split_ratio * within

    # -- absorb -----------------------------------------------------------------

    def absorb(self, sid: str, scored: list[tuple[float, str]], key: str) -> str:
        """Re-score the one-report stories the report was compared with against the
        story it grew: a report that found no home when it arrived joins once later
        reports have shaped the story it belongs to (the score is the one a join would
        get now; `absorb_threshold`). Returns the surviving id."""
        s = self.settings
        for _, other in scored:
            other = self.stories.resolve(other)
            st = self.stories.by_id[other]
            if other == sid or st.n_scored != 1 or len(st.kept) != 1:
                continue
            (rec,) = st.kept.values()
            score = self.scorer.kept_score(sid, rec)
            if score is None:
                continue
            if (score >= s.absorb_threshold
                    or self.scorer.rescued(score, sid, self.scorer.probe_kept(rec), s.absorb_threshold)):
                sid = self.merge(sid, other, key, score)
        return sid


def _mean_pair(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _cohesion(group: list[int], sim: list[list[float]]) -> float:
    """Mean pairwise similarity within a group of at least two."""
    pairs = [(i, j) for x, i in enumerate(group) for j in group[x + 1:]]
    return sum(sim[i][j] for i, j in pairs) / len(pairs)


def page_units(keys: list[str], secs: list[str | None], gap: int) -> list[list[int]]:
    """Member indices grouped so that sections of one page at most `gap` apart are
    one unit: a split never separates a list section from the one it continues."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    where = []
    for i, sec in enumerate(secs):
        if sec:
            page, _, n = sec.rpartition("#")
            if n.isdigit():
                where.append((page, int(n), i))
    for x in range(len(where)):
        for y in range(x + 1, len(where)):
            if where[x][0] == where[y][0] and abs(where[x][1] - where[y][1]) <= gap:
                parent[find(where[x][2])] = find(where[y][2])
    units: dict[int, list[int]] = {}
    for i in range(len(keys)):
        units.setdefault(find(i), []).append(i)
    return sorted(units.values())


def two_groups(units: list[list[int]], sim: list[list[float]], refine: int = 0) -> Cut:
    """Average-link agglomeration of `units` down to two groups (then up to `refine`
    passes moving single units to the group they are closer to); returns the groups
    and their mean pairwise similarity."""
    groups = [list(u) for u in units]
    # summed similarity between groups, updated on each merge
    tot = [[sum(sim[i][j] for i in a for j in b) for b in groups] for a in groups]

    def link(a: list[int], b: list[int]) -> float:
        return sum(sim[i][j] for i in a for j in b) / (len(a) * len(b))

    while len(groups) > 2:
        best = None
        for x in range(len(groups)):
            for y in range(x + 1, len(groups)):
                v = tot[x][y] / (len(groups[x]) * len(groups[y]))
                if best is None or v > best[0]:
                    best = (v, x, y)
        _, x, y = best
        groups[x] = sorted(groups[x] + groups[y])
        for z in range(len(groups)):
            tot[x][z] += tot[y][z]
            tot[z][x] = tot[x][z]
        del groups[y], tot[y]
        for row in tot:
            del row[y]
    if len(groups) == 2 and refine:
        side = {}
        for g, grp in enumerate(groups):
            for u in units:
                if u[0] in grp:
                    side[tuple(u)] = g
        for _ in range(refine):
            moved = False
            for u in units:
                g = side[tuple(u)]
                mine = [i for v in units if side[tuple(v)] == g and v is not u for i in v]
                other = [i for v in units if side[tuple(v)] != g for i in v]
                if not mine or not other:
                    continue
                if link(u, other) > link(u, mine) + 1e-9:
                    side[tuple(u)] = 1 - g
                    moved = True
            if not moved:
                break
        groups = [sorted(i for u in units if side[tuple(u)] == g for i in u) for g in (0, 1)]
        if not groups[0] or not groups[1]:
            return [], [], 1.0
    return groups[0], groups[1], link(groups[0], groups[1])
