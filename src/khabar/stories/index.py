"""The candidate index: which stories a report is scored against.

An inverted index over each placed report's heaviest terms (posting lists of
story ids in placement order), and the stories of the sections of split pages
("page#section" -> story id), so placing a report costs the same at 10k and 100k
stored reports.
"""

from __future__ import annotations

import heapq
from datetime import date, timedelta
from typing import Callable

from khabar.config import ClusterSettings
from khabar.stories.features import ReportFeatures, words
from khabar.stories.state import Stories, StoryState
from khabar.stories.vectors import Vector


class CandidateIndex:
    """Posting lists and page sections over the stories of `stories`."""

    def __init__(self, settings: ClusterSettings, stories: Stories):
        self.settings = settings
        self.stories = stories
        self.postings: dict[str, list[str]] = {}
        self.sections: dict[str, str] = {}  # "page#section" -> story id, for split pages
        self.recent: list[str] = []  # story ids in founding order (semantic candidate scan)
        self._appended: dict[str, list[str]] = {}  # postings added since the last take_delta

    # -- building ---------------------------------------------------------

    def add_story(self, sid: str) -> None:
        self.recent.append(sid)

    def index(self, sid: str, vec: Vector) -> None:
        """Post story `sid` under the report vector's heaviest terms."""
        for term in heapq.nlargest(self.settings.index_terms, vec, key=vec.__getitem__):
            plist = self.postings.setdefault(term, [])
            if not plist or plist[-1] != sid:
                plist.append(sid)
                self._appended.setdefault(term, []).append(sid)

    def take_delta(self) -> dict[str, list[str]]:
        """Postings appended since the last call (term -> story ids, in order)."""
        out, self._appended = self._appended, {}
        return out

    # -- candidates -------------------------------------------------------

    def candidates(self, f: ReportFeatures, vec: Vector,
                   in_window: Callable[[StoryState, date | None], bool]) -> list[str]:
        """Stories sharing heavy terms with the report, best overlap first, at most
        max_candidates of them, within the time window; only these are scored exactly."""
        s = self.settings
        by_id = self.stories.by_id
        hits: dict[str, float] = {}
        floor = (f.date - timedelta(days=s.window_days)).isoformat() if f.date is not None else None
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
                st = by_id[sid]
                if st.merged_into is not None:
                    sid = self.stories.resolve(sid)
                    st = by_id[sid]
                if floor is not None and st.last is not None and st.last < floor:
                    break
                hits[sid] = hits.get(sid, 0.0) + w
        if s.semantic:
            for sid in self.recent[-s.semantic_candidates:]:
                hits.setdefault(self.stories.resolve(sid), 0.0)
        ranked = sorted(hits, key=lambda c: (-hits[c], c))  # ids are zero-padded: str order = age
        if s.semantic:
            top = ranked[: s.max_candidates] + [c for c in ranked[s.max_candidates:] if hits[c] == 0.0]
        else:
            top = ranked[: s.max_candidates]
        return [c for c in top if in_window(by_id[c], f.date)]

    # -- split pages --------------------------------------------------------

    def continued_story(self, f: ReportFeatures) -> str | None:
        """The story of the previous section when this section of a split page is
        headed by a bare sub-heading ("इन पर रहेगी पाबंदी"), not a headline."""
        s = self.settings
        if not (s.subheading_words and f.page and f.section):
            return None
        prev = self.sections.get(self.previous_of(f.page, f.section) or "")
        if prev is None or len(words(f.title)) > s.subheading_words:
            return None
        return self.stories.resolve(prev)

    def leaning_section(self, page: str | None, section: int | None) -> str | None:
        """The previous section whose story this section leans towards (page bonus),
        or None when the page reads as a roundup there: each of the last
        `roundup_breaks` placed sections went to another story than the one before it
        (AU-22: Kerala, Rajasthan, Ladakh items one after another)."""
        prev = self.previous_of(page, section)
        k = self.settings.roundup_breaks
        if prev is None or not k:
            return prev
        chain = [prev]
        while len(chain) <= k:
            n = chain[-1].rpartition("#")[2]
            back = self.previous_of(page, int(n)) if n.isdigit() else None
            if back is None:
                return prev  # too few sections placed to tell
            chain.append(back)
        ids = [self.stories.resolve(self.sections[c]) for c in chain]
        if all(ids[i] != ids[i + 1] for i in range(k)):
            return None
        return prev

    def leaning_of(self, sec: str | None) -> str | None:
        """`leaning_section` for a kept member's "page#n" (None when it has none)."""
        if not sec:
            return None
        page, _, n = sec.rpartition("#")
        return self.leaning_section(page, int(n)) if n.isdigit() else None

    def previous_of(self, page: str | None, section: int | None) -> str | None:
        """"page#n" of the nearest placed earlier section of the page, at most
        `page_gap` sections back (scrapes skip sections: AU#2 is followed by AU#4)."""
        if not (page and section):
            return None
        for back in range(1, self.settings.page_gap + 1):
            key = f"{page}#{section - back}"
            if key in self.sections:
                return key
        return None
