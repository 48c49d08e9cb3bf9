"""Latin-script names for Devanagari ones, by a real transliteration scheme.

indic-transliteration (offline, MIT) gives IAST; Hindi reading rules then make it a
name as Hindi newspapers write it in English: the inherent vowel is silent at the end
of a word after a single consonant (कुमार -> Kumar, but नरेंद्र -> Narendra), and
diacritics are dropped (ś, ṣ -> sh; ṃ -> n or m; ṛ -> ri). Names the gazetteer knows
keep the gazetteer's spelling; this is for the others.
"""

from __future__ import annotations

from functools import lru_cache

import regex

# letters IAST has no symbol for: ऑ / ॉ (the English "o" of "Austin") read as ओ / ो
_PRE = str.maketrans({"\u0949": "\u094b", "\u0911": "\u0913", "\u0945": "\u0947", "\u090d": "\u090f"})
_PLAIN = [
    ("ṃ", "n"), ("ṁ", "n"), ("ṅ", "n"), ("ñ", "n"), ("ṇ", "n"), ("ś", "sh"), ("ṣ", "sh"),
    ("ṛ", "ri"), ("ṝ", "ri"), ("ḷ", "li"), ("ṭ", "t"), ("ḍ", "d"), ("ḥ", "h"),
    ("ā", "a"), ("ī", "i"), ("ū", "u"), ("c", "ch"), ("chhh", "chh"),
]
_VOWELS = "aeiou"
_NASAL_LABIAL = regex.compile(r"n(?=[pbm])")
_DEVA = regex.compile(r"\p{Devanagari}")


@lru_cache(maxsize=1)
def _scheme():
    from indic_transliteration import sanscript

    return lambda text: sanscript.transliterate(text, sanscript.DEVANAGARI, sanscript.IAST)


def _drop_final_schwa(word: str) -> str:
    """"kumāra" -> "kumār", "narendra" stays: the final inherent vowel is silent after one
    consonant (a cluster keeps it, as does a word of one syllable)."""
    if len(word) < 3 or not word.endswith("a"):
        return word
    stem = word[:-1]
    cons = len(stem) - len(stem.rstrip("bcdfghjklmnpqrstvwxyzḍṭṣśṇñṅ"))
    if cons == 0 or not any(ch in _VOWELS + "āīū" for ch in stem):
        return word
    tail = stem[-cons:]
    # one consonant (an aspirate is one: "kh", "bh"...) drops the vowel
    if (cons == 1 or (cons == 2 and tail[1] == "h")) and not (tail == "y" and stem[-2:-1] in "āī"):
        return stem
    return word


# a short inherent vowel between two single consonants with vowels either side is
# silent in Hindi (केजरीवाल -> Kejriwal, ठाकरे -> Thakre), except before a word-final "a"
_SYNCOPE = regex.compile(r"(?<=[aāiīuūeo][kgcjtdnpbmyrlvsh])a(?=[kgcjtdnpbmyrlvsh][āiīuūeo])")


@lru_cache(maxsize=65536)  # a Latin search transliterates every stored alias: cache the words
def latin_word(word: str) -> str:
    """One Devanagari word in Latin letters, capitalised; other text passes through."""
    if not _DEVA.search(word):
        return word
    s = _scheme()(word.translate(_PRE)).replace("\u200d", "").replace("\u200c", "")
    s = _SYNCOPE.sub("", _drop_final_schwa(s))
    for a, b in _PLAIN:
        s = s.replace(a, b)
    s = _NASAL_LABIAL.sub("m", s)
    s = regex.sub(r"[^\p{Latin}\-']", "", s)
    return s[:1].upper() + s[1:]


def latin_name(name: str) -> str:
    """A whole name in Latin letters, word by word ("नरेंद्र मोदी" -> "Narendra Modi")."""
    return " ".join(w for w in (latin_word(w) for w in name.split()) if w)
