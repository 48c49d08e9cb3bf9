"""Streaming story clustering with stable ids.

Each report is placed as it arrives: it joins the most similar live story (cosine
of its TF-IDF vector with the story centroid) when the similarity reaches the
threshold, otherwise it founds a new story. Decisions never look at later reports:

* IDF is learned incrementally and frozen into a report's vector when it is
  placed, so feeding the same reports in two batches (in the same order) gives
  exactly the stories of one batch.
* Story ids are a counter ("s-000001"), issued in placement order; an id never
  changes meaning. A merge keeps the older id and records `merged_into` for the
  younger one, so old ids stay resolvable.
* Candidate stories come from an inverted index over each report's rarest terms,
  so placing a report costs the same at 10k and 100k stored reports.

Reports without a date are compared with every candidate story regardless of the
time window (their date is unknown, not "far away"); a story's window is widened
only by dated members.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable

import regex

from khabar.config import ClusterSettings
from khabar.errors import NotFound
from khabar.stories.features import ReportFeatures, headline_terms, words

STATE_VERSION = 1
_DIGITS_RE = regex.compile(r"(\d+)")


def natural_key(key: str) -> tuple:
    """Sort key that orders "AU#2" before "AU#10"."""
    return tuple(int(p) if p.isdigit() else p for p in _DIGITS_RE.split(key))


def batch_order(feats: Iterable[ReportFeatures]) -> list[ReportFeatures]:
    """The deterministic placement order: dated reports by date, undated first,
    ties by natural external-id order."""
    return sorted(feats, key=lambda f: (f.date is not None, f.date or date.min, natural_key(f.key)))


@dataclass
class StoryState:
    id: str
    members: list[str] = field(default_factory=list)
    centroid: dict[str, float] = field(default_factory=dict)  # sum of member unit vectors, top terms
    first: str | None = None  # ISO dates of dated members
    last: str | None = None
    title: str = ""  # founding report's title
    pages: list[str] = field(default_factory=list)  # "page#section" of members from split pages
    merged_into: str | None = None
    n_scored: int = 0  # members that shaped the centroid (copies do not)
    norm: float = 0.0  # Euclidean norm of centroid (cached)
    link_sum: float = 0.0  # sum over joiners of their mean cosine with earlier members
    embedding: list[float] | None = None  # sum of member embeddings (semantic mode)
    languages: list[str] = field(default_factory=list)
    days: dict[str, int] = field(default_factory=dict)  # "MM-DD" -> members' mentions (event_days)
    # revision (revise_members > 0): each scored member's vector and what the story's
    # summary fields need ({"v", "d", "s", "days", "l", "t", "e"}), kept while the story
    # is small; emptied once it grows past revise_members (it is then no longer split)
    kept: dict[str, dict] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)  # copy key -> original key


class StoryClusterer:
    """Places reports into stories one at a time; see the module docstring."""

    def __init__(self, settings: ClusterSettings | None = None):
        self.settings = settings or ClusterSettings()
        self.n_docs = 0
        self.df: Counter[str] = Counter()
        self.stories: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}  # report key -> story id as assigned (resolve() for current)
        self.postings: dict[str, list[str]] = defaultdict(list)
        self.counter = 0
        self.events: list[dict[str, Any]] = []
        self._recent: list[str] = []  # story ids in founding order (semantic candidate scan)
        self.sections: dict[str, str] = {}  # "page#section" -> story id, for split pages
        # similarity of two placed reports never changes (vectors are frozen): cached
        # for revision, per story, dropped when the story stops being revisable
        self._pair: dict[str, dict[tuple[str, str], float]] = {}

    # -- public API -------------------------------------------------------

    def assign(self, feats: ReportFeatures) -> str:
        """Place one report; return its story id. Re-placing a known key is a no-op."""
        if feats.key in self.story_of:
            return self.resolve(self.story_of[feats.key])
        vec = self._vectorize(feats)
        emb = _unit(feats.embedding) if (self.settings.semantic and feats.embedding) else None
        s = self.settings
        parent = self._continued_story(feats)
        if parent is not None:
            self._add(parent, feats, vec, emb)
            self.events.append({"type": "continue", "key": feats.key, "story": parent})
            return parent
        scored = self._score(feats, vec, emb)
        if scored and (scored[0][0] >= s.threshold or self._rescued(scored[0], vec)):
            best_score, sid = scored[0]
            # A report strongly similar to two stories is evidence they are one.
            for score, other in scored[1:]:
                if score < s.merge_threshold or best_score < s.merge_threshold:
                    break
                other = self.resolve(other)
                if other != sid and not self._parts(sid, other) and not self._headline_apart(sid, other):
                    sid = self._merge(sid, other, feats.key, score)
            self._add(sid, feats, vec, emb)
            self.events.append({"type": "join", "key": feats.key, "story": sid, "score": round(best_score, 4)})
            # The grown story may now read like a neighbour the report also matched.
            if s.story_merge_threshold:
                for score, other in scored[1:]:
                    if score < s.threshold:
                        break
                    other = self.resolve(other)
                    if other == sid:
                        continue
                    a, b = self.stories[sid], self.stories[other]
                    sim = _dot_main(a.centroid, b.centroid) / (a.norm * b.norm) if a.norm and b.norm else 0.0
                    if (sim >= s.story_merge_threshold and not self._parts(sid, other)
                            and not self._headline_apart(sid, other)):
                        sid = self._merge(sid, other, feats.key, sim)
            if s.revise_members:
                self._revise(sid, feats.key)
            if s.absorb_threshold:
                self._absorb(self.resolve(self.story_of[feats.key]), scored, feats.key)
        else:
            sid = self._new_story(feats.title)
            self._add(sid, feats, vec, emb)
            best = round(scored[0][0], 4) if scored else 0.0
            self.events.append({"type": "new", "key": feats.key, "story": sid, "best_score": best})
        return self.resolve(self.story_of[feats.key])

    def assign_batch(self, feats: Iterable[ReportFeatures]) -> dict[str, str]:
        """Place many reports in the deterministic batch order; key -> story id
        (resolved through merges made later in the same batch)."""
        keys = [f.key for f in batch_order(feats)]
        for f in batch_order(feats):
            self.assign(f)
        # a later split may have moved an earlier report: read the final placement
        return {k: self.resolve(self.story_of[k]) for k in keys}

    def assign_copy(self, key: str, original_key: str) -> str:
        """Put a near-copy (from the dedup step) into its original's story unscored."""
        if key in self.story_of:
            return self.resolve(self.story_of[key])
        if original_key not in self.story_of:
            raise NotFound(f"original report '{original_key}' of copy '{key}' has not been placed")
        sid = self.resolve(self.story_of[original_key])
        self.stories[sid].members.append(key)
        self.stories[sid].copies[key] = original_key
        self.story_of[key] = sid
        self.events.append({"type": "copy", "key": key, "story": sid, "original": original_key})
        return sid

    def observe(self, feats: Iterable[ReportFeatures]) -> None:
        """Learn document frequencies from reports without placing them (e.g. the
        archive before the first clustered day), so early IDF is not flat."""
        for f in feats:
            self.n_docs += 1
            self.df.update(f.terms.keys())

    def resolve(self, story_id: str) -> str:
        """The live id for `story_id`, following `merged_into` links."""
        seen = 0
        while (nxt := self.stories[story_id].merged_into) is not None:
            story_id = nxt
            seen += 1
            if seen > len(self.stories):  # pragma: no cover - corrupt state
                raise ValueError(f"merge cycle at story {story_id}")
        return story_id

    def assignments(self) -> dict[str, str]:
        """Every placed report key -> its current (resolved) story id."""
        return {k: self.resolve(s) for k, s in self.story_of.items()}

    def live_stories(self) -> list[StoryState]:
        return [st for st in self.stories.values() if st.merged_into is None]

    def drain_events(self) -> list[dict[str, Any]]:
        """Events since the last drain (new / join / copy / merge), for the store."""
        out, self.events = self.events, []
        return out

    def idf(self, term: str) -> float:
        return math.log((1 + self.n_docs) / (1 + self.df.get(term, 0))) + 1.0

    # -- state ------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """A JSON-able snapshot; `from_state` restores an identical clusterer."""
        return {
            "version": STATE_VERSION,
            "settings": asdict(self.settings),
            "n_docs": self.n_docs,
            "df": dict(self.df),
            "counter": self.counter,
            "stories": [asdict(st) for st in self.stories.values()],
            "story_of": self.story_of,
            "postings": dict(self.postings),
            "events": list(self.events),
        }

    @classmethod
    def from_state(cls, d: dict[str, Any], settings: ClusterSettings | None = None) -> "StoryClusterer":
        """Restore from `state()`; `settings` overrides the saved ones if given."""
        if d.get("version") != STATE_VERSION:
            raise ValueError(f"unsupported clusterer state version {d.get('version')!r}")
        self = cls(settings or ClusterSettings(**d["settings"]))
        self.n_docs = d["n_docs"]
        self.df = Counter(d["df"])
        self.counter = d["counter"]
        for sd in d["stories"]:
            st = StoryState(**sd)
            self.stories[st.id] = st
            self._recent.append(st.id)
        self.story_of = dict(d["story_of"])
        for st in self.stories.values():
            for sec in st.pages:
                self.sections[sec] = st.id
        self.postings = defaultdict(list, {t: list(v) for t, v in d["postings"].items()})
        self.events = list(d.get("events", []))
        return self

    @classmethod
    def rebuild(cls, pairs: Iterable[tuple[ReportFeatures, str]],
                settings: ClusterSettings | None = None) -> "StoryClusterer":
        """Rebuild state from stored (features, current story id) pairs without
        re-deciding: each report goes into the story id the store has for it (pass
        resolved ids, as from `assignments()`; merge history is not replayed)."""
        self = cls(settings)
        pairs = list(pairs)
        order = {id(f): i for i, f in enumerate(batch_order(f for f, _ in pairs))}
        for f, sid in sorted(pairs, key=lambda p: order[id(p[0])]):
            vec = self._vectorize(f)
            if sid not in self.stories:
                self.stories[sid] = StoryState(id=sid, title=f.title)
                self._recent.append(sid)
                num = sid.rsplit("-", 1)[-1]
                if num.isdigit():
                    self.counter = max(self.counter, int(num))
            emb = _unit(f.embedding) if (self.settings.semantic and f.embedding) else None
            self._add(sid, f, vec, emb)
        return self

    # -- internals --------------------------------------------------------

    def _vectorize(self, f: ReportFeatures) -> dict[str, float]:
        """The report's unit vector over its words, numbers and place, plus (when their
        weights are on) separate unit vectors over its entity keys ("E:") and stated
        event days ("D:"): each side channel is scored on its own (`_channel_cos`)."""
        self.n_docs += 1
        self.df.update(f.terms.keys())
        s = self.settings
        main, ents, days = {}, {}, {}
        for t, w in f.terms.items():
            if t.startswith("E:"):
                if s.entity_weight:
                    x = s.place_entity_weight if t.startswith("E:LOC:") else 1.0
                    if x:
                        ents[t] = x * w * self.idf(t)
            elif t.startswith("D:"):
                if s.date_weight:
                    days[t] = w * self.idf(t)
            else:
                main[t] = w * self.idf(t)
        k = s.doc_terms
        if k and len(main) > k:
            # A long report's tail of weak terms only dilutes the cosine.
            main = dict(heapq.nlargest(k, main.items(), key=lambda p: p[1]))
        vec = _unit(main)
        vec.update(_unit(ents))
        vec.update(_unit(days))
        return vec

    def _candidates(self, f: ReportFeatures, vec: dict[str, float]) -> list[str]:
        """Stories sharing heavy terms with the report, best overlap first, at most
        max_candidates of them; only these are scored exactly."""
        s = self.settings
        hits: dict[str, float] = {}
        floor = self._floor(f.date) if f.date is not None else None
        # Probe with the heaviest terms that have postings: a report's very rarest
        # terms are often new to the index (a typo, a first-seen name) and find nothing.
        probed = 0
        for term in sorted(vec, key=lambda t: (-vec[t], t)):
            plist = self.postings.get(term)
            if not plist:
                continue
            probed += 1
            if probed > s.query_terms:
                break
            w = vec[term]
            # Postings are in placement order (time order in a sorted stream):
            # walk back from the newest, stop at the cap or past the window.
            for sid in plist[-1 : -s.max_postings - 1 : -1]:
                st = self.stories[sid]
                if st.merged_into is not None:
                    sid = self.resolve(sid)
                    st = self.stories[sid]
                if floor is not None and st.last is not None and st.last < floor:
                    break
                hits[sid] = hits.get(sid, 0.0) + w
        if s.semantic:
            for sid in self._recent[-s.semantic_candidates:]:
                hits.setdefault(self.resolve(sid), 0.0)
        ranked = sorted(hits, key=lambda c: (-hits[c], c))  # ids are zero-padded: str order = age
        if s.semantic:
            top = ranked[: s.max_candidates] + [c for c in ranked[s.max_candidates:] if hits[c] == 0.0]
        else:
            top = ranked[: s.max_candidates]
        return [c for c in top if self._in_window(self.stories[c], f.date)]

    def _continued_story(self, f: ReportFeatures) -> str | None:
        """The story of the previous section when this section of a split page is
        headed by a bare sub-heading ("इन पर रहेगी पाबंदी"), not a headline."""
        s = self.settings
        if not (s.subheading_words and f.page and f.section):
            return None
        prev = self.sections.get(self._previous_section(f) or "")
        if prev is None or len(words(f.title)) > s.subheading_words:
            return None
        return self.resolve(prev)

    def _previous_section(self, f: ReportFeatures) -> str | None:
        """"page#n" of the nearest placed earlier section of the report's page, at most
        `page_gap` sections back (scrapes skip sections: AU#2 is followed by AU#4)."""
        return self._previous_of(f.page, f.section)

    def _leaning_section(self, page: str | None, section: int | None) -> str | None:
        """The previous section whose story this section leans towards (page bonus),
        or None when the page reads as a roundup there: each of the last
        `roundup_breaks` placed sections went to another story than the one before it
        (AU-22: Kerala, Rajasthan, Ladakh items one after another)."""
        prev = self._previous_of(page, section)
        k = self.settings.roundup_breaks
        if prev is None or not k:
            return prev
        chain = [prev]
        while len(chain) <= k:
            n = chain[-1].rpartition("#")[2]
            back = self._previous_of(page, int(n)) if n.isdigit() else None
            if back is None:
                return prev  # too few sections placed to tell
            chain.append(back)
        ids = [self.resolve(self.sections[c]) for c in chain]
        if all(ids[i] != ids[i + 1] for i in range(k)):
            return None
        return prev

    def _previous_of(self, page: str | None, section: int | None) -> str | None:
        if not (page and section):
            return None
        for back in range(1, self.settings.page_gap + 1):
            key = f"{page}#{section - back}"
            if key in self.sections:
                return key
        return None

    def _absorb(self, sid: str, scored: list[tuple[float, str]], key: str) -> str:
        """Re-score the one-report stories the report was compared with against the
        story it grew: a report that found no home when it arrived joins once later
        reports have shaped the story it belongs to (the score is the one a join would
        get now; `absorb_threshold`). Returns the surviving id."""
        s = self.settings
        for _, other in scored:
            other = self.resolve(other)
            st = self.stories[other]
            if other == sid or st.n_scored != 1 or len(st.kept) != 1:
                continue
            (rec,) = st.kept.values()
            score = self._rec_score(sid, rec)
            if score is None:
                continue
            if score >= s.absorb_threshold or self._rescued((score, sid), rec["v"], s.absorb_threshold):
                sid = self._merge(sid, other, key, score)
        return sid

    def _rec_score(self, sid: str, rec: dict) -> float | None:
        """The join score a kept member `rec` would get with story `sid` now; None
        when the story is outside its window."""
        s = self.settings
        d = date.fromisoformat(rec["d"]) if rec["d"] else None
        if not self._in_window(self.stories[sid], d):
            return None
        main, ents, days = _channels(rec["v"])
        centre = _central_day(_counts(rec["days"])) if s.date_penalty else None
        prev = None
        if rec["s"]:
            page, _, n = rec["s"].rpartition("#")
            prev = self._leaning_section(page, int(n)) if n.isdigit() else None
        head = self._headline(rec.get("t") or "", main)
        return self._score_one(sid, main, ents, days, centre, prev, rec.get("e"), rec["l"], head)

    def _headline(self, title: str, main: dict[str, float]) -> dict[str, float] | None:
        """The report's headline terms as weighted in its vector (None when the guard
        is off or the title is no headline: a sub-heading, a date line, none)."""
        if not self.settings.title_guard:
            return None
        head = {t: main[t] for t in headline_terms(title) if t in main}
        return _unit(head) if head else None

    def _rescued(self, top: tuple[float, str], vec: dict[str, float], bar: float | None = None) -> bool:
        """A score within `rescue_margin` below `bar` (the threshold, or the absorb
        threshold) still joins when the report names the story's people, organisations
        and places (entity cosine >= rescue_cos) and passes the cohesion guard."""
        s = self.settings
        score, sid = top
        bar = s.threshold if bar is None else bar
        if not s.rescue_margin or score < bar - s.rescue_margin:
            return False
        st = self.stories[sid]
        main, ents, days = _channels(vec)
        if s.cohesion_ratio and st.n_scored >= 2 and st.link_sum:
            if _dot_sparse(main, st.centroid) / st.n_scored < s.cohesion_ratio * st.link_sum / st.n_scored:
                return False
        ce = _channel_cos(ents, st.centroid, "E:") if ents else None
        return (ce or 0.0) >= s.rescue_cos

    def _floor(self, d: date) -> str:
        return (d - timedelta(days=self.settings.window_days)).isoformat()

    def _in_window(self, st: StoryState, d: date | None) -> bool:
        if d is None or st.first is None:
            return True
        s = self.settings
        first = date.fromisoformat(st.first)
        if s.story_span_days and (d - first).days > s.story_span_days:
            # A story is one event: weeks of daily tallies are a storyline of many
            # stories, not one story that keeps absorbing every new count.
            return False
        return (first - d).days <= s.window_days and (d - date.fromisoformat(st.last)).days <= s.window_days

    def _score(self, f: ReportFeatures, vec: dict[str, float], emb: list[float] | None) -> list[tuple[float, str]]:
        s = self.settings
        prev_section = self._leaning_section(f.page, f.section)
        # split once: the side channels are scored only when the report has them
        main, ents, days = _channels(vec)
        centre = _central_day(_counts(f.event_days)) if s.date_penalty else None
        head = self._headline(f.title, main)
        out = [(self._score_one(sid, main, ents, days, centre, prev_section, emb, f.language, head), sid)
               for sid in self._candidates(f, vec)]
        # Ties break on the older story so the outcome never depends on set order.
        out.sort(key=lambda p: (-p[0], p[1]))
        return out

    def _score_one(self, sid: str, main: dict[str, float], ents: dict[str, float], days: dict[str, float],
                   centre: float | None, prev_section: str | None, emb: list[float] | None,
                   language: str | None, head: dict[str, float] | None = None) -> float:
        """A report's join score with story `sid` (its vector split into channels)."""
        s = self.settings
        st = self.stories[sid]
        dot = _dot_sparse(main, st.centroid)
        if s.link == "average":
            # The centroid is the sum of member unit vectors, so this is the
            # mean cosine with the members (average link) at centroid cost.
            score = dot / max(st.n_scored, 1)
        else:
            score = dot / st.norm if st.norm else 0.0
        loose = False
        if s.cohesion_ratio and st.n_scored >= 2 and st.link_sum:
            # A report must be about as close to the story as its members are
            # to one another; a tight story does not absorb a loose neighbour.
            cohesion = st.link_sum / st.n_scored
            loose = dot / st.n_scored < s.cohesion_ratio * cohesion
        if emb is not None and st.embedding is not None:
            sem = _dot(emb, _unit(st.embedding))
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
        follows = bool(prev_section and prev_section in st.pages)
        if ents and not follows:
            ce = _channel_cos(ents, st.centroid, "E:")
            if ce is not None:
                score += s.entity_weight * (ce - s.entity_pivot)
        if days and not follows:
            cd = _channel_cos(days, st.centroid, "D:")
            if cd is not None:
                score += s.date_weight * (cd - s.date_pivot)
        if centre is not None and not follows:
            gap = _gap(centre, _central_day(st.days))
            if gap is not None and gap > s.date_gap_days:
                # a June summit report is not the November ratification story
                score -= s.date_penalty
        if loose:
            score = min(score, s.threshold - 1e-6)
        cap = s.threshold - s.rescue_margin - 1e-6
        if (head is not None and not follows and score > cap and st.norm
                and not (language and st.languages and language not in st.languages)):
            # The headline names the event: a report whose headline shares no term
            # with the story is about another event even when its body matches
            # (a scraped page's body can carry a second item). Below the rescue band;
            # across languages headline terms cannot meet.
            if _headline_cos(head, st) < s.title_guard:
                score = cap
        if follows:
            score += s.page_bonus
        return score

    def _new_story(self, title: str) -> str:
        self.counter += 1
        sid = f"s-{self.counter:06d}"
        self.stories[sid] = StoryState(id=sid, title=title)
        self._recent.append(sid)
        return sid

    def _add(self, sid: str, f: ReportFeatures, vec: dict[str, float], emb: list[float] | None) -> None:
        st = self.stories[sid]
        if st.n_scored:
            # running sum of each joiner's mean cosine with the members before it
            st.link_sum += _dot_main(vec, st.centroid) / st.n_scored
        st.members.append(f.key)
        st.n_scored += 1
        self.story_of[f.key] = sid
        k = self.settings.revise_members
        if k and st.n_scored <= k and len(st.kept) == st.n_scored - 1:
            st.kept[f.key] = {"v": _trim(vec, self.settings.kept_terms) if self.settings.kept_terms else vec,
                              "d": f.date.isoformat() if f.date else None,
                              "s": f"{f.page}#{f.section}" if f.page and f.section is not None else None,
                              "days": list(f.event_days), "l": f.language, "t": f.title, "e": emb}
        elif st.kept:
            st.kept = {}  # grown past revision: keep only the centroid (memory)
            self._pair.pop(sid, None)
        for t, w in vec.items():
            st.centroid[t] = st.centroid.get(t, 0.0) + w
        st.centroid = _trim(st.centroid, self.settings.centroid_terms)
        st.norm = _main_norm(st.centroid)
        if f.date is not None:
            iso = f.date.isoformat()
            st.first = min(st.first or iso, iso)
            st.last = max(st.last or iso, iso)
        if f.page and f.section is not None:
            st.pages.append(f"{f.page}#{f.section}")
            self.sections[f"{f.page}#{f.section}"] = sid
        if f.language and f.language not in st.languages:
            st.languages.append(f.language)
        for d in f.event_days:
            st.days[d] = st.days.get(d, 0) + 1
        if emb is not None:
            st.embedding = emb if st.embedding is None else [a + b for a, b in zip(st.embedding, emb)]
        for term in heapq.nlargest(self.settings.index_terms, vec, key=vec.__getitem__):
            plist = self.postings[term]
            if not plist or plist[-1] != sid:
                plist.append(sid)

    def _sim(self, u: dict[str, float], v: dict[str, float]) -> float:
        """Pairwise report similarity as a join is scored: main-word cosine plus the
        entity and day adjustments when both reports carry those channels."""
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
        if s.entity_weight and _has(u, "E:") and _has(v, "E:"):
            dm += s.entity_weight * (de - s.entity_pivot)
        if s.date_weight and _has(u, "D:") and _has(v, "D:"):
            dm += s.date_weight * (dd - s.date_pivot)
        return dm

    def _headline_apart(self, x: str, y: str) -> bool:
        """True when one of stories x and y is a single report whose headline shares
        nothing with the other story: merging it would be the join the headline guard
        refused (its body may read like the other story; its headline does not)."""
        if not self.settings.title_guard:
            return False
        for one, other in ((x, y), (y, x)):
            st = self.stories[one]
            if st.n_scored == 1 and len(st.kept) == 1:
                (rec,) = st.kept.values()
                head = self._headline(rec.get("t") or "", _channels(rec["v"])[0])
                o = self.stories[other]
                same_language = not (rec["l"] and o.languages and rec["l"] not in o.languages)
                page, _, n = (rec["s"] or "").rpartition("#")
                prev = self._leaning_section(page, int(n)) if n.isdigit() else None
                follows = bool(prev and prev in o.pages)  # exempt, as on joining
                if (head and o.norm and same_language and not follows
                        and _headline_cos(head, o) < self.settings.title_guard):
                    return True
        return False

    def _parts(self, x: str, y: str) -> bool:
        """True when revision would split the union of stories x and y at once, so
        that merging them would only be undone (ids flipping back and forth).
        With `guard_by_cut` (default) the union is cut as revision cuts a story;
        else (round 5) x and y themselves are tested as the two groups, which also
        refuses unions that revision would cut elsewhere or leave whole."""
        s = self.settings
        a, b = self.stories[x], self.stories[y]
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
            cache = {**self._pair.get(x, {}), **self._pair.get(y, {})}
            return self._cut(list(kept), kept, cache) is not None
        va, vb = [m["v"] for m in a.kept.values()], [m["v"] for m in b.kept.values()]
        between = sum(self._sim(u, v) for u in va for v in vb) / (len(va) * len(vb))
        within = (_mean_pair([self._sim(u, v) for i, u in enumerate(va) for v in va[i + 1:]])
                  + _mean_pair([self._sim(u, v) for i, u in enumerate(vb) for v in vb[i + 1:]])) / 2
        if s.split_cohesion_cap:
            within = min(within, s.split_cohesion_cap)
        return between < s.split_ratio * within

    def _revise(self, sid: str, key: str) -> str | None:
        """Split the story in two when its kept members form two groups less alike
        than each group is within (split_ratio): a report of event B that joined
        event A's one-report story early is undone once B's later reports show what
        B is. Adjacent sections of one page stay together."""
        s = self.settings
        st = self.stories[sid]
        n = st.n_scored
        if n < 3 or n > s.revise_members or len(st.kept) != n:
            return None
        keys = list(st.kept)
        cut = self._cut(keys, st.kept, self._pair.setdefault(sid, {}))
        if cut is None:
            return None
        a, b, between = cut
        # the larger part keeps the id; on a tie, the part with the founding report
        stay, move = (a, b) if (len(a), -min(a)) >= (len(b), -min(b)) else (b, a)
        return self._split(sid, [keys[i] for i in sorted(move)], key, between)

    def _cut(self, keys: list[str], kept: dict[str, dict],
             cache: dict[tuple[str, str], float]) -> tuple[list[int], list[int], float] | None:
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
                    v = cache[pair] = self._sim(kept[keys[i]]["v"], kept[keys[j]]["v"])
                sim[i][j] = sim[j][i] = v
        groups = _page_units(keys, [kept[k]["s"] for k in keys], s.page_gap)
        if len(groups) < 2:
            return None
        a, b, between = _two_groups(groups, sim, s.split_refine)
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
        st = self.stories[sid]
        new = self._new_story(st.kept[moved[0]]["t"])
        nt = self.stories[new]
        gone = set(moved)
        gone |= {c for c, o in st.copies.items() if o in gone}
        nt.kept = {k: st.kept.pop(k) for k in moved}
        nt.copies = {c: o for c, o in st.copies.items() if c in gone}
        st.copies = {c: o for c, o in st.copies.items() if c not in gone}
        nt.members = [m for m in st.members if m in gone]
        st.members = [m for m in st.members if m not in gone]
        for part in (st, nt):
            self._resum(part)
        for m in nt.members:
            self.story_of[m] = new
        for sec in nt.pages:
            self.sections[sec] = new
        for rec in nt.kept.values():
            v = rec["v"]
            for term in heapq.nlargest(self.settings.index_terms, v, key=v.__getitem__):
                plist = self.postings[term]
                if not plist or plist[-1] != new:
                    plist.append(new)
        self.events.append({"type": "split", "story": sid, "new": new, "members": list(nt.members),
                            "by": key, "score": round(between, 4)})
        return new

    def _resum(self, st: StoryState) -> None:
        """Recompute a story's centroid and summary fields from its kept members."""
        st.centroid, st.link_sum, st.days, st.pages, st.languages = {}, 0.0, {}, [], []
        st.first = st.last = None
        st.embedding = None
        vecs = []
        for rec in st.kept.values():
            v = rec["v"]
            if vecs:
                st.link_sum += sum(_dot_main(v, u) for u in vecs) / len(vecs)
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
        st.centroid = _trim(st.centroid, self.settings.centroid_terms)
        st.norm = _main_norm(st.centroid)

    def _merge(self, keep: str, other: str, key: str, score: float) -> str:
        """Merge two live stories; the older id survives. Returns the survivor."""
        keep, gone = sorted((keep, other), key=natural_key)
        a, b = self.stories[keep], self.stories[gone]
        k = self.settings.revise_members
        if (len(a.kept) == a.n_scored and len(b.kept) == b.n_scored and a.kept and b.kept
                and a.n_scored + b.n_scored <= k):
            a.kept.update(b.kept)
        else:
            a.kept = {}
        b.kept = {}
        self._pair.pop(gone, None)
        if not a.kept:
            self._pair.pop(keep, None)
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
        a.norm = _main_norm(a.centroid)
        b.merged_into = keep
        b.centroid = {}
        self.events.append({"type": "merge", "story": gone, "merged_into": keep, "by": key, "score": round(score, 4)})
        return keep


