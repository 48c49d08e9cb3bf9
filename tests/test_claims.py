import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "claims"))

from pipeline import run  # noqa: E402

from khabar.model import Article, Claim, Sentence  # noqa: E402
from khabar.analysis.compare import compare_claims  # noqa: E402
from khabar.steps.extract.attribution import attribute  # noqa: E402


def _troops(claims):
    return {(c.external_id, c.value, c.hedge, c.scope.split()[-2] if c.scope else "", c.speaker, c.via)
            for c in claims if c.kind == "quantity" and c.subject == "सैनिक"}


def _claims_of(ext, text, title=""):
    """Claims of a one-sentence report, as khabar reads them."""
    from khabar.analysis.claims import extract_claims
    from khabar.steps.extract.quantities import extract_quantities

    sents = [Sentence(0, 0, len(text), text)]
    art = Article(ext, text, clean_text=text, sentences=sents, title=title)
    return extract_claims(art, [], extract_quantities(text, sents))


def test_seed_troop_claims_with_speakers_and_sources():
    _, _, claims = run()
    got = _troops(claims)
    assert ("000", "10000", "about", "रूस", "एंथनी ब्लिंकन", "ANI") in got
    assert ("000", "8000", "about", "क्षेत्र", "एंथनी ब्लिंकन", "ANI") in got
    assert ("000", "10000", "about", "रूस", "दक्षिण कोरिया के रक्षा मंत्रालय", "Yonhap") in got
    assert ("001", "10000", "more-than", "रूस", "सियोल, वाशिंगटन और कीव", "") in got
    assert ("000", "11000", "about", "क्षेत्र", "वोलोडिमिर ज़ेलेंस्की", "ANI") in got
    assert ("002", "11000", "about", "क्षेत्र", "वलोडिमिर ज़ेलेंस्की", "") in got


def test_seed_comparison_groups_and_flags():
    _, _, claims = run()
    agreements, conflicts = compare_claims(claims)
    russia = [g for g in agreements if g.subject == "सैनिक" and g.scope == "रूस" and g.value == "~10000"][0]
    assert russia.reports == 2 and len(russia.speakers) == 2  # Blinken; South Korea's ministry
    assert any(c.hedge == "more-than" for c in russia.compatible)  # Seoul, Washington, Kyiv
    kursk = {g.value for g in agreements if g.subject == "सैनिक" and g.scope == "कुर्स्क"}
    assert kursk == {"~8000", "~11000"}
    kinds = {(c.kind, c.subject) for c in conflicts}
    assert ("value", "सैनिक @ कुर्स्क") in kinds and ("value", "सैनिक @ रूस") in kinds
    # Zelensky's 11,000 "in Kursk" and "in Russia" is no scope conflict: the seeds say
    # "रूस के कुर्स्क क्षेत्र में", Kursk is in Russia
    assert not any(c.kind == "scope" for c in conflicts)


def test_a_count_in_two_places_is_a_scope_conflict_unless_one_is_inside_the_other():
    def q(ext, value, scope):
        return Claim(article_id=None, external_id=ext, sentence=0, text="", kind="quantity",
                     subject="सैनिक", value=value, scope=scope, speaker="ज़ेलेंस्की")

    _, conflicts = compare_claims([q("a", "11000", "कुर्स्क में"), q("b", "11000", "यूक्रेन में")])
    assert [c.kind for c in conflicts] == ["scope"]
    _, conflicts = compare_claims([q("a", "11000", "कुर्स्क में"), q("b", "11000", "रूस में"),
                                   q("c", "8000", "रूस के कुर्स्क क्षेत्र में")])
    assert [c.kind for c in conflicts if c.kind == "scope"] == []


