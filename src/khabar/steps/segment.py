"""Sentence splitting for Hindi (and English) news text.

Rules, in the order they matter on real reports:
- a line break always ends a sentence (headlines and subheads carry no punctuation);
- the danda "।", "॥", "?" and "!" end a sentence; closing quotes and brackets after
  them stay with it, and so does a space before the danda ("हैं  ।");
- "." ends a sentence only after a word that is not an abbreviation ("डॉ.") or an
  initial ("लॉयड जे. ऑस्टिन", "J. Smith"), never inside a number ("1.5") or a URL;
- a piece holding only punctuation (a stray " ." after a danda) joins the sentence
  before it.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from khabar import lang as _lang
from khabar.lang import Language
from khabar.model import Sentence
from khabar.text.normalize import token_spans

_HARD_END = "।॥?!"
# A run of text with no sentence end longer than this (a scraped table, a page of text
# without punctuation) is cut at a space before it: every per-sentence step (dates,
# entities, the summary) then costs in proportion to the text, not to its square. The
# longest sentence in 28,000 of the hi-covid corpus has 952 characters.
MAX_SENTENCE_CHARS = 2000
# Characters that close a quotation or bracket and stay with the sentence they follow.
_CLOSERS = "”’\"')]»"
_STRAIGHT_QUOTES = "\"'"
_WORD_BEFORE_DOT = regex.compile(r"([\p{L}\p{M}]+)\.$")
_HAS_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]")
_LATIN_UPPER_OR_DEVA = regex.compile(r"[\p{Lu}\p{Devanagari}\p{N}“\"'‘(]")


@lru_cache(maxsize=None)
def _no_stop_words(lang: Language) -> frozenset[str]:
    """Words after which a dot is not a sentence end (abbreviations, initials), of the
    language and of the Latin-script language its reports quote."""
    main, latin = lang.rules, lang.rules.latin
    words = set(main.ABBREVIATIONS) | main.wordlist("abbreviations") | main.wordlist("initials")
    # dotted ones ("u.s") are caught by the glued-dot rule; "us" must still end a sentence
    words |= {w for w in latin.ABBREVIATIONS if "." not in w}
    return frozenset(w.casefold() for w in words)


def _dot_ends_sentence(text: str, i: int, seg_start: int, no_stop: frozenset[str]) -> bool:
    """Whether the "." at text[i] ends a sentence."""
    after = text[i + 1 : i + 2]
    before = text[i - 1 : i] if i > 0 else ""
    if after and not after.isspace() and after not in _CLOSERS:
        return False  # "1.5", "vtcnews.vn", "ई.पू.", "U.S."
    if before in ".":
        return False  # ellipsis "..." reads as a pause in Hindi news, not an end
    m = _WORD_BEFORE_DOT.search(text, seg_start, i + 1)
    if m:
        word = m.group(1)
        # a previous dot glued to this word: "U.S." or "ई.पू."
        if m.start() > 0 and text[m.start() - 1] == ".":
            return False
        if word.casefold() in no_stop:
            return False
        if len(word) == 1 and regex.match(r"\p{Lu}", word):
            return False  # Latin initial "J."
        if regex.match(r"\p{Latin}", word):
            # English: the next word should start a sentence (upper case, digit, quote)
            rest = text[i + 1 :].lstrip(_CLOSERS).lstrip()
            return not rest or bool(_LATIN_UPPER_OR_DEVA.match(rest))
        return True
    if before.isdigit():
        head = text[seg_start:i].strip()
        return not head.isdigit()  # "1. " opening a numbered item is no sentence
    return False


def _sentence_ends(text: str, start: int, end: int, no_stop: frozenset[str]) -> list[int]:
    """End offsets (exclusive) of the sentences in one line text[start:end]."""
    ends: list[int] = []
    seg_start = start
    i = start
    while i < end:
        ch = text[i]
        is_end = ch in _HARD_END or (ch == "." and _dot_ends_sentence(text, i, seg_start, no_stop))
        if not is_end:
            i += 1
            continue
        j = i + 1
        while j < end and (text[j] in _HARD_END or text[j] == "."):
            j += 1  # "?!", "।।"
        # closing quotes/brackets stay with the sentence; a straight quote only if it
        # closes one opened inside this sentence
        while j < end:
            k = j
            while k < end and text[k] == " ":
                k += 1
            c = text[k] if k < end else ""
            if c and c in _CLOSERS:
                if c in _STRAIGHT_QUOTES and text.count(c, seg_start, k) % 2 == 0:
                    break
                if c in _STRAIGHT_QUOTES and k > j:
                    break  # a spaced straight quote opens the next sentence
                j = k + 1
                continue
            break
        ends.append(j)
        seg_start = j
        i = j
    if seg_start < end:
        ends.append(end)
    return ends


def split_sentences(text: str, lang: Language | str | None = None) -> list[Sentence]:
    """Sentences of `text` with offsets into it; `paragraph` counts non-empty lines.

    `lang` (a Language or its code; the default language when None) gives the
    abbreviations; those of the Latin-script language its reports quote apply too,
    because Hindi reports quote English and English dots end Hindi sentences.
    """
    no_stop = _no_stop_words(_lang.resolve(lang))
    out: list[Sentence] = []
    paragraph = -1
    pos = 0
    for line in text.split("\n"):
        line_start, line_end = pos, pos + len(line)
        pos = line_end + 1
        if not _HAS_WORD.search(line):
            continue
        paragraph += 1
        seg = line_start
        for end in _sentence_ends(text, line_start, line_end, no_stop):
            piece = text[seg:end]
            s = seg + (len(piece) - len(piece.lstrip()))
            e = seg + len(piece.rstrip())
            seg = end
            if s >= e:
                continue
            if not _HAS_WORD.search(text[s:e]) and out and out[-1].paragraph == paragraph:
                prev = out[-1]  # stray punctuation joins the sentence before it
                out[-1] = Sentence(prev.index, prev.start, e, text[prev.start : e], paragraph)
                continue
            for a, b in _cut_long(text, s, e):
                out.append(Sentence(len(out), a, b, text[a:b], paragraph))
    return out


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE_CHARS, each cut at its last space."""
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        b = cut
        while b > start and text[b - 1].isspace():
            b -= 1
        pieces.append((start, b))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        pieces.append((start, end))
    return pieces


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Word and number tokens with offsets (Devanagari-correct; see steps.text)."""
    return token_spans(text)
