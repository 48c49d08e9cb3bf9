"""How Hindi reports write times, as regex text for steps/extract/dates.py.

`patterns(hi, en)` gives the candidate patterns in order (at one position the first that
matches wins, so specific first), built from the word tables of lang/hi (timewords,
MONTHS, WEEKDAYS, NUMBER_WORDS) and, for the English dates Hindi reports quote, of
lang/en. Each kind is normalised by its name in dates.normalise.
"""

from __future__ import annotations

from khabar.text.normalize import word_alternation as _alt

D = r"[0-9०-९]"
DAY = rf"{D}{{1,2}}"
YEAR = r"[12१२][0-9०-९]{3}"
# counted halves and quarters of a span ("ढाई दिन", "डेढ़ साल") besides NUMBER_WORDS
SPAN_FRACTIONS = {"ढाई": 2, "डेढ़": 1, "डेढ़": 1}
# words that make a day-month or a month relative to a year ("पिछले साल 26 दिसंबर")
YEAR_WORDS = ("साल", "वर्ष")
# words after a counted span that put it before the report ("दो दिन पहले")
BEFORE_WORDS = ("पहले", "पूर्व")
# deictic words whose day offset is counted in days and signed by the verb's tense
# ("परसों": two days; any other, such as "कल": one)
TENSE_DAYS = {"परसों": 2}
# words of a time expression's sentence that say nothing about the event
CONTEXT_DROP = frozenset({"को", "में", "ने", "साल", "इस", "इसी"})
# "के लिए" is "for", not the past participle "लिए" ("हिरासत में लिए गए")
FOR = r"(?<![\p{L}\p{M}])(?:के|की)\s+लिए(?![\p{L}\p{M}])"
# "1900 से अधिक घायल": a hedge may stand between a number and its counted noun
COUNT_AFTER = r"\s+(?:से\s+(?:अधिक|ज्यादा|ज़्यादा)\s+)?([\p{L}\p{M}]+)"
# A stamp line: "Update: 2024-06-20 07:40 GMT", "प्रकाशित: 12 नवंबर 2024" (label, colon, date).
STAMP = (r"(?m)^\s*(?i:(?:last\s+)?updated?(?:\s+on)?|published(?:\s+on)?|posted(?:\s+on)?|अपडेट(?:ेड)?|"
         r"प्रकाशित|प्रकाशन(?:\s+तिथि)?|दिनांक|तारीख)\s*[:\-–]\s*(?P<d>[^\n|]{6,40})")


def dateline(hi) -> str:
    """A dateline with a date: "नई दिल्ली, 12 नवंबर 2024"."""
    return rf"^[\p{{L}}\p{{M}} ]{{2,30}},\s*(?P<d>{DAY}\s+(?:{_alt(hi.MONTHS)})(?:,?\s+{YEAR})?)"


