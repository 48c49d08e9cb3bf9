"""A story's headline: the most representative report title, tidied, else the lead
clause of its lead sentence."""

from __future__ import annotations

from typing import Sequence

import regex

from khabar.model import Article
from khabar.summary.notes import has_phone_number
from khabar.summary.units import Reading, article_sentences, content_keys, numbers_in, story_reading, usable

_TITLE_PREFIX = regex.compile(r"^(?:[\p{Latin}\p{N}\s]{2,40}\s*[:：|]\s*|\p{N}{1,2}\s*[.)]\s*|[^/\n]{1,20}\s/\s+)")
_GLUED_DATELINE = regex.compile(r"^\p{Latin}+(?=\p{Devanagari})")  # "moscowमॉस्को: ..."
_SHORT_DATELINE = regex.compile(r"^[\p{L}\p{M}]{1,20}\s*:\s*")


def _tidy_title(text: str, reading: Reading) -> str:
    """Drop rubrics, list numbers and datelines before the headline proper."""
    text = " ".join(text.split())
    for _ in range(2):
        stripped = _TITLE_PREFIX.sub("", text)
        if len(content_keys(stripped, reading)) < 3:
            break
        text = stripped
    return text


# A report's own title is written as a headline; a lead sentence must be clearly
# more widely carried to beat it.
TITLE_BONUS = 0.15


def _lead_headline(text: str, reading: Reading) -> str:
    text = _GLUED_DATELINE.sub("", text)
    text = _tidy_title(text, reading)
    text = _SHORT_DATELINE.sub("", text)
    for word in reading.lead_connectives:
        if text.startswith(word) and text[len(word): len(word) + 2].strip().startswith(","):
            text = text[len(word):].lstrip(" ,")
            break
    m = reading.headline_cut.search(text) if reading.headline_cut else None
    if m:
        text = text[: m.start()]
    return text.rstrip(" ।.")


def choose_headline(articles: Sequence[Article], reading: Reading | None = None) -> str:
    """The story's headline: of the reports' titles and lead sentences (cut to
    their main clause), the one whose words the other reports carry most.

    A title gets a bonus (it was written as a headline); titles of fewer
    than four content words (list sections such as "कोतवाली क्षेत्र-") and titles
    full of figures (phone lists) are not candidates; one report's title about
    another event loses to the leads the other reports share. Words are read with
    `reading` (the reports' languages' when None).
    """
    reading = reading or story_reading(articles)
    cands: list[tuple[str, int, bool]] = []
    support: list[set[str]] = []
    for ai, a in enumerate(articles):
        ref: set[str] = set()
        if a.title and a.title.strip():
            t = _tidy_title(a.title, reading)
            ref |= set(content_keys(t, reading))
            if len(content_keys(t, reading)) >= 4 and len(numbers_in(t, reading)) <= 2 and not has_phone_number(t):
                cands.append((t, ai, True))
        lead = next((s for s in article_sentences(a, reading) if usable(s.text, len(content_keys(s.text, reading)))),
                    None)
        if lead:
            ref |= set(content_keys(lead.text, reading))
            h = _lead_headline(lead.text, reading)
            if len(content_keys(h, reading)) >= 3 and len(numbers_in(h, reading)) <= 2 and not has_phone_number(h):
                cands.append((h, ai, False))
        support.append(ref)
    if not cands:
        titles = [a.title.strip() for a in articles if a.title and a.title.strip()]
        return titles[0] if titles else ""
    if len(articles) == 1:
        return next((c[0] for c in cands if c[2]), cands[0][0])

    def score(c: tuple[str, int, bool]) -> float:
        keys = set(content_keys(c[0], reading))
        others = [r for k, r in enumerate(support) if k != c[1] and r]
        if not keys or not others:
            return 0.0
        carried = sum(len(keys & r) / len(keys) for r in others) / len(others)
        long = 0.2 if len(c[0]) > 120 else 0.0
        return carried * min(1.0, len(keys) / 6) + (TITLE_BONUS if c[2] else 0.0) - long

    return max(cands, key=score)[0]

