"""Summary time per story against story size.

Stories of 2, 5, 10, 20 and 50 reports are built from hi-covid-news: an anchor
article and its nearest articles by content-word overlap (so that reports share
wording as a real story's do). Each size is timed over several anchors; the
figure is the median over stories of the best of three cold-cache runs of
`summarize` (and one run of `coverage`, which groups every sentence of the story
into facts, measured right after with warm sentence caches).

    PYTHONPATH=src python bench/summary.py
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar import lang  # noqa: E402

lang_hi = lang.get("hi")
from khabar.model import Article  # noqa: E402
from khabar.analysis.coverage import coverage  # noqa: E402
from khabar.summary import units as summary_units  # noqa: E402
from khabar.summary.summarize import article_sentences, summarize  # noqa: E402
from khabar.text.normalize import content_words  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def load(path: Path) -> list[Article]:
    out = []
    for line in path.open(encoding="utf-8"):
        d = json.loads(line)
        body = d.get("body") or ""
        if len(body) < 300:
            continue
        a = Article(d["id"], body, title=d.get("title") or "", source=d.get("source"), clean_text=body,
                    published=datetime.fromisoformat(d["date"]) if d.get("date") else None, language="hi")
        a.sentences = article_sentences(a)
        out.append(a)
    return out


def stories(arts: list[Article], size: int, n: int, rng: random.Random) -> list[list[Article]]:
    stop = lang_hi.stopwords()
    keys = [set(content_words(a.clean_text, stop)) for a in arts]
    out = []
    for anchor in rng.sample(range(len(arts)), n):
        near = sorted(range(len(arts)), key=lambda j: -len(keys[anchor] & keys[j]) / (len(keys[anchor] | keys[j]) or 1))
        out.append([arts[j] for j in near[:size]])
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=Path, default=SHARED / "data" / "hi-covid-news" / "articles.jsonl")
    ap.add_argument("--sizes", type=int, nargs="+", default=[2, 5, 10, 20, 50])
    ap.add_argument("--stories", type=int, default=5, help="anchors (stories) per size")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="best of this many runs per story")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    arts = load(args.articles)
    print(f"articles_loaded: {len(arts)}")
    summarize(arts[:2])  # warm-up: word lists and patterns load once per process
    last = None
    for size in args.sizes:
        times, cov_times, sents = [], [], []
        for story in stories(arts, size, args.stories, rng):
            sents.append(sum(len(a.sentences) for a in story))
            best = float("inf")
            for _ in range(args.repeat):
                # cold caches: neighbouring stories share articles
                summary_units._content_keys.cache_clear()
                summary_units._figures_cached.cache_clear()
                summary_units._stem_cached.cache_clear()
                t = time.perf_counter()
                summarize(story, n_sentences=6)
                best = min(best, time.perf_counter() - t)
            times.append(best)
            t = time.perf_counter()
            coverage(story)
            cov_times.append(time.perf_counter() - t)
        med = statistics.median(times) * 1000
        print(f"size_{size}_sentences_median: {statistics.median(sents):.0f}")
        print(f"size_{size}_coverage_ms_median: {statistics.median(cov_times) * 1000:.1f}")
        print(f"size_{size}_summary_ms_median: {med:.1f}")
        last = (size, med)
    if last:
        print(f"summary_ms_per_story_at_{last[0]}_reports: {last[1]:.1f}")


if __name__ == "__main__":
    main()