def test_hedge_rule():
    from khabar.model import Claim

    def c(v, h, ext):
        return Claim(None, ext, 0, "", "quantity", "सैनिक", v, h, "रूस में", f"s{ext}")
    agree, conf = compare_claims([c("10000", "about", "a"), c("10000", "more-than", "b")])
    assert len(agree) == 1 and conf == []
    agree, conf = compare_claims([c("10000", "about", "a"), c("12000", "", "b")])
    assert len(agree) == 2 and conf[0].kind == "value"


def test_attribution_patterns():
    text = ("योनहाप की रिपोर्ट के अनुसार, दक्षिण कोरिया के रक्षा मंत्रालय ने मंगलवार को कहा कि 10 सैनिक हैं। "
            "यूक्रेनी राष्ट्रपति वोलोडिमिर ज़ेलेंस्की ने लड़ाई की पुष्टि की और उन्होंने कहा कि यह सच है। "
            "पुलिस के अनुसार, दो लोग घायल हुए।")
    ends = [i + 1 for i, ch in enumerate(text) if ch == "।"]
    starts = [0] + [e + 1 for e in ends[:-1]]
    sents = [Sentence(i, s, e, text[s:e]) for i, (s, e) in enumerate(zip(starts, ends))]
    at = attribute(Article("x", text, clean_text=text, sentences=sents))
    assert (at[0].speaker, at[0].via) == ("दक्षिण कोरिया के रक्षा मंत्रालय", "Yonhap")
    assert (at[1].speaker, at[1].role) == ("वोलोडिमिर ज़ेलेंस्की", "यूक्रेनी राष्ट्रपति")
    assert at[2].speaker == "पुलिस" and at[2].verb == "according-to"


def test_english_attribution_and_claim():
    from khabar.analysis.claims import extract_claims
    from khabar.steps.extract.quantities import extract_quantities

    text = ("US Secretary of State Antony Blinken said about 10,000 troops are in Russia. "
            "According to Yonhap, more than 10,000 troops were sent.")
    cut = text.index("According")
    sents = [Sentence(0, 0, cut - 1, text[:cut - 1]), Sentence(1, cut, len(text), text[cut:])]
    art = Article("en1", text, clean_text=text, sentences=sents)
    at = attribute(art)
    assert at[0].speaker == "Antony Blinken" and at[0].role.startswith("US Secretary")
    assert at[1].via == "Yonhap"
    claims = extract_claims(art, [], extract_quantities(text, sents))
    assert [(c.value, c.hedge, c.speaker) for c in claims][:1] == [("10000", "about", "Antony Blinken")]


def test_attribution_reads_the_language_it_is_handed():
    import pytest

    from khabar import lang
    from khabar.errors import UnknownLanguage

    text = "US Secretary of State Antony Blinken said about 10,000 troops are in Russia."
    art = Article("en2", text, clean_text=text, sentences=[Sentence(0, 0, len(text), text)])
    # English reports are read with the rules their language names (lang/en: RULES)
    assert attribute(art, language=lang.get("en"))[0].speaker == "Antony Blinken"
    assert attribute(art, language="en")[0].speaker == "Antony Blinken"
    with pytest.raises(UnknownLanguage):
        attribute(art, language="xx")


def test_mentions_name_speakers_canonically():
    from khabar.model import Mention

    text = "अमेरिकी विदेश मंत्री एंटनी ब्लिंकन ने कहा कि 10 सैनिक हैं।"
    art = Article("m", text, clean_text=text, sentences=[Sentence(0, 0, len(text), text)])
    i = text.index("एंटनी")
    men = [Mention(None, 0, i, i + len("एंटनी ब्लिंकन"), "एंटनी ब्लिंकन", "PER", "PER:blinken")]
    at = attribute(art, men)[0]
    assert (at.speaker, at.key) == ("एंटनी ब्लिंकन", "PER:blinken")
    assert attribute(art)[0].key == "ब्लिंकन"


def test_one_speaker_named_twice_is_not_a_speaker_conflict():
    from khabar.analysis.compare import same_speaker

    assert same_speaker("रक्षा मंत्रालय", "दक्षिण कोरिया के रक्षा मंत्रालय")
    assert not same_speaker("एंथनी ब्लिंकन", "वोलोडिमिर ज़ेलेंस्की")


