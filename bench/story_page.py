"""Story page latency: building and rendering `/stories/{id}` from a stored corpus.

    python bench/story_page.py [ARTICLES.jsonl] [--pg postgresql://...] [--stories 30]

Ingests the input (default ../shared/data/hi-covid-news/articles.jsonl) into a fresh
SQLite file, and, with --pg, into that PostgreSQL database too (it must be empty). Then
builds and renders the HTML story page of the `--stories` largest stories (and a sample
of single-report ones), twice each, and reports the median and p95 of the first build
(the story analysed) and of the second (served from the story cache).
With --pg the same pages are timed on both and the headline is the PostgreSQL/SQLite
ratio of the medians; without it, the SQLite median in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from _common import metric, shared_data, timer

from khabar import views
from khabar.config import load_settings
from khabar.pipeline import ingest_paths
from khabar.render import render
from khabar.store import open_store


def _story_ids(store, n: int) -> list[str]:
    largest = [s.id for s in store.list_stories(order="largest", limit=n)]
    newest = [s.id for s in store.list_stories(order="newest", limit=n) if s.id not in largest]
    return largest + newest[: n // 3]


def _time_pages(store, ids: list[str], settings) -> tuple[list[float], list[float]]:
    """Milliseconds of each story's first build (its analysis made and cached) and of
    its second (served from the story cache)."""
    first, again = [], []
    for sid in ids:
        for attempt in range(2):
            start = time.perf_counter()
            render(views.build_story(store, sid, settings), "html")
            (again if attempt else first).append((time.perf_counter() - start) * 1000)
    return first, again


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(0.95 * len(xs)))]


def _run(name: str, url: str, source: str, n: int, settings) -> tuple[list[str], list[float], float]:
    store = open_store(url)
    try:
        with timer() as t:
            ingest_paths(store, [source], settings=settings)
        ids = _story_ids(store, n)
        first, times = _time_pages(store, ids, settings)
    finally:
        store.close()
    metric(f"{name}.ingest_seconds", t["s"])
    metric(f"{name}.pages", len(times))
    metric(f"{name}.first_build_median_ms", statistics.median(first))
    metric(f"{name}.first_build_p95_ms", _p95(first))
    metric(f"{name}.median_ms", statistics.median(times))
    metric(f"{name}.p95_ms", _p95(times))
    return ids, times, t["s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default=str(shared_data("hi-covid-news", "articles.jsonl")))
    parser.add_argument("--pg", help="an empty PostgreSQL database to time beside SQLite")
    parser.add_argument("--stories", type=int, default=30, help="largest stories timed")
    args = parser.parse_args()
    settings = load_settings()
    with tempfile.TemporaryDirectory() as tmp:
        _, lite, lite_ingest = _run("sqlite", str(Path(tmp) / "page.db"), args.input, args.stories, settings)
    if not args.pg:
        metric("sqlite_median_ms", statistics.median(lite))
        return
    _, pg, pg_ingest = _run("postgres", args.pg, args.input, args.stories, settings)
    metric("ingest_postgres_over_sqlite", pg_ingest / lite_ingest if lite_ingest else 0.0)
    metric("page_median_postgres_over_sqlite", statistics.median(pg) / statistics.median(lite))


if __name__ == "__main__":
    main()
