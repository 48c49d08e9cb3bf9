"""apply(BatchResult): everything of a batch in one transaction, nothing on failure."""

from datetime import datetime

import pytest

from khabar.errors import NotFound, StoreError
from khabar.model import Entity, Rejected
from khabar.records import (BatchResult, InferredDate, ReportJoined, StoryCreated, StoryMerged, StorySplit,
                            StoryUpdate)
from khabar.store import open_store

from store_batches import make_report

PUTIN = "रूसी राष्ट्रपति व्लादिमीर पुतिन ने संधि की पुष्टि की।"
KIM = "उत्तर कोरिया के नेता किम जोंग-उन ने मॉस्को का दौरा किया।"
FLOOD = "असम में बाढ़ से हज़ारों लोग बेघर हो गए।"


def first_batch():
    a = make_report("a1", PUTIN, "s-000001", title="पुतिन ने संधि पर हस्ताक्षर किए",
                    published=datetime(2024, 11, 9), mentions=[(23, 28, "PER", "PER:putin")],
                    facts={"times": [{"text": "9 नवंबर"}]})
    b = make_report("b1", FLOOD, "s-000002", published=datetime(2024, 11, 11))
    return BatchResult(
        reports=[a, b],
        entities=[Entity("PER:putin", "PER", "पुतिन", "Putin", {"पुतिन": 1}, {"रूसी राष्ट्रपति": 1})],
        events=[StoryCreated("s-000001", a.key), StoryCreated("s-000002", b.key, best_score=0.1)],
        stories=[StoryUpdate("s-000001", "पुतिन ने संधि पर हस्ताक्षर किए", "l-000001"),
                 StoryUpdate("s-000002", "असम में बाढ़", "l-000002")],
        state={"clusterer/next": 3, "clusterer/story/s-000001": {"terms": {"पुतिन": 0.5}}},
    ), a, b


def test_a_batch_stores_reports_with_everything_decided_about_them(store):
    batch, a, b = first_batch()
    applied = store.apply(batch)
    assert set(applied.ids) == {a.key, b.key}
    back = store.load_article(applied.ids[a.key])
    assert back.external_id == "a1" and back.removed[0].reason == "ad-placeholder"
    assert back.sentences[0].text == PUTIN
    assert store.article_row("a1").story_id == "s-000001"
    assert store.article_facts([applied.ids[a.key]]) == {applied.ids[a.key]: {"times": [{"text": "9 नवंबर"}]}}
    assert [m.entity_key for m in store.mentions_of([applied.ids[a.key]])] == ["PER:putin"]
    assert store.load_entities()[0].latin == "Putin"
    assert [r.external_id for r in store.search("पुतिन")] == ["a1"]
    story = store.story("s-000001")
    assert (story.size, story.first_seen, story.storyline_id) == (1, "2024-11-09T00:00:00", "l-000001")
    assert story.headline == "पुतिन ने संधि पर हस्ताक्षर किए"
    assert [e.kind for e in store.story_history("s-000002")] == ["new"]
    assert store.story_history("s-000002")[0].detail["best_score"] == 0.1
    assert store.get_state("clusterer/next") == 3
    assert set(store.state_items("clusterer/story/")) == {"clusterer/story/s-000001"}
    assert [k for k, _, _ in store.index_rows()] == [a.key, b.key]
    assert store.index_rows()[0][1] == b"sig-a1"


def test_an_empty_batch_writes_nothing(store):
    assert store.apply(BatchResult()).ids == {}
    assert store.count() == 0 and store.revision() == 0


def test_each_stored_batch_raises_the_revision_and_a_failed_one_does_not(store):
    batch, _, _ = first_batch()
    store.apply(batch)
    assert store.revision() == 1
    with pytest.raises(StoreError):
        store.apply(BatchResult(reports=[make_report("z1", KIM, "s-000009", duplicate_of="nowhere@000000000000")]))
    assert store.revision() == 1
    store.apply(BatchResult(rejected=[Rejected("x.txt", "K004", "bad")]))
    assert store.revision() == 2


def test_duplicates_name_their_original_by_key_in_the_batch_or_stored_earlier(store):
    batch, a, _ = first_batch()
    copy_now = make_report("a2", PUTIN, "s-000001", duplicate_of=a.key, raw_suffix="\n(copy)")
    batch.reports.append(copy_now)
    batch.events.append(ReportJoined("s-000001", copy_now.key, "copy", original=a.key))
    ids = store.apply(batch).ids
    copy_later = make_report("a3", PUTIN, "s-000001", duplicate_of=a.key, raw_suffix="\n(later)")
    ids |= store.apply(BatchResult(reports=[copy_later],
                                   stories=[StoryUpdate("s-000001", "h", "l-000001")])).ids
    for key in (copy_now.key, copy_later.key):
        row = store.article_row(ids[key])
        assert (row.duplicate_of, row.duplicate_kind) == (ids[a.key], "exact")
    assert store.story("s-000001").size == 3


