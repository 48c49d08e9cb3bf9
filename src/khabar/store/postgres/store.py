"""The PostgreSQL backend: `postgresql://user:pass@host:5432/db` (or `postgres://`).

psycopg 3 is imported when a store is opened, so khabar runs without it until a
PostgreSQL URL is used. Each thread gets its own connection in autocommit mode
(opened on first use, closed by `close()` from any thread), so a web server reads
from many threads while an ingest writes; `apply` runs in one transaction on the
writing thread's connection. Whole ingests are serialised by a session advisory
lock (`ingest_lock`), which the server drops if its holder's connection dies.

`url` is the URL with any password masked: it is what error messages name.
"""

from __future__ import annotations

import re
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterator, Sequence
from urllib.parse import urlsplit, urlunsplit

from khabar.errors import StoreError
from khabar.store.connections import ThreadConnections
from khabar.store.lock import POLL, busy
from khabar.store.migrate import pending
from khabar.store.postgres import search as pg_search
from khabar.store.sql import SqlStore

MIGRATIONS = Path(__file__).parent / "migrations"
CONNECT_TIMEOUT = 10  # seconds to reach the server
# advisory lock keys (any two fixed bigints): one ingest at a time, one migrator at a time
INGEST_LOCK_KEY = 0x6B686162  # "khab"
MIGRATE_LOCK_KEY = 0x6B686D67  # "khmg"
INSTALL_HINT = "PostgreSQL needs psycopg 3: pip install 'khabar[postgres]'"


def mask_url(url: str) -> str:
    """`url` with its password (in the authority or as ?password=) replaced by ***."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if parts.password is not None:
            userinfo, _, hostinfo = netloc.rpartition("@")
            user = userinfo.split(":", 1)[0]
            netloc = f"{user}:***@{hostinfo}"
        query = re.sub(r"(^|&)(password=)[^&]*", r"\1\2***", parts.query)
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _psycopg():
    try:
        import psycopg
        from psycopg.rows import dict_row
    except ImportError as exc:
        raise StoreError(INSTALL_HINT) from exc
    return psycopg, dict_row


class PostgresStore(SqlStore):
    """PostgreSQL-backed store. Use `khabar.store.open_store()` rather than constructing directly."""

    def __init__(self, url: str, lock_wait: float = 10.0):
        self._dsn = url
        self.url = mask_url(url)
        self.lock_wait = lock_wait
        self._psycopg, self._dict_row = _psycopg()
        self._connections = ThreadConnections(self._connect, usable=lambda con: not con.closed)
        self._sql_cache: dict[str, str] = {}
        try:
            self.applied = self._migrate(self._con())
        except self._psycopg.Error as exc:
            self.close()
            raise StoreError(f"cannot set up the database: {exc}", input_name=self.url) from exc

    # ---- connections ------------------------------------------------------------

    def _connect(self):
        try:
            return self._psycopg.connect(self._dsn, autocommit=True, row_factory=self._dict_row,
                                         connect_timeout=CONNECT_TIMEOUT)
        except self._psycopg.Error as exc:
            # libpq's message may repeat the connection string: never show a password
            message = str(exc).strip().replace(self._dsn, self.url)
            raise StoreError(f"cannot connect to PostgreSQL: {message}", input_name=self.url) from None

    def _con(self):
        return self._connections.get()

    def close(self) -> None:
        self._connections.close_all()

    def __enter__(self) -> "PostgresStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _migrate(self, con) -> list[str]:
        """Apply every pending migration in its own transaction; returns their names.
        Two processes opening a new database at once take turns (an advisory lock)."""
        done = []
        with con.transaction():
            con.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK_KEY,))
            con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        while True:
            with con.transaction():
                con.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATE_LOCK_KEY,))
                applied = {r["version"] for r in con.execute("SELECT version FROM schema_migrations")}
                todo = pending(MIGRATIONS, applied)
                if not todo:
                    return done
                version, name, sql = todo[0]
                con.execute(sql)  # no parameters: the script's statements run as they are
                con.execute("INSERT INTO schema_migrations VALUES (%s, %s, %s)",
                            (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")))
                done.append(name)

    # ---- hooks for the shared half ------------------------------------------------

    def _sql(self, sql: str) -> str:
        out = self._sql_cache.get(sql)
        if out is None:
            out = self._sql_cache[sql] = sql.replace("%", "%%").replace("?", "%s")
        return out

    def _in(self, column: str, values: Sequence) -> tuple[str, list]:
        return f"{column} = ANY(?)", [list(values)]

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        con = self._con()
        with con.transaction():
            yield con

    def _is_db_error(self, exc: Exception) -> bool:
        return isinstance(exc, self._psycopg.Error)

    def _index_text(self, con, article_id: int, title: str, body: str) -> None:
        pg_search.index_text(self._q, con, article_id, title, body)

    def search(self, query: str, limit: int = 20, offset: int = 0, filters: dict | None = None):
        """Every query word must match (Devanagari-aware, nukta-folded)."""
        return pg_search.search(self._q, query, limit, offset, filters)

    def search_count(self, query: str, filters: dict | None = None) -> int:
        return pg_search.search_count(self._q, query, filters)

    # ---- ingest lock --------------------------------------------------------------

    @contextmanager
    def ingest_lock(self, wait: float | None = None) -> Iterator[None]:
        """Held for a whole ingest, on a connection of its own; the server releases it
        when that connection ends, so a dead ingest never leaves the database locked."""
        wait = self.lock_wait if wait is None else wait
        con = self._connect()
        try:
            deadline = time.monotonic() + max(wait, 0)
            while not con.execute("SELECT pg_try_advisory_lock(%s) AS got",
                                  (INGEST_LOCK_KEY,)).fetchone()["got"]:
                if time.monotonic() >= deadline:
                    raise busy(self.url, wait)
                time.sleep(POLL)
            try:
                yield
            finally:
                try:
                    con.execute("SELECT pg_advisory_unlock(%s)", (INGEST_LOCK_KEY,))
                except self._psycopg.Error:
                    pass  # the connection is gone, and the lock with it
        finally:
            con.close()
