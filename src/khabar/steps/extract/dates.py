"""Time expressions: find candidates with one regex built from language data, then
normalise them to ISO values against the report's publication date.

Values: "2024-11-09" (day), "2024-11" (month), "2024" (year), "2024-W45" (week).
A year the text does not give is written "XXXX" when there is no reference date
("XXXX-11-09"); `resolve_story_dates` fills it from the other reports of the story.
`inferred=True` means some part of the value (usually the year) came from context,
not from the words; `note` says from where.
"""

from __future__ import annotations

import calendar
import unicodedata
from datetime import date, datetime, timedelta

from dataclasses import dataclass
from functools import lru_cache

import regex

from khabar import lang as _lang
from khabar.lang import Language
from khabar.text.normalize import word_alternation
from khabar.model import Article, Sentence, SpanIndex, TimeExpr

# "_" counts as a word character so ids like "paper_2003_8_30" give no years
_B = r"(?<![\p{L}\p{M}\p{N}_])"
_E = r"(?![\p{L}\p{M}\p{N}_])"

_alt = word_alternation
_DIGITS_RE = regex.compile(r"[0-9०-९]+")
_WORD_RE = regex.compile(r"[\p{L}\p{M}]+")
_EVENT_PUNCT = regex.compile(r"[।|;!?\n]|,(?!\s*[0-9०-९])|:\s")


@dataclass(frozen=True, eq=False)
class _Rules:
    """What dates.py reads of a language, compiled once per Language."""

    hi: Language  # the language's own words (months, weekdays, timewords)
    en: Language  # the Latin-script language its reports quote
    ht: object  # hi.timewords
    ent: object  # en.timewords
    hc: object  # hi.claimwords
    tp: object  # hi.timepatterns
    tn: object  # hi.tense
    kinds: tuple[str, ...]
    main: regex.Pattern
    festival_keys: dict
    span_numbers: dict
    some: dict
    event_stems: regex.Pattern
    stamp: regex.Pattern
    dateline: regex.Pattern
    for_: regex.Pattern
    count_after: regex.Pattern


@lru_cache(maxsize=None)
def _compile(hi: Language) -> _Rules:
    en, tp = hi.latin, hi.timepatterns
    patterns, tod = tp.patterns(hi, en)
    main = regex.compile(_B + "(?:" + "|".join(f"(?P<{k}>{p})" for k, p in patterns) + f")(?P<tod>{tod})?" + _E)
    return _Rules(
        hi=hi, en=en, ht=hi.timewords, ent=en.timewords, hc=hi.claimwords, tp=tp, tn=hi.tense,
        kinds=tuple(k for k, _ in patterns), main=main,
        festival_keys={k: k for k in hi.timewords.FESTIVALS},
        span_numbers={**hi.NUMBER_WORDS, **tp.SPAN_FRACTIONS},
        some={w: w for w in hi.timewords.SOME},
        event_stems=regex.compile(rf"{_B}(?:{_alt(hi.timewords.EVENT_TRIGGER_STEMS)})"),
        stamp=regex.compile(tp.STAMP),
        dateline=regex.compile(tp.dateline(hi)),
        for_=regex.compile(tp.FOR),
        count_after=regex.compile(tp.COUNT_AFTER),
    )


def _rules(lang: Language | str | None) -> _Rules:
    """The compiled rules that read reports in `lang` (default: the default language)."""
    return _compile(_lang.resolve(lang).rules)


def _num(s: str, r: _Rules) -> int:
    return int(s.translate(r.hi.DEVANAGARI_DIGITS))


# keyed by id(): only pass module-level dicts, never temporaries
_FIND_CACHE: dict[int, tuple[regex.Pattern, dict]] = {}


def _find(words: dict, text: str):
    """The value of the longest key of `words` found in `text` (case-insensitive)."""
    hit = _FIND_CACHE.get(id(words))
    if hit is None:
        low = {w.lower(): v for w, v in words.items()}
        hit = (regex.compile(_B + "(" + _alt(low) + ")" + _E), low)
        _FIND_CACHE[id(words)] = hit
    pat, low = hit
    best = None
    for m in pat.finditer(text.lower()):
        if best is None or len(m.group(1)) > len(best):
            best = m.group(1)
    if best is None:
        return None
    return low[best] if best in low else low.get(unicodedata.normalize("NFC", best))


