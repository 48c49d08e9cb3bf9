"""The join score: how well a report fits a story, and the similarities revision
and merging compare (two reports, two stories). Every decision of the clusterer
that scores a report against a story, or two stories, reads it from here.

A report is scored through its `Probe` (its vector split into channels, its
central event day, its headline terms, the page section it leans towards), built
once from the report as it arrives or from a kept member record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from khabar.config import ClusterSettings
from khabar.stories.features import ReportFeatures, headline_terms
from khabar.stories.index import CandidateIndex
from khabar.stories.state import Stories, StoryState
from khabar.stories.vectors import (Vector, channel_cos, channels, dot, dot_main, dot_sparse, has,
                                    unit)

DAY_MIN_MENTIONS = 2


@dataclass
class Probe:
    """A report as the join score reads it."""

    vec: Vector  # the whole vector (all channels)
    main: Vector
    ents: Vector
    days: Vector
    centre: float | None  # central event day (date_penalty on), see central_day
    prev_section: str | None  # the page section this one leans towards
    emb: list[float] | None
    language: str | None
    head: Vector | None  # headline terms as weighted in the vector (title_guard on)


class JoinScore:
    """Scores reports against the stories of `stories`, with candidates from `index`."""

    def __init__(self, settings: ClusterSettings, stories: Stories, index: CandidateIndex):
        self.settings = settings
        self.stories = stories
        self.index = index

    # -- probes -----------------------------------------------------------

    def probe(self, f: ReportFeatures, vec: Vector, emb: list[float] | None) -> Probe:
        """The probe of a report as it arrives."""
        s = self.settings
        prev_section = self.index.leaning_section(f.page, f.section)
        # split once: the side channels are scored only when the report has them
        main, ents, days = channels(vec)
        centre = central_day(_counts(f.event_days)) if s.date_penalty else None
        return Probe(vec, main, ents, days, centre, prev_section, emb, f.language,
                     self.headline(f.title, main))

    def probe_kept(self, rec: dict) -> Probe:
        """The probe of a kept member record (see StoryState.kept)."""
        s = self.settings
        main, ents, days = channels(rec["v"])
        centre = central_day(_counts(rec["days"])) if s.date_penalty else None
        prev = self.index.leaning_of(rec["s"])
        return Probe(rec["v"], main, ents, days, centre, prev, rec.get("e"), rec["l"],
                     self.headline(rec.get("t") or "", main))

    def headline(self, title: str, main: Vector) -> Vector | None:
        """The report's headline terms as weighted in its vector (None when the guard
        is off or the title is no headline: a sub-heading, a date line, none)."""
        if not self.settings.title_guard:
            return None
        head = {t: main[t] for t in headline_terms(title) if t in main}
        return unit(head) if head else None

    # -- a report against stories ------------------------------------------

    def ranked(self, f: ReportFeatures, p: Probe) -> list[tuple[float, str]]:
        """(score, story id) for the report's candidate stories, best first."""
        out = [(self.score(p, sid), sid) for sid in self.index.candidates(f, p.vec, self.in_window)]
        # Ties break on the older story so the outcome never depends on set order.
        out.sort(key=lambda q: (-q[0], q[1]))
        return out

    def score(self, p: Probe, sid: str) -> float:
        """The report's join score with story `sid`."""
        s = self.settings
        st = self.stories.by_id[sid]
        main, ents, days, language = p.main, p.ents, p.days, p.language
        d = dot_sparse(main, st.centroid)
        if s.link == "average":
            # The centroid is the sum of member unit vectors, so this is the
            # mean cosine with the members (average link) at centroid cost.
            score = d / max(st.n_scored, 1)
        else:
            score = d / st.norm if st.norm else 0.0
        loose = False
        if s.cohesion_ratio and st.n_scored >= 2 and st.link_sum:
            # A report must be about as close to the story as its members are
            # to one another; a tight story does not absorb a loose neighbour.
            cohesion = st.link_sum / st.n_scored
            loose = d / st.n_scored < s.cohesion_ratio * cohesion
        if p.emb is not None and st.embedding is not None:
            sem = dot(p.emb, unit(st.embedding))
            # e5 cosines sit high (unrelated news ~0.8); rescale above a floor.
            sem = max(0.0, (sem - s.semantic_floor) / (1.0 - s.semantic_floor))
            if language and st.languages and language not in st.languages:
                # Across languages the words cannot meet (nor the cohesion
                # check, which is lexical): meaning decides.
                score, loose = max(score, sem), False
            else:
                score = (1.0 - s.semantic_weight) * score + s.semantic_weight * sem
        # Which person or organisation, and which day: what tells two events of
        # one topic apart (two rehab check-ins, two quakes). Agreement above the
        # pivot adds, disagreement subtracts; a side without such evidence is silent.
        # The next section of a page in the story is exempt: list sections (shops,
        # areas, countries) name different entities yet carry on one story.
        follows = self.follows(p, st)
        if ents and not follows:
            ce = channel_cos(ents, st.centroid, "E:")
            if ce is not None:
                score += s.entity_weight * (ce - s.entity_pivot)
        if days and not follows:
            cd = channel_cos(days, st.centroid, "D:")
            if cd is not None:
                score += s.date_weight * (cd - s.date_pivot)
        if p.centre is not None and not follows:
            gap = _gap(p.centre, central_day(st.days))
            if gap is not None and gap > s.date_gap_days:
                # a June summit report is not the November ratification story
                score -= s.date_penalty
        if loose:
            score = min(score, s.threshold - 1e-6)
        cap = s.threshold - s.rescue_margin - 1e-6
        # The headline names the event: a report whose headline shares no term with
        # the story is about another event even when its body matches (a scraped
        # page's body can carry a second item). Below the rescue band.
        if score > cap and self.headline_refuses(p, st, follows):
            score = cap
        if follows:
            score += s.page_bonus
        return score

    def kept_score(self, sid: str, rec: dict) -> float | None:
        """The join score a kept member `rec` would get with story `sid` now; None
        when the story is outside its window."""
        d = date.fromisoformat(rec["d"]) if rec["d"] else None
        if not self.in_window(self.stories.by_id[sid], d):
            return None
        return self.score(self.probe_kept(rec), sid)

    def rescued(self, score: float, sid: str, p: Probe, bar: float | None = None) -> bool:
        """A score within `rescue_margin` below `bar` (the threshold, or the absorb
        threshold) still joins when the report names the story's people, organisations
        and places (entity cosine >= rescue_cos) and passes the cohesion guard."""
        s = self.settings
        bar = s.threshold if bar is None else bar
        if not s.rescue_margin or score < bar - s.rescue_margin:
            return False
        st = self.stories.by_id[sid]
        if s.cohesion_ratio and st.n_scored >= 2 and st.link_sum:
            if dot_sparse(p.main, st.centroid) / st.n_scored < s.cohesion_ratio * st.link_sum / st.n_scored:
                return False
        ce = channel_cos(p.ents, st.centroid, "E:") if p.ents else None
        return (ce or 0.0) >= s.rescue_cos

    def follows(self, p: Probe, st: StoryState) -> bool:
        """True when the report is the next section of a page already in the story."""
        return bool(p.prev_section and p.prev_section in st.pages)

    def headline_refuses(self, p: Probe, st: StoryState, follows: bool) -> bool:
        """The headline guard: the report has a headline and it shares (almost) nothing
        with the story's centroid. Silent for the next section of a page in the story
        and across languages (headline terms cannot meet there)."""
        return bool(p.head is not None and not follows and st.norm
                    and not (p.language and st.languages and p.language not in st.languages)
                    and headline_cos(p.head, st) < self.settings.title_guard)

    def headline_apart(self, x: str, y: str) -> bool:
        """True when one of stories x and y is a single report whose headline shares
        nothing with the other story: merging it would be the join the headline guard
        refused (its body may read like the other story; its headline does not)."""
        if not self.settings.title_guard:
            return False
        by_id = self.stories.by_id
        for one, other in ((x, y), (y, x)):
            st = by_id[one]
            if st.n_scored == 1 and len(st.kept) == 1:
                (rec,) = st.kept.values()
                p = self.probe_kept(rec)
                o = by_id[other]
                if self.headline_refuses(p, o, self.follows(p, o)):  # exempt as on joining
                    return True
        return False

    # -- two stories, two reports --------------------------------------------

    def story_similarity(self, a: StoryState, b: StoryState) -> float:
        """Cosine of two stories' main centroids."""
        return dot_main(a.centroid, b.centroid) / (a.norm * b.norm) if a.norm and b.norm else 0.0

    def pair_similarity(self, u: Vector, v: Vector) -> float:
        """Two placed reports' similarity as a join is scored: main-word cosine plus
        the entity and day adjustments when both reports carry those channels."""
        s = self.settings
        if len(u) > len(v):
            u, v = v, u
        dm = de = dd = 0.0
        for t, w in u.items():
            x = v.get(t)
            if x is None:
                continue
            if t.startswith("E:"):
                de += w * x
            elif t.startswith("D:"):
                dd += w * x
            else:
                dm += w * x
        if s.entity_weight and has(u, "E:") and has(v, "E:"):
            dm += s.entity_weight * (de - s.entity_pivot)
        if s.date_weight and has(u, "D:") and has(v, "D:"):
            dm += s.date_weight * (dd - s.date_pivot)
        return dm

    # -- time ---------------------------------------------------------------

    def in_window(self, st: StoryState, d: date | None) -> bool:
        """Whether a report of day `d` may join story `st` (undated: always)."""
        if d is None or st.first is None:
            return True
        s = self.settings
        first = date.fromisoformat(st.first)
        if s.story_span_days and (d - first).days > s.story_span_days:
            # A story is one event: weeks of daily tallies are a storyline of many
            # stories, not one story that keeps absorbing every new count.
            return False
        return (first - d).days <= s.window_days and (d - date.fromisoformat(st.last)).days <= s.window_days


