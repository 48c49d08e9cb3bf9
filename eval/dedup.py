"""Near-duplicate quality on hi-covid-news against exact Jaccard.

Ground truth: every pair of articles whose word 5-shingle sets (the same folded
tokens khabar hashes, kept as strings here) have Jaccard >= threshold, computed
exactly with a sparse document x shingle product. khabar's pairs: every pair the
LSH index returns after signature verification. Also scored: the links
(copy -> earliest original) and the reprint groups they form.

    PYTHONPATH=src python eval/dedup.py [articles.jsonl] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.config import DedupSettings  # noqa: E402
from khabar.dedup.index import DuplicateIndex  # noqa: E402
from khabar.dedup.minhash import match_tokens  # noqa: E402


def shared_dir() -> Path:
    return Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def load(path: Path, limit: int | None) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            d["text"] = (d.get("title") or "") + "\n" + (d.get("body") or "")
            docs.append(d)
            if limit and len(docs) >= limit:
                break
    return docs


def shingle_sets(texts: list[str], k: int) -> list[set[tuple[str, ...]]]:
    out = []
    for t in texts:
        toks = match_tokens(t)
        if 0 < len(toks) < k:
            out.append({tuple(toks)})
        else:
            out.append({tuple(toks[i : i + k]) for i in range(len(toks) - k + 1)})
    return out


def exact_pairs(sets: list[set], threshold: float) -> dict[tuple[int, int], float]:
    """All pairs with Jaccard >= threshold, exactly, via sparse intersection counts."""
    from scipy import sparse

    vocab: dict[tuple, int] = {}
    rows, cols = [], []
    for i, s in enumerate(sets):
        for sh in s:
            rows.append(i)
            cols.append(vocab.setdefault(sh, len(vocab)))
    x = sparse.csr_matrix((np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(sets), len(vocab)))
    inter = sparse.triu(x @ x.T, k=1).tocoo()
    size = np.array([len(s) for s in sets])
    jac = inter.data / (size[inter.row] + size[inter.col] - inter.data)
    keep = jac >= threshold
    return {(int(i), int(j)): float(v) for i, j, v in zip(inter.row[keep], inter.col[keep], jac[keep])}


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def groups_of(n: int, edges) -> list[list[int]]:
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, j in edges:
        parent[find(i)] = find(j)
    comp: dict[int, list[int]] = {}
    for i in range(n):
        comp.setdefault(find(i), []).append(i)
    return sorted((sorted(c) for c in comp.values() if len(c) > 1), key=lambda c: c[0])


def prf(found: set, truth: set) -> tuple[float, float, float]:
    tp = len(found & truth)
    p = tp / len(found) if found else 1.0
    r = tp / len(truth) if truth else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="?", default=str(shared_dir() / "data" / "hi-covid-news" / "articles.jsonl"))
    ap.add_argument("--limit", type=int, default=None, help="first N articles only")
    ap.add_argument("--quiet", action="store_true", help="do not list the groups")
    args = ap.parse_args(argv)

    settings = DedupSettings()
    docs = load(Path(args.articles), args.limit)
    texts = [d["text"] for d in docs]
    keys = [d["id"] for d in docs]
    pos = {k: i for i, k in enumerate(keys)}

    t0 = time.perf_counter()
    sets = shingle_sets(texts, settings.shingle_words)
    truth_j = exact_pairs(sets, settings.threshold)
    t_exact = time.perf_counter() - t0

    t0 = time.perf_counter()
    idx = DuplicateIndex(settings)
    links = idx.add_many(zip(keys, texts))
    t_khabar = time.perf_counter() - t0

    # every verified LSH pair: an index holding every document, exact copies included
    sigs = np.stack([idx.hasher.signatures([idx._fold(t)])[0] for t in texts])
    full = DuplicateIndex.from_signatures(keys, sigs, settings=settings)
    found = set()
    for i, k in enumerate(keys):
        for other, _ in full.matches(sigs[i], exclude=k):
            j = pos[other]
            found.add((min(i, j), max(i, j)))
    truth = set(truth_j)
    p, r, f1 = prf(found, truth)

    made = [lk for lk in links if lk is not None]
    link_ok = sum(jaccard(sets[pos[lk.article]], sets[pos[lk.original]]) >= settings.threshold for lk in made)
    groups = groups_of(len(docs), [(pos[lk.article], pos[lk.original]) for lk in made])
    gid = {i: g for g, members in enumerate(groups) for i in members}
    grouped = sum(1 for i, j in truth if i in gid and gid.get(i) == gid.get(j))
    truth_groups = groups_of(len(docs), truth)

    if not args.quiet:
        print(f"# reprint groups found by khabar ({len(groups)}): id | title")
        for g in groups:
            print(f"group {g[0]} ({len(g)} reports)")
            for i in g:
                print(f"  {keys[i]} | {(docs[i].get('title') or '').strip()[:90]}")
        for i, j in sorted(truth - found):
            print(f"# missed pair {keys[i]} ~ {keys[j]} jaccard={truth_j[(i, j)]:.3f}")
        for i, j in sorted(found - truth):
            print(f"# extra pair {keys[i]} ~ {keys[j]} jaccard={jaccard(sets[i], sets[j]):.3f}")

    print(f"articles: {len(docs)}")
    print(f"exact_jaccard_seconds: {t_exact:.2f}")
    print(f"khabar_index_seconds: {t_khabar:.2f}")
    print(f"true_pairs: {len(truth)}")
    print(f"found_pairs: {len(found)}")
    print(f"true_groups: {len(truth_groups)}")
    print(f"groups_found: {len(groups)}")
    print(f"grouped_reports: {sum(len(g) for g in groups)}")
    print(f"links_exact: {sum(lk.kind == 'exact' for lk in made)}")
    print(f"links_near: {sum(lk.kind == 'near' for lk in made)}")
    print(f"link_precision: {link_ok / len(made) if made else 1.0:.3f}")
    print(f"group_pair_recall: {grouped / len(truth) if truth else 1.0:.3f}")
    print(f"pair_precision: {p:.3f}")
    print(f"pair_recall: {r:.3f}")
    print(f"pair_f1: {f1:.3f}")


if __name__ == "__main__":
    main()
