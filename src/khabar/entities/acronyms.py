"""Organisation abbreviations as Latin letters, whatever the script they are written in.

"आईसीएमआर", "आई सी एम आर", "आई.सी.एम.आर." and "ICMR" are one abbreviation: Hindi spells
Latin letters out (lang/hi/entity_letter_latin.txt), so a word made only of spelled
letters is read back into them. A Latin full name gives its initials ("Indian Council
of Medical Research" -> ICMR, small words skipped). No list of organisations is needed.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from khabar import lang as _lang
from khabar.text.normalize import match_key

_SEP = regex.compile(r"[\s.\-]+")
_LATIN_ACRONYM = regex.compile(r"^[A-Z]{2,8}$")
_SMALL = frozenset("of and the for in on at to & a an".split())


@lru_cache(maxsize=1)
def _letters() -> dict[str, str]:
    out = {}
    for line in _lang.resolve("hi").wordlist("entity_letter_latin"):
        parts = line.split()
        if len(parts) == 2:
            out[match_key(parts[0])] = parts[1]
    return out


def _spelled(word: str) -> str | None:
    """Latin letters a Devanagari word spells out, or None when it is not all letters."""
    letters = _letters()
    longest = max(map(len, letters))
    best: list[str | None] = [""] + [None] * len(word)
    for i in range(1, len(word) + 1):
        for n in range(1, min(longest, i) + 1):
            prev, piece = best[i - n], word[i - n:i]
            if prev is not None and piece in letters:
                best[i] = prev + letters[piece]
                break
    return best[-1]


def acronym(text: str) -> str | None:
    """The Latin letters of an abbreviation ("आईसीएमआर" -> "ICMR"), or None."""
    text = text.strip()
    if _LATIN_ACRONYM.match(_SEP.sub("", text)):
        return _SEP.sub("", text)
    key = _SEP.sub("", match_key(text))
    spelled = _spelled(key) if key else None
    return spelled if spelled and len(spelled) >= 2 else None


def initials(text: str) -> str | None:
    """Initials of a Latin full name of three or more words, small words skipped."""
    words = [w for w in _SEP.split(text) if w and w.casefold() not in _SMALL]
    if len(words) < 3 or not all(w[:1].isupper() and w.isascii() for w in words):
        return None
    return "".join(w[0] for w in words)
