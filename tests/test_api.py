"""HTTP API and pages, in-process, over a store holding the seeds."""

import pytest

from fastapi.testclient import TestClient  # the dev extra installs fastapi

from khabar.api import create_app
from khabar.pipeline import ingest_paths
from khabar.store import open_store


@pytest.fixture(scope="module")
def client(tmp_path_factory, seeds_dir, new_db):
    db = new_db("k")
    store = open_store(db)
    ingest_paths(store, [str(seeds_dir)])
    store.close()
    return TestClient(create_app(db))


def test_stories_and_story_endpoints(client):
    stories = client.get("/api/stories").json()
    assert {len(s["external_ids"]) for s in stories} == {4, 1}
    big = next(s for s in stories if len(s["external_ids"]) == 4)
    story = client.get(f"/api/stories/{big['id']}").json()
    assert story["history"][0]["kind"] == "new"
    summary = client.get(f"/api/stories/{big['id']}/summary", params={"sentences": 4}).json()
    assert 1 <= len(summary["sentences"]) <= 4
    timeline = client.get(f"/api/stories/{big['id']}/timeline").json()
    assert any(e["date"] == "2024-11-09" for e in timeline["events"])


def test_unknown_story_is_404_with_coded_message(client):
    response = client.get("/api/stories/s-nope")
    assert response.status_code == 404 and "K021" in response.json()["error"]


def test_search_page_escapes_the_query(client):
    page = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page


def test_story_page_is_html_with_citations(client):
    sid = client.get("/api/stories", params={"order": "largest"}).json()[0]["id"]
    page = client.get(f"/stories/{sid}")
    assert page.status_code == 200 and "<html" in page.text.lower()


def test_listings_name_their_next_page(client):
    first = client.get("/api/stories", params={"limit": 1, "order": "largest"})
    assert first.status_code == 200 and len(first.json()) == 1
    link = first.headers["link"]
    assert link.endswith('rel="next"') and "offset=1" in link and "order=largest" in link
    second = client.get(link[1:link.index(">")])
    assert second.status_code == 200 and second.json()[0]["id"] != first.json()[0]["id"]
    assert "link" not in client.get("/api/stories", params={"limit": 50}).headers
    articles = client.get("/api/articles", params={"limit": 2})
    assert len(articles.json()) == 2 and "offset=2" in articles.headers["link"]
    assert "link" not in client.get("/api/articles", params={"limit": 50}).headers


def test_search_counts_every_hit_and_takes_filters(client):
    every = client.get("/api/search", params={"q": "पुतिन", "limit": 200})
    total = int(every.headers["x-total-count"])
    assert total == len(every.json()) > 1
    one = client.get("/api/search", params={"q": "पुतिन", "limit": 1})
    assert one.headers["x-total-count"] == str(total) and 'rel="next"' in one.headers["link"]
    source = next(h["source"] for h in every.json() if h["source"])
    only = client.get("/api/search", params={"q": "पुतिन", "source": source, "limit": 200}).json()
    assert only and {h["source"] for h in only} == {source}
    assert client.get("/api/search", params={"q": "पुतिन", "since": "2020/03/21"}).status_code == 422
    page = client.get("/search", params={"q": "पुतिन"}).text
    assert f"{total} results for" in page
    # Latin script: the Devanagari spelling's hits are counted once with the Latin ones
    latin = client.get("/api/search", params={"q": "Putin", "limit": 200})
    assert int(latin.headers["x-total-count"]) == len(latin.json()) >= total


def test_story_listings_count_every_story(client):
    every = client.get("/api/stories", params={"limit": 1000}).json()
    for params in ({}, {"order": "largest", "limit": 1}, {"order": "ranked"}):
        r = client.get("/api/stories", params=params)
        assert r.headers["x-total-count"] == str(len(every))
    one_source = client.get("/api/stories", params={"source": "vtcnews.vn"})
    assert int(one_source.headers["x-total-count"]) == len(one_source.json()) < len(every)
    assert f"{len(every)} stories; showing 1–" in client.get("/").text
    reports = client.get("/api/articles", params={"limit": 2})
    assert reports.headers["x-total-count"] == str(sum(len(s["external_ids"]) for s in every))
    in_story = client.get("/api/articles", params={"story": every[0]["id"]})
    assert in_story.headers["x-total-count"] == str(len(in_story.json()))
