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