def _closest_year(ref: date, month: int, day: int) -> int:
    best = None
    for y in (ref.year - 1, ref.year, ref.year + 1):
        d = min(day, calendar.monthrange(y, month)[1])
        dist = abs((date(y, month, d) - ref).days)
        # ties go to the past: reports mostly look back
        if best is None or dist < best[0] or (dist == best[0] and y < best[1]):
            best = (dist, y)
    return best[1]


def _week(d: date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]}-W{iso[1]:02d}"


def _is_future(word: str, r: _Rules) -> bool:
    tn = r.tn
    return (word in tn.FUTURE_FORMS or word.endswith(tn.FUTURE_SUFFIXES)) and word not in tn.NOT_FUTURE


def _group_tense(group: list[str], r: _Rules) -> str:
    """The tense of one verb group ("बंद कर दिया गया है"): past, future, perfect,
    progressive, present, or "" when its words do not tell."""
    tn = r.tn
    if any(_is_future(w, r) for w in group) or any(w in tn.MODAL for w in group):
        return "future"
    if any(w in tn.PAST_AUX for w in group):
        return "past"
    aux = [i for i, w in enumerate(group) if w in tn.PRESENT_AUX]
    if aux:
        before = group[aux[-1] - 1] if aux[-1] > 0 else ""
        if before in tn.PROGRESSIVE:
            return "progressive"
        if before in tn.PERFECT_PARTS:
            return "perfect"
        return "present"
    # no auxiliary: a perfective alone ("आग लगी", "बंद रहीं") tells the past
    if any(w in tn.PERFECT_PARTS or w in tn.PROGRESSIVE for w in group):
        return "past"
    return ""


def clause_tense(after: str, r: _Rules) -> tuple[str, str]:
    """(tense, bound) of the clause a time expression attaches to, read from the words
    `after` it: Hindi puts the verb group last, so the first verb group that follows, up
    to the clause end, is the clause's. `bound` is the expression's postposition when it
    makes it a bound ("से", "तक"), else "". Tense "directive" is an ordered or planned
    action whose start or end the expression is ("सोमवार से दुकानें बंद रखने को कहा")."""
    tn = r.tn
    clause = regex.split(r"[।|;!?\n]", after, maxsplit=1)[0]
    words = _WORD_RE.findall(clause)[:30]
    bound = next((w for w in words[:5] if w in tn.FROM or w in tn.UNTIL or w in tn.POINT), "")
    bound = bound if bound in tn.FROM or bound in tn.UNTIL else ""
    anchors = tn.PAST_AUX | tn.PRESENT_AUX | tn.PERFECTIVE | tn.MODAL
    members = anchors | tn.GROUP_WORDS
    for i, w in enumerate(words):
        if w in tn.CLAUSE_BREAKS:
            break
        if (bound and w.endswith(tn.INFINITIVE_ENDINGS) and len(w) >= 3 and w not in tn.NOT_INFINITIVE
                and i + 1 < len(words) and words[i + 1] in tn.INFINITIVE_LINKS
                and any(x in tn.DIRECTIVES for x in words[i + 2:i + 4])):
            return "directive", bound
        if w in anchors or _is_future(w, r):
            # the group's main verb and light verbs may stand before its first anchor
            # ("ढील दी है", "जारी की है")
            lo = i
            while lo > 0 and words[lo - 1] in members and words[lo - 1] not in tn.CLAUSE_BREAKS:
                lo -= 1
            group = words[lo:i + 1]
            for x in words[i + 1:]:
                if x not in members and not _is_future(x, r):
                    break
                group.append(x)
            tense = _group_tense(group, r)
            if tense:
                return tense, bound
    return "", bound


def _direction(after: str, r: _Rules) -> int:
    """-1 the day before the report, +1 the day after, 0 unknown, from the tense of the
    clause a deictic word or a weekday attaches to. A present tense dates the coming day
    ("कल बजट सत्र है") unless the word is a "since" ("कल से बारिश हो रही है")."""
    tense, bound = clause_tense(after, r)
    if tense in ("future", "directive"):
        return 1
    if tense in ("present", "progressive"):
        return -1 if bound in r.tn.FROM else 1
    if tense in ("past", "perfect"):
        return -1
    return 0