def _unit(vec):
    if vec is None:
        return None
    if isinstance(vec, dict):
        n = math.sqrt(sum(w * w for w in vec.values()))
        return {t: w / n for t, w in vec.items()} if n else vec
    n = math.sqrt(sum(w * w for w in vec))
    return [w / n for w in vec] if n else list(vec)


def _dot(a: list[float], b: list[float]) -> float:
    return sum(x * y for x, y in zip(a, b))


def _dot_sparse(vec: dict[str, float], centroid: dict[str, float]) -> float:
    if len(vec) > len(centroid):
        return sum(w * vec.get(t, 0.0) for t, w in centroid.items())
    return sum(w * centroid.get(t, 0.0) for t, w in vec.items())


DAY_MIN_MENTIONS = 2
_SIDE = ("E:", "D:")
SIDE_TERMS = 30  # entity keys and event days a centroid keeps, besides its main terms


def _is_main(term: str) -> bool:
    return not term.startswith(_SIDE)


def _trim(centroid: dict[str, float], k: int) -> dict[str, float]:
    """The heaviest `k` main terms and SIDE_TERMS terms of each side channel."""
    main = [(t, w) for t, w in centroid.items() if _is_main(t)]
    out = dict(heapq.nlargest(k, main, key=lambda p: p[1])) if len(main) > k else dict(main)
    for prefix in _SIDE:
        side = [(t, w) for t, w in centroid.items() if t.startswith(prefix)]
        out.update(heapq.nlargest(SIDE_TERMS, side, key=lambda p: p[1]))
    return out


