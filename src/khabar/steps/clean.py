"""Turn a scraped report into clean text, recording every cut.

Every piece of noise is kept as a RemovedSpan with exact offsets into
`Article.raw_text`, so a viewer can show the raw page with the noise marked.
The order of the passes matters:

1. whole-line boilerplate (ads, "स्रोत:" lines, comment counters, tags, update stamps);
2. inline noise (ad slots, photo credits, stray HTML, a stray "." after a danda);
3. a headline on the first line becomes the title when the input had none;
4. the opening of the first body line: Latin glue, outlet/topic kicker, dateline;
5. an agency credit closing the report ("(एएनआई)");
6. lines broken inside a sentence are joined back;
7. short unpunctuated lines that share too little with the rest of the report
   (headlines of other stories pasted in by the page template) are cut.

Language data (patterns, words) comes from the Languages it is handed; this module
knows none.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from collections.abc import Mapping
from functools import lru_cache

import regex

from khabar import lang as _lang
from khabar.lang import Language
from khabar.config import CleanSettings
from khabar.model import Article, RemovedSpan
from khabar.steps.langid import detect_language
from khabar.steps.segment import split_sentences
from khabar.text.normalize import TOKEN_RE, match_key, nfc

_TERMINAL = "।॥.?!"
_MIN_BODY_WORDS = 30
_BLANK_LINE = regex.compile(r"\n[ \t\r]*\n")
_LAST_SENTENCE_TAIL = regex.compile(r"[।॥?!.][\"”’']*([^।॥?!.]*)$")
_HAS_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]")
_SENTENCE_PUNCT = regex.compile(r"[।॥]|(?<=\p{L}\p{M}*)\.(?=\s|$)")


@dataclass
class _Noise:
    line: list[tuple[str, regex.Pattern]]
    inline: list[tuple[str, regex.Pattern]]
    glue: regex.Pattern
    kicker: regex.Pattern
    kicker_max_words: int
    dateline: regex.Pattern
    dateline_max_words: int
    agency: regex.Pattern
    agency_max_words: int
    tz_offsets: dict[str, tuple[int, int]]
    stop: frozenset[str]
    list_item: regex.Pattern
    list_min_commas: int
    bylines: frozenset[str]
    nonfinal: frozenset[str]
    dateline_en: regex.Pattern
    months: frozenset[str]
    languages: tuple[Language, ...]


@lru_cache(maxsize=None)
def _noise(page: Language, languages: tuple[Language, ...]) -> _Noise:
    """Boilerplate of every language in `languages` (Hindi pages carry English
    boilerplate: "Tags:", "Similar News"), and the page language's rules for how a
    report opens and closes (dateline, kicker, agency credit)."""
    line, inline, tz = [], [], {}
    stop: set[str] = set()
    for language in languages:
        noise = language.noise
        line += [(r, regex.compile(p)) for r, p in noise.LINE_PATTERNS]
        inline += [(r, regex.compile(p)) for r, p in noise.INLINE_PATTERNS]
        tz.update(getattr(noise, "TZ_OFFSETS", {}))
        stop |= {match_key(w) for w in language.stopwords()}
    rules = page.noise
    return _Noise(
        line=line,
        inline=inline,
        glue=regex.compile(rules.DATELINE_GLUE),
        kicker=regex.compile(rules.KICKER),
        kicker_max_words=rules.KICKER_MAX_WORDS,
        dateline=regex.compile(rules.DATELINE),
        dateline_max_words=rules.DATELINE_MAX_WORDS,
        agency=regex.compile(rules.AGENCY_CREDIT),
        agency_max_words=rules.AGENCY_CREDIT_MAX_WORDS,
        tz_offsets=tz,
        stop=frozenset(stop),
        list_item=regex.compile(rules.LIST_ITEM),
        list_min_commas=rules.LIST_MIN_COMMAS,
        bylines=frozenset(match_key(w) for w in page.wordlist("bylines")),
        dateline_en=regex.compile(rules.CAPS_DATELINE),
        nonfinal=frozenset(match_key(w) for w in page.wordlist("nonfinal")),
        months=frozenset(match_key(w) for w in page.MONTHS),
        languages=languages,
    )


class _Cutter:
    """Collects removed spans over the raw text and answers what is left."""

    def __init__(self, raw: str):
        self.raw = raw
        self.cut = bytearray(len(raw))
        self.spans: list[RemovedSpan] = []

    def remove(self, start: int, end: int, reason: str, detail: str = "") -> None:
        """Cut [start, end); parts already cut keep their first reason."""
        i = start
        while i < end:
            if self.cut[i]:
                i += 1
                continue
            j = i
            while j < end and not self.cut[j]:
                j += 1
            self.cut[i:j] = b"\x01" * (j - i)
            self.spans.append(RemovedSpan(i, j, reason, self.raw[i:j], detail))
            i = j

    def kept(self, start: int, end: int) -> str:
        return "".join(c for i, c in enumerate(self.raw[start:end], start) if not self.cut[i])

    def first_kept(self, start: int, end: int) -> int:
        """Offset of the first kept non-space character in [start, end), or end."""
        for i in range(start, end):
            if not self.cut[i] and not self.raw[i].isspace():
                return i
        return end

    def widen(self, start: int, end: int, line_start: int, line_end: int) -> tuple[int, int]:
        """Take the spaces after a cut with it (or, at a line end, those before), so
        no double or trailing space is left."""
        raw, e = self.raw, end
        while e < line_end and raw[e] in " \t" and not self.cut[e]:
            e += 1
        if e > end and start > line_start:
            return start, e
        s = start
        while s > line_start and raw[s - 1] in " \t" and not self.cut[s - 1]:
            s -= 1
        return s, e


def _lines(raw: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in raw.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _words(text: str) -> list[str]:
    return TOKEN_RE.findall(text)


def _month(value: str, languages: tuple[Language, ...]) -> int:
    if value.isdigit():
        return int(value)
    key = value.casefold().rstrip(".")
    for language in languages:
        months = language.MONTHS
        if key in months:
            return months[key]
        if value in months:
            return months[value]
    raise ValueError(value)


def _stamp_datetime(m: regex.Match, noise: _Noise) -> datetime | None:
    try:
        hour = int(m["hour"] or 0)
        if m["ampm"] and m["hour"]:
            hour = hour % 12 + (12 if m["ampm"].lower() == "pm" else 0)
        when = datetime(int(m["year"]), _month(m["month"], noise.languages), int(m["day"]), hour, int(m["minute"] or 0))
    except (TypeError, ValueError):
        return None
    if m["tz"]:
        h, mi = noise.tz_offsets.get(m["tz"], (0, 0))
        when = when.replace(tzinfo=timezone(timedelta(hours=h, minutes=mi)))
    return when


def _content_set(text: str, stop: frozenset[str]) -> set[str]:
    """Match keys of content words; a hyphenated compound counts as its parts
    ("पुतिन-किम" -> पुतिन, किम), since the body names them apart."""
    out = set()
    for tok in TOKEN_RE.findall(text):
        for part in regex.split(r"[-'’]", tok):
            key = match_key(part)
            if len(key) >= 2 and key not in stop and not key[0].isdigit():
                out.add(key)
    return out


def _shares(word: str, vocab: set[str], prefixes: set[str]) -> bool:
    """`word` or an inflection of it (same stem, Hindi suffixes differ) is in vocab."""
    if word in vocab:
        return True
    n = max(3, len(word) - 2)
    return len(word) > 3 and word[:n] in prefixes


def _prefixes(vocab: set[str]) -> set[str]:
    out = set()
    for w in vocab:
        for n in range(3, len(w) + 1):
            out.add(w[:n])
    return out


def cohesion(line: str, rest: str, stop: frozenset[str]) -> tuple[float, int]:
    """Share of `line`'s content words that `rest` also uses, and how many it has."""
    words = _content_set(line, stop)
    if not words:
        return 0.0, 0
    vocab = _content_set(rest, stop)
    pre = _prefixes(vocab)
    shared = sum(1 for w in words if _shares(w, vocab, pre))
    return shared / len(words), len(words)


