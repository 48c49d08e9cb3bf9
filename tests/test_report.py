"""The story report: HTML escapes untrusted text; Markdown and JSON carry the same content."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from khabar.model import Claim, Conflict, Entity, Event, Story
from khabar.render.report import build_report, render_report
from khabar.analysis.coverage import coverage
from khabar.summary.summarize import summarize

FIX = Path(__file__).parent / "fixtures" / "summary"
_spec = importlib.util.spec_from_file_location("summary_seeds", FIX / "seeds.py")
seeds = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(seeds)

EVIL = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def report():
    arts = seeds.seed_articles()
    arts[0].title = EVIL + " पुतिन ने संधि कानून पर हस्ताक्षर किए"
    arts[1].url = "javascript:alert(1)"
    arts[2].url = "https://example.org/a?x=1&y=2"
    s = summarize(arts)
    c1 = Claim(None, arts[0].external_id, 8, "", "quantity", "सैनिक", "10000", speaker="एंथनी ब्लिंकन")
    c2 = Claim(None, arts[3].external_id, 13, "", "quantity", "सैनिक", "11000", speaker="ज़ेलेंस्की " + EVIL)
    ev = Event("2024-11-09", "day", "पुतिन ने कानून पर हस्ताक्षर किए",
               support=[(arts[1].external_id, 3, "...")])
    ent = Entity("PER:putin", "PER", "व्लादिमीर पुतिन", latin="Vladimir Putin")
    return build_report(arts, s, story=Story("s-000001", headline=arts[0].title), events=[ev],
                        entities=[ent], claims=[c1, c2], conflicts=[Conflict("सैनिक", "value", [c1, c2])],
                        coverage=coverage(arts, s))


def test_html_escapes_untrusted_text(report):
    html = render_report(report, "html")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert "https://example.org/a?x=1&amp;y=2" in html


def test_html_is_self_contained_and_complete(report):
    html = render_report(report, "html")
    assert "<style>" in html and "<link" not in html and "src=" not in html
    assert "Noto Sans Devanagari" in html
    for part in ("Summary", "Timeline", "Entities", "Claims", "Conflicts", "Sources", "Who reported what"):
        assert part in html
    first = report["summary"][0]
    assert first["text"][:30] in html
    assert html.count('id="src-') == len(report["sources"]) == 5


def test_markdown_escapes_and_cites(report):
    md = render_report(report, "md")
    assert "<script>" not in md and "\\<script\\>" in md
    assert md.startswith("# ")
    assert "## Summary" in md and "[1]" in md and "## Sources" in md
    # a javascript: URL is shown as text, never as a link destination or autolink
    assert "](javascript:" not in md and "<javascript:" not in md


def test_json_roundtrip(report):
    data = json.loads(render_report(report, "json"))
    assert data["story"]["id"] == "s-000001" and data["story"]["size"] == 5
    assert data["summary"][0]["citations"]
    assert data["entities"][0]["latin"] == "Vladimir Putin"
    assert data["conflicts"][0]["claims"][1]["value"] == "11000"


def test_unknown_format(report):
    with pytest.raises(ValueError, match="unknown report format"):
        render_report(report, "pdf")


def test_minimal_report_renders():
    r = {"story": {"id": "s-1", "headline": "शीर्षक"}}
    assert "शीर्षक" in render_report(r, "html") and render_report(r, "md").startswith("# शीर्षक")


def test_notes_cite_source_numbers_and_timeline_cites_once(report):
    md = render_report(report, "md")
    notes = [l for l in md.splitlines() if l.startswith("   > ⚠")]
    assert notes
    ids = [s["external_id"] for s in report["sources"]]
    assert not any(i in n for n in notes for i in ids)
    assert "\\[1\\]" in notes[0] or "\\[3\\]" in notes[0]
    report = dict(report, timeline=[{"date": "2024-11-09", "label": "x", "support": [
        [ids[1], 3, "a"], [ids[1], 4, "b"], [ids[2], 0, "c"]]}])
    line = next(l for l in render_report(report, "md").splitlines() if l.startswith("- **2024-11-09**"))
    assert line.endswith("[2][3]")


def test_abstractive_block_rendered_and_escaped(report):
    r = dict(report, abstractive={"model": "m<1>", "sentences": [
        {"text": "पुतिन ने कानून पर हस्ताक्षर किए।", "citations": [report["sources"][0]["external_id"]]}],
        "dropped": [{"text": "<b>12,000</b> सैनिक", "reason": "figure:12000"}]})
    html = render_report(r, "html")
    assert "Abstractive" in html and "m&lt;1&gt;" in html and "&lt;b&gt;12,000" in html
    assert "figure:12000" in render_report(r, "md")


def test_disagreements_table_lists_each_value_of_cross_report_conflicts_only():
    from khabar.render.report import disagreement_rows

    def claim(ext, value, speaker="", text="दिल्ली में 10 मामले हैं।"):
        return Claim(article_id=None, external_id=ext, sentence=0, text=text, kind="quantity",
                     subject="मामले", value=value, hedge="exact", scope="दिल्ली में", speaker=speaker,
                     source=f"outlet-{ext}")

    across = Conflict("मामले @ दिल्ली", "value", [claim("a", "10"), claim("b", "12", "मंत्री|x")])
    within = Conflict("मामले @ पटना", "value", [claim("a", "3"), claim("a", "5")])
    rows = disagreement_rows([within, across])
    assert [(r["report"], r["value"], r["outlet"]) for r in rows] == [("a", "10", "outlet-a"), ("b", "12", "outlet-b")]
    assert rows[1]["speaker"] == "मंत्री|x" and rows[0]["difference"] == "value"
    report = build_report([], conflicts=[within, across])
    assert report["disagreements"] == rows
    md = render_report(report, "md")
    assert "## Where reports disagree" in md and "मंत्री\\|x" in md  # a pipe cannot break the table


def test_a_disagreement_row_marks_a_place_taken_from_the_report():
    from khabar.render.report import disagreement_rows

    def claim(ext, value, scope, place_from=""):
        return Claim(article_id=None, external_id=ext, sentence=0, text="", kind="quantity", subject="मामले",
                     value=value, scope=scope, place_from=place_from, source=ext)

    rows = disagreement_rows([Conflict("मामले @ ?", "value", [claim("a", "10", "भारत में", "report"),
                                                              claim("b", "12", "")])])
    assert [r["place"] for r in rows] == ["भारत में (report's)", ""]
