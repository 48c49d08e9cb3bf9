import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "examples" / "seeds"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


# The store backend the suite runs against: "sqlite" (default) or "postgres"
# (KHABAR_TEST_PG names the server, e.g. postgresql://postgres@127.0.0.1:5432/postgres).
BACKEND = os.environ.get("KHABAR_TEST_BACKEND", "sqlite")


@pytest.fixture(scope="session")
def new_db(tmp_path_factory):
    """A factory of empty databases for the backend under test: `new_db("k")` gives
    a database URL (a file path for SQLite) that no other test uses."""

    def make(name: str = "k") -> str:
        if BACKEND == "sqlite":
            return str(tmp_path_factory.mktemp("db") / f"{name}.db")
        raise pytest.UsageError(f"unknown KHABAR_TEST_BACKEND {BACKEND!r}")

    return make


# One report whose every text field is an attack (escaping tests: HTML, Markdown, CSV)
HOSTILE = {
    "id": "evil-1",
    "title": "<script>alert(1)</script> दिल्ली में बाढ़ <img src=x onerror=alert(2)>",
    "source": '=HYPERLINK("http://evil.example/","x")',
    "url": 'https://evil.example/a)b"c d<e>',
    "published": "2024-11-10",
    "content": ("[x](javascript:alert(3)) दिल्ली में भारी बारिश के बाद यमुना नदी का जलस्तर खतरे के निशान से "
                "ऊपर पहुंच गया। प्रशासन ने निचले इलाकों से हजारों लोगों को सुरक्षित स्थानों पर पहुंचाया। "
                "<script>alert(4)</script> मौसम विभाग ने अगले दो दिनों तक भारी बारिश की चेतावनी दी है।"),
}


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory, seeds_dir, new_db):
    """A database with the seeds and the HOSTILE report."""
    import json

    from khabar.pipeline import ingest_paths
    from khabar.store import open_store

    path = tmp_path_factory.mktemp("hostile") / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    db = new_db("hostile")
    store = open_store(db)
    try:
        ingest_paths(store, [str(seeds_dir), str(path)])
    finally:
        store.close()
    return db
