"""Scraping noise seen in Hindi news pages, as data for steps/clean.py.

Each entry is (reason code, pattern). LINE patterns must match a whole stripped line;
INLINE patterns are cut wherever they occur. Patterns use the `regex` module, so
\\p{...} classes are Devanagari-correct. Keep entries small and explain each source.
"""

from __future__ import annotations

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
]

INLINE_PATTERNS: list[tuple[str, str]] = [
    ("ad-placeholder", r"\[\s*विज्ञापन[_\s]*\d*\s*\]"),
    # "(फोटो: रॉयटर्स)", "(फोटो क्रेडिट: एएनआई)", "(तस्वीर: ...)"
    ("photo-credit", r"\(\s*(?:फोटो|फ़ोटो|तस्वीर|चित्र)(?:\s*क्रेडिट)?\s*[:：-]\s*[^()\n]{1,40}\)"),
]

# A dateline opens the first paragraph: "मॉस्को:", "नई दिल्ली, 12 नवंबर (भाषा)।".
# Words that may not stand in a dateline (they would make "उन्होंने कहा:" one).
DATELINE_MAX_WORDS = 3
DATELINE_SEPARATORS = r"[:：|]|\s[-–—]\s"
