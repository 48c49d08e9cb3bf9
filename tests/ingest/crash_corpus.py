"""A self-contained corpus for the reliability tests: short Hindi reports recombined
from the sentences of examples/seeds and the ingest fixtures, with distinct ids and
dates, so that a few hundred reports fall into several stories and many batches."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "examples" / "seeds"
FIXTURE = REPO / "tests" / "fixtures" / "ingest" / "articles.jsonl"
SENTENCE_END = re.compile(r"(?<=[।?!])\s+")


def sentences() -> list[list[str]]:
    """Sentence pools, one per source text (a seed, or the fixture reports)."""
    pools = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pool = [s.strip() for s in SENTENCE_END.split(text) if len(s.strip()) > 30]
        pools.append(pool)
    fixture = []
    for line in FIXTURE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:  # the fixture holds malformed lines on purpose
                body = json.loads(line).get("body", "")
            except ValueError:
                continue
            fixture += [s.strip() for s in SENTENCE_END.split(body) if s.strip()]
    if fixture:
        pools.append(fixture)
    return [p for p in pools if p]


def build_corpus(path: Path, n: int = 300, seed: int = 7, bad_lines: int = 0) -> Path:
    """`n` reports in one JSONL at `path`: each draws 3-5 sentences from one pool (its
    topic) on one of a few days per topic, so topics and days make stories; and up to
    three lines that are no reports (`bad_lines`)."""
    rng = random.Random(seed)
    pools = sentences()
    start = date(2024, 11, 1)
    lines = []
    for i in range(n):
        t = i % len(pools)
        pool = pools[t]
        day = start + timedelta(days=7 * (t + len(pools) * rng.randrange(3)) + rng.randrange(2))
        k = min(len(pool), rng.randint(3, 5))
        picked = rng.sample(pool, k)
        title = " ".join(picked[0].split()[:8]).rstrip("।")
        body = " ".join(picked) + f" (रिपोर्ट {i})"
        lines.append(json.dumps({"id": f"r-{i:04d}", "title": title, "date": day.isoformat(),
                                 "source": f"स्रोत {i % 4}", "body": body}, ensure_ascii=False))
    for at, bad in zip(range(n // 4, n, n // 4), BAD_LINES[:bad_lines]):
        lines.insert(at, bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


# lines every run rejects while reading (K004, K003), placed among the reports, so that
# resumed runs must cut their batches past them as the first run did
BAD_LINES = ['{"id": "bad-json", "body": "टूटी', json.dumps({"id": "bad-words", "body": "!!! ... ???"}),
             "[1, 2, 3]"]


def config(path: Path, batch_size: int, workers: int = 1) -> Path:
    path.write_text(f"workers = {workers}\n\n[ingest]\nbatch_size = {batch_size}\n", encoding="utf-8")
    return path


def env(cfg: Path) -> dict:
    e = dict(os.environ)
    e["PYTHONPATH"] = str(REPO / "src") + os.pathsep + e.get("PYTHONPATH", "")
    e["KHABAR_CONFIG"] = str(cfg)
    e.pop("KHABAR_DB", None)
    e.pop("KHABAR_WORKERS", None)
    return e


def khabar(cfg: Path, *args: str, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "khabar", *args], env=env(cfg), capture_output=True,
                          text=True, **kw)


def start_ingest(cfg: Path, db: Path, corpus: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "khabar", "ingest", str(corpus), "--db", str(db),
                             "--no-progress"], env=env(cfg), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def partition(cfg: Path, db: Path) -> set[frozenset[str]]:
    """The stories of `db` as sets of external ids."""
    out = khabar(cfg, "stories", "--db", str(db), "--json", "--limit", "100000", check=True).stdout
    data = json.loads(out)
    return {frozenset(s["external_ids"]) for s in (data["stories"] if isinstance(data, dict) else data)}


def orphans(db: Path) -> dict[str, int]:
    """Rows that point at no article, and live stories with no reports."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        found = {}
        for table in ("mentions", "facts", "sentences", "removed_spans", "signatures"):
            found[table] = con.execute(f"SELECT COUNT(*) FROM {table} t WHERE NOT EXISTS"
                                       " (SELECT 1 FROM articles a WHERE a.id = t.article_id)").fetchone()[0]
        found["articles_fts"] = con.execute("SELECT COUNT(*) FROM articles_fts f WHERE NOT EXISTS"
                                            " (SELECT 1 FROM articles a WHERE a.id = f.rowid)").fetchone()[0]
        found["articles_without_story"] = con.execute(
            "SELECT COUNT(*) FROM articles a WHERE a.story_id IS NULL OR NOT EXISTS"
            " (SELECT 1 FROM stories s WHERE s.id = a.story_id)").fetchone()[0]
        found["empty_live_stories"] = con.execute(
            "SELECT COUNT(*) FROM stories WHERE size = 0 AND merged_into IS NULL").fetchone()[0]
        found["size_mismatch"] = con.execute(
            "SELECT COUNT(*) FROM stories s WHERE s.merged_into IS NULL AND s.size !="
            " (SELECT COUNT(*) FROM articles a WHERE a.story_id = s.id)").fetchone()[0]
        return found
    finally:
        con.close()


def stored_ids(db: Path) -> list[str]:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return [r[0] for r in con.execute("SELECT external_id FROM articles")]
    finally:
        con.close()


def search_ids(db: Path, words: list[str]) -> dict[str, list[str]]:
    from khabar.store import open_store

    with open_store(str(db)) as store:
        return {w: sorted(h.external_id for h in store.search(w, limit=100000)) for w in words}
