"""Readers for files and folders: formats, field mapping, coded rejections."""

from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from khabar.config import IngestSettings
from khabar.ingest import kind_by_name, read_input, read_inputs
from khabar.model import Article, Rejected

ROOT = Path(__file__).resolve().parents[1]
FIX = ROOT / "tests" / "fixtures" / "ingest"
SEEDS = ROOT / "examples" / "seeds"
FIFTY_MB = 50 * 1024 * 1024


@pytest.fixture
def settings() -> IngestSettings:
    return IngestSettings()


def split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, Rejected)]


def only_rejected(items) -> Rejected:
    items = list(items)
    assert len(items) == 1 and isinstance(items[0], Rejected), items
    return items[0]


# --- text files and folders -------------------------------------------------------------


def test_seed_folder_reads_five_text_reports_and_skips_readme(settings):
    arts, rej = split(read_inputs([str(SEEDS)], settings))
    assert rej == []
    assert [a.external_id for a in arts] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    first = arts[0]
    assert first.external_id == "000_8028ae54a2d1bd25"
    assert first.title == "" and first.source is None and first.published is None
    assert first.raw_text == (SEEDS / "000_8028ae54a2d1bd25.txt").read_text(encoding="utf-8")
    assert "पुतिन" in first.raw_text
    assert first.input_name.endswith("000_8028ae54a2d1bd25.txt")


def test_file_timestamp_is_never_a_publication_date(tmp_path, settings):
    p = tmp_path / "old.txt"
    p.write_text("पुराना समाचार।", encoding="utf-8")
    os.utime(p, (1_600_000_000, 1_600_000_000))
    html = tmp_path / "nodate.html"
    html.write_text(
        "<html><body><article><p>" + "बिना तारीख़ का लेख है। " * 20 + "</p></article></body></html>",
        encoding="utf-8",
    )
    os.utime(html, (1_600_000_000, 1_600_000_000))
    arts, rej = split(read_inputs([str(p), str(html)], settings))
    assert rej == [] and len(arts) == 2
    assert [a.published for a in arts] == [None, None]


def test_text_is_nfc_normalised(tmp_path, settings):
    p = tmp_path / "nukta.txt"
    p.write_text("\u0928\u093c\u092f\u093e\r\nदूसरी पंक्ति", encoding="utf-8")  # न + nukta, CRLF
    (art,) = read_input(str(p), settings)
    assert art.raw_text == "\u0929\u092f\u093e\nदूसरी पंक्ति"


