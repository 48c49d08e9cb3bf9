"""The pipeline over the store: batches, re-ingestion, duplicates, inferred dates."""

import functools
import json
import shutil

from khabar.config import load_settings
from khabar.executors.local import LocalExecutor
from khabar.ingest import read_inputs
from khabar.pipeline import ingest_paths, prepare_or_reject
from khabar.store import open_store


def _groups(store):
    return sorted(tuple(sorted(s.external_ids)) for s in store.list_stories(limit=100))


def test_two_batches_give_the_stories_of_one(tmp_path, seeds_dir, new_db):
    one = open_store(new_db("one"))
    ingest_paths(one, [str(seeds_dir)])
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    for f in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(f, first if f.name < "003" else second)
    two = open_store(new_db("two"))
    ingest_paths(two, [str(first)])
    old_ids = {s.id: sorted(s.external_ids) for s in two.list_stories()}
    ingest_paths(two, [str(second)])
    assert _groups(one) == _groups(two)
    # old stories keep their ids
    for sid, members in old_ids.items():
        assert set(members) <= set(two.story(sid).external_ids)


def _halves(tmp_path, seeds_dir):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir(), second.mkdir()
    for f in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(f, first if f.name < "003" else second)
    return first, second


def test_a_batch_writes_only_the_clusterer_items_it_changed(tmp_path, seeds_dir, new_db):
    first, second = _halves(tmp_path, seeds_dir)
    store = open_store(new_db("items"))
    ingest_paths(store, [str(first)])
    stored = set(store.state_items("clusterer/story/"))
    applied = []
    apply = store.apply
    store.apply = lambda result: applied.append(result) or apply(result)
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(sorted(second.iterdir())[-1], one)  # a story of its own (Kim's visit)
    ingest_paths(store, [str(one)])
    written = {n for r in applied for n in r.state if n.startswith("clusterer/story/")}
    assert len(written) == 1 and not written & stored  # the new story only, not the stored one
    assert store.get_state("clusterer") is None


def test_kept_records_are_read_undecoded_and_the_collector_is_left_as_found(tmp_path, seeds_dir, new_db):
    import gc

    from khabar.stories.snapshot import KEPT, STORY
    from khabar.store.state_codec import Encoded

    store = open_store(new_db("lazy"))
    ingest_paths(store, [str(seeds_dir)])
    assert gc.isenabled() and gc.get_freeze_count() == 0
    items = store.state_items("clusterer/", undecoded=KEPT)
    kept = [v for n, v in items.items() if n.startswith(KEPT)]
    assert kept and all(isinstance(v, Encoded) for v in kept)
    assert all(isinstance(v, dict) for n, v in items.items() if n.startswith(STORY))
    assert [v.value() for v in kept] == [store.state_items(KEPT)[n] for n in items if n.startswith(KEPT)]


def test_story_files_are_decoded_only_when_their_story_is_read(seeds_dir, new_db):
    from khabar.config import load_settings
    from khabar.pipeline import STORY, Decider, StartState, StoryFile
    from khabar.store.state_codec import Encoded

    store = open_store(new_db("files"))
    ingest_paths(store, [str(seeds_dir)])
    decoded = {n[len(STORY):]: v for n, v in store.state_items(STORY).items()}
    files = Decider(load_settings(), StartState.load(store)).files
    assert decoded and sorted(files) == sorted(decoded)
    sid = sorted(decoded)[0]
    assert sid in files and all(isinstance(v, Encoded) for v in files._values.values())
    assert files[sid] == StoryFile.from_json(decoded[sid]) and isinstance(files._values[sid], StoryFile)
    assert sum(isinstance(v, Encoded) for v in files._values.values()) == len(decoded) - 1


