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


def make_reference(tmp, reports: int, batch: int, workers: int = 1) -> dict:
    """One uninterrupted ingest of the corpus, and how long a run that finds
    everything stored takes."""
    corpus = build_corpus(tmp / "corpus.jsonl", reports, bad_lines=3)
    cfg = config(tmp / "khabar.toml", batch, workers)
    db = tmp / "reference.db"
    t0 = time.monotonic()
    done = khabar(cfg, "ingest", str(corpus), "--db", str(db), "--no-progress", timeout=120)
    assert done.returncode == 3, done.stderr  # the bad lines: coded rejections
    seconds = time.monotonic() - t0
    t0 = time.monotonic()
    khabar(cfg, "ingest", str(corpus), "--db", str(db), "--no-progress", timeout=120)
    idle = time.monotonic() - t0  # start-up, reading, and skipping what is stored
    return {"idle": idle, "tmp": tmp, "corpus": corpus, "cfg": cfg, "db": db, "seconds": seconds,
            "reports": reports, "stories": partition(cfg, db), "search": search_ids(db, SEARCH_WORDS)}


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    return make_reference(tmp_path_factory.mktemp("crash"), REPORTS, BATCH)


def kill_and_resume(reference: dict, kills: int, seed: int) -> None:
    """SIGKILL ingests of the reference's corpus into a fresh database at seeded
    random moments until `kills` of them landed mid-run, then run one to completion
    and compare it with the reference."""
    tmp, corpus, cfg, reports = reference["tmp"], reference["corpus"], reference["cfg"], reference["reports"]
    db = tmp / "killed.db"
    rng = random.Random(seed)
    idle, work = reference["idle"], max(reference["seconds"] - reference["idle"], 0.5)
    landed, attempts, progress = 0, 0, []
    # The reference's times say little about when a killed run stores its first batch
    # (a worker pool starts only when there is work; a loaded machine is slower): after
    # a kill that stored nothing new the window widens, and after one that did it is reset.
    stretch = 1.0
    while landed < kills and attempts < 3 * kills:
        attempts += 1
        before = progress[-1] if progress else 0
        left = reports - before
        proc = start_ingest(cfg, db, corpus)
        # from reading the store at start-up to a few batches in (or past the end of
        # what is left), so the kills spread over the run instead of the first seconds
        time.sleep(rng.uniform(0.5 * idle, idle + stretch * 1.1 * work * min(left, 3 * reports // kills) / reports))
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        if proc.returncode == -signal.SIGKILL:
            landed += 1
        progress.append(len(stored_ids(db)) if db.exists() else 0)
        stretch = 1.0 if progress[-1] > before else stretch * 1.5
    final = khabar(cfg, "ingest", str(corpus), "--db", str(db), "--no-progress", timeout=120)
    assert final.returncode == 3, final.stderr
    assert final.stdout.count("rejected: K") == 3
    mid_run = sum(1 for n in progress if 0 < n < reports)
    # kills after which the run had stored at least one more batch than before it
    advanced = sum(1 for before, after in zip([0] + progress, progress) if after > before)
    print(f"\nreference run {reference['seconds']:.1f} s (idle {idle:.1f} s); {attempts} kills, {landed} landed "
          f"before the run ended, {mid_run} with the store part-way, {advanced} after at least one batch "
          f"of the run; stored after each kill: {progress}")

    ids = stored_ids(db)
    assert len(ids) == reports
    assert [i for i, n in Counter(ids).items() if n > 1] == []
    assert partition(cfg, db) == reference["stories"]
    assert orphans(db) == dict.fromkeys(orphans(db), 0)
    assert search_ids(db, SEARCH_WORDS) == reference["search"]
    assert landed >= kills
    assert mid_run >= kills // 2  # kills that left the store part-way, between batches
    assert advanced >= max(1, kills // 5)  # and not all of them during start-up


@pytest.mark.slow
def test_sigkilled_ingest_resumes_to_the_reference(reference):
    kill_and_resume(reference, KILLS, seed=20261202)


@pytest.mark.slow
def test_sigkilled_ingest_with_worker_processes_resumes_to_the_reference(tmp_path):
    # batches of 64 are prepared in the pool (executors.local.POOL_MIN_BATCH)
    kill_and_resume(make_reference(tmp_path, 640, 64, workers=2), 8, seed=7)


def test_reference_has_many_stories_and_batches(reference):
    assert len(reference["stories"]) >= 5
    assert REPORTS // BATCH >= 20
    assert orphans(reference["db"]) == dict.fromkeys(orphans(reference["db"]), 0)
    assert all(reference["search"][w] for w in SEARCH_WORDS)
