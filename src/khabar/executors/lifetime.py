"""Worker processes that do not outlive their parent.

A SIGKILL of `khabar ingest` gives its pool no chance to stop the workers; left
alone they would live on, holding the database's files open. Each worker asks the
kernel to kill it when its parent dies (Linux PR_SET_PDEATHSIG), and watches its
parent's pid as well, for systems without it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys
import threading

PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 1.0


def bind_to_parent(parent_pid: int) -> None:
    """Worker initializer: end this process when `parent_pid` ends."""
    _ask_kernel()
    if os.getppid() != parent_pid:  # the parent died before we got here
        os._exit(1)
    threading.Thread(target=_watch, args=(parent_pid,), daemon=True, name="parent-watch").start()


def _ask_kernel() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl: the watchdog alone will do
        pass


def _watch(parent_pid: int) -> None:
    stop = threading.Event()
    while not stop.wait(WATCH_SECONDS):
        if os.getppid() != parent_pid:
            os._exit(1)