def test_casualty_figures_compare_across_nouns():
    claims = _claims_of

    a = claims("a", "पुलिस के अनुसार हादसे में 12 यात्रियों की मौत हो गई और 40 लोग घायल हुए।")
    b = claims("b", "अधिकारियों के मुताबिक हादसे में 12 लोगों की मौत हुई है।")
    c = claims("c", "हादसे में 15 लोगों की मौत हो गई। मरने वालों में 5 महिलाएं हैं। कई देश मदद भेज रहे हैं।")
    assert [(x.subject, x.value) for x in a] == [("मृतक", "12"), ("घायल", "40")]
    assert [(x.subject, x.value) for x in c] == [("मृतक", "15"), ("महिला", "5")]
    agreements, conflicts = compare_claims(a + b + c)
    dead = [g for g in agreements if g.subject == "मृतक"]
    assert sorted(g.reports for g in dead) == [1, 2]
    assert [k.kind for k in conflicts if k.subject.startswith("मृतक")] == ["value"]


def test_only_comparable_claims_conflict():
    def q(ext, subject, value, scope):
        return Claim(article_id=None, external_id=ext, sentence=0, text="", kind="quantity",
                     subject=subject, value=value, scope=scope)

    # bare head-counts of people are no measure: never a conflict
    _, conflicts = compare_claims([q("a", "लोग", "3", ""), q("b", "लोग", "1033", "")])
    assert conflicts == []
    # a measure with no place may be any place's figure
    _, conflicts = compare_claims([q("a", "मामले", "12", ""), q("b", "मामले", "40", "")])
    assert conflicts == []
    # two figures inside one report are its own details
    _, conflicts = compare_claims([q("a", "मामले", "12", "बिहार में"), q("a", "मामले", "40", "बिहार में")])
    assert conflicts == []
    # the same measure and place from two reports: a value conflict
    _, conflicts = compare_claims([q("a", "मामले", "12", "बिहार में"), q("b", "मामले", "40", "बिहार में")])
    assert [c.kind for c in conflicts] == ["value"]


def test_new_counts_are_compared_only_with_new_counts():
    claims = _claims_of

    a = claims("a", "गुजरात में शनिवार को छह मामले सामने आए।")
    b = claims("b", "गुजरात में अब तक 7 मामले सामने आए हैं।")
    assert [(c.subject, c.value) for c in a + b] == [("नए मामले", "6"), ("मामले", "7")]
    assert compare_claims(a + b)[1] == []


def test_a_total_that_rose_is_an_update_not_a_conflict():
    def q(ext, value, text):
        return Claim(article_id=None, external_id=ext, sentence=0, text=text, kind="quantity",
                     subject="मामले", value=value, scope="भारत में")

    _, conflicts = compare_claims([q("a", "251", "भारत में अब तक 251 मामले मिले हैं।"),
                                   q("b", "283", "भारत में मामले बढ़कर 283 हो गए।")])
    assert [(c.kind, sorted(x.value for x in c.claims)) for c in conflicts] == [("update", ["251", "283"])]
    # without "rose to" the same two figures are a disagreement
    _, conflicts = compare_claims([q("a", "251", "भारत में 251 मामले।"), q("b", "283", "भारत में 283 मामले।")])
    assert [c.kind for c in conflicts] == ["value"]


def test_headline_figures_are_claims_of_their_report():
    from khabar.analysis.claims import TITLE_SENTENCE, extract_claims
    from khabar.steps.extract.quantities import extract_quantities

    text = "स्वास्थ्य मंत्रालय ने आंकड़े जारी किए।"
    art = Article("a", text, clean_text=text, sentences=[Sentence(0, 0, len(text), text)],
                  title="भारत में कोरोना के 315 मामले")
    got = [(c.sentence, c.subject, c.value, c.scope, c.text) for c in extract_claims(art, [], extract_quantities(text))]
    assert got == [(TITLE_SENTENCE, "मामले", "315", "भारत में", "भारत में कोरोना के 315 मामले")]


