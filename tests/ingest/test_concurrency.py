"""Ingests on one database are serialised by the ingest lock; workers end with their
parent; readers read while a writer writes."""

from __future__ import annotations

import os
import signal
import statistics
import threading
import time
from pathlib import Path

import pytest

from crash_corpus import build_corpus, config, khabar, orphans, partition, start_ingest, stored_ids
from khabar.errors import StoreError
from khabar.pipeline import ingest_paths
from khabar.store import open_store


def halves(tmp: Path, n: int) -> tuple[Path, Path]:
    """The corpus cut in two inputs of interleaved lines (both hold every topic)."""
    lines = build_corpus(tmp / "all.jsonl", n).read_text(encoding="utf-8").splitlines()
    a, b = tmp / "a.jsonl", tmp / "b.jsonl"
    a.write_text("\n".join(lines[0::2]) + "\n", encoding="utf-8")
    b.write_text("\n".join(lines[1::2]) + "\n", encoding="utf-8")
    return a, b


# ---- two ingests -------------------------------------------------------------------


@pytest.mark.slow
def test_two_concurrent_ingests_run_one_after_the_other(tmp_path):
    a, b = halves(tmp_path, 300)
    cfg = config(tmp_path / "k.toml", batch_size=8)
    refs = {}
    for order in ((a, b), (b, a)):
        db = tmp_path / f"ref-{order[0].stem}.db"
        for path in order:
            assert khabar(cfg, "ingest", str(path), "--db", str(db), "--no-progress").returncode == 0
        refs[order[0].stem] = partition(cfg, db)

    db = tmp_path / "both.db"
    first = start_ingest(cfg, db, a)
    time.sleep(0.3)
    second = start_ingest(cfg, db, b)
    outs = [p.communicate(timeout=60) for p in (first, second)]
    codes = [first.returncode, second.returncode]
    print(f"\nexit codes {codes}; second: {outs[1][0].strip()!r} {outs[1][1].strip()!r}")
    # the second waits for the lock (then runs), or gives up with a coded error
    assert codes[0] == 0, outs[0][1]
    assert codes[1] == 0 or (codes[1] == 2 and "K020" in outs[1][1]), outs[1][1]
    if codes[1] == 2:
        khabar(cfg, "ingest", str(b), "--db", str(db), "--no-progress", check=True)
    ids = stored_ids(db)
    assert len(ids) == len(set(ids)) == 300
    assert partition(cfg, db) in (refs["a"], refs["b"])  # one whole ingest, then the other
    assert orphans(db) == dict.fromkeys(orphans(db), 0)


def test_ingest_refused_with_a_coded_error_while_another_holds_the_lock(tmp_path, new_db):
    a, _ = halves(tmp_path, 20)
    db = new_db("locked")
    holder = open_store(db)
    waiter = open_store(db, lock_wait=0.3)
    with holder.ingest_lock():
        t0 = time.monotonic()
        with pytest.raises(StoreError) as err:
            ingest_paths(waiter, [str(a)])
        waited = time.monotonic() - t0
    assert err.value.code == "K020"
    assert "another ingest is writing to this database" in str(err.value)
    assert 0.3 <= waited < 5
    assert waiter.count() == 0  # refused before anything was read or written
    ingest_paths(waiter, [str(a)])  # the lock is free again once its holder lets go
    assert waiter.count() == 10


@pytest.mark.slow
def test_cli_ingest_refused_exits_2_with_k020(tmp_path):
    a, _ = halves(tmp_path, 20)
    cfg = config(tmp_path / "k.toml", batch_size=8)
    db = tmp_path / "locked.db"
    holder = open_store(str(db))
    with holder.ingest_lock():
        done = khabar(cfg, "ingest", str(a), "--db", str(db), "--no-progress", timeout=60)
    assert done.returncode == 2
    assert done.stderr.startswith("error: K020:")
    assert "another ingest is writing to this database" in done.stderr
    assert stored_ids(db) == []


# ---- workers and their parent --------------------------------------------------------


