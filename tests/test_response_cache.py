"""Responses kept per store revision: served again until a batch is stored, never after."""

import asyncio
import json
import threading

import pytest
from fastapi.testclient import TestClient

from khabar.api import create_app
from khabar.api.response_cache import ResponseCache
from khabar.pipeline import ingest_paths
from khabar.store import open_store


class _CountingApp:
    """An ASGI app answering every GET with its own call count, after a short wait."""

    def __init__(self, status: int = 200, body: bytes = b"page"):
        self.calls = 0
        self.status = status
        self.body = body

    async def __call__(self, scope, receive, send):
        self.calls += 1
        await asyncio.sleep(0.01)
        await send({"type": "http.response.start", "status": self.status,
                    "headers": [(b"etag", b'"e1"'), (b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": self.body + str(self.calls).encode()})


def _run(coro):
    """Run `coro` to its end in a thread of its own: an earlier test may have left an
    event loop running in this one."""
    box = []
    thread = threading.Thread(target=lambda: box.append(asyncio.run(coro)))
    thread.start()
    thread.join()
    return box[0]


async def _get(app, path="/", headers=()):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append(message)

    await app({"type": "http", "method": "GET", "path": path, "query_string": b"", "headers": list(headers)},
              receive, send)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_one_build_per_revision_and_url():
    inner, revision = _CountingApp(), [1]
    cache = ResponseCache(inner, revision=lambda: revision[0])
    assert _run(_get(cache)) == (200, b"page1")
    assert _run(_get(cache)) == (200, b"page1")  # kept
    assert _run(_get(cache, "/other")) == (200, b"page2")
    revision[0] = 2  # a batch was stored
    assert _run(_get(cache)) == (200, b"page3")
    assert inner.calls == 3 and cache.hits == 1


def test_clients_asking_at_once_share_one_build():
    inner = _CountingApp()
    cache = ResponseCache(inner, revision=lambda: 7)

    async def many():
        return await asyncio.gather(*[_get(cache) for _ in range(20)])

    assert {body for _, body in _run(many())} == {b"page1"}
    assert inner.calls == 1


def test_matching_etag_is_304_without_the_app():
    inner = _CountingApp()
    cache = ResponseCache(inner, revision=lambda: 1)
    _run(_get(cache))
    status, body = _run(_get(cache, headers=[(b"if-none-match", b'"x", "e1"')]))
    assert (status, body) == (304, b"") and inner.calls == 1


@pytest.mark.parametrize("status", [404, 500])
def test_errors_are_never_kept(status):
    inner = _CountingApp(status=status)
    cache = ResponseCache(inner, revision=lambda: 1)
    assert _run(_get(cache))[0] == status
    _run(_get(cache))
    assert inner.calls == 2


def test_an_unreadable_store_is_passed_through():
    inner = _CountingApp()

    def broken():
        raise OSError("gone")

    cache = ResponseCache(inner, revision=broken)
    _run(_get(cache))
    _run(_get(cache))
    assert inner.calls == 2


def test_a_stored_batch_shows_on_the_next_request(tmp_path, seeds_dir, new_db):
    db = new_db("rc")
    store = open_store(db)
    seeds = sorted(seeds_dir.iterdir())
    ingest_paths(store, [str(seeds[0])])
    before = store.revision()
    client = TestClient(create_app(db))
    first = client.get("/api/articles").json()
    assert client.get("/api/articles").json() == first and len(first) == 1
    line = tmp_path / "more.jsonl"
    line.write_text(json.dumps({"id": "late-1", "title": "देर से आई खबर", "source": "x",
                                "text": "दिल्ली में आज बारिश हुई और मौसम ठंडा रहा। लोग खुश थे।"},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    ingest_paths(store, [str(line)])
    assert store.revision() > before
    store.close()
    after = client.get("/api/articles").json()
    assert {a["external_id"] for a in after} == {first[0]["external_id"], "late-1"}
