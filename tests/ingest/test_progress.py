"""Ingest progress: a total where it is cheap to count, plain lines when stderr is a log."""

import gzip
import io
import json

from click.testing import CliRunner

from khabar.cli import cli
from khabar.ingest.progress import estimate_total, plain_lines, progress_line


def _folder(tmp_path):
    d = tmp_path / "in"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("पहली खबर", encoding="utf-8")
    (d / "sub" / "b.html").write_text("<p>दूसरी</p>", encoding="utf-8")
    (d / "c.jsonl").write_text('{"id": "1", "text": "x"}\n{"id": "2", "text": "y"}\n{"id": "3", "text": "z"}',
                               encoding="utf-8")  # the last line has no newline and still counts
    (d / "README.md").write_text("not a report")  # read_folder skips it, so the total does too
    (d / ".hidden.txt").write_text("skipped")
    return d


def test_total_counts_one_per_text_or_html_file_and_one_per_jsonl_line(tmp_path):
    d = _folder(tmp_path)
    assert estimate_total([str(d)]) == 5
    assert estimate_total([str(d / "c.jsonl"), str(d / "a.txt")]) == 4


def test_total_is_unknown_when_an_input_is_only_counted_by_reading_it(tmp_path):
    d = _folder(tmp_path)
    gz = tmp_path / "more.jsonl.gz"
    gz.write_bytes(gzip.compress(b'{"id": "9", "text": "x"}\n'))
    feed = tmp_path / "f.xml"
    feed.write_text("<rss/>")
    assert estimate_total([str(d), str(gz)]) is None
    assert estimate_total([str(feed)]) is None
    assert estimate_total(["https://example.org/feed"]) is None


def test_progress_line_gives_share_rate_and_time_left():
    assert progress_line(250, 1000, 10.0) == "ingest: 250/1000 records (25%), 25.0/s, about 30 s left"
    assert progress_line(1000, 1000, 40.0) == "ingest: 1000/1000 records (100%), 25.0/s"
    assert progress_line(7200, 14400, 7200.0) == "ingest: 7200/14400 records (50%), 1.0/s, about 2 h 00 min left"
    assert progress_line(30, None, 3.0) == "ingest: 30 records, 10.0/s"


def test_plain_lines_write_one_line_per_period_and_one_at_the_end():
    ticks = iter(range(0, 1000, 3))  # the clock moves 3 s per call
    out = io.StringIO()
    items = list(plain_lines(range(10), 10, out=out, every=10.0, clock=lambda: next(ticks)))
    assert items == list(range(10))
    lines = out.getvalue().splitlines()
    assert 2 <= len(lines) <= 4  # about 30 s in 10 s periods, not one per record
    assert all("\r" not in line for line in lines)
    assert lines[-1].startswith("ingest: 10/10 records (100%)")


def test_cli_ingest_writes_plain_progress_to_a_log_and_none_with_json(tmp_path):
    d = _folder(tmp_path)
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "k.db"), str(d)])
    assert result.exit_code in (0, 3), result.output
    assert "ingest: 5/5 records (100%)" in result.stderr
    assert "\r" not in result.stderr
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "j.db"), "--json", str(d)])
    assert "ingest:" not in result.stderr
    json.loads(result.stdout)
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "n.db"), "--no-progress", str(d)])
    assert "ingest:" not in result.stderr