def test_a_store_with_the_whole_clusterer_in_one_item_goes_on_with_items(tmp_path, seeds_dir, new_db):
    from khabar.records import BatchResult
    from khabar.stories import StoryClusterer

    first, second = _halves(tmp_path, seeds_dir)
    one = open_store(new_db("one"))
    ingest_paths(one, [str(seeds_dir)])
    old = open_store(new_db("old"))
    ingest_paths(old, [str(first)])
    # made as an older khabar left it: the whole clusterer under "clusterer", no items
    items = old.state_items("clusterer/")
    whole = StoryClusterer.from_state_items(items).state()
    old.apply(BatchResult(state={"clusterer": whole}, state_deleted=sorted(items)))
    assert not old.state_items("clusterer/")
    ingest_paths(old, [str(second)])
    assert _groups(old) == _groups(one)
    assert old.get_state("clusterer") is None and old.state_items("clusterer/story/")


def test_undated_reports_get_inferred_dates_from_their_storyline(tmp_path, seeds_dir, new_db):
    store = open_store(new_db("k"))
    ingest_paths(store, [str(seeds_dir)])
    rows = {r.external_id: r.to_dict() for r in store.list_articles()}
    assert rows["004_a6e2b2736be51a55"]["published"].startswith("2024-06-20")
    assert not rows["004_a6e2b2736be51a55"]["published_inferred"]
    ratification = rows["001_e93594d4d072290d"]
    assert ratification["published_inferred"] and ratification["published"].startswith("2024-11")


def test_exact_and_near_reprints_link_to_the_original(tmp_path, seeds_dir, new_db):
    text = (seeds_dir / "002_d750fd648b92bea0.txt").read_text(encoding="utf-8")
    lines = [
        {"id": "orig", "title": "संधि", "body": text, "date": "2024-11-10", "source": "A"},
        {"id": "exact", "title": "संधि", "body": text.replace("।", " ।"), "date": "2024-11-11", "source": "B"},
        {"id": "near", "title": "संधि", "body": text.replace("डोनेट्स्क", "खारकीव"), "date": "2024-11-11",
         "source": "C"},
    ]
    path = tmp_path / "r.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), encoding="utf-8")
    store = open_store(new_db("k"))
    report = ingest_paths(store, [str(path)])
    assert (report.exact_duplicates, report.near_duplicates) == (1, 1)
    rows = {r.external_id: r.to_dict() for r in store.list_articles()}
    assert rows["exact"]["duplicate_of"] == rows["orig"]["id"]
    assert rows["near"]["duplicate_kind"] == "near"
    assert len({r["story_id"] for r in rows.values()}) == 1


def test_worker_processes_prepare_exactly_as_inline(seeds_dir):
    settings = load_settings()
    articles = [a for a in read_inputs([str(seeds_dir)], settings.ingest)] * 14  # 70 >= pool minimum
    work = functools.partial(prepare_or_reject, settings=settings)
    with LocalExecutor(workers=1) as inline, LocalExecutor(workers=2) as pool:
        a, b = inline.map(work, articles), pool.map(work, articles)
    assert [x.article.clean_text for x in a] == [x.article.clean_text for x in b]
    assert [len(x.mentions) for x in a] == [len(x.mentions) for x in b]
    assert [x.signature for x in a] == [x.signature for x in b]


def test_a_step_failing_on_one_report_rejects_it_and_keeps_the_batch(tmp_path, monkeypatch, new_db):
    import khabar.steps.extract.entities as entities

    real = entities.extract_mentions

    def flaky(article, **kw):
        if article.external_id == "bad":
            raise RuntimeError("boom")
        return real(article, **kw)

    monkeypatch.setattr(entities, "extract_mentions", flaky)
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "good", "body": "रूस में सैनिक हैं।"}\n{"id": "bad", "body": "कुछ और।"}\n',
                    encoding="utf-8")
    store = open_store(new_db("k"))
    report = ingest_paths(store, [str(path)])
    assert report.stored == 1
    assert report.rejected[0].code == "K040" and "bad" in report.rejected[0].message


def test_semantic_mode_runs_in_the_pipeline_and_keeps_the_seed_stories(tmp_path, seeds_dir, new_db):
    from dataclasses import replace

    settings = load_settings()
    settings = replace(settings, cluster=replace(settings.cluster, semantic=True))
    store = open_store(new_db("k"))
    ingest_paths(store, [str(seeds_dir)], settings=settings)
    assert ("004_a6e2b2736be51a55",) in _groups(store)
    stories = store.state_items("clusterer/story/")
    assert any(st.get("embedding") for st in stories.values())


