"""The search query is bounded before the store sees it: 32 distinct words, 4000 characters
read, repeats dropped; a query within the bounds is passed on as asked."""

from click.testing import CliRunner

from khabar.cli import cli
from khabar.text.normalize import tokens
from khabar.views import build_search
from khabar.views.articles import MAX_QUERY_SCAN, MAX_QUERY_TERMS, bound_query


class _Store:
    def __init__(self):
        self.asked = []

    def search(self, query, limit=20, offset=0, filters=None):
        self.asked.append((query, limit, offset))
        return []

    def search_count(self, query, filters=None):
        return 0

    def load_entities(self):  # no entity: a Latin query has no other spelling
        return []


def test_short_query_is_passed_as_asked():
    assert bound_query("उत्तर-कोरिया रूस") == ("उत्तर-कोरिया रूस", False)


def test_600_words_become_the_first_32_distinct():
    words = [f"w{i}" for i in range(600)]
    run, truncated = bound_query(" ".join(words))
    assert truncated and run.split() == words[:MAX_QUERY_TERMS]


def test_repeats_are_dropped_without_counting_as_truncation():
    run, truncated = bound_query(" ".join(["कोरोना", "वायरस"] * 300))
    assert run == "कोरोना वायरस" and not truncated
    # nukta variants fold to one index term, so they repeat
    assert len(tokens(bound_query("ज़ेलेंस्की जेलेंस्की")[0])) == 1


def test_only_the_first_characters_are_read():
    run, truncated = bound_query("क" * (MAX_QUERY_SCAN * 10))
    assert truncated and len(run) <= MAX_QUERY_SCAN


def test_build_search_runs_the_bounded_query_and_shows_what_ran():
    store = _Store()
    page = build_search(store, " ".join(f"w{i}" for i in range(600)), limit=5, offset=2)
    ran, limit, offset = store.asked[0]
    # one hit more than shown is asked for: it tells whether a next page exists
    assert len(ran.split()) == MAX_QUERY_TERMS and (limit, offset) == (6, 2) and page.query == ran
    page = build_search(store, "<b> <b>")
    assert page.query == "<b> <b>"  # only a repeat dropped: shown as asked


def test_cli_limits_are_bounded(tmp_path):
    db = str(tmp_path / "k.db")
    for args in (["articles", "--limit", "0"], ["stories", "--limit", "-1"], ["search", "x", "--limit", "201"],
                 ["entities", "--limit", "1000001"], ["summary", "s-1", "--sentences", "0"]):
        result = CliRunner().invoke(cli, [*args, "--db", db])
        assert result.exit_code == 2 and "not in the range" in result.output, (args, result.output)


def test_a_latin_entity_name_also_finds_its_devanagari_spelling(hostile_db):
    from khabar.store import open_store

    store = open_store(hostile_db)
    try:
        latin = build_search(store, "Putin", limit=50)
        hindi = build_search(store, "पुतिन", limit=50)
        assert latin.also == "पुतिन" and hindi.also is None
        assert hindi.hits and {h.id for h in hindi.hits} <= {h.id for h in latin.hits}
        assert build_search(store, "Qwertyuiop").hits == []
    finally:
        store.close()
