import pytest

from khabar.model import Sentence
from khabar.steps.extract.quantities import casualties, extract_quantities, scope_key


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
    # outlets put a zero-width joiner after the virama of ज्यादा
    ("20 से ज्\u200dयादा लोग घायल", 20, "लोग", "more-than"),
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


@pytest.mark.parametrize("text,value,hedge", [
    ("२ लाख ४०,००० लोग प्रभावित", 240000, ""),
    ("2 करोड़ 40 लाख लोग", 24000000, ""),
    ("पौने तीन लाख लोगों की मौत", 275000, ""),
    ("साढ़े तीन हजार लोग", 3500, ""),
    ("एक दर्जन से अधिक जख्मी", 12, "more-than"),
    ("ढाई सौ पेड़ और सौ से ज्यादा लोग", 100, "more-than"),
    ("कई लोग घायल हो गए", 2, "vague"),
])
def test_number_words_and_compounds(text, value, hedge):
    qs = [q for q in extract_quantities(text) if q.unit in ("लोग", "घायल")]
    assert len(qs) == 1 and (qs[0].value, qs[0].hedge) == (value, hedge)


def test_casualty_kinds_and_spans():
    text = ("जिससे कम से कम 9 यात्रियों की मौत हो गई तथा 31 अन्य जख्मी हो गए। 6 लोग लापता हैं। "
            "एक अधिकारी ने बताया कि करीब 400 लोग बेघर हो गए और दो अन्य गंभीर रूप से घायल हैं।")
    cs = casualties(text, extract_quantities(text))
    assert [(c.text, c.kind, c.value, c.hedge) for c in cs] == [
        ("कम से कम 9 यात्रियों की मौत", "dead", 9, "at-least"),
        ("31 अन्य जख्मी", "injured", 31, ""),
        ("6 लोग लापता", "missing", 6, ""),
        ("करीब 400 लोग बेघर", "affected", 400, "about"),
        ("दो अन्य गंभीर रूप से घायल", "injured", 2, ""),
    ]


def test_counts_that_are_not_casualties():
    for text in ("एक अधिकारी ने बताया कि राहत जारी है।", "180 यात्री मेले में दर्शन के लिए गए थे।",
                 "किसान की एक गाय व एक बकरी झुलस गई।", "चार हमलावरों ने गोली मारकर हत्या कर दी।"):
        assert casualties(text, extract_quantities(text)) == [], text


def test_per_place_list_shares_the_counted_thing_and_kind():
    text = "बाढ़ से रामपुर में 14, सोनपुर में 9 और धर्मपुर में 6 लोगों की मौत हो गई।"
    cs = casualties(text, extract_quantities(text))
    assert [(c.value, c.kind) for c in cs] == [(14, "dead"), (9, "dead"), (6, "dead")]


def test_people_without_a_number():
    text = ("घर लौट रहे युवक की सड़क दुर्घटना में दर्दनाक मौत हो गई। हादसे में सीता देवी (52) और "
            "कमला देवी (47) की मौत हो गई, जबकि एक बच्चा घायल हो गया।")
    cs = casualties(text, extract_quantities(text))
    assert [(c.value, c.kind) for c in cs] == [(1, "dead"), (2, "dead"), (1, "injured")]
    assert cs[1].text.startswith("सीता देवी (52)")


def test_parts_of_a_figure_are_not_whole():
    text = "हादसे में 15 लोगों की मौत हो गई। मरने वालों में 5 महिलाएं हैं। घायलों में से 3 की हालत गंभीर है।"
    cs = casualties(text, extract_quantities(text))
    assert [(c.value, c.kind, c.whole) for c in cs] == [(15, "dead", True), (5, "dead", False), (3, "injured", False)]


def test_so_many_each_and_named_people_spans():
    text = "उत्तरी और दक्षिणी जिले में एक एक लोगों की मौत हुई है। हर गांव में 3-3 लोग घायल हुए।"
    qs = extract_quantities(text)
    assert [(q.text, q.value, q.hedge) for q in qs] == [("एक एक लोगों", 1, "each"), ("3-3 लोग", 3, "each")]
    text = "खेत में काम करने के कारण रमेश कुमार (44) की लू लगने से मौत हो गई।"
    assert [c.text for c in casualties(text, extract_quantities(text))] == ["रमेश कुमार (44) की लू लगने से मौत"]