def test_story_features_count_a_person_by_surname_across_spellings():
    # entity resolution keeps a lone surname apart from a full name of another report;
    # the story features still see one surname there (ECB+ 0.901 -> 0.920 B-cubed)
    from khabar.model import Mention
    from khabar.pipeline import cluster_entity_key

    def key(text, entity_key, typ="PER"):
        return cluster_entity_key(Mention(None, 0, 0, len(text), text, typ, entity_key=entity_key))

    assert key("व्लादिमीर पुतिन", "PER:vladimir-putin") == key("पुतिन", "PER:putin") == key("Putin", "PER:putin")
    assert key("Lindsay Lohan", "PER:lindsay-lohan") == key("Lohan", "PER:lohan")
    assert key("नरेंद्र मोदी", "PER:narendra-modi") != key("पुतिन", "PER:putin")
    assert key("गृह मंत्रालय", "ORG:grih-mantralay", "ORG") == "ORG:grih-mantralay"


def test_each_run_links_storylines_from_the_last_runs_scored_pairs(tmp_path, seeds_dir, new_db, monkeypatch):
    """One seed per run: from the second run on, a run scores only what changed since
    the last one linked (and a run after a cut-short one scores all); the storylines
    stored are those of one whole linking of the stored stories."""
    from khabar.pipeline import LINKS, STALE, link_storylines
    from khabar.stories import StoryClusterer, storyline

    calls = []
    link = storyline.link
    monkeypatch.setattr(storyline, "link", lambda *a: calls.append(a[2:]) or link(*a))
    store = open_store(new_db("runs"))
    for i, f in enumerate(sorted(seeds_dir.glob("*.txt"))):
        one = tmp_path / str(i)
        one.mkdir()
        shutil.copy(f, one)
        ingest_paths(store, [str(one)])
    assert calls[0] == (None, {"s-000001"}) and all(prev is not None and changed for prev, changed in calls[1:])
    clusterer = StoryClusterer.from_state_items(store.state_items("clusterer/"))
    whole, scored = link_storylines(clusterer)
    assert store.get_state("pipeline/storylines") == whole and store.get_state(LINKS) == scored.to_json()
    assert {s.id: s.storyline_id for s in store.list_stories(limit=100)} == whole
    assert len(set(whole.values())) < len(whole)  # the seeds' treaty stories are one storyline

    from khabar.records import BatchResult

    store.apply(BatchResult(state={STALE: True}))  # as a run killed after a batch leaves it
    again = tmp_path / "again"
    again.mkdir()
    (again / "new.txt").write_text("शीर्षक: एक और खबर\n\nकिसी दूसरे विषय पर एक छोटी खबर।\n", encoding="utf-8")
    calls.clear()
    ingest_paths(store, [str(again)])
    assert calls[0][0] is None


def test_the_first_batch_is_handed_to_the_workers_before_the_state_is_read(tmp_path, seeds_dir,
                                                                          new_db, monkeypatch):
    # what a run reads of a big store takes seconds; the workers prepare meanwhile
    from khabar import pipeline

    one = open_store(new_db("one"))
    first, second = _halves(tmp_path, seeds_dir)
    ingest_paths(one, [str(first)])
    order = []
    real_submit, real_rest = LocalExecutor.submit, pipeline.StartState.read_rest
    monkeypatch.setattr(LocalExecutor, "submit",
                        lambda self, fn, items: order.append("submit") or real_submit(self, fn, items))
    monkeypatch.setattr(pipeline.StartState, "read_rest",
                        lambda self, store: order.append("read_rest") or real_rest(self, store))
    report = ingest_paths(one, [str(second)], settings=load_settings())
    assert order[:2] == ["submit", "read_rest"]
    assert report.stored == len(list(second.glob("*.txt"))) and report.already_stored == 0
    again = ingest_paths(one, [str(first), str(second)])  # stored reports are still skipped
    assert again.stored == 0 and again.already_stored == 5
