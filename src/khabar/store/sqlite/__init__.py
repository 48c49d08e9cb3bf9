"""The SQLite backend (the default): a file path or a sqlite:///path URL."""

from khabar.records import index_key, raw_hash
from khabar.store.sqlite.store import SqliteStore

Store = SqliteStore  # the name this module exported before there were two backends

__all__ = ["SqliteStore", "Store", "index_key", "raw_hash"]
