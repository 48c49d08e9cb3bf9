"""The eight inputs that used to abort a whole ingest (issue 17), each in a batch of
valid reports: the bad record is one coded rejection naming its input (and line), and
every valid report of the batch is stored."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from khabar.config import IngestSettings
from khabar.dedup.minhash import MinHasher
from khabar.ingest import read_inputs
from khabar.model import Article, Rejected
from khabar.pipeline import ingest_paths
from khabar.store import open_store

BODY = ("मॉस्को में रूस और उत्तर कोरिया के बीच रक्षा संधि पर बातचीत हुई। "
        "दोनों देशों के नेताओं ने समझौते पर हस्ताक्षर किए।")
TOPICS = ["संधि", "बाढ़", "चुनाव", "क्रिकेट", "बजट", "मौसम"]


def good(i: int) -> dict:
    topic = TOPICS[i % len(TOPICS)]
    return {"id": f"good-{i}", "title": f"{topic} पर खबर {i}", "date": "2024-11-10",
            "body": f"{topic} के बारे में आज की खबर संख्या {i}। " + BODY}


def jsonl(path: Path, lines: list[str]) -> str:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def good_lines(start: int, n: int = 2) -> list[str]:
    return [json.dumps(good(i), ensure_ascii=False) for i in range(start, start + n)]


def ingest(new_db, inputs: list[str]):
    store = open_store(new_db("k"))
    report = ingest_paths(store, inputs)
    stored = {r.external_id for r in store.list_articles(limit=1000)}
    return report, stored, store


def codes(report) -> list[tuple[str, str, int | None]]:
    return [(r.code, Path(r.input_name).name, r.line) for r in report.rejected]


def test_report_without_word_tokens_is_k003(tmp_path, new_db):
    bad = json.dumps({"id": "bad", "body": "!!! ... ???"})
    path = jsonl(tmp_path / "a.jsonl", good_lines(0) + [bad] + good_lines(2))
    report, stored, _ = ingest(new_db, [path])
    assert codes(report) == [("K003", "a.jsonl", 3)]
    assert "has no words" in report.rejected[0].message
    assert stored == {"good-0", "good-1", "good-2", "good-3"}


@pytest.mark.parametrize("field", ["id", "title", "source", "url", "date", "lang", "extra", "body"])
def test_lone_surrogate_in_any_field_is_replaced_and_recorded(tmp_path, new_db, field):
    rec = {"id": "odd", "title": "संधि", "source": "A", "url": "http://x/", "date": "2024-11-10",
           "lang": "hi", "extra": {"k": ["v"]}, "body": BODY}
    line = json.dumps(rec, ensure_ascii=False)
    escaped = {"id": '"odd"', "title": '"संधि"', "source": '"A"', "url": '"http://x/"',
               "date": '"2024-11-10"', "lang": '"hi"', "extra": '["v"]', "body": json.dumps(BODY, ensure_ascii=False)}
    old = escaped[field]
    new = old[:-1] + '\\ud800' + old[-1:] if old.startswith('"') else '["v\\ud800"]'
    line = line.replace(old, new, 1)
    assert "\\ud800" in line
    path = jsonl(tmp_path / "a.jsonl", good_lines(0) + [line] + good_lines(2))
    report, stored, store = ingest(new_db, [path])
    assert report.rejected == []
    assert len(stored) == 5
    odd = [r for r in store.list_articles(limit=100) if r.external_id.startswith("odd")]
    assert len(odd) == 1
    article = store.load_articles([odd[0].id])[0]
    assert "\ud800" not in json.dumps(article.to_dict(), ensure_ascii=False, default=str)
    assert article.metadata["normalised"]["lone_surrogates"]


def test_lone_surrogate_record_names_the_field():
    from khabar.ingest.settle import settle

    art = Article(external_id="a\ud800", raw_text="खबर \udfff है", title="t", metadata={"k\ud801": ["\ud802"]})
    out = settle(art, IngestSettings())
    assert out.external_id == "a\ufffd" and out.raw_text == "खबर \ufffd है"
    assert out.metadata["k\ufffd"] == ["\ufffd"]
    assert out.metadata["normalised"]["lone_surrogates"] == {"external_id": 1, "raw_text": 1, "metadata": 2}


def test_integer_of_more_than_4300_digits_is_k004(tmp_path, new_db):
    bad = '{"id": "bad", "n": ' + "9" * 5000 + ', "body": "खबर"}'
    path = jsonl(tmp_path / "a.jsonl", good_lines(0) + [bad] + good_lines(2))
    report, stored, _ = ingest(new_db, [path])
    assert codes(report) == [("K004", "a.jsonl", 3)]
    assert len(stored) == 4


def test_json_nested_a_thousand_levels_is_k004(tmp_path, new_db):
    deep = '{"id": "bad", "body": "खबर", "m": ' + "[" * 1000 + "]" * 1000 + "}"
    deeper = '{"id": "bad2", "body": "खबर", "m": ' + '{"a":' * 5000 + "1" + "}" * 5000 + "}"
    path = jsonl(tmp_path / "a.jsonl", good_lines(0) + [deep, deeper] + good_lines(2))
    report, stored, _ = ingest(new_db, [path])
    assert codes(report) == [("K004", "a.jsonl", 3), ("K004", "a.jsonl", 4)]
    assert len(stored) == 4


def test_two_short_reports_in_one_batch(tmp_path, new_db):
    short = [json.dumps({"id": "s1", "body": "कोरोना के नए मामले"}, ensure_ascii=False),
             json.dumps({"id": "s2", "body": "आज"}, ensure_ascii=False)]
    report, stored, _ = ingest(new_db, [jsonl(tmp_path / "a.jsonl", short)])
    assert report.rejected == [] and stored == {"s1", "s2"}


def test_minhash_of_short_documents_only_whose_tokens_add_up_to_k():
    hasher = MinHasher(num_perm=16, shingle_words=5)
    sigs = hasher.signatures([["कोरोना", "के", "नए", "मामले"], ["आज"]])
    alone = hasher.signatures([["आज"]])
    assert (sigs[1] == alone[0]).all()  # a signature never depends on its batch


def test_truncated_warc_header_is_k009(tmp_path, new_db):
    warc = tmp_path / "a.warc"
    warc.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Le")
    path = jsonl(tmp_path / "b.jsonl", good_lines(0))
    report, stored, _ = ingest(new_db, [str(warc), path])
    assert codes(report) == [("K009", "a.warc", None)]
    assert stored == {"good-0", "good-1"}


def test_corrupt_or_truncated_gz_is_k002_and_keeps_what_came_before(tmp_path, new_db):
    lines = good_lines(0, 200)
    data = gzip.compress(("\n".join(lines) + "\n").encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(data[: len(data) * 3 // 4])
    junk = tmp_path / "junk.txt.gz"
    junk.write_bytes(b"\x1f\x8b\x08\x00garbage")
    flipped = bytearray(gzip.compress("खबर है।\n".encode() * 2000))
    flipped[len(flipped) // 2] ^= 0xFF
    damaged = tmp_path / "damaged.html.gz"
    damaged.write_bytes(bytes(flipped))
    other = jsonl(tmp_path / "b.jsonl", good_lines(500))
    report, stored, _ = ingest(new_db, [str(cut), str(junk), str(damaged), other])
    got = codes(report)
    assert [c[:2] for c in got] == [("K002", "cut.jsonl.gz"), ("K002", "junk.txt.gz"), ("K002", "damaged.html.gz")]
    assert got[0][2] is not None and got[0][2] > 1  # the line where the data broke off
    assert {"good-500", "good-501"} <= stored
    assert len(stored - {"good-500", "good-501"}) > 0  # the lines before the cut are kept


def test_feed_item_with_zero_date_is_undated_not_a_failure(tmp_path, new_db):
    feed = tmp_path / "a.xml"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>a</title><guid>zero</guid><description>{BODY}</description><pubDate>0000-00-00</pubDate></item>
<item><title>b</title><guid>dated</guid><description>बाढ़ की खबर। {BODY}</description>
<pubDate>Mon, 11 Nov 2024 10:00:00 GMT</pubDate></item>
</channel></rss>""", encoding="utf-8")
    items = list(read_inputs([str(feed)], IngestSettings()))
    assert all(isinstance(i, Article) for i in items)
    assert items[0].published is None and items[0].metadata["published_raw"] == "0000-00-00"
    report, stored, _ = ingest(new_db, [str(feed)])
    assert report.rejected == [] and stored == {"zero", "dated"}


