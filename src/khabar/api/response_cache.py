"""Rendered GET responses kept per store revision, as an ASGI middleware.

Every page and JSON answer is a function of the stored data and the request's path and
query, and the data changes only when a batch is stored, which raises the store's
revision (Store.revision, written in the batch's transaction). So a response built once
is served again, byte for byte, to every request for the same URL until the revision
moves; then all kept responses are dropped at once. A reader never sees a response
older than the last committed batch it could have read itself.

Under many readers the costly part is not one page but the same page built by every
client that asks for it at once: here the first asker builds it and the others wait for
that one response (as the story cache does for analyses one level down).

The kept response is the one the app sent, with its ETag and security headers; a
request whose If-None-Match holds that ETag gets 304 without touching the app.
Only 200 answers are kept; errors, static files (served from disk and cached by the
browser for a day) and non-GET requests always go to the app.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable

MAX_BYTES = 64 * 2**20  # all kept bodies of one server process
MAX_ENTRY_BYTES = 4 * 2**20  # a larger response is built each time
# Builds run at once per process. They are Python work under one interpreter lock: more
# of them at a time finish no sooner in total, but each holds the lock against the
# event loop that answers kept responses, so 50 readers would all wait on the slowest.
# Two, so that one build's database reads overlap another's work.
BUILDS_AT_ONCE = 2
NOT_KEPT_PREFIXES = ("/static/", "/api/reports")
DROPPED_ON_304 = (b"content-type", b"content-length")


@dataclass
class Kept:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes

    def etag(self) -> bytes | None:
        return next((v for k, v in self.headers if k == b"etag"), None)


def _matches(if_none_match: bytes, etag: bytes | None) -> bool:
    return etag is not None and etag in [t.strip() for t in if_none_match.split(b",")]


class ResponseCache:
    """ASGI middleware: `revision()` says which revision the store is at (None: do not
    cache this request, for instance when the store cannot be read)."""

    def __init__(self, app, revision: Callable[[], int | None], max_bytes: int = MAX_BYTES,
                 max_entry_bytes: int = MAX_ENTRY_BYTES):
        self.app = app
        self.revision = revision
        self.max_bytes = max_bytes
        self.max_entry_bytes = max_entry_bytes
        self._kept: OrderedDict[tuple, Kept] = OrderedDict()
        self._bytes = 0
        self._at: int | None = None
        self._building: dict[tuple, asyncio.Event] = {}
        self._builders: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None
        self.hits = 0
        self.misses = 0

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or scope["path"].startswith(NOT_KEPT_PREFIXES):
            await self.app(scope, receive, send)
            return
        try:
            revision = self.revision()
        except Exception:  # an unreadable store: the app answers (and says what is wrong)
            revision = None
        if revision is None:
            await self.app(scope, receive, send)
            return
        if revision != self._at:  # a batch was stored: nothing kept can be served again
            self._kept.clear()
            self._bytes = 0
            self._at = revision
        key = (revision, scope.get("root_path", ""), scope["path"], scope.get("query_string", b""))
        headers = dict(scope.get("headers") or [])
        if_none_match = headers.get(b"if-none-match", b"")
        kept = await self._get(key, scope, receive)
        if kept.status == 200 and if_none_match and _matches(if_none_match, kept.etag()):
            await send({"type": "http.response.start", "status": 304,
                        "headers": [(k, v) for k, v in kept.headers if k not in DROPPED_ON_304]})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": kept.status, "headers": kept.headers})
        await send({"type": "http.response.body", "body": kept.body})

    async def _get(self, key: tuple, scope, receive) -> Kept:
        """The kept answer for `key`, or the app's answer now (kept when it may be)."""
        while True:
            if key in self._kept:
                self._kept.move_to_end(key)
                self.hits += 1
                return self._kept[key]
            building = self._building.get(key)
            if building is None:
                break
            await building.wait()  # another request is building it; if that failed, build here
            if key not in self._kept:
                break
        self.misses += 1
        done = self._building.setdefault(key, asyncio.Event())
        try:
            kept = await self._build(scope, receive)
            if kept.status == 200 and len(kept.body) <= self.max_entry_bytes and key[0] == self._at:
                self._keep(key, kept)
            return kept
        finally:
            self._building.pop(key, None)
            done.set()

    async def _build(self, scope, receive) -> Kept:
        """The app's answer to the request without its If-None-Match (so the whole body
        comes back, and one kept answer serves every client)."""
        loop = asyncio.get_running_loop()
        if self._builders is None or self._builders[0] is not loop:  # a semaphore serves one loop
            self._builders = (loop, asyncio.Semaphore(BUILDS_AT_ONCE))
        async with self._builders[1]:
            return await self._build_now(scope, receive)

    async def _build_now(self, scope, receive) -> Kept:
        inner = dict(scope)
        inner["headers"] = [(k, v) for k, v in scope.get("headers") or [] if k != b"if-none-match"]
        start: dict = {}
        chunks: list[bytes] = []

        async def collect(message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(inner, receive, collect)
        return Kept(int(start.get("status", 500)), [(bytes(k), bytes(v)) for k, v in start.get("headers", [])],
                    b"".join(chunks))

    def _keep(self, key: tuple, kept: Kept) -> None:
        self._kept[key] = kept
        self._bytes += len(kept.body)
        while self._bytes > self.max_bytes and self._kept:
            _, old = self._kept.popitem(last=False)
            self._bytes -= len(old.body)