_TENSE_NOTE = {-1: "past", 1: "future", 0: "unclear"}


def normalise(kind: str, text: str, ref: date | None, after: str = "",
              lang: Language | str | None = None) -> tuple[str | None, str, bool, str]:
    """(value, granularity, inferred, note) for a matched candidate `text` of `kind`."""
    r = _rules(lang)
    nums = [(_num(m.group(), r), len(m.group())) for m in _DIGITS_RE.finditer(text)]
    years = [n for n, l in nums if l == 4 and 1800 <= n <= 2100]
    small = [n for n, l in nums if l <= 2]
    month = _find(r.hi.MONTHS, text) or _find(r.en.MONTHS, text)
    wd = _find(r.hi.WEEKDAYS, text)
    if wd is None:
        wd = _find(r.en.WEEKDAYS, text)
    mod = _find(r.ht.MODIFIERS, text)
    if mod is None:
        mod = _find(r.ent.MODIFIERS, text)
    year = years[0] if years else None
    if kind == "iso":
        y, m, d = (_num(x, r) for x in _DIGITS_RE.findall(text)[:3])
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None, "unknown", False, "not a valid y-m-d"
        return f"{y:04d}-{m:02d}-{d:02d}", "day", False, ""
    if kind == "numeric":
        d, m, y = (_num(x, r) for x in _DIGITS_RE.findall(text)[:3])
        y = y + 2000 if y < 100 else y
        if not (1 <= m <= 12 and 1 <= d <= 31):
            return None, "unknown", False, "not a valid d/m/y"
        return f"{y:04d}-{m:02d}-{d:02d}", "day", False, ""
    if kind in ("wd_paren", "day_month", "en_wd_md", "en_md", "en_dm"):
        day = small[0] if small else _find(r.ht.DAY_WORDS, text)
        if day is None or not month or not 1 <= day <= 31:
            return None, "unknown", False, "no day"
        note, inferred = "", False
        if year is None and kind == "day_month" and mod is not None and not any(w in text for w in r.tp.YEAR_WORDS):
            # "गत 26 दिसंबर": the latest such day before the report (the next one for "अगले")
            if ref is None:
                return f"XXXX-{month:02d}-{day:02d}", "day", False, f"rel-day={mod}"
            y = _closest_year(ref, month, day)
            try:
                if mod == -1 and date(y, month, day) >= ref:
                    y -= 1
                elif mod == 1 and date(y, month, day) <= ref:
                    y += 1
            except ValueError:
                return None, "unknown", False, "impossible date"
            year, inferred, note = y, True, "year from modifier and publication date"
        if year is None and kind == "day_month" and mod is not None:
            if ref is None:
                return f"XXXX-{month:02d}-{day:02d}", "day", False, f"rel-year={mod}"
            year, inferred, note = ref.year + mod, True, "year from modifier and publication date"
        if year is None:
            if ref is None:
                return f"XXXX-{month:02d}-{day:02d}", "day", False, (f"weekday={wd}" if wd is not None else "")
            year, inferred, note = _closest_year(ref, month, day), True, "year from publication date"
        try:
            d = date(year, month, day)
        except ValueError:
            return None, "unknown", False, "impossible date"
        if wd is not None and d.weekday() != wd:
            note = (note + "; " if note else "") + f"weekday mismatch ({d:%A})"
        return d.isoformat(), "day", inferred, note
    if kind in ("month_year", "en_my"):
        return f"{year:04d}-{month:02d}", "month", False, ""
    if kind == "mod_month" or (kind == "en_rel" and month):
        if ref is None:
            return f"XXXX-{month:02d}", "month", False, f"rel-year={mod}"
        if any(w in text for w in r.tp.YEAR_WORDS):
            y = ref.year + mod
        elif mod == -1:  # "पिछले सितंबर": the latest September before this month
            y = ref.year if month < ref.month else ref.year - 1
        elif mod == 1:
            y = ref.year if month > ref.month else ref.year + 1
        else:
            y = ref.year
        return f"{y:04d}-{month:02d}", "month", True, "year from publication date"
    if kind in ("mod_unit", "en_rel"):
        unit = _find(r.ht.UNITS, text) or _find(r.ent.UNITS, text)
        if unit is None and wd is not None:
            kind = "mod_wd"
        else:
            if kind == "mod_unit" and mod and any(text.endswith(w) for w in r.ht.VAGUE_PLURAL_UNITS):
                return None, "vague", False, "recent days: no day given"
            if ref is None or mod is None:
                return None, unit or "unknown", False, f"rel={mod}:{unit}"
            if unit == "year":
                return f"{ref.year + mod:04d}", "year", True, "relative to publication date"
            if unit == "month":
                m0 = ref.year * 12 + ref.month - 1 + mod
                return f"{m0 // 12:04d}-{m0 % 12 + 1:02d}", "month", True, "relative to publication date"
            if unit == "week":
                return _week(ref + timedelta(days=7 * mod)), "week", True, "relative to publication date"
            if unit == "day":
                return (ref + timedelta(days=mod)).isoformat(), "day", True, "relative to publication date"
            return None, "unknown", False, ""
    if kind in ("mod_wd", "weekday", "en_wd"):
        if ref is None:
            return None, "day", False, f"weekday={wd}" + (f"; rel={mod}" if mod else "")
        back = (ref.weekday() - wd) % 7
        if mod == 1:
            d = ref + timedelta(days=(wd - ref.weekday()) % 7 or 7)
        elif mod == -1:
            d = ref - timedelta(days=back or 7)
        elif mod is None and (way := _direction(after, r)) == 1:
            # "शुक्रवार को बैठक होगी", "सोमवार से दुकानें बंद रखने को कहा": the coming
            # one (today if it is that day)
            d = ref + timedelta(days=(wd - ref.weekday()) % 7)
            return d.isoformat(), "day", True, "weekday after publication date (future tense)"
        else:
            # "बुधवार को रिपोर्ट आयी थी", and a clause whose tense is unclear: reports
            # mostly look back
            d = ref - timedelta(days=back)
            if mod is None:
                return d.isoformat(), "day", True, f"weekday before publication date ({_TENSE_NOTE[way]} tense)"
        return d.isoformat(), "day", True, "weekday before publication date"
    if kind in ("deictic", "en_deictic", "deictic_wd"):
        low = text.lower().split()[0]
        # a word with a fixed offset ("आज", "yesterday", "बीते दिन"); else the verb's tense
        # signs it ("कल", "परसों")
        fixed = {**r.ht.DEICTIC, **r.ent.DEICTIC}
        words = [w for w, v in fixed.items() if v is not None and (low == w or (" " in w and text.startswith(w)))]
        if words:
            off, note = fixed[words[0]], ""
        else:
            t = _direction(after, r)
            off = r.tp.TENSE_DAYS.get(low, 1) * (t or -1)
            note = "tense: " + {-1: "past", 1: "future", 0: "unclear, read as past"}[t]
        if ref is None:
            return None, "day", False, (note + "; " if note else "") + f"offset={off}"
        return (ref + timedelta(days=off)).isoformat(), "day", True, note or "relative to publication date"
    if kind == "ago":
        if _find(r.some, text) is not None:  # "कुछ दिन पहले": before, but not by how much
            unit = _find(r.ht.SPAN_UNITS, text)
            return None, unit or "unknown", False, ("some before" if any(w in text for w in r.tp.BEFORE_WORDS)
                                                    else "some after")
        n = small[0] if small else _find(r.span_numbers, text) or 1
        unit = _find(r.ht.SPAN_UNITS, text)
        sign = -1 if any(w in text for w in r.tp.BEFORE_WORDS) else 1
        if ref is None or unit not in ("day", "week", "year"):
            return None, unit or "unknown", False, f"offset={sign * n} {unit}"
        if unit == "year":
            return f"{ref.year + sign * n:04d}", "year", True, "relative to publication date"
        d = ref + timedelta(days=sign * n * (7 if unit == "week" else 1))
        return d.isoformat(), "day", True, "relative to publication date"
    if kind in ("duration", "span"):
        return None, "duration", False, ""
    if kind == "festival":
        md = r.ht.FESTIVALS[_find(r.festival_keys, text)]
        if md is None:
            return None, "day", False, "festival without a fixed date"
        if ref is None:
            return f"XXXX-{md}", "day", False, "fixed-date festival"
        m, d = int(md[:2]), int(md[3:])
        return f"{_closest_year(ref, m, d):04d}-{md}", "day", True, "fixed-date festival"
    if kind == "month":
        if ref is None:
            return f"XXXX-{month:02d}", "month", False, ""
        if _direction(after, r) == 1:  # "जनवरी में पदभार ग्रहण करेंगे": the next one
            y = ref.year if month > ref.month else ref.year + 1
        else:
            y = ref.year if month <= ref.month + 1 else ref.year - 1
        return f"{y:04d}-{month:02d}", "month", True, "year from publication date"
    if kind == "year":
        return f"{year:04d}", "year", False, ""
    return None, "time", False, ""