def test_precomposed_nukta_spellings():
    q = extract_quantities("सा\u095d\u0947 तीन लाख लोग बेघर")[0]
    assert (q.value, q.unit) == (350000, "लोग")


def test_damage_is_its_own_kind():
    text = "तूफान से 300 घर नष्ट हो गए और 12 लोग घायल हुए। 20 घर बनाए गए।"
    cs = casualties(text, extract_quantities(text))
    assert [(c.text, c.kind) for c in cs] == [("300 घर नष्ट", "damaged"), ("12 लोग घायल", "injured")]


def test_ages_are_not_counts():
    text = "बस में बैठी ४२ वर्षीय महिला की मौके पर मौत हो गई और 11 साल के लड़के की भी मौत हो गई।"
    assert [(c.text, c.value) for c in casualties(text, extract_quantities(text))] == [
        ("महिला की मौके पर मौत", 1), ("लड़के की भी मौत", 1)]


def test_case_counts_are_one_measure_whatever_the_noun():
    from khabar.steps.extract.quantities import extract_quantities

    for text in ("राज्य में अब तक 42 मामले सामने आए हैं।", "राज्य में अब तक 42 केस सामने आए हैं।",
                 "राज्य में 42 लोग संक्रमित पाए गए हैं।", "राज्य में संक्रमितों की संख्या 42 हो गई है।"):
        qs = [q for q in extract_quantities(text) if q.value == 42]
        assert qs and qs[0].unit == "मामले", text


def test_people_count_without_a_state_word_stays_people():
    from khabar.steps.extract.quantities import extract_quantities

    qs = extract_quantities("सभा में 300 लोग पहुंचे।")
    assert [q.unit for q in qs if q.value == 300] == ["लोग"]


def test_tally_list_items_take_the_measure_and_their_own_place():
    # a state tally as outlets print it: "so far" in the first item, a two-place item of so
    # many each, and only the last item naming what is counted
    text = ("महाराष्ट्र में अब तक 52, केरल में 40, पश्चिम बंगाल और पंजाब में दो-दो, "
            "लद्दाख में 10 और मध्य प्रदेश में चार मामले आए हैं।")
    got = [(scope_key(q.scope), q.value, q.unit, q.hedge) for q in extract_quantities(text)]
    assert got == [("महाराष्ट्र", 52, "मामले", ""), ("केरल", 40, "मामले", ""), ("पंजाब", 2, "मामले", ""),
                   ("बंगाल", 2, "मामले", ""), ("लद्दाख", 10, "मामले", ""), ("मध्य", 4, "मामले", "")]


def test_so_many_each_in_two_places_is_a_count_per_place():
    qs = extract_quantities("पुडुचेरी व चंडीगढ़ में एक-एक मरीज मिला है।")
    assert sorted((q.scope, q.value, q.unit, q.hedge) for q in qs) == [
        ("चंडीगढ़ में", 1, "मामले", ""), ("पुडुचेरी में", 1, "मामले", "")]
    # "so many each" with no places before it stays a share ("3-3 लोग" per family)
    assert [q.hedge for q in extract_quantities("हर परिवार के 3-3 लोग घायल हुए।")] == ["each"]


def test_counted_patients_are_cases_unless_a_state_word_says_otherwise():
    assert [q.unit for q in extract_quantities("कर्नाटक में कोरोना के 15 मरीज हैं।")] == ["मामले"]
    assert [q.unit for q in extract_quantities("भारत में मरीजों की संख्या 271 हुई।")] == ["मामले"]
    assert [q.unit for q in extract_quantities("12 मरीज ठीक होकर घर लौटे।")] == ["ठीक हुए"]
    assert [q.unit for q in extract_quantities("ठीक होने वाले मरीजों की संख्या 40 है।")] == ["ठीक हुए"]


def test_noun_before_a_total_that_rose_to_it():
    q = extract_quantities("देश में संक्रमण के मामले बढ़कर 283 हो गए हैं।")[0]
    assert (q.value, q.unit, q.period) == (283, "मामले", "total")


@pytest.mark.parametrize("text,period", [
    ("राज्य में आज छह नए मामले सामने आए।", "new"),
    ("ईरान में 123 और मामले सामने आए।", "new"),
    ("देशभर में 10 हजार मरीज और बढ़ गए।", "new"),
    ("गुजरात में शनिवार को छह मामले सामने आए।", "new"),
    ("भारत में अब तक 251 मामले मिले हैं।", "total"),
    ("20 मार्च तक 14,376 नमूनों की जांच की गई।", ""),
    ("राज्य में 42 मामले हैं।", ""),
    # not a running measure: no period
    ("शनिवार को 12 लोगों की मौत हो गई।", ""),
])
def test_period_of_a_running_measure(text, period):
    q = [q for q in extract_quantities(text) if q.unit][0]
    assert q.period == period, text


