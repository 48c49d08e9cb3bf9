"""Unicode normalisation and tokenisation that are correct for Devanagari.

Python's `re` treats Devanagari vowel signs as non-word characters, so every token
pattern here uses the `regex` module with explicit letter, mark and number classes.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

# A token: a run of letters/marks/numbers, optionally joined by internal hyphens or
# apostrophes ("किम जोंग-उन", "don't"), or a number with Indian/Western grouping.
TOKEN_RE = regex.compile(
    r"\p{N}+(?:[.,]\p{N}+)*|[\p{L}\p{M}\p{N}]+(?:['’\-][\p{L}\p{M}\p{N}]+)*"
)
WORD_RE = regex.compile(r"[\p{L}\p{M}\p{N}]+")
DEVANAGARI_RE = regex.compile(r"\p{Devanagari}")
LATIN_RE = regex.compile(r"\p{Latin}")

_NUKTA_FOLD = {
    "\u093c": "",  # nukta sign
    "\u200c": "",  # ZWNJ
    "\u200d": "",  # ZWJ
    "\u0929": "\u0928",  # ऩ -> न
    "\u0931": "\u0930",  # ऱ -> र
    "\u0934": "\u0933",  # ऴ -> ळ
    "\u0958": "\u0915", "\u0959": "\u0916", "\u095a": "\u0917", "\u095b": "\u091c",
    "\u095c": "\u0921", "\u095d": "\u0922", "\u095e": "\u092b", "\u095f": "\u092f",
}
_DIGITS = {ord(c): str(i) for i, c in enumerate("०१२३४५६७८९")}
_FOLD_TABLE = str.maketrans({**{k: v for k, v in _NUKTA_FOLD.items()}, **{chr(k): v for k, v in _DIGITS.items()}})
# Chandrabindu and anusvara vary freely between outlets (पांच/पाँच); fold to anusvara.
_NASAL_TABLE = str.maketrans({"\u0901": "\u0902"})


# Precomposed nukta letters (U+0958-U+095F) that some texts use; NFC decomposes them.
_PRECOMPOSED = {unicodedata.normalize("NFC", chr(c)): chr(c) for c in range(0x958, 0x960)}


def word_alternation(words, joiners: bool = False) -> str:
    """Regex alternation of `words` (longest first), each also in its precomposed-nukta
    spelling, for patterns that must match text that was never normalised.

    With `joiners`, a ZWJ/ZWNJ may follow any virama ("ज्\u200dयादा" for "ज्यादा");
    only for callers that look the match up with the joiners removed."""
    forms = set(words)
    for w in list(forms):
        v = w
        for dec, pre in _PRECOMPOSED.items():
            v = v.replace(dec, pre)
        forms.add(v)
    escaped = (regex.escape(w) for w in sorted(forms, key=len, reverse=True))
    if joiners:
        escaped = (w.replace("\u094d", "\u094d[\u200c\u200d]?") for w in escaped)
    return "|".join(escaped)


def nfc(text: str) -> str:
    """Canonical composition; the form khabar stores and displays."""
    return unicodedata.normalize("NFC", text)


def match_key(text: str) -> str:
    """A folding key for matching: NFD-decomposed nukta letters, ZWJ/ZWNJ and
    chandrabindu folded, Devanagari digits made ASCII, Latin lower-cased.

    The original string is kept for display; only comparisons use this key.
    """
    decomposed = unicodedata.normalize("NFD", text)
    folded = decomposed.translate(_FOLD_TABLE).translate(_NASAL_TABLE)
    return unicodedata.normalize("NFC", folded).casefold()


@lru_cache(maxsize=262144)
def fold_token(token: str) -> str:
    """match_key of one token, cached: news repeats its words, and folding a token
    is most of the cost of comparing texts."""
    return match_key(token)


def tokens(text: str) -> list[str]:
    """Word and number tokens of `text`, in order, original form."""
    return TOKEN_RE.findall(text)


def token_spans(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text)]


def content_words(text: str, stop: frozenset[str]) -> list[str]:
    """Match keys of the tokens that carry meaning: no stop words, no bare numbers,
    no one-letter tokens."""
    out = []
    for tok in TOKEN_RE.findall(text):
        key = fold_token(tok)
        if len(key) < 2 or key in stop or key[0].isdigit():
            continue
        out.append(key)
    return out


def script_of(text: str) -> str:
    """'Deva', 'Latn' or 'mixed'/'none' by letter counts."""
    deva = len(DEVANAGARI_RE.findall(text))
    latin = len(LATIN_RE.findall(text))
    if deva == latin == 0:
        return "none"
    if deva and latin and min(deva, latin) / max(deva, latin) > 0.2:
        return "mixed"
    return "Deva" if deva > latin else "Latn"