def _is_count(text: str, m: regex.Match, r: _Rules) -> bool:
    """A bare 4-digit number followed by a counted noun is a count, not a year."""
    nxt = r.count_after.match(text[m.end(): m.end() + 40])
    return bool(nxt) and (nxt.group(1) in r.hc.COUNTED or nxt.group(1) in r.ht.COUNT_VERBS)


def _sentence_of(finder: SpanIndex, pos: int) -> int:
    s = finder.at(pos)
    return s.index if s is not None else -1


def find_times(text: str, ref: date | None, sentences: list[Sentence] | None = None,
               lang: Language | str | None = None) -> list[TimeExpr]:
    """Time expressions in `text`, normalised against `ref` (the publication date), read
    with the rules of `lang` (default: the default language)."""
    r = _rules(lang)
    out = []
    finder = SpanIndex(sentences or [])
    for m in r.main.finditer(text):
        if m.start() >= 2 and text[m.start() - 1] in ".:," and text[m.start() - 2] in "0123456789०१२३४५६७८९":
            continue  # "8.57 मिनट में": the decimals of a number, not a number of minutes
        kind = next(k for k in r.kinds if m.group(k) is not None)
        core = m.group(kind)
        if kind == "year":
            before = text[max(0, m.start() - 12): m.start()]
            if _is_count(text, m, r) or any(before.rstrip().endswith(w) for w in r.ht.NOT_YEAR_BEFORE):
                continue
            if not (1800 <= _num(_DIGITS_RE.search(core).group(), r) <= 2100):
                continue
        if kind == "en_wd" and core[0].islower():
            continue
        value, gran, inferred, note = normalise(kind, core, ref, text[m.end(): m.end() + 300], r.hi)
        if gran == "time" and value is None and ref is not None and kind in ("part", "clock"):
            note = "time of day, day not stated"
        out.append(TimeExpr(start=m.start(), end=m.end(), text=m.group(), value=value,
                            granularity=gran, inferred=inferred,
                            sentence=_sentence_of(finder, m.start()), note=note))
    return out


