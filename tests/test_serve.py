"""`khabar serve --workers 2`: every worker answers, and a batch stored while it runs
shows in every answer after it (each worker keeps its own response cache)."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from khabar.pipeline import ingest_paths
from khabar.store import open_store

SRC = Path(__file__).resolve().parents[1] / "src"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _external_ids(base: str) -> set[str]:
    # a new connection each time, so the answers come from either worker
    with urllib.request.urlopen(base + "/api/articles?limit=100", timeout=20) as r:
        return {a["external_id"] for a in json.loads(r.read())}


def test_two_worker_processes_serve_the_latest_batch(tmp_path, seeds_dir, new_db):
    pytest.importorskip("uvicorn")
    db = new_db("serve")
    store = open_store(db)
    seeds = sorted(seeds_dir.iterdir())
    ingest_paths(store, [str(seeds[0])])
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(SRC) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    env.pop("KHABAR_DB", None)
    server = subprocess.Popen([sys.executable, "-m", "khabar", "serve", "--db", db, "--port", str(port),
                               "--workers", "2"], env=env, stdout=subprocess.DEVNULL,
                              stderr=open(tmp_path / "serve.log", "w"), start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                first = _external_ids(base)
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text()
                time.sleep(0.2)
        assert all(_external_ids(base) == first for _ in range(6))
        ingest_paths(store, [str(seeds[1])])
        answers = [_external_ids(base) for _ in range(6)]
        assert all(len(a) == len(first) + 1 and first < a for a in answers), answers
    finally:
        os.killpg(server.pid, 15)
        server.wait(timeout=20)
        store.close()