def test_an_open_figure_that_fits_no_other_is_a_figure_of_its_own():
    def q(ext, value, hedge=""):
        return Claim(article_id=None, external_id=ext, sentence=0, text="", kind="quantity",
                     subject="नए मामले", value=value, hedge=hedge, scope="भारत में")

    agreements, conflicts = compare_claims([q("a", "35"), q("b", "60", "more-than")])
    assert [(c.kind, sorted(x.value for x in c.claims)) for c in conflicts] == [("value", ["35", "60"])]
    assert sorted(g.value for g in agreements) == ["35", "60"]
    # one that fits stays compatible, not a conflict
    agreements, conflicts = compare_claims([q("a", "65"), q("b", "60", "more-than")])
    assert conflicts == [] and [len(g.compatible) for g in agreements] == [1]


def test_a_headline_figure_the_body_restates_is_read_in_the_body():
    from khabar.analysis.claims import extract_claims
    from khabar.steps.extract.quantities import extract_quantities

    text = "पिछले 24 घंटों में 2,573 नए मामले आए।"
    art = Article("a", text, clean_text=text, sentences=[Sentence(0, 0, len(text), text)],
                  title="पूरे देशभर में 2573 मामले")
    got = [(c.sentence, c.subject, c.value) for c in extract_claims(art, [], extract_quantities(text, art.sentences))]
    assert got == [(0, "नए मामले", "2573")]


def test_the_country_is_the_one_named_before():
    from khabar.analysis.claims import extract_claims
    from khabar.steps.extract.quantities import extract_quantities

    def claims(title, text):
        art = Article("a", text, clean_text=text, sentences=[Sentence(0, 0, len(text), text)], title=title)
        return [(c.value, c.scope) for c in extract_claims(art, [], extract_quantities(text, art.sentences))]

    assert claims("भारत में कोरोना का कहर", "देश में 35 नए मामले सामने आए हैं।") == [("35", "भारत में")]
    assert claims("", "ईरान में हालात खराब हैं। देश में 123 नए मामले आए।") == [("123", "ईरान में")]
    # no country named: the scope stays what the text says
    assert claims("", "देश में 35 नए मामले सामने आए हैं।") == [("35", "देश में")]


def test_a_toll_without_a_place_is_compared_only_when_the_story_counts_it_in_one_place():
    def q(ext, value, scope=""):
        return Claim(article_id=None, external_id=ext, sentence=0, text="", kind="quantity",
                     subject="मृतक", value=value, scope=scope)

    # a disaster's toll: no place needed
    assert [c.kind for c in compare_claims([q("a", "12"), q("b", "15")])[1]] == ["value"]
    # deaths counted in China and in Italy: a placeless 28 vs 107 may be either's
    _, conflicts = compare_claims([q("a", "28"), q("b", "107"), q("a", "31", "चीन में"), q("b", "148", "इटली में")])
    assert conflicts == []


def test_new_counts_of_periods_of_other_lengths_do_not_conflict():
    def q(ext, value, window):
        return Claim(article_id=None, external_id=ext, sentence=0, text="", kind="quantity",
                     subject="नए मामले", value=value, scope="भारत में", window=window)

    assert compare_claims([q("a", "2553", "24 घंट"), q("b", "12000", "छह दिन")])[1] == []
    assert [c.kind for c in compare_claims([q("a", "2553", "24 घंट"), q("b", "3000", "24 घंट")])[1]] == ["value"]
    assert [c.kind for c in compare_claims([q("a", "2553", "24 घंट"), q("b", "2900", "")])[1]] == ["value"]


