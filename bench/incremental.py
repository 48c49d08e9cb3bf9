"""What an ingest costs beyond its new reports: re-ingest, small ingests into a big store,
undated input.

    python bench/incremental.py [ARTICLES.jsonl] [--small 300] [--undated 1000]
                                [--stored 3000 20000]

Defaults to ../shared/data/hi-covid-news/articles.jsonl. Four runs, each into a fresh
SQLite file in a temporary folder:
- first: the whole input, then the same input again ("reingest": every report is
  already stored, so it should cost a small fraction of the first run);
- small_empty: the last `--small` reports into an empty store; small_full: the same
  reports after all the others are stored (their ratio is the fixed cost a run pays for
  what is stored already; 1.0 would be no cost at all);
- small_into_N (with `--stored N ...`): the same small ingest into a store holding N
  reports generated from the input by bench/make_corpus.py (built first, not timed), to
  see how the fixed cost grows with what is stored;
- undated: `--undated` reports with their dates removed, against the same reports dated
  (the ratio is what dating from text costs).
The headline, printed last, is reingest seconds as a share of the first run.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import tempfile
from pathlib import Path

import make_corpus
from _common import metric, shared_data, timer

from khabar.config import load_settings
from khabar.pipeline import ingest_paths
from khabar.store import open_store

DATE_FIELDS = ("published", "date", "pubDate", "published_at")


def _ingest(db: Path, paths: list[Path]) -> tuple[float, object]:
    store = open_store(str(db))
    try:
        with timer() as t:
            report = ingest_paths(store, [str(p) for p in paths], settings=load_settings())
    finally:
        store.close()
    return t["s"], report


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _undated(line: str) -> str:
    row = json.loads(line)
    for name in DATE_FIELDS:
        row.pop(name, None)
    return json.dumps(row, ensure_ascii=False) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default=str(shared_data("hi-covid-news", "articles.jsonl")))
    parser.add_argument("--small", type=int, default=300, help="reports in each small ingest")
    parser.add_argument("--undated", type=int, default=1000, help="reports in the undated run")
    parser.add_argument("--stored", type=int, nargs="*", default=[],
                        help="also time the small ingest into generated stores of these sizes")
    args = parser.parse_args()
    lines = [ln for ln in open(args.input, encoding="utf-8") if ln.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        whole = _write(tmp / "whole.jsonl", lines)
        first, report = _ingest(tmp / "whole.db", [whole])
        again, _ = _ingest(tmp / "whole.db", [whole])
        metric("first.reports", report.read)
        metric("first.seconds", first)
        metric("reingest.seconds", again)

        head = _write(tmp / "head.jsonl", lines[:-args.small])
        tail = _write(tmp / "tail.jsonl", lines[-args.small:])
        empty, _ = _ingest(tmp / "small_empty.db", [tail])
        _ingest(tmp / "small_full.db", [head])
        full, _ = _ingest(tmp / "small_full.db", [tail])
        metric("small.reports", args.small)
        metric("small_empty.seconds", empty)
        metric("small_full.stored_before", len(lines) - args.small)
        metric("small_full.seconds", full)
        metric("small_full_over_empty", full / empty if empty else 0.0)
        for n in args.stored:
            corpus = tmp / f"corpus-{n}.jsonl"
            with contextlib.redirect_stdout(io.StringIO()):  # its own report lines are not metrics
                make_corpus.main([str(corpus), "--n", str(n), "--articles", args.input])
            _ingest(tmp / f"stored-{n}.db", [corpus])
            into, _ = _ingest(tmp / f"stored-{n}.db", [tail])
            metric(f"small_into_{n}.seconds", into)
            metric(f"small_into_{n}_over_empty", into / empty if empty else 0.0)

        some = lines[:args.undated]
        dated, _ = _ingest(tmp / "dated.db", [_write(tmp / "dated.jsonl", some)])
        undated, _ = _ingest(tmp / "undated.db", [_write(tmp / "undated.jsonl", [_undated(x) for x in some])])
        metric("dated.seconds", dated)
        metric("undated.seconds", undated)
        metric("undated_over_dated", undated / dated if dated else 0.0)
    metric("reingest_share_of_first", again / first if first else 0.0)


if __name__ == "__main__":
    main()