def _children(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is `pid`, from /proc."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        state, ppid = stat.rsplit(")", 1)[1].split()[:2]
        if int(ppid) == pid and state != "Z":
            found.append(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_workers_end_within_seconds_of_a_sigkilled_parent(tmp_path):
    corpus = build_corpus(tmp_path / "c.jsonl", 1200)
    cfg = config(tmp_path / "k.toml", batch_size=128, workers=2)  # past POOL_MIN_BATCH: a pool
    proc = start_ingest(cfg, tmp_path / "k.db", corpus)
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2 and proc.poll() is None:
        time.sleep(0.05)
        workers = _children(proc.pid)
    assert len(workers) >= 2, "the ingest never started its workers"
    time.sleep(0.5)  # let them take work
    workers = _children(proc.pid)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    t0 = time.monotonic()
    while time.monotonic() - t0 < 5 and any(_alive(w) for w in workers):
        time.sleep(0.05)
    left = [w for w in workers if _alive(w)]
    print(f"\n{len(workers)} workers, gone {time.monotonic() - t0:.2f} s after the parent's SIGKILL")
    for w in left:  # do not leave them running if the test fails
        os.kill(w, signal.SIGKILL)
    assert left == []
    # the workers inherited the lock file's descriptor: with them gone the lock is free
    t0 = time.monotonic()
    with open_store(str(tmp_path / "k.db"), lock_wait=5).ingest_lock():
        assert time.monotonic() - t0 < 1


# ---- readers beside a writer ----------------------------------------------------------


READERS = 50
READ_SECONDS = 10.0


@pytest.mark.slow
def test_fifty_readers_while_an_ingest_writes(tmp_path):
    a, b = halves(tmp_path, 1200)
    cfg = config(tmp_path / "k.toml", batch_size=8)
    db = tmp_path / "k.db"
    quick = config(tmp_path / "quick.toml", batch_size=64)  # the first half, only to have something to read
    assert khabar(quick, "ingest", str(a), "--db", str(db), "--no-progress").returncode == 0
    store = open_store(str(db))
    writer = start_ingest(cfg, db, b)
    errors: list[str] = []
    latencies: list[float] = []
    reads = [0]
    lock = threading.Lock()
    stop = time.monotonic() + READ_SECONDS

    def read(n: int) -> None:
        mine, bad = [], []
        i = 0
        while time.monotonic() < stop:
            i += 1
            t0 = time.perf_counter()
            try:
                kind = (n + i) % 4
                if kind == 0:
                    assert store.list_stories(limit=20)
                elif kind == 1:
                    s = store.list_stories(order="largest", limit=5)[i % 5]
                    assert store.story(s.id).articles
                elif kind == 2:
                    assert store.search("संधि", limit=20)
                else:
                    ext = f"r-{2 * (i % 600):04d}"  # a report of the first half: stored
                    assert store.load_article(ext).external_id == ext
            except Exception as exc:  # noqa: BLE001 - every failure counts
                bad.append(f"{type(exc).__name__}: {exc}")
            mine.append(time.perf_counter() - t0)
        with lock:
            latencies.extend(mine)
            errors.extend(bad)
            reads[0] += len(mine)

    _in_threads(read, READERS)
    writing = writer.poll() is None
    out, err = writer.communicate(timeout=120)
    store.close()
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else float("nan")
    print(f"\n{READERS} readers, {reads[0]} reads in {READ_SECONDS:g} s, p95 {p95 * 1000:.1f} ms, "
          f"errors {len(errors)}; writer still writing at the end: {writing}")
    assert writer.returncode == 0, err
    assert errors == []
    assert reads[0] > READERS
    assert len(stored_ids(db)) == 1200


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_fifty_http_readers_while_an_ingest_writes(tmp_path):
    pytest.importorskip("uvicorn")
    pytest.importorskip("fastapi")
    import json
    import subprocess
    import sys
    import urllib.parse
    import urllib.request

    from crash_corpus import env

    a, b = halves(tmp_path, 1000)
    cfg = config(tmp_path / "k.toml", batch_size=8)
    db = tmp_path / "k.db"
    quick = config(tmp_path / "quick.toml", batch_size=64)  # the first half, only to have something to read
    assert khabar(quick, "ingest", str(a), "--db", str(db), "--no-progress").returncode == 0
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", str(db), "--host", "127.0.0.1",
                               "--port", str(port)], env=env(cfg), stdout=subprocess.DEVNULL,
                              stderr=open(tmp_path / "serve.log", "w"))  # a log, not a pipe that fills
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(base + "/api/stories?limit=1", timeout=2).read()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        listed = json.loads(urllib.request.urlopen(base + "/api/stories?order=largest&limit=5", timeout=10).read())
        story_ids = [s["id"] for s in (listed["stories"] if isinstance(listed, dict) else listed)]
        paths = ["/api/stories?limit=20", "/api/search?q=" + urllib.parse.quote("संधि"),
                 *[f"/api/stories/{s}" for s in story_ids[:2]],
                 *[f"/api/articles/r-{2 * i:04d}" for i in (0, 7, 99)]]  # first-half reports: stored
        writer = start_ingest(cfg, db, b)
        errors: list[str] = []
        latencies: list[float] = []
        lock = threading.Lock()
        stop = time.monotonic() + READ_SECONDS

        def read(n: int) -> None:
            mine, bad, i = [], [], n
            while time.monotonic() < stop:
                i += 1
                path = paths[i % len(paths)]
                t0 = time.perf_counter()
                try:
                    with urllib.request.urlopen(base + path, timeout=60) as r:
                        json.loads(r.read())
                except Exception as exc:  # noqa: BLE001 - every failure counts (HTTP errors too)
                    bad.append(f"{path}: {type(exc).__name__}: {exc}")
                mine.append(time.perf_counter() - t0)
                by_path.setdefault(path.split("?")[0].rsplit("/", 1)[0], []).append(mine[-1])
            with lock:
                latencies.extend(mine)
                errors.extend(bad)

        by_path: dict[str, list[float]] = {}
        _in_threads(read, READERS)
        writing = writer.poll() is None
        _, err = writer.communicate(timeout=120)
        print("\nmedian ms by route: " + ", ".join(f"{k} {statistics.median(v) * 1000:.0f} ({len(v)})"
                                                  for k, v in sorted(by_path.items())))
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    p95 = statistics.quantiles(latencies, n=20)[-1] if len(latencies) > 1 else float("nan")
    print(f"\n{READERS} HTTP readers, {len(latencies)} requests in {READ_SECONDS:g} s, p95 {p95 * 1000:.1f} ms, "
          f"errors {len(errors)} {errors[:3]}; writer still writing at the end: {writing}")
    assert writer.returncode == 0, err
    assert errors == []
    assert len(latencies) > READERS


def _in_threads(read, n: int) -> None:
    """Run read(0) ... read(n - 1) at once and wait for all of them."""
    threads = [threading.Thread(target=read, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
