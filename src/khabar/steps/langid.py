"""Language of a report, as an ISO 639-1 code.

lingua is used rather than py3langid because py3langid labels plain Hindi as Nepali.
lingua in turn calls some short Hindi texts Marathi; a count of Hindi and
Marathi/Nepali function words (lang/hi/langid.py) overrules such a call.
The detector is built once, lazily, over the languages a Hindi news reader meets; its
models ship inside the package, nothing is downloaded. lingua 2.x has no model for
Nepali, Kannada, Malayalam or Odia: those codes are skipped when absent.
"""

from __future__ import annotations

from functools import lru_cache

import regex

# Languages to tell apart: Hindi and its Devanagari neighbours first, then the other
# Indian languages and English that turn up in the same feeds.
CANDIDATES = ("hi", "en", "mr", "ne", "ur", "bn", "pa", "gu", "ta", "te", "kn", "ml", "or", "sa")
MAX_CHARS = 1000  # lingua's cost grows with length; the first paragraphs settle it
_LETTER = regex.compile(r"\p{L}")


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = []
    for code in CANDIDATES:
        iso = getattr(IsoCode639_1, code.upper(), None)
        if iso is None:
            continue
        try:
            languages.append(Language.from_iso_code_639_1(iso))
        except ValueError:  # code known to ISO but no model in this lingua build
            continue
    return LanguageDetectorBuilder.from_languages(*languages).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text` ("hi", "en", "mr", ...), or None when it has no letters
    or the detector cannot decide."""
    sample = text[:MAX_CHARS]
    if not _LETTER.search(sample):
        return None
    lang = _detector().detect_language_of(sample)
    if lang is None:
        return None
    code = lang.iso_code_639_1.name.lower()
    if code in _DEVANAGARI_NEIGHBOURS and _reads_as_hindi(sample):
        return "hi"
    return code


_DEVANAGARI_NEIGHBOURS = {"mr", "ne", "sa"}
_WORD = regex.compile(r"[\p{L}\p{M}]+")


def _reads_as_hindi(text: str) -> bool:
    """Hindi function words outnumber Marathi/Nepali ones (see lang/hi/langid.py)."""
    from khabar.lang.hi import langid as markers

    words = _WORD.findall(text)
    hindi = sum(w in markers.HINDI for w in words)
    other = sum(w in markers.NEIGHBOUR for w in words)
    return hindi >= markers.MIN_HINDI and hindi >= markers.RATIO * other