def extract_times(article: Article, ref: date | None = None,
                  lang: Language | str | None = None) -> list[TimeExpr]:
    """Time expressions of `article.clean_text` (falls back to raw_text), normalised against
    `ref` or, when not given, the article's publication date; `lang` defaults to
    khabar.lang.for_report(article)."""
    if ref is None and article.published is not None:
        ref = article.published.date() if isinstance(article.published, datetime) else article.published
    text = article.clean_text or article.raw_text
    return find_times(text, ref, article.sentences, _report_lang(article, lang))


def _report_lang(article: Article, lang: Language | str | None) -> Language:
    return _lang.resolve(lang) if lang is not None else _lang.for_report(article)



def _event_window(text: str, t: TimeExpr, r: _Rules) -> tuple[int, int]:
    """The clause of a time expression: back to the previous clause break, on to the next."""
    lo = max(0, t.start - 150)
    hi = min(len(text), t.end + 200)
    left, right = lo, hi
    for m in _EVENT_PUNCT.finditer(text, lo, t.start):
        left = m.end()
    # "20 मार्च 2015: ... डिरेल हुई", "१९७६ - चीन में भूकंप": a date heading a list item
    # dates the item after it
    head = regex.match(r"\s*(?::|-|–)\s", text[t.end:t.end + 4])
    m = _EVENT_PUNCT.search(text, t.end + (head.end() if head else 0), hi)
    if m:
        right = m.start()
    for b in r.ht.EVENT_CLAUSE_BREAKS:
        i = text.rfind(b, left, t.start)
        if i >= 0:
            left = i + len(b)
        j = text.find(b, t.end, right)
        if j >= 0:
            right = j
    return left, right


