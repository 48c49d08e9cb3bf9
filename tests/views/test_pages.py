"""Page builders over a store holding the seeds: one page object, every renderer."""

import json

import pytest

from khabar.config import load_settings
from khabar.pipeline import ingest_paths
from khabar.render import render
from khabar.store import open_store
from khabar import views


@pytest.fixture(scope="module")
def store(seeds_dir, new_db):
    db = new_db("pages")
    s = open_store(db)
    ingest_paths(s, [str(seeds_dir)])
    yield s
    s.close()


def test_story_page_json_and_html_come_from_one_page(store):
    sid = views.build_stories(store, order="largest").stories[0].id
    page = views.build_story(store, sid, load_settings())
    data = json.loads(render(page, "json"))
    assert data["id"] == sid and data["history"][0]["kind"] == "new"
    assert data["report"]["summary"] and data["report"]["timeline"]
    html = render(page, "html")
    assert page.report.summary[0]["text"][:20] in html


def test_story_timeline_is_the_own_reports_evidence(store):
    sid = views.build_stories(store, order="largest").stories[0].id
    own = set(views.build_story(store, sid, report=False).story.external_ids)
    events = views.build_timeline(store, sid).to_json()["events"]
    assert events and all(s["external_id"] in own for e in events for s in e["support"])


def test_entity_found_across_scripts_from_lookup(store):
    assert views.build_entity(store, "Putin").entity.key == views.build_entity(store, "पुतिन").entity.key


def test_every_text_page_renders(store):
    sid = views.build_stories(store).stories[0].id
    for page in (views.build_articles(store), views.build_search(store, "पुतिन"), views.build_stories(store),
                 views.build_entities(store, story=sid), views.build_claims(store, sid),
                 views.build_article(store, 1)):
        assert render(page, "text") and json.loads(render(page, "json")) is not None


def test_a_storyline_timeline_says_when_it_is_cut(store, monkeypatch):
    from khabar.views import story as story_views

    line = views.build_stories(store).stories[0].storyline_id
    whole = views.build_timeline(store, line).to_json()
    assert (whole["reports_read"], whole["reports_total"], whole["cut"]) == (5, 5, False)
    monkeypatch.setattr(story_views, "STORYLINE_CONTEXT_LIMIT", 2)
    cut = views.build_timeline(store, line)
    assert (cut.to_json()["reports_read"], cut.to_json()["reports_total"], cut.to_json()["cut"]) == (2, 5, True)
    assert render(cut, "text").splitlines()[0] == "(read from the first 2 of 5 reports)"


def test_unknown_story_order_is_refused_not_answered_with_another(store):
    from khabar.errors import BadParameter

    with pytest.raises(BadParameter, match="biggest.*newest, largest, ranked") as e:
        views.build_stories(store, order="biggest")
    assert e.value.code == "K014"
