"""The story cache: one build per story revision shared by concurrent readers, a new
build when the story or its storyline changes, and nothing cached for in-memory stores."""

import threading
import time

from khabar.store.rows import ArticleRow, StoryRow
from khabar.views.story_cache import BuildOnce, store_key, story_revision


def _row(id_: str, size: int = 1, updated: str = "t1", articles=()) -> StoryRow:
    return StoryRow(id=id_, headline="ख़बर", storyline_id="l-1", first_seen=None, last_seen=None,
                    size=size, updated_at=updated, articles=tuple(articles))


def test_concurrent_askers_share_one_build():
    cache, builds = BuildOnce(), []
    lock = threading.Lock()

    def build():
        with lock:
            builds.append(1)
        time.sleep(0.05)  # long enough for every thread to ask while it runs
        return object()

    got = []
    threads = [threading.Thread(target=lambda: got.append(cache.get("k", build))) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(builds) == 1 and len(got) == 20 and len({id(v) for v in got}) == 1


def test_a_failed_build_is_not_kept_and_the_next_asker_builds_again():
    cache = BuildOnce()

    def fail():
        raise RuntimeError("no")

    try:
        cache.get("k", fail)
    except RuntimeError:
        pass
    assert cache.get("k", lambda: 7) == 7


def test_the_oldest_entry_goes_first_when_full():
    cache = BuildOnce(max_entries=2)
    for k in "abc":
        cache.get(k, lambda k=k: k)
    assert cache.get("a", lambda: "rebuilt") == "rebuilt"
    assert cache.get("c", lambda: "rebuilt") == "c"


def test_the_revision_changes_with_the_story_and_its_storyline():
    report = ArticleRow(id=1, external_id="r1", title="", source=None, url=None, published="2020-03-21",
                        published_inferred=False, language="hi", story_id="s-1", duplicate_of=None,
                        duplicate_kind=None)
    story, other = _row("s-1", articles=[report]), _row("s-2")
    base = story_revision(story, [story, other])
    assert story_revision(_row("s-1", articles=[report]), [other]) == base
    assert story_revision(_row("s-1", size=2, articles=[report]), [other]) != base      # a report joined
    assert story_revision(_row("s-1", updated="t2", articles=[report]), [other]) != base  # re-placed
    assert story_revision(story, [_row("s-2", size=3)]) != base                          # storyline grew
    assert story_revision(_row("s-1"), [other]) != base                                  # reports differ


def test_in_memory_stores_are_never_cached_and_files_by_absolute_path(tmp_path, monkeypatch):
    class Store:
        def __init__(self, url):
            self.url = url

    assert store_key(Store(":memory:")) is None
    assert BuildOnce().get(None, lambda: 1) == 1
    monkeypatch.chdir(tmp_path)
    assert store_key(Store("k.db")) == "sqlite:" + str(tmp_path / "k.db")
    assert store_key(Store("postgresql://u@127.0.0.1/db")) == "postgresql://u@127.0.0.1/db"


def test_a_story_page_shows_a_report_that_joined_after_it_was_cached(tmp_path, seeds_dir):
    import shutil

    from khabar.pipeline import ingest_paths
    from khabar.store import open_store
    from khabar.views import build_story

    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir()
    rest.mkdir()
    files = sorted(seeds_dir.glob("*.txt"))
    for f in files[:2]:
        shutil.copy(f, first)
    for f in files[2:]:
        shutil.copy(f, rest)
    store = open_store(str(tmp_path / "k.db"))
    try:
        ingest_paths(store, [str(first)])
        sid = store.list_stories(order="largest", limit=1)[0].id
        before = build_story(store, sid).report
        assert build_story(store, sid).report.sources == before.sources  # served from the cache
        ingest_paths(store, [str(rest)])
        after = build_story(store, store.story(sid).id).report
        assert len(after.sources) > len(before.sources)
    finally:
        store.close()