def time_points(times: list[TimeExpr], lang: Language | str | None = None) -> list[TimeExpr]:
    """The `times` that say when, not only how long: a bare duration ("छह घंटे तक", "10 साल
    से") is left out; a period counted from now ("पिछले दो दिनों में") stays."""
    r = _rules(lang)
    return [t for t in times if not (t.granularity == "duration" and _find(r.ht.MODIFIERS, t.text.split()[0]) is None)]


def find_event_times(text: str, times: list[TimeExpr], plans_out: bool = False,
                     lang: Language | str | None = None) -> list[TimeExpr]:
    """The `times` that date an event: their clause holds an event trigger (हुआ, आई, लगी,
    मारे गए, हमला, भूकंप, हस्ताक्षर, ...; lang/hi/timewords.EVENT_TRIGGERS). With
    `plans_out`, a clause whose verbs are all future ("बैठक शुक्रवार को होगी", "कल बारिश
    होगी") dates a plan or a forecast and is left out."""
    r = _rules(lang)
    out = []
    for t in time_points(times, r.hi):
        lo, hi = _event_window(text, t, r)
        rest = r.for_.sub(" ", text[lo:t.start] + " " + text[t.end:hi])
        words = _WORD_RE.findall(rest)
        if plans_out and _plan(words, r):
            continue
        if any(w in r.ht.EVENT_TRIGGERS for w in words) or r.event_stems.search(rest):
            out.append(t)
        elif any(w in r.ht.EVENT_PAST for w in words) and not any(w in r.ht.SPEECH for w in words):
            out.append(t)
    return out


def _plan(words: list[str], r: _Rules) -> bool:
    """A clause in the future tense only ("बैठक शुक्रवार को होगी"): a plan or a forecast."""
    tn = r.tn
    future = any(_is_future(w, r) for w in words)
    past = any(w in tn.PAST_AUX or w in tn.PERFECTIVE for w in words)
    return future and not past


def event_times(article: Article, times: list[TimeExpr] | None = None,
                lang: Language | str | None = None) -> list[TimeExpr]:
    """Time expressions of `article` that date an event (see find_event_times); `times`
    defaults to extract_times(article)."""
    lang = _report_lang(article, lang)
    if times is None:
        times = extract_times(article, lang=lang)
    return find_event_times(article.clean_text or article.raw_text, times, lang=lang)


def infer_publication(article: Article, times: list[TimeExpr],
                      lang: Language | str | None = None) -> tuple[datetime | None, str]:
    """A publication date for a report whose metadata has none.

    Tries, in order: a stamp in the raw text ("Update: 2024-06-20 07:40 GMT") -> "stamp";
    a dateline with a year -> "dateline"; the latest fully dated day the text implies ->
    "latest-date-in-text" (a lower bound, not the date itself). Returns (None, "none")
    when nothing gives a year.
    """
    if article.published is not None:
        if article.published_inferred:  # inferred earlier (e.g. from its storyline)
            return article.published, article.metadata.get("published_how", "inferred")
        return article.published, "metadata"
    lang = _report_lang(article, lang)
    r = _rules(lang)
    for m in r.stamp.finditer(article.raw_text):
        stamp = m.group("d")
        iso = regex.search(r"([0-9]{4})-([0-9]{2})-([0-9]{2})(?:[ T]([0-9]{1,2}):([0-9]{2}))?", stamp)
        if iso:
            parts = [int(x) if x else 0 for x in iso.groups()]
            try:
                return datetime(*parts), "stamp"
            except ValueError:
                continue
        found = find_times(stamp, None, lang=lang)
        for t in found:
            if t.value and "X" not in t.value and t.granularity == "day":
                return datetime.fromisoformat(t.value), "stamp"
        if regex.search(r"[0-9०-९]", stamp):
            parsed = _dateparser_parse(stamp)
            if parsed is not None:
                return parsed, "stamp"
    head = article.dateline or (article.clean_text or article.raw_text)[:80]
    m = r.dateline.match(head)
    if m:
        for t in find_times(m.group("d"), None, lang=lang):
            if t.value and "X" not in t.value and t.granularity == "day":
                return datetime.fromisoformat(t.value), "dateline"
    days = [t.value for t in times if t.granularity == "day" and t.value and "X" not in t.value]
    if days:
        return datetime.fromisoformat(max(days)), "latest-date-in-text"
    return None, "none"


