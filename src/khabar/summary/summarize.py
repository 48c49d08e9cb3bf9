"""Multi-source extractive summary in which every sentence cites its sources.

A story's sentences are compared across reports; a sentence that other reports
also state (cross-source support) and that carries facts (numbers, dates) scores
high. Sentences are picked by maximal marginal relevance so the same fact is not
told twice, put in reading order (time of the event or report, then importance),
and each one cites every report that states the same fact, not only the report it
was taken from.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Iterable, Sequence

import numpy as np
import regex

from khabar import lang as _lang
from khabar.model import Article, Claim, Conflict, Entity, Event, Mention, Sentence
from khabar.text.normalize import TOKEN_RE, content_words, match_key

# Support: the cosine a sentence of another report must reach to count as stating
# the same fact. On the seed story same-fact pairs score 0.25-0.57, and pairs of
# different facts reach 0.33; the shared-word and figure rules below separate those.
SUPPORT_MIN = 0.25
# ... and share at least this many content words, covering this share of the shorter
# sentence (on the Hindi gold stories, wrong supports shared 2-4 words covering < 0.45).
MIN_SHARED = 3
MIN_COVER = 0.45
# A sentence without the date must match more of the wording to back it.
MIN_COVER_NO_FIGURE = 0.6
# No pair below this similarity can pass `states_same_fact` (its lowest bar).
SIM_FLOOR = 0.15
# Redundancy: a candidate this similar to a chosen sentence repeats it.
REDUNDANT = 0.45
# Score added for a sentence every other report states (in proportion for fewer).
SUPPORT_BONUS = 0.05
MMR_LAMBDA = 0.7

_NUM_RE = regex.compile(r"\p{N}+(?:[.,]\p{N}+)*")
lang_hi = _lang.default()  # the default language's rules, bound once; to be handed in per report
_FOLDED_MONTHS = {match_key(k): v for k, v in lang_hi.MONTHS.items()}
_MONTH_ALT = "|".join(sorted(map(regex.escape, _FOLDED_MONTHS), key=len, reverse=True))
_DAY_MONTH_RE = regex.compile(rf"(?<!\p{{N}})(\d{{1,2}})\s*(?:\)\s*)?({_MONTH_ALT})(?:\s+(\d{{4}}))?")
_MONTH_YEAR_RE = regex.compile(rf"({_MONTH_ALT})\s+(\d{{4}})")
_MONTH_RE = regex.compile(rf"(?<![\p{{L}}\p{{M}}])({_MONTH_ALT})(?![\p{{L}}\p{{M}}])")
_FOLDED_SCALES = {match_key(k): v for k, v in lang_hi.SCALES.items()}
# Number words count as figures ("चार लोगों" = "4 लोगों"), except "एक" (also "a") and
# the vague plurals ("हजारों", "सैकड़ों"), whose values in the table are stand-ins.
_FOLDED_NUMBER_WORDS = {match_key(k): v for k, v in lang_hi.NUMBER_WORDS.items()
                        if v >= 2 and not k.endswith("ों")}
_FIGURE_RE = regex.compile(
    _NUM_RE.pattern + r"|(?<![\p{L}\p{M}])(?:"
    + "|".join(sorted(map(regex.escape, _FOLDED_NUMBER_WORDS), key=len, reverse=True))
    + r")(?![\p{L}\p{M}])")
_ANAPHOR = regex.compile(r"^\s*(?:" + "|".join(
    regex.escape(w) for w in sorted(lang_hi.wordlist("anaphora"), key=len, reverse=True)) + r")\s")
_SENT_SPLIT = regex.compile(r"[^।?!\n]+[।?!]+[\"”’']?|[^।?!\n]+")
# Some outlets end Hindi sentences with "." ("हो गयी है. बिहार के ..."): split there,
# but not after an abbreviation ("डॉ.") or an initial ("जे.").
_DOT_SPLIT = regex.compile(r"(?<=[\p{Devanagari}\p{M}]{2,}\.)\s+(?=\p{Devanagari})")


@dataclass
class SummarySentence:
    """One summary sentence, the report it is taken from, and every report stating it."""

    text: str
    external_id: str  # report the wording is taken from
    sentence: int  # its index in that report
    source: str  # outlet of that report
    citations: list[str] = field(default_factory=list)  # external ids of every report stating it
    support: dict[str, int] = field(default_factory=dict)  # external id -> backing sentence index
    score: float = 0.0
    date: str | None = None  # ISO (partial) date used for reading order
    conflicts: list[str] = field(default_factory=list)  # human notes on differing figures
    variants: list[dict] = field(default_factory=list)  # {"value", "external_ids", "speakers"}


@dataclass
class Summary:
    headline: str
    sentences: list[SummarySentence]
    n_reports: int

    def to_dict(self) -> dict:
        return asdict(self)


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
def _stem_cached(key: str) -> str:
    return _stem(key, _suffixes())


@lru_cache(maxsize=1)
def _suffixes() -> tuple[str, ...]:
    return tuple(sorted(lang_hi.wordlist("inflection_suffixes"), key=len, reverse=True))


def content_keys(text: str) -> list[str]:
    """Folded, lightly stemmed content words of `text` (the summary's comparison units)."""
    return list(_content_keys(text))


@lru_cache(maxsize=65536)
def _content_keys(text: str) -> tuple[str, ...]:
    stop = lang_hi.stopwords()
    out = []
    for k in content_words(text, stop):
        # "जोंग-उन" and "जोंग उन" are one name spelled two ways
        for part in k.split("-") if "-" in k else (k,):
            if len(part) >= 2 and part not in stop:
                out.append(_stem_cached(part))
    return tuple(out)


@lru_cache(maxsize=65536)
def _figures(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    return tuple(figures(text))


def figures(text: str) -> list[tuple[str, frozenset[str]]]:
    """Figures in text order, each with the content keys of the four words after it
    (the counted thing: "11,000 सैनिक")."""
    key = match_key(text)
    out = []
    for m in _FIGURE_RE.finditer(key):
        if key[max(m.start() - 1, 0): m.start()] == ":" or key[m.end(): m.end() + 1] == ":":
            continue  # clock times "06:00-08:00" are not counts
        word = _FOLDED_NUMBER_WORDS.get(m.group())
        if word is not None:
            value = float(word)
        else:
            try:
                value = float(m.group().replace(",", ""))
            except ValueError:
                continue
        after = key[m.end():].split()
        if after and after[0] in _FOLDED_SCALES:
            value *= _FOLDED_SCALES[after[0]]
        norm = str(int(value)) if value == int(value) else f"{value:g}"
        out.append((norm, frozenset(content_keys(" ".join(after[:4])))))
    return out


def numbers_in(text: str) -> frozenset[str]:
    """Normalised figures in `text`: '10,000' and '10 हजार' both give '10000'."""
    return frozenset(v for v, _ in _figures(text))


def dates_in(text: str, year: int = 0) -> frozenset[tuple[int, int, int]]:
    """(year, month, day) triples named in `text`; 0 where a part is not stated."""
    key = match_key(text)
    out = set()
    used = []
    for m in _DAY_MONTH_RE.finditer(key):
        day = int(m.group(1))
        if 1 <= day <= 31:
            out.add((int(m.group(3)) if m.group(3) else year, _FOLDED_MONTHS[m.group(2)], day))
            used.append(m.span(2))
    for m in _MONTH_YEAR_RE.finditer(key):
        if m.span(1) not in used:
            out.add((int(m.group(2)), _FOLDED_MONTHS[m.group(1)], 0))
            used.append(m.span(1))
    for m in _MONTH_RE.finditer(key):
        if m.span(1) not in used:
            out.add((year, _FOLDED_MONTHS[m.group(1)], 0))
    return frozenset(out)


def simple_sentences(text: str) -> list[Sentence]:
    """Danda/?/!/. splitter used when an article arrives without sentences."""
    abbrev = lang_hi.ABBREVIATIONS
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


def article_sentences(article: Article) -> list[Sentence]:
    if article.sentences:
        return article.sentences
    return simple_sentences(article.clean_text or article.raw_text)


def _usable(text: str, n_tokens: int) -> bool:
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


def build_units(articles: Sequence[Article], entities: Sequence[Entity] | None = None,
                mentions: dict[str, Sequence[Mention]] | None = None) -> list[Unit]:
    """Every usable sentence of the story with IDF-weighted content keys."""
    people = mention_index(articles, entities, mentions)
    raw = []
    for ai, art in enumerate(articles):
        year = art.published.year if art.published else 0
        pos = 0
        prev = ""
        for s in article_sentences(art):
            keys = content_keys(s.text)
            ctx = frozenset()
            if _ANAPHOR.match(s.text):
                ctx = frozenset(n for n in numbers_in(prev) if len(n) == 4 and 1900 <= float(n) <= 2100)
            prev = s.text
            if not _usable(s.text, len(keys)):
                continue
            raw.append((ai, art, s, keys, pos, year, ctx))
            pos += 1
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
                          dict(w), numbers_in(s.text), dates_in(s.text, year), len(keys), ctx,
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


def _facts(u: Unit) -> frozenset:
    """Figures and dates of a unit; days already counted in a date are left out."""
    return u.facts


def _compatible(x, y) -> bool:
    if isinstance(x, tuple) and isinstance(y, tuple):
        # "जून" agrees with "19 जून"; "9 नवंबर" does not agree with "12 नवंबर"
        return x[1] == y[1] and (x[2] == y[2] or not x[2] or not y[2])
    return x == y


def _share(fa: set, fb: set) -> int:
    return sum(1 for x in fa if any(_compatible(x, y) for y in fb))


def _different_people(a: Unit, b: Unit) -> bool:
    return bool(a.people and b.people and not a.people & b.people)


def _enough_shared(a: Unit, b: Unit) -> bool:
    """Cosine alone lets two short sentences match on two common words ("लोग
    संक्रमित"); a fact needs 3+ shared words covering most of the shorter sentence."""
    shared = len(a.weights.keys() & b.weights.keys())
    if shared < MIN_SHARED:
        return False
    cover = shared / min(len(a.weights), len(b.weights))
    return cover >= MIN_COVER or (shared >= 7 and cover >= MIN_COVER - 0.05)


def states_same_fact(a: Unit, b: Unit, sim: float, bar: float = SUPPORT_MIN) -> bool:
    """Does `b` state what `a` states? Similar wording, and no disagreeing figures.

    When both sentences carry figures or dates they must share one. When only `a`
    does, a count must be there ("11,000 सैनिक"); a date may be left out, if `b`
    is clearly closer in wording; and a year in the sentence `b` points back to ("इस संधि" after "1961 में") counts
    as its own.
    """
    if not _enough_shared(a, b):
        return False
    if _different_people(a, b):
        return False  # "किम ने हस्ताक्षर किए" is not "पुतिन ने हस्ताक्षर किए"
    fa, fb = _facts(a), _facts(b)
    if fa and not fb and b.context:
        fb = set(b.context)
    if fa and fb:
        shared = _share(fa, fb)
        if not shared:
            return False
        return sim >= bar - 0.05 * min(shared, 2)
    if fa and not fb:
        if any(isinstance(x, str) for x in fa):
            return False  # a count is the fact itself: a report without it does not state it
        shared = len(a.weights.keys() & b.weights.keys())
        return sim >= bar + 0.03 and shared / min(len(a.weights), len(b.weights)) >= MIN_COVER_NO_FIGURE
    return sim >= bar


# --- scoring and selection -------------------------------------------------


def score_units(units: Sequence[Unit], sim: np.ndarray, n_articles: int,
                story_year: int = 0) -> np.ndarray:
    """Centrality across reports, facts and lead position, in one score per unit.

    A sentence whose every date lies in an earlier year than the story is
    background ("since the invasion in February 2022") and is demoted.
    """
    n = len(units)
    if n == 0:
        return np.zeros(0)
    art = np.array([u.article for u in units])
    cross = np.zeros(n)
    if n_articles > 1:
        for a in range(n_articles):
            cols = art == a
            if not cols.any():
                continue
            best = sim[:, cols].max(axis=1)
            best[art == a] = 0.0
            cross += best
        cross /= n_articles - 1
    centroid = sim.mean(axis=1)
    score = 0.7 * cross + 0.3 * centroid if n_articles > 1 else centroid.copy()
    for i, u in enumerate(units):
        facts = _facts(u)
        score[i] += 0.06 * min(len(facts), 2)
        n_people = sum(1 for k in u.people if not k.startswith("tok:")) or bool(u.people)
        score[i] += 0.03 * min(n_people, 2)  # named people, when the entities step ran
        score[i] += 0.08 if u.position == 0 else (0.04 if u.position == 1 else 0.0)
        years = [d[0] for d in u.dates]
        if story_year and years and all(0 < y < story_year for y in years):
            score[i] -= 0.12
        if u.n_tokens < 6:
            score[i] -= 0.08
        elif u.n_tokens > 45:
            score[i] -= 0.05
    return score


def _support_bonus(units: Sequence[Unit], sim: np.ndarray, score: np.ndarray, n_articles: int,
                   top: int = 60) -> None:
    """Raise the best candidates by the share of other reports that state them.

    Similarity alone rewards a sentence close to many; this counts the reports
    that pass the same-fact test, only for the `top` candidates (it is the costly
    test)."""
    if n_articles < 2:
        return
    for i in np.argsort(-score)[:top]:
        i = int(i)
        backing = len(citations_for(i, units, sim)) - 1
        score[i] += SUPPORT_BONUS * backing / (n_articles - 1)


def select(units: Sequence[Unit], sim: np.ndarray, score: np.ndarray, k: int) -> list[int]:
    """Maximal marginal relevance: high score, low similarity to what is chosen."""
    chosen: list[int] = []
    candidates = set(range(len(units)))
    top = float(score.max()) if len(score) else 1.0
    norm = score / top if top > 0 else score
    while candidates and len(chosen) < k:
        best, best_val = None, -1e9
        for i in candidates:
            red = max((sim[i, j] for j in chosen if not _different_people(units[i], units[j])), default=0.0)
            # a fact already told (by any report's wording) is not told again
            if red >= REDUNDANT or any(states_same_fact(units[j], units[i], sim[i, j]) or
                                       states_same_fact(units[i], units[j], sim[i, j]) for j in chosen):
                continue
            val = MMR_LAMBDA * norm[i] - (1 - MMR_LAMBDA) * red
            if val > best_val:
                best, best_val = i, val
        if best is None:
            break
        chosen.append(best)
        candidates.discard(best)
    return chosen


def citations_for(i: int, units: Sequence[Unit], sim: np.ndarray) -> dict[str, int]:
    """External id -> backing sentence index, for every report stating unit i's fact."""
    u = units[i]
    best: dict[int, tuple[float, int]] = {}
    for j in np.nonzero(sim[i] >= SIM_FLOOR)[0]:
        j = int(j)
        v = units[j]
        if v.article == u.article:
            continue
        s = float(sim[i, j])
        if states_same_fact(u, v, s) and s > best.get(v.article, (-1.0, -1))[0]:
            best[v.article] = (s, j)
    out = {u.external_id: u.index}
    for _a, (_s, j) in sorted(best.items()):
        out[units[j].external_id] = units[j].index
    return out


# --- reading order ----------------------------------------------------------


def _story_year(articles: Sequence[Article], units: Sequence[Unit] = ()) -> int:
    """Most common year of publication, else the latest year the reports name."""
    years = [a.published.year for a in articles if a.published]
    if years:
        return max(set(years), key=years.count)
    named = [d[0] for u in units for d in u.dates if d[0]]
    return max(named) if named else 0


def _sort_date(u: Unit, articles: Sequence[Article], year: int,
               event_dates: dict[tuple[str, int], str]) -> tuple[int, int, int] | None:
    if (u.external_id, u.index) in event_dates:
        parts = [int(p) for p in event_dates[(u.external_id, u.index)].split("-")]
        return tuple((parts + [0, 0])[:3])  # type: ignore[return-value]
    if u.dates:
        y, m, d = min(u.dates, key=lambda t: (t[0] or year, t[1], t[2]))
        # "जून" without a year in a November report is this year's June
        return (y or year, m, d)
    pub = articles[u.article].published
    if pub:
        return (pub.year, pub.month, pub.day)
    return None


def _iso(t: tuple[int, int, int] | None) -> str | None:
    if not t:
        return None
    y, m, d = t
    if not y:
        return f"--{m:02d}-{d:02d}" if d else f"--{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}" if d else f"{y:04d}-{m:02d}"


# --- conflicts --------------------------------------------------------------


def _speaker(text: str) -> str:
    """The few words before a speech cue ("X ने कहा", "X के अनुसार"), if any.

    Cues are tried in the order of the data file: the agent ("X ने") before the
    channel ("X की रिपोर्ट"), so "योनहाप की रिपोर्ट के अनुसार, मंत्रालय ने ..."
    names the ministry.
    """
    stop = lang_hi.stopwords()
    for cue in _cues():
        m = regex.search(rf"((?:[\p{{L}}\p{{M}}\-.,]+\s+){{1,5}}){regex.escape(cue)}(?![\p{{L}}\p{{M}}])", text)
        if m:
            words = m.group(1).replace(",", " ,").split()
            if "," in words:  # keep "सियोल, वाशिंगटन और कीव" but not a clause before a comma
                cut = len(words) - 1 - words[::-1].index(",")
                if cut < len(words) - 1 and len(words) - cut > 2:
                    words = words[cut + 1:]
            words = [w for w in words if w != ","]
            while words and match_key(words[0]) in stop:
                words = words[1:]
            if words:
                return " ".join(words).replace(" ,", ",")
    return ""


def _cues() -> list[str]:
    path = lang_hi.path / "summary_cues.txt"
    return [l.strip() for l in path.read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.startswith("#")]


def _has_phone_number(text: str) -> bool:
    return any(len(m.replace(",", "")) >= 8 and "," not in m for m in _NUM_RE.findall(match_key(text)))


def _plausible_figure(value: str) -> bool:
    # not a year, not a phone number or an id ("9997222478")
    x = float(value)
    return x >= 100 and not 1900 <= x <= 2100 and x < 1e9


def _figure_variants(i: int, units: Sequence[Unit], sim: np.ndarray) -> list[dict]:
    """Other figures given for the same counted thing in the story.

    Used when the claims step's conflicts are not supplied: a related sentence
    that gives a figure within a factor of two of this one's main figure, counting
    the same thing (a shared word right after the figure: "सैनिक").
    """
    u = units[i]
    # the sentence's main figure is the first one it gives ("10,000, of whom 8,000 ...")
    main = [(float(v), w) for v, w in _figures(u.text) if _plausible_figure(v)][:1]
    if not main:
        return []
    mine, what = main[0]
    by_value: dict[str, dict] = {}
    for j, v in enumerate(units):
        if j != i and sim[i, j] < 0.05:
            continue
        near = [(x, w) for x, w in _figures(v.text)
                if _plausible_figure(x) and 0.5 <= float(x) / mine <= 2.0 and (w & what or j == i)]
        # a sentence giving a total and a part offers only the figure closest to ours
        near = sorted(near, key=lambda t: abs(float(t[0]) - mine))[:1]
        for n, _w in near:
            entry = by_value.setdefault(n, {"value": n, "external_ids": [], "speakers": []})
            if v.external_id not in entry["external_ids"]:
                entry["external_ids"].append(v.external_id)
            sp = _speaker(v.text)
            if sp and sp not in entry["speakers"]:
                entry["speakers"].append(sp)
    if len(by_value) < 2:
        return []
    return sorted(by_value.values(), key=lambda e: float(e["value"]))


def _fmt_number(value: str) -> str:
    x = float(value)
    return f"{x:,.0f}" if x == int(x) else value


def _variant_note(variants: list[dict]) -> str:
    parts = []
    for v in variants:
        who = ", ".join(v["speakers"]) + " " if v["speakers"] else ""
        parts.append(f"{_fmt_number(v['value'])}: {who}({', '.join(v['external_ids'])})")
    return "आंकड़ों में अंतर — " + "; ".join(parts)


def _norm_value(value: str) -> str:
    v = match_key(value).replace(",", "").rstrip("~+").strip()
    try:
        x = float(v)
    except ValueError:
        return v
    return str(int(x)) if x == int(x) else f"{x:g}"


def _claim_matches(u: Unit, value: str) -> bool:
    v = _norm_value(value)
    if v in u.numbers:
        return True
    m = regex.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", v)
    if m:  # a date claim: the sentence names that day (or month)
        month, day = int(m.group(2)), int(m.group(3) or 0)
        return any(d[1] == month and (not day or d[2] == day) for d in u.dates)
    return False


def _conflict_note(c: Conflict) -> str:
    """"subject: value — who (report), ...; value — ..." with figures grouped as
    readers write them (10,000), or places when the conflict is about scope."""
    by_scope = c.kind == "scope"
    grouped: dict[str, list[str]] = {}
    for cl in c.claims:
        if by_scope:
            key = f"{_fmt_number(_norm_value(cl.value)) if _norm_value(cl.value).isdigit() else cl.value}"
            key += f" @ {cl.scope}" if cl.scope else ""
        else:
            v = _norm_value(cl.value)
            key = _fmt_number(v) if v.replace(".", "", 1).isdigit() else cl.value
            if cl.hedge:
                key += f" ({cl.hedge})"
        who = cl.speaker or cl.via or cl.source or ""
        label = f"{who} ({cl.external_id})" if who else f"({cl.external_id})"
        if label not in grouped.setdefault(key, []):
            grouped[key].append(label)
    return f"{c.subject}: " + "; ".join(f"{k} — {', '.join(w)}" for k, w in grouped.items())


def _conflict_notes(u: Unit, conflicts: Iterable[Conflict]) -> list[str]:
    """Notes of the conflicts this sentence takes part in: it is one of the
    conflict's claims, or it gives one of the conflicting values."""
    notes = []
    for c in conflicts:
        if not c.claims:
            continue
        in_claims = any(cl.external_id == u.external_id and cl.sentence == u.index for cl in c.claims)
        if in_claims or any(_claim_matches(u, cl.value) for cl in c.claims):
            note = _conflict_note(c)
            if note not in notes:
                notes.append(note)
    return notes


# --- public API ---------------------------------------------------------------


def summarize(
    articles: Sequence[Article],
    n_sentences: int = 6,
    claims: Sequence[Claim] | None = None,
    conflicts: Sequence[Conflict] | None = None,
    events: Sequence[Event] | None = None,
    entities: Sequence[Entity] | None = None,
    mentions: dict[str, Sequence[Mention]] | None = None,
) -> Summary:
    """Extractive summary of one story; every sentence cites every report stating it.

    `claims` mark sentences that carry an attributed figure (a small bonus);
    `conflicts` are attached as notes to sentences giving a conflicting value
    (without them, differing figures of related sentences are found here);
    `events` give sentence dates for reading order; `entities` (with their
    mentions) or `mentions` (external id -> Mention list) keep sentences about
    different people from backing each other.
    """
    articles = list(articles)
    units = build_units(articles, entities, mentions)
    headline = choose_headline(articles)
    if not units or n_sentences <= 0:
        return Summary(headline, [], len(articles))
    sim = similarity_matrix(units)
    year = _story_year(articles, units)
    score = score_units(units, sim, len(articles), year)
    if claims:
        claimed = {(c.external_id, c.sentence) for c in claims}
        for i, u in enumerate(units):
            if (u.external_id, u.index) in claimed:
                score[i] += 0.03
    _support_bonus(units, sim, score, len(articles))
    chosen = select(units, sim, score, n_sentences)

    event_dates: dict[tuple[str, int], str] = {}
    for ev in events or ():
        if ev.background:
            continue
        for ext, idx, _t in ev.support:
            event_dates.setdefault((ext, idx), ev.date)
    by_key = {(u.external_id, u.index): u for u in units}
    out = []
    for i in chosen:
        u = units[i]
        support = citations_for(i, units, sim)
        when = _sort_date(u, articles, year, event_dates)
        if not u.dates:
            # a sentence without a date takes the day its supporting reports name
            days = [d for ext, idx in support.items() for d in by_key[(ext, idx)].dates if d[2]]
            if days:
                y, m, d = min(days, key=lambda t: (t[0] or year, t[1], t[2]))
                when = (y or year, m, d)
        s = SummarySentence(u.text, u.external_id, u.index, u.source,
                            citations=list(support), support=support,
                            score=round(float(score[i]), 4), date=_iso(when))
        if conflicts:
            s.conflicts = _conflict_notes(u, conflicts)
        else:
            s.variants = _figure_variants(i, units, sim)
            if s.variants:
                s.conflicts = [_variant_note(s.variants)]
        out.append((when, -score[i], s))
    far = (9999, 99, 99)
    out.sort(key=lambda t: (t[0] is None, t[0] or far, t[1]))
    return Summary(headline, [s for *_x, s in out], len(articles))


_TITLE_PREFIX = regex.compile(r"^(?:[\p{Latin}\p{N}\s]{2,40}\s*[:：|]\s*|\p{N}{1,2}\s*[.)]\s*|[^/\n]{1,20}\s/\s+)")
_GLUED_DATELINE = regex.compile(r"^\p{Latin}+(?=\p{Devanagari})")  # "moscowमॉस्को: ..."
_SHORT_DATELINE = regex.compile(r"^[\p{L}\p{M}]{1,20}\s*:\s*")


def _clause_cut() -> regex.Pattern:
    words = sorted(lang_hi.wordlist("headline_clause_cuts"), key=len, reverse=True)
    return regex.compile(r",\s+(?:" + "|".join(map(regex.escape, words)) + r")(?![\p{L}\p{M}])")


def _tidy_title(text: str) -> str:
    """Drop rubrics, list numbers and datelines before the headline proper."""
    text = " ".join(text.split())
    for _ in range(2):
        stripped = _TITLE_PREFIX.sub("", text)
        if len(content_keys(stripped)) < 3:
            break
        text = stripped
    return text


# A report's own title is written as a headline; a lead sentence must be clearly
# more widely carried to beat it.
TITLE_BONUS = 0.15


def _lead_headline(text: str) -> str:
    text = _GLUED_DATELINE.sub("", text)
    text = _tidy_title(text)
    text = _SHORT_DATELINE.sub("", text)
    for word in sorted(lang_hi.wordlist("lead_connectives"), key=len, reverse=True):
        if text.startswith(word) and text[len(word): len(word) + 2].strip().startswith(","):
            text = text[len(word):].lstrip(" ,")
            break
    m = _clause_cut().search(text)
    if m:
        text = text[: m.start()]
    return text.rstrip(" ।.")


def choose_headline(articles: Sequence[Article]) -> str:
    """The story's headline: of the reports' titles and lead sentences (cut to
    their main clause), the one whose words the other reports carry most.

    A title gets a bonus (it was written as a headline); titles of fewer
    than four content words (list sections such as "कोतवाली क्षेत्र-") and titles
    full of figures (phone lists) are not candidates; one report's title about
    another event loses to the leads the other reports share.
    """
    cands: list[tuple[str, int, bool]] = []
    support: list[set[str]] = []
    for ai, a in enumerate(articles):
        ref: set[str] = set()
        if a.title and a.title.strip():
            t = _tidy_title(a.title)
            ref |= set(content_keys(t))
            if len(content_keys(t)) >= 4 and len(numbers_in(t)) <= 2 and not _has_phone_number(t):
                cands.append((t, ai, True))
        lead = next((s for s in article_sentences(a) if _usable(s.text, len(_content_keys(s.text)))), None)
        if lead:
            ref |= set(content_keys(lead.text))
            h = _lead_headline(lead.text)
            if len(content_keys(h)) >= 3 and len(numbers_in(h)) <= 2 and not _has_phone_number(h):
                cands.append((h, ai, False))
        support.append(ref)
    if not cands:
        titles = [a.title.strip() for a in articles if a.title and a.title.strip()]
        return titles[0] if titles else ""
    if len(articles) == 1:
        return next((c[0] for c in cands if c[2]), cands[0][0])

    def score(c: tuple[str, int, bool]) -> float:
        keys = set(content_keys(c[0]))
        others = [r for k, r in enumerate(support) if k != c[1] and r]
        if not keys or not others:
            return 0.0
        carried = sum(len(keys & r) / len(keys) for r in others) / len(others)
        long = 0.2 if len(c[0]) > 120 else 0.0
        return carried * min(1.0, len(keys) / 6) + (TITLE_BONUS if c[2] else 0.0) - long

    return max(cands, key=score)[0]