def _dateline_parts(m: regex.Match, noise: _Noise) -> tuple[str | None, str | None]:
    """(place, byline) of a dateline match, or (None, None) when it is no dateline.

    The place is the last part free of byline words and digits: "जागरण संवाददाता,
    मथुरा :" -> मथुरा; "मुजफ्फरपुर, जेएनएन ।" -> मुजफ्फरपुर; "अलीगढ़ जेएनएन:" -> अलीगढ़."""
    parts = [p.strip() for p in (m["a"], m["b"]) if p and p.strip()]
    if m["sep"] == "।" and len(parts) < 2 and not m["agency"]:
        return None, None  # "मोदी आए।" is a sentence, not a dateline
    place, byline = None, []
    for part in parts:
        words = _words(part)
        keys = [match_key(w) for w in words]
        if any(k in noise.bylines for k in keys):
            rest = [w for w, k in zip(words, keys) if k not in noise.bylines]
            byline.append(part)
            if rest and place is None and part is parts[-1] is parts[0]:
                place = " ".join(rest)  # "अलीगढ़ जेएनएन:"
            continue
        if any(ch.isdigit() for ch in part) or any(k in noise.months for k in keys):
            continue  # "12 नवंबर"
        if not 0 < len(words) <= noise.dateline_max_words or any(k in noise.stop for k in keys):
            return None, None
        if place is not None:
            byline.append(place)
        place = part
    if place is None:
        return None, None
    byline = [b for b in byline if b != place]
    return place, (", ".join(byline) or None)


