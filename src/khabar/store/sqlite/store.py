"""The SQLite backend: one file in WAL mode, one writer, many readers.

Each thread gets its own connection (opened on first use, closed by `close()`
from any thread), so a web server may open a store in one thread and read it in
another. Writes take an IMMEDIATE transaction, so a second writer waits instead of
interleaving; whole ingests are serialised by `ingest_lock()`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator, Sequence

from khabar.errors import StoreError
from khabar.store.lock import busy, file_lock
from khabar.store.connections import ThreadConnections
from khabar.store.migrate import pending
from khabar.store.sql import SqlStore
from khabar.store.sqlite.search import index_text, search, search_count

MIGRATIONS = Path(__file__).parent / "migrations"
BUSY_TIMEOUT = 30  # seconds a statement waits for another writer's transaction


class SqliteStore(SqlStore):
    """SQLite-backed store. Use `khabar.store.open_store()` rather than constructing directly."""

    def __init__(self, path: str, lock_wait: float = 10.0):
        self.path = self.url = path
        self.lock_wait = lock_wait
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"folder does not exist: {parent}", input_name=path)
        self._connections = ThreadConnections(self._connect, shared=path == ":memory:")
        self._memory_lock = threading.Lock()
        try:
            self.applied = self._migrate(self._con())
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreError(f"not a khabar database or unreadable: {exc}", input_name=path) from exc

    # ---- connections ------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        # autocommit mode: transactions are begun explicitly (BEGIN IMMEDIATE)
        con = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None,
                              check_same_thread=False)
        con.row_factory = sqlite3.Row
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA foreign_keys=ON")
        con.execute("PRAGMA synchronous=NORMAL")
        return con

    def _con(self) -> sqlite3.Connection:
        return self._connections.get()

    def close(self) -> None:
        self._connections.close_all()

    def __enter__(self) -> "SqliteStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self, con: sqlite3.Connection) -> list[str]:
        """Apply every pending migration in its own transaction; returns their names."""
        con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        applied = {row[0] for row in con.execute("SELECT version FROM schema_migrations")}
        done = []
        for version, name, sql in pending(MIGRATIONS, applied):
            con.execute("BEGIN IMMEDIATE")
            try:
                # executescript would commit first; run the statements one by one instead
                for statement in _statements(sql):
                    con.execute(statement)
                con.execute("INSERT INTO schema_migrations VALUES (?, ?, ?)",
                            (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
            done.append(name)
        return done

    # ---- hooks for the shared half ------------------------------------------------

    def _in(self, column: str, values: Sequence) -> tuple[str, list]:
        return f"{column} IN (SELECT value FROM json_each(?))", [json.dumps(list(values), ensure_ascii=False)]

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        con = self._con()
        con.execute("BEGIN IMMEDIATE")
        try:
            yield con
        except BaseException:
            con.execute("ROLLBACK")
            raise
        else:
            con.execute("COMMIT")

    def _is_db_error(self, exc: Exception) -> bool:
        return isinstance(exc, sqlite3.Error)

    def _index_text(self, con, article_id: int, title: str, body: str) -> None:
        index_text(con, article_id, title, body)

    def search(self, query: str, limit: int = 20, offset: int = 0, filters: dict | None = None):
        """Every query word must match (Devanagari-aware, nukta-folded)."""
        return search(self._con(), query, limit, offset, filters)

    def search_count(self, query: str, filters: dict | None = None) -> int:
        return search_count(self._con(), query, filters)

    # ---- ingest lock --------------------------------------------------------------

    def ingest_lock(self, wait: float | None = None):
        """Held for a whole ingest; released when the holder exits or dies."""
        if self.path == ":memory:":
            return _thread_lock(self._memory_lock, self.url, self.lock_wait if wait is None else wait)
        return file_lock(str(Path(self.path).expanduser()) + ".ingest-lock", self.url,
                         self.lock_wait if wait is None else wait)


def _statements(script: str) -> list[str]:
    """The statements of a migration script (complete_statement knows about quotes
    and trigger bodies)."""
    out, current = [], ""
    for line in script.splitlines(keepends=True):
        if not current and (not line.strip() or line.lstrip().startswith("--")):
            continue
        current += line
        if sqlite3.complete_statement(current):
            out.append(current.strip())
            current = ""
    if current.strip():
        out.append(current.strip())
    return out


@contextmanager
def _thread_lock(lock: threading.Lock, url: str, wait: float):
    if not lock.acquire(timeout=max(wait, 0)):
        raise busy(url, wait)
    try:
        yield
    finally:
        lock.release()
