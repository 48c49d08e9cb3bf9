"""The ingest lock of a SQLite database: an fcntl lock on a file beside it.

The operating system drops the lock when its holder's file is closed, which
happens when the process ends for any reason (a SIGKILL included), so a dead
ingest never leaves the database locked.
"""

from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from typing import Iterator

from khabar.errors import StoreError

POLL = 0.05  # seconds between attempts while waiting for the lock


def busy(url: str, wait: float) -> StoreError:
    return StoreError(f"another ingest is writing to this database (waited {wait:g} s); "
                      "try again when it has finished", input_name=url)


@contextmanager
def file_lock(path: str, url: str, wait: float) -> Iterator[None]:
    """Hold an exclusive lock on `path`, waiting up to `wait` seconds for it."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + max(wait, 0)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise busy(url, wait) from None
                time.sleep(POLL)
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
