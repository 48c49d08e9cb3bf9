"""Speed and memory of khabar's MinHash + LSH, side by side with datasketch.

Both get the same input: the same folded token lists, shingled into word 5-shingles,
128 permutations, LSH at threshold 0.8. datasketch runs its fastest CPU path
(`MinHash.bulk` over shingle bytes, then `MinHashLSH.query` + `insert` per document);
khabar computes signatures for the whole set at once, then `add_signatures` (content
hashes, exact check, LSH query + insert, signature verification). Timings are the
best of --repeat runs; peak memory is measured in a separate tracemalloc run.

    PYTHONPATH=src python bench/dedup.py [articles.jsonl] \
        [--corpus bench/out/corpus-100k.jsonl --limit 100000]
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.config import DedupSettings  # noqa: E402
from khabar.dedup.index import DuplicateIndex, _hash_tokens  # noqa: E402
from khabar.dedup.minhash import TokenFolder  # noqa: E402


def _eval_module():
    spec = importlib.util.spec_from_file_location("khabar_eval_dedup", ROOT / "eval" / "dedup.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def shared_dir() -> Path:
    return Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def load(path: Path, limit: int | None) -> tuple[list[str], list[str], list[tuple[str, str | None]]]:
    """keys, texts and the planted (kind, reprint_of) of a make_corpus.py corpus."""
    keys, texts, planted = [], [], []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            keys.append(str(d["id"]))
            texts.append((d.get("title") or "") + "\n" + (d.get("body") or ""))
            planted.append((d.get("kind", ""), d.get("reprint_of")))
            if limit and len(keys) >= limit:
                break
    return keys, texts, planted


def run_khabar(keys, toks, settings):
    """Returns (links, signature seconds, index seconds)."""
    idx = DuplicateIndex(settings)
    t0 = time.perf_counter()
    sigs = idx.hasher.signatures(toks)
    t1 = time.perf_counter()
    hashes = [_hash_tokens(t) for t in toks]
    links = idx.add_signatures(keys, sigs, hashes)
    t2 = time.perf_counter()
    return links, t1 - t0, t2 - t1


def ds_shingles(toks, k):
    out = []
    for t in toks:
        if 0 < len(t) < k:
            out.append([" ".join(t).encode("utf-8")])
        else:
            out.append([" ".join(t[i : i + k]).encode("utf-8") for i in range(len(t) - k + 1)])
    return out


def run_datasketch(keys, toks, settings, weights=(0.5, 0.5)):
    """Returns (lsh, minhashes, signature seconds, index seconds). The default
    weights are datasketch's own; khabar's weights give it the same bands as khabar."""
    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    mhs = MinHash.bulk(ds_shingles(toks, settings.shingle_words), num_perm=settings.num_perm, seed=settings.seed)
    t1 = time.perf_counter()
    lsh = MinHashLSH(threshold=settings.threshold, num_perm=settings.num_perm, weights=weights)
    for key, m in zip(keys, mhs):
        lsh.query(m)
        lsh.insert(key, m)
    t2 = time.perf_counter()
    return lsh, mhs, t1 - t0, t2 - t1


def peak_mib(fn, *args) -> float:
    gc.collect()
    tracemalloc.start()
    result = fn(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del result
    gc.collect()
    return peak / 2**20


def bench_set(name, keys, texts, settings, repeat, memory=True):
    fold = TokenFolder()
    t0 = time.perf_counter()
    toks = [fold(t) for t in texts]
    t_tok = time.perf_counter() - t0
    n = len(keys)
    same = (settings.lsh_fp_weight, settings.lsh_fn_weight)
    # interleaved, so that load from other processes hits all three alike
    kh_runs, ds_runs, same_runs = [], [], []
    for _ in range(repeat):
        kh_runs.append(run_khabar(keys, toks, settings))
        ds_runs.append(run_datasketch(keys, toks, settings)[2:])
        same_runs.append(run_datasketch(keys, toks, settings, same)[2:])
    links = kh_runs[0][0]
    kh = min((r[1:] for r in kh_runs), key=sum)
    ds = min(ds_runs, key=sum)
    ds_same = min(same_runs, key=sum)
    del kh_runs
    print(f"{name}_documents: {n}")
    print(f"{name}_tokens: {sum(len(t) for t in toks)}")
    print(f"{name}_tokenise_docs_per_s: {n / t_tok:.0f}")
    print(f"{name}_khabar_signatures_per_s: {n / kh[0]:.0f}")
    print(f"{name}_datasketch_signatures_per_s: {n / min(ds[0], ds_same[0]):.0f}")
    print(f"{name}_khabar_index_docs_per_s: {n / kh[1]:.0f}")
    print(f"{name}_datasketch_lsh_query_insert_docs_per_s: {n / ds[1]:.0f}")
    print(f"{name}_datasketch_same_bands_lsh_query_insert_docs_per_s: {n / ds_same[1]:.0f}")
    print(f"{name}_khabar_minhash_lsh_docs_per_s: {n / sum(kh):.0f}")
    print(f"{name}_datasketch_minhash_lsh_docs_per_s: {n / sum(ds):.0f}")
    print(f"{name}_datasketch_same_bands_minhash_lsh_docs_per_s: {n / sum(ds_same):.0f}")
    print(f"{name}_speed_ratio_vs_datasketch_default_bands: {sum(ds) / sum(kh):.2f}")
    print(f"{name}_end_to_end_ratio_with_tokenising: {(t_tok + sum(ds_same)) / (t_tok + sum(kh)):.2f}")
    if memory:
        print(f"{name}_khabar_peak_mib: {peak_mib(run_khabar, keys, toks, settings):.1f}")
        print(f"{name}_datasketch_peak_mib: {peak_mib(run_datasketch, keys, toks, settings, same):.1f}")
    return toks, links, sum(ds_same) / sum(kh)


def planted_recall(keys, texts, planted, links, settings):
    """Share of planted reprints that khabar put in the same group as their source;
    near reprints are also scored among those whose true Jaccard reaches the threshold."""
    ev = _eval_module()
    pos = {k: i for i, k in enumerate(keys)}
    parent = list(range(len(keys)))

    def root(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for lk in links:
        if lk is not None:
            parent[root(pos[lk.article])] = root(pos[lk.original])
    found = {"exact": [0, 0], "near": [0, 0], "near_above": [0, 0]}
    fresh_linked = sum(1 for (kind, _), lk in zip(planted, links) if kind == "fresh" and lk is not None)
    for i, (kind, src) in enumerate(planted):
        if kind not in ("exact", "near") or src not in pos:
            continue
        hit = root(i) == root(pos[src])
        found[kind][0] += hit
        found[kind][1] += 1
        if kind == "near":
            a, b = ev.shingle_sets([texts[i], texts[pos[src]]], settings.shingle_words)
            if ev.jaccard(a, b) >= settings.threshold:
                found["near_above"][0] += hit
                found["near_above"][1] += 1
    for kind, (hit, total) in found.items():
        print(f"corpus_planted_{kind}: {total}")
        print(f"corpus_planted_{kind}_recall: {hit / total if total else 1.0:.3f}")
    print(f"corpus_fresh_linked: {fresh_linked}")
    # every link checked against the exact Jaccard of its two reports
    made = [lk for lk in links if lk is not None]
    ok = 0
    for lk in made:
        a, b = ev.shingle_sets([texts[pos[lk.article]], texts[pos[lk.original]]], settings.shingle_words)
        ok += ev.jaccard(a, b) >= settings.threshold
    print(f"corpus_links: {len(made)}")
    print(f"corpus_link_precision: {ok / len(made) if made else 1.0:.3f}")


def recall(keys, texts, toks, settings):
    """Pair precision/recall of both against exact Jaccard >= threshold."""
    ev = _eval_module()
    truth = set(ev.exact_pairs(ev.shingle_sets(texts, settings.shingle_words), settings.threshold))
    pos = {k: i for i, k in enumerate(keys)}

    idx = DuplicateIndex(settings)
    sigs = idx.hasher.signatures(toks)
    full = DuplicateIndex.from_signatures(keys, sigs, settings=settings)
    kh = set()
    for i, k in enumerate(keys):
        for other, _ in full.matches(sigs[i], exclude=k):
            j = pos[other]
            kh.add((min(i, j), max(i, j)))

    p, r, _ = ev.prf(kh, truth)
    print(f"khabar_pair_precision: {p:.3f}")
    print(f"khabar_pair_recall: {r:.3f}")
    for label, weights in (("datasketch", (0.5, 0.5)), ("datasketch_same_bands", (settings.lsh_fp_weight, settings.lsh_fn_weight))):
        lsh, mhs, _, _ = run_datasketch(keys, toks, settings, weights)
        raw, verified = set(), set()
        for i, m in enumerate(mhs):
            for other in lsh.query(m):
                j = pos[other]
                if j != i:
                    pair = (min(i, j), max(i, j))
                    raw.add(pair)
                    if m.jaccard(mhs[j]) >= settings.threshold:
                        verified.add(pair)
        for name, found in ((f"{label}_lsh", raw), (f"{label}_verified", verified)):
            p, r, _ = ev.prf(found, truth)
            print(f"{name}_pair_precision: {p:.3f}")
            print(f"{name}_pair_recall: {r:.3f}")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="?", default=str(shared_dir() / "data" / "hi-covid-news" / "articles.jsonl"))
    ap.add_argument("--corpus", help="a larger JSONL corpus (bench/make_corpus.py) to time as well")
    ap.add_argument("--limit", type=int, default=None, help="first N reports of --corpus")
    ap.add_argument("--repeat", type=int, default=3, help="timing runs; the best is kept")
    ap.add_argument("--no-memory", action="store_true", help="skip the tracemalloc runs")
    args = ap.parse_args(argv)
    settings = DedupSettings()

    keys, texts, _ = load(Path(args.articles), None)
    toks, _, ratio = bench_set("hi_covid", keys, texts, settings, args.repeat, memory=not args.no_memory)
    recall(keys, texts, toks, settings)
    if args.corpus:
        ckeys, ctexts, planted = load(Path(args.corpus), args.limit)
        _, links, ratio = bench_set("corpus", ckeys, ctexts, settings, max(1, args.repeat - 1), memory=not args.no_memory)
        planted_recall(ckeys, ctexts, planted, links, settings)
    # headline: MinHash + LSH throughput against datasketch with the same bands (equal recall)
    print(f"speed_ratio_khabar_vs_datasketch: {ratio:.2f}")


if __name__ == "__main__":
    main()
