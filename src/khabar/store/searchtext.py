"""What both backends' search indexes see, so a query finds the same reports on each.

A report is indexed as its folded tokens (match_key of each khabar token), so
nukta, ZWJ and digit variants match. SQLite's FTS5 then splits that text with its
unicode61 tokenizer (Devanagari marks declared token characters); `split_terms` is
the same split done in Python, so a query is cut into the terms the index holds
(and the PostgreSQL backend's index holds exactly those terms).
"""

from __future__ import annotations

import unicodedata

from khabar.text.normalize import match_key, tokens

SNIPPET_TOKENS = 12  # words of context in a hit's snippet (as FTS5's snippet(..., 12))


def fts_text(text: str) -> str:
    """Folded tokens of `text`, space-separated."""
    return " ".join(match_key(t) for t in tokens(text))


def _is_term_char(ch: str) -> bool:
    # unicode61: letters, numbers and private-use characters are token characters;
    # Devanagari combining marks are declared so in the SQLite migration
    cat = unicodedata.category(ch)
    return cat[0] in "LN" or cat == "Co" or (cat[0] == "M" and "\u0900" <= ch <= "\u097f")


def term_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, lower-cased term) of each index term of `text`, as FTS5's unicode61
    tokenizer cuts it (the PostgreSQL backend indexes and cuts snippets with this)."""
    out, start = [], None
    for i, ch in enumerate(text):
        if _is_term_char(ch):
            if start is None:
                start = i
        elif start is not None:
            out.append((start, i, text[start:i].lower()))
            start = None
    if start is not None:
        out.append((start, len(text), text[start:].lower()))
    return out


def split_terms(text: str) -> list[str]:
    """`text` split into index terms as FTS5's unicode61 tokenizer does, lower-cased."""
    return [term for _, _, term in term_spans(text)]


def query_words(query: str) -> list[list[str]]:
    """Each query word as the terms it must match in sequence (usually one)."""
    words = [split_terms(match_key(t)) for t in tokens(query)]
    return [w for w in words if w]
