"""Scraping noise seen in Hindi news pages, as data for steps/clean.py.

Each entry is (reason code, pattern). LINE patterns must match a whole stripped line;
INLINE patterns are cut wherever they occur. Patterns use the `regex` module, so
\\p{...} classes are Devanagari-correct. Keep entries small and explain each source.
"""

from __future__ import annotations

from khabar.lang.en.noise import DATELINE as CAPS_DATELINE  # noqa: F401 - read by steps/clean.py
from khabar.lang.hi import MONTHS

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))

LINE_PATTERNS: list[tuple[str, str]] = [
    # "[विज्ञापन_2]" ad slots left by CMS templates
    ("ad-placeholder", r"\[\s*विज्ञापन[_\s]*\d*\s*\]"),
    ("ad-placeholder", r"(?:विज्ञापन|Advertisement|ADVERTISEMENT)"),
    # "स्रोत: https://..." (the URL is kept in metadata["source_url"])
    ("source-line", r"(?:स्रोत|स्त्रोत|सोर्स)\s*[:：]\s*(?P<url>https?://\S+)"),
    # "टिप्पणी (0)" comment counters
    ("comment-counter", r"(?:टिप्पणी|टिप्पणियां|टिप्पणियाँ|कमेंट)\s*\(\s*\d+\s*\)"),
    ("related-links", r"(?:ये भी पढ़ें|यह भी पढ़ें|इसे भी पढ़ें|और पढ़ें)\s*[:：]?.{0,200}"),
    ("tags-line", r"(?:टैग|टैग्स)\s*[:：].*"),
    # "अपडेटेड: 20 जून 2024, 07:40 IST", "प्रकाशित: 9 नवंबर, 2024"
    ("update-stamp", r"(?:अपडेटेड|अपडेट|प्रकाशित|पब्लिश्ड)\s*(?:तिथि|तारीख)?\s*[:：]?\s*"
                     r"(?P<day>\d{1,2})\s+(?P<month>" + _MONTH + r"),?\s+(?P<year>\d{4})"
                     r"(?:,?\s*(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?\s*(?P<ampm>[AaPp][Mm])?)?"
                     r"\s*\(?(?P<tz>GMT|UTC|IST)?\)?"),
]

INLINE_PATTERNS: list[tuple[str, str]] = [
    ("ad-placeholder", r"\[\s*विज्ञापन[_\s]*\d*\s*\]"),
    # "(फोटो: रॉयटर्स)", "(फोटो क्रेडिट: एएनआई)", "(तस्वीर: ...)"
    ("photo-credit", r"\(\s*(?:फोटो|फ़ोटो|तस्वीर|चित्र)(?:\s*क्रेडिट)?\s*[:：-]\s*[^()\n]{1,40}\)"),
    # a lone " ." left after a danda ("अनुमति देता है। .")
    ("stray-punct", r"(?<=[।॥][\"”’]?)\s*\.(?!\.)(?=\s|$)"),
]

# Patterns tried at the start of the first body line, in this order (before them an
# English dateline in capitals, CAPS_DATELINE: "PATNA:", "NEW DELHI, July 2 -").
# A Latin word glued to the Devanagari dateline by a bad extraction: "moscowमॉस्को:".
DATELINE_GLUE = r"\p{Latin}+(?=\p{Devanagari})"
# An outlet name or topic kicker before a colon, with Latin letters in it:
# "India News (इंडिया न्यूज), Russia North Korea Treaty:", "North Korea :".
# The report itself must go on in Devanagari, so English sentences are never cut.
KICKER = r"(?P<kicker>(?=[^:\n]*\p{Latin})[^:।.!?\n\"“]{2,90}?)\s*[:：]\s+(?=[\"“‘']?\p{Devanagari})"
KICKER_MAX_WORDS = 10
# A dateline: a place of at most DATELINE_MAX_WORDS words, maybe with a byline or a
# date and agency, then a colon, bar, dash or danda: "मॉस्को:", "नई दिल्ली |",
# "मुजफ्फरपुर, जेएनएन ।", "जागरण संवाददाता, मथुरा :", "नई दिल्ली, 12 नवंबर (भाषा)।".
# Which part is the place is decided with BYLINE_WORDS (bylines.txt). A colon must be
# followed by a space ("बिज़नेस रेटिंग:3" is a label glued to text, not a dateline).
DATELINE = (
    r"(?P<a>\p{Devanagari}[\p{Devanagari} ]{0,40}?)\s*"
    r"(?:,\s*(?P<b>[\p{Devanagari}\p{N} ]{1,30}?)\s*)?"
    r"(?:\((?P<agency>[^()\n]{1,30})\)\s*)?"
    r"(?P<sep>[:：|](?=\s)|।|\s[-–—]\s)\s*"
)
DATELINE_MAX_WORDS = 3
# A credit to a news agency closing the report: "(एएनआई)", "(भाषा इनपुट के साथ)".
AGENCY_CREDIT = r"(?<=[।.!?][\"”’]?\s*)\(\s*(?P<agency>[\p{L}\p{M} .\-]{2,40}?)\s*\)\s*$"
AGENCY_CREDIT_MAX_WORDS = 4
# A list item, never a pasted headline: a bullet or number in front, or an
# enumeration ("सभी शैक्षणिक संस्थान, शराब की दुकानें, थिएटर, मॉल और रिसॉर्ट").
LIST_ITEM = r"\s*(?:[-*•–—·▪►]|\d{1,2}[.)]|[IVX]{1,4}[-.)]|\p{Devanagari}[.)]\s)"
LIST_MIN_COMMAS = 3
