"""The state table's compressed JSON encoding."""

from __future__ import annotations

import json

from khabar.store.state_codec import MAGIC, decode_state, encode_state


def test_round_trip_keeps_every_value():
    value = {
        "version": 3,
        "df": {"रूस": 4, "संधि": 1},
        "stories": [{"id": "s-000001", "terms": {"पुतिन": 0.5}, "pages": ["AU#1"]}, {"id": "s-2"}],
        "story_of": {"001.txt": "s-000001"},
        "empty_list": [],
        "empty_dict": {},
        "none": None,
        "text": 'उद्धरण "quote" \\ and a newline\n',
    }
    blob = encode_state(value)
    assert blob.startswith(MAGIC)
    assert decode_state(blob) == json.loads(json.dumps(value))


def test_scalars_and_lists_at_the_top_level():
    for value in ([1, "दो", {"a": [3]}], "s-000001", 7, None):
        assert decode_state(encode_state(value)) == value


def test_plain_json_from_older_stores_still_loads():
    assert decode_state('{"version": 1, "n_docs": 2}') == {"version": 1, "n_docs": 2}
    assert decode_state(b'["a"]') == ["a"]


def test_large_state_is_compressed():
    value = {"postings": {f"term{i}": [f"s-{j:06d}" for j in range(20)] for i in range(5000)}}
    blob = encode_state(value)
    assert len(blob) < len(json.dumps(value)) / 4
    assert decode_state(blob) == value


def test_values_json_writes_but_strict_json_refuses_still_load():
    value = {"score": float("nan"), "far": float("inf"), "big": 2**70, "x": [0.1, -0.0]}
    back = decode_state(encode_state(value))
    assert back["score"] != back["score"] and back["far"] == float("inf")
    assert back["big"] == 2**70 and back["x"] == [0.1, -0.0]
