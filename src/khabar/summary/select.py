"""Which sentences a summary takes: whether two sentences state the same fact, their
scores (support across reports, facts, position), selection by maximal marginal
relevance, and the reports each chosen sentence cites."""

from __future__ import annotations

from typing import Sequence

import numpy as np

from khabar.summary.units import Unit


# Support: the cosine a sentence of another report must reach to count as stating
# the same fact. On the seed story same-fact pairs score 0.25-0.57, and pairs of
# different facts reach 0.33; the shared-word and figure rules below separate those.
SUPPORT_MIN = 0.25
# ... and share at least this many content words, covering this share of the shorter
# sentence (on the Hindi gold stories, wrong supports shared 2-4 words covering < 0.45).
MIN_SHARED = 3
MIN_COVER = 0.45
# A sentence without the date must match more of the wording to back it.
MIN_COVER_NO_FIGURE = 0.6
# No pair below this similarity can pass `states_same_fact` (its lowest bar).
SIM_FLOOR = 0.15
# Redundancy: a candidate this similar to a chosen sentence repeats it.
REDUNDANT = 0.45
# Score added for a sentence every other report states (in proportion for fewer).
SUPPORT_BONUS = 0.05
MMR_LAMBDA = 0.7

def _facts(u: Unit) -> frozenset:
    """Figures and dates of a unit; days already counted in a date are left out."""
    return u.facts


def _compatible(x, y) -> bool:
    if isinstance(x, tuple) and isinstance(y, tuple):
        # "जून" agrees with "19 जून"; "9 नवंबर" does not agree with "12 नवंबर"
        return x[1] == y[1] and (x[2] == y[2] or not x[2] or not y[2])
    return x == y


def _share(fa: set, fb: set) -> int:
    return sum(1 for x in fa if any(_compatible(x, y) for y in fb))


def _different_people(a: Unit, b: Unit) -> bool:
    return bool(a.people and b.people and not a.people & b.people)


def _enough_shared(a: Unit, b: Unit) -> bool:
    """Cosine alone lets two short sentences match on two common words ("लोग
    संक्रमित"); a fact needs 3+ shared words covering most of the shorter sentence."""
    shared = len(a.weights.keys() & b.weights.keys())
    if shared < MIN_SHARED:
        return False
    cover = shared / min(len(a.weights), len(b.weights))
    return cover >= MIN_COVER or (shared >= 7 and cover >= MIN_COVER - 0.05)


def states_same_fact(a: Unit, b: Unit, sim: float, bar: float = SUPPORT_MIN) -> bool:
    """Does `b` state what `a` states? Similar wording, and no disagreeing figures.

    When both sentences carry figures or dates they must share one. When only `a`
    does, a count must be there ("11,000 सैनिक"); a date may be left out, if `b`
    is clearly closer in wording; and a year in the sentence `b` points back to ("इस संधि" after "1961 में") counts
    as its own.
    """
    if not _enough_shared(a, b):
        return False
    if _different_people(a, b):
        return False  # "किम ने हस्ताक्षर किए" is not "पुतिन ने हस्ताक्षर किए"
    fa, fb = _facts(a), _facts(b)
    if fa and not fb and b.context:
        fb = set(b.context)
    if fa and fb:
        shared = _share(fa, fb)
        if not shared:
            return False
        return sim >= bar - 0.05 * min(shared, 2)
    if fa and not fb:
        if any(isinstance(x, str) for x in fa):
            return False  # a count is the fact itself: a report without it does not state it
        shared = len(a.weights.keys() & b.weights.keys())
        return sim >= bar + 0.03 and shared / min(len(a.weights), len(b.weights)) >= MIN_COVER_NO_FIGURE
    return sim >= bar


# --- scoring and selection -------------------------------------------------


def score_units(units: Sequence[Unit], sim: np.ndarray, n_articles: int,
                story_year: int = 0) -> np.ndarray:
    """Centrality across reports, facts and lead position, in one score per unit.

    A sentence whose every date lies in an earlier year than the story is
    background ("since the invasion in February 2022") and is demoted.
    """
    n = len(units)
    if n == 0:
        return np.zeros(0)
    art = np.array([u.article for u in units])
    cross = np.zeros(n)
    if n_articles > 1:
        for a in range(n_articles):
            cols = art == a
            if not cols.any():
                continue
            best = sim[:, cols].max(axis=1)
            best[art == a] = 0.0
            cross += best
        cross /= n_articles - 1
    centroid = sim.mean(axis=1)
    score = 0.7 * cross + 0.3 * centroid if n_articles > 1 else centroid.copy()
    for i, u in enumerate(units):
        facts = _facts(u)
        score[i] += 0.06 * min(len(facts), 2)
        n_people = sum(1 for k in u.people if not k.startswith("tok:")) or bool(u.people)
        score[i] += 0.03 * min(n_people, 2)  # named people, when the entities step ran
        score[i] += 0.08 if u.position == 0 else (0.04 if u.position == 1 else 0.0)
        years = [d[0] for d in u.dates]
        if story_year and years and all(0 < y < story_year for y in years):
            score[i] -= 0.12
        if u.n_tokens < 6:
            score[i] -= 0.08
        elif u.n_tokens > 45:
            score[i] -= 0.05
    return score


def support_bonus(units: Sequence[Unit], sim: np.ndarray, score: np.ndarray, n_articles: int,
                   top: int = 60) -> None:
    """Raise the best candidates by the share of other reports that state them.

    Similarity alone rewards a sentence close to many; this counts the reports
    that pass the same-fact test, only for the `top` candidates (it is the costly
    test)."""
    if n_articles < 2:
        return
    for i in np.argsort(-score)[:top]:
        i = int(i)
        backing = len(citations_for(i, units, sim)) - 1
        score[i] += SUPPORT_BONUS * backing / (n_articles - 1)


def select(units: Sequence[Unit], sim: np.ndarray, score: np.ndarray, k: int) -> list[int]:
    """Maximal marginal relevance: high score, low similarity to what is chosen."""
    chosen: list[int] = []
    candidates = set(range(len(units)))
    top = float(score.max()) if len(score) else 1.0
    norm = score / top if top > 0 else score
    while candidates and len(chosen) < k:
        best, best_val = None, -1e9
        for i in candidates:
            red = max((sim[i, j] for j in chosen if not _different_people(units[i], units[j])), default=0.0)
            # a fact already told (by any report's wording) is not told again
            if red >= REDUNDANT or any(states_same_fact(units[j], units[i], sim[i, j]) or
                                       states_same_fact(units[i], units[j], sim[i, j]) for j in chosen):
                continue
            val = MMR_LAMBDA * norm[i] - (1 - MMR_LAMBDA) * red
            if val > best_val:
                best, best_val = i, val
        if best is None:
            break
        chosen.append(best)
        candidates.discard(best)
    return chosen


def citations_for(i: int, units: Sequence[Unit], sim: np.ndarray) -> dict[str, int]:
    """External id -> backing sentence index, for every report stating unit i's fact."""
    u = units[i]
    best: dict[int, tuple[float, int]] = {}
    for j in np.nonzero(sim[i] >= SIM_FLOOR)[0]:
        j = int(j)
        v = units[j]
        if v.article == u.article:
            continue
        s = float(sim[i, j])
        if states_same_fact(u, v, s) and s > best.get(v.article, (-1.0, -1))[0]:
            best[v.article] = (s, j)
    out = {u.external_id: u.index}
    for _a, (_s, j) in sorted(best.items()):
        out[units[j].external_id] = units[j].index
    return out


