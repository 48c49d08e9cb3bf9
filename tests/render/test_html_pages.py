"""Every HTML page comes from a template and escapes untrusted text."""

from khabar.render import render
from khabar.store.rows import SearchHit, StoryRow
from khabar.views.pages import SearchPage, StoriesPage

EVIL = '<script>alert("x")</script>'


def test_home_page_escapes_headlines():
    page = StoriesPage([StoryRow("s-1", EVIL, None, None, "2024-11-09T00:00:00", 2)])
    html = render(page, "html")
    assert "<script>alert" not in html and "&lt;script&gt;" in html and 'lang="hi"' in html


def test_search_page_escapes_query_and_hits():
    hit = SearchHit(1, "x", EVIL, None, None, "s-1", EVIL, 0.0)
    html = render(SearchPage(EVIL, [hit]), "html")
    assert "<script>alert" not in html and html.count("&lt;script&gt;") >= 3
