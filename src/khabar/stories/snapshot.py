"""Saving and restoring a clusterer: a whole snapshot, or named items per batch.

`full_state` / `from_full_state` give and read one JSON-able dict (the whole state).

`changed_items` hands out only what changed since its last call, as named items a
store can upsert in the same transaction as the batch they reflect, so that an
interrupted ingest resumes from its last committed batch:

    clusterer/meta                  version, settings, id counter, n_docs, undrained events
    clusterer/story/<story id>      one story (kept member keys and placed reports by key)
    clusterer/kept/<report key>     a kept member record (written once, deleted when dropped)
    clusterer/df/base/<nn>          document frequencies, in chunks by term hash
    clusterer/df/delta/<seq>        counts added by one batch
    clusterer/postings/base/<nn>    posting lists, in chunks by term hash
    clusterer/postings/delta/<seq>  story ids appended by one batch

Document frequencies and posting lists change for thousands of terms every batch,
so each batch writes its own delta; once the deltas outgrow the base, the base is
rewritten from memory and the deltas are deleted. Each write is then proportional
to the batch (the base rewrites, amortised, too). `from_items` restores from the
items alone: nothing is re-vectorised. Kept records may come encoded (the store's
`state_items(..., undecoded=KEPT)`): they are decoded when a story first reads them.
"""

from __future__ import annotations

import zlib
from collections import Counter
from dataclasses import asdict, replace
from typing import TYPE_CHECKING, Any

from khabar.config import ClusterSettings
from khabar.stories.order import natural_key
from khabar.stories.state import KeptRecords, StoryState
from khabar.stories.vectors import DocumentFrequencies

if TYPE_CHECKING:  # pragma: no cover
    from khabar.stories.clusterer import StoryClusterer

STATE_VERSION = 1
PREFIX = "clusterer/"
META = PREFIX + "meta"
STORY = PREFIX + "story/"
KEPT = PREFIX + "kept/"
CHUNKS = 64  # base chunks per log
FOLD_MIN = 50_000  # delta entries below which the base is never rewritten


def _chunk(term: str) -> int:
    return zlib.crc32(term.encode("utf-8")) % CHUNKS


class _Log:
    """Bookkeeping of one base + deltas log ("df" or "postings")."""

    def __init__(self, what: str):
        self.base = f"{PREFIX}{what}/base/"
        self.delta = f"{PREFIX}{what}/delta/"
        self.seq = 0
        self.deltas: list[str] = []  # delta item names saved since the last fold
        self.delta_size = 0
        self.base_size = 0
        self.fold_next = False

    def save(self, pending: dict, whole: dict, copy, upserts: dict[str, Any], deletes: list[str]) -> None:
        """Write `pending` as a delta, or fold everything into a new base."""
        if not pending and not self.fold_next:
            return
        if self.fold_next or self.delta_size + len(pending) > max(self.base_size, FOLD_MIN):
            chunks: list[dict] = [{} for _ in range(CHUNKS)]
            for term, value in whole.items():
                chunks[_chunk(term)][term] = copy(value)
            for n, chunk in enumerate(chunks):
                upserts[f"{self.base}{n:02d}"] = chunk
            deletes.extend(self.deltas)
            self.deltas, self.delta_size, self.base_size = [], 0, len(whole)
            self.fold_next = False
            return
        self.seq += 1
        name = f"{self.delta}{self.seq:08d}"
        upserts[name] = pending
        self.deltas.append(name)
        self.delta_size += len(pending)

    def read(self, items: dict[str, Any]) -> tuple[list[dict], list[dict]]:
        """Base chunks and deltas (in batch order) found among `items`; resumes counting."""
        bases, deltas = [], []
        for name, value in items.items():
            if name.startswith(self.base):
                bases.append(value)
                self.base_size += len(value)
            elif name.startswith(self.delta):
                deltas.append((name, value))
        deltas.sort()
        self.deltas = [name for name, _ in deltas]
        self.delta_size = sum(len(v) for _, v in deltas)
        self.seq = int(self.deltas[-1].rpartition("/")[2]) if self.deltas else 0
        return bases, [v for _, v in deltas]


class SaveTracker:
    """What `changed_items` has handed out so far."""

    def __init__(self) -> None:
        self.kept: dict[str, set[str]] = {}  # story id -> kept member keys saved with it
        self.df = _Log("df")
        self.postings = _Log("postings")

    def save_all_next(self) -> None:
        self.df.fold_next = self.postings.fold_next = True


# -- one snapshot ----------------------------------------------------------------

