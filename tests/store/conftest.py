"""The store tests' fixture: a fresh store on the backend under test."""

import pytest

from khabar.store import open_store


@pytest.fixture
def store(new_db):
    s = open_store(new_db("s"))
    yield s
    s.close()
