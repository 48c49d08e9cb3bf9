"""Story quality with every setting chosen on the other sets (leave one set out).

    PYTHONPATH=src python eval/stories_heldout.py [--hindi DIR] [--ecb FILE] [--cache DIR]

Four gold sets: hi-covid-news 2020-03-05..07, 03-21..23 and 05-04..05 (each scored after
`khabar ingest` of every report up to its last gold day, in arrival order, as
eval/stories_ingest.py does) and ECB+ odd topics (496 documents, file order).

The pipeline runs once per corpus with the placement calls it makes recorded (the
features it hands the clusterer, and the near-copies it files under their original);
the record is cached under --cache, so a sweep replays only the clusterer. The Hindi
sets are read off one replay: the clusterer never looks at later reports, so its
stories after the last report of a gold day are those of an ingest that stopped there.

For each held-out set the settings (join threshold, and each rule on or off) are the
ones with the best mean of B-cubed and pairwise F1 over the other three sets; the held
set is then scored with them. Beside it: all singletons, and TF-IDF cosine +
average-link (the batch baseline) with its distance threshold chosen the same way.
The headline, printed last, is the lowest held-out B-cubed F1 over the Hindi sets.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from stories import bcubed, pairwise  # noqa: E402
from stories_ingest import _natural, ecb_input  # noqa: E402

from khabar.config import ClusterSettings  # noqa: E402
from khabar.stories.clusterer import StoryClusterer  # noqa: E402
from khabar.stories.features import ReportFeatures  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))
HINDI_SETS = {"hi-0305": "2020-03-05_07", "hi-0321": "2020-03-21_23", "hi-0504": "2020-05-04_05"}
SETS = list(HINDI_SETS) + ["ecb"]

# The rules made for the 03-21..23 set, each flipped on its own from its default (the
# ablation), as ClusterSettings overrides: the headline guard, same-page bonus and
# merge guard off; roundup pages (off by default since this eval) back on.
RULES = {
    "headline_guard": {"title_guard": 0.0},
    "roundup_pages": {"roundup_breaks": 2},
    "same_page_bonus": {"page_bonus": 0.0},
    "merge_guard_by_cut": {"guard_by_cut": 0},
}
THRESHOLDS = [0.20, 0.23, 0.26, 0.29, 0.32]


# -- gold -------------------------------------------------------------------

def hindi_gold(folder: Path) -> dict[str, dict[str, str]]:
    out = {}
    for name, span in HINDI_SETS.items():
        out[name] = {}
        for line in open(folder / f"gold_stories_{span}.jsonl", encoding="utf-8"):
            d = json.loads(line)
            out[name][d["id"]] = d["story"]
    return out


def last_day(span: str) -> str:
    """"2020-03-05_07" -> "2020-03-07"."""
    return span[:8] + span.split("_")[1]


# -- recording the pipeline's placement calls ----------------------------------

def record_ingest(jsonl: Path, db: Path) -> list[list]:
    """Ingest `jsonl` and return the clusterer calls in order: ["a", features dict]
    for a scored placement, ["c", key, original key] for a near-copy."""
    from khabar import ingest_paths, open_store

    calls: list[list] = []
    assign, assign_copy = StoryClusterer.assign, StoryClusterer.assign_copy

    def rec_assign(self, feats):
        if feats.key not in self.register.story_of:
            calls.append(["a", feats.to_dict()])
        return assign(self, feats)

    def rec_copy(self, key, original):
        if key not in self.register.story_of:
            calls.append(["c", key, original])
        return assign_copy(self, key, original)

    StoryClusterer.assign, StoryClusterer.assign_copy = rec_assign, rec_copy
    try:
        store = open_store(str(db))
        ingest_paths(store, [str(jsonl)])
        store.close()
    finally:
        StoryClusterer.assign, StoryClusterer.assign_copy = assign, assign_copy
    return calls


def recorded(cache: Path, name: str, make_input) -> list[list]:
    """The recorded calls of corpus `name`, from the cache or one ingest."""
    path = cache / f"{name}.calls.jsonl"
    if path.exists():
        return [json.loads(line) for line in open(path, encoding="utf-8")]
    with tempfile.TemporaryDirectory(prefix="clusterer-") as tmp:
        src = Path(tmp) / f"{name}.jsonl"
        make_input(src)
        calls = record_ingest(src, Path(tmp) / f"{name}.db")
    cache.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for c in calls:
            fh.write(json.dumps(c, ensure_ascii=False) + "\n")
    return calls


def hindi_rows(folder: Path, upto: str) -> list[dict]:
    rows = [json.loads(line) for line in open(folder / "articles.jsonl", encoding="utf-8")]
    rows = [d for d in rows if d["date"] <= upto]
    rows.sort(key=lambda d: (d["date"], _natural(d["id"])))
    return rows


def write_rows(rows: list[dict], out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        for d in rows:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")


# -- replay ---------------------------------------------------------------------

def replay(calls: list[list], settings: ClusterSettings, stops: dict[str, str]) -> dict[str, dict[str, str]]:
    """Replay the calls with `settings`; the assignments at each stop (name -> last
    day: taken before the first report dated after it; None = at the end)."""
    cl = StoryClusterer(settings)
    out: dict[str, dict[str, str]] = {}
    pending = sorted(((day or "9999", name) for name, day in stops.items()))
    feats_cache = [ReportFeatures.from_dict(c[1]) if c[0] == "a" else None for c in calls]
    for c, f in zip(calls, feats_cache):
        if f is not None and f.date is not None:
            while pending and f.date.isoformat() > pending[0][0]:
                out[pending.pop(0)[1]] = cl.assignments()
        if f is not None:
            cl.assign(f)
        else:
            cl.assign_copy(c[1], c[2])
    for _, name in pending:
        out[name] = cl.assignments()
    return out


def external(pred: dict[str, str]) -> dict[str, str]:
    """Index keys ("<external id>@<hash>") -> external ids."""
    return {k.rsplit("@", 1)[0]: sid for k, sid in pred.items()}


def scores(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    pred = external(pred)
    full = {k: pred.get(k, f"missing:{k}") for k in gold}
    return bcubed(full, gold)[2], pairwise(full, gold)[2]


def singletons(gold: dict[str, str]) -> tuple[float, float]:
    return scores({k: k for k in gold}, gold)


# -- the TF-IDF baseline ------------------------------------------------------------

def baseline_trees(texts: dict[str, dict[str, str]]):
    """Per set: (keys, average-link tree over TF-IDF cosine) of its gold reports."""
    from scipy.cluster.hierarchy import linkage
    from sklearn.feature_extraction.text import TfidfVectorizer
    from stories import _analyzer

    trees = {}
    for name, by_key in texts.items():
        keys = sorted(by_key)
        x = TfidfVectorizer(analyzer=_analyzer, sublinear_tf=True).fit_transform([by_key[k] for k in keys]).toarray()
        trees[name] = (keys, linkage(x, method="average", metric="cosine"))
    return trees


def baseline_cut(tree, th: float) -> dict[str, str]:
    from scipy.cluster.hierarchy import fcluster

    keys, z = tree
    return {k: str(lab) for k, lab in zip(keys, fcluster(z, t=th, criterion="distance"))}


# -- choosing on the other sets ---------------------------------------------------------

def objective(figs: dict[str, tuple[float, float]], names) -> float:
    """Mean over `names` of the mean of B-cubed and pairwise F1."""
    return sum((figs[n][0] + figs[n][1]) / 2 for n in names) / len(names)


def configs():
    """(label, overrides): every threshold with the default rules, and with each flipped."""
    for th, flip in itertools.product(THRESHOLDS, [None, *RULES]):
        over = {"threshold": th, **(RULES[flip] if flip else {})}
        yield ",".join(f"{k}={v}" for k, v in over.items()), over


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hindi", type=Path, default=SHARED / "data" / "hi-covid-news")
    ap.add_argument("--ecb", type=Path, default=SHARED / "data" / "ecbplus" / "docs_odd_topics.jsonl")
    ap.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "clusterer-heldout")
    ap.add_argument("--quick", action="store_true", help="only the default settings (no sweep)")
    args = ap.parse_args(argv)

    gold = hindi_gold(args.hindi)
    end = max(last_day(s) for s in HINDI_SETS.values())
    rows = hindi_rows(args.hindi, end)
    hi_calls = recorded(args.cache, "hi", lambda out: write_rows(rows, out))
    ecb_gold: dict[str, str] = {}
    ecb_calls = recorded(args.cache, "ecb", lambda out: ecb_gold.update(ecb_input(args.ecb, out)))
    if not ecb_gold:
        with tempfile.TemporaryDirectory(prefix="clusterer-") as tmp:
            ecb_gold = ecb_input(args.ecb, Path(tmp) / "ecb.jsonl")
    gold["ecb"] = ecb_gold
    stops = {name: last_day(span) for name, span in HINDI_SETS.items()}

    def run(over: dict) -> dict[str, tuple[float, float]]:
        s = replace(ClusterSettings(), **over)
        preds = replay(hi_calls, s, stops)
        preds["ecb"] = replay(ecb_calls, s, {"ecb": None})["ecb"]
        return {n: scores(preds[n], gold[n]) for n in SETS}

    default = run({})
    for n in SETS:
        print(f"{n}.default.bcubed_f1: {default[n][0]:.3f}")
        print(f"{n}.default.pairwise_f1: {default[n][1]:.3f}")
    table = {"default": ({}, default)}
    if not args.quick:
        for label, over in configs():
            table[label] = (over, run(over))
            figs = table[label][1]
            print(f"sweep.{label}: " + " ".join(f"{n}={figs[n][0]:.3f}/{figs[n][1]:.3f}" for n in SETS),
                  flush=True)

    texts = {n: {} for n in SETS}
    for d in rows:
        for n in HINDI_SETS:
            if d["id"] in gold[n]:
                texts[n][d["id"]] = f"{d.get('title') or ''}\n{d.get('body') or d.get('text') or ''}"
    for line in open(args.ecb, encoding="utf-8"):
        d = json.loads(line)
        texts["ecb"][d["doc_id"]] = d["text"]
    trees = baseline_trees(texts)
    base_grid = [i / 100 for i in range(30, 100, 2)]
    base = {th: {n: scores(baseline_cut(trees[n], th), gold[n]) for n in SETS} for th in base_grid}

    held = {}
    for n in SETS:
        others = [o for o in SETS if o != n]
        label = max(table, key=lambda lab: (objective(table[lab][1], others), lab == "default"))
        th = max(base_grid, key=lambda t: objective(base[t], others))
        k, b, single = table[label][1][n], base[th][n], singletons(gold[n])
        held[n] = k
        print(f"{n}.chosen_on: {','.join(others)}")
        print(f"{n}.chosen: {label}")
        print(f"{n}.heldout.bcubed_f1: {k[0]:.3f}")
        print(f"{n}.heldout.pairwise_f1: {k[1]:.3f}")
        print(f"{n}.singletons.bcubed_f1: {single[0]:.3f}")
        print(f"{n}.singletons.pairwise_f1: {single[1]:.3f}")
        print(f"{n}.tfidf_avglink.threshold: {th:.2f}")
        print(f"{n}.tfidf_avglink.bcubed_f1: {b[0]:.3f}")
        print(f"{n}.tfidf_avglink.pairwise_f1: {b[1]:.3f}")
    print(f"hindi.heldout.min_pairwise_f1: {min(held[n][1] for n in HINDI_SETS):.3f}")
    print(f"hindi.heldout.min_bcubed_f1: {min(held[n][0] for n in HINDI_SETS):.3f}")


if __name__ == "__main__":
    main()
