"""Cleaning on the bundled seed reports and on short reports written for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import regex

from khabar.config import CleanSettings
from khabar.model import Article
from khabar.steps.clean import clean_article, cohesion
from khabar.text.normalize import nfc

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "seeds"
FIX = Path(__file__).parent / "fixtures" / "clean"
EXPECTED = json.loads((FIX / "seeds_expected.json").read_text(encoding="utf-8"))


def _seed(name: str) -> Article:
    return Article(name, (SEEDS / f"{name}.txt").read_text(encoding="utf-8"))


def _flat(text: str) -> str:
    return " ".join(nfc(text).split())


@pytest.fixture(scope="module")
def cleaned() -> dict[str, Article]:
    return {name: clean_article(_seed(name), CleanSettings()) for name in EXPECTED}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_noise_removed_with_reason(cleaned, name):
    art = cleaned[name]
    got = {(r.text, r.reason) for r in art.removed}
    for text, reason in EXPECTED[name]["removed"]:
        assert (text, reason) in got, (text, reason, got)
    # nothing else is cut from the seeds
    assert len(got) == len(EXPECTED[name]["removed"]), got


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_removed_spans_are_exact_offsets_into_raw(cleaned, name):
    art = cleaned[name]
    for r in art.removed:
        assert art.raw_text[r.start : r.end] == r.text
    ends = [(r.start, r.end) for r in art.removed]
    assert all(a[1] <= b[0] for a, b in zip(ends, ends[1:])), "spans overlap"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_sentence_of_the_real_text_survives(cleaned, name):
    art = cleaned[name]
    real = art.raw_text
    for text, _ in EXPECTED[name]["removed"]:
        real = real.replace(text, "\n", 1)
    clean = _flat(art.clean_text)
    pieces = [p for line in real.split("\n") for p in regex.split(r"(?<=[।?!])", line)]
    for piece in pieces:
        piece = _flat(piece)
        if regex.search(r"\p{L}", piece):
            assert piece in clean, piece
    for keep in EXPECTED[name]["keep"]:
        assert _flat(keep) in clean


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_noise_is_not_in_clean_text(cleaned, name):
    clean = cleaned[name].clean_text
    for text, reason in EXPECTED[name]["removed"]:
        if reason in ("dateline", "stray-punct", "kicker"):
            continue  # short strings that also occur inside real sentences
        if reason == "title":
            assert not clean.startswith(text)
            continue
        assert text.strip() not in clean


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_fields(cleaned, name):
    art = cleaned[name]
    for field, want in EXPECTED[name]["fields"].items():
        if field.startswith("metadata."):
            got = art.metadata.get(field.split(".", 1)[1])
        elif field == "published":
            got = art.published.isoformat()
        else:
            got = getattr(art, field)
        assert got == want, field
    assert art.language == "hi"
    assert art.clean_text == nfc(art.clean_text)
    assert art.sentences and all(art.clean_text[s.start : s.end] == s.text for s in art.sentences)


def test_in_topic_subheads_are_sentences_of_their_own(cleaned):
    texts = [s.text for s in cleaned["003_5ed99ae0c0ed6bfe"].sentences]
    assert "पुतिन-किम ने किए कई समझौते" in texts
    assert "उत्तर कोरिया ने रूस को भेजे सैनिक" in texts
    assert not any("ट्रंप" in t for t in texts)


def test_broken_quote_lines_are_joined(cleaned):
    texts = [s.text for s in cleaned["004_a6e2b2736be51a55"].sentences]
    assert any(t.startswith('किम के हवाले से कहा गया, "डेमोक्रेटिक पीपुल्स') and t.endswith('है।"') for t in texts)
    assert "डेमोक्रेटिक" not in texts


def test_stamp_does_not_override_metadata_date():
    from datetime import datetime

    art = _seed("004_a6e2b2736be51a55")
    art.published = datetime(2024, 6, 19)
    out = clean_article(art, CleanSettings())
    assert out.published == datetime(2024, 6, 19)
    assert "published_from" not in out.metadata
    assert not out.published_inferred


def test_given_title_repeated_on_first_line_is_cut():
    art = _seed("004_a6e2b2736be51a55")
    art.title = "North Korea : किम ने यूक्रेन में रूस के युद्ध के लिए ‘पूर्ण समर्थन’ की शपथ ली"
    out = clean_article(art, CleanSettings())
    assert out.title == art.title
    assert [r.detail for r in out.removed if r.reason == "title"] == ["repeats the title"]


def test_input_article_is_not_changed():
    art = _seed("001_e93594d4d072290d")
    clean_article(art, CleanSettings())
    assert art.clean_text == "" and art.removed == [] and "source_url" not in art.metadata


def test_synthetic_offtopic_line_cut_and_subhead_kept():
    raw = (FIX / "synthetic_offtopic.txt").read_text(encoding="utf-8")
    out = clean_article(Article("syn", raw), CleanSettings())
    off = [r for r in out.removed if r.reason == "offtopic-headline"]
    assert [r.text for r in off] == ["क्रिकेट विश्व कप में भारत ने ऑस्ट्रेलिया को हराया, कोहली ने जड़ा शानदार शतक"]
    assert "राहत शिविरों में बढ़ी भीड़" in out.clean_text
    assert out.dateline == "पटना"
    assert out.clean_text.startswith("बिहार में बाढ़")


def test_offtopic_threshold_is_a_setting():
    raw = (FIX / "synthetic_offtopic.txt").read_text(encoding="utf-8")
    out = clean_article(Article("syn", raw), CleanSettings(offtopic_max_cohesion=0.0))
    assert not [r for r in out.removed if r.reason == "offtopic-headline"]


def test_list_items_are_not_offtopic():
    body = (FIX / "synthetic_offtopic.txt").read_text(encoding="utf-8").split("\n\n")[0]
    raw = body + "\nक्या खुला रहेगा\n- दवा की दुकानें और अस्पताल खुले रहेंगे सुबह से शाम तक\n- दूध और सब्जी की दुकानें खुली रहेंगी पूरे दिन\n"
    out = clean_article(Article("list", raw), CleanSettings())
    assert not [r for r in out.removed if r.reason == "offtopic-headline"]
    assert "दूध और सब्जी की दुकानें" in out.clean_text


def test_cohesion_counts_inflections_and_compound_parts():
    stop = frozenset()
    score, n = cohesion("पुतिन-किम समझौता", "पुतिन और किम ने समझौते किए", stop)
    assert n == 3 and score == 1.0
    score, _ = cohesion("क्रिकेट शतक कोहली", "पुतिन और किम ने समझौते किए", stop)
    assert score == 0.0


def test_english_report():
    raw = (FIX / "synthetic_english.txt").read_text(encoding="utf-8")
    out = clean_article(Article("en", raw), CleanSettings())
    reasons = {r.reason for r in out.removed}
    assert {"title", "update-stamp", "ad-placeholder", "related-links", "tags-line"} <= reasons
    assert out.title == "Flood waters rise in eastern India"
    assert out.published.isoformat() == "2024-07-02T10:15:00+05:30"
    assert out.language == "en"
    assert "Advertisement" not in out.clean_text and "Tags" not in out.clean_text
    texts = [s.text for s in out.sentences]
    assert any(t.startswith("Dr. R. K. Singh") and "1.5 tonnes" in t for t in texts)


def test_empty_and_noise_only_input():
    out = clean_article(Article("e", ""), CleanSettings())
    assert out.clean_text == "" and out.sentences == [] and out.language is None
    out = clean_article(Article("n", "[विज्ञापन_2]\nटिप्पणी (0)\n"), CleanSettings())
    assert out.clean_text == "" and len(out.removed) == 2


def test_english_dateline():
    raw = (FIX / "synthetic_english.txt").read_text(encoding="utf-8")
    out = clean_article(Article("en", raw), CleanSettings())
    assert out.dateline == "Patna"
    assert out.clean_text.startswith("Rivers in twelve districts")


@pytest.mark.parametrize(
    "line,reason,iso",
    [
        ("Update: 2024-06-20 07:40 GMT", "update-stamp", "2024-06-20T07:40:00+00:00"),
        ("Sat, Mar 14, 2020, 6:13 PM IST", "update-stamp", "2020-03-14T18:13:00+05:30"),
        ("Edited By A B | Outlet | Updated: 01 Mar 2020, 02:53:00 PM IST", "byline-stamp", "2020-03-01T14:53:00+05:30"),
        ("अपडेटेड: 20 जून 2024, 07:40 IST", "update-stamp", "2024-06-20T07:40:00+05:30"),
    ],
)
def test_date_stamps(line, reason, iso):
    out = clean_article(Article("s", line + "\nरूसी राष्ट्रपति ने संधि पर हस्ताक्षर किए।", title="t"), CleanSettings())
    assert [(r.reason, r.text) for r in out.removed] == [(reason, line)]
    assert out.published.isoformat() == iso
    assert out.metadata["published_from"] == "text-stamp"
    assert out.clean_text == "रूसी राष्ट्रपति ने संधि पर हस्ताक्षर किए।"


def test_words_before_colon_in_a_sentence_are_no_dateline():
    out = clean_article(Article("d", "उन्होंने कहा: हम तैयार हैं। मोदी आए। फिर गए।", title="t"), CleanSettings())
    assert out.dateline is None and out.removed == []


def test_sentence_broken_over_first_lines_is_no_title():
    raw = "रूसी राष्ट्रपति व्लादिमीर पुतिन ने\nउत्तर कोरिया के साथ संधि पर हस्ताक्षर किए। यह संधि अहम है।"
    out = clean_article(Article("b", raw), CleanSettings())
    assert out.title == "" and not out.removed
    assert out.sentences[0].text == "रूसी राष्ट्रपति व्लादिमीर पुतिन ने उत्तर कोरिया के साथ संधि पर हस्ताक्षर किए।"


def test_english_sentence_with_colon_is_no_kicker():
    raw = "The minister said: the plan will start on Monday. Officials agreed."
    out = clean_article(Article("k", raw, title="t"), CleanSettings())
    assert out.removed == [] and out.clean_text == raw


def test_title_line_with_inline_noise_is_cut_whole():
    raw = "किम ने रूस का समर्थन किया (फोटो: रॉयटर्स)\n\nउत्तर कोरिया के नेता किम ने बुधवार को रूस का समर्थन किया।"
    out = clean_article(Article("t", raw), CleanSettings())
    assert out.title == "किम ने रूस का समर्थन किया"
    assert out.clean_text == "उत्तर कोरिया के नेता किम ने बुधवार को रूस का समर्थन किया।"
    assert "".join(r.text for r in sorted(out.removed, key=lambda r: r.start)) == raw.split("\n")[0]


def test_subheads_are_kept_by_cohesion_not_only_by_their_length():
    out = clean_article(_seed("003_5ed99ae0c0ed6bfe"), CleanSettings(offtopic_min_words=2))
    off = [r.text for r in out.removed if r.reason == "offtopic-headline"]
    assert len(off) == 2 and all("ट्रंप" in t for t in off)
    assert "पुतिन-किम ने किए कई समझौते" in out.clean_text
    assert "उत्तर कोरिया ने रूस को भेजे सैनिक" in out.clean_text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_windows_line_ends_give_the_same_result(cleaned, name):
    art = _seed(name)
    crlf = clean_article(Article(name, art.raw_text.replace("\n", "\r\n")), CleanSettings())
    assert crlf.clean_text == cleaned[name].clean_text
    assert [r.reason for r in crlf.removed] == [r.reason for r in cleaned[name].removed]

