"""Opening a store: migrations once, coded errors for bad files and URLs, Devanagari search."""

import os
import sys
import threading
import time

import pytest

from khabar.errors import NotFound, StoreError
from khabar.records import BatchResult, StoryCreated, StoryUpdate
from khabar.store import open_store

from store_batches import make_report

BACKEND = os.environ.get("KHABAR_TEST_BACKEND", "sqlite")


def test_migrations_are_tracked_and_applied_once(new_db):
    url = new_db("m")
    first = open_store(url)
    assert "001_core" in first.applied
    first.close()
    again = open_store(url)
    assert again.applied == []
    versions = again.migration_versions()
    assert versions == sorted(versions) and len(versions) >= 4
    again.close()


def test_search_matches_whole_devanagari_words_and_folds_nukta(store):
    a = make_report("a1", "ज़ेलेंस्की ने कहा कि 11,000 सैनिक हैं।", "s-000001", title="ज़ेलेंस्की")
    store.apply(BatchResult(reports=[a], events=[StoryCreated("s-000001", a.key)],
                            stories=[StoryUpdate("s-000001", "ज़ेलेंस्की", "l-000001")]))
    assert [r.external_id for r in store.search("जेलेंस्की")] == ["a1"]
    assert [r.external_id for r in store.search("सैनिक")] == ["a1"]
    assert store.search("पुष्टि") == []
    assert store.search("सैनि") == []  # whole words, not prefixes
    assert "सैनिक" in store.search("सैनिक")[0].snippet


def test_unknown_ids_and_urls_give_coded_errors(store):
    with pytest.raises(NotFound, match="K021"):
        store.load_article("nope")
    with pytest.raises(StoreError, match="mysql://localhost/x"):
        open_store("mysql://localhost/x")


@pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite-specific: a database file that is not one")
def test_a_file_that_is_not_a_database_gives_a_coded_error(tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        open_store(str(junk))


def test_an_unreachable_server_names_the_url_without_its_password():
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as got:
        open_store("postgresql://khabar:s3cret@127.0.0.1:1/news")
    message = str(got.value)
    assert "postgresql://khabar:***@127.0.0.1:1/news" in message and "s3cret" not in message


def test_postgres_without_psycopg_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg now raises ImportError
    with pytest.raises(StoreError, match=r"pip install 'khabar\[postgres\]'"):
        open_store("postgresql://khabar@127.0.0.1:1/news")


def test_a_second_ingest_waits_then_is_refused_and_gets_the_lock_once_free(new_db):
    url = new_db("l")
    one, two = open_store(url, lock_wait=0.2), open_store(url, lock_wait=0.2)
    try:
        with one.ingest_lock():
            started = time.monotonic()
            with pytest.raises(StoreError, match="another ingest"):
                with two.ingest_lock():
                    pass
            assert time.monotonic() - started >= 0.15
        with two.ingest_lock():
            pass
    finally:
        one.close()
        two.close()


def test_many_threads_read_while_one_writes(store):
    a = make_report("t0", "पहली ख़बर", "s-000001")
    store.apply(BatchResult(reports=[a], events=[StoryCreated("s-000001", a.key)],
                            stories=[StoryUpdate("s-000001", "पहली", None)]))
    errors: list[BaseException] = []

    def read():
        try:
            for _ in range(20):
                assert store.count() >= 1
                assert store.list_stories()[0].id == "s-000001"
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    readers = [threading.Thread(target=read) for _ in range(4)]
    for t in readers:
        t.start()
    for i in range(1, 6):
        r = make_report(f"t{i}", f"ख़बर संख्या {i}", "s-000001")
        store.apply(BatchResult(reports=[r], events=[], stories=[StoryUpdate("s-000001", "पहली", None)]))
    for t in readers:
        t.join()
    assert not errors and store.count() == 6
