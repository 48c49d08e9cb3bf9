"""The pages as a reader meets them, in headless Chromium: the seed story, a citation
followed to its sentence, search in both scripts, an entity, paging, and a hostile
report whose markup must stay text."""

import re

import pytest

pytestmark = pytest.mark.browser

SEED_HEADLINE = "पुतिन"  # the seeds' big story is about Putin's treaty with North Korea


def _open_seed_story(page, base_url):
    page.goto(base_url + "/?order=largest")
    page.locator("ol.list a", has_text=SEED_HEADLINE).first.click()
    page.wait_for_url(re.compile(r"/stories/s-"))
    return page


def test_the_seed_story_opens_with_lang_summary_and_charts(page, base_url):
    _open_seed_story(page, base_url)
    assert page.locator("html").get_attribute("lang") == "hi"
    assert SEED_HEADLINE in page.locator("h1").inner_text()
    assert page.locator("ol.summary li").count() >= 1
    assert page.locator("figure.chart svg").count() >= 1
    # the web font is served by khabar and used for Devanagari
    assert page.evaluate("document.fonts.check('16px \"Noto Sans Devanagari\"', 'पुतिन')")


def test_a_citation_opens_the_cited_sentence_in_its_report(page, base_url):
    _open_seed_story(page, base_url)
    cited = page.locator("ol.summary li").first
    link = cited.locator("a.citation[href*='#s-']")  # the report the sentence was taken from
    href = link.get_attribute("href")
    assert re.fullmatch(r"/reports/[^#]+#s-\d+", href), href
    summary_text = cited.inner_text().split("[")[0].strip()
    link.click()
    page.wait_for_url(re.compile(r"/reports/"))
    target = page.locator(".sentence:target")
    assert target.count() == 1 and target.is_visible()
    # the sentence the summary quotes is the one the link lands on
    assert summary_text[:20] in target.inner_text() or target.inner_text()[:20] in summary_text


def test_search_in_hindi_and_in_latin_script(page, base_url):
    page.goto(base_url + "/search")
    page.fill("input[name=q]", "पुतिन")
    page.click("form[role=search] button")
    assert page.locator("ol.list li").count() >= 1
    assert page.locator("mark", has_text="पुतिन").count() >= 1
    hindi = page.locator("#count").inner_text()
    page.fill("input[name=q]", "Putin")
    page.click("form[role=search] button")
    assert page.locator("ol.list li").count() >= 1
    assert "पुतिन" in page.locator("#count").inner_text()
    assert page.locator("mark", has_text="पुतिन").count() >= 1
    assert hindi and page.locator("#count").inner_text()


def test_an_entity_link_opens_its_page_with_a_chart(page, base_url):
    _open_seed_story(page, base_url)
    page.locator(".tag a", has_text="पुतिन").first.click()
    page.wait_for_url(re.compile(r"/entities/"))
    assert "Putin" in page.locator("h1").inner_text()
    assert page.locator("figure.chart svg rect").count() >= 1
    page.locator("ol.list a").first.click()
    page.wait_for_url(re.compile(r"/stories/"))


def test_paging_through_the_home_page(page, base_url):
    page.goto(base_url + "/?limit=1")
    seen = []
    for _ in range(10):
        seen.append(page.locator("ol.list li a").first.inner_text())
        nxt = page.locator("a[rel=next]")
        if not nxt.count():
            break
        nxt.click()
        page.wait_for_load_state()
    assert len(seen) >= 3 and len(set(seen)) == len(seen)  # every page shows a new story
    page.locator("a[rel=prev]").click()
    assert page.locator("ol.list li a").first.inner_text() == seen[-2]


def test_the_hostile_report_executes_nothing(page, base_url):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script("window.__khabar_probe = 0")
    for path in ["/", "/search?q=यमुना", "/reports/evil-1"]:
        page.goto(base_url + path)
        assert page.locator("script").count() == 0
        assert page.locator("img").count() == 0  # the <img onerror> stayed text
        assert "<script>alert(1)</script>" in page.locator("body").inner_text()
    page.goto(base_url + "/search?q=यमुना")
    page.locator("ol.list a", has_text="story").first.click()
    page.wait_for_url(re.compile(r"/stories/"))
    for a in page.locator("a").all():  # no javascript: link anywhere on the story page
        assert not (a.get_attribute("href") or "").lower().startswith("javascript:")
    assert dialogs == []
    assert page.evaluate("typeof window.alert") == "function"


def test_unknown_story_gets_a_helpful_html_page(page, base_url):
    response = page.goto(base_url + "/stories/s-nope")
    assert response.status == 404
    assert "no story with id" in page.locator("main").inner_text()
    assert page.locator("a[href='/']").count() >= 1


def test_every_page_fits_a_390_px_phone(chromium, base_url):
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    tab = context.new_page()
    try:
        tab.goto(base_url + "/api/stories?order=largest&limit=1")
        story = tab.evaluate("JSON.parse(document.body.innerText)[0]")
        for path in ["/", "/search?q=पुतिन", f"/stories/{story['id']}", f"/storylines/{story['storyline_id']}",
                     "/entities/Putin", f"/reports/{story['external_ids'][0]}", "/docs", "/stories/s-nope"]:
            tab.goto(base_url + path)
            width = tab.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, (path, width)  # no sideways scrolling
    finally:
        context.close()
