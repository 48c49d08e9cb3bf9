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

from khabar import lang as _lang
from khabar.lang import Language

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


def detect_language(text: str, lang: Language | str | None = None) -> str | None:
    """ISO 639-1 code of `text` ("hi", "en", "mr", ...), or None when it has no letters
    or the detector cannot decide. `lang` (default: the default language) is the
    language expected, whose function words may overrule a call of a neighbour."""
    sample = text[:MAX_CHARS]
    if not _LETTER.search(sample):
        return None
    found = _detector().detect_language_of(sample)
    if found is None:
        return None
    code = found.iso_code_639_1.name.lower()
    expected = _lang.resolve(lang)
    if expected.has("langid") and code in expected.langid.NEIGHBOURS and _reads_as(expected, sample):
        return expected.code
    return code


_WORD = regex.compile(r"[\p{L}\p{M}]+")


def _reads_as(lang: Language, text: str) -> bool:
    """The language's function words outnumber its neighbours' (lang/<code>/langid.py)."""
    markers = lang.langid
    words = _WORD.findall(text)
    own = sum(w in markers.OWN for w in words)
    other = sum(w in markers.NEIGHBOUR for w in words)
    return own >= markers.MIN_OWN and own >= markers.RATIO * other
