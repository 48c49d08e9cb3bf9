"""Sentence splitting: a hand-made hard set of news-style cases (written for khabar)."""

from __future__ import annotations

import pytest

from khabar.steps.segment import split_sentences, tokenize

HARD = [
    # danda, and a closing quote after it stays with the sentence
    ('उन्होंने कहा, "हम तैयार हैं।" बैठक खत्म हुई।',
     ['उन्होंने कहा, "हम तैयार हैं।"', "बैठक खत्म हुई।"]),
    ("उन्होंने कहा, “हम तैयार हैं।” बैठक खत्म हुई।",
     ["उन्होंने कहा, “हम तैयार हैं।”", "बैठक खत्म हुई।"]),
    # a quote closed after the danda with text following on the same sentence
    ('प्रस्तावना में कहा गया है "यह शांति में योगदान देता है।" ने बताया। आगे बढ़े।',
     ['प्रस्तावना में कहा गया है "यह शांति में योगदान देता है।"', "ने बताया।", "आगे बढ़े।"]),
    # abbreviations and initials
    ("डॉ. राम ने जांच की। लॉयड जे. ऑस्टिन III भी मौजूद थे।",
     ["डॉ. राम ने जांच की।", "लॉयड जे. ऑस्टिन III भी मौजूद थे।"]),
    ("के. चंद्रशेखर राव और मो. इमरान पहुंचे। बैठक हुई।",
     ["के. चंद्रशेखर राव और मो. इमरान पहुंचे।", "बैठक हुई।"]),
    ("प. बंगाल की मुख्यमंत्री ने बैठक की। डाॅ. अनामिका ने बताया।",
     ["प. बंगाल की मुख्यमंत्री ने बैठक की।", "डाॅ. अनामिका ने बताया।"]),
    # decimals and times are not ends
    ("वृद्धि दर 1.5 प्रतिशत रही। बैठक 10.30 बजे शुरू हुई।",
     ["वृद्धि दर 1.5 प्रतिशत रही।", "बैठक 10.30 बजे शुरू हुई।"]),
    # a dot after a Hindi word ends a sentence (some dailies use it for the danda)
    ("मामला दर्ज किया गया है. बता दें कि जांच जारी है.",
     ["मामला दर्ज किया गया है.", "बता दें कि जांच जारी है."]),
    # space before the danda
    ("संक्रमितों की संख्या बढ़कर 29 हो गई है  । अस्पताल तैयार हैं ।",
     ["संक्रमितों की संख्या बढ़कर 29 हो गई है  ।", "अस्पताल तैयार हैं ।"]),
    # a number right before the danda
    ("मरने वालों की संख्या 12। घायल 30।", ["मरने वालों की संख्या 12।", "घायल 30।"]),
    # ? and ! and their combination
    ("क्या युद्ध खत्म होगा?! कोई नहीं जानता! देखते हैं।",
     ["क्या युद्ध खत्म होगा?!", "कोई नहीं जानता!", "देखते हैं।"]),
    # a headline without punctuation ends at the line break
    ("पुतिन-किम ने किए कई समझौते\nबता दें कि, इसी साल जून में शिखर सम्मेलन हुआ।",
     ["पुतिन-किम ने किए कई समझौते", "बता दें कि, इसी साल जून में शिखर सम्मेलन हुआ।"]),
    # a stray dot after a danda joins the sentence before it
    ("जो आत्मरक्षा की अनुमति देता है। .\nइस बीच सेना आगे बढ़ी।",
     ["जो आत्मरक्षा की अनुमति देता है। .", "इस बीच सेना आगे बढ़ी।"]),
    # URLs and ellipses do not split
    ("स्रोत vtcnews.vn पर है। वह बोले... फिर चुप हो गए।",
     ["स्रोत vtcnews.vn पर है।", "वह बोले... फिर चुप हो गए।"]),
    # English
    ("Mr. J. Smith left the U.S. in 2022. He said 1.5 million people moved. Why? Nobody knows!",
     ["Mr. J. Smith left the U.S. in 2022.", "He said 1.5 million people moved.", "Why?", "Nobody knows!"]),
    ('"We are ready." The talks ended.', ['"We are ready."', "The talks ended."]),
    ("He told us. Then he left the U.K. on Monday.", ["He told us.", "Then he left the U.K. on Monday."]),
    # English inside Hindi
    ("रूसी समाचार एजेंसी TASS के अनुसार, किम ने कहा। Russia in Ukraine पर चर्चा हुई।",
     ["रूसी समाचार एजेंसी TASS के अनुसार, किम ने कहा।", "Russia in Ukraine पर चर्चा हुई।"]),
]


@pytest.mark.parametrize("text,want", HARD)
def test_hard_cases(text, want):
    assert [s.text for s in split_sentences(text)] == want


def test_offsets_and_paragraphs():
    text = "पहला वाक्य। दूसरा वाक्य।\n\nशीर्षक बिना विराम\nतीसरा वाक्य।"
    sents = split_sentences(text)
    assert [s.paragraph for s in sents] == [0, 0, 1, 2]
    assert [s.index for s in sents] == [0, 1, 2, 3]
    for s in sents:
        assert text[s.start : s.end] == s.text


def test_empty_and_punctuation_only():
    assert split_sentences("") == []
    assert split_sentences("\n\n  \n") == []
    assert [s.text for s in split_sentences("। ।")] == []


def test_numbered_list_item_is_not_split():
    assert [s.text for s in split_sentences("1. पहला कदम उठाया गया")] == ["1. पहला कदम उठाया गया"]


def test_tokenize_keeps_vowel_signs_and_numbers():
    toks = [t for _, _, t in tokenize("किम जोंग-उन ने 10,000 सैनिक भेजे।")]
    assert toks == ["किम", "जोंग-उन", "ने", "10,000", "सैनिक", "भेजे"]


def test_a_run_without_sentence_ends_is_cut_at_spaces_into_bounded_sentences():
    from khabar.steps.segment import MAX_SENTENCE_CHARS

    text = "शब्द " * 3000 + "अंत। दूसरा वाक्य।"
    sents = split_sentences(text)
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sents)
    assert all(text[s.start:s.end] == s.text and not s.text.endswith(" ") for s in sents)
    assert sents[-1].text == "दूसरा वाक्य।" and [s.index for s in sents] == list(range(len(sents)))
    # every word is in exactly one piece, none split in the middle
    assert sum(s.text.split().count("शब्द") for s in sents) == 3000
    glued = split_sentences("क" * 5000)  # no space at all: cut at the bound itself
    assert [len(s.text) for s in glued] == [MAX_SENTENCE_CHARS, MAX_SENTENCE_CHARS, 1000]


def test_span_index_gives_the_sentence_holding_an_offset():
    from khabar.model import SpanIndex

    text = "पहला वाक्य। दूसरा वाक्य।\nतीसरा"
    sents = split_sentences(text)
    finder = SpanIndex(sents)
    for s in sents:
        assert finder.at(s.start) is s and finder.at(s.end - 1) is s
    assert finder.at(sents[0].end) is None  # the space between two sentences
    assert finder.at(-1) is None and SpanIndex([]).at(0) is None