def headline_cos(head: Vector, st: StoryState) -> float:
    """Cosine of a report's headline terms (a unit vector) with a story's main centroid."""
    return dot_sparse(head, st.centroid) / st.norm if st.norm else 0.0


def _ordinal(md: str) -> int:
    return int(md[:2]) * 31 + int(md[3:])


def central_day(counts: dict[str, int]) -> float | None:
    """The median day (as month x 31 + day) of at least DAY_MIN_MENTIONS day mentions;
    a lone background date does not move it, and one date alone is no centre."""
    if sum(counts.values()) < DAY_MIN_MENTIONS:
        return None
    days: list[int] = []
    for d, c in counts.items():
        days.extend([_ordinal(d)] * c)
    days.sort()
    n = len(days)
    return days[n // 2] if n % 2 else (days[n // 2 - 1] + days[n // 2]) / 2


def _counts(days: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    for d in days:
        out[d] = out.get(d, 0) + 1
    return out


def _gap(a: float | None, b: float | None) -> float | None:
    if a is None or b is None:
        return None
    d = abs(a - b)
    return min(d, 372 - d)


def day_gap(report_days: list[str], story_days: dict[str, int]) -> float | None:
    """Days (roughly, year ignored, across New Year too) between the report's central
    event day and the story's; None when either has no centre."""
    return _gap(central_day(_counts(report_days)), central_day(story_days))
