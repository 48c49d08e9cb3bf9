"""Tracked schema migrations: numbered .sql files applied once each, in order.

Each backend keeps its own folder of migrations (store/<backend>/migrations/);
applied versions are recorded in `schema_migrations`, so opening an old database
with a newer khabar brings it forward without touching its data.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path


def devanagari_marks() -> str:
    """Combining marks of the Devanagari block (vowel signs, virama, nukta, ...)."""
    return "".join(
        chr(c) for c in range(0x0900, 0x0980) if unicodedata.category(chr(c)).startswith("M")
    )


def pending(folder: Path, applied: set[int]) -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration in `folder` not yet applied, in order."""
    out = []
    for path in sorted(folder.glob("*.sql")):
        version = int(path.name.split("_", 1)[0])
        if version not in applied:
            sql = path.read_text(encoding="utf-8").replace("{DEVANAGARI_MARKS}", devanagari_marks())
            out.append((version, path.stem, sql))
    return out
