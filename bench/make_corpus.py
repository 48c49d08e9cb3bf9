"""Generate a large Hindi report corpus from hi-covid-news for dedup benchmarks.

Each report is one of:
- fresh: a base article's sentences, shuffled, with 20-50% of them swapped for
  sentences of one or two other articles, ~5% of words dropped and numbers edited;
  fresh reports are meant to be distinct (Jaccard well below 0.8 to each other);
- exact: a verbatim reprint of a recent earlier report (rate --exact-rate), with
  only spacing around the danda changed;
- near: a syndicated copy of a recent earlier report (rate --near-rate): ~1% of
  words dropped and one number edited.

`kind` and `reprint_of` record what was planted. Output is deterministic for a seed.
The text is derived from an INTERNAL data set: keep the output out of the repository
(bench/out/ is ignored by git).

    python bench/make_corpus.py [out.jsonl] [--n 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import random
from collections import deque
from datetime import date, timedelta
from pathlib import Path

import regex

ROOT = Path(__file__).resolve().parents[1]
SENT_END = regex.compile(r"(?<=[।?!])\s+")
NUMBER = regex.compile(r"\p{Nd}+")


def shared_dir() -> Path:
    return Path(os.environ.get("KHABAR_SHARED", ROOT / ".." / "shared"))


def sentences(body: str) -> list[str]:
    return [s.strip() for s in SENT_END.split(body) if s.strip()]


def edit_numbers(text: str, rng: random.Random, share: float) -> str:
    def repl(m):
        if rng.random() >= share:
            return m.group()
        n = int(m.group()) if len(m.group()) < 12 else 7
        return str(max(0, n + rng.choice((-3, -2, -1, 1, 2, 5, 10))))

    return NUMBER.sub(repl, text)


def drop_words(text: str, rng: random.Random, share: float, at_least: int = 0) -> str:
    words = text.split(" ")
    drops = max(at_least, sum(rng.random() < share for _ in words))
    for _ in range(min(drops, len(words) - 1)):
        words.pop(rng.randrange(len(words)))
    return " ".join(words)


def fresh(base: dict, pool: list[dict], rng: random.Random) -> tuple[str, str]:
    sents = list(base["sents"]) or [base["title"]]
    rng.shuffle(sents)
    swap = rng.uniform(0.2, 0.5)
    donors = [rng.choice(pool) for _ in range(rng.randint(1, 2))]
    for i in range(len(sents)):
        donor = rng.choice(donors)
        if rng.random() < swap and donor["sents"]:
            sents[i] = rng.choice(donor["sents"])
    body = " ".join(drop_words(edit_numbers(s, rng, 0.5), rng, 0.05) for s in sents)
    return edit_numbers(base["title"], rng, 0.5), body


def near(body: str, rng: random.Random) -> str:
    body = drop_words(body, rng, 0.01, at_least=1)
    nums = list(NUMBER.finditer(body))
    if nums:
        m = rng.choice(nums)
        body = body[: m.start()] + str(int(m.group()[:9]) + 1) + body[m.end() :]
    return body


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?", default=str(ROOT / "bench" / "out" / "corpus-100k.jsonl"))
    ap.add_argument("--articles", default=str(shared_dir() / "data" / "hi-covid-news" / "articles.jsonl"))
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--exact-rate", type=float, default=0.05)
    ap.add_argument("--near-rate", type=float, default=0.10)
    ap.add_argument("--window", type=int, default=5000, help="reprints copy one of the last N reports")
    ap.add_argument("--seed", type=int, default=20200321)
    args = ap.parse_args(argv)

    rng = random.Random(args.seed)
    pool = []
    with open(args.articles, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            pool.append({"id": d["id"], "source": d.get("source") or "", "title": d.get("title") or "",
                         "sents": sentences(d.get("body") or "")})
    sources = sorted({p["source"] for p in pool})
    recent: deque = deque(maxlen=args.window)
    start = date(2020, 3, 1)
    counts = {"fresh": 0, "exact": 0, "near": 0}
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8") as fh:
        for i in range(args.n):
            roll = rng.random()
            rid = f"c{i:06d}"
            day = (start + timedelta(days=i * 180 // args.n)).isoformat()
            if recent and roll < args.exact_rate:
                src = rng.choice(recent)
                body = src["body"].replace("।", " ।") if rng.random() < 0.5 else src["body"]
                rec = {"id": rid, "source": rng.choice(sources), "date": day, "title": src["title"], "body": body,
                       "kind": "exact", "reprint_of": src["id"], "base": src["base"]}
            elif recent and roll < args.exact_rate + args.near_rate:
                src = rng.choice(recent)
                rec = {"id": rid, "source": rng.choice(sources), "date": day, "title": src["title"],
                       "body": near(src["body"], rng), "kind": "near", "reprint_of": src["id"], "base": src["base"]}
            else:
                base = rng.choice(pool)
                title, body = fresh(base, pool, rng)
                rec = {"id": rid, "source": base["source"], "date": day, "title": title, "body": body,
                       "kind": "fresh", "reprint_of": None, "base": base["id"]}
            counts[rec["kind"]] += 1
            recent.append(rec)
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"path: {out}")
    for k, v in counts.items():
        print(f"{k}: {v}")
    print(f"reports: {args.n}")


if __name__ == "__main__":
    main()
