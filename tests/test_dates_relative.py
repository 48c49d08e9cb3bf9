"""Relative time words resolved by the verb's tense and the publication date; spans of
vague and ranged counts. Sentences written for these tests."""

from datetime import date

import pytest

from khabar.steps.extract.dates import find_event_times, find_times

REF = date(2024, 11, 13)  # a Wednesday


def one(text, ref=REF):
    found = find_times(text, ref)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,value", [
    ("सोमवार को पुल गिर गया था।", "2024-11-11"),       # past: the last Monday
    ("शुक्रवार को समिति की बैठक होगी।", "2024-11-15"),  # future: the coming Friday
    ("बुधवार को राहत सामग्री बांटी जाएगी।", "2024-11-13"),  # that day itself
    ("अगले सोमवार को सुनवाई होगी।", "2024-11-18"),
    ("पिछले शुक्रवार को आग लगी।", "2024-11-08"),
])
def test_weekday_alone_follows_tense(text, value):
    assert one(text).value == value


@pytest.mark.parametrize("text,value,gran", [
    ("कल शाम बस पलट गई थी।", "2024-11-12", "day"),
    ("कल से स्कूल खुलेंगे।", "2024-11-14", "day"),
    ("पिछले सप्ताह", "2024-W45", "week"),
    ("पिछले सितंबर में", "2024-09", "month"),
    ("इस साल जून में", "2024-06", "month"),
    ("अगले साल मार्च में", "2025-03", "month"),
])
def test_relative_words(text, value, gran):
    t = one(text)
    assert (t.value, t.granularity) == (value, gran)
    assert t.inferred


@pytest.mark.parametrize("text,span", [
    ("कुछ दिन पहले ही यहां भूस्खलन हुआ था।", "कुछ दिन पहले"),
    ("पिछले कई सालों से गांव में बाढ़ आती है।", "पिछले कई सालों"),
    ("अगले दो-तीन दिन तक लू चलेगी।", "अगले दो-तीन दिन"),
    ("पिछले एक पखवाड़े में बुखार के मरीज बढ़े।", "पिछले एक पखवाड़े"),
])
def test_vague_and_ranged_spans(text, span):
    t = one(text)
    assert t.text == span
    assert t.value is None  # how many days is not said, so no date


def test_some_days_ago_keeps_direction_not_a_date():
    t = one("कुछ दिन पहले आग लगी थी।")
    assert t.note == "some before"


def test_incident_noun_dates_itself():
    text = "घटना मंगलवार दोपहर 3 बजे की है। रविवार को पारा 46 डिग्री तक पहुंच गया।"
    times = find_times(text, None)
    assert [t.text for t in find_event_times(text, times)] == ["मंगलवार दोपहर 3 बजे", "रविवार"]


def test_clock_with_a_dot_is_a_moment_only_before_par():
    assert [t.text for t in find_times("करीब 8.57 मिनट पर झटके महसूस किए गए।", None)] == ["करीब 8.57 मिनट"]
    assert find_times("दौड़ उसने 8.57 मिनट में पूरी की।", None) == []


def test_a_date_heading_a_list_item_dates_the_item():
    text = "पिछले हादसे: 20 मार्च 2015: एक एक्सप्रेस पटरी से उतर गई। 4 अगस्त 2015 - दो ट्रेनें डिरेल हुईं।"
    times = find_times(text, None)
    assert [t.text for t in find_event_times(text, times)] == ["20 मार्च 2015", "4 अगस्त 2015"]


# The cases: the verb group of the clause decides the direction, its tense words
# being whole words (lang/hi/tense.py), not endings that also end nouns.
@pytest.mark.parametrize("text,value", [
    ("बुधवार को जांच रिपोर्ट आयी थी।", "2024-11-13"),                     # past perfect: that day (today)
    ("मंगलवार को जांच रिपोर्ट आयी थी।", "2024-11-12"),                    # past perfect: the last Tuesday
    ("गुरुवार को रिपोर्ट आयी थी।", "2024-11-07"),                          # past: the last Thursday, not tomorrow
    ("सरकार ने दुकानदारों से सोमवार से दुकानें बंद रखने को कहा।", "2024-11-18"),  # an order from Monday: the coming one
    ("प्रशासन ने शुक्रवार को नई व्यवस्था लागू कर दी है।", "2024-11-08"),     # present perfect: the past Friday
    ("शनिवार को स्कूल खुल सकते हैं।", "2024-11-16"),                       # possibility: the coming Saturday
    ("कल मरीज को अस्पताल से छुट्टी दी गई।", "2024-11-12"),                 # कल + past: yesterday
    ("कल मरीज को अस्पताल से छुट्टी दी जाएगी।", "2024-11-14"),              # कल + future: tomorrow
])
def test_the_tense_of_the_verb_group_sets_the_direction(text, value):
    assert one(text).value == value


@pytest.mark.parametrize("text", ["पिछले दिनों बाजार में भीड़ रही।", "बीते दिनों कई लोग लौटे।"])
def test_recent_days_stay_vague(text):
    t = one(text)
    assert t.value is None and t.granularity == "vague"


def test_the_previous_day_is_still_a_day():
    assert one("पिछले दिन बाजार बंद रहा।").value == "2024-11-12"
