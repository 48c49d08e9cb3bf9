"""Helpers shared by the benchmarks: data paths, peak memory, timing."""

from __future__ import annotations

import os
import resource
import sys
import time
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))


def shared_data(*parts: str) -> Path:
    """A path under the shared data folder ($KHABAR_SHARED, else ../shared beside the repo)."""
    root = Path(os.environ.get("KHABAR_SHARED", REPO.parent / "shared"))
    return root.joinpath("data", *parts)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@contextmanager
def timer():
    box = {}
    start = time.perf_counter()
    yield box
    box["s"] = time.perf_counter() - start


def metric(name: str, value) -> None:
    if isinstance(value, float):
        value = f"{value:.4g}" if abs(value) < 1000 else f"{value:.1f}"
    print(f"{name}: {value}", flush=True)
