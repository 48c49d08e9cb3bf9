"""What the clusterer knows about each story, and the register of all stories.

Story ids are a counter ("s-000001") issued in placement order; an id never changes
meaning. A merge keeps the older id and records `merged_into` on the younger one,
so old ids stay resolvable. Every change to a story goes through the register's
`touch` (or `new` / `place`), which is how a per-batch save knows what to write.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from khabar.store.state_codec import DecodedOnRead


class KeptRecords(DecodedOnRead):
    """A story's kept member records by report key. Records restored from the store
    arrive encoded and are decoded on first read: at 100k reports they are most of
    the start state (87k records, 250 MB of JSON), and a run reads the few of the
    stories its reports join."""

    __slots__ = ()


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
    # is small; emptied once it grows past revise_members (it is then no longer split).
    # A kept record never changes once made; it only moves between stories.
    kept: dict[str, dict] = field(default_factory=dict)
    copies: dict[str, str] = field(default_factory=dict)  # copy key -> original key


class Stories:
    """Every story by id, where each report was placed, the id counter and the
    events not yet drained."""

    def __init__(self) -> None:
        self.by_id: dict[str, StoryState] = {}
        self.story_of: dict[str, str] = {}  # report key -> story id as assigned (resolve() for current)
        self.counter = 0
        self.events: list[dict[str, Any]] = []
        self.dirty: set[str] = set()  # stories changed since the last saved state

    def new(self, title: str) -> str:
        """Open a story under the next id."""
        self.counter += 1
        sid = f"s-{self.counter:06d}"
        self.by_id[sid] = StoryState(id=sid, title=title)
        self.dirty.add(sid)
        return sid

    def resolve(self, story_id: str) -> str:
        """The live id for `story_id`, following `merged_into` links."""
        seen = 0
        while (nxt := self.by_id[story_id].merged_into) is not None:
            story_id = nxt
            seen += 1
            if seen > len(self.by_id):  # pragma: no cover - corrupt state
                raise ValueError(f"merge cycle at story {story_id}")
        return story_id

    def place(self, key: str, sid: str) -> None:
        """Record report `key` as placed in story `sid` (its first placement or a move)."""
        old = self.story_of.get(key)
        if old is not None:
            self.dirty.add(old)  # its list of placed reports shrinks
        self.story_of[key] = sid
        self.dirty.add(sid)

    def touch(self, *sids: str) -> None:
        self.dirty.update(sids)

    def placed_in(self, sid: str) -> list[str]:
        """Reports whose recorded placement is `sid` (a subset of its members)."""
        story_of = self.story_of
        return [k for k in self.by_id[sid].members if story_of.get(k) == sid]

    def emit(self, event: dict[str, Any]) -> None:
        self.events.append(event)