def test_nested_folder_recursion_skips_hidden_and_unknown_suffixes(tmp_path, settings):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("गहरी फ़ाइल", encoding="utf-8")
    (tmp_path / "top.txt").write_text("ऊपर की फ़ाइल", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("छिपी", encoding="utf-8")
    (tmp_path / "notes.md").write_text("# not an article", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    arts, rej = split(read_input(str(tmp_path), settings))
    assert rej == []
    assert sorted(a.external_id for a in arts) == ["a/b/deep", "top"]  # subfolders name the id


@pytest.mark.parametrize(
    "content, code, line",
    [
        (b"", "K003", None),
        (b"  \n\t\n", "K003", None),
        (b"first line\n\x00\x01\x02binary", "K002", 2),
        ("पहली पंक्ति\nदूसरी ".encode() + b"\xff\xfe bad", "K002", 2),
    ],
    ids=["empty", "whitespace", "binary", "invalid-utf8"],
)
def test_bad_text_files_are_rejected_with_code_and_line(tmp_path, settings, content, code, line):
    p = tmp_path / "bad.txt"
    p.write_bytes(content)
    r = only_rejected(read_input(str(p), settings))
    assert (r.code, r.line) == (code, line)
    assert r.input_name == str(p) and str(p) in r.message and r.message.startswith(code)


def test_missing_input_is_rejected_and_batch_goes_on(tmp_path, settings):
    missing = str(tmp_path / "nope.txt")
    items = list(read_inputs([missing, str(SEEDS / "001_e93594d4d072290d.txt")], settings))
    assert isinstance(items[0], Rejected) and items[0].code == "K001" and missing in items[0].message
    assert isinstance(items[1], Article) and items[1].external_id == "001_e93594d4d072290d"


def test_fifty_megabyte_inputs_are_rejected_by_default_limit(tmp_path, settings):
    assert settings.max_bytes < FIFTY_MB
    big_txt = tmp_path / "big.txt"
    with open(big_txt, "wb") as fh:  # sparse: created instantly, still 50 MB by size
        fh.seek(FIFTY_MB - 1)
        fh.write(b"\n")
    big_html = tmp_path / "big.html"
    shutil.copyfile(big_txt, big_html)
    big_jsonl = tmp_path / "big.jsonl"
    with open(big_jsonl, "wb") as fh:
        fh.write(b'{"id": "ok", "body": "\xe0\xa4\xa0\xe0\xa5\x80\xe0\xa4\x95"}\n')
        fh.write(b'{"body": "' + b"a" * FIFTY_MB + b'"}\n')
        fh.write(b'{"id": "after", "body": "after the big line"}\n')
    items = list(read_inputs([str(big_txt), str(big_html), str(big_jsonl)], settings))
    codes = [(type(i).__name__, getattr(i, "code", None), getattr(i, "line", None)) for i in items]
    assert codes == [
        ("Rejected", "K006", None),
        ("Rejected", "K006", None),
        ("Article", None, None),
        ("Rejected", "K006", 2),
        ("Article", None, None),
    ]
    assert "max_bytes" in items[0].message and str(big_txt) in items[0].message
    assert items[4].external_id == "after"


def test_max_bytes_can_be_raised(tmp_path):
    p = tmp_path / "small.txt"
    p.write_text("x" * 100, encoding="utf-8")
    assert only_rejected(read_input(str(p), IngestSettings(max_bytes=50))).code == "K006"
    assert isinstance(next(read_input(str(p), IngestSettings(max_bytes=100))), Article)


# --- JSONL ------------------------------------------------------------------------------


def test_jsonl_fixture_maps_fields_and_reports_bad_lines(settings):
    items = list(read_input(str(FIX / "articles.jsonl"), settings))
    kinds = [(type(i).__name__, getattr(i, "external_id", None) or getattr(i, "code", None)) for i in items]
    assert kinds == [
        ("Article", "n-1"),
        ("Rejected", "K004"),
        ("Article", "articles.jsonl#4"),
        ("Rejected", "K005"),
        ("Article", "1_1ecb"),
    ]
    a1 = items[0]
    assert (a1.title, a1.source, a1.raw_text) == ("बस सेवा शुरू", "नमूना दैनिक", "नगर निगम ने बीस नई बसें चलाईं।")
    assert a1.published == datetime(2024, 11, 9)
    assert a1.metadata["section"] == "शहर"
    assert items[1].line == 2 and "articles.jsonl:2" in items[1].message
    assert items[2].published is None
    assert items[3].line == 5 and "jsonl_fields" in items[3].message
    assert items[4].raw_text == "A tokenised English line ." and items[4].metadata == {"topic": 1}


def test_jsonl_field_names_are_configurable(tmp_path):
    p = tmp_path / "custom.jsonl"
    p.write_text('{"guid": "g1", "content_html": "पाठ यहाँ है", "headline": "शीर्षक", "when": "2024-06-19T10:00:00Z"}\n', encoding="utf-8")
    settings = IngestSettings()
    settings = dataclasses.replace(
        settings, jsonl_fields={**settings.jsonl_fields, "text": "content_html", "published": "when"}
    )
    (art,) = read_input(str(p), settings)
    assert (art.external_id, art.raw_text, art.title) == ("g1", "पाठ यहाँ है", "शीर्षक")
    assert art.published == datetime(2024, 6, 19, 10, 0)


def test_jsonl_id_with_section_number_marks_a_split_page(tmp_path, settings):
    p = tmp_path / "pages.jsonl"
    lines = [
        '{"id": "AU-01#3", "body": "पहला भाग"}',
        '{"id": "https://x.test/a#top", "body": "दूसरा"}',
        '{"id": "p#2", "page": "own-page", "section": 7, "body": "तीसरा"}',
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second, third = read_input(str(p), settings)
    assert (first.metadata["page"], first.metadata["section"]) == ("AU-01", 3)
    assert "page" not in second.metadata  # a URL fragment is not a section number
    assert (third.metadata["page"], third.metadata["section"]) == ("own-page", 7)


def test_page_position_ignores_unusable_sections():
    from khabar.pipeline import page_position

    assert page_position({"page": "P", "section": "4"}) == {"page": "P", "section": 4}
    for bad in ({"page": "P", "section": "sports"}, {"section": 2}, {"page": "P", "section": True}):
        assert page_position(bad) == {"page": None, "section": None}


def test_jsonl_invalid_utf8_and_non_object_lines_do_not_stop_the_file(tmp_path, settings):
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(b'{"id": "a", "body": "one"}\n{"id": "b", "body": "\xff"}\n[1, 2]\n{"id": "c", "body": ""}\n{"id": "d", "body": "four"}\n')
    items = list(read_input(str(p), settings))
    assert [(type(i).__name__, getattr(i, "code", None), getattr(i, "line", None)) for i in items] == [
        ("Article", None, None),
        ("Rejected", "K002", 2),
        ("Rejected", "K004", 3),
        ("Rejected", "K003", 4),
        ("Article", None, None),
    ]


def test_json_array_file_and_empty_jsonl(tmp_path, settings):
    arr = tmp_path / "arr.json"
    arr.write_text('[{"id": "x", "text": "पहला"}, {"id": "y", "text": "दूसरा"}]', encoding="utf-8")
    assert [a.external_id for a in read_input(str(arr), settings)] == ["x", "y"]
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n\n", encoding="utf-8")
    assert only_rejected(read_input(str(empty), settings)).code == "K003"


def test_jsonl_long_line_is_cut_off_without_stopping(tmp_path):
    p = tmp_path / "long.jsonl"
    p.write_text('{"id": "1", "body": "' + "क" * 500 + '"}\n{"id": "2", "body": "छोटा"}\n', encoding="utf-8")
    items = list(read_input(str(p), IngestSettings(max_bytes=200)))
    assert (items[0].code, items[0].line) == ("K006", 1)
    assert items[1].external_id == "2"


# --- HTML -------------------------------------------------------------------------------


def test_html_page_main_text_and_metadata(settings):
    (art,) = read_input(str(FIX / "page.html"), settings)
    assert isinstance(art, Article)
    assert art.external_id == "page"
    assert art.title == "नदी पर नया पुल खुला"
    assert art.source == "नमूना समाचार"
    assert art.url == "https://news.example.org/2024/11/09/naya-pul"
    assert art.published == datetime(2024, 11, 9, 10, 15)
    assert art.language == "hi"
    assert art.raw_text.startswith("मुख्यमंत्री ने शनिवार को")
    assert "दस हज़ार वाहन" in art.raw_text
    for noise in ("मुख्य पृष्ठ", "© 2019", "क्रिकेट में बड़ी जीत"):
        assert noise not in art.raw_text
    assert "truncated" not in art.metadata


def test_truncated_html_rejected_when_no_article_survives(tmp_path, settings):
    data = (FIX / "page.html").read_bytes()
    early = tmp_path / "early.html"
    early.write_bytes(data[: data.index("<article>".encode()) + 40])
    r = only_rejected(read_input(str(early), settings))
    assert r.code == "K008" and "truncated" in r.message and str(early) in r.message


def test_truncated_html_keeps_best_effort_text_and_flags_it(tmp_path, settings):
    data = (FIX / "page.html").read_bytes()
    late = tmp_path / "late.html"
    late.write_bytes(data[: data.index("</article>".encode())])
    (art,) = read_input(str(late), settings)
    assert isinstance(art, Article) and art.metadata["truncated"] is True
    assert "उद्घाटन के समय" in art.raw_text


@pytest.mark.parametrize(
    "content, code",
    [(b"<html><body><div></div>", "K008"), (b"plain words, no markup", "K008"), (b"\x89PNG\r\n\x1a\n\x00\x00", "K002")],
    ids=["empty-markup", "no-markup", "binary"],
)
def test_garbage_html_is_rejected(tmp_path, settings, content, code):
    p = tmp_path / "bad.html"
    p.write_bytes(content)
    assert only_rejected(read_input(str(p), settings)).code == code


# --- RSS / Atom ---------------------------------------------------------------------------


def test_rss_entries_become_articles(settings):
    arts, rej = split(read_input(str(FIX / "feed.rss"), settings))
    assert [a.external_id for a in arts] == ["bus-seva-0001", "https://news.example.org/2024/11/10/barish"]
    bus, rain = arts
    assert bus.title == "नगर निगम ने नई बस सेवा शुरू की"
    assert bus.url == "https://news.example.org/2024/11/09/bus-seva"
    assert bus.source == "खबर नमूना समाचार" and bus.language == "hi"
    assert bus.published == datetime(2024, 11, 9, 18, 30)
    # full content wins over the summary; markup and scripts are gone, paragraphs kept
    assert bus.raw_text == "नगर निगम ने शनिवार को शहर में बीस नई बसें चलाईं।\nमहापौर ने कहा कि किराया पहले जितना ही रहेगा।"
    assert rain.raw_text == "तेज़ बारिश से तीन ज़िलों में धान की फसल को नुकसान हुआ।"
    assert rain.published is None
    assert [(r.code, r.line) for r in rej] == [("K003", 3)]


def test_atom_entries_published_and_updated_fallback(settings):
    arts, rej = split(read_input(str(FIX / "feed.atom"), settings))
    assert rej == []
    bridge, school = arts
    assert bridge.title == "पुल का उद्घाटन"
    assert bridge.url == "https://atom.example.org/pul"
    assert bridge.published == datetime(2024, 11, 9, 10, 15)
    assert bridge.raw_text == "मुख्यमंत्री ने नदी पर बने नए पुल का उद्घाटन किया।\nपुल की लंबाई 1,200 मीटर है।"
    assert bridge.metadata["author"] == "संवाददाता"
    assert school.published == datetime(2024, 11, 10, 8, 0)
    assert school.metadata["published_from"] == "updated"


def test_xml_that_is_not_a_feed_gives_k007(tmp_path, settings):
    r = only_rejected(read_input(str(FIX / "not_a_feed.xml"), settings))
    assert r.code == "K007" and "not_a_feed.xml" in r.message
    html_as_rss = tmp_path / "page.rss"
    shutil.copyfile(FIX / "page.html", html_as_rss)
    assert only_rejected(read_input(str(html_as_rss), settings)).code == "K007"


# --- WARC ---------------------------------------------------------------------------------


def _write_warc(path: Path, records: list[tuple[str, str, str, bytes]]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for uri, status, ctype, body in records:
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(
                uri, "response", payload=BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2026-01-02T03:04:05Z"},
            )
            writer.write_record(rec)
        req = writer.create_warc_record(
            "https://news.example.org/", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"),
            warc_headers_dict={"WARC-Date": "2026-01-02T03:04:05Z"},
        )
        writer.write_record(req)


def test_warc_html_responses_go_through_the_html_reader(tmp_path, settings):
    page = (FIX / "page.html").read_bytes()
    undated = page.replace(b'<meta property="article:published_time" content="2024-11-09T10:15:00+05:30">', b"")
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, [
        ("https://news.example.org/naya-pul", "200 OK", "text/html; charset=utf-8", page),
        ("https://news.example.org/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00"),
        ("https://news.example.org/gone", "404 Not Found", "text/html", b"<html><body>gone</body></html>"),
        ("https://news.example.org/broken", "200 OK", "text/html", b"<html><body><div>"),
        ("https://news.example.org/undated", "200 OK", "text/html", undated),
    ])
    items = list(read_input(str(path), settings))
    assert [(type(i).__name__, getattr(i, "code", None)) for i in items] == [
        ("Article", None), ("Rejected", "K008"), ("Article", None)]
    art = items[0]
    assert art.url == art.external_id == "https://news.example.org/naya-pul"
    assert art.title == "नदी पर नया पुल खुला" and art.input_name == str(path)
    assert art.published == datetime(2024, 11, 9, 10, 15)
    assert art.metadata["crawled"] == "2026-01-02T03:04:05Z"
    assert "https://news.example.org/broken" in items[1].message
    # the crawl time never stands in for a missing publication date
    assert items[2].published is None or items[2].published.year != 2026


def test_plain_warc_and_damaged_warc(tmp_path, settings):
    plain = tmp_path / "crawl.warc"
    _write_warc(plain, [("https://x.example.org/p", "200 OK", "text/html", (FIX / "page.html").read_bytes())])
    arts, rej = split(read_input(str(plain), settings))
    assert len(arts) == 1 and rej == []
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not a web archive at all\n" * 10)
    r = only_rejected(read_input(str(bad), settings))
    assert r.code == "K009" and str(bad) in r.message


# --- sniffing -----------------------------------------------------------------------------


def test_files_without_suffix_are_sniffed(tmp_path, settings):
    shutil.copyfile(FIX / "feed.atom", tmp_path / "feedfile")
    shutil.copyfile(FIX / "page.html", tmp_path / "pagefile")
    (tmp_path / "recordsfile").write_text('{"id": "j1", "body": "जेसन"}\n', encoding="utf-8")
    (tmp_path / "notesfile").write_text("सादा पाठ", encoding="utf-8")
    _write_warc(tmp_path / "warcfile", [("https://x.example.org/p", "200 OK", "text/html", (FIX / "page.html").read_bytes())])
    (tmp_path / "binfile").write_bytes(b"\x00\x01\x02\x03")
    got = {}
    for item in read_input(str(tmp_path), settings):
        key = Path(item.input_name).name
        got.setdefault(key, []).append(item.external_id if isinstance(item, Article) else item.code)
    assert got == {
        "binfile": ["K002"],
        "feedfile": ["urn:uuid:7d2c3a1e-0000-4000-8000-000000000002", "urn:uuid:7d2c3a1e-0000-4000-8000-000000000003"],
        "notesfile": ["notesfile"],
        "pagefile": ["pagefile"],
        "recordsfile": ["j1"],
        "warcfile": ["https://x.example.org/p"],
    }


@pytest.mark.parametrize(
    "name, kind",
    [("a.jsonl", "jsonl"), ("a.JSON", "jsonl"), ("a.txt", "text"), ("a.htm", "html"), ("a.html.gz", "html"),
     ("a.rss", "feed"), ("a.atom", "feed"), ("a.xml", "feed"), ("a.warc.gz", "warc"), ("a.warc", "warc"),
     ("README", None), ("a.md", None)],
)
def test_kind_by_name(name, kind):
    assert kind_by_name(Path(name)) == kind


def test_gzipped_html_file(tmp_path, settings):
    import gzip

    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress((FIX / "page.html").read_bytes()))
    (art,) = read_input(str(p), settings)
    assert art.external_id == "page" and art.title == "नदी पर नया पुल खुला"


def test_warc_cut_off_mid_record_keeps_the_records_before(tmp_path, settings):
    page = (FIX / "page.html").read_bytes()
    whole = tmp_path / "whole.warc.gz"
    _write_warc(whole, [("https://a.example.org/1", "200 OK", "text/html", page),
                        ("https://a.example.org/2", "200 OK", "text/html", page)])
    data = whole.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: int(len(data) * 0.7)])
    items = list(read_input(str(cut), settings))
    assert isinstance(items[0], Article) and items[0].url == "https://a.example.org/1"
    assert len(items) == 2 and isinstance(items[1], Rejected) and items[1].code == "K009"
    assert "cut off" in items[1].message and "https://a.example.org/2" in items[1].message


