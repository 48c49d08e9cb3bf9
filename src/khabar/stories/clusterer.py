"""Streaming story clustering with stable ids: the clusterer that places reports.

Each report is placed as it arrives: it joins the most similar live story (the join
score, `score.JoinScore`) when the score reaches the threshold, otherwise it founds
a new story. Decisions never look at later reports:

* IDF is learned incrementally and frozen into a report's vector when it is placed
  (`vectors`), so feeding the same reports in two batches (in the same order) gives
  exactly the stories of one batch.
* Story ids are a counter, issued in placement order; a merge keeps the older id
  (`state`, `revision`).
* Candidate stories come from an inverted index over each report's heaviest terms
  (`index`), so placing a report costs the same at 10k and 100k stored reports.

Reports without a date are compared with every candidate story regardless of the
time window (their date is unknown, not "far away"); a story's window is widened
only by dated members.
"""

from __future__ import annotations

from typing import Any, Iterable

from khabar.config import ClusterSettings
from khabar.errors import NotFound
from khabar.stories import snapshot
from khabar.stories.features import ReportFeatures
from khabar.stories.index import CandidateIndex
from khabar.stories.order import batch_order
from khabar.stories.revision import Revision
from khabar.stories.score import JoinScore
from khabar.stories.state import Stories, StoryState
from khabar.stories.vectors import DocumentFrequencies, Vector, dot_main, main_norm, trim, unit, vectorize


