"""Storage: the Store protocol (base.py) and its backends, chosen by URL.

    path, sqlite:///path       -> store/sqlite (the default)
    postgresql://, postgres:// -> store/postgres (psycopg 3: pip install 'khabar[postgres]')
"""

from __future__ import annotations

from khabar.errors import StoreError
from khabar.store.base import Store

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def backend_of(url: str) -> str:
    """"sqlite" or "postgres" for a database URL; a StoreError for anything else."""
    if url.startswith(POSTGRES_SCHEMES):
        return "postgres"
    if url.startswith("sqlite:///") or url == ":memory:" or "://" not in url:
        return "sqlite"
    raise StoreError("unknown database URL (expected a file path, sqlite:///path or "
                     "postgresql://user@host/db)", input_name=url)


def sqlite_path(url: str) -> str:
    """The file (or ":memory:") a SQLite URL names: "sqlite:///x.db" and "x.db" are x.db."""
    return url[len("sqlite:///"):] if url.startswith("sqlite:///") else url


def open_store(db: str | None = None, settings=None, lock_wait: float | None = None) -> Store:
    """Open (and migrate) the store at `db`, else at settings.db (resolved by
    config.load_settings: --db, settings file, $KHABAR_DB, ./khabar.db)."""
    if db is None:
        if settings is None:
            from khabar.config import load_settings

            settings = load_settings()
        db = settings.db
    db = str(db)
    extra = {} if lock_wait is None else {"lock_wait": lock_wait}
    if backend_of(db) == "postgres":
        from khabar.store.postgres import PostgresStore

        return PostgresStore(db, **extra)
    from khabar.store.sqlite import SqliteStore

    return SqliteStore(sqlite_path(db), **extra)


__all__ = ["Store", "open_store", "backend_of", "sqlite_path"]
