"""Progress of an ingest: a bar with a total and ETA on a terminal, plain lines in a log.

The total is counted before reading only where that is cheap and exact enough to be
useful: one report per text or HTML file, one per line of a plain JSONL file. Feeds, WARC
files, compressed files and URLs are only known once read, so with any of them the
progress shows a count and a rate but no total.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Iterable, Iterator, TextIO, TypeVar

from .dispatch import folder_files, is_url, kind_by_name

T = TypeVar("T")

LINE_EVERY_SECONDS = 10.0  # a log gets one line per this many seconds, not one per report
ONE_REPORT_KINDS = {"text", "html"}
COUNT_CHUNK = 1 << 20


def _count_lines(path: Path) -> int:
    lines, last = 0, b"\n"
    with path.open("rb") as f:
        while chunk := f.read(COUNT_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")  # a last line without its newline still holds a report


def _file_total(path: Path) -> int | None:
    if path.suffix.lower() == ".gz":
        return None  # its records are only known once it is decompressed
    kind = kind_by_name(path)
    if kind in ONE_REPORT_KINDS:
        return 1
    if kind == "jsonl":
        return _count_lines(path)
    return None  # a feed, a WARC, a .gz or an unknown suffix: counted only by reading it


def estimate_total(inputs: Iterable[str]) -> int | None:
    """How many records the inputs hold, or None when any of them can only be counted by
    reading it."""
    total = 0
    for name in inputs:
        if is_url(name):
            return None
        path = Path(name)
        files = folder_files(path) if path.is_dir() else [path]
        for f in files:
            try:
                n = _file_total(f)
            except OSError:
                n = 1  # unreadable: it becomes one rejection
            if n is None:
                return None
            total += n
    return total


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60:02d} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def progress_line(done: int, total: int | None, elapsed: float) -> str:
    """One plain progress line: count, share of the total, rate and time left."""
    rate = done / elapsed if elapsed > 0 else 0.0
    if total:
        left = f", about {_duration((total - done) / rate)} left" if rate > 0 and done < total else ""
        return f"ingest: {done}/{total} records ({100 * done // total}%), {rate:.1f}/s{left}"
    return f"ingest: {done} records, {rate:.1f}/s"


def plain_lines(items: Iterable[T], total: int | None, out: TextIO | None = None,
                every: float = LINE_EVERY_SECONDS, clock=time.monotonic) -> Iterator[T]:
    """Pass the items through, writing a progress line at most every `every` seconds
    and one at the end."""
    out = out or sys.stderr
    start = last = clock()
    done = 0
    for item in items:
        yield item
        done += 1
        now = clock()
        if now - last >= every:
            print(progress_line(done, total, now - start), file=out, flush=True)
            last = now
    print(progress_line(done, total, clock() - start), file=out, flush=True)


def with_progress(items: Iterable[T], inputs: list[str], mode: str) -> Iterable[T]:
    """The items, shown as `mode`: "bar" (a terminal), "lines" (a log) or "none"."""
    if mode == "none":
        return items
    total = estimate_total(inputs)
    if mode == "bar":
        from tqdm import tqdm

        return tqdm(items, total=total, unit=" records", desc="ingest", leave=False)
    if mode == "lines":
        return plain_lines(items, total)
    raise ValueError(f"unknown progress mode {mode!r} (bar, lines or none)")
