"""The served story page's sections: a disagreements table first when the report has
one (any columns, escaped), charts as inline SVG, citations to the cited sentence."""

from khabar.render.html import report_html

REPORT = {
    "story": {"id": "s-1", "headline": "बाढ़", "languages": ["hi"]},
    "summary": [{"text": "यमुना का जलस्तर बढ़ा।", "external_id": "a/1", "sentence": 2, "source": "x",
                 "citations": ["b", "a/1"], "date": None, "conflicts": []}],
    "timeline": [{"date": "2024-11-09", "label": "बारिश", "support": [["a/1", 2, "t"]]},
                 {"date": "2024-11-10", "label": "बाढ़", "support": [["b", 0, "t"]]}],
    "sources": [{"external_id": "b", "source": "<i>Outlet</i>"}, {"external_id": "a/1", "source": "Other"}],
    "disagreements": [{"subject": "मृतक", "values": ["10", "<script>x</script>"], "reports": {"a/1": 2}}],
}


def test_disagreements_come_first_and_are_escaped():
    page = report_html(REPORT, static="/static")
    assert page.index('class="disagreements"') < page.index("Summary")
    assert "&lt;script&gt;x&lt;/script&gt;" in page and "<script>" not in page
    assert "<th>subject</th><th>values</th><th>reports</th>" in page


def test_no_disagreements_no_table():
    page = report_html({k: v for k, v in REPORT.items() if k != "disagreements"}, static="/static")
    assert 'class="disagreements"' not in page


def test_the_own_citation_opens_its_sentence_and_charts_are_svg():
    page = report_html(REPORT, static="/static")
    assert 'href="/reports/a/1#s-2"' in page and 'href="/reports/b"' in page
    assert page.count("<svg") == 2  # timeline and coverage per source
    assert "&lt;i&gt;Outlet&lt;/i&gt;" in page
    standalone = report_html(REPORT)  # a file on its own: citations stay in-page
    assert 'href="#src-2"' in standalone and "/reports/" not in standalone
