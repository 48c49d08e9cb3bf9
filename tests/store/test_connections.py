"""One connection per thread, and none kept for threads that have ended."""

import threading

from khabar.store.connections import ThreadConnections


class _Con:
    opened = 0
    closed = 0

    def __init__(self):
        _Con.opened += 1
        self.is_closed = False

    def close(self):
        _Con.closed += 1
        self.is_closed = True


def test_connections_of_ended_threads_are_closed_when_another_opens():
    _Con.opened = _Con.closed = 0
    cons = ThreadConnections(_Con, usable=lambda con: not con.is_closed)
    got = []
    for _ in range(20):  # a test client's portal: a new thread per request
        t = threading.Thread(target=lambda: got.append(cons.get()))
        t.start()
        t.join()
    assert _Con.opened == 20 and _Con.opened - _Con.closed == 1
    mine = cons.get()
    assert mine is cons.get() and _Con.opened - _Con.closed == 1  # the ended thread's closed
    cons.close_all()
    assert _Con.opened == _Con.closed


def test_a_live_threads_connection_is_kept():
    cons = ThreadConnections(_Con)
    here = cons.get()
    other = []
    t = threading.Thread(target=lambda: other.append(cons.get()))
    t.start()
    t.join()
    assert not here.is_closed and here is cons.get()
