"""Known places as claims read them: names, nesting, and which place a place word means."""

from khabar import lang
from khabar.analysis.places import places


def test_a_scope_names_a_known_place_by_its_latin_name():
    known = places(lang.get("hi"))
    assert known.name("रूस के कुर्स्क क्षेत्र में") == "Kursk"
    assert known.name("मध्य प्रदेश में") == "Madhya Pradesh"
    assert known.name("निगरानी में") == ""


def test_places_nest():
    known = places(lang.get("hi"))
    assert known.within("Kursk", "Russia") and known.within("Noida", "India")
    assert not known.within("Russia", "Kursk") and not known.within("Patna", "Gujarat")


def test_a_place_word_means_the_place_of_its_kind_named_last():
    known = places(lang.get("hi"))
    assert known.last_named(("state", "union territory"), "गुजरात में छह मामले सामने आए, ") == "गुजरात"
    # a city names the union territory it lies in
    assert known.last_named(("union territory",), "लेह में दो और करगिल में एक शख्स पॉजिटिव पाया गया।") == "लद्दाख"
    assert known.last_named(("country",), "दिल्ली में 5 मामले।") == "भारत"
    assert known.last_named(("country",), "कोई जगह नहीं।") == ""
