"""Load: concurrent HTTP clients against `khabar serve` while `khabar ingest` writes.

    python bench/load.py [ARTICLES.jsonl] [--clients 50] [--seconds 60] [--pg postgresql://...]

Splits the input (default ../shared/data/hi-covid-news/articles.jsonl) in two by line:
the first half is ingested before the server starts, the second is ingested while the
clients read. Each client loops over a fixed mix of pages and API routes (home, search in
Hindi and Latin script, story pages and their JSON, claims, timeline, an entity, a report)
until the time is up. Every non-2xx answer, timeout or broken connection is an error.

Prints request counts, errors, p50/p95/max latency per route kind and overall, whether the
ingest completed (and in how many seconds), and, last, the overall p95 in milliseconds.
With --pg the same run is made against that (empty) PostgreSQL database instead of a
fresh SQLite file.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from _common import REPO, metric, shared_data


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("KHABAR_DB", None)  # every command below names its database
    return env


def _khabar(*args: str, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "khabar", *args], env=_env(), **kw)


def _split(source: Path, tmp: Path) -> tuple[Path, Path]:
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    half = len(lines) // 2
    first, second = tmp / "first.jsonl", tmp / "second.jsonl"
    first.write_text("".join(lines[:half]), encoding="utf-8")
    second.write_text("".join(lines[half:]), encoding="utf-8")
    return first, second


def _get(url: str, timeout: float = 60) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.read()


def _wait_up(base: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            _get(base + "/api/stories?limit=1", timeout=2)
            return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("error: the server did not start (see its log)")
            time.sleep(0.2)


def _paths(base: str) -> list[tuple[str, str]]:
    """(route kind, path) pairs, chosen from what the first half stored."""
    listed = json.loads(_get(base + "/api/stories?order=largest&limit=5"))
    stories = listed["stories"] if isinstance(listed, dict) else listed
    ids = [s["id"] for s in stories][:3]
    newest = json.loads(_get(base + "/api/stories?limit=3"))
    newest = newest["stories"] if isinstance(newest, dict) else newest
    ids += [s["id"] for s in newest if s["id"] not in ids][:2]
    paths = [("home", "/"), ("api_stories", "/api/stories?limit=20"),
             ("search", "/search?q=" + urllib.parse.quote("कोरोना वायरस")),
             ("api_search", "/api/search?q=" + urllib.parse.quote("लॉकडाउन")),
             ("api_search", "/api/search?q=Modi"),
             ("api_entities", "/api/entities?limit=20")]
    for sid in ids:
        paths += [("story_page", f"/stories/{sid}"), ("api_story", f"/api/stories/{sid}"),
                  ("api_claims", f"/api/stories/{sid}/claims"),
                  ("api_timeline", f"/api/stories/{sid}/timeline")]
        story = json.loads(_get(base + f"/api/stories/{sid}"))
        refs = [r.get("external_id") or r.get("id") for r in story.get("articles", story.get("reports", []))]
        if refs and refs[0]:
            paths.append(("api_article", "/api/articles/" + urllib.parse.quote(str(refs[0]))))
    return paths


def _read(base: str, paths, stop: float, start_at: int, out: dict, errors: list, lock) -> None:
    mine: dict[str, list[float]] = {}
    bad: list[str] = []
    i = start_at
    while time.monotonic() < stop:
        kind, path = paths[i % len(paths)]
        i += 1
        t0 = time.perf_counter()
        try:
            _get(base + path)
        except (OSError, urllib.error.HTTPError) as exc:  # every failure counts
            bad.append(f"{path}: {type(exc).__name__}: {exc}")
        mine.setdefault(kind, []).append(time.perf_counter() - t0)
    with lock:
        for kind, xs in mine.items():
            out.setdefault(kind, []).extend(xs)
        errors.extend(bad)


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(0.95 * len(xs)))]


def run(source: Path, clients: int, seconds: float, db_url: str | None, tmp: Path) -> None:
    first, second = _split(source, tmp)
    db = db_url or str(tmp / "load.db")
    setup = _khabar("ingest", str(first), "--db", db, "--no-progress", stdout=subprocess.DEVNULL)
    if setup.wait() not in (0, 3):  # 3: some input rejected, the rest stored
        raise SystemExit(f"error: ingest of the first half failed (exit {setup.returncode})")
    port = _free_port()
    log = open(tmp / "serve.log", "w")
    server = _khabar("serve", "--db", db, "--host", "127.0.0.1", "--port", str(port),
                     stdout=subprocess.DEVNULL, stderr=log)
    base = f"http://127.0.0.1:{port}"
    latencies: dict[str, list[float]] = {}
    errors: list[str] = []
    try:
        _wait_up(base, server)
        paths = _paths(base)
        ingest_start = time.monotonic()
        writer = _khabar("ingest", str(second), "--db", db, "--no-progress",
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        stop = time.monotonic() + seconds
        lock = threading.Lock()
        threads = [threading.Thread(target=_read, args=(base, paths, stop, n * 7, latencies, errors, lock))
                   for n in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        still_writing = writer.poll() is None
        _, err = writer.communicate(timeout=1800)
        ingest_seconds = time.monotonic() - ingest_start
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    everything = [x for xs in latencies.values() for x in xs]
    metric("backend", "postgresql" if db_url else "sqlite")
    metric("clients", clients)
    metric("seconds", seconds)
    for kind in sorted(latencies):
        xs = latencies[kind]
        metric(f"{kind}.requests", len(xs))
        metric(f"{kind}.p50_ms", statistics.median(xs) * 1000)
        metric(f"{kind}.p95_ms", _p95(xs) * 1000)
    metric("requests", len(everything))
    metric("requests_per_second", len(everything) / seconds)
    metric("errors", len(errors))
    for line in errors[:5]:
        print(f"# {line}", file=sys.stderr)
    metric("ingest_exit", writer.returncode)
    metric("ingest_still_writing_at_end_of_load", still_writing)
    metric("ingest_seconds", ingest_seconds)
    if writer.returncode not in (0, 3):
        print(err.decode("utf-8", "replace")[-2000:], file=sys.stderr)
    metric("max_ms", max(everything) * 1000 if everything else 0.0)
    metric("p50_ms", statistics.median(everything) * 1000 if everything else 0.0)
    metric("p95_ms", _p95(everything) * 1000 if everything else 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default=str(shared_data("hi-covid-news", "articles.jsonl")))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--pg", help="an empty PostgreSQL database to load instead of SQLite")
    args = parser.parse_args()
    if not 1 <= args.clients <= 500 or not 1 <= args.seconds <= 3600:
        raise SystemExit("error: --clients must be 1..500 and --seconds 1..3600")
    with tempfile.TemporaryDirectory(prefix="khabar-load-") as tmp:
        run(Path(args.input), args.clients, args.seconds, args.pg, Path(tmp))


if __name__ == "__main__":
    main()
