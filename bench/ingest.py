"""Ingest + clean + dedup (+ entities + stories) throughput and peak memory.

    python bench/ingest.py [ARTICLES.jsonl ...] [--limit N]

Defaults to ../shared/data/hi-covid-news/articles.jsonl. For the 100k-report
corpus, generate it first with `python bench/make_corpus.py` and pass its path.
Each input is ingested into a fresh SQLite file in a temporary folder; the
headline figure (reports/s of the last input) is printed last.
"""

from __future__ import annotations

import argparse
import itertools
import tempfile
from pathlib import Path

from _common import metric, peak_rss_mb, shared_data, timer

from khabar.config import load_settings
from khabar.pipeline import ingest_paths
from khabar.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(shared_data("hi-covid-news", "articles.jsonl"))])
    parser.add_argument("--limit", type=int, default=0, help="only the first N lines of each input")
    args = parser.parse_args()
    rate = 0.0
    for path in args.inputs:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(path)
            if args.limit:
                source = Path(tmp) / "head.jsonl"
                with open(path, encoding="utf-8") as fin, open(source, "w", encoding="utf-8") as fout:
                    fout.writelines(itertools.islice(fin, args.limit))
            store = open_store(str(Path(tmp) / "bench.db"))
            with timer() as t:
                report = ingest_paths(store, [str(source)], settings=load_settings())
            rate = report.read / t["s"] if t["s"] else 0.0
            name = Path(path).stem
            metric(f"{name}.reports", report.read)
            metric(f"{name}.stored", report.stored)
            metric(f"{name}.duplicates", report.exact_duplicates + report.near_duplicates)
            metric(f"{name}.stories", store.count("stories"))
            metric(f"{name}.seconds", t["s"])
            metric(f"{name}.peak_rss_mb", peak_rss_mb())
            store.close()
            metric(f"{name}.reports_per_s", rate)
    metric("reports_per_s", rate)


if __name__ == "__main__":
    main()
