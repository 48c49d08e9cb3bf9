"""Generated requests over every route of `khabar serve` (hypothesis).

Every GET route gets path values and query parameters of any shape (hostile strings, huge
or negative numbers, odd dates, real ids); the token-guarded POST gets generated bodies.
The properties: never a 500, always a JSON or HTML answer with a message, within a time
bound; a value that came from the request is never shown unescaped in a page.
KHABAR_FUZZ_EXAMPLES sets the examples (default 60; docs/reliability.md records 2000).
"""

from __future__ import annotations

import json
import os
import time
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings, strategies as st

from khabar.api import create_app

EXAMPLES = int(os.environ.get("KHABAR_FUZZ_EXAMPLES", "60"))
SECONDS_PER_REQUEST = 30.0
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))
INJECTED = "<script>khabarx()</script>"
ATTRIBUTE = '"><img src=x onerror=khabarx()>'

ROUTES = ["/api/articles", "/api/articles/{id}", "/api/search", "/api/stories", "/api/storylines/{id}",
          "/api/stories/{id}", "/api/stories/{id}/claims", "/api/stories/{id}/timeline",
          "/api/stories/{id}/summary", "/api/entities", "/api/entities/{id}", "/", "/search",
          "/stories/{id}", "/storylines/{id}", "/entities/{id}", "/reports/{id}", "/docs", "/openapi.json"]
PARAMS = ["limit", "offset", "q", "order", "since", "until", "source", "language", "story", "entity",
          "sentences", "format"]
HOSTILE = [INJECTED, ATTRIBUTE, "javascript:alert(1)", "पुतिन", "Putin", "मोदी " * 300, "%", "%00", "\u202e",
           "2020-03-21", "2020-13-45", "2020/03/21", "-1", "0", "99999999999999999999999", "1e9", "NaN",
           "ranked", "newest", "largest", "biggest", "", " ", "../../etc/passwd", "\ufeff", "'; DROP TABLE x;--"]
values = (st.sampled_from(HOSTILE) | st.integers(-2**70, 2**70).map(str)
          | st.text(st.characters(blacklist_categories=("Cs",)), max_size=30))


@pytest.fixture(scope="module")
def client(hostile_db):
    return TestClient(create_app(hostile_db), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def known_ids(client):
    stories = client.get("/api/stories?limit=5").json()
    ids = [s["id"] for s in stories] + [s["storyline_id"] for s in stories if s.get("storyline_id")]
    ids += [a["external_id"] for a in client.get("/api/articles?limit=5").json()]
    return ids + ["पुतिन", "Putin", "evil-1"]


def _check(response, path: str) -> None:
    assert response.status_code in (200, 304, 400, 404, 405, 422), (path, response.status_code, response.text[:300])
    kind = response.headers.get("content-type", "")
    if response.status_code >= 400:
        assert "json" in kind or "html" in kind, (path, kind)
        assert response.text.strip(), path
    if "html" in kind:
        assert INJECTED not in response.text and ATTRIBUTE not in response.text, path


def test_generated_requests_never_fail_the_server(client, known_ids):
    seen = {"requests": 0, "ok": 0}

    @FUZZ
    @given(route=st.sampled_from(ROUTES), ident=st.sampled_from(known_ids) | values,
           query=st.dictionaries(st.sampled_from(PARAMS), values, max_size=4))
    def check(route, ident, query):
        path = route.replace("{id}", quote(ident, safe="") or "x")
        start = time.monotonic()
        response = client.get(path, params=query)
        assert time.monotonic() - start < SECONDS_PER_REQUEST, f"{path} {query} took too long"
        _check(response, path)
        seen["requests"] += 1
        seen["ok"] += response.status_code == 200

    check()
    assert seen["requests"] >= min(EXAMPLES, 10)
    assert seen["ok"] >= seen["requests"] // 10, seen  # not only refusals: real pages were built


REPORT_FIELDS = st.dictionaries(st.sampled_from(["id", "title", "body", "text", "date", "source", "url", "lang"]),
                                values | st.integers() | st.none() | st.lists(values, max_size=3), max_size=6)


def test_generated_posts_are_refused_or_ingested_never_a_500(hostile_db, monkeypatch):
    monkeypatch.setenv("KHABAR_INGEST_TOKEN", "fuzz-token")
    client = TestClient(create_app(hostile_db), raise_server_exceptions=False)
    seen = {"requests": 0}

    @settings(FUZZ, max_examples=max(5, EXAMPLES // 4))
    @given(body=st.one_of(REPORT_FIELDS.map(json.dumps), st.lists(REPORT_FIELDS, max_size=3).map(json.dumps),
                          values, st.binary(max_size=50).map(lambda b: b.decode("latin-1"))),
           token=st.sampled_from(["Bearer fuzz-token"] * 3 + ["", "Bearer wrong", "fuzz-token"]))
    def check(body, token):
        response = client.post("/api/reports", content=body.encode("utf-8", "surrogatepass"),
                               headers={"authorization": token, "content-type": "application/json"})
        assert response.status_code in (200, 403, 413, 422), (response.status_code, response.text[:300])
        if token != "Bearer fuzz-token":
            assert response.status_code == 403
        seen["requests"] += 1

    check()
    assert seen["requests"] >= 5
