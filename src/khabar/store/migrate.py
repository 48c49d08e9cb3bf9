"""Tracked schema migrations: numbered .sql files applied once each, in order.

Applied versions are recorded in `schema_migrations`, so opening an old database
with a newer khabar brings it forward without touching its data.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from datetime import datetime, timezone
from pathlib import Path

MIGRATIONS = Path(__file__).parent / "migrations"


def devanagari_marks() -> str:
    """Combining marks of the Devanagari block (vowel signs, virama, nukta, ...)."""
    return "".join(
        chr(c) for c in range(0x0900, 0x0980) if unicodedata.category(chr(c)).startswith("M")
    )


def pending(applied: set[int]) -> list[tuple[int, str, str]]:
    out = []
    for path in sorted(MIGRATIONS.glob("*.sql")):
        version = int(path.name.split("_", 1)[0])
        if version not in applied:
            sql = path.read_text(encoding="utf-8").replace("{DEVANAGARI_MARKS}", devanagari_marks())
            out.append((version, path.stem, sql))
    return out


def migrate(con: sqlite3.Connection) -> list[str]:
    """Apply every pending migration in its own transaction; returns their names."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations "
        "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    applied = {row[0] for row in con.execute("SELECT version FROM schema_migrations")}
    done = []
    for version, name, sql in pending(applied):
        with con:
            con.executescript("BEGIN;" + sql + ";")
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                (version, name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
            )
        done.append(name)
    return done
