import pytest

from khabar.steps.extract.quantities import extract_quantities, scope_key


@pytest.mark.parametrize("text,value,unit,hedge", [
    ("रूस में लगभग 10,000 उत्तर कोरियाई सैनिक हैं", 10000, "सैनिक", "about"),
    ("10,000 से ज़्यादा सैनिक", 10000, "सैनिक", "more-than"),
    ("कम से कम 7 यात्रियों की मौत", 7, "यात्री", "at-least"),
    ("1,00,000 लोग बेघर", 100000, "लोग", ""),
    ("१२ लोग घायल", 12, "लोग", ""),
    ("दस हज़ार सैनिक", 10000, "सैनिक", ""),
    ("1.5 लाख लोग", 150000, "लोग", ""),
    ("2 करोड़ रुपये", 20000000, "रुपया", ""),
    ("करीब 500 से अधिक लोग", 500, "लोग", "more-than"),
    ("हजारों सैनिक भेजे", 1000, "सैनिक", "vague"),
])
def test_values_units_hedges(text, value, unit, hedge):
    q = extract_quantities(text)[0]
    assert (q.value, q.unit, q.hedge) == (value, unit, hedge)


def test_dates_years_and_labels_are_not_counts():
    assert extract_quantities("संयुक्त राष्ट्र चार्टर के अनुच्छेद 51 के अनुसार") == []
    assert extract_quantities("15 अक्टूबर को और फरवरी 2022 में और 1961 में") == []
    assert extract_quantities("एक बैठक हुई") == []


def test_scope_and_subset():
    qs = extract_quantities("वर्तमान में रूस में लगभग 10,000 उत्तर कोरियाई सैनिक हैं, जिनमें से लगभग 8,000 कुर्स्क क्षेत्र में तैनात हैं।")
    assert [(q.value, q.unit, scope_key(q.scope)) for q in qs] == [(10000, "सैनिक", "रूस"), (8000, "सैनिक", "कुर्स्क")]
    q = extract_quantities("लगभग 11,000 उत्तर कोरियाई सैनिक पहले से ही रूस के कुर्स्क क्षेत्र में हैं।")[0]
    assert q.scope == "रूस के कुर्स्क क्षेत्र में" and scope_key(q.scope) == "कुर्स्क"


def test_number_of_phrase_gives_the_counted_thing():
    q = extract_quantities("मरने वालों की संख्या बढ़कर 37 हो गई")[0]
    assert (q.value, q.unit) == (37, "मृतक")
    assert extract_quantities("ट्रेन संख्या 12345 रद्द") == []
