"""Main-text extraction of khabar's HTML reader against gold article bodies.

Reads html-extraction/aeb (gzipped pages + ground-truth.json) through
khabar.ingest.read_input, exactly as a user's .html.gz file would be read, and scores
bag-of-tokens F1 (whitespace tokens, multiset overlap) against `articleBody`.

    PYTHONPATH=src python eval/html_extraction.py [AEB_DIR]

Prints `metric: value` lines, the headline figure (mean token F1) last.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from khabar.config import IngestSettings  # noqa: E402
from khabar.ingest import read_input  # noqa: E402
from khabar.model import Article  # noqa: E402


def shared_dir() -> Path:
    return Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def token_prf(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = Counter(pred.split()), Counter(gold.split())
    overlap = sum((p & g).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    prec, rec = overlap / sum(p.values()), overlap / sum(g.values())
    return prec, rec, 2 * prec * rec / (prec + rec)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("aeb", nargs="?", default=str(shared_dir() / "data" / "html-extraction" / "aeb"))
    args = ap.parse_args(argv)
    aeb = Path(args.aeb)
    gold = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    settings = IngestSettings()
    scores, times, rejected, dated, titled = [], [], Counter(), 0, 0
    for key in sorted(gold):
        path = aeb / "html" / f"{key}.html.gz"
        t0 = time.perf_counter()
        items = list(read_input(str(path), settings))
        times.append(time.perf_counter() - t0)
        art = items[0]
        if not isinstance(art, Article):
            rejected[art.code] += 1
            scores.append((0.0, 0.0, 0.0))
            continue
        dated += art.published is not None
        titled += bool(art.title)
        scores.append(token_prf(art.raw_text, gold[key]["articleBody"]))
    n = len(scores)
    print(f"pages: {n}")
    print(f"rejected: {sum(rejected.values())} {dict(rejected) or ''}".rstrip())
    print(f"with_title: {titled / n:.3f}")
    print(f"with_published: {dated / n:.3f}")
    print(f"median_ms_per_page: {1000 * statistics.median(times):.1f}")
    print(f"pages_per_s: {n / sum(times):.1f}")
    print(f"token_precision: {statistics.mean(s[0] for s in scores):.3f}")
    print(f"token_recall: {statistics.mean(s[1] for s in scores):.3f}")
    print(f"token_f1: {statistics.mean(s[2] for s in scores):.3f}")


if __name__ == "__main__":
    main()