class StoryClusterer:
    """Places reports into stories one at a time; see the module docstring."""

    def __init__(self, settings: ClusterSettings | None = None):
        self.settings = settings or ClusterSettings()
        self.freq = DocumentFrequencies()
        self.register = Stories()
        self.index = CandidateIndex(self.settings, self.register)
        self.scorer = JoinScore(self.settings, self.register, self.index)
        self.revision = Revision(self.settings, self.register, self.index, self.scorer)
        self.saved = snapshot.SaveTracker()

    # -- the register, read-only views ----------------------------------------

    @property
    def stories(self) -> dict[str, StoryState]:
        return self.register.by_id

    @property
    def story_of(self) -> dict[str, str]:
        """Report key -> story id as assigned (`resolve` it for the current one)."""
        return self.register.story_of

    @property
    def events(self) -> list[dict[str, Any]]:
        return self.register.events

    @property
    def counter(self) -> int:
        return self.register.counter

    @property
    def n_docs(self) -> int:
        return self.freq.n_docs

    # -- public API -----------------------------------------------------------

    def assign(self, feats: ReportFeatures) -> str:
        """Place one report; return its story id. Re-placing a known key is a no-op."""
        reg = self.register
        if feats.key in reg.story_of:
            return reg.resolve(reg.story_of[feats.key])
        s = self.settings
        vec = vectorize(feats, self.freq, s)
        emb = unit(feats.embedding) if (s.semantic and feats.embedding) else None
        parent = self.index.continued_story(feats)
        if parent is not None:
            self._add(parent, feats, vec, emb)
            reg.emit({"type": "continue", "key": feats.key, "story": parent})
            return parent
        probe = self.scorer.probe(feats, vec, emb)
        scored = self.scorer.ranked(feats, probe)
        if scored and (scored[0][0] >= s.threshold or self.scorer.rescued(scored[0][0], scored[0][1], probe)):
            best_score, sid = scored[0]
            # A report strongly similar to two stories is evidence they are one.
            for score, other in scored[1:]:
                if score < s.merge_threshold or best_score < s.merge_threshold:
                    break
                other = reg.resolve(other)
                if other != sid and self.revision.mergeable(sid, other):
                    sid = self.revision.merge(sid, other, feats.key, score)
            self._add(sid, feats, vec, emb)
            reg.emit({"type": "join", "key": feats.key, "story": sid, "score": round(best_score, 4)})
            # The grown story may now read like a neighbour the report also matched.
            if s.story_merge_threshold:
                for score, other in scored[1:]:
                    if score < s.threshold:
                        break
                    other = reg.resolve(other)
                    if other == sid:
                        continue
                    sim = self.scorer.story_similarity(reg.by_id[sid], reg.by_id[other])
                    if sim >= s.story_merge_threshold and self.revision.mergeable(sid, other):
                        sid = self.revision.merge(sid, other, feats.key, sim)
            if s.revise_members:
                self.revision.revise(sid, feats.key)
            if s.absorb_threshold:
                self.revision.absorb(reg.resolve(reg.story_of[feats.key]), scored, feats.key)
        else:
            sid = self._new_story(feats.title)
            self._add(sid, feats, vec, emb)
            best = round(scored[0][0], 4) if scored else 0.0
            reg.emit({"type": "new", "key": feats.key, "story": sid, "best_score": best})
        return reg.resolve(reg.story_of[feats.key])

    def assign_batch(self, feats: Iterable[ReportFeatures]) -> dict[str, str]:
        """Place many reports in the deterministic batch order; key -> story id
        (resolved through merges made later in the same batch)."""
        ordered = batch_order(feats)
        for f in ordered:
            self.assign(f)
        # a later split may have moved an earlier report: read the final placement
        return {f.key: self.resolve(self.story_of[f.key]) for f in ordered}

    def assign_copy(self, key: str, original_key: str) -> str:
        """Put a near-copy (from the dedup step) into its original's story unscored."""
        reg = self.register
        if key in reg.story_of:
            return reg.resolve(reg.story_of[key])
        if original_key not in reg.story_of:
            raise NotFound(f"original report '{original_key}' of copy '{key}' has not been placed")
        sid = reg.resolve(reg.story_of[original_key])
        reg.by_id[sid].members.append(key)
        reg.by_id[sid].copies[key] = original_key
        reg.place(key, sid)
        reg.emit({"type": "copy", "key": key, "story": sid, "original": original_key})
        return sid

    def observe(self, feats: Iterable[ReportFeatures]) -> None:
        """Learn document frequencies from reports without placing them (e.g. the
        archive before the first clustered day), so early IDF is not flat."""
        for f in feats:
            self.freq.count(f.terms.keys())

    def resolve(self, story_id: str) -> str:
        """The live id for `story_id`, following `merged_into` links."""
        return self.register.resolve(story_id)

    def assignments(self) -> dict[str, str]:
        """Every placed report key -> its current (resolved) story id."""
        return {k: self.resolve(s) for k, s in self.story_of.items()}

    def live_stories(self) -> list[StoryState]:
        return [st for st in self.stories.values() if st.merged_into is None]

    def drain_events(self) -> list[dict[str, Any]]:
        """Events since the last drain (new / join / continue / copy / merge / split), for the store."""
        out, self.register.events = self.register.events, []
        return out

    def idf(self, term: str) -> float:
        return self.freq.idf(term)

    # -- state ------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """A JSON-able snapshot; `from_state` restores an identical clusterer."""
        return snapshot.full_state(self)

    @classmethod
    def from_state(cls, d: dict[str, Any], settings: ClusterSettings | None = None) -> "StoryClusterer":
        """Restore from `state()`; `settings` overrides the saved ones if given."""
        return snapshot.from_full_state(cls, d, settings)

    def unsaved_stories(self) -> set[str]:
        """Ids of the stories changed since the last `changed_state` call."""
        return set(self.register.dirty)

    def changed_state(self) -> tuple[dict[str, Any], list[str]]:
        """What changed since the last call, as named JSON-able items to upsert and
        names to delete (see `snapshot`); `from_state_items` restores from them all."""
        return snapshot.changed_items(self)

    @classmethod
    def from_state_items(cls, items: dict[str, Any], settings: ClusterSettings | None = None) -> "StoryClusterer":
        """Restore from every item `changed_state` has handed out (and not deleted)."""
        return snapshot.from_items(cls, items, settings)

    @classmethod
    def rebuild(cls, pairs: Iterable[tuple[ReportFeatures, str]],
                settings: ClusterSettings | None = None) -> "StoryClusterer":
        """Rebuild state from stored (features, current story id) pairs without
        re-deciding: each report goes into the story id the store has for it (pass
        resolved ids, as from `assignments()`; merge history is not replayed)."""
        self = cls(settings)
        reg = self.register
        pairs = list(pairs)
        order = {id(f): i for i, f in enumerate(batch_order(f for f, _ in pairs))}
        for f, sid in sorted(pairs, key=lambda p: order[id(p[0])]):
            vec = vectorize(f, self.freq, self.settings)
            if sid not in reg.by_id:
                reg.by_id[sid] = StoryState(id=sid, title=f.title)
                reg.touch(sid)
                self.index.add_story(sid)
                num = sid.rsplit("-", 1)[-1]
                if num.isdigit():
                    reg.counter = max(reg.counter, int(num))
            emb = unit(f.embedding) if (self.settings.semantic and f.embedding) else None
            self._add(sid, f, vec, emb)
        return self

    # -- internals ------------------------------------------------------------------

    def _new_story(self, title: str) -> str:
        sid = self.register.new(title)
        self.index.add_story(sid)
        return sid

    def _add(self, sid: str, f: ReportFeatures, vec: Vector, emb: list[float] | None) -> None:
        """Add a scored report to story `sid`: centroid, summary fields, index."""
        s = self.settings
        st = self.stories[sid]
        if st.n_scored:
            # running sum of each joiner's mean cosine with the members before it
            st.link_sum += dot_main(vec, st.centroid) / st.n_scored
        st.members.append(f.key)
        st.n_scored += 1
        self.register.place(f.key, sid)
        k = s.revise_members
        if k and st.n_scored <= k and len(st.kept) == st.n_scored - 1:
            st.kept[f.key] = {"v": trim(vec, s.kept_terms) if s.kept_terms else vec,
                              "d": f.date.isoformat() if f.date else None,
                              "s": f"{f.page}#{f.section}" if f.page and f.section is not None else None,
                              "days": list(f.event_days), "l": f.language, "t": f.title, "e": emb}
        elif st.kept:
            st.kept = {}  # grown past revision: keep only the centroid (memory)
            self.revision.pair_cache.pop(sid, None)
        for t, w in vec.items():
            st.centroid[t] = st.centroid.get(t, 0.0) + w
        st.centroid = trim(st.centroid, s.centroid_terms)
        st.norm = main_norm(st.centroid)
        if f.date is not None:
            iso = f.date.isoformat()
            st.first = min(st.first or iso, iso)
            st.last = max(st.last or iso, iso)
        if f.page and f.section is not None:
            st.pages.append(f"{f.page}#{f.section}")
            self.index.sections[f"{f.page}#{f.section}"] = sid
        if f.language and f.language not in st.languages:
            st.languages.append(f.language)
        for d in f.event_days:
            st.days[d] = st.days.get(d, 0) + 1
        if emb is not None:
            st.embedding = emb if st.embedding is None else [a + b for a, b in zip(st.embedding, emb)]
        self.index.index(sid, vec)