def test_mixed_batch_of_every_trigger_stores_every_valid_report(tmp_path, new_db):
    """All eight at once, among 40 valid reports in five files."""
    bad_lines = [
        json.dumps({"id": "t1", "body": "!!! ... ???"}),
        '{"id": "t2", "title": "x\\ud800", "body": "' + BODY + ' दो"}',
        '{"id": "t3", "n": ' + "1" * 4301 + ', "body": "खबर"}',
        '{"id": "t4", "body": "खबर", "m": ' + "[" * 1000 + "]" * 1000 + "}",
        json.dumps({"id": "t5", "body": "कोरोना के नए मामले"}, ensure_ascii=False),
        json.dumps({"id": "t6", "body": "आज"}, ensure_ascii=False),
    ]
    lines = good_lines(0, 10)
    for i, bad in enumerate(bad_lines):
        lines.insert(2 * i + 1, bad)
    a = jsonl(tmp_path / "a.jsonl", lines)
    warc = tmp_path / "w.warc"
    warc.write_bytes(b"WARC/1.0\r\nWARC-Type: resp")
    data = gzip.compress(("\n".join(good_lines(100, 20)) + "\n").encode())
    gz = tmp_path / "g.jsonl.gz"
    gz.write_bytes(data[: len(data) // 2])
    feed = tmp_path / "f.rss"
    feed.write_text(f"""<rss version="2.0"><channel><title>T</title>
<item><guid>f0</guid><description>{BODY}</description><pubDate>0000-00-00</pubDate></item>
</channel></rss>""", encoding="utf-8")
    b = jsonl(tmp_path / "b.jsonl", good_lines(200, 10))
    report, stored, _ = ingest(new_db, [a, str(warc), str(gz), str(feed), b])
    valid = {f"good-{i}" for i in list(range(10)) + list(range(200, 210))} | {"t2", "t5", "t6", "f0"}
    assert valid <= stored
    assert sorted(r.code for r in report.rejected) == ["K002", "K003", "K004", "K004", "K009"]
    for r in report.rejected:
        assert r.input_name and r.message.startswith(r.code)


def test_a_five_thousand_digit_figure_is_no_count_and_costs_nothing(tmp_path, new_db):
    # found by tests/ingest/test_fuzz.py: float() of it is infinity, and choosing the
    # headline of an untitled report's story raised OverflowError, aborting the whole run
    digits = "9" * 5000
    odd = {"id": "digits", "date": "2024-11-10",
           "body": f"दिल्ली में कोरोना के {digits} लाख नए मामले सामने आए। अस्पतालों में बिस्तर कम पड़ गए।"}
    path = jsonl(tmp_path / "a.jsonl", good_lines(0) + [json.dumps(odd, ensure_ascii=False)] + good_lines(2))
    report, stored, store = ingest(new_db, [path])
    assert not report.rejected
    assert stored == {"good-0", "good-1", "good-2", "good-3", "digits"}
    assert store.article_row("digits").story_id
