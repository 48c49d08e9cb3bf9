"""Every API route's real answer matches the schema the OpenAPI document publishes."""

import pytest
from fastapi.testclient import TestClient

from khabar.api import create_app
from khabar.pipeline import ingest_paths
from khabar.store import open_store

jsonschema = pytest.importorskip("jsonschema")


@pytest.fixture(scope="module")
def client(seeds_dir, new_db):
    db = new_db("schemas")
    store = open_store(db)
    ingest_paths(store, [str(seeds_dir)])
    store.close()
    return TestClient(create_app(db))


def _published(client, path: str, status: str = "200") -> dict:
    op = client.get("/openapi.json").json()["paths"][path]["get"]
    return op["responses"][status]["content"]["application/json"]["schema"]


def _urls(client) -> dict[str, list[str]]:
    stories = client.get("/api/stories", params={"order": "largest"}).json()
    big = stories[0]
    report = big["external_ids"][0]
    return {
        "/api/articles": ["/api/articles", "/api/articles?limit=2&offset=1"],
        "/api/articles/{ref}": [f"/api/articles/{report}"],
        "/api/search": ["/api/search?q=पुतिन", "/api/search?q=Putin", "/api/search?q=nothing-like-this"],
        "/api/stories": ["/api/stories", "/api/stories?order=ranked", "/api/stories?entity=Putin"],
        "/api/storylines/{storyline_id}": [f"/api/storylines/{big['storyline_id']}"],
        "/api/stories/{story_id}": [f"/api/stories/{s['id']}" for s in stories],
        "/api/stories/{story_id}/claims": [f"/api/stories/{s['id']}/claims" for s in stories],
        "/api/stories/{story_id}/timeline": [f"/api/stories/{s['id']}/timeline" for s in stories]
                                            + [f"/api/stories/{big['storyline_id']}/timeline"],
        "/api/stories/{story_id}/summary": [f"/api/stories/{s['id']}/summary" for s in stories],
        "/api/entities": ["/api/entities", f"/api/entities?story={big['id']}"],
        "/api/entities/{name}": ["/api/entities/पुतिन", "/api/entities/Kim"],
    }


def test_every_documented_api_route_is_checked_here(client):
    documented = {p for p in client.get("/openapi.json").json()["paths"] if p.startswith("/api/") and p != "/api/reports"}
    assert documented == set(_urls(client))


def test_answers_match_their_published_schema(client):
    for route, urls in _urls(client).items():
        schema = _published(client, route)
        for url in urls:
            r = client.get(url)
            assert r.status_code == 200, url
            jsonschema.validate(r.json(), schema)


def test_errors_match_the_error_schema(client):
    for url, status in (("/api/stories/s-nope", "404"), ("/api/articles?limit=-5", "422"),
                        ("/api/stories?since=2020-13-45", "422")):
        r = client.get(url)
        assert str(r.status_code) == status
        route = "/api/stories/{story_id}" if "s-nope" in url else url.split("?")[0]
        jsonschema.validate(r.json(), _published(client, route, status))


def test_a_schema_catches_a_wrong_answer(client):
    schema = _published(client, "/api/stories")
    story = client.get("/api/stories").json()[0]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{**story, "size": "four"}], schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate([{k: v for k, v in story.items() if k != "external_ids"}], schema)
