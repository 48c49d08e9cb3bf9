"""Summary units: a story's sentences with what the summary compares (content keys,
figures, dates, people), and their similarity matrix."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import regex

from khabar import lang as _lang
from khabar.errors import UnknownLanguage
from khabar.lang.language import Language
from khabar.model import Article, Entity, Mention, Sentence
from khabar.steps.extract.quantities import MAX_FIGURE
from khabar.text.normalize import TOKEN_RE, content_words, match_key

NUM_RE = regex.compile(r"\p{N}+(?:[.,]\p{N}+)*")
_SENT_SPLIT = regex.compile(r"[^।?!\n]+[।?!]+[\"”’']?|[^।?!\n]+")
# Some outlets end Hindi sentences with "." ("हो गयी है. बिहार के ..."): split there,
# but not after an abbreviation ("डॉ.") or an initial ("जे.").
_DOT_SPLIT = regex.compile(r"(?<=[\p{Devanagari}\p{M}]{2,}\.)\s+(?=\p{Devanagari})")


def _longest_first(words) -> list[str]:
    return sorted(words, key=lambda w: (-len(w), w))


class Reading:
    """The words a summary reads a story with: the stop words, endings, months, number
    words, scales, anaphora, abbreviations and headline and speech cues of the languages
    of its reports, merged, so that all its sentences are compared in one space whatever
    their language. `story_reading(articles)` gives a story's; `reading_of(codes)` one
    for given languages (the default language's for none)."""

    def __init__(self, languages: tuple[Language, ...]):
        self.languages = languages
        self.stop = frozenset().union(*(language.stopwords() for language in languages))
        self.suffixes = tuple(_longest_first(self._words("inflection_suffixes")))
        self.abbreviations = frozenset().union(*(getattr(language, "ABBREVIATIONS", ()) for language in languages))
        self.months = {match_key(k): v for k, v in self._table("MONTHS").items()}
        month = "|".join(map(regex.escape, _longest_first(self.months))) or "(?!)"
        self.day_month = regex.compile(rf"(?<!\p{{N}})(\d{{1,2}})\s*(?:\)\s*)?({month})(?:\s+(\d{{4}}))?")
        self.month_year = regex.compile(rf"({month})\s+(\d{{4}})")
        self.month_alone = regex.compile(rf"(?<![\p{{L}}\p{{M}}])({month})(?![\p{{L}}\p{{M}}])")
        self.scales = {match_key(k): v for k, v in self._table("SCALES").items()}
        # Number words count as figures ("चार लोगों" = "4 लोगों"), except "एक" (also "a")
        # and the vague plurals ("हजारों", "सैकड़ों"), whose values in the table are stand-ins.
        self.number_words = {}
        for language in languages:
            if not language.has("NUMBER_WORDS"):
                continue
            rules = language.rules
            plural = rules.countwords.OBLIQUE_PLURAL if rules.has("countwords") else None
            self.number_words.update({match_key(k): v for k, v in language.NUMBER_WORDS.items()
                                      if v >= 2 and not (plural and k.endswith(plural))})
        words = "|".join(map(regex.escape, _longest_first(self.number_words)))
        self.figure = regex.compile(NUM_RE.pattern + (r"|(?<![\p{L}\p{M}])(?:" + words + r")(?![\p{L}\p{M}])"
                                                      if words else ""))
        anaphora = self._words("anaphora")
        self.anaphor = regex.compile(r"^\s*(?:" + "|".join(map(regex.escape, _longest_first(anaphora)))
                                     + r")\s") if anaphora else None
        cuts = self._words("headline_clause_cuts")
        self.headline_cut = regex.compile(r",\s+(?:" + "|".join(map(regex.escape, _longest_first(cuts)))
                                          + r")(?![\p{L}\p{M}])") if cuts else None
        self.lead_connectives = tuple(_longest_first(self._words("lead_connectives")))
        # a display label: the default language's when the story is in it, else the first's
        shown = min(languages, key=lambda language: language.code != _lang.DEFAULT)
        self.figures_differ = shown.rules.claimwords.FIGURES_DIFFER
        # speech cues in the order of each data file: the agent ("X ने") before the channel
        self.speech_cues = tuple(dict.fromkeys(
            cue for language in languages if language.has("summary_cues") for cue in language.lines("summary_cues")))

    def __repr__(self) -> str:
        return f"Reading({', '.join(language.code for language in self.languages)})"

    def _words(self, name: str) -> frozenset[str]:
        return frozenset().union(*(language.wordlist(name) for language in self.languages if language.has(name)))

    def _table(self, name: str) -> dict:
        out: dict = {}
        for language in self.languages:
            if language.has(name):
                out.update(getattr(language, name))
        return out


_READINGS: dict[tuple[str, ...], Reading] = {}


def reading_of(codes: Iterable[str] = ()) -> Reading:
    """The Reading of the languages `codes` (sorted, each once); the default language's
    when there are none. An unknown code is an error (UnknownLanguage)."""
    key = tuple(sorted(set(codes))) or (_lang.DEFAULT,)
    reading = _READINGS.get(key)
    if reading is None:
        reading = _READINGS[key] = Reading(tuple(_lang.get(code) for code in key))
    return reading


def story_reading(articles: Sequence[Article], settings=None) -> Reading:
    """The Reading of a story's reports: the languages they are analysed in
    (`lang.for_report`; a stored report in a language khabar has no data for, with no
    `language.other` set, is read as the default language's: it is already stored)."""
    codes = set()
    for article in articles:
        try:
            codes.add(_lang.for_report(article, settings).code)
        except UnknownLanguage:
            codes.add(_lang.default(settings).code)
    return reading_of(codes)


def _reading(reading: Reading | None) -> Reading:
    return reading if reading is not None else reading_of()


@dataclass
class Unit:
    """A sentence of the story with the features the summary compares."""

    article: int  # index into the articles list
    external_id: str
    source: str
    index: int
    text: str
    position: int  # rank within its report (0 = lead)
    weights: dict[str, float]
    numbers: frozenset[str]
    dates: frozenset[tuple[int, int, int]]  # (year or 0, month, day or 0)
    n_tokens: int
    context: frozenset = frozenset()  # years of the previous sentence when this one refers back
    people: frozenset = frozenset()  # entity keys of persons mentioned (when entities are given)
    facts: frozenset = frozenset()  # figures and dates, see _facts

    def __post_init__(self) -> None:
        days = {str(d[2]) for d in self.dates if d[2]}
        self.facts = frozenset({n for n in self.numbers if n not in days}
                               | {("date", d[1], d[2]) for d in self.dates})


# --- features -------------------------------------------------------------


def _stem(key: str, suffixes: tuple[str, ...]) -> str:
    if len(key) >= 5:
        for suf in suffixes:
            if key.endswith(suf) and len(key) - len(suf) >= 3:
                return key[: -len(suf)]
    return key


@lru_cache(maxsize=262144)
def _stem_cached(key: str, reading: Reading) -> str:
    return _stem(key, reading.suffixes)


def content_keys(text: str, reading: Reading | None = None) -> list[str]:
    """Folded, lightly stemmed content words of `text` (the summary's comparison units)."""
    return list(_content_keys(text, _reading(reading)))


@lru_cache(maxsize=65536)
def _content_keys(text: str, reading: Reading) -> tuple[str, ...]:
    stop = reading.stop
    out = []
    for k in content_words(text, stop):
        # "जोंग-उन" and "जोंग उन" are one name spelled two ways
        for part in k.split("-") if "-" in k else (k,):
            if len(part) >= 2 and part not in stop:
                out.append(_stem_cached(part, reading))
    return tuple(out)


def figures_cached(text: str, reading: Reading | None = None) -> tuple[tuple[str, frozenset[str]], ...]:
    return _figures_cached(text, _reading(reading))


@lru_cache(maxsize=65536)
def _figures_cached(text: str, reading: Reading) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(figures(text, reading))


def figures(text: str, reading: Reading | None = None) -> list[tuple[str, frozenset[str]]]:
    """Figures in text order, each with the content keys of the four words after it
    (the counted thing: "11,000 सैनिक")."""
    reading = _reading(reading)
    key = match_key(text)
    out = []
    for m in reading.figure.finditer(key):
        if key[max(m.start() - 1, 0): m.start()] == ":" or key[m.end(): m.end() + 1] == ":":
            continue  # clock times "06:00-08:00" are not counts
        word = reading.number_words.get(m.group())
        if word is not None:
            value = float(word)
        else:
            try:
                value = float(m.group().replace(",", ""))
            except ValueError:
                continue
        after = key[m.end(): m.end() + 200].split()  # the next few words, not the rest of the text
        if after and after[0] in reading.scales:
            value *= reading.scales[after[0]]
        if not value < MAX_FIGURE:
            continue  # a run of digits, not a count (and int() of infinity would raise)
        norm = str(int(value)) if value == int(value) else f"{value:g}"
        out.append((norm, frozenset(content_keys(" ".join(after[:4]), reading))))
    return out


def numbers_in(text: str, reading: Reading | None = None) -> frozenset[str]:
    """Normalised figures in `text`: '10,000' and '10 हजार' both give '10000'."""
    return frozenset(v for v, _ in figures_cached(text, reading))


def dates_in(text: str, year: int = 0, reading: Reading | None = None) -> frozenset[tuple[int, int, int]]:
    """(year, month, day) triples named in `text`; 0 where a part is not stated."""
    reading = _reading(reading)
    months = reading.months
    key = match_key(text)
    out = set()
    used = []
    for m in reading.day_month.finditer(key):
        day = int(m.group(1))
        if 1 <= day <= 31:
            out.add((int(m.group(3)) if m.group(3) else year, months[m.group(2)], day))
            used.append(m.span(2))
    for m in reading.month_year.finditer(key):
        if m.span(1) not in used:
            out.add((int(m.group(2)), months[m.group(1)], 0))
            used.append(m.span(1))
    for m in reading.month_alone.finditer(key):
        if m.span(1) not in used:
            out.add((year, months[m.group(1)], 0))
    return frozenset(out)


def simple_sentences(text: str, reading: Reading | None = None) -> list[Sentence]:
    """Danda/?/!/. splitter used when an article arrives without sentences."""
    abbrev = _reading(reading).abbreviations
    out = []
    for m in _SENT_SPLIT.finditer(text):
        pieces, cut = [], m.start()
        for d in _DOT_SPLIT.finditer(m.group()):
            before = m.group()[: d.start()].rstrip(".").split()
            if before and before[-1] in abbrev:
                continue
            pieces.append((cut, m.start() + d.start()))
            cut = m.start() + d.end()
        pieces.append((cut, m.end()))
        for a, b in pieces:
            s = text[a:b]
            stripped = s.strip()
            if not stripped:
                continue
            start = a + (len(s) - len(s.lstrip()))
            out.append(Sentence(len(out), start, start + len(stripped), stripped))
    return out


def article_sentences(article: Article, reading: Reading | None = None) -> list[Sentence]:
    if article.sentences:
        return article.sentences
    return simple_sentences(article.clean_text or article.raw_text, reading)


def usable(text: str, n_tokens: int) -> bool:
    # captions, bylines and cut fragments ("टैस", "(एएनआई)", "ने बताया।") carry no fact
    return n_tokens >= 4 and len(text) >= 25 and not text.rstrip().endswith("?")


def _person_keys(m: Mention, entity_key: str = "") -> set[str]:
    # the linked key when there is one, and the name's words: unlinked "पुतिन" and
    # "व्लादिमीर पुतिन" are one person
    out = {"tok:" + match_key(t) for t in TOKEN_RE.findall(m.text) if len(t) > 1}
    if m.entity_key or entity_key:
        out.add(m.entity_key or entity_key)
    return out


def mention_index(articles: Sequence[Article], entities: Sequence[Entity] | None = None,
                  mentions: dict[str, Sequence[Mention]] | None = None) -> dict:
    """(external_id, sentence) -> keys of the persons mentioned there.

    `mentions` are keyed by external id (as the entities step returns them per
    report). An entity's mentions name their report by store id (`Article.id`);
    before the story is stored, articles have no id and a mention's `article_id`
    is read as the report's position in `articles`.
    """
    out: dict[tuple[str, int], set[str]] = defaultdict(set)
    for ext, ms in (mentions or {}).items():
        for m in ms:
            if m.type == "PER" and m.sentence >= 0:
                out[(ext, m.sentence)] |= _person_keys(m)
    by_id = {a.id: a.external_id for a in articles if a.id is not None}
    for e in entities or ():
        if e.type != "PER":
            continue
        for m in e.mentions:
            ext = by_id.get(m.article_id)
            if ext is None and not by_id and m.article_id is not None and 0 <= m.article_id < len(articles):
                ext = articles[m.article_id].external_id
            if ext is not None and m.sentence >= 0:
                out[(ext, m.sentence)] |= _person_keys(m, e.key)
    return out


# The summary compares every sentence with every other (a dense n x n matrix), so n is
# bounded: a report gives at most its first MAX_UNITS_PER_REPORT usable sentences (the
# longest of 5,000 hi-covid reports has 147), and a story at most MAX_UNITS, each report
# then giving its first k (the largest k that fits: leads first, as news is written).
# A 1,000,000-character report once took 3 GB here.
MAX_UNITS_PER_REPORT = 150
MAX_UNITS = 6000  # a 6,000 x 6,000 float32 matrix is 144 MB


def _lead_cap(counts: list[int], total: int) -> int:
    """The largest k with sum(min(c, k)) <= total."""
    lo, hi = 0, max(counts, default=0)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if sum(min(c, mid) for c in counts) <= total:
            lo = mid
        else:
            hi = mid - 1
    return lo


def build_units(articles: Sequence[Article], entities: Sequence[Entity] | None = None,
                mentions: dict[str, Sequence[Mention]] | None = None,
                reading: Reading | None = None) -> list[Unit]:
    """The usable sentences of the story (leads first within the bounds above) with
    IDF-weighted content keys, read with `reading` (the story's reports' languages' when
    None)."""
    reading = reading or story_reading(articles)
    people = mention_index(articles, entities, mentions)
    raw = []
    for ai, art in enumerate(articles):
        year = art.published.year if art.published else 0
        pos = 0
        prev = ""
        for s in article_sentences(art, reading):
            keys = content_keys(s.text, reading)
            ctx = frozenset()
            if reading.anaphor and reading.anaphor.match(s.text):
                ctx = frozenset(n for n in numbers_in(prev, reading) if len(n) == 4 and 1900 <= float(n) <= 2100)
            prev = s.text
            if not usable(s.text, len(keys)):
                continue
            raw.append((ai, art, s, keys, pos, year, ctx))
            pos += 1
            if pos >= MAX_UNITS_PER_REPORT:
                break
    if len(raw) > MAX_UNITS:
        counts: dict[int, int] = defaultdict(int)
        for r in raw:
            counts[r[0]] += 1
        k = max(1, _lead_cap(list(counts.values()), MAX_UNITS))
        raw = [r for r in raw if r[4] < k][:MAX_UNITS]
    df: dict[str, int] = defaultdict(int)
    for *_, keys, _p, _y, _c in raw:
        for k in set(keys):
            df[k] += 1
    n = max(len(raw), 1)
    units = []
    for ai, art, s, keys, pos, year, ctx in raw:
        w: dict[str, float] = defaultdict(float)
        for k in keys:
            w[k] += math.log(1 + n / df[k])
        units.append(Unit(ai, art.external_id, art.source or art.external_id, s.index, s.text, pos,
                          dict(w), numbers_in(s.text, reading), dates_in(s.text, year, reading), len(keys), ctx,
                          frozenset(people.get((art.external_id, s.index), ()))))
    return units


def similarity_matrix(units: Sequence[Unit]) -> np.ndarray:
    """Cosine similarity of the units' weighted content keys (dense n x n)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, u in enumerate(units):
        for k, v in u.weights.items():
            rows.append(i)
            cols.append(vocab.setdefault(k, len(vocab)))
            vals.append(v)
    vals_a = np.asarray(vals, dtype=np.float32)
    norms = np.zeros(len(units), dtype=np.float32)
    np.add.at(norms, np.asarray(rows, dtype=np.int64), vals_a ** 2)
    norms = np.sqrt(norms)
    norms[norms == 0] = 1.0
    vals_a /= norms[np.asarray(rows, dtype=np.int64)] if rows else 1.0
    shape = (len(units), max(len(vocab), 1))
    try:  # sparse product: a 50-report story has ~700 sentences over ~5,000 words
        from scipy.sparse import csr_matrix

        m = csr_matrix((vals_a, (rows, cols)), shape=shape)
        return (m @ m.T).toarray()
    except ImportError:
        dense = np.zeros(shape, dtype=np.float32)
        dense[rows, cols] = vals_a
        return dense @ dense.T


