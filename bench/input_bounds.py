"""Time and peak memory of one hostile report at the size limit, through ingest and a story view.

    python bench/input_bounds.py [REAL.jsonl] [--chars N] [--shapes a,b,...]

Each shape is one report of about `--chars` characters (default: just under the
default ingest.max_report_chars, the largest a report may be) built to stress one
step: 124,000 short lines, one unpunctuated paragraph, a date every ten characters, a
number every seven, one word repeated, names in every sentence, no space at all. Each
is ingested into a fresh SQLite file by `khabar ingest` in its own process, then its
story summary is built by `khabar summary` in another; both are timed and their peak
memory read from the kernel (wait4). Beside them, trafilatura (the peer library that
reads the page) extracts the same text from HTML in its own process: the ratio says
how many times the cost of reading the page the whole of khabar's processing is.
A real report (the first line of REAL.jsonl, hi-covid by default) gives the ordinary
cost. The headline, last, is the worst seconds per report over the shapes.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import REPO, metric, shared_data

LIMIT = 990_000  # just under IngestSettings.max_report_chars (1,000,000)
WORDS = "कोरोना के नए मामले दिल्ली में सोमवार को लोगों की मौत हुई पुलिस सरकार ने कहा अस्पताल".split()


def _sentences(n: int, rng: random.Random, end: str = "। ") -> str:
    out, size = [], 0
    while size < n:
        s = " ".join(rng.choice(WORDS) for _ in range(12)) + end
        out.append(s)
        size += len(s)
    return "".join(out)[:n]


def shapes(n: int) -> dict[str, str]:
    rng = random.Random(7)
    return {
        "short_lines": "\n".join(["मामले ५"] * (n // 8)),
        "one_paragraph": _sentences(n, rng, end=" "),
        "dates": "सोमवार को " * (n // 10),
        "numbers": " ".join(str(i) for i in range(n // 7)),
        "one_word": "मोदी " * (n // 5),
        "names": "नरेंद्र मोदी ने पुतिन से कहा। " * (n // 30),
        "no_space": "क" * n,
        "sentences": _sentences(n, rng),
    }


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak resident MiB and exit code of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, proc.returncode


PEER = ("import sys, trafilatura\n"
        "trafilatura.extract(open(sys.argv[1], encoding='utf-8').read())\n")


def measure(name: str, text: str, folder: Path, env: dict[str, str]) -> float:
    src = folder / f"{name}.jsonl"
    src.write_text(json.dumps({"id": name, "title": "खबर", "body": text}, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    page = folder / f"{name}.html"
    page.write_text("<html><body><article><p>" + html.escape(text).replace("\n", "</p><p>")
                    + "</p></article></body></html>", encoding="utf-8")
    db = folder / f"{name}.db"
    khabar = [sys.executable, "-m", "khabar"]
    ingest_s, ingest_mb, rc = _run(khabar + ["ingest", "--db", str(db), "--no-progress", str(src)], env)
    if rc not in (0, 3):
        raise SystemExit(f"{name}: khabar ingest exited {rc}")
    view_s, view_mb, rc = _run(khabar + ["summary", "--db", str(db), "s-000001"], env)
    if rc != 0:
        raise SystemExit(f"{name}: khabar summary exited {rc}")
    peer_s, peer_mb, _ = _run([sys.executable, "-c", PEER, str(page)], env)
    metric(f"{name}_chars", len(text))
    metric(f"{name}_ingest_s", ingest_s)
    metric(f"{name}_ingest_peak_mb", ingest_mb)
    metric(f"{name}_summary_s", view_s)
    metric(f"{name}_summary_peak_mb", view_mb)
    metric(f"{name}_trafilatura_s", peer_s)
    metric(f"{name}_ingest_vs_trafilatura", ingest_s / peer_s if peer_s else 0.0)
    return max(ingest_s, view_s)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("real", nargs="?", default=str(shared_data("hi-covid-news", "articles.jsonl")))
    parser.add_argument("--chars", type=int, default=LIMIT)
    parser.add_argument("--shapes", default="", help="comma-separated subset of the shapes")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    chosen = shapes(args.chars)
    if args.shapes:
        chosen = {k: v for k, v in chosen.items() if k in args.shapes.split(",")}
    worst = 0.0
    with tempfile.TemporaryDirectory(prefix="khabar-bounds-") as tmp:
        folder = Path(tmp)
        real = Path(args.real)
        if real.is_file():
            with real.open(encoding="utf-8") as fh:
                first = json.loads(fh.readline())
            measure("real_report", first.get("body") or first.get("text") or "", folder, env)
        for name, text in chosen.items():
            worst = max(worst, measure(name, text, folder, env))
    metric("worst_seconds_per_report", worst)


if __name__ == "__main__":
    main()