def _headline_cos(head: dict[str, float], st: StoryState) -> float:
    """Cosine of a report's headline terms (a unit vector) with a story's main centroid."""
    return _dot_sparse(head, st.centroid) / st.norm if st.norm else 0.0


def _main_norm(centroid: dict[str, float]) -> float:
    return math.sqrt(sum(w * w for t, w in centroid.items() if _is_main(t)))


def _dot_main(vec: dict[str, float], centroid: dict[str, float]) -> float:
    if len(vec) > len(centroid):
        vec, centroid = centroid, vec
    return sum(w * centroid.get(t, 0.0) for t, w in vec.items() if _is_main(t))


def _channel_cos(v: dict[str, float], centroid: dict[str, float], prefix: str) -> float | None:
    """Cosine of the report's `prefix` terms `v` and the story's; None when either has none."""
    if not v:
        return None
    c = [(t, w) for t, w in centroid.items() if t.startswith(prefix)]
    if not c:
        return None
    cn = math.sqrt(sum(w * w for _, w in c))
    vn = math.sqrt(sum(w * w for w in v.values()))
    return sum(w * v.get(t, 0.0) for t, w in c) / (cn * vn) if cn and vn else None


def _ordinal(md: str) -> int:
    return int(md[:2]) * 31 + int(md[3:])


