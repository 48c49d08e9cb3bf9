"""Story quality through `khabar ingest` itself: what a user of the tool gets.

    PYTHONPATH=src python eval/stories_ingest.py [--hindi DIR] [--ecb FILE]

eval/stories.py scores the clusterer on prepared features; this script feeds the raw
records to the real pipeline (read, clean, dedup, entities, dates, stories, in batches,
one SQLite store) and scores the stories the store ends up with.

- hi-covid-news: every report dated up to the gold's last day (2020-03-23), in arrival
  order (date, then id), so the gold reports can also join stories begun before
  2020-03-21, as they would in a live feed; only the 129 gold reports are scored.
- ECB+: the 496 documents (no dates), in file order.

Prints B-cubed and pairwise P/R/F1 per set; the Hindi B-cubed F1 last.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "eval"))

from stories import _URL_LINE  # noqa: E402
from stories import report as report_figures  # noqa: E402

SHARED = Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))
GOLD_LAST_DAY = "2020-03-23"


def _natural(key: str) -> list:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", key)]


def hindi_input(folder: Path, out: Path) -> dict[str, str]:
    gold = {}
    for line in open(folder / "gold_stories_2020-03-21_23.jsonl", encoding="utf-8"):
        d = json.loads(line)
        gold[d["id"]] = d["story"]
    rows = [json.loads(line) for line in open(folder / "articles.jsonl", encoding="utf-8")]
    rows = [d for d in rows if d["date"] <= GOLD_LAST_DAY]
    rows.sort(key=lambda d: (d["date"], _natural(d["id"])))
    with open(out, "w", encoding="utf-8") as fh:
        for d in rows:
            fh.write(json.dumps(d, ensure_ascii=False) + "\n")
    return gold


def ecb_input(path: Path, out: Path) -> dict[str, str]:
    gold = {}
    with open(out, "w", encoding="utf-8") as fh:
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            gold[d["doc_id"]] = d["gold_event_group"]
            lines = d["text"].split("\n")
            row = {"id": d["doc_id"], "text": d["text"]}
            if lines and _URL_LINE.match(lines[0]):
                # the source URL heads the text: a feed would give it as the link
                row.update(url=lines[0].replace(" ", ""), text="\n".join(lines[1:]))
            fh.write(json.dumps(row) + "\n")
    return gold


def stories_of(db: Path, jsonl: Path, gold: dict[str, str]) -> tuple[dict[str, str], float]:
    from khabar import ingest_paths, open_store

    store = open_store(str(db))
    t0 = time.perf_counter()
    ingest_paths(store, [str(jsonl)])
    seconds = time.perf_counter() - t0
    pred = {}
    for st in store.list_stories(limit=1_000_000):
        for a in st.articles:
            if a.external_id in gold:
                pred[a.external_id] = st.id
    store.close()
    missing = [k for k in gold if k not in pred]
    if missing:
        # a report the pipeline did not store (rejected) is scored as its own story
        print(f"unplaced_reports: {len(missing)}")
        pred.update({k: f"missing:{k}" for k in missing})
    return pred, seconds


def report(name: str, pred: dict[str, str], gold: dict[str, str], seconds: float) -> float:
    """The clusterer eval's figure lines, under "<set>.ingest."."""
    print(f"{name}.ingest.seconds: {seconds:.1f}")
    return report_figures("ingest", pred, gold, f"{name}.")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hindi", type=Path, default=SHARED / "data" / "hi-covid-news")
    ap.add_argument("--ecb", type=Path, default=SHARED / "data" / "ecbplus" / "docs_odd_topics.jsonl")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        gold = ecb_input(args.ecb, tmp / "ecb.jsonl")
        pred, secs = stories_of(tmp / "ecb.db", tmp / "ecb.jsonl", gold)
        report("ecb", pred, gold, secs)
        gold = hindi_input(args.hindi, tmp / "hi.jsonl")
        pred, secs = stories_of(tmp / "hi.db", tmp / "hi.jsonl", gold)
        hi = report("hi", pred, gold, secs)
    print(f"hi.ingest.bcubed_f1: {hi:.3f}")


if __name__ == "__main__":
    main()
