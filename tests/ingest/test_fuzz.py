"""Generated inputs over every reader, the processing steps and a full ingest (hypothesis).

Each reader gets inputs built to look like its format with hostile parts mixed in (wrong
types, lone surrogates, deep nesting, huge numbers, broken markup, truncated records,
random bytes). The properties: reading never raises and never hangs; whatever cannot be
read is a coded rejection naming its input; every report a reader yields goes through the
steps without a step failure (K040 would be a bug in a step); an ingest of a generated
file beside valid reports stores every valid one.

KHABAR_FUZZ_EXAMPLES sets the examples per target (default 60, a quick round); the figure
in docs/reliability.md is from KHABAR_FUZZ_EXAMPLES=2000 (5 readers: 10,000 inputs,
and 200 mixed ingests).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import resource
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from khabar.config import IngestSettings, load_settings
from khabar.ingest import read_inputs
from khabar.model import Article, Rejected
from khabar.pipeline import ingest_paths, prepare_or_reject
from khabar.store import open_store

EXAMPLES = int(os.environ.get("KHABAR_FUZZ_EXAMPLES", "60"))
SECONDS_PER_INPUT = 20.0  # a hang is an input that takes longer than this
MAX_RSS_BYTES = 3 << 30  # the test process's peak: reading and preparing stay well under
CODE = re.compile(r"K0\d\d")
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                suppress_health_check=list(HealthCheck))
INGEST = IngestSettings(max_bytes=2 << 20)

# text that looks like news, with now and then the characters readers and steps trip on
NEWS = ["कोरोना", "के", "नए", "मामले", "दिल्ली", "में", "१२३", "45,000", "लाख", "मोदी", "ने", "कहा", "।",
        "Putin", "COVID-19", "2020-03-21", "सोमवार", "को", "लोगों", "की", "मौत", "हुई", "पुलिस", "सरकार"]
HOSTILE = ["&amp;", "<b>", "\u200d", "\u0000", "\ufeff", "\ud800", "\U0001F600", "0000-00-00", "9" * 5000,
           "...", "!!!", "\n", "\r\n", "\t", "http://x/", "javascript:alert(1)",
           "<script>alert(1)</script>", "\u0902\u0902\u0902", "़", "\u202e"]
news = st.sampled_from(NEWS)
# hypothesis's text() favours NUL, which makes a whole file binary; NUL comes from HOSTILE
word = st.one_of(*[news] * 12, st.sampled_from(HOSTILE),
                 st.text(st.characters(blacklist_characters="\x00"), max_size=12))
words = st.lists(word, max_size=40).map(" ".join)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | words
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=6), inner, max_size=4), max_leaves=12)
FIELDS = ["id", "title", "body", "text", "date", "published", "source", "url", "lang", "language"]


def _deep(n: int) -> str:
    return "[" * n + "]" * n


@st.composite
def jsonl_files(draw) -> bytes:
    lines = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["record", "record", "value", "deep", "bytes", "cut"]))
        if kind == "record":  # mostly the fields a report has, any of them of any type now and then
            record = {"id": draw(words), "title": draw(words), "body": draw(words)}
            record.update({f: draw(json_values) for f in draw(st.lists(st.sampled_from(FIELDS), max_size=3))})
            lines.append(json.dumps(record, ensure_ascii=draw(st.booleans())))
        elif kind == "value":
            lines.append(json.dumps(draw(json_values)))
        elif kind == "deep":
            lines.append(_deep(draw(st.integers(1, 3000))))
        elif kind == "bytes":
            lines.append(draw(st.binary(max_size=60)).decode("latin-1"))
        else:
            lines.append(json.dumps({"id": "x", "body": draw(words)})[: draw(st.integers(0, 30))])
    data = "\n".join(lines).encode("utf-8", "surrogatepass")
    return gzip.compress(data) if draw(st.booleans()) and draw(st.booleans()) else data


TAGS = ["p", "div", "article", "script", "style", "h1", "title", "meta", "a", "br", "table", "td",
        "svg", "iframe", "noscript", "time", "!--", "![CDATA["]


@st.composite
def markup(draw, tags=TAGS) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(st.sampled_from(["p"] * 8 + tags))
        attrs = draw(st.sampled_from([""] * 6 + [' class="x"', ' href="javascript:alert(1)"', " onload=alert(1)",
                                      ' content="2020-03-21"', ' datetime="0000-00-00"', " a='", ' "']))
        close = draw(st.sampled_from([f"</{tag}>"] * 6 + ["", "</p></div>", ">"]))
        parts.append(f"<{tag}{attrs}>{draw(words)}{close}")
    return "".join(parts)


@st.composite
def html_files(draw) -> bytes:
    head = draw(st.sampled_from(["<!doctype html><html><body>", "", "<html><head><meta charset=utf-8>",
                                 "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><html>"]))
    tail = draw(st.sampled_from(["</body></html>"] * 3 + [""]))
    return (head + draw(markup()) + tail).encode("utf-8", "surrogatepass")


ITEM_TAGS = ["title", "link", "description", "pubDate", "guid", "content:encoded", "summary",
             "updated", "published", "author", "category"]


@st.composite
def feed_files(draw) -> bytes:
    rss = draw(st.booleans())
    items = []
    for _ in range(draw(st.integers(0, 5))):
        fields = "".join(f"<{t}>{draw(words) if t != 'description' else draw(markup())}</{t}>"
                         for t in draw(st.lists(st.sampled_from(ITEM_TAGS), max_size=6)))
        items.append(f"<item>{fields}</item>" if rss else f"<entry>{fields}</entry>")
    body = ("<rss version='2.0'><channel><title>t</title>" + "".join(items) + "</channel></rss>" if rss else
            "<feed xmlns='http://www.w3.org/2005/Atom'>" + "".join(items) + "</feed>")
    cut = draw(st.integers(len(body) // 4, len(body))) if draw(st.booleans()) and draw(st.booleans()) else len(body)
    return ("<?xml version='1.0' encoding='utf-8'?>" + body[:cut]).encode("utf-8", "surrogatepass")


@st.composite
def warc_files(draw) -> bytes:
    records = []
    for i in range(draw(st.integers(1, 4))):
        payload = draw(st.one_of(html_files(), html_files(), html_files(), st.binary(max_size=200)))
        status = draw(st.sampled_from(["200 OK"] * 4 + ["404 Not Found", "301 Moved", "abc"]))
        ctype = draw(st.sampled_from(["text/html; charset=utf-8"] * 4 + ["image/png", "", "text/html; charset=bogus"]))
        http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + payload
        length = len(http) + draw(st.sampled_from([0] * 8 + [-5, 7]))  # a wrong length now and then
        wtype = draw(st.sampled_from(["response"] * 6 + ["request", "metadata", ""]))
        head = (f"WARC/1.0\r\nWARC-Type: {wtype}\r\n"
                f"WARC-Target-URI: http://example.org/{i}\r\n"
                f"WARC-Date: {draw(st.sampled_from(['2020-03-21T10:00:00Z', '0000-00-00', 'x']))}\r\n"
                f"WARC-Record-ID: <urn:uuid:{i}>\r\nContent-Length: {length}\r\n\r\n").encode()
        records.append(head + http + b"\r\n\r\n")
    data = b"".join(records)
    if draw(st.integers(0, 7)) == 0:
        data = data[: draw(st.integers(len(data) // 4, len(data)))]  # truncated
    return data


def text_files(draw_words=words) -> st.SearchStrategy[bytes]:
    as_bytes = draw_words.map(lambda t: t.encode("utf-8", "surrogatepass"))
    return (as_bytes | as_bytes | as_bytes | st.binary(max_size=300)
            | st.sampled_from([b"", b"\xef\xbb\xbf", b"\x1f\x8b\x08\x00corrupt", "।।।".encode()]))


TARGETS = {
    "jsonl": (".jsonl", jsonl_files()),
    "text": (".txt", text_files()),
    "html": (".html", html_files()),
    "feed": (".xml", feed_files()),
    "warc": (".warc", warc_files()),
}


def _check_read(path: Path) -> list[Article]:
    start = time.monotonic()
    items = list(read_inputs([str(path)], INGEST))
    assert time.monotonic() - start < SECONDS_PER_INPUT, f"reading {path.name} hung"
    articles = []
    for item in items:
        assert isinstance(item, (Article, Rejected)), type(item)
        if isinstance(item, Rejected):
            assert CODE.fullmatch(item.code), item
            assert item.input_name and path.name in item.input_name, item
            assert item.message
        else:
            articles.append(item)
    return articles


def _check_prepare(articles: list[Article], conf) -> None:
    for article in articles:
        start = time.monotonic()
        out = prepare_or_reject(article, conf)
        assert time.monotonic() - start < SECONDS_PER_INPUT, f"preparing {article.external_id!r} hung"
        assert not (isinstance(out, Rejected) and out.code == "K040"), out.message


@pytest.fixture(scope="module")
def conf():
    return load_settings()


@pytest.mark.parametrize("kind", sorted(TARGETS))
def test_generated_inputs_are_read_or_rejected_with_a_code_and_never_fail_a_step(kind, tmp_path_factory, conf):
    suffix, files = TARGETS[kind]
    folder = tmp_path_factory.mktemp(kind)
    seen = {"inputs": 0, "reports": 0}

    @FUZZ
    @given(data=files, gz=st.booleans())
    def check(data: bytes, gz: bool):
        seen["inputs"] += 1
        path = folder / (f"in{seen['inputs']}{suffix}" + (".gz" if gz and kind != "jsonl" else ""))
        path.write_bytes(gzip.compress(data) if path.suffix == ".gz" else data)
        articles = _check_read(path)
        seen["reports"] += len(articles)
        _check_prepare(articles, conf)
        path.unlink()

    check()
    # not vacuous: the inputs were many, and a good share of them reached the steps
    assert seen["inputs"] >= min(EXAMPLES, 10)
    assert seen["reports"] >= EXAMPLES // 20, seen
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 < MAX_RSS_BYTES


GOOD = [{"id": f"good-{i}", "title": f"खबर {i}", "date": "2024-11-10",
         "body": f"{t} के बारे में आज की खबर संख्या {i}। दिल्ली में अधिकारियों ने बैठक की और फैसले लिए।"}
        for i, t in enumerate(["संधि", "बाढ़", "चुनाव"])]


def test_a_generated_file_beside_valid_reports_never_costs_them(tmp_path_factory, new_db):
    folder = tmp_path_factory.mktemp("mixed")
    good = folder / "good.jsonl"
    good.write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in GOOD) + "\n", encoding="utf-8")
    seen = {"inputs": 0}

    @settings(FUZZ, max_examples=max(5, EXAMPLES // 10))
    @given(kind=st.sampled_from(sorted(TARGETS)), data=st.data())
    def check(kind, data):
        seen["inputs"] += 1
        suffix, files = TARGETS[kind]
        bad = folder / f"bad{seen['inputs']}{suffix}"
        bad.write_bytes(data.draw(files))
        store = open_store(new_db(f"mixed{seen['inputs']}"))
        try:
            report = ingest_paths(store, [str(bad), str(good)])
            stored = {r.external_id for r in store.list_articles(limit=1000)}
            assert {g["id"] for g in GOOD} <= stored
            assert all(CODE.fullmatch(r.code) and r.code != "K040" for r in report.rejected), report.rejected
        finally:
            store.close()
            bad.unlink()

    check()
    assert seen["inputs"] >= 5
