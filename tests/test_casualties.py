"""Casualty figures without a number, parts of a toll, and spellings split by ZWJ.
Sentences written for these tests."""

from khabar.steps.extract.quantities import casualties, extract_quantities


def cas(text):
    return [(c.text, c.kind, c.value, c.hedge, c.whole) for c in casualties(text, extract_quantities(text))]


def test_named_person_without_a_number():
    assert cas("हादसे में बाइक सवार राकेश की मौके पर ही मौत हो गई।") == [
        ("सवार राकेश की मौके पर ही मौत", "dead", 1, "", True)]


def test_people_joined_by_and_are_counted():
    got = cas("टक्कर में उसकी पत्नी व भतीजी गंभीर रूप से घायल हो गईं।")
    assert [(t, k, v) for t, k, v, _, _ in got] == [("पत्नी व भतीजी गंभीर रूप से घायल", "injured", 2)]


def test_pronoun_and_gave_up():
    got = cas("अस्पताल ले जाते समय उसकी मौत हो गई। वहीं सोहन ने इलाज के दौरान दम तोड़ दिया।")
    assert [(k, v) for _, k, v, _, _ in got] == [("dead", 1), ("dead", 1)]


def test_plural_noun_without_number_is_vague():
    got = cas("जंगल की आग में कई जंगली जानवर और पक्षी भी मारे गए। सेना के जवान भी शहीद हो गए।")
    assert ("जवान भी शहीद", "dead", None, "vague", True) in got


def test_not_casualties():
    for text in ("इस घटना में किसी की मौत नहीं हुई।", "अदालत ने उसकी मौत की सजा बरकरार रखी।",
                 "बचाव दल ने 21 लोगों की जान बचाई।", "खेत में दो गायों की मौत हो गई।",
                 "तट के पास एक मछली पकड़ने वाली नौका के लापता होने की खबर है।",
                 "मछुआरे अपनी 60 नावों समेत लापता हो गए।"):
        assert cas(text) == [], text


def test_count_that_gave_up_is_dead_not_an_agent():
    got = cas("बस पलटने के बाद आठ लोगों ने घटनास्थल पर ही दम तोड़ दिया।")
    assert [(k, v) for _, k, v, _, _ in got] == [("dead", 8)]


def test_parts_before_samet_take_the_kind_of_the_whole():
    got = cas("धमाके में तीन जवानों और दो बच्चों समेत 11 लोगों की मौत हो गई।")
    assert [(v, k, w) for _, k, v, _, w in got] == [(3, "dead", False), (2, "dead", False), (11, "dead", True)]


def test_zwj_split_spelling():
    got = cas("हादसे में नौ लोगों की मौत हो गई, जबकि 22 अन्\u200dय गंभीर रूप से जख्\u200dमी हो गए।")
    assert [(k, v) for _, k, v, _, _ in got] == [("dead", 9), ("injured", 22)]


def test_part_of_the_dead_without_a_noun():
    got = cas("बाढ़ से 40 लोगों की मौत हुई है। मरने वालों में 18 बच्चे हैं।")
    assert [(v, k, w) for _, k, v, _, w in got] == [(40, "dead", True), (18, "dead", False)]


def test_object_of_a_wounding():
    got = cas("लुटेरों ने विरोध करने पर उसकी पत्नी को घायल कर दिया।")
    assert [(k, v) for _, k, v, _, _ in got] == [("injured", 1)]


def test_negated_more_than_is_at_most():
    got = cas("सरकार मृतकों की तादाद 23,000 से ज्यादा नहीं बता रही।")
    assert [(v, k, h) for _, k, v, h, _ in got] == [(23000, "dead", "at-most")]
