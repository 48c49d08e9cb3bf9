"""Untrusted text in every output: Markdown escaped, only http(s) links, HTML autoescaped
in every template, CSV cells safe from formula injection and readable by spreadsheets."""

import csv
import html
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from khabar.cli import cli, csv_cell
from khabar.config import data_path
from khabar.render.markdown import md_link_url, md_text, report_markdown, summary_markdown

PAYLOADS = [
    "javascript:alert(1)",
    "<script>alert(1)</script>",
    "[x](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "![i](https://evil.example/x.png)",
    "**bold** _em_ `code` ~~gone~~ &lt;script&gt; &#106;avascript",
    "a | b | c",
    "line one\n# heading\n\n<div>block</div>",
]

UNESCAPED = re.compile(r"(?<!\\)[\[\]()<>`*_|!~&]")
RAW_TAG = re.compile(r"(?<!\\)<\s*/?\s*(script|img|div)", re.I)


def _report(text: str, url: str = "https://example.org/a") -> dict:
    return {
        "story": {"id": "s-000001", "headline": text, "sources": [text], "size": 1},
        "summary": [{"text": text, "citations": ["r1"], "conflicts": [text]}],
        "timeline": [{"date": "2024-11-09", "label": text, "support": [["r1", 0]]}],
        "conflicts": [{"subject": text, "note": text, "claims": [{"value": text, "speaker": text,
                                                                    "external_id": "r1"}]}],
        "claims": [{"speaker": text, "subject": text, "value": text, "external_id": "r1"}],
        "entities": [{"display": text, "type": "PER"}],
        "coverage": [{"source": text, "only_here": [{"text": text}], "left_out": []}],
        "sources": [{"external_id": "r1", "title": text, "source": text, "url": url, "published": None}],
    }


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_text_leaves_no_active_character(payload):
    out = md_text(payload)
    assert "\n" not in out
    assert not UNESCAPED.search(out), out
    # backslash-escaped ASCII punctuation reads back as the text itself
    assert re.sub(r"\\(.)", r"\1", out) == " ".join(payload.split())


@pytest.mark.parametrize("payload", PAYLOADS)
def test_report_markdown_has_no_raw_html_or_script_link(payload):
    md = report_markdown(_report(payload))
    assert not RAW_TAG.search(md), md
    assert "](javascript:" not in md and "<javascript:" not in md
    assert "](https://evil.example" not in md  # an image or link inside a text stays text
    for line in md.splitlines():
        assert not line.startswith("<"), line
    # every line is one of ours: a payload newline never starts a block
    assert "\n# heading" not in md


def test_summary_markdown_is_escaped():
    data = {"headline": PAYLOADS[1], "sentences": [{"text": PAYLOADS[2], "citations": ["r_1"],
                                                      "conflicts": [PAYLOADS[3]]}],
            "abstractive": {"model": "m", "sentences": [{"text": PAYLOADS[1], "citations": []}],
                            "dropped": [{"text": PAYLOADS[3], "reason": "x"}]}}
    md = summary_markdown(data)
    assert not RAW_TAG.search(md) and "](javascript:" not in md
    assert "\\<script\\>" in md


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "data:text/html,<script>x</script>",
    "vbscript:x", "https:no-host", "//evil.example/x", "ftp://example.org/x", "", None,
])
def test_non_http_urls_are_never_links(url):
    assert md_link_url(url) is None
    md = report_markdown(_report("title", url))
    sources = md.split("## Sources", 1)[1]
    assert "](" not in sources and not RAW_TAG.search(sources)


def test_http_url_is_percent_escaped_so_it_cannot_end_the_link():
    url = 'https://evil.example/a)b"c d<e>\\f`g'
    dest = md_link_url(url)
    assert dest == "https://evil.example/a%29b%22c%20d%3Ce%3E%5Cf%60g"
    md = report_markdown(_report("t", url))
    assert f"[t]({dest})" in md
    assert md_link_url("HTTPS://Example.org/x?y=1&z=(2)") == "HTTPS://Example.org/x?y=1&z=%282%29"
    assert md_link_url("https://example.org/a\nb\tc") == "https://example.org/a%0Ab%09c"


def _render_commonmark(md: str) -> str:
    from markdown_it import MarkdownIt  # a dev dependency

    return MarkdownIt("commonmark").enable("table").enable("strikethrough").render(md)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_rendered_markdown_has_no_script_or_handler(payload):
    rendered = _render_commonmark(report_markdown(_report(payload, 'https://evil.example/a)b"c')))
    assert "<script" not in rendered and "<img" not in rendered
    assert not re.search(r"href=\"\s*javascript:", rendered, re.I)
    assert not re.search(r"<[^>]+\son\w+\s*=", rendered, re.I)
    assert [m for m in re.findall(r'href="([^"]*)"', rendered)] == ["https://evil.example/a%29b%22c"]


# ---- HTML: autoescape on for every template -----------------------------------------


def test_every_template_is_autoescaped_and_none_turns_it_off():
    from khabar.render.html import _env

    env = _env()
    folder = data_path("web", "templates")
    names = sorted(p.name for p in Path(folder).iterdir() if p.is_file())
    assert names
    for name in names:
        assert env.autoescape(name) is True, name
        source = (Path(folder) / name).read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b", source) and "autoescape false" not in source, name
        assert "<script" not in source and not re.search(r"\s(on\w+|style)\s*=", source), name
    payload = "<script>alert(1)</script>"
    for name in ("stories.html.j2", "search.html.j2"):
        out = env.get_template(name).render(title=payload, q=payload, stories=[], hits=[])
        assert "<script>" not in out and html.escape(payload, quote=False) in out


def test_standalone_report_inlines_its_stylesheet_and_served_one_links_it():
    from khabar.render.html import report_html

    report = _report("<b>x</b>")
    standalone = report_html(report)
    assert "<style>" in standalone and "<link" not in standalone
    served = report_html(report, static="/static")
    assert "<style" not in served and '<link rel="stylesheet" href="/static/report.css">' in served
    assert "&lt;b&gt;x&lt;/b&gt;" in served


# ---- CSV export ---------------------------------------------------------------------


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")'])
def test_formula_cells_get_an_apostrophe(cell):
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["पुतिन", "a=b", "", None, 5, -3, True, "'quoted"])
def test_other_cells_are_unchanged(cell):
    assert csv_cell(cell) == cell


def test_csv_export_has_bom_and_no_formula_cells(hostile_db, tmp_path):
    out = tmp_path / "x.csv"
    result = CliRunner().invoke(cli, ["export", "--db", hostile_db, "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 6
    evil = next(r for r in rows if r["external_id"] == "evil-1")
    assert evil["source"] == "'" + '=HYPERLINK("http://evil.example/","x")'
    assert "दिल्ली" in evil["title"]
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    # JSONL is data, not a spreadsheet: unchanged
    jsonl = CliRunner().invoke(cli, ["export", "--db", hostile_db]).output
    assert '"source": "=HYPERLINK' in jsonl and not jsonl.startswith("\ufeff")
