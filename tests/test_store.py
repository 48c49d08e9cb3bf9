"""Store: migrations, round trips, Devanagari full-text search, one-transaction writes."""

from datetime import datetime

import pytest

from khabar.errors import NotFound, StoreError
from khabar.model import Article, RemovedSpan, Sentence
from khabar.store import open_store


def _article(ext="a1", text="रूसी राष्ट्रपति व्लादिमीर पुतिन ने संधि की पुष्टि की।", title="पुतिन ने संधि पर हस्ताक्षर किए"):
    a = Article(external_id=ext, raw_text=text + "\n[विज्ञापन_2]", title=title, source="Test",
                published=datetime(2024, 11, 9), language="hi")
    a.clean_text = text
    a.content_hash = "h-" + ext
    a.removed = [RemovedSpan(len(text) + 1, len(text) + 13, "ad-placeholder", "[विज्ञापन_2]")]
    a.sentences = [Sentence(0, 0, len(text), text)]
    return a


@pytest.fixture
def store(tmp_path):
    s = open_store(str(tmp_path / "t.db"))
    yield s
    s.close()


def test_migrations_are_tracked_and_applied_once(new_db):
    path = new_db("m")
    first = open_store(path)
    assert "001_core" in first.applied
    first.close()
    again = open_store(path)
    assert again.applied == []
    versions = again.migration_versions()
    assert versions == sorted(versions) and len(versions) >= 4
    again.close()


def test_article_round_trip_keeps_removed_spans_and_sentences(store):
    with store.write() as con:
        aid = store.add_article(con, _article())
    back = store.load_article("a1")
    assert back.id == aid
    assert back.removed[0].reason == "ad-placeholder"
    assert back.sentences[0].text.startswith("रूसी")
    assert back.published == datetime(2024, 11, 9)
    assert store.has_input("a1", back.raw_text)


def test_search_matches_whole_devanagari_words_and_folds_nukta(store):
    with store.write() as con:
        store.add_article(con, _article(text="ज़ेलेंस्की ने कहा कि 11,000 सैनिक हैं।", title="ज़ेलेंस्की"))
    assert [r.external_id for r in store.search("जेलेंस्की")] == ["a1"]
    assert store.search("पुष्टि") == []
    assert "[सैनिक]" in store.search("सैनिक")[0].snippet


def test_failed_batch_leaves_stored_data_untouched(store):
    with store.write() as con:
        store.add_article(con, _article("a1"))
    with pytest.raises(Exception):
        with store.write() as con:
            store.add_article(con, _article("a2"))
            store.add_article(con, _article("a1"))  # same input twice: unique index fails
    assert store.count() == 1
    assert store.load_article("a1").title


def test_unknown_ids_and_bad_files_give_coded_errors(store, tmp_path):
    with pytest.raises(NotFound, match="K021"):
        store.load_article("nope")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        open_store(str(junk))
    with pytest.raises(StoreError, match="mysql://localhost/x"):
        open_store("mysql://localhost/x")