def _stands_alone(raw: str, cut: _Cutter, line: str, end: int, next_start: int, nonfinal: frozenset[str]) -> bool:
    """Whether a first line is a headline rather than the start of a sentence broken
    over two lines: a blank or removed line follows it, or it ends like a headline
    (not on a comma, an open quote or a function word such as "ने")."""
    between = raw[end:next_start]
    if _BLANK_LINE.search(raw, end, next_start + 1) or any(cut.cut[end:next_start]) or between.count("\n") > 1:
        return True
    return not _is_open(line, nonfinal)


def _is_open(text: str, nonfinal: frozenset[str]) -> bool:
    """A line that cannot end there: a dangling comma, an unclosed quotation, or a
    last word that never ends a sentence ("ने", "और")."""
    t = text.rstrip()
    if not t:
        return False
    if t[-1] in ",“‘(":
        return True
    # only the last, unfinished sentence counts: a stray quote earlier in a long
    # paragraph must not glue the next lines to it
    tail = _LAST_SENTENCE_TAIL.search(t)
    tail_text = tail.group(1) if tail else t
    if tail_text.count('"') % 2 == 1 or tail_text.count("“") > tail_text.count("”"):
        return True
    words = _words(t)
    return t[-1] not in _TERMINAL and bool(words) and match_key(words[-1]) in nonfinal


def _join(pieces: list[str]) -> str:
    """Join the pieces of a broken sentence; no space after an opening quote."""
    out = ""
    for p in pieces:
        if out and not (out[-1] in "“‘(" or (out[-1] == '"' and out.count('"') % 2 == 1)):
            out += " "
        out += p
    return out


_Line = tuple[int, int]  # (start, end) of a line in raw_text, without its "\n"


def _cut_boilerplate(out: Article, cut: _Cutter, lines: list[_Line], noise: _Noise) -> None:
    """Passes 1-2: whole-line boilerplate, then inline noise."""
    raw = cut.raw
    for ls, le in lines:
        text = raw[ls:le]
        s = ls + len(text) - len(text.lstrip())
        e = ls + len(text.rstrip())
        if s >= e:
            continue
        for reason, pat in noise.line:
            m = pat.fullmatch(raw[s:e])
            if not m:
                continue
            groups = m.groupdict()
            if groups.get("url"):
                out.metadata.setdefault("source_url", groups["url"])
            if groups.get("year"):
                when = _stamp_datetime(m, noise)
                if when and out.published is None:
                    out.published = when
                    out.metadata["published_from"] = "text-stamp"
            cut.remove(s, e, reason)
            break
    for ls, le in lines:
        for reason, pat in noise.inline:
            for m in pat.finditer(raw, ls, le):
                if m.end() > m.start():
                    cut.remove(*cut.widen(m.start(), m.end(), ls, le), reason)
    # a line left with nothing but punctuation or spaces is residue too
    for ls, le in lines:
        rest = cut.kept(ls, le)
        if rest.strip() and not _HAS_WORD.search(rest):
            cut.remove(cut.first_kept(ls, le), ls + len(raw[ls:le].rstrip()), "html-residue")


