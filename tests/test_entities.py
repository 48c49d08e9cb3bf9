"""Mention detection: CRF + cues on short Hindi and English texts written for the tests."""

from pathlib import Path

import pytest

from khabar.model import Article, Sentence
from khabar.steps.extract.entities import extract_mentions

FIX = Path(__file__).parent / "fixtures" / "entities"


def _article(text: str, lang: str = "hi", segment: bool = True) -> Article:
    sents = []
    if segment:
        pos = 0
        for i, line in enumerate(text.splitlines(keepends=True)):
            sents.append(Sentence(i, pos, pos + len(line.rstrip("\n")), line.rstrip("\n")))
            pos += len(line)
    return Article(external_id="t", raw_text=text, clean_text=text, language=lang,
                   sentences=sents, id=7)


@pytest.fixture(scope="module")
def hi():
    art = _article((FIX / "short_hi.txt").read_text(encoding="utf-8"))
    return art, extract_mentions(art)


def _find(mentions, text):
    return [m for m in mentions if m.text == text]


def test_offsets_point_into_clean_text(hi):
    art, ms = hi
    assert ms
    for m in ms:
        assert art.clean_text[m.start:m.end] == m.text
        assert m.article_id == 7
        assert m.type in ("PER", "LOC", "ORG")


def test_title_before_name_is_the_role(hi):
    _, ms = hi
    putin = _find(ms, "व्लादिमीर पुतिन")
    assert putin and putin[0].type == "PER" and putin[0].role == "रूसी राष्ट्रपति"
    kim = _find(ms, "किम जोंग उन")  # "उन" before "के" stays in the name
    assert kim and kim[0].role == "उत्तर कोरियाई नेता"
    minister = _find(ms, "किम योंग-ह्यून")
    assert minister and minister[0].role == "दक्षिण कोरिया के रक्षा मंत्री"


def test_agencies_and_latin_names_in_hindi(hi):
    _, ms = hi
    types = {(m.text, m.type) for m in ms}
    for expected in [("टैस", "ORG"), ("TASS", "ORG"), ("एएनआई", "ORG"), ("Russia", "LOC"),
                     ("North Korea", "LOC"), ("Putin", "PER"), ("मास्को", "LOC")]:
        assert expected in types


def test_demonyms_are_not_mentions(hi):
    _, ms = hi
    texts = {m.text for m in ms}
    assert "रूसी" not in texts and "यूक्रेनी" not in texts
    # a demonym before an organisation's head word names that organisation ("रूसी सेना",
    # the Russian army, as HiNER tags it), never a person or a place
    assert all(m.type == "ORG" for m in ms if m.text.startswith("रूसी सेना"))


def test_sentence_indexes(hi):
    _, ms = hi
    assert {m.sentence for m in _find(ms, "जेलेंस्की")} == {2}


def test_without_sentences_the_whole_text_is_one():
    text = "अमेरिकी विदेश मंत्री एंटनी ब्लिंकन ने कीव में कहा।"
    art = _article(text, segment=False)
    ms = extract_mentions(art)
    b = _find(ms, "एंटनी ब्लिंकन")
    assert b and b[0].role == "अमेरिकी विदेश मंत्री" and b[0].sentence == 0
    assert _find(ms, "कीव")[0].type == "LOC"


def test_raw_text_used_when_not_cleaned():
    art = Article(external_id="r", raw_text="पुतिन ने मॉस्को में कहा।")
    ms = extract_mentions(art)
    assert ("मॉस्को", "LOC") in {(m.text, m.type) for m in ms}


def test_title_mentions_only_on_request():
    art = _article("रूस ने बयान दिया।")
    art.title = "मॉस्को में बयान"
    assert all(m.sentence >= 0 for m in extract_mentions(art))
    with_title = extract_mentions(art, include_title=True)
    assert with_title[0].sentence == -1 and art.title[with_title[0].start:with_title[0].end]


def test_english_cues():
    text = (FIX / "short_en.txt").read_text(encoding="utf-8")
    ms = extract_mentions(_article(text, lang="en"))
    got = {(m.text, m.type, m.role) for m in ms}
    assert ("Cho Tae-yul", "PER", "Foreign Minister") in got
    assert ("Lloyd Austin", "PER", "Defense Secretary") in got
    assert ("Vladimir Putin", "PER", "President") in got
    assert ("Washington", "LOC", "") in got
    assert ("TASS", "ORG", "") in got
    assert not _find(ms, "Thursday") or _find(ms, "Thursday")[0].type != "PER"


def test_latin_non_names_in_hindi_are_skipped():
    art = _article("COVID-19 के लक्षण क्या हैं? Trump ने कहा कि ट्रंप प्रशासन तैयार है।")
    ms = extract_mentions(art)
    assert not any("COVID" in m.text for m in ms)
    assert {m.text for m in ms if m.type == "PER"} >= {"Trump", "ट्रंप"}


def test_gazetteer_place_inside_a_scheme_name_is_not_a_place():
    # the CRF reads "भारत" in a scheme's name as no name; the gazetteer does not force it
    ms = extract_mentions(_article("स्वच्छ भारत मिशन के तहत गांवों में शौचालय बनाए गए।\n"))
    assert not [m for m in ms if m.text == "भारत"]


def test_longer_name_around_a_known_place_keeps_its_extent():
    ms = extract_mentions(_article("उत्तर गुजरात में बारिश हुई और मंत्री ने भारत के लोगों से बात की।\n"))
    spans = {(m.text, m.type) for m in ms}
    assert ("उत्तर गुजरात", "LOC") in spans and ("गुजरात", "LOC") not in spans
    assert ("भारत", "LOC") in spans


def test_a_list_item_of_a_demonym_and_common_words_is_cut_from_the_name():
    text = "ज़ेलेंस्की ने उत्तर कोरियाई सैनिकों और यूक्रेनी सेना के बीच पहली लड़ाई की पुष्टि की।"
    found = {m.text for m in extract_mentions(_article(text))}
    assert not any(t.startswith("उत्तर कोरियाई सैनिकों") for t in found)
    text = "विज्ञान और प्रौद्योगिकी मंत्रालय ने आज नई नीति जारी की।"
    assert not any(m.text.startswith("प्रौद्योगिकी") for m in extract_mentions(_article(text)))


@pytest.mark.parametrize("text,name", [
    ("इसमें दिल्ली मेट्रो, लखनऊ मेट्रो और नोएडा मेट्रो शामिल हैं।", "दिल्ली मेट्रो"),
    ("दिल्ली विधानसभा का सत्र रद्द कर दिया गया।", "दिल्ली विधानसभा"),
])
def test_a_place_before_an_organisations_head_word_is_the_organisation(text, name):
    ms = extract_mentions(_article(text))
    assert (name, "ORG") in {(m.text, m.type) for m in ms}
    assert not [m for m in ms if m.text == name.split()[0]]  # not the place alone
