"""Opening a store: migrations once, coded errors for bad files and URLs, Devanagari search."""

import pytest

from khabar.errors import NotFound, StoreError
from khabar.records import BatchResult, StoryCreated, StoryUpdate
from khabar.store import open_store

from store_batches import make_report


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


def test_unknown_ids_and_bad_files_give_coded_errors(store, tmp_path):
    with pytest.raises(NotFound, match="K021"):
        store.load_article("nope")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        open_store(str(junk))
    with pytest.raises(StoreError, match="mysql://localhost/x"):
        open_store("mysql://localhost/x")
