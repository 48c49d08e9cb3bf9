"""Storage: one Store over SQLite with tracked migrations."""

from khabar.store.sqlite import Store, open_store

__all__ = ["Store", "open_store"]
