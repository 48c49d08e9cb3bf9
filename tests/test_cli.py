"""The CLI end to end, in-process: ingest the seeds, list, show, search, export, stories."""

import json

import pytest
from click.testing import CliRunner

from khabar.cli import cli


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, seeds_dir, new_db):
    db = new_db("k")
    runner = CliRunner()
    result = runner.invoke(cli, ["ingest", "--db", db, "--no-progress", str(seeds_dir)])
    assert result.exit_code == 0, result.output
    return runner, db


def run(seeded, *args):
    runner, db = seeded
    result = runner.invoke(cli, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.output


def test_ingest_counts_and_reingest_adds_nothing(seeded, seeds_dir):
    runner, db = seeded
    result = runner.invoke(cli, ["ingest", "--db", db, "--json", str(seeds_dir)])
    data = json.loads(result.output)
    assert data["read"] == 5 and data["stored"] == 0 and data["already_stored"] == 5


def test_articles_json_keeps_external_ids(seeded):
    rows = json.loads(run(seeded, "articles", "--json"))
    assert sorted(r["external_id"] for r in rows) == [
        "000_8028ae54a2d1bd25", "001_e93594d4d072290d", "002_d750fd648b92bea0",
        "003_5ed99ae0c0ed6bfe", "004_a6e2b2736be51a55"]
    assert all(r["language"] == "hi" for r in rows)


def test_show_marks_removed_noise(seeded):
    data = json.loads(run(seeded, "show", "001_e93594d4d072290d", "--json"))
    assert "[विज्ञापन_2]" not in data["clean_text"]
    assert "टिप्पणी (0)" not in data["clean_text"]
    assert data["metadata"]["source_url"].startswith("https://vtcnews.vn/")
    raw = run(seeded, "show", "001_e93594d4d072290d", "--raw")
    assert "[विज्ञापन_2]" in raw and "[-" in raw


def test_search_finds_devanagari_words(seeded):
    rows = json.loads(run(seeded, "search", "ज़ेलेंस्की", "--json"))
    assert {r["external_id"] for r in rows} >= {"000_8028ae54a2d1bd25", "002_d750fd648b92bea0"}


def test_export_jsonl_and_csv(seeded, tmp_path):
    lines = run(seeded, "export").strip().splitlines()
    assert len(lines) == 5 and json.loads(lines[0])["external_id"]
    out = tmp_path / "x.csv"
    run(seeded, "export", "--format", "csv", "-o", str(out))
    assert out.read_text(encoding="utf-8").startswith("\ufeffid,external_id")  # BOM for spreadsheets


def test_seed_stories_and_storyline(seeded):
    stories = json.loads(run(seeded, "stories", "--json"))
    groups = {tuple(sorted(s["external_ids"])) for s in stories}
    assert ("000_8028ae54a2d1bd25", "001_e93594d4d072290d", "002_d750fd648b92bea0",
            "003_5ed99ae0c0ed6bfe") in groups
    assert ("004_a6e2b2736be51a55",) in groups
    assert len({s["storyline_id"] for s in stories}) == 1


def test_dated_seeds_over_four_days_stay_one_story(tmp_path, seeds_dir, new_db):
    # The seeds carry no dates of their own; published as they would have been (the
    # ratification on 9 November, Kim's decree on 12 November), 000-003 are still the
    # one November story and 004 its June background.
    published = {"000": "2024-11-10", "001": "2024-11-13", "002": "2024-11-10", "003": "2024-11-11",
                 "004": "2024-06-20"}
    path = tmp_path / "dated.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for f in sorted(seeds_dir.glob("*.txt")):
            fh.write(json.dumps({"id": f.stem, "date": published[f.stem[:3]],
                                 "body": f.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")
    runner, db = CliRunner(), new_db("d")
    assert runner.invoke(cli, ["ingest", "--db", db, "--no-progress", str(path)]).exit_code == 0
    stories = json.loads(run((runner, db), "stories", "--json"))
    groups = {tuple(sorted(s["external_ids"])) for s in stories}
    assert ("000_8028ae54a2d1bd25", "001_e93594d4d072290d", "002_d750fd648b92bea0",
            "003_5ed99ae0c0ed6bfe") in groups
    assert len({s["storyline_id"] for s in stories}) == 1


def test_seed_entities_exclude_names_only_in_removed_noise(seeded):
    rows = json.loads(run(seeded, "entities", "--json"))
    latin = {r["latin"] for r in rows}
    assert {"Vladimir Putin", "Kim Jong Un", "TASS", "Kursk"} <= latin
    assert not latin & {"Donald Trump", "Trump", "Joe Biden", "Elon Musk", "Musk"}
    story = json.loads(run(seeded, "stories", "--json", "--order", "largest"))[0]["id"]
    ranked = json.loads(run(seeded, "entities", "--story", story, "--json"))
    assert ranked[0]["salience"] >= ranked[-1]["salience"]


SEED_ENTITIES = [
    "PER:vladimir-putin", "PER:kim-jong-un", "PER:volodimir-jelenski", "PER:enthani-blinkan",
    "PER:loyad-ostin", "PER:cho-tae-yul", "PER:kim-yong-hyun",
    "LOC:russia", "LOC:north-korea", "LOC:south-korea", "LOC:ukraine", "LOC:united-states",
    "LOC:moscow", "LOC:pyongyang", "LOC:kursk", "LOC:kyiv", "LOC:seoul", "LOC:washington",
    "LOC:donetsk",
    "ORG:tass", "ORG:kcna", "ORG:yonhap", "ORG:ani", "ORG:reuters", "ORG:state-duma",
    "ORG:united-nations",
]


def test_stored_seed_entities_are_the_ones_asked_for_each_once(seeded):
    # through ingest the cleaner cuts the credits "(एएनआई)" and "(फोटो: रॉयटर्स)": the
    # agencies they name are still entities of their reports
    rows = json.loads(run(seeded, "entities", "--json"))
    by_key = {r["key"]: r for r in rows}
    assert set(SEED_ENTITIES) <= set(by_key)
    latin = [r["latin"] for r in rows]
    assert all(latin.count(by_key[k]["latin"]) == 1 for k in SEED_ENTITIES)


def test_an_agency_credit_the_cleaner_cut_is_a_mention_of_its_report():
    from khabar.config import load_settings
    from khabar.model import Article
    from khabar.pipeline import prepare
    from khabar.steps.extract.entities import CREDIT_SENTENCE

    art = prepare(Article(external_id="c", raw_text="दिल्ली में बारिश हुई और सड़कें डूब गईं। (एएनआई)"),
                  load_settings())
    credit = [m for m in art.mentions if m.sentence == CREDIT_SENTENCE]
    assert [(m.text, m.type) for m in credit] == [("एएनआई", "ORG")]
    assert art.article.raw_text[credit[0].start:credit[0].end] == "एएनआई"


def test_bad_input_is_rejected_with_named_error_and_nothing_lost(seeded, tmp_path):
    runner, db = seeded
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "ok1", "title": "t", "body": "रूस में सैनिक हैं।"}\n{not json\n', encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * 100)
    result = runner.invoke(cli, ["ingest", "--db", db, "--no-progress", str(bad), str(binary)])
    assert result.exit_code == 3
    assert "bad.jsonl:2" in result.output and "blob.txt" in result.output
    rows = json.loads(run(seeded, "articles", "--json", "--limit", "100"))
    assert len(rows) == 6


def test_unknown_story_is_a_clear_error(seeded):
    runner, db = seeded
    result = runner.invoke(cli, ["story", "s-nope", "--db", db])
    assert result.exit_code != 0
    assert "s-nope" in str(result.exception) + result.output


def test_demo_writes_the_seed_story_report(tmp_path):
    result = CliRunner().invoke(cli, ["demo", "--output-dir", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    assert "offtopic-headline" in result.output and "ad-placeholder" in result.output
    html = (tmp_path / "demo" / "report.html").read_text(encoding="utf-8")
    md = (tmp_path / "demo" / "report.md").read_text(encoding="utf-8")
    assert "पुतिन" in html and "<script" not in html.lower().replace("<script type=\"application/json", "")
    assert "11,000" in md and "10,000" in md and "2024-11-09" in md


def test_seed_summary_covers_the_facts_with_citations(seeded):
    stories = json.loads(run(seeded, "stories", "--json", "--order", "largest"))
    data = json.loads(run(seeded, "summary", stories[0]["id"], "--json"))
    sentences = data["sentences"]
    assert len(sentences) <= 6
    text = " ".join(s["text"] for s in sentences)
    assert "अनुच्छेद 51" in text and "12 नवंबर" in text and "जून" in text
    assert "10,000" in text or "11,000" in text
    signing = next(s for s in sentences if "पुतिन" in s["text"] and "हस्ताक्षर" in s["text"])
    assert len(signing["citations"]) >= 3
    assert any(s["conflicts"] for s in sentences)
    assert all(s["citations"] and s["citations"][0] == s["external_id"] for s in sentences)


@pytest.mark.parametrize("name", ["Putin", "पुतिन", "व्लादिमीर पुतिन"])
def test_entity_found_by_any_spelling_or_script(seeded, name):
    data = json.loads(run(seeded, "entity", name, "--json"))
    assert data["key"] == "PER:vladimir-putin"
    assert {"पुतिन", "व्लादिमीर पुतिन"} <= set(data["aliases"])
    assert data["stories"]


def test_entity_lists_its_stories_up_to_a_limit_and_counts_them_all():
    from khabar.render import render
    from khabar.store.rows import EntityRow, EntityStoryRow
    from khabar.views.pages import EntityPage

    row = EntityRow(key="PER:x", type="PER", display="क", latin="K", aliases={"क": 3}, roles={})
    stories = [EntityStoryRow(story_id=f"s-{i:06d}", first="2020-03-21", last="2020-03-21", mentions=1) for i in range(2)]
    page = EntityPage(row, stories, stories_total=5)
    assert "3 more stories (of 5" in render(page, "text")
    assert json.loads(render(page, "json"))["stories_total"] == 5


def test_storyline_timeline_has_the_seed_events_and_background(seeded):
    line = json.loads(run(seeded, "stories", "--json"))[0]["storyline_id"]
    events = json.loads(run(seeded, "timeline", line, "--json"))["events"]
    by_date = {e["date"]: e for e in events if not e["report"]}
    for day in ("2024-06-19", "2024-10-15", "2024-11-09", "2024-11-12"):
        assert day in by_date and not by_date[day]["background"]
    for background in ("2022-02", "2023-09", "1961"):
        assert by_date[background]["background"]
    assert by_date["2024-11-09"]["inferred"]  # the year came from the storyline
    assert {s["external_id"] for s in by_date["2024-11-09"]["support"]} >= {
        "000_8028ae54a2d1bd25", "001_e93594d4d072290d", "003_5ed99ae0c0ed6bfe"}


def test_seed_claims_show_the_troop_figures_side_by_side(seeded):
    story = json.loads(run(seeded, "stories", "--json", "--order", "largest"))[0]["id"]
    data = json.loads(run(seeded, "claims", story, "--json"))
    values = {(c["value"], c["speaker"].split()[-1] if c["speaker"] else "") for c in data["claims"]}
    assert ("10000", "ब्लिंकन") in values and ("8000", "ब्लिंकन") in values
    assert any(v == "11000" and "ज़ेलेंस्की" in s for v, s in values)
    kinds = {c["kind"] for c in data["conflicts"]}
    assert "value" in kinds
    troop_conflict = next(c for c in data["conflicts"] if c["kind"] == "value")
    assert {"10000", "11000"} <= {c["value"] for c in troop_conflict["claims"]} or \
        {"8000", "11000"} <= {c["value"] for c in troop_conflict["claims"]}


def test_ingest_writes_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, seeds_dir, new_db):
    result = CliRunner().invoke(cli, ["ingest", "--db", new_db("bar"), str(seeds_dir)])
    assert result.exit_code == 0, result.output
    assert "\r" not in result.output and "reports/s" not in result.output
