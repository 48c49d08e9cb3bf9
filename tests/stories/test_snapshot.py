"""Per-batch state items: a clusterer restored after every batch decides as one kept in memory."""

from __future__ import annotations

import json

from tests.test_cluster import _mixed, _stream, seed_features

from khabar.config import ClusterSettings
from khabar.stories import StoryClusterer, batch_order


def _batches(feats, size):
    return [feats[i:i + size] for i in range(0, len(feats), size)]


def _restored_after_every_batch(transform=lambda items: items):
    """Runs one clusterer kept in memory and one restored from its state items (passed
    through `transform`) after every batch; yields both, with what each decided, per batch."""
    feats = batch_order(_mixed() + seed_features()) + _stream()
    settings = ClusterSettings(absorb_threshold=0.3)
    memory = StoryClusterer(settings)
    items: dict = {}
    restored = StoryClusterer(settings)
    for batch in _batches(feats, 3):
        want = memory.assign_batch(batch), memory.drain_events()
        got = restored.assign_batch(batch), restored.drain_events()
        upserts, deletes = restored.changed_state()
        items.update(json.loads(json.dumps(upserts)))
        for name in deletes:
            items.pop(name, None)
        restored = StoryClusterer.from_state_items(transform(items), settings)
        yield memory, restored, want, got, items


def _same_state(memory, restored):
    return restored.state() == json.loads(json.dumps(memory.state())) | {"story_of": restored.state()["story_of"]}


def test_restored_after_each_batch_matches_the_one_kept_in_memory():
    for memory, restored, want, got, _ in _restored_after_every_batch():
        assert got == want
        assert _same_state(memory, restored)
        assert restored.assignments() == memory.assignments()


def test_a_batch_writes_only_the_stories_it_touched():
    feats = batch_order(_mixed() + seed_features())
    cl = StoryClusterer()
    cl.assign_batch(feats[:4])
    cl.changed_state()
    cl.assign_batch(feats[4:5])
    upserts, _ = cl.changed_state()
    stories = [n for n in upserts if n.startswith("clusterer/story/")]
    assert 1 <= len(stories) <= 3


def test_from_state_then_items_gives_everything():
    cl = StoryClusterer()
    cl.assign_batch(batch_order(_mixed()))
    moved = StoryClusterer.from_state(json.loads(json.dumps(cl.state())))
    upserts, _ = moved.changed_state()
    again = StoryClusterer.from_state_items(json.loads(json.dumps(upserts)))
    assert again.assignments() == cl.assignments()
    assert again.state()["postings"] == cl.state()["postings"]


def test_kept_records_restored_encoded_decide_as_decoded_ones():
    from khabar.stories.snapshot import KEPT
    from khabar.store.state_codec import Encoded, encode_state

    def encoded(items):
        return {n: Encoded(encode_state(v)) if n.startswith(KEPT) else v for n, v in items.items()}

    for memory, restored, want, got, items in _restored_after_every_batch(encoded):
        assert got == want
        assert _same_state(memory, restored)
    assert any(n.startswith(KEPT) for n in items)  # the test met kept records


def test_kept_records_decode_each_record_once_when_read():
    from khabar.stories.state import KeptRecords
    from khabar.store.state_codec import Encoded, encode_state

    calls = []

    class Counted(Encoded):
        def value(self):
            calls.append(1)
            return super().value()

    kept = KeptRecords({"a": Counted(encode_state({"v": {"रूस": 1.0}})), "b": {"v": {}}})
    assert len(kept) == 2 and list(kept) == ["a", "b"] and not calls
    assert kept["a"] == {"v": {"रूस": 1.0}} and kept["a"]["v"] == {"रूस": 1.0}
    assert len(calls) == 1
    merged = {**kept, "c": {"v": {}}}
    assert merged["a"] == {"v": {"रूस": 1.0}}
    assert kept.pop("a") == {"v": {"रूस": 1.0}} and list(kept) == ["b"]
    assert kept == {"b": {"v": {}}}
