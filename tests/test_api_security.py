"""`khabar serve`: security headers on every response, no inline script or style in the
pages, bounded parameters (422 with a message, never 500), escaped untrusted text."""

import re

import pytest
from fastapi.testclient import TestClient

from khabar.api import create_app
from khabar.api.app import MAX_QUERY_CHARS

EVIL_TITLE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


@pytest.fixture(scope="module")
def client(hostile_db):
    return TestClient(create_app(hostile_db), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def evil_story(client):
    story_id = client.get("/api/articles/evil-1").json()["story_id"]
    assert story_id
    return story_id


def _csp(response) -> dict[str, str]:
    policy = response.headers["content-security-policy"]
    return {d.split()[0]: d.strip() for d in policy.split(";") if d.strip()}


def _assert_headers(response, docs=False):
    h = response.headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"] == "no-referrer"
    csp = _csp(response)
    assert csp["default-src"] == "default-src 'self'"
    assert csp["frame-ancestors"] == "frame-ancestors 'none'"
    assert csp["object-src"] == "object-src 'none'"
    assert csp["base-uri"] == "base-uri 'none'"
    if not docs:
        assert "unsafe-inline" not in h["content-security-policy"]
        assert "script-src" not in csp and "style-src" not in csp  # default-src 'self' governs


def test_every_kind_of_response_has_the_headers(client, evil_story):
    for path in ["/", "/search?q=दिल्ली", f"/stories/{evil_story}", "/api/stories", "/api/search?q=x",
                 "/api/stories/s-nope", "/api/articles?limit=-1", "/static/base.css", "/openapi.json",
                 "/no-such-page"]:
        _assert_headers(client.get(path))


def test_an_internal_error_has_the_headers_and_no_traceback(hostile_db):
    app = create_app(hostile_db)

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret detail")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")
    assert response.status_code == 500 and "secret" not in response.text
    _assert_headers(response)


def test_docs_work_offline_under_the_same_policy(client):
    response = client.get("/docs")
    assert response.status_code == 200
    _assert_headers(response)
    assert "http://" not in response.text and "https://" not in response.text  # nothing from elsewhere
    assert "/api/stories/{story_id}" in response.text and "<script" not in response.text.lower()
    assert client.get("/redoc").status_code == 404


def test_pages_have_no_inline_script_style_or_handlers(client, evil_story):
    for path in ["/", "/search?q=दिल्ली", f"/stories/{evil_story}", "/reports/evil-1", "/docs", "/nope"]:
        page = client.get(path).text
        assert "<script" not in page.lower() and "<style" not in page.lower()
        assert not re.search(r"<[^>]+\s(on\w+|style)\s*=", page, re.I), path
        for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page):
            css = client.get(href)
            assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")


def test_untrusted_title_is_escaped_on_home_search_and_story_pages(client, evil_story):
    for path in ["/", "/search?q=यमुना", f"/stories/{evil_story}"]:
        page = client.get(path).text
        assert EVIL_TITLE_ESCAPED in page, path
        assert "<script>" not in page and "<img" not in page, path
    story = client.get(f"/stories/{evil_story}").text
    assert 'href="javascript:' not in story and "onerror=" not in story.replace("onerror=alert(2)&gt;", "")


@pytest.mark.parametrize("path", [
    "/api/articles?limit=-1", "/api/articles?limit=0", "/api/articles?limit=1001",
    "/api/articles?offset=-1", "/api/articles?offset=1000000001",
    "/api/articles?limit=99999999999999999999999", "/api/articles?offset=18446744073709551617",
    "/api/stories?limit=-5", "/api/stories?offset=-1", "/api/stories?order=bogus",
    "/api/search?q=x&limit=201", "/api/search?q=x&limit=-1", "/api/search?q=x&offset=-1",
    "/api/entities?limit=-1", "/api/entities?limit=100000",
    "/api/stories/s-000001/summary?sentences=0", "/api/stories/s-000001/summary?sentences=31",
    "/api/articles?limit=abc",
    "/api/entities/" + "क" * 301, "/api/stories/" + "s" * 301, "/api/articles?source=" + "x" * 301,
    # a NUL character (found by tests/test_api_fuzz.py: PostgreSQL refused the query, a 500)
    "/api/articles/%00", "/api/stories/s%00", "/api/search?q=%00", "/api/articles?source=a%00b",
])
def test_out_of_bounds_parameters_are_422_with_a_message(client, path):
    response = client.get(path)
    assert response.status_code == 422, (path, response.status_code, response.text[:200])
    body = response.json()
    assert body["error"].startswith("invalid parameter: ") and body["detail"]


def test_parameters_at_the_bounds_work(client):
    assert client.get("/api/articles?limit=1000&offset=1000000000").json() == []
    assert len(client.get("/api/articles?limit=1").json()) == 1
    assert client.get("/api/stories?limit=1&offset=1").status_code == 200
    assert client.get("/api/search?q=दिल्ली&limit=200").status_code == 200


def test_search_query_length_and_terms_are_bounded(client):
    too_long = "क" * (MAX_QUERY_CHARS + 1)
    response = client.get("/api/search", params={"q": too_long})
    assert response.status_code == 422 and "q" in response.json()["error"]
    page = client.get("/search", params={"q": too_long})  # the page says it in HTML
    assert page.status_code == 422 and "invalid parameter: q" in page.text and "Traceback" not in page.text
    # 600 words: only the first 32 distinct words are looked up; every word must match
    many = " ".join(["दिल्ली"] + [f"w{i}" for i in range(599)])
    assert len(many) < MAX_QUERY_CHARS
    assert client.get("/api/search", params={"q": many}).json() == []
    repeated = " ".join(["यमुना"] * 600)
    hits = client.get("/api/search", params={"q": repeated}).json()
    assert [h["external_id"] for h in hits] == ["evil-1"]


def test_ingest_over_http_needs_the_configured_token(new_db, monkeypatch):
    db = new_db("post")
    report = {"id": "post-1", "title": "<b>नई</b> खबर", "source": "test", "published": "2024-11-11",
              "content": "दिल्ली में आज सुबह हल्की बारिश हुई। मौसम विभाग ने कल भी बारिश की संभावना जताई है।"}
    monkeypatch.delenv("KHABAR_INGEST_TOKEN", raising=False)
    closed = TestClient(create_app(db), raise_server_exceptions=False)
    assert closed.post("/api/reports", json=report).status_code == 404  # no token: no route
    monkeypatch.setenv("KHABAR_INGEST_TOKEN", "s3cret-token")
    open_ = TestClient(create_app(db), raise_server_exceptions=False)
    assert open_.post("/api/reports", json=report).status_code == 403
    assert open_.post("/api/reports", json=report,
                      headers={"Authorization": "Bearer wrong"}).status_code == 403
    auth = {"Authorization": "Bearer s3cret-token"}
    assert open_.post("/api/reports", content=b"not json", headers=auth).status_code == 422
    assert open_.post("/api/reports", json=[1, 2], headers=auth).status_code == 422
    done = open_.post("/api/reports", json=[report], headers=auth)
    assert done.status_code == 200 and done.json()["stored"] == 1
    assert open_.get("/api/articles/post-1").json()["title"] == "<b>नई</b> खबर"
    assert open_.put("/api/articles/post-1").status_code == 405  # everything else stays read-only