def test_a_state_word_is_the_state_named_before():
    from khabar.analysis.claims import extract_claims
    from khabar.steps.extract.quantities import extract_quantities

    text = "गुजरात में शनिवार को छह मामले सामने आए, राज्य में मरीजों की संख्या बढ़कर 13 हुई।"
    art = Article("a", text, clean_text=text, sentences=[Sentence(0, 0, len(text), text)])
    got = [(c.subject, c.value, c.scope) for c in extract_claims(art, [], extract_quantities(text, art.sentences))]
    assert got == [("नए मामले", "6", "गुजरात में"), ("मामले", "13", "गुजरात में")]


def test_so_many_more_is_never_compared():
    # "one more case" counts from the outlet's own last figure; "3 new" from another's
    a = _claims_of("a", "कर्नाटक में एक और मामला सामने आया।")
    b = _claims_of("b", "कर्नाटक में तीन नए मामले सामने आए।")
    assert [(c.subject, c.value, c.window) for c in a + b] == [("नए मामले", "1", "+"), ("नए मामले", "3", "")]
    assert compare_claims(a + b)[1] == []


def test_a_daily_rate_is_not_compared_with_a_total():
    a = _claims_of("a", "देश में रोजाना पांच हजार जांच हो रही हैं।")
    b = _claims_of("b", "देश में कुल 17 हजार जांच हुई हैं।")
    assert [(c.subject, c.value) for c in a + b] == [("रोजाना जांच", "5000"), ("जांच", "17000")]
    assert compare_claims(a + b)[1] == []


def test_a_place_word_with_nothing_named_before_reads_the_dateline():
    from khabar.analysis.claims import extract_claims
    from khabar.steps.extract.quantities import extract_quantities

    text = "राज्य में 85 संदिग्ध मामले सामने आए। देश में मामले बढ़कर 415 हो गए।"
    cut = text.index("।") + 1
    sents = [Sentence(0, 0, cut, text[:cut]), Sentence(1, cut + 1, len(text), text[cut + 1:])]
    art = Article("a", text, clean_text=text, sentences=sents, dateline="पटना")
    got = [(c.value, c.scope) for c in extract_claims(art, [], extract_quantities(text, sents))]
    assert got == [("85", "बिहार में"), ("415", "भारत में")]


def test_a_figure_without_a_place_is_in_the_place_its_report_names_first():
    title = "राजस्थान में कोरोना के छह नए मामले"
    text = "अब तक 23 मामले सामने आ चुके हैं।"
    claims = [c for c in _claims_of("r1", text, title) if c.value == "23"]
    assert [(c.scope, c.place_from) for c in claims] == [("राजस्थान में", "report")]
    # a place stated with the figure is its own
    stated = [c for c in _claims_of("r2", "बिहार में अब तक 23 मामले सामने आ चुके हैं।", title) if c.value == "23"]
    assert [(c.scope, c.place_from) for c in stated] == [("बिहार में", "")]
    # with no place in title or lead, none is made up
    assert [c.scope for c in _claims_of("r3", text, "कोरोना के छह नए मामले") if c.value == "23"] == [""]


def test_a_place_taken_from_the_report_is_no_ground_for_a_conflict():
    # one outlet's figure placed by its headline only is compared as if it had no place:
    # the same conflicts as without the headline, and no scope conflict
    text = "अस्पताल के अनुसार 23 लोगों की मौत हुई।"
    other = _claims_of("r2", "अस्पताल के अनुसार 23 लोगों की मौत हुई, बिहार में।")
    placed = _claims_of("r1", text, "राजस्थान में हादसा")
    assert {c.place_from for c in placed if c.value == "23"} == {"report"}

    def seen(conflicts):
        return sorted((c.kind, c.note) for c in conflicts)

    assert seen(compare_claims(placed + other)[1]) == seen(compare_claims(_claims_of("r1", text) + other)[1])
    assert not [c for c in compare_claims(placed + other)[1] if c.kind == "scope"]
