"""Search gives the same hits on every backend: one batch, Hindi queries, fixed
expected hits. The suite runs on SQLite and again on PostgreSQL (scripts/test), so
the same expectations holding on both is the parity check."""

import pytest

from khabar.records import BatchResult, StoryCreated, StoryUpdate

from store_batches import make_report

REPORTS = [
    ("r1", "ज़ेलेंस्की", "ज़ेलेंस्की ने कहा कि सीमा क्षेत्र में 11,000 सैनिक तैनात हैं।"),
    ("r2", "फ़ैसला", "अदालत ने फ़ैसला सुनाया; सैनिकों की तैनाती पर रोक नहीं लगी।"),
    ("r3", "भारत-पाक वार्ता", "भारत-पाक वार्ता में जेलेंस्की का ज़िक्र हुआ, पुष्टि नहीं हुई।"),
    ("r4", "मौसम", "दिल्ली में पारा 3.5 डिग्री गिरा, क्षेत्रीय मौसम विभाग ने चेतावनी दी।"),
    ("r5", "COVID", "COVID-19 के नए मामले: स्वास्थ्य मंत्रालय ने पुष्टि की।"),
]

# query -> the reports it finds (in id order; ranking may differ between backends)
EXPECTED = {
    "जेलेंस्की": ["r1", "r3"],        # nukta folded: ज़ and ज are one letter to search
    "ज़ेलेंस्की": ["r1", "r3"],
    "फैसला": ["r2"],
    "सैनिक": ["r1"],                  # whole words: not सैनिकों
    "सैनिकों": ["r2"],
    "सैनि": [],                       # nor a prefix cut inside the word
    "क्षेत्र": ["r1"],                # not क्षेत्रीय
    "पुष्टि": ["r3", "r5"],           # conjunct and vowel sign kept inside the word
    "पुष्टि नहीं": ["r3"],            # every word required
    "भारत": ["r3"],
    "भारत-पाक": ["r3"],
    "पाक भारत": ["r3"],
    "covid": ["r5"],                  # case folded
    "COVID-19": ["r5"],
    "3.5": ["r4"],
    "11,000": ["r1"],
    "डिग्री मौसम": ["r4"],            # title and body words together
    "मौसम": ["r4"],
    "बारिश": [],
}


@pytest.fixture
def searched(store):
    reports = [make_report(ext, body, f"s-00000{i}", title=title)
               for i, (ext, title, body) in enumerate(REPORTS, 1)]
    store.apply(BatchResult(
        reports=reports, events=[StoryCreated(r.story_id, r.key) for r in reports],
        stories=[StoryUpdate(r.story_id, r.article.title, None) for r in reports]))
    return store


@pytest.mark.parametrize("query", sorted(EXPECTED))
def test_the_same_batch_gives_the_same_hits(searched, query):
    hits = searched.search(query)
    assert sorted(h.external_id for h in hits) == EXPECTED[query]


# snippets: the folded body, hit words (a phrase as one) in brackets, a cut end marked …
SNIPPETS = {
    ("सैनिक", "r1"): "जेलेंस्की ने कहा कि सीमा क्षेत्र में 11,000 [सैनिक] तैनात हैं",
    ("पुष्टि नहीं", "r3"): "भारत-पाक वार्ता में जेलेंस्की का जिक्र हुआ [पुष्टि] [नहीं] हुई",
    ("भारत-पाक", "r3"): "[भारत-पाक] वार्ता में जेलेंस्की का जिक्र हुआ पुष्टि नहीं हुई",
    ("मौसम", "r4"): "दिल्ली में पारा 3.5 डिग्री गिरा क्षेत्रीय [मौसम] विभाग ने चेतावनी … ",
    ("ज़ेलेंस्की", "r3"): "भारत-पाक वार्ता में [जेलेंस्की] का जिक्र हुआ पुष्टि नहीं हुई",
    ("covid", "r5"): "[covid]-19 के नए मामले स्वास्थ्य मंत्रालय ने पुष्टि की",
}


@pytest.mark.parametrize("query, ext", sorted(SNIPPETS))
def test_snippets_mark_the_hit_words(searched, query, ext):
    [hit] = [h for h in searched.search(query) if h.external_id == ext]
    assert hit.snippet == SNIPPETS[query, ext]


def test_a_long_report_gives_a_snippet_centred_on_the_hit(store):
    body = " ".join(["शब्द"] * 30) + " सैनिक " + " ".join(["अंत"] * 30)
    r = make_report("long", body, "s-000009")
    store.apply(BatchResult(reports=[r], events=[StoryCreated("s-000009", r.key)],
                            stories=[StoryUpdate("s-000009", "", None)]))
    [hit] = store.search("सैनिक")
    assert hit.snippet == " … " + "शब्द " * 5 + "[सैनिक]" + " अंत" * 6 + " … "


def test_paging_and_order_are_stable(searched):
    every = [h.external_id for h in searched.search("पुष्टि")]
    assert sorted(every) == ["r3", "r5"]
    assert [h.external_id for h in searched.search("पुष्टि", limit=1)] == every[:1]
    assert [h.external_id for h in searched.search("पुष्टि", limit=1, offset=1)] == every[1:]
    assert searched.search("") == []


@pytest.fixture
def dated(store):
    from datetime import datetime

    rows = [("d1", "Alpha", datetime(2024, 11, 8, 9)), ("d2", "Beta", datetime(2024, 11, 9, 23, 30)),
            ("d3", "Alpha", datetime(2024, 11, 10)), ("d4", "Beta", None)]
    reports = [make_report(ext, f"संसद में आज बहस हुई {i}।", f"s-00001{i}", source=source, published=when)
               for i, (ext, source, when) in enumerate(rows)]
    store.apply(BatchResult(
        reports=reports, events=[StoryCreated(r.story_id, r.key) for r in reports],
        stories=[StoryUpdate(r.story_id, "संसद", None) for r in reports]))
    return store


@pytest.mark.parametrize("filters, found", [
    ({}, ["d1", "d2", "d3", "d4"]),
    ({"source": "Beta"}, ["d2", "d4"]),
    ({"language": "hi"}, ["d1", "d2", "d3", "d4"]),
    ({"language": "en"}, []),
    ({"since": "2024-11-09"}, ["d2", "d3"]),                  # undated reports left out
    ({"until": "2024-11-09"}, ["d1", "d2"]),                  # the whole last day
    ({"since": "2024-11-09", "until": "2024-11-09", "source": "Beta"}, ["d2"]),
])
def test_search_filters_and_count_agree_on_every_backend(dated, filters, found):
    hits = dated.search("संसद बहस", limit=10, filters=filters)
    assert sorted(h.external_id for h in hits) == found
    assert dated.search_count("संसद बहस", filters) == len(found)


def test_an_unknown_filter_is_refused(dated):
    with pytest.raises(ValueError, match="unknown search filter"):
        dated.search("संसद", filters={"colour": "red"})
