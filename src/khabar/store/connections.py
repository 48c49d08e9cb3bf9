"""One database connection per thread, for either backend.

A web server opens a store in one thread and reads it from many: each thread gets
its own connection on first use, and `close_all()` (from any thread) closes every
one that was opened.
"""

from __future__ import annotations

import threading
from typing import Any, Callable


class ThreadConnections:
    def __init__(self, connect: Callable[[], Any], shared: bool = False,
                 usable: Callable[[Any], bool] = lambda con: True):
        self._connect = connect
        self._shared = shared  # one connection for every thread (an in-memory SQLite database)
        self._usable = usable  # False for a connection the server has closed: open a new one
        self._local = threading.local()
        self._open: list[Any] = []
        self._lock = threading.Lock()

    def get(self) -> Any:
        con = getattr(self._local, "con", None)
        if con is None or not self._usable(con):
            if self._shared and self._open:
                con = self._open[0]
            else:
                con = self._connect()
                with self._lock:
                    self._open.append(con)
            self._local.con = con
        return con

    def close_all(self) -> None:
        with self._lock:
            cons, self._open = self._open, []
        for con in cons:
            try:
                con.close()
            except Exception:  # noqa: BLE001 - a connection already gone is closed enough
                pass
        self._local = threading.local()
