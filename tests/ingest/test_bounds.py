"""The bounds of IngestSettings that keep one hostile input from costing the machine:
each is a coded rejection of that input (K006), and what came before it stands."""

from __future__ import annotations

import gzip
import json

from khabar.config import IngestSettings
from khabar.ingest import read_input
from khabar.model import Article, Rejected


def line(i: int, body: str = "") -> str:
    return json.dumps({"id": f"b-{i}", "title": f"खबर {i}", "date": "2024-11-10",
                       "body": body or f"नगर निगम ने आज {i} नई बसें चलाईं।"}, ensure_ascii=False)


def test_gz_past_max_decompressed_bytes_stops_with_k006_keeping_earlier_lines(tmp_path):
    path = tmp_path / "bomb.jsonl.gz"
    # a few small reports, then a long stretch that compresses to almost nothing
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(line(i) for i in range(3)) + "\n")
        fh.write("\n" * 5_000_000)
        fh.write(line(99) + "\n")
    assert path.stat().st_size < 50_000
    items = list(read_input(str(path), IngestSettings(max_decompressed_bytes=1_000_000)))
    articles = [x for x in items if isinstance(x, Article)]
    rejected = [x for x in items if isinstance(x, Rejected)]
    assert [a.external_id for a in articles] == ["b-0", "b-1", "b-2"]
    assert [r.code for r in rejected] == ["K006"]
    assert "max_decompressed_bytes" in rejected[0].message
    # under the default bound the same file reads whole
    assert [x.external_id for x in read_input(str(path), IngestSettings()) if isinstance(x, Article)] \
        == ["b-0", "b-1", "b-2", "b-99"]


def test_report_over_max_report_chars_is_k006_and_the_file_goes_on(tmp_path):
    path = tmp_path / "long.jsonl"
    path.write_text("\n".join([line(0), line(1, "शब्द " * 3000), line(2)]) + "\n", encoding="utf-8")
    items = list(read_input(str(path), IngestSettings(max_report_chars=10_000)))
    assert [x.external_id for x in items if isinstance(x, Article)] == ["b-0", "b-2"]
    rejected = [x for x in items if isinstance(x, Rejected)]
    assert [(r.code, r.line) for r in rejected] == [("K006", 2)]
    assert "max_report_chars" in rejected[0].message


def test_batch_size_setting_cuts_a_run_into_that_many_transactions(tmp_path, new_db):
    from khabar.config import load_settings
    from khabar.pipeline import ingest_paths
    from khabar.store import open_store

    path = tmp_path / "ten.jsonl"
    path.write_text("\n".join(line(i) for i in range(10)) + "\n", encoding="utf-8")
    cfg = tmp_path / "k.toml"
    cfg.write_text("workers = 1\n[ingest]\nbatch_size = 4\n", encoding="utf-8")
    settings = load_settings(cfg)
    assert settings.ingest.batch_size == 4
    store = open_store(new_db("batches"))
    sizes = []
    apply = store.apply

    def counting(result):
        sizes.append(len(result.reports))
        return apply(result)

    store.apply = counting
    ingest_paths(store, [str(path)], settings)
    assert sizes[:3] == [4, 4, 2]  # then the end-of-run storylines, with no reports
    assert sum(sizes) == store.count() == 10