def full_state(cl: "StoryClusterer") -> dict[str, Any]:
    return {
        "version": STATE_VERSION,
        "settings": asdict(cl.settings),
        "n_docs": cl.freq.n_docs,
        "df": dict(cl.freq.df),
        "counter": cl.register.counter,
        "stories": [{**asdict(replace(st, kept={})), "kept": dict(st.kept)} for st in cl.stories.values()],
        "story_of": cl.story_of,
        "postings": dict(cl.index.postings),
        "events": list(cl.events),
    }


def from_full_state(cls, d: dict[str, Any], settings: ClusterSettings | None) -> "StoryClusterer":
    if d.get("version") != STATE_VERSION:
        raise ValueError(f"unsupported clusterer state version {d.get('version')!r}")
    cl = cls(settings or ClusterSettings(**d["settings"]))
    cl.freq = DocumentFrequencies(d["n_docs"], d["df"])
    reg = cl.register
    reg.counter = d["counter"]
    for sd in d["stories"]:
        st = StoryState(**sd)
        reg.by_id[st.id] = st
        cl.index.add_story(st.id)
    reg.story_of = dict(d["story_of"])
    _index_sections(cl)
    cl.index.postings = {t: list(v) for t, v in d["postings"].items()}
    reg.events = list(d.get("events", []))
    # nothing of it has been handed out as items yet
    reg.dirty = set(reg.by_id)
    cl.saved.save_all_next()
    return cl


def _index_sections(cl: "StoryClusterer") -> None:
    for st in cl.stories.values():
        for sec in st.pages:
            cl.index.sections[sec] = st.id


# -- items per batch ---------------------------------------------------------------

def changed_items(cl: "StoryClusterer") -> tuple[dict[str, Any], list[str]]:
    reg, saved = cl.register, cl.saved
    upserts: dict[str, Any] = {META: {
        "version": STATE_VERSION, "settings": asdict(cl.settings), "counter": reg.counter,
        "n_docs": cl.freq.n_docs, "events": list(reg.events)}}
    deletes: list[str] = []
    before: set[str] = set()
    now: set[str] = set()
    for sid in sorted(reg.dirty, key=natural_key):
        st = reg.by_id[sid]
        entry = asdict(replace(st, kept={}))
        entry["kept"] = list(st.kept)
        entry["placed"] = reg.placed_in(sid)
        upserts[STORY + sid] = entry
        # a kept record moves only between stories changed together (split, merge)
        before |= saved.kept.get(sid, set())
        keys = set(st.kept)
        now |= keys
        if keys:
            saved.kept[sid] = keys
        else:
            saved.kept.pop(sid, None)
    kept_records = {key: rec for sid in reg.dirty for key, rec in reg.by_id[sid].kept.items()}
    for key in sorted(now - before):
        upserts[KEPT + key] = kept_records[key]
    deletes.extend(KEPT + key for key in sorted(before - now))
    reg.dirty = set()
    saved.df.save(cl.freq.take_delta(), cl.freq.df, int, upserts, deletes)
    saved.postings.save(cl.index.take_delta(), cl.index.postings, list, upserts, deletes)
    return upserts, deletes


def from_items(cls, items: dict[str, Any], settings: ClusterSettings | None) -> "StoryClusterer":
    meta = items.get(META)
    if meta is None or meta.get("version") != STATE_VERSION:
        raise ValueError(f"unsupported clusterer state version {(meta or {}).get('version')!r}")
    cl = cls(settings or ClusterSettings(**meta["settings"]))
    reg, saved = cl.register, cl.saved
    reg.counter = meta["counter"]
    reg.events = list(meta["events"])
    entries = sorted(((name[len(STORY):], v) for name, v in items.items() if name.startswith(STORY)),
                     key=lambda p: natural_key(p[0]))
    for sid, entry in entries:
        fields = dict(entry)
        kept_keys = fields.pop("kept")
        placed = fields.pop("placed")
        st = StoryState(**fields, kept=KeptRecords({key: items[KEPT + key] for key in kept_keys}))
        reg.by_id[sid] = st
        cl.index.add_story(sid)
        for key in placed:
            reg.story_of[key] = sid
        if kept_keys:
            saved.kept[sid] = set(kept_keys)
    _index_sections(cl)
    bases, deltas = saved.df.read(items)
    df: Counter[str] = Counter()
    for part in bases + deltas:
        df.update(part)
    cl.freq = DocumentFrequencies(meta["n_docs"], df)
    bases, deltas = saved.postings.read(items)
    postings: dict[str, list[str]] = {}
    for chunk in bases:
        for term, ids in chunk.items():
            postings[term] = list(ids)
    for delta in deltas:
        for term, ids in delta.items():
            postings.setdefault(term, []).extend(ids)
    cl.index.postings = postings
    return cl