def patterns(hi, en) -> tuple[list[tuple[str, str]], str]:
    """(kind, regex) candidates in order, and the time-of-day tail any of them may take."""
    ht, ent = hi.timewords, en.timewords
    month, wd, mod = _alt(hi.MONTHS), _alt(hi.WEEKDAYS), _alt(ht.MODIFIERS)
    unit, span = _alt(ht.UNITS), _alt(ht.SPAN_UNITS)
    numw = _alt(list(hi.NUMBER_WORDS) + list(SPAN_FRACTIONS))
    # a count of a span: "दो", "24", "दो-तीन", "दो तीन", "4-5"; or a vague one ("कुछ", "कई")
    span_n = rf"(?:(?:{D}+|{numw}|छ:)(?:(?:-|\s+)(?:{D}+|{numw}))?|{_alt(ht.SOME)})"
    part = _alt(ht.PARTS_OF_DAY)
    en_month, en_wd = _alt(en.MONTHS), _alt(en.WEEKDAYS)
    years = "|".join(YEAR_WORDS)
    clock = (rf"(?:(?:करीब|लगभग|तकरीबन)\s+)?(?:(?:(?:{_alt(['साढ़े', 'साढे', 'सवा', 'पौने'])})\s+)?(?:{D}{{1,2}}(?:[:.]{D}{{2}})?|{numw})\s+"
             rf"(?:बजकर\s+{D}{{1,2}}\s+मिनट|बजे)|{D}{{1,2}}:{D}{{2}}\s+(?:बजे|मिनट|मिनिट)"
             # "8.57 मिनट पर": the dot form only where "पर" makes it a moment, not a length
             rf"|{D}{{1,2}}\.{D}{{2}}\s+(?:मिनट|मिनिट)(?=\s+पर))")
    # after a day or a part of the day a bare "7:45" is a clock time too ("सोमवार सुबह 7:45 पर")
    clock_after = rf"(?:{clock}|{D}{{1,2}}:{D}{{2}}(?![0-9०-९:]))"
    tod = rf"(?:\s+(?:की\s+)?(?:{part})(?:\s+{clock_after})?|\s+{clock})"
    deictic = _alt(ht.DEICTIC)
    return [
        ("iso", rf"{D}{{4}}-{D}{{2}}-{D}{{2}}(?:[ T]{D}{{1,2}}:{D}{{2}})?"),
        ("numeric", rf"{D}{{1,2}}[./]{D}{{1,2}}[./](?:{D}{{4}}|{D}{{2}})(?![\p{{L}}\p{{M}}\p{{N}}_])"),
        ("wd_paren", rf"(?:{wd})\s*\(\s*{DAY}\s+(?:{month})(?:,?\s+{YEAR})?\s*\)"),
        ("day_month", rf"(?:(?:{mod})\s+(?:(?:{years})\s+)?)?(?:{DAY}|{_alt(ht.DAY_WORDS)})\s+(?:{month})(?:,?\s+{YEAR})?"),
        ("month_year", rf"(?:{month}),?\s+{YEAR}"),
        ("mod_month", rf"(?:{mod})\s+(?:(?:{years})\s+)?(?:{month})"),
        ("duration", rf"(?:{mod})\s+{span_n}\s+(?:{span})"),
        ("mod_wd", rf"(?:{mod})\s+(?:{wd})"),
        ("mod_unit", rf"(?:{mod})\s+(?:{unit})"),
        ("ago", rf"{span_n}\s+(?:{span})\s+(?:{_alt(ht.AGO)})"),
        ("month", rf"(?:{month})(?=\s*(?:में|महीने|माह|को|से|तक|के|की|का|,|।))"),
        ("festival", rf"(?:{_alt(ht.FESTIVALS)})"),
        ("year", rf"(?:(?:सन्?|{years})\s+)?{YEAR}"),
        ("span", rf"{span_n}\s+(?:{_alt(ht.DURATION_UNITS)})(?=\s+(?:से|तक|में|के\s+(?:भीतर|अंदर|दौरान|बाद)|पहले|बाद|बीत))"),
        # "आज बुधवार तड़के", "कल मंगलवार को": the deictic word dates it, the weekday confirms
        ("deictic_wd", rf"(?:आज|कल)\s+(?:{wd})"),
        ("weekday", rf"(?:{wd})"),
        ("deictic", r"बीते दिन|परसों|आज|कल"),
        ("part", rf"(?:{part})(?:\s+(?:के\s+)?{clock_after})?"),
        ("clock", clock),
        # English
        ("en_wd_md", rf"(?i:(?:{en_wd}),?\s+(?:{en_month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"),
        ("en_md", rf"(?i:(?:{en_month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"),
        ("en_dm", rf"(?i:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{en_month})\.?(?:,?\s+\d{{4}})?)"),
        ("en_my", rf"(?i:(?:{en_month})\.?\s+\d{{4}})"),
        ("en_rel", rf"(?i:(?:last|this|next|past)\s+(?:week|month|year|{en_month}|{en_wd}))"),
        ("en_deictic", rf"(?i:{_alt(ent.DEICTIC)})"),
        ("en_wd", rf"(?i:{en_wd})"),
    ], tod