def _dateparser_parse(text: str) -> datetime | None:
    """dateparser for a short candidate string (never a whole text: it is slow there)."""
    import dateparser  # lazy: 0.3 s import, only stamps in unusual formats need it

    return dateparser.parse(text, settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_AS_TIMEZONE_AWARE": False})


# ---------------------------------------------------------------- story-level resolution

def _chunk(article: Article, t: TimeExpr) -> str:
    """The sentence holding `t`, or a window around it when its sentence is unknown."""
    sent = article.sentence_at(t.sentence)
    if sent is not None:
        return sent.text
    text = article.clean_text or article.raw_text
    return text[max(0, t.start - 150): t.end + 150]


@lru_cache(maxsize=512)
def _chunk_words(chunk: str, r: _Rules) -> frozenset[str]:
    # cached: every time expression of a sentence asks for the same words, and a report
    # can hold thousands of them in one sentence
    from khabar.text.normalize import content_words

    drop = set(r.hi.MONTHS) | set(r.hi.WEEKDAYS) | r.tp.CONTEXT_DROP
    return frozenset(w for w in content_words(chunk, r.hi.stopwords()) if w not in drop)


@lru_cache(maxsize=512)
def _chunk_kinds(chunk: str, r: _Rules) -> frozenset[str]:
    return frozenset(k for k, words in r.hc.EVENTS.items() if k != "statement" and any(w in chunk for w in words))


def _context_words(article: Article, t: TimeExpr, r: _Rules) -> set[str]:
    """Content words of the sentence holding `t` (or a window around it), minus time words."""
    return set(_chunk_words(_chunk(article, t), r))


def _strong_kinds(article: Article, t: TimeExpr, r: _Rules) -> set[str]:
    """Event kinds named in the sentence of `t`, statements left out (every report has them)."""
    return set(_chunk_kinds(_chunk(article, t), r))


def time_context(article: Article, t: TimeExpr,
                 lang: Language | str | None = None) -> tuple[set[str], set[str], bool]:
    """What story-level dating compares of one time expression: the content words of
    its sentence, the event kinds it names, and whether it names its month."""
    r = _rules(lang)
    names_month = _find(r.hi.MONTHS, t.text) is not None or _find(r.en.MONTHS, t.text) is not None
    return _context_words(article, t, r), _strong_kinds(article, t, r), names_month


def _pub_date(a: Article) -> date | None:
    if a.published is None:
        return None
    return a.published.date() if isinstance(a.published, datetime) else a.published


def resolve_story_dates(articles: list[Article], times_by_article: dict[str, list[TimeExpr]],
                        lang: Language | str | None = None) -> dict[str, list[TimeExpr]]:
    """Fill the unknown years (and weekday-only days) of reports without a publication date
    from the other reports of the same story. Returns new lists keyed by external_id;
    every value taken from the story is `inferred=True` with a note naming its evidence.

    Pass 1, years. Evidence, strongest first: the same event, i.e. an expression with the
    same month (and day) in another report whose sentence shares >= 2 content words ("इस
    साल जून" + summit words here, "बुधवार" = 2024-06-19 + summit words in a dated report);
    else the story year (most common publication year of the dated reports). A "weekday
    (day month)" anchor must fall on its weekday: if the chosen year does not put it there,
    the nearest year within 6 that does is taken and the note says so.
    Pass 2, days. A weekday alone ("शनिवार को") takes the date of an explicit day-month with
    the same weekday in another report whose sentence shares >= 3 content words and the
    same kind of event (signing, summit, ...; statements alone do not count). A report's
    latest anchored day (weekday+day, or such a match) is a lower bound of its publication
    date; its relative words ("पिछले महीने", "इस सप्ताह") are re-read against it.
    """
    from collections import Counter
    import copy

    r = _rules(lang)

    out = {k: [copy.copy(t) for t in v] for k, v in times_by_article.items()}
    arts = {a.external_id: a for a in articles if a.external_id in out}
    pubs = {k: _pub_date(a) for k, a in arts.items()}
    years = Counter(d.year for d in pubs.values() if d is not None)
    story_year = years.most_common(1)[0][0] if years else None
    ctx = {k: [_context_words(arts[k], t, r) for t in out[k]] for k in arts}
    kinds = {k: [_strong_kinds(arts[k], t, r) for t in out[k]] for k in arts}
    undated = [k for k, d in pubs.items() if d is None]

    def pool(exclude: str, explicit_day: bool = False):
        for k in arts:
            if k == exclude:
                continue
            for t, words in zip(out[k], ctx[k]):
                if not t.value or "X" in t.value or t.granularity not in ("day", "month"):
                    continue
                if explicit_day and (t.granularity != "day" or (_find(r.hi.MONTHS, t.text) is None
                                                                and _find(r.en.MONTHS, t.text) is None)):
                    continue
                yield k, t, words

    for k in undated:  # pass 1: years
        votes: Counter = Counter()
        for i, t in enumerate(out[k]):
            if not (t.value and t.value.startswith("XXXX-")):
                continue
            month = int(t.value[5:7])
            day = int(t.value[8:10]) if len(t.value) == 10 else None
            rel = _note_int(t.note, "rel-year") or 0
            for k2, t2, words in pool(k):
                if len(ctx[k][i] & words) < 2 or int(t2.value[5:7]) != month:
                    continue
                if day and t2.granularity == "day" and int(t2.value[8:10]) != day:
                    continue
                votes[int(t2.value[:4]) - rel] += 1
        year = votes.most_common(1)[0][0] if votes else story_year
        how = "same event in another report" if votes else "story year"
        if year is None:
            continue
        for t in out[k]:
            if not (t.value and t.value.startswith("XXXX")):
                continue
            y = year + (_note_int(t.note, "rel-year") or 0)
            wd = _note_int(t.note, "weekday")
            note = f"year from {how}"
            if wd is not None and len(t.value) == 10:
                y2 = _weekday_year(y, int(t.value[5:7]), int(t.value[8:10]), wd)
                if y2 is not None and y2 != y:
                    note += f"; weekday={wd} puts it in {y2}, not {y}"
                    y = y2
                elif y2 == y:
                    note += f"; weekday={wd} agrees"
            t.value, t.inferred, t.note = f"{y:04d}{t.value[4:]}", True, note
    for k in undated:  # pass 2: weekdays alone, then relative words
        anchors: list[date] = []
        for i, t in enumerate(out[k]):
            wd = _note_int(t.note, "weekday")
            if wd is not None and t.value and ("agrees" in t.note or "puts it" in t.note):
                anchors.append(date.fromisoformat(t.value))
            if wd is None or t.value is not None or "rel=" in t.note:
                continue
            best = None
            for k2, t2, words in pool(k, explicit_day=True):
                shared = len(ctx[k][i] & words)
                j = out[k2].index(t2)
                same_kind = (kinds[k][i] & kinds[k2][j]) or not (kinds[k][i] or kinds[k2][j])
                if shared >= 3 and same_kind and date.fromisoformat(t2.value).weekday() == wd:
                    if best is None or shared > best[0]:
                        best = (shared, k2, t2)
            if best:
                _, k2, t2 = best
                t.value, t.granularity, t.inferred = t2.value, "day", True
                t.note = f"weekday matched to the same event in {k2} ({t2.text})"
                anchors.append(date.fromisoformat(t2.value))
        if not anchors:
            continue
        ref = max(anchors)
        text = arts[k].clean_text or arts[k].raw_text
        fresh = {(t.start, t.end): t for t in find_times(text, ref, arts[k].sentences, r.hi)}
        for t in out[k]:
            f = fresh.get((t.start, t.end))
            if f is None or not f.value or "matched" in t.note:
                continue
            if t.value is None or (t.note.startswith("year from") and "weekday=" not in t.note):
                t.value, t.granularity, t.inferred = f.value, f.granularity, True
                t.note = f"{f.note}; publication date inferred from story (>= {ref})"
    return out


def _note_int(note: str, key: str) -> int | None:
    m = regex.search(rf"{key}=(-?\d+)", note)
    return int(m.group(1)) if m else None


def _weekday_year(year: int, month: int, day: int, wd: int) -> int | None:
    """`year` if day-month falls on weekday `wd` then, else the nearest year within 6 that does."""
    for off in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
        try:
            if date(year + off, month, day).weekday() == wd:
                return year + off
        except ValueError:
            continue
    return None