def test_an_error_mid_batch_leaves_nothing_of_it(store):
    batch, a, _ = first_batch()
    store.apply(batch)
    before = (store.count(), store.count("stories"), store.get_state("clusterer/next"))
    again = make_report("c1", KIM, "s-000003", published=datetime(2024, 11, 12))
    bad = BatchResult(
        reports=[again, make_report("c2", KIM, "s-000003", duplicate_of="nowhere@000000000000")],
        stories=[StoryUpdate("s-000003", "किम", None)], state={"clusterer/next": 99},
        state_deleted=["clusterer/story/s-000001"], rejected=[Rejected("x.txt", "K004", "bad")])
    with pytest.raises(StoreError, match="not stored"):
        store.apply(bad)
    assert (store.count(), store.count("stories"), store.get_state("clusterer/next")) == before
    assert store.state_items("clusterer/story/") and store.rejections() == []
    assert store.search("किम") == []
    # the same input twice breaks the store's uniqueness: also all or nothing
    with pytest.raises(StoreError):
        store.apply(BatchResult(reports=[again, make_report("a1", PUTIN, "s-000001")]))
    assert store.count() == before[0]


def test_a_merge_moves_the_gone_storys_reports_and_marks_it(store):
    batch, a, b = first_batch()
    store.apply(batch)
    store.apply(BatchResult(events=[StoryMerged("s-000002", "s-000001", by_key=b.key, score=0.4)],
                            stories=[StoryUpdate("s-000001", "पुतिन", "l-000001")]))
    assert store.article_row("b1").story_id == "s-000001"
    assert store.story("s-000002").id == "s-000001"  # the gone id leads to the one kept
    assert store.story("s-000001").size == 2
    assert store.story("s-000001").last_seen == "2024-11-11T00:00:00"
    assert [s.id for s in store.list_stories()] == ["s-000001"]
    assert store.story_history("s-000002")[-1].detail["merged_into"] == "s-000001"


def test_a_merge_of_a_story_made_in_the_same_batch_keeps_its_row(store):
    batch, a, b = first_batch()
    late = make_report("c1", KIM, "s-000001")
    batch.reports.append(late)
    batch.events += [StoryCreated("s-000003", late.key), StoryMerged("s-000003", "s-000001", late.key)]
    store.apply(batch)
    assert store.story("s-000003").id == "s-000001"


def test_a_split_moves_the_named_reports_stored_earlier_or_now(store):
    batch, a, b = first_batch()
    store.apply(batch)
    now = make_report("c1", KIM, "s-000001", published=datetime(2024, 11, 12))
    store.apply(BatchResult(
        reports=[now],
        events=[StorySplit("s-000001", "s-000003", moved=(a.key, now.key), by_key=now.key)],
        stories=[StoryUpdate("s-000001", "पुतिन", None), StoryUpdate("s-000003", "किम", None)]))
    assert store.article_row("a1").story_id == store.article_row("c1").story_id == "s-000003"
    assert store.story("s-000003").size == 2
    assert store.story("s-000001").size == 0
    assert [e.kind for e in store.story_history("s-000003")] == ["split_from"]
    assert [s.id for s in store.list_stories()] == ["s-000003", "s-000002"]


def test_inferred_dates_are_marked_and_move_the_story_dates(store):
    batch, a, b = first_batch()
    undated = make_report("u1", KIM, "s-000001")
    batch.reports.append(undated)
    store.apply(batch)
    assert store.article_row("u1").published is None
    store.apply(BatchResult(dates=[InferredDate(undated.key, datetime(2024, 11, 20, 8), "story-median")],
                            stories=[StoryUpdate("s-000001", "पुतिन", "l-000001")]))
    row = store.article_row("u1")
    assert row.published == "2024-11-20T08:00:00" and row.published_inferred
    assert store.load_article("u1").metadata["published_how"] == "story-median"
    assert store.story("s-000001").last_seen == "2024-11-20T08:00:00"


def test_state_upserts_and_deletes_and_storylines_change(store):
    batch, _, _ = first_batch()
    store.apply(batch)
    store.apply(BatchResult(state={"clusterer/next": 4}, state_deleted=["clusterer/story/s-000001"],
                            storylines={"s-000002": "l-000001"}))
    assert store.get_state("clusterer/next") == 4
    assert store.state_items("clusterer/story/") == {}
    assert store.storyline_map() == {"s-000001": "l-000001", "s-000002": "l-000001"}
    assert {s.id for s in store.list_stories(storyline="l-000001")} == {"s-000001", "s-000002"}


def test_rejections_are_kept_with_their_code(store):
    store.apply(BatchResult(rejected=[Rejected("x.jsonl", "K004", "K004: x.jsonl: bad line", line=3)]))
    (r,) = store.rejections()
    assert (r.input_name, r.line, r.code) == ("x.jsonl", 3, "K004")


def test_listings_return_typed_rows_with_their_articles(store):
    batch, _, _ = first_batch()
    store.apply(batch)
    (largest, *_rest) = store.list_stories(order="largest")
    assert largest.external_ids and largest.sources == ["Test"]
    assert set(largest.to_dict()) >= {"id", "headline", "sources", "article_ids", "articles"}
    assert [r.external_id for r in store.list_articles(limit=1)] == ["b1"]
    assert [r.external_id for r in store.list_articles(limit=1, offset=1)] == ["a1"]
    assert [e.key for e in store.entity_rows(story="s-000001")] == ["PER:putin"]
    assert store.entity_rows(story="s-000002") == []
    assert [s.story_id for s in store.entity_stories("PER:putin")] == ["s-000001"]
    assert [r["external_id"] for r in store.iter_articles(["external_id", "story_id"])] == ["a1", "b1"]
    with pytest.raises(NotFound):
        store.story("s-999999")
    assert store.count("stories") == 2


def test_the_store_reopens_with_what_was_applied(new_db):
    url = new_db("reopen")
    with open_store(url) as s:
        s.apply(first_batch()[0])
    with open_store(url) as s:
        assert s.applied == [] and s.count() == 2 and s.get_state("clusterer/next") == 3