def _take_title(out: Article, cut: _Cutter, content: list[_Line], noise: _Noise,
                settings: CleanSettings) -> list[_Line]:
    """Pass 3: promote a leading headline to the title (when there is none), or cut a
    first line repeating the given title. Returns the content lines left."""
    if not content:
        return content
    raw = cut.raw
    ls, le = content[0]
    s = cut.first_kept(ls, le)
    e = ls + len(raw[ls:le].rstrip())
    line = cut.kept(s, e).strip()
    km = noise.kicker.match(line)
    has_kicker = bool(km) and len(_words(km["kicker"])) <= noise.kicker_max_words
    headline = line[km.end():].strip() if has_kicker else line
    if out.title:
        if match_key(out.title.strip()) in (match_key(headline), match_key(line)):
            cut.remove(s, e, "title", "repeats the title")
            return content[1:]
        return content
    if (
        len(content) > 1
        and line[-1] not in "।॥."
        and not _SENTENCE_PUNCT.search(line)
        and len(_words(line)) <= settings.offtopic_max_words
        and _stands_alone(raw, cut, line, le, content[1][0], noise.nonfinal)
    ):
        out.title = nfc(headline)
        if has_kicker:
            out.metadata.setdefault("kicker", nfc(km["kicker"].strip()))
        cut.remove(s, e, "title")
        return content[1:]
    return content


def _take_opening(out: Article, cut: _Cutter, content: list[_Line], noise: _Noise) -> None:
    """Pass 4: Latin glue, English dateline, kicker and Hindi dateline opening the body."""
    if not content:
        return
    raw = cut.raw
    ls, le = content[0]
    s = cut.first_kept(ls, le)
    m = noise.glue.match(raw, s, le)
    if m:
        cut.remove(m.start(), m.end(), "dateline-glue")
        s = m.end()
    m = noise.dateline_en.match(raw, s, le)
    if m:
        cut.remove(m.start(), m.end(), "dateline")
        out.dateline = nfc(m["place"].strip().title())
        if m["agency"]:
            out.metadata.setdefault("agency", nfc(m["agency"].strip()))
        s = m.end()
    m = noise.kicker.match(raw, s, le)
    if m and len(_words(m["kicker"])) <= noise.kicker_max_words:
        cut.remove(m.start(), m.end(), "kicker")
        out.metadata.setdefault("kicker", nfc(m["kicker"].strip()))
        s = m.end()
    m = noise.dateline.match(raw, s, le)
    place, byline = _dateline_parts(m, noise) if m else (None, None)
    if place:
        cut.remove(m.start(), m.end(), "dateline")
        out.dateline = nfc(place)
        if byline:
            out.metadata.setdefault("byline", nfc(byline))


def _take_agency_credit(out: Article, cut: _Cutter, content: list[_Line], noise: _Noise) -> None:
    """Pass 5: "(एएनआई)" closing the report."""
    if not content:
        return
    ls, le = content[-1]
    m = noise.agency.search(cut.raw, ls, le)
    if m and len(_words(m["agency"])) <= noise.agency_max_words and not any(cut.cut[m.start():m.end()]):
        cut.remove(*cut.widen(m.start(), m.end(), ls, le), "agency-credit")
        out.metadata.setdefault("agency", nfc(m["agency"].strip()))


def _group_broken_lines(cut: _Cutter, content: list[_Line], noise: _Noise) -> list[list[_Line]]:
    """Pass 6: adjacent lines where the first cannot end there form one logical line."""
    raw = cut.raw
    groups: list[list[_Line]] = []
    for ls, le in content:
        if groups:
            prev_end = groups[-1][-1][1]
            adjacent = raw.count("\n", prev_end, ls) == 1 and not raw[prev_end:ls].strip()
            if adjacent and _is_open(_join([cut.kept(a, b).strip() for a, b in groups[-1]]), noise.nonfinal):
                groups[-1].append((ls, le))
                continue
        groups.append([(ls, le)])
    return groups


