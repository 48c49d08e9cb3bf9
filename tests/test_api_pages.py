"""The served pages beyond the story: home filters and paging, storyline, entity,
report, search count and highlights, HTML error pages, caching headers, offline assets."""

import re

import pytest
from fastapi.testclient import TestClient

from khabar.api import create_app


@pytest.fixture(scope="module")
def client(hostile_db):
    return TestClient(create_app(hostile_db), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def seed_story(client):
    return client.get("/api/stories?order=largest&limit=1").json()[0]


def test_every_page_has_lang_and_viewport(client, seed_story):
    paths = ["/", "/search?q=पुतिन", f"/stories/{seed_story['id']}", f"/storylines/{seed_story['storyline_id']}",
             "/entities/Putin", f"/reports/{seed_story['external_ids'][0]}", "/docs", "/stories/s-nope"]
    for path in paths:
        page = client.get(path).text
        assert re.search(r'<html lang="[a-z]{2}">', page), path
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page, path


def test_home_pages_through_ranked_stories_keeping_filters(client):
    first = client.get("/?limit=1&language=hi").text
    assert 'rel="next"' in first and 'rel="prev"' not in first
    nxt = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    assert "language=hi" in nxt and "offset=1" in nxt
    second = client.get(nxt).text
    assert 'rel="prev"' in second and second != first
    assert client.get("/api/stories?order=ranked&limit=2").status_code == 200


def test_rank_prefers_recent_stories_with_more_outlets():
    from khabar.store.rows import ArticleRow, StoryRow
    from khabar.views.stories import rank_stories

    def story(sid, day, outlets):
        arts = tuple(ArticleRow(i, f"x{sid}{i}", "", f"o{i}", None, None, False, "hi", sid, None, None)
                     for i in range(outlets))
        return StoryRow(sid, sid, None, day, day, outlets, articles=arts)

    rows = [story("old-big", "2024-10-01", 9), story("new-one", "2024-11-10", 1),
            story("new-big", "2024-11-09", 5), story("undated", None, 9)]
    assert [r.id for r in rank_stories(rows)] == ["new-big", "new-one", "old-big", "undated"]


def test_home_filters_by_entity_and_refuses_a_bad_date(client):
    page = client.get("/?entity=Putin").text
    assert "पुतिन" in page
    bad = client.get("/?since=2020-13-45")
    assert bad.status_code == 422 and "since" in bad.text and "Traceback" not in bad.text
    assert "<html" in bad.text
    api = client.get("/api/stories?until=2020/03/21")
    assert api.status_code == 422 and "until" in api.json()["error"]


def test_story_page_links_entities_reports_and_cited_sentences(client, seed_story):
    page = client.get(f"/stories/{seed_story['id']}").text
    assert re.search(r'href="/entities/[^"]+"', page)
    cited = re.findall(r'class="citation" href="(/reports/[^"#]+)#s-(\d+)"', page)
    assert cited
    ref, index = cited[0]
    report = client.get(ref).text
    assert f'id="s-{index}"' in report
    assert "<svg" in page and "<details" in page  # charts inline, long sections folded


def test_report_page_shows_clean_text_and_removed_noise_on_demand(client):
    page = client.get("/reports/evil-1").text
    assert 'class="sentence" id="s-0"' in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page.lower()  # the Markdown link in the body stays text
    assert '"c d<e>' not in page and "c d&lt;e&gt;" in page  # the hostile URL cannot break its attribute


def test_search_page_counts_and_marks_matches(client):
    page = client.get("/search?q=यमुना").text
    assert re.search(r'id="count">1 result for', page)
    assert "<mark>यमुना</mark>" in page
    latin = client.get("/search?q=Putin").text
    assert "also searched as “पुतिन”" in latin and "<mark>पुतिन</mark>" in latin


def test_entity_and_storyline_pages(client, seed_story):
    entity = client.get("/entities/पुतिन").text
    assert "Vladimir Putin" in entity and "<rect" in entity and "/stories/" in entity
    line = client.get(f"/storylines/{seed_story['storyline_id']}")
    assert line.status_code == 200 and seed_story["headline"][:20] in line.text
    assert client.get(f"/api/storylines/{seed_story['storyline_id']}").json()["id"] == seed_story["storyline_id"]


def test_errors_are_html_pages_off_the_api_and_json_on_it(client):
    for path in ("/stories/s-nope", "/entities/nobody-at-all", "/reports/nope", "/no/such/page"):
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html"), path
        assert "404" in r.text and 'href="/"' in r.text
    r = client.get("/api/stories/s-nope")
    assert r.status_code == 404 and "no story" in r.json()["error"]
    r = client.get("/?limit=-5")
    assert r.status_code == 422 and "limit" in r.text


def test_etag_and_cache_control(client, seed_story):
    path = f"/stories/{seed_story['id']}"
    first = client.get(path)
    tag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert client.get("/api/stories", headers={"If-None-Match": tag}).status_code == 200
    static = client.get("/static/fonts.css")
    assert "max-age" in static.headers["cache-control"] and static.headers["etag"]


def test_the_font_and_its_licence_are_served(client):
    css = client.get("/static/fonts.css").text
    fonts = re.findall(r'url\("([^"]+\.woff2)"\)', css)
    assert fonts
    for name in fonts:
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and r.content[:4] == b"wOF2"
    assert "SIL OPEN FONT LICENSE" in client.get("/static/fonts/OFL.txt").text.upper()
