"""One database connection per thread, for either backend.

A web server opens a store in one thread and reads it from many: each thread gets
its own connection on first use, and `close_all()` (from any thread) closes every
one that was opened. A connection whose thread has ended is closed when the next one
is opened: a store read from many short-lived threads (a test client starts one per
request) would otherwise hold a connection for every thread it ever saw.
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
        self._open: list[tuple[threading.Thread, Any]] = []  # (thread that opened it, connection)
        self._lock = threading.Lock()

    def get(self) -> Any:
        con = getattr(self._local, "con", None)
        if con is None or not self._usable(con):
            if self._shared and self._open:
                con = self._open[0][1]
            else:
                con = self._connect()
                with self._lock:
                    ended = [c for t, c in self._open if not t.is_alive()]
                    self._open = [(t, c) for t, c in self._open if t.is_alive()]
                    self._open.append((threading.current_thread(), con))
                _close(ended)
            self._local.con = con
        return con

    def close_all(self) -> None:
        with self._lock:
            cons, self._open = [c for _, c in self._open], []
        _close(cons)
        self._local = threading.local()


def _close(cons: list[Any]) -> None:
    for con in cons:
        try:
            con.close()
        except Exception:  # noqa: BLE001 - a connection already gone is closed enough
            pass