def _cut_offtopic(cut: _Cutter, groups: list[list[_Line]], texts: list[str], noise: _Noise,
                  settings: CleanSettings) -> set[int]:
    """Pass 7: pasted headlines of other stories. A candidate is short, unpunctuated,
    no list item and not in a run of such lines; it is cut when it shares little
    vocabulary with the report and does not head the paragraph after it (a subhead
    shares words with what it heads). Returns the indexes of the cut groups."""
    raw = cut.raw
    candidates = [
        i for i, (g, text) in enumerate(zip(groups, texts))
        if len(g) == 1
        and 0 < len(_words(text)) <= settings.offtopic_max_words
        and not _SENTENCE_PUNCT.search(text)
        and not noise.list_item.match(text)
        and text.count(",") < noise.list_min_commas
    ]

    def adjacent(i: int, j: int) -> bool:
        return raw.count("\n", groups[i][-1][1], groups[j][0][0]) <= 1

    # runs of adjacent unpunctuated lines are lists or tables, not pasted headlines
    is_candidate = set(candidates)  # membership in a set: a page of 100,000 lines stays linear
    listy = {i for i in candidates if (i - 1 in is_candidate and adjacent(i - 1, i))
             or (i + 1 in is_candidate and adjacent(i, i + 1))}
    candidates = [i for i in candidates if i not in listy]
    is_candidate = set(candidates)
    body_ids = [i for i in range(len(groups)) if i not in is_candidate]
    body = " ".join(texts[i] for i in body_ids)
    if len(_content_set(body, noise.stop)) < _MIN_BODY_WORDS:
        return set()  # too little report to judge a line against
    limit = settings.offtopic_max_cohesion
    dropped = set()
    for i in candidates:
        score, n = cohesion(texts[i], body, noise.stop)
        if n < settings.offtopic_min_words or score >= limit:
            continue
        nxt = next((j for j in body_ids if j > i), None)
        heads = cohesion(texts[i], texts[nxt], noise.stop)[0] if nxt is not None else 0.0
        # inside the report a line needs stronger evidence than one trailing after
        # it, where page templates paste their "more stories" links
        if heads >= limit / 2 or (nxt is not None and score >= limit / 2):
            continue
        ls, le = groups[i][0]
        cut.remove(cut.first_kept(ls, le), ls + len(raw[ls:le].rstrip()), "offtopic-headline",
                   f"cohesion {score:.2f} with the report, {heads:.2f} with the next paragraph, "
                   f"over {n} content words")
        dropped.add(i)
    return dropped


def _assemble(raw: str, groups: list[list[_Line]], texts: list[str], dropped: set[int]) -> str:
    """Logical lines joined by "\n", with one blank line where the raw text had one."""
    parts: list[str] = []
    prev_end = 0
    for i, g in enumerate(groups):
        text = texts[i].strip()
        if i in dropped or not text:
            continue
        if parts:
            parts.append("\n\n" if _BLANK_LINE.search(raw, prev_end, g[0][0] + 1) else "\n")
        parts.append(text)
        prev_end = g[-1][1]
    return "".join(parts)


def clean_article(article: Article, settings: CleanSettings | None = None,
                  lang: Language | str | None = None,
                  languages: Mapping[str, Language] | None = None) -> Article:
    """A copy of `article` with clean_text (NFC), removed spans (offsets into
    raw_text), dateline, title, source URL, stamp date, sentences and language.

    `lang` is the language of the page (default: the report's own, else the default
    language): its rules find the dateline and the kicker. The boilerplate of every
    language in `languages` (default: all khabar has) is cut."""
    settings = settings or CleanSettings()
    page = _lang.resolve(lang or (article.language if article.language in _lang.SUPPORTED else None))
    languages = languages if languages is not None else _lang.registry()
    noise = _noise(page.rules, tuple(languages.values()))
    out = copy.copy(article)
    out.metadata = dict(article.metadata)
    cut = _Cutter(article.raw_text)
    lines = _lines(cut.raw)

    _cut_boilerplate(out, cut, lines, noise)
    content = [line for line in lines if _HAS_WORD.search(cut.kept(*line))]
    content = _take_title(out, cut, content, noise, settings)
    _take_opening(out, cut, content, noise)
    _take_agency_credit(out, cut, content, noise)
    groups = _group_broken_lines(cut, content, noise)
    texts = [_join([cut.kept(a, b).strip() for a, b in g]) for g in groups]
    dropped = _cut_offtopic(cut, groups, texts, noise, settings)

    out.clean_text = nfc(_assemble(cut.raw, groups, texts, dropped))
    out.removed = sorted(cut.spans, key=lambda r: r.start)
    out.language = article.language or detect_language(out.clean_text, page)
    reads = languages.get(out.language, page) if out.language else page
    out.sentences = split_sentences(out.clean_text, reads)
    return out