def _central_day(counts: dict[str, int]) -> float | None:
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


def _day_gap(report_days: list[str], story_days: dict[str, int]) -> float | None:
    """Days (roughly, year ignored, across New Year too) between the report's central
    event day and the story's; None when either has no centre."""
    return _gap(_central_day(_counts(report_days)), _central_day(story_days))


def _channels(vec: dict[str, float]) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """A report vector's main terms, entity keys and stated days."""
    main, ents, days = {}, {}, {}
    for t, w in vec.items():
        (ents if t.startswith("E:") else days if t.startswith("D:") else main)[t] = w
    return main, ents, days


def _has(vec: dict[str, float], prefix: str) -> bool:
    return any(t.startswith(prefix) for t in vec)


def _mean_pair(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def _cohesion(group: list[int], sim: list[list[float]]) -> float:
    """Mean pairwise similarity within a group of at least two."""
    pairs = [(i, j) for x, i in enumerate(group) for j in group[x + 1:]]
    return sum(sim[i][j] for i, j in pairs) / len(pairs)


def _page_units(keys: list[str], secs: list[str | None], gap: int) -> list[list[int]]:
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


def _two_groups(units: list[list[int]], sim: list[list[float]],
                refine: int = 0) -> tuple[list[int], list[int], float]:
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
