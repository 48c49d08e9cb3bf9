"""The PostgreSQL backend: a postgresql:// or postgres:// URL (psycopg 3,
pip install 'khabar[postgres]')."""

from khabar.store.postgres.store import PostgresStore

__all__ = ["PostgresStore"]
