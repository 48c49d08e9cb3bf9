"""Page and API latency of `khabar serve` with 1 and with 50 concurrent readers.

    python bench/api_latency.py [ARTICLES.jsonl] [--db PATH-or-URL] [--clients 1,50]
        [--seconds 30] [--workers 1] [--compare-src OTHER/src]

Ingests the input (default ../shared/data/hi-covid-news/articles.jsonl) into a fresh
SQLite file, or reads the stored corpus at --db (for instance 100k generated reports,
bench/make_corpus.py, ingested once). Starts `khabar serve` on 127.0.0.1 and draws a
fixed, seeded set of URLs from what is stored: the home page (three pages), the story
listing, the story page, its JSON, claims and timeline for the first 90 ranked stories
(what the home page shows) and 60 random others, Hindi searches for a word of random
headlines, Latin-script searches and entity pages for the 20 most reported entities,
and report pages.

Then, each against a freshly started server:
- `cold`: one client asks for every URL once (each page built for the first time);
- for each N in --clients: N clients, each on its own keep-alive connection, ask for
  URLs drawn at random (seeded per client) for --seconds.
Nothing is written while they read (bench/load.py measures reads beside an ingest).
Prints p50/p95 per route kind and overall for each phase, and, last, the p95 in
milliseconds at the largest client count. With --compare-src the same phases run
against a server started from that source tree first, and the ratio of the two p95s
(other / this) is printed before the headline.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

from _common import REPO, metric, shared_data

FRONT_STORIES = 90
OTHER_STORIES = 60
SEARCH_WORDS = 30
TOP_ENTITIES = 20
REPORTS = 60
WEIGHTS = {"home": 3, "api_stories": 2, "story_page": 6, "api_story": 3, "api_claims": 1,
           "api_timeline": 1, "search": 2, "api_search": 1, "entity_page": 1, "report_page": 2}
REQUEST_TIMEOUT_S = 120


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _env(src: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(src) + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("KHABAR_DB", None)  # every command below names its database
    return env


class Client:
    """One keep-alive HTTP connection, reopened after an error."""

    def __init__(self, port: int):
        self.port = port
        self.con: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, bytes]:
        for attempt in range(2):
            if self.con is None:
                self.con = http.client.HTTPConnection("127.0.0.1", self.port, timeout=REQUEST_TIMEOUT_S)
            try:
                self.con.request("GET", path)
                r = self.con.getresponse()
                return r.status, r.read()
            except (OSError, http.client.HTTPException):
                self.con.close()
                self.con = None
                if attempt:
                    raise
        raise AssertionError("unreachable")


def _json(client: Client, path: str):
    status, body = client.get(path)
    if status != 200:
        raise SystemExit(f"error: {path} answered {status}")
    return json.loads(body)


def _urls(port: int, seed: int = 13) -> dict[str, list[str]]:
    """Route kind -> the URLs of that kind, drawn from what is stored."""
    c = Client(port)
    rng = random.Random(seed)
    q = urllib.parse.quote
    front = [s["id"] for s in _json(c, f"/api/stories?order=ranked&limit={FRONT_STORIES}")]
    every = [s["id"] for s in _json(c, "/api/stories?order=newest&limit=1000")]
    offset = 1000
    while len(every) == offset:  # the whole listing, a page at a time
        page = _json(c, f"/api/stories?order=newest&limit=1000&offset={offset}")
        every += [s["id"] for s in page]
        offset += 1000
    others = [s for s in every if s not in set(front)]
    stories = front + rng.sample(others, min(OTHER_STORIES, len(others)))
    words: list[str] = []
    listed = _json(c, "/api/stories?order=newest&limit=1000")
    headlines = [s.get("headline") or "" for s in listed]
    for h in rng.sample(headlines, min(len(headlines), SEARCH_WORDS * 3)):
        long = [w for w in h.split() if len(w) >= 4 and not w.isascii()]
        if long and len(words) < SEARCH_WORDS:
            words.append(rng.choice(long))
    entities = _json(c, f"/api/entities?limit={TOP_ENTITIES}")
    names = [e.get("latin") or e["display"] for e in entities]
    reports = [a["external_id"] for a in _json(c, "/api/articles?limit=1000")]
    reports = rng.sample(reports, min(REPORTS, len(reports)))
    return {
        "home": ["/", "/?offset=30", "/?offset=60"],
        "api_stories": ["/api/stories?limit=20", "/api/stories?order=ranked&limit=20"],
        "story_page": [f"/stories/{s}" for s in stories],
        "api_story": [f"/api/stories/{s}" for s in stories],
        "api_claims": [f"/api/stories/{s}/claims" for s in stories],
        "api_timeline": [f"/api/stories/{s}/timeline" for s in stories],
        "search": [f"/search?q={q(w)}" for w in words],
        "api_search": [f"/api/search?q={q(n)}" for n in names],
        "entity_page": [f"/entities/{q(e['display'])}" for e in entities],
        "report_page": [f"/reports/{q(r)}" for r in reports],
    }


class Server:
    def __init__(self, src: Path, db: str, workers: int, log: Path):
        self.port = _free_port()
        self.log = open(log, "w")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "khabar", "serve", "--db", db, "--host", "127.0.0.1",
             "--port", str(self.port), *(["--workers", str(workers)] if workers > 1 else [])],
            env=_env(src), stdout=subprocess.DEVNULL, stderr=self.log, start_new_session=True)
        deadline = time.monotonic() + 60
        while True:
            try:
                if Client(self.port).get("/api/stories?limit=1")[0] == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise SystemExit(f"error: the server did not start (see {log})")
            time.sleep(0.2)

    def stop(self) -> None:
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def _p95(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(0.95 * len(xs)))]


def _report(phase: str, latencies: dict[str, list[float]], errors: int, seconds: float | None) -> float:
    every = [x for xs in latencies.values() for x in xs]
    for kind in sorted(latencies):
        xs = latencies[kind]
        metric(f"{phase}.{kind}.p50_ms", statistics.median(xs) * 1000)
        metric(f"{phase}.{kind}.p95_ms", _p95(xs) * 1000)
    metric(f"{phase}.requests", len(every))
    if seconds:
        metric(f"{phase}.requests_per_second", len(every) / seconds)
    metric(f"{phase}.errors", errors)
    metric(f"{phase}.p50_ms", statistics.median(every) * 1000 if every else 0.0)
    p95 = _p95(every) * 1000 if every else 0.0
    metric(f"{phase}.p95_ms", p95)
    return p95


def _timed(c: Client, path: str) -> tuple[float, bool]:
    """Seconds one request took, and whether it failed (not a 200, or no answer)."""
    t0 = time.perf_counter()
    try:
        failed = c.get(path)[0] != 200
    except OSError:
        failed = True
    return time.perf_counter() - t0, failed


def _cold(port: int, urls: dict[str, list[str]]) -> tuple[dict[str, list[float]], int]:
    c = Client(port)
    out: dict[str, list[float]] = {}
    errors = 0
    for kind, paths in urls.items():
        for path in paths:
            seconds, failed = _timed(c, path)
            errors += failed
            out.setdefault(kind, []).append(seconds)
    return out, errors


def _load(port: int, urls: dict[str, list[str]], clients: int, seconds: float):
    kinds = list(WEIGHTS)
    weights = [WEIGHTS[k] for k in kinds]
    out: dict[str, list[float]] = {}
    errors = [0]
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def read(n: int) -> None:
        rng = random.Random(1000 + n)
        c = Client(port)
        mine: dict[str, list[float]] = {}
        bad = 0
        while time.monotonic() < stop:
            kind = rng.choices(kinds, weights)[0]
            seconds, failed = _timed(c, rng.choice(urls[kind]))
            bad += failed
            mine.setdefault(kind, []).append(seconds)
        with lock:
            for kind, xs in mine.items():
                out.setdefault(kind, []).extend(xs)
            errors[0] += bad

    threads = [threading.Thread(target=read, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out, errors[0]


def run_all(name: str, src: Path, db: str, workers: int, counts: list[int], seconds: float, tmp: Path) -> float:
    server = Server(src, db, workers, tmp / f"{name}-serve.log")
    try:
        urls = _urls(server.port)
        metric(f"{name}.urls", sum(len(v) for v in urls.values()))
        p95 = _report(f"{name}.cold", *_cold(server.port, urls), None)
    finally:
        server.stop()
    for n in counts:
        server = Server(src, db, workers, tmp / f"{name}-serve-{n}.log")
        try:
            out, errors = _load(server.port, urls, n, seconds)
        finally:
            server.stop()
        p95 = _report(f"{name}.clients_{n}", out, errors, seconds)
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", nargs="?", default=str(shared_data("hi-covid-news", "articles.jsonl")))
    parser.add_argument("--db", help="a stored corpus to read instead of ingesting the input")
    parser.add_argument("--clients", default="1,50", help="client counts, comma-separated")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--compare-src", help="another khabar source tree (its src/) to time first")
    args = parser.parse_args()
    counts = sorted(int(n) for n in args.clients.split(","))
    if not all(1 <= n <= 500 for n in counts) or not 1 <= args.seconds <= 3600:
        raise SystemExit("error: --clients must be 1..500 and --seconds 1..3600")
    with tempfile.TemporaryDirectory(prefix="khabar-latency-") as tmp:
        tmp = Path(tmp)
        db = args.db
        if not db:
            db = str(tmp / "latency.db")
            setup = subprocess.run([sys.executable, "-m", "khabar", "ingest", args.input, "--db", db,
                                    "--no-progress"], env=_env(REPO / "src"), stdout=subprocess.DEVNULL)
            if setup.returncode not in (0, 3):  # 3: some input rejected, the rest stored
                raise SystemExit(f"error: ingest failed (exit {setup.returncode})")
        metric("workers", args.workers)
        metric("seconds", args.seconds)
        other = None
        if args.compare_src:
            other = run_all("other", Path(args.compare_src), db, args.workers, counts, args.seconds, tmp)
        this = run_all("this", REPO / "src", db, args.workers, counts, args.seconds, tmp)
        if other is not None:
            metric("p95_ratio_other_over_this", other / this if this else 0.0)
        metric(f"p95_ms_at_{counts[-1]}_clients", this)


if __name__ == "__main__":
    main()
