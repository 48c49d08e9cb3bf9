import os
from urllib.parse import urlsplit, urlunsplit
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
    a database URL (a file path for SQLite) that no other test uses. On PostgreSQL
    each call creates a database on the KHABAR_TEST_PG server; all are dropped
    when the session ends."""
    if BACKEND == "sqlite":
        yield lambda name="k": str(tmp_path_factory.mktemp("db") / f"{name}.db")
        return
    if BACKEND != "postgres":
        raise pytest.UsageError(f"unknown KHABAR_TEST_BACKEND {BACKEND!r} (sqlite or postgres)")
    server = os.environ.get("KHABAR_TEST_PG")
    if not server:
        raise pytest.UsageError("KHABAR_TEST_BACKEND=postgres needs KHABAR_TEST_PG, a server URL "
                                "(scripts/pg-test-server starts a throwaway one)")
    import psycopg

    admin = psycopg.connect(server, autocommit=True)
    made: list[str] = []

    def make(name: str = "k") -> str:
        db = f"k_{os.getpid()}_{len(made) + 1}"
        admin.execute(f'CREATE DATABASE "{db}"')
        made.append(db)
        return _with_database(server, db)

    yield make
    for db in made:
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        except psycopg.Error:
            pass
    admin.close()


def _with_database(url: str, db: str) -> str:
    """`url` naming database `db` instead of its own."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + db, parts.query, parts.fragment))


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
