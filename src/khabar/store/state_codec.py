"""Compact encoding of large persisted state (the clusterer's) for the `state` table.

The clusterer's state grows with the corpus (hundreds of MB of JSON at 100k reports).
Encoding it with one `json.dumps` holds the whole text, its UTF-8 copy and the
database's copy at once; here each list item and dict entry of the top-level object
is encoded on its own and fed to a zlib stream, so only the compressed bytes and one
member's text accumulate. Values written before this encoding (plain JSON text) still load.

Every ingest starts by reading all of it back (183,900 items at 100k reports), so
reading goes through orjson, which parses the same JSON to the same values in about
0.6 of the time; the few texts it refuses (the NaN and Infinity that `json` writes)
are read by `json`.
"""

from __future__ import annotations

import json
import zlib

import orjson
from collections.abc import MutableMapping
from typing import Any, Iterator

MAGIC = b"KZJ1"  # zlib-compressed JSON, marks the encoded form in the BLOB


def _chunks(value: Any) -> Iterator[str]:
    # one encoder call per top-level member: the whole text is never held at once,
    # and a member's own lists (a story's terms, the storyline pairs) go through
    # json's C encoder in one call rather than one call per element
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    if isinstance(value, dict):
        yield "{"
        for i, (k, v) in enumerate(value.items()):
            yield ("," if i else "") + dumps(str(k)) + ":" + dumps(v)
        yield "}"
    elif isinstance(value, list):
        yield "["
        for i, v in enumerate(value):
            yield ("," if i else "") + dumps(v)
        yield "]"
    else:
        yield dumps(value)


def encode_state(value: Any) -> bytes:
    """JSON of `value`, zlib-compressed while it is written, behind MAGIC."""
    z = zlib.compressobj(1)
    out = [MAGIC]
    buf: list[str] = []
    size = 0
    for chunk in _chunks(value):
        buf.append(chunk)
        size += len(chunk)
        if size > 1 << 20:  # compress in ~1 MB runs: fewer, larger zlib calls
            out.append(z.compress("".join(buf).encode("utf-8")))
            buf, size = [], 0
    out.append(z.compress("".join(buf).encode("utf-8")))
    out.append(z.flush())
    return b"".join(out)


def decode_state(raw: bytes | str) -> Any:
    """The value `encode_state` wrote, or plain JSON text from older stores."""
    if isinstance(raw, bytes) and raw.startswith(MAGIC):
        raw = zlib.decompress(raw[len(MAGIC):])
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


class Encoded:
    """A stored state value not decoded yet: `value()` decodes it (once per call;
    the holder keeps the result). Lets a run read every item of its start state
    but pay for decoding only the ones it uses."""

    __slots__ = ("raw",)

    def __init__(self, raw: bytes | str):
        self.raw = raw

    def value(self) -> Any:
        return decode_state(self.raw)


class DecodedOnRead(MutableMapping):
    """A mapping whose values may arrive still encoded (`Encoded`) and are decoded
    on first read, then kept decoded. Membership, length and iteration decode nothing. Subclasses say
    what a decoded value is (`_is_ready`) and how it is made from JSON (`_make`)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any] | None = None):
        self._values: dict[str, Any] = dict(values or {})

    @staticmethod
    def _is_ready(value: Any) -> bool:
        return isinstance(value, dict)

    @staticmethod
    def _make(decoded: Any) -> Any:
        return decoded

    def __getitem__(self, key: str) -> Any:
        value = self._values[key]
        if not self._is_ready(value):
            value = self._values[key] = self._make(value.value() if isinstance(value, Encoded) else value)
        return value

    def __setitem__(self, key: str, value: Any) -> None:
        self._values[key] = value

    def __delitem__(self, key: str) -> None:
        del self._values[key]

    def __contains__(self, key: object) -> bool:
        return key in self._values

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self._values)!r})"
