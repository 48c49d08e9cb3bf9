import sys
from datetime import date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "claims"))

import pytest  # noqa: E402
from pipeline import run  # noqa: E402
from seeds import load_seeds  # noqa: E402

from khabar.model import Article  # noqa: E402
from khabar.steps.extract.dates import extract_times, find_times, infer_publication  # noqa: E402

REF = date(2024, 11, 10)  # a Sunday


def one(text, ref=REF):
    found = find_times(text, ref)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text,value,gran", [
    ("9 नवंबर को", "2024-11-09", "day"),
    ("15 अक्टूबर को", "2024-10-15", "day"),
    ("19 जून", "2024-06-19", "day"),
    ("फरवरी 2022 में", "2022-02", "month"),
    ("1961 में", "1961", "year"),
    ("शनिवार (9 नवंबर) को", "2024-11-09", "day"),
    ("शनिवार को", "2024-11-09", "day"),
    ("इस साल जून में", "2024-06", "month"),
    ("पिछले सप्ताह", "2024-W44", "week"),
    ("पिछले महीने", "2024-10", "month"),
    ("पिछले सितंबर में", "2024-09", "month"),  # the latest September before November
    ("गुरुवार (7 नवंबर) को", "2024-11-07", "day"),
    ("२६ जनवरी, १९५० को", "1950-01-26", "day"),
    ("दो दिन पहले", "2024-11-08", "day"),
    ("last week", "2024-W44", "week"),
    ("November 9, 2024", "2024-11-09", "day"),
    ("yesterday", "2024-11-09", "day"),
])
def test_normalise_against_publication_date(text, value, gran):
    t = one(text)
    assert (t.value, t.granularity) == (value, gran)


def test_kal_follows_tense():
    assert one("कल रात हादसा हुआ था।").value == "2024-11-09"
    assert one("कल बैठक होगी।").value == "2024-11-11"
    assert one("वे कल दिल्ली जाएंगे।").value == "2024-11-11"


def test_without_reference_year_is_unknown():
    t = one("9 नवंबर को", None)
    assert t.value == "XXXX-11-09" and not t.inferred
    assert one("शनिवार को", None).value is None


def test_counts_and_labels_are_not_dates():
    assert find_times("2000 लोग मारे गए और अनुच्छेद 51 लागू हुआ", REF) == []
    assert find_times("कैंडल मार्च निकाला गया", REF) == []


def test_time_of_day_joins_the_day():
    t = one("मंगलवार देर रात करीब 10 बजे", REF)
    assert t.value == "2024-11-05" and "10 बजे" in t.text


def test_publication_from_stamp_and_dateline():
    seed4 = [a for a in load_seeds() if a.external_id == "004"][0]
    pub, how = infer_publication(seed4, [])
    assert (pub, how) == (datetime(2024, 6, 20, 7, 40), "stamp")
    a = Article(external_id="x", raw_text="नई दिल्ली, 12 नवंबर 2024 (भाषा)। बैठक हुई।")
    a.clean_text = a.raw_text
    assert infer_publication(a, extract_times(a)) == (datetime(2024, 11, 12), "dateline")


def test_story_fills_years_from_other_reports():
    _, times, _ = run()
    t000 = {t.text: t for t in times["000"]}
    assert t000["इस साल जून"].value == "2024-06" and t000["इस साल जून"].inferred
    assert t000["15 अक्टूबर"].value == "2024-10-15"
    assert t000["शनिवार"].value == "2024-11-09"  # same signing event as 003's "शनिवार (9 नवंबर)"
    t003 = {t.text: t for t in times["003"]}
    assert t003["शनिवार (9 नवंबर)"].value == "2024-11-09" and "agrees" in t003["शनिवार (9 नवंबर)"].note
    assert t003["पिछले महीने"].value == "2024-10"
    t001 = {t.text: t for t in times["001"]}
    assert t001["12 नवंबर"].value == "2024-11-12"
    t004 = {t.text: t for t in times["004"]}
    assert t004["बुधवार"].value == "2024-06-19" and t004["पिछले सितंबर"].value == "2023-09"


def test_weekday_check_moves_a_wrong_year():
    from khabar.steps.extract.dates import resolve_story_dates

    a = Article(external_id="a", raw_text="", clean_text="शनिवार (9 नवंबर) को संधि पर हस्ताक्षर हुए।")
    b = Article(external_id="b", raw_text="", clean_text="बैठक हुई।", published=datetime(2023, 5, 1))
    out = resolve_story_dates([a, b], {"a": extract_times(a), "b": extract_times(b)})
    # 9 Nov 2023 was a Thursday; the nearest year with a Saturday 9 Nov is 2024
    assert out["a"][0].value == "2024-11-09" and "puts it in 2024" in out["a"][0].note


def test_words_like_prakashit_in_the_body_are_no_stamp():
    a = Article(external_id="p", raw_text="शनिवार को प्रकाशित यह आदेश जून में आया।")
    a.clean_text = a.raw_text
    assert infer_publication(a, extract_times(a)) == (None, "none")


def test_event_times_keep_times_of_what_happened():
    from khabar.steps.extract.dates import event_times, find_event_times

    text = ("मंगलवार देर शाम जंगल में आग भड़क गई। अधिकारी ने आज बताया कि राहत जारी है। "
            "सड़क छह घंटे तक बंद रही। बुधवार को भूकंप के झटके महसूस किए गए। "
            "समिति की बैठक शुक्रवार को होगी।")
    times = find_times(text, None)
    assert [t.text for t in times] == ["मंगलवार देर शाम", "आज", "छह घंटे", "बुधवार", "शुक्रवार"]
    assert [t.text for t in find_event_times(text, times)] == ["मंगलवार देर शाम", "बुधवार"]
    art = Article("e", text, clean_text=text)
    assert [t.text for t in event_times(art)] == ["मंगलवार देर शाम", "बुधवार"]
    # a period counted back from now says when, not only how long
    text = "पिछले दो दिनों में भारी बारिश हुई।"
    assert [t.text for t in find_event_times(text, find_times(text, None))] == ["पिछले दो दिनों"]


def test_count_after_a_four_digit_number_is_not_a_year():
    assert [t.text for t in find_times("70 की मौत हो गई जबकि 1900 से अधिक घायल हो गए", None)] == []
    assert [t.text for t in find_times("रात के साढ़े बारह बजे गोली चली", None)] == ["रात के साढ़े बारह बजे"]


def test_clock_with_colon_and_last_day_month():
    assert [t.text for t in find_times("द्वीप पर सोमवार सुबह 7:45 मिनिट पर भूकंप", None)] == ["सोमवार सुबह 7:45 मिनिट"]
    assert find_times("मैच का स्कोर 3:15 रहा", None) == []
    t = find_times("गत 27 दिसंबर को बाढ़ आई", date(2005, 1, 10))[0]
    assert (t.text, t.value, t.inferred) == ("गत 27 दिसंबर", "2004-12-27", True)
    t = find_times("गत 27 दिसंबर को बाढ़ आई", date(2005, 12, 27))[0]
    assert t.value == "2004-12-27"


def test_precomposed_nukta_and_deictic_weekday():
    # some texts write ढ़ as one code point (U+095D); NFC text writes it as two
    assert [t.text for t in find_times("शाम सा\u095d\u0947 आठ बजे तक बारिश हुई", None)] == ["शाम सा\u095d\u0947 आठ बजे"]
    t = find_times("स्टेशन के पास आज बुधवार तड़के डिब्बे पटरी से उतर गए", date(2016, 12, 28))[0]
    assert (t.text, t.value) == ("आज बुधवार तड़के", "2016-12-28")
