"""Story placement speed and memory at 10k and 100k stored reports.

Synthetic stored state is generated from hi-covid-news text: each synthetic report
takes a random article's sentences (a random subset, in order), splices in one
sentence of another article, rewrites its numbers, and gets a date so that about
`--per-day` reports fall on each day. Stored state is built by `assign_batch`
(batch throughput), then `--probe` fresh reports are placed one at a time (p50/p99). Batch throughput is placement only; feature
building is timed apart.
The batch baseline (TF-IDF + average-link, scikit-learn/scipy) runs on the first
`--baseline-n` reports of the same input: it is quadratic in memory, so it cannot
run at 10k here.

    PYTHONPATH=src python bench/stories.py --sizes 10000 100000
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.config import ClusterSettings  # noqa: E402
from khabar.stories import StoryClusterer  # noqa: E402
from khabar.stories.features import build_features  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def load_texts(path: Path) -> list[tuple[str, list[str]]]:
    out = []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        sents = [s.strip() for s in (d.get("body") or "").split("।") if s.strip()]
        if sents:
            out.append((d.get("title") or "", sents))
    return out


def synth(texts, n: int, per_day: int, seed: int = 7):
    rng = random.Random(seed)
    start = date(2020, 1, 1)
    for i in range(n):
        title, sents = texts[rng.randrange(len(texts))]
        keep = [s for s in sents if rng.random() < 0.7] or sents[:1]
        _, other = texts[rng.randrange(len(texts))]
        keep.insert(rng.randrange(len(keep) + 1), other[rng.randrange(len(other))])
        body = " । ".join(keep)
        body = "".join(str(rng.randrange(10)) if c.isdigit() else c for c in body)
        yield {"key": f"r{i:07d}", "title": title, "body": body,
               "date": start + timedelta(days=i // per_day)}


def feats_of(rows):
    return [build_features(r["key"], r["title"], r["body"], published=r["date"]) for r in rows]


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def settings_from(pairs: list[str]) -> ClusterSettings:
    """ClusterSettings with NAME=VALUE overrides (e.g. revise_members=0)."""
    s = ClusterSettings()
    for kv in pairs:
        k, _, v = kv.partition("=")
        s = replace(s, **{k: type(getattr(s, k))(v)})
    return s


def run_size(size: int, args) -> dict:
    texts = load_texts(args.data)
    rows = synth(texts, size + args.probe, args.per_day)
    base_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cl = StoryClusterer(settings_from(args.set))
    t_feat = t_place = 0.0
    # Synthetic rows come in date order, so placing them one by one is the batch
    # order; features are built on the fly so memory is the clusterer's own.
    for _ in range(size):
        r = next(rows)
        t0 = time.perf_counter()
        f = build_features(r["key"], r["title"], r["body"], published=r["date"])
        t1 = time.perf_counter()
        cl.assign(f)
        t_feat += t1 - t0
        t_place += time.perf_counter() - t1
    lat = []
    for r in rows:
        f = build_features(r["key"], r["title"], r["body"], published=r["date"])
        t1 = time.perf_counter()
        cl.assign(f)
        lat.append((time.perf_counter() - t1) * 1000)
    return {
        "size": size,
        "features_per_s": size / t_feat,
        "batch_reports_per_s": size / t_place,
        "place_p50_ms": pct(lat, 0.5),
        "place_p99_ms": pct(lat, 0.99),
        "stories": len(cl.live_stories()),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "input_rss_mb": base_rss,
        "state_json_mb": len(json.dumps(cl.state())) / 1e6 if size <= 20_000 else -1.0,
    }


def run_baseline(n: int, args) -> dict:
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    from khabar.stories.features import stop_words
    from khabar.text.normalize import content_words

    texts = load_texts(args.data)
    rows = list(synth(texts, n, args.per_day))
    t0 = time.perf_counter()
    x = TfidfVectorizer(analyzer=lambda t: content_words(t, stop_words()), sublinear_tf=True).fit_transform(
        [r["title"] + "\n" + r["body"] for r in rows]
    )
    # Rows are L2-normalised, so cosine distance is 1 - X.X^T (sparse product).
    dist = 1.0 - (x @ x.T).toarray()
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(np.clip(dist, 0.0, 2.0), checks=False), method="average")
    fcluster(tree, t=0.78, criterion="distance")
    dt = time.perf_counter() - t0
    return {"size": n, "batch_reports_per_s": n / dt,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=SHARED / "data" / "hi-covid-news" / "articles.jsonl")
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--probe", type=int, default=300)
    ap.add_argument("--per-day", type=int, default=300)
    ap.add_argument("--baseline-n", type=int, default=5000)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="override a ClusterSettings field (repeatable)")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--baseline-one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_size(args.one, args)))
        return
    if args.baseline_one:
        print(json.dumps(run_baseline(args.baseline_one, args)))
        return

    def child(flag, n):
        # A fresh process per size so peak memory is that size's own.
        cmd = [sys.executable, __file__, flag, str(n), "--data", str(args.data),
               "--probe", str(args.probe), "--per-day", str(args.per_day)]
        cmd += [x for kv in args.set for x in ("--set", kv)]
        return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)

    if not args.no_baseline:
        base = child("--baseline-one", args.baseline_n)
        print(f"baseline.{base['size']}.batch_reports_per_s: {base['batch_reports_per_s']:.0f}")
        print(f"baseline.{base['size']}.peak_rss_mb: {base['peak_rss_mb']:.0f}")
    results = [child("--one", n) for n in args.sizes]
    for r in results:
        n = r["size"]
        print(f"khabar.{n}.features_per_s: {r['features_per_s']:.0f}")
        print(f"khabar.{n}.batch_reports_per_s: {r['batch_reports_per_s']:.0f}")
        print(f"khabar.{n}.stories: {r['stories']}")
        print(f"khabar.{n}.peak_rss_mb: {r['peak_rss_mb']:.0f} (texts loaded: {r['input_rss_mb']:.0f})")
        if r["state_json_mb"] >= 0:
            print(f"khabar.{n}.state_json_mb: {r['state_json_mb']:.1f}")
        print(f"khabar.{n}.place_p99_ms: {r['place_p99_ms']:.2f}")
        print(f"khabar.{n}.place_p50_ms: {r['place_p50_ms']:.2f}")


if __name__ == "__main__":
    main()
