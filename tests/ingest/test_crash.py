"""An ingest SIGKILLed at random moments and restarted ends where one uninterrupted
ingest ends: every report stored once, the same stories, no orphan rows, the same
search hits. Each batch is one transaction with the decision state it reflects, so
a kill loses at most the batch in flight and the next run starts from the last
whole batch."""

from __future__ import annotations

import random
import signal
import time
from collections import Counter

import pytest

from crash_corpus import (build_corpus, config, khabar, orphans, partition, search_ids, start_ingest,
                          stored_ids)

REPORTS = 600
BATCH = 8
KILLS = 20
SEARCH_WORDS = ["पुतिन", "संधि", "उत्तर कोरिया", "बसें"]


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """One uninterrupted ingest of the corpus."""
    tmp = tmp_path_factory.mktemp("crash")
    corpus = build_corpus(tmp / "corpus.jsonl", REPORTS, bad_lines=3)
    cfg = config(tmp / "khabar.toml", BATCH)
    db = tmp / "reference.db"
    t0 = time.monotonic()
    done = khabar(cfg, "ingest", str(corpus), "--db", str(db), "--no-progress", timeout=120)
    assert done.returncode == 3, done.stderr  # the bad lines: coded rejections
    seconds = time.monotonic() - t0
    t0 = time.monotonic()
    khabar(cfg, "ingest", str(corpus), "--db", str(db), "--no-progress", timeout=120)
    idle = time.monotonic() - t0  # start-up, reading, and skipping what is stored
    return {"idle": idle, "tmp": tmp, "corpus": corpus, "cfg": cfg, "db": db, "seconds": seconds,
            "stories": partition(cfg, db), "search": search_ids(db, SEARCH_WORDS)}


@pytest.mark.slow
def test_sigkilled_ingest_resumes_to_the_reference(reference):
    tmp, corpus, cfg = reference["tmp"], reference["corpus"], reference["cfg"]
    db = tmp / "killed.db"
    rng = random.Random(20261202)
    idle, work = reference["idle"], max(reference["seconds"] - reference["idle"], 0.5)
    landed, attempts, progress = 0, 0, []
    while landed < KILLS and attempts < 3 * KILLS:
        attempts += 1
        left = REPORTS - progress[-1] if progress else REPORTS
        proc = start_ingest(cfg, db, corpus)
        # from reading the store at start-up to a few batches in (or past the end of
        # what is left), so the kills spread over the run instead of the first seconds
        time.sleep(rng.uniform(0.5 * idle, idle + 1.1 * work * min(left, 3 * REPORTS // KILLS) / REPORTS))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        if proc.returncode == -signal.SIGKILL:
            landed += 1
        progress.append(len(stored_ids(db)) if db.exists() else 0)
    final = khabar(cfg, "ingest", str(corpus), "--db", str(db), "--no-progress", timeout=120)
    assert final.returncode == 3, final.stderr
    assert final.stdout.count("rejected: K") == 3
    mid_run = sum(1 for n in progress if 0 < n < REPORTS)
    # kills after which the run had stored at least one more batch than before it
    advanced = sum(1 for before, after in zip([0] + progress, progress) if after > before)
    print(f"\nreference run {reference['seconds']:.1f} s (idle {idle:.1f} s); {attempts} kills, {landed} landed "
          f"before the run "
          f"ended, {mid_run} with the store part-way, {advanced} after at least one batch of the run; stored after each kill: {progress}")

    ids = stored_ids(db)
    assert len(ids) == REPORTS
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert partition(cfg, db) == reference["stories"]
    assert orphans(db) == dict.fromkeys(orphans(db), 0)
    assert search_ids(db, SEARCH_WORDS) == reference["search"]
    assert landed >= KILLS
    assert mid_run >= KILLS // 2  # kills that left the store part-way, between batches
    assert advanced >= KILLS // 4  # and not all of them during start-up


def test_reference_has_many_stories_and_batches(reference):
    assert len(reference["stories"]) >= 5
    assert REPORTS // BATCH >= 20
    assert orphans(reference["db"]) == dict.fromkeys(orphans(reference["db"]), 0)
    assert all(reference["search"][w] for w in SEARCH_WORDS)