def test_and_before_a_place_is_not_more():
    # "दो और पूर्वी चंपा जिले में": "two, and in East Champa district", not "two more districts"
    assert [q.unit for q in extract_quantities("पश्चिमी चंपा में दो और पूर्वी चंपा जिले में तीन मामले मिले।")
            if q.value == 2] != ["जिला"]


def test_a_sentence_names_its_place_once():
    text = "भारत में 271 हुई मरीजों की संख्या, आज 35 नए मामले।"
    qs = extract_quantities(text, [Sentence(0, 0, len(text), text)])
    assert [(q.value, scope_key(q.scope)) for q in qs] == [(271, "भारत"), (35, "भारत")]
    text = "सबसे बुरा हाल महाराष्ट्र का है, जहां 63 लोग संक्रमित हो चुके हैं।"
    qs = extract_quantities(text, [Sentence(0, 0, len(text), text)])
    assert [(q.value, q.unit, scope_key(q.scope)) for q in qs] == [(63, "मामले", "महाराष्ट्र")]
    # a head-count of people is no running measure: it takes no place from elsewhere
    text = "दिल्ली में 5 नए मामले मिले, 300 लोग पहुंचे।"
    qs = extract_quantities(text, [Sentence(0, 0, len(text), text)])
    assert [(q.value, scope_key(q.scope)) for q in qs if q.value == 300] == [(300, "")]


def test_joiners_inside_words_are_read_through():
    # outlets write राजस्\u200dथान and जम्\u200dमू; offsets and texts stay those of the text given
    text = "राजस्\u200dथान में 16, जम्\u200dमू-कश्\u200dमीर में 4 और तेलंगाना में 19 मामले हैं।"
    qs = extract_quantities(text, [Sentence(0, 0, len(text), text)])
    assert [(scope_key(q.scope), q.value, q.unit) for q in qs] == [
        ("राजस्थान", 16, "मामले"), ("जम्मू-कश्मीर", 4, "मामले"), ("तेलंगाना", 19, "मामले")]
    assert all(text[q.start:q.end] == q.text for q in qs) and qs[-1].text == "19 मामले"


def test_patients_who_died_are_deaths_not_cases():
    q = [q for q in extract_quantities("दुनिया में 248313 मरीजों की मौत हो चुकी है।") if q.value == 248313][0]
    assert q.unit == "मरीज"
    cs = casualties("दुनिया में 248313 मरीजों की मौत हो चुकी है।", [q])
    assert [c.kind for c in cs] == ["dead"]


def test_a_new_count_knows_the_length_of_its_period():
    text = "पिछले 24 घंटों में 2,553 नए मामले आए। बीते छह दिनों में 12 हजार से अधिक नए मामले आए। आज 35 नए मामले आए।"
    sents = [Sentence(0, 0, 39, text[:39]), Sentence(1, 40, 86, text[40:86]), Sentence(2, 87, len(text), text[87:])]
    assert [(q.value, q.window) for q in extract_quantities(text, sents)] == [
        (2553, "24 घंट"), (12000, "छह दिन"), (35, "")]


def test_time_words_and_verb_nouns_are_no_places():
    assert [q.scope for q in extract_quantities("पिछले 24 घंटे में 1,074 मरीज ठीक हुए हैं।")] == [""]
    assert [q.scope for q in extract_quantities("दस हजार मामले सामने आने में सात दिन लगे।")] == [""]


def test_rates_and_active_cases_are_measures_of_their_own():
    q = extract_quantities("देश में रोजाना पांच हजार जांच हो रही हैं।")[0]
    assert (q.value, q.unit, q.period) == (5000, "जांच", "rate")
    for text in ("देश में कुल सक्रिय कोरोना मामलों की संख्या 29,685 है।", "देश में 29,685 एक्टिव केस हैं।"):
        assert [(q.value, q.unit) for q in extract_quantities(text)] == [(29685, "सक्रिय मामले")], text
    assert [q.unit for q in extract_quantities("12 हजार वेंटीलेटर मंगाए गए।")] == ["वेंटिलेटर"]