def test_jsonl_text_from_escapes_is_nfc(tmp_path, settings):
    p = tmp_path / "esc.jsonl"
    # न + nukta written as JSON escapes: only after parsing does it become text to normalise
    p.write_text('{"id": "e", "title": "\\u0928\\u093c", "body": "\\u0928\\u093c\\u092f\\u093e"}\n', encoding="utf-8")
    (art,) = read_input(str(p), settings)
    assert art.title == "\u0929" and art.raw_text == "\u0929\u092f\u093e"


def test_gzipped_jsonl_numeric_ids_and_a_single_name(tmp_path, settings):
    import gzip

    p = tmp_path / "recs.jsonl.gz"
    p.write_bytes(gzip.compress('{"id": 0, "body": "शून्य"}\n{"id": 7, "body": "सात", "date": ""}\n'.encode()))
    arts = list(read_inputs(str(p), settings))  # a bare string is one input, not characters
    assert [(a.external_id, a.raw_text, a.published) for a in arts] == [("0", "शून्य", None), ("7", "सात", None)]


def test_same_named_files_in_two_subfolders_are_two_reports(tmp_path, settings):
    # a/x.txt and b/x.txt used to both be "x": the second was skipped as already stored
    for folder, body in (("a", "दिल्ली में आज कोरोना के नए मामले सामने आए।"), ("b", "मुंबई में आज भारी बारिश हुई।")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(body, encoding="utf-8")
    (tmp_path / "top.txt").write_text("पटना में आज स्कूल बंद रहे।", encoding="utf-8")
    arts, rej = split(read_inputs([str(tmp_path)], settings))
    assert not rej
    assert sorted(a.external_id for a in arts) == ["a/x", "b/x", "top"]