def test_a_tally_of_known_places_gives_each_its_count():
    text = "जिलेवार संक्रमितों की संख्या इस प्रकार है: आगरा 86, मेरठ 42, लखनऊ 31, नोएडा 12।"
    qs = extract_quantities(text, [Sentence(0, 0, len(text), text)])
    assert [(q.value, q.unit, q.scope) for q in qs] == [
        (86, "मामले", "आगरा में"), (42, "मामले", "मेरठ में"), (31, "मामले", "लखनऊ में"), (12, "मामले", "नोएडा में")]
    # names that are no places (a list of phone numbers) make no tally
    text = "रमेश पंवार 9858184218, सतेंद्र सिंह 9917589247, कुलदीप सिंह 9897934256"
    assert all(not q.unit for q in extract_quantities(text, [Sentence(0, 0, len(text), text)]))


def test_a_names_number_is_no_count_but_a_range_is():
    assert [(q.value, q.unit) for q in extract_quantities("देश में कोविड-19 संक्रमण के मामले बढ़कर 415 हो गए।")] == [
        (415, "मामले")]
    assert [q.value for q in extract_quantities("चार-पांच परिजन घर पर थे।")] == [4, 5]


def test_counts_are_read_with_the_language_handed_in():
    from khabar.errors import UnknownLanguage

    text = "रूस में लगभग 10,000 सैनिक हैं और 12 लोग घायल"
    hindi = [(q.value, q.unit, q.scope) for q in extract_quantities(text, language="hi")]
    assert hindi == [(q.value, q.unit, q.scope) for q in extract_quantities(text)]
    assert (10000, "सैनिक", "रूस में") in hindi
    # English reports are read with the rules lang/en names (Hindi's, which know English
    # numbers and counted words)
    english = extract_quantities("about 10,000 troops are in Russia", language="en")
    assert [(q.value, q.unit, q.hedge) for q in english] == [(10000, "सैनिक", "about")]
    assert [c.kind for c in casualties(text, extract_quantities(text, language="hi"), language="hi")] == ["injured"]
    assert scope_key("रूस के कुर्स्क क्षेत्र में", "hi") == "कुर्स्क"
    with pytest.raises(UnknownLanguage):
        extract_quantities(text, language="xx")


def test_a_place_word_after_a_particle_stands_alone():
    # "इसके साथ ही राज्य में": "ही" is no name; "राज्य" points to the state named before
    qs = extract_quantities("राजस्थान में छह नए मामले आए और इसके साथ ही राज्य में अब तक 23 मामले हो गए")
    assert [(q.value, q.scope) for q in qs if q.value == 23] == [(23, "राज्य में")]
    qs = extract_quantities("जानकारी के अनुसार राज्य में 85 संदिग्ध हैं")
    assert [q.scope for q in qs] == ["राज्य में"]
    # a head that points nowhere is no place on its own
    assert [q.scope for q in extract_quantities("दूसरे इलाके में 6 कैदी")] == [""]


def test_a_part_that_a_state_word_follows_is_of_that_measure():
    qs = extract_quantities("राजस्थान में अब तक 23 मरीज मिले चुके हैं, जिनमें से तीन ठीक हो चुके हैं।")
    assert [(q.value, q.unit) for q in qs] == [(23, "मामले"), (3, "ठीक हुए")]


@pytest.mark.parametrize("text,unit", [
    ("रविवार रात तक संक्रमित लोगों की संख्या 360 थी", "मामले"),
    ("ठीक होने वाले मरीजों की संख्या 23 है", "ठीक हुए"),
    ("मरीजों की संख्या 271 हो गई", "मामले"),
    ("लोगों की संख्या 50 है", "लोग"),
])
def test_a_state_word_before_the_people_counted_names_the_measure(text, unit):
    assert [q.unit for q in extract_quantities(text)] == [unit]


def test_a_plural_noun_the_vocabulary_does_not_know_is_kept_as_its_word():
    got = [(q.value, q.unit) for q in extract_quantities("जिला प्रशासन द्वारा 160 टीमें लगाई जाएंगी")]
    assert got == [(160, "टीमें")]
    # a span of time, a year and a word glued to the number are no such count
    assert [q.unit for q in extract_quantities("पिछले दो हफ्तों में")] in ([], [""])
    assert [q.unit for q in extract_quantities("5 बार कहा")] == [""]
