"""Counts in text: Western and Devanagari digits, Indian grouping (1,00,000), number
words with scales (दस हज़ार, 1.5 लाख, 2 करोड़, साढ़े तीन लाख, २ लाख ४०,०००), hedges (लगभग,
से ज़्यादा, कम से कम), the counted thing (सैनिक) and its place (रूस में, कुर्स्क क्षेत्र में);
and which counts are casualty figures (`casualties`: dead, injured, missing, ...).

Dates, years, clock times and labels (अनुच्छेद 51) are not counts and are skipped.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass, replace

import regex

from khabar import lang as _lang
from khabar.lang.language import Language
from khabar.text.normalize import word_alternation
from khabar.model import Quantity, Sentence, SpanIndex
from khabar.steps.extract.lexicon import lexicon

_B = r"(?<![\p{L}\p{M}\p{N}])"
_E = r"(?![\p{L}\p{M}\p{N}])"

_alt = word_alternation

_ZW = str.maketrans("", "", "\u200c\u200d")


def _key(k: str) -> str:
    # NFC, and no ZWJ/ZWNJ: outlets write "जख्\u200dमी" for "जख्मी"
    return unicodedata.normalize("NFC", k).translate(_ZW)


class _NDict(dict):
    """A dict whose keys are looked up in NFC without ZWJ/ZWNJ (so "साढ़े" matches in
    either spelling and "जख्\u200dमी" as "जख्मी")."""

    def __getitem__(self, k):
        return super().__getitem__(_key(k))

    def get(self, k, default=None):
        return super().get(_key(k), default)

    def __contains__(self, k):
        return super().__contains__(_key(k))


_BW = r"[\p{L}\p{M}\u200c\u200d]+"  # a word, joiners inside it
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}%][\p{L}\p{M}\p{N}\-\u200c\u200d]*|[,।;:()\"“”?!]")


class _Reader:
    """One language's count patterns, compiled once per language (`_reader`) from the
    language its reports are read with (`Language.rules`): its claim words (hc, with
    those of its Latin-script quotes, ec) and its grammar of counts (cw, countwords.py)."""

    def __init__(self, language: Language):
        rules = language.rules
        self.hc = hc = rules.claimwords
        self.ec = ec = rules.latin.claimwords
        self.cw = cw = rules.countwords
        self.stop = rules.stopwords()
        self.digit_table = rules.DEVANAGARI_DIGITS
        self.counted = _NDict(hc.COUNTED)
        self.vague = _NDict(hc.VAGUE)
        self.fraction = _NDict(hc.FRACTION_BEFORE)
        self.hedge_after = _NDict(hc.HEDGE_AFTER)
        self.single = _NDict(hc.SINGLE_PERSON)
        self.measure_after = _NDict(hc.MEASURE_AFTER)
        self.scales = _NDict({**rules.SCALES, **ec.SCALES, **cw.EXTRA_SCALES})
        self.number_words = _NDict({k: v for k, v in rules.NUMBER_WORDS.items()
                                    if k not in hc.VAGUE and v < 24 or k in cw.COUNTING_TENS})
        self.number_words.update(cw.EXTRA_NUMBER_WORDS)
        self.hedge_before = _NDict({**hc.HEDGE_BEFORE, **ec.HEDGE_BEFORE})
        self.running = frozenset(hc.MEASURES.values())
        self.casualty_kind = _NDict({w: k for k, ws in hc.CASUALTY_WORDS.items() for w in ws})
        self.noun_stop = cw.NOUN_STOP
        self.death_words = _NDict(cw.DEATH_WORDS)

        digits, scales, words = cw.DIGITS, _alt(self.scales), _alt(self.number_words)
        number = (rf"(?P<d>{digits})(?:\s*(?P<ds>{scales}){_E})?"
                  rf"|(?P<w>{words})(?:\s+(?P<ws>{scales}))?{_E}"
                  rf"|(?P<v>{_alt(hc.VAGUE)}){_E}")
        # hedges are looked up through _NDict, so they may carry a ZWJ after a virama
        hedge_after = rf"(?P<ha>\s+(?:{_alt(hc.HEDGE_AFTER, joiners=True)}){_E})?"
        self.main = regex.compile(
            rf"{_B}(?:(?P<hb>{_alt(self.hedge_before, joiners=True)})\s+)?"
            rf"(?:(?P<fr>{_alt(hc.FRACTION_BEFORE)})\s+)?(?:{number}){hedge_after}")
        # "२ लाख ४०,०००", "2 करोड़ 40 लाख": the rest of a number after its scale word
        self.cont = regex.compile(rf"\s+(?P<d>{digits})(?:\s*(?P<ds>{scales}){_E})?(?![\p{{L}}\p{{M}}\p{{N}}/:.])"
                                  rf"{hedge_after}")
        simple_number = rf"(?:{digits}|{words}){_E}"
        # "रामपुर में 14, सोनपुर में 9 और धर्मपुर में 6 लोगों की मौत": per-place counts in a
        # list share the counted thing of the item that names it
        item = (rf"(?P<pl>{cw.PLACE_WORDS}(?:{cw.AND}\s+{cw.PLACE_WORDS})?){cw.LIST_PLACE_END}"
                rf"(?P<n>{simple_number}){cw.NUMBER_SUFFIX}")
        self.list = regex.compile(rf"{_B}{item}(?:(?:\s*,\s*|\s+{cw.AND}\s+){item})+")
        self.two_places = regex.compile(cw.TWO_PLACES)
        self.number_of = regex.compile(cw.NUMBER_OF)
        self.risen_to = regex.compile(cw.RISEN_TO)
        self.part_of = regex.compile(cw.PART_OF)
        self.scope = regex.compile(rf"{_B}{cw.SCOPE}{_E}")
        self.age = regex.compile(cw.AGE_AFTER)
        self.where = regex.compile(cw.WHERE)
        self.new_after = regex.compile(hc.NEW_AFTER)
        self.not_after = regex.compile(r"\s+" + regex.escape(cw.NOT) + _E)
        self.until_after = regex.compile(r"\s*" + regex.escape(cw.UNTIL) + _E)
        tally_item = rf"{cw.TALLY_PLACE}(?P<n>{digits}){_E}"
        self.tally = regex.compile(rf"{_B}{tally_item}(?:\s*,\s*{tally_item}){{2,}}")
        self.digit = regex.compile(cw.DIGIT)
        # casualties
        self.gave_up = regex.compile(cw.GAVE_UP)
        self.saved_after = regex.compile(cw.SAVED_AFTER)
        self.list_item_before = regex.compile(cw.LIST_ITEM_BEFORE)
        self.among_before = regex.compile(cw.AMONG_BEFORE)
        self.including = regex.compile(cw.INCLUDING)
        person = _alt(self.single)
        self.single_dead = regex.compile(_B + cw.SINGLE_DEAD.replace("{person}", person) + _E)
        self.single_hurt = regex.compile(_B + cw.SINGLE_HURT.replace("{person}", person) + _E)
        self.named = regex.compile(_B + cw.NAMED + _E)
        self.age_in_brackets = regex.compile(cw.AGE_IN_BRACKETS)
        subject = rf"(?P<np>(?:{_BW}\s+(?:{cw.AND}\s+)?){{0,3}}{_BW})"
        fill = rf"(?:(?:{_alt(hc.BARE_FILLERS)})\s+){{0,5}}"
        self.bare = [regex.compile(_B + pattern.replace("{np}", subject).replace("{fill}", fill)
                                   .replace("{pronoun}", _alt(hc.BARE_PRONOUNS)) + (_E if at_word else ""))
                     for pattern, at_word in zip(cw.BARE, cw.BARE_ENDS_AT_WORD)]
        self.bare_anchor = regex.compile(cw.BARE_ANCHOR)
        self.conj = regex.compile(rf"^{cw.AND}$")
        # "15 दिनों", "दो हफ्तों": a span of time, by the stem of any form of its unit
        self.time_units = frozenset(_stem(self, w) for w in rules.timewords.DURATION_UNITS)
        self.not_a_casualty_after = regex.compile(cw.NOT_A_CASUALTY_AFTER)


def _reader(language: Language | str | None) -> _Reader:
    return _lang.compiled(_Reader, language)


# Above this a "figure" is a run of digits, not a count: 10^15 is past any number of
# people or any money in news and near where floats stop holding whole numbers exactly
# (2^53); a 5,000-digit run would be infinity, which JSON cannot store.
MAX_FIGURE = 1e15


_WORD_GOES_ON = regex.compile(r"[\p{L}\p{M}\p{N}]")


def _repeated(text: str, pos: int, core: str | None, spaced: bool) -> int | None:
    """The end of `core` said again right at `pos` ("दो-दो", "एक एक"), or None. Read in place:
    a regex built per number (or a slice of the rest of the text) costs each figure of a
    long report a compile or a copy."""
    if not core:
        return None
    i = pos
    if text.startswith("-", i):
        i += 1
    elif spaced:
        while i < len(text) and text[i].isspace():
            i += 1
        if i == pos:
            return None
    else:
        return None
    end = i + len(core)
    if not text.startswith(core, i) or _WORD_GOES_ON.match(text, end):
        return None
    return end


def _to_float(r: _Reader, s: str) -> float:
    return float(s.translate(r.digit_table).replace(",", ""))


def _clause(r: _Reader, text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Bounds of the clause around [start, end) within [lo, hi)."""
    left, right = lo, hi
    for b in r.hc.CLAUSE_BREAKS:
        i = text.rfind(b, lo, start)
        if i >= 0:
            left = max(left, i + len(b))
        j = text.find(b, end, hi)
        if j >= 0:
            right = min(right, j)
    return left, right


def _place_phrases(r: _Reader, text: str, lo: int, hi: int):
    """(offset, "X में") for each place phrase in text[lo:hi] that can be a count's place."""
    for m in r.scope.finditer(text, lo, hi):
        words = m.group("p").split()
        # keep "रूस के कुर्स्क क्षेत्र", "दक्षिणी कुर्स्क क्षेत्र", or a single name
        if words[-1] in r.hc.SCOPE_HEADS and len(words) >= 2:
            phrase = words if r.cw.OF in words else words[-2:]
            if phrase[-2] in r.hc.NOT_SCOPE or phrase[-2] in r.stop:
                # "इसके साथ ही राज्य में", "जानकारी के अनुसार राज्य में": no name before the
                # head; a head that points to a place ("राज्य", "देश") stands alone
                if words[-1] not in r.hc.PLACE_ANAPHORS:
                    continue
                phrase = words[-1:]
        else:
            w = words[-1]
            if w not in r.hc.COUNTRY_ANAPHORS and (
                    w in r.hc.NOT_SCOPE or w in r.stop or w.endswith((r.cw.OBLIQUE_PLURAL,) + r.hc.NOT_SCOPE_ENDINGS)
                    or w in r.counted):
                continue
            phrase = [w]
        yield m.start(), " ".join(phrase) + " " + r.cw.IN


def _scope(r: _Reader, text: str, lo: int, hi: int, pos: int) -> str:
    """The place phrase "X में" in text[lo:hi] nearest to `pos`, or ""."""
    best = None
    for start, phrase in _place_phrases(r, text, lo, hi):
        dist = abs(start - pos)
        if best is None or dist < best[0]:
            best = (dist, phrase)
    return best[1] if best else ""


def place_phrases(text: str, language: Language | str | None = None) -> list[str]:
    """The place phrases of `text` in order ("राजस्थान में", "देश में"), as counts' places are read."""
    return [phrase for _, phrase in _place_phrases(_reader(language), text, 0, len(text))]


def scope_key(scope: str, language: Language | str | None = None) -> str:
    """Grouping key of a scope: the name before a head word ("रूस के कुर्स्क क्षेत्र में" -> "कुर्स्क")."""
    r = _reader(language)
    words = scope.replace(" " + r.cw.IN, "").split()
    if not words:
        return ""
    if words[-1] in r.hc.SCOPE_HEADS and len(words) >= 2:
        return words[-2]
    return words[-1]


def _read(r: _Reader, m: regex.Match) -> tuple[float, str]:
    """Value and hedge of a number match of r.main."""
    if m.group("d"):
        value = _to_float(r, m.group("d"))
        if m.group("ds"):
            value *= r.scales[m.group("ds")]
    elif m.group("w"):
        base = float(r.number_words[m.group("w")]) + (r.fraction[m.group("fr")] if m.group("fr") else 0)
        value = base * (r.scales[m.group("ws")] if m.group("ws") else 1)
    else:
        value = float(r.vague[m.group("v")])
    if m.group("d") and m.group("fr"):
        value = (_to_float(r, m.group("d")) + r.fraction[m.group("fr")]) * (
            r.scales[m.group("ds")] if m.group("ds") else 1)
    hedge = r.hedge_before[m.group("hb")] if m.group("hb") else ""
    if m.group("ha"):
        hedge = r.hedge_after[m.group("ha").strip()]
    if m.group("v"):
        hedge = "vague"
    return value, hedge


def _continue(r: _Reader, text: str, m: regex.Match, value: float, skip: SpanIndex) -> tuple[float, int, str]:
    """"२ लाख ४०,०००": add a smaller number that follows a scale word; (value, end, hedge-after)."""
    scale = m.group("ds") or m.group("ws")
    if not scale or m.group("ha"):
        return value, m.end(), ""
    c = r.cont.match(text, m.end())
    if not c:
        return value, m.end(), ""
    extra = _to_float(r, c.group("d")) * (r.scales[c.group("ds")] if c.group("ds") else 1)
    if extra >= r.scales[scale] or skip.overlaps(c.start("d"), c.end("d")):
        return value, m.end(), ""
    return value + extra, c.end(), r.hedge_after[c.group("ha").strip()] if c.group("ha") else ""


def extract_quantities(text: str, sentences: list[Sentence] | None = None,
                       skip: list[tuple[int, int]] | None = None,
                       language: Language | str | None = None) -> list[Quantity]:
    """Counts in `text`, read with `language`'s count words (the default language's when
    None). `skip` are spans already known to be times (from the dates step); when not
    given, time expressions are found here so dates and years are not counted."""
    r = _reader(language)
    if skip is None:
        from khabar.steps.extract.dates import find_times

        skip = [(t.start, t.end) for t in find_times(text, None, lang=language)]
    if "\u200c" in text or "\u200d" in text:
        return _read_without_joiners(r, text, sentences or [], skip)
    return _extract(r, text, sentences or [], skip)


def _read_without_joiners(r: _Reader, text: str, sentences: list[Sentence], skip: list[tuple[int, int]]) -> list[Quantity]:
    """Counts of a text with ZWJ/ZWNJ in its words ("राजस्\u200dथान में 16"), read on a copy
    without them: the joiners only ask a font for a half form, and every pattern here
    reads a word with one as two. Offsets and texts are given back in `text`; scopes are
    kept without joiners, so two outlets' spellings of one place group together."""
    kept = [i for i, ch in enumerate(text) if ch not in "\u200c\u200d"]
    plain = "".join(text[i] for i in kept)

    def to_plain(pos: int) -> int:
        return bisect.bisect_left(kept, pos)

    def start_in_text(pos: int) -> int:
        return kept[pos] if pos < len(kept) else len(text)

    def end_in_text(pos: int) -> int:
        return kept[pos - 1] + 1 if pos > 0 else 0

    sents = [replace(x, start=to_plain(x.start), end=to_plain(x.end)) for x in sentences]
    out = _extract(r, plain, sents, [(to_plain(a), to_plain(b)) for a, b in skip])
    for q in out:
        q.start, q.end = start_in_text(q.start), end_in_text(q.end)
        q.text = text[q.start:q.end]
    return out


def _extract(r: _Reader, text: str, sentences: list[Sentence], skip: list[tuple[int, int]]) -> list[Quantity]:
    finder = SpanIndex(sentences)
    spans = SpanIndex(skip, span=lambda t: t)
    out: list[Quantity] = []
    bare: dict[int, Quantity] = {}  # unit-less counts, kept only if a list gives them a unit
    consumed = 0
    for m in r.main.finditer(text):
        if m.start() and text[m.start() - 1] in "_./":
            continue  # a piece of an id or file name ("news_2009_4_1234567", "2006.utf8")
        if m.start() > 1 and text[m.start() - 1] == "-" and _WORD_GOES_ON.match(text, m.start() - 2):
            word = regex.search(r"[\p{L}\p{M}\p{N}]+$", text[max(0, m.start() - 30): m.start() - 1])
            if word and not word.group()[0].isdigit() and word.group() not in r.number_words:
                continue  # a name's number ("कोविड-19", "G-20", "मिग-29"), not a count ("चार-पांच" is)
        if m.start() < consumed:
            continue  # the second part of "२ लाख ४०,०००"
        ns, ne = (m.start("d"), m.end("d")) if m.group("d") else (m.start(), m.end())
        if spans.overlaps(ns, ne):
            continue
        lead = text[max(0, m.start() - 60): m.start()]
        number_of = r.number_of.search(lead) or r.risen_to.search(lead)
        of_unit = ""
        if number_of:
            n = number_of.group("n")
            of_unit = r.death_words.get(n) or r.counted.get(n, "")
            # "मरीजों की संख्या 271": cases; a state word before the people names their
            # measure ("संक्रमित लोगों की संख्या 360": cases; "ठीक होने वाले मरीजों": recovered)
            n_at = max(0, m.start() - 60) + number_of.start("n")
            words_before = text[max(0, n_at - 40): n_at].split()[-3:]
            state = next((r.measure_after[w] for w in reversed(words_before) if w in r.measure_after), "")
            if state and of_unit in r.hc.MEASURE_PEOPLE:
                of_unit = state
            elif of_unit in r.hc.MEASURE_OTHERWISE and not state:
                of_unit = r.hc.MEASURE_OTHERWISE[of_unit]
            of_unit = _sub_measure(r, of_unit, words_before)
        before = text[max(0, m.start() - 25): m.start()].split()
        if not of_unit and before and any(before[-1] == w or " ".join(before[-2:]) == w for w in r.hc.LABEL_BEFORE):
            continue
        if r.age.match(text, m.end()):
            continue  # "४२ वर्षीय महिला", "12 साल का लड़का": an age, not a count
        value, hedge = _read(r, m)
        value, num_end, cont_hedge = _continue(r, text, m, value, spans)
        if not value < MAX_FIGURE:
            continue  # a run of digits (an id, a hash, noise), not a count: nothing counts that far
        hedge = cont_hedge or hedge
        if hedge == "more-than" and r.not_after.match(text[num_end:num_end + 8]):
            hedge = "at-most"  # "23,000 से ज्यादा नहीं": not more than
        # "दो-दो", "एक एक": so many each (per place, per family), not a total
        rep = _repeated(text, num_end, m.group("w") or m.group("d"), spaced=bool(m.group("w")))
        if rep:
            num_end = rep
            hedge = "each"
        consumed = num_end
        # the counted thing: a known noun within a few words after the number
        unit, end, modifiers = "", num_end, []
        for i, tm in enumerate(_TOKEN.finditer(text, num_end)):
            tok = tm.group()
            # "123 और लोगों": "more", when the noun comes next ("दो और पूर्वी चंपा जिले में" is "and")
            more = i == 1 and modifiers and modifiers[0] in r.noun_stop
            if i > r.hc.MAX_MODIFIER_WORDS or not regex.match(r"[\p{L}\p{M}%]", tok) or (
                    tok in r.noun_stop and not (tok in r.hc.NEW_WORDS and i == 0)):
                break
            lemma = r.counted.get(tok) or r.ec.COUNTED.get(tok.lower())
            if lemma:
                unit, end = lemma, tm.end()
                break
            if more:
                break
            modifiers.append(tok)
        if unit in r.hc.MEASURE_PEOPLE:
            # "248313 मरीजों की मौत" counts deaths: patients are cases only when no casualty
            # word follows
            unit = _measure_after(r, text, end) or (
                r.hc.MEASURE_OTHERWISE.get(unit, unit)
                if not _kind_after(r, text, end, min(len(text), end + 80), stop_at_number=True)[0] else unit)
        sent = finder.at(m.start())
        lo, hi = (sent.start, sent.end) if sent else (max(0, m.start() - 300), min(len(text), m.end() + 300))
        # "जिनमें से लगभग 8,000": a part of the previous count, same counted thing
        unit = _sub_measure(r, unit, modifiers)
        if not unit and of_unit:
            unit = of_unit
        # "मरने वालों में 18", "मृतकों में पांच एक ही परिवार के": part of a toll, no noun
        if not unit:
            sub = r.part_of.search(text[max(0, m.start() - 30): m.start()])
            if sub:
                unit = r.death_words.get(sub.group("n"), "")
        if not unit and out and out[-1].sentence == (sent.index if sent else -1) and any(
                mk in text[max(lo, m.start() - 20): m.start()] for mk in r.hc.SUBSET_MARKERS):
            # "23 मरीज, जिनमें से तीन ठीक हो चुके हैं": a part that a state word follows is
            # of that measure (recovered), else of the whole's
            unit = _measure_after(r, text, num_end) or out[-1].unit
        if not unit:
            # "दो अन्य गंभीर रूप से घायल": no noun, but the clause says what happened to them
            kind, kend = _kind_after(r, text, num_end, hi, stop_at_number=True)
            weak = r.hc.WEAK_CASUALTY_WORDS.get(text[num_end:kend].split()[-1] if kend > num_end else "")
            # only words that modify the missing noun may stand between: "एक मछली पकड़ने
            # वाली नौका के लापता" counts a boat, "60 नावों समेत लापता" boats
            between = _TOKEN.findall(text[num_end:kend])[:-1]
            if kind and not weak and kind != "affected" and all(w.translate(_ZW) in r.hc.UNITLESS_BETWEEN for w in between):
                unit = r.hc.CASUALTY_UNITS.get(kind, "")
        year_like = m.group("d") and 1800 <= value <= 2100 and "," not in m.group("d") and not m.group("ds")
        if not unit and not year_like and value != 1 and not m.group("v"):
            unit, end = _plural_noun(r, text, num_end) or (unit, end)
        c_lo, c_hi = _clause(r, text, m.start(), end, lo, hi)
        q = Quantity(start=m.start(), end=end, text=text[m.start():end], value=value,
                     unit=unit, hedge=hedge, scope=_scope(r, text, c_lo, c_hi, m.start()),
                     sentence=sent.index if sent else -1,
                     period=_period(r, text, c_lo, c_hi, end, modifiers, unit, spans))
        if q.period == "new":
            q.window = MORE if any(w in r.hc.MORE_WORDS for w in modifiers) else _window(r, text, c_lo, c_hi, spans)
        if not unit:
            # "एक" without a counted noun is an article, not a count; a bare number may
            # still be an item of a per-place list ("सोनपुर में चार, ...")
            if not m.group("v") and not year_like:
                bare[m.start()] = q
            if m.group("w") or m.group("v") or year_like:
                continue
        out.append(q)
    _list_units(r, text, out, bare)
    _place_tally(r, text, out, bare, finder)
    out = _per_place(r, text, out)
    _carry_places(r, text, out, finder)
    return out


def _carry_places(r: _Reader, text: str, out: list[Quantity], sentences: SpanIndex) -> None:
    """A running measure's count whose clause names no place is in the place of a relative
    clause's head ("महाराष्ट्र का है, जहां 63"), else in the place of the count of a running
    measure before it in its sentence ("भारत में 271 हुई मरीजों की संख्या, आज 35 नए मामले"):
    a sentence names its place once."""
    last: dict[int, str] = {}
    for q in out:
        if q.scope:
            if q.unit in r.running:
                last[q.sentence] = q.scope
            continue
        if q.unit not in r.running:
            continue
        sent = sentences.at(q.start)
        lo = sent.start if sent else max(0, q.start - 200)
        m = r.where.search(text, lo, q.start)
        if m and m.group("p") not in r.hc.NOT_SCOPE and m.group("p") not in r.stop:
            q.scope = f"{m.group('p')} {r.cw.IN}"
        elif q.sentence >= 0 and q.sentence in last:
            q.scope = last[q.sentence]


def _per_place(r: _Reader, text: str, out: list[Quantity]) -> list[Quantity]:
    """"पश्चिम बंगाल और पंजाब में दो-दो": so many each in two named places is one figure
    per place, not a share of a total: a count for each place, as a list item would be."""
    added = []
    for q in out:
        if q.hedge != "each":
            continue
        m = r.two_places.search(text, max(0, q.start - 80), q.start)
        if not m or any(w in r.stop or w in r.counted for w in m.group("a").split() + m.group("b").split()):
            continue
        q.hedge, q.scope = "", f"{m.group('b')} {r.cw.IN}"
        added.append(replace(q, scope=f"{m.group('a')} {r.cw.IN}"))
    return sorted(out + added, key=lambda q: q.start) if added else out


def _period(r: _Reader, text: str, lo: int, hi: int, end: int, modifiers: list[str], unit: str, times: SpanIndex) -> str:
    """Whether a count of a running measure is a rate ("रोजाना 5,000"), new in a period or a
    total so far: a rate word in its clause; a "new" word before its noun or "more" after
    it (`end`: "10 हजार मरीज और बढ़ गए"); a total marker in its clause; else new when the
    clause names a day ("शनिवार को छह मामले सामने आए"; "20 मार्च तक" is a total up to it)."""
    if unit not in r.running:
        return ""
    clause = text[lo:hi]
    if any(w in clause for w in r.hc.RATE_WORDS):
        return "rate"
    if any(w in r.hc.NEW_WORDS for w in modifiers) or r.new_after.match(text, end):
        return "new"
    if any(mk in clause for mk in r.hc.TOTAL_MARKERS):
        return "total"
    t = times.first_overlapping(lo, hi)
    if t is not None and not r.until_after.match(text[t[1]:t[1] + 8]):
        return "new"
    return ""


# the window of "so many more": since the outlet's own last figure
MORE = "+"


def _window(r: _Reader, text: str, lo: int, hi: int, times: SpanIndex) -> str:
    """The length of the period a new count's clause names, as a key: the words of its
    time phrase less the fillers, nouns folded to one form ("पिछले 24 घंटों में" -> "24 घंट"),
    or "". Only a phrase with a number is a length; a day ("शनिवार को", "आज") is no window
    of its own: two outlets' "today" and "on Saturday" may be one day's new count."""
    t = times.first_overlapping(lo, hi)
    if t is None:
        return ""
    words = [w for w in _TOKEN.findall(text[t[0]:t[1]]) if w not in r.hc.WINDOW_FILLERS and w not in ",।;:"]
    if not any(w[0].isdigit() or w in r.number_words for w in words):
        return ""
    return " ".join(_stem(r, w) for w in words)


def _stem(r: _Reader, word: str) -> str:
    """"घंटों", "घंटे" -> "घंट"; "दिनों" -> "दिन": one key for a noun's forms."""
    for ending in r.cw.NOUN_ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[:-len(ending)]
    return word


def _sub_measure(r: _Reader, unit: str, words: list[str]) -> str:
    """"29,685 सक्रिय मामले", "सक्रिय मामलों की संख्या": active cases, a measure of their own
    (`r.hc.SUB_MEASURES`: a word before the counted noun -> the measure it makes)."""
    for w in words:
        sub = r.hc.SUB_MEASURES.get((w, unit))
        if sub:
            return sub
    return unit


def _plural_noun(r: _Reader, text: str, pos: int) -> tuple[str, int] | None:
    """"160 टीमें", "746 स्थानों": a counted thing the vocabulary does not know, kept as
    its word (and where it ends), when the word right after the number is a plural noun
    form and no function word."""
    gap = len(text[pos:pos + 8]) - len(text[pos:pos + 8].lstrip())
    tm = _TOKEN.match(text, pos + gap) if gap else None  # no space: a piece of the number's word
    if tm is None:
        return None
    word = tm.group()
    if (not word.endswith(r.cw.PLURAL_ENDINGS) or word in r.stop or word in r.noun_stop
            or word in r.vague or word in r.number_words or word in r.scales or _stem(r, word) in r.time_units):
        return None
    return word, tm.end()


def _measure_after(r: _Reader, text: str, end: int) -> str:
    """"315 लोग संक्रमित", "12 मरीज ठीक होकर घर लौटे": the measure a state word just after a
    count of people names, or ""."""
    for i, tm in enumerate(_TOKEN.finditer(text, end)):
        tok = tm.group()
        if i > r.hc.MAX_MODIFIER_WORDS or tok in r.noun_stop or not regex.match(r"[\p{L}\p{M}]", tok):
            return ""
        measure = r.measure_after.get(tok)
        if measure:
            return measure
    return ""


def _place_tally(r: _Reader, text: str, out: list[Quantity], bare: dict[int, Quantity], sentences: SpanIndex) -> None:
    """Give the items of a tally of places ("जिलेवार मामले: आगरा 86, मेरठ 42, लखनऊ 31") their
    place and the running measure counted before it in the sentence. Every name must be a
    place the gazetteer knows: names with phone numbers are no tally."""
    gaz = lexicon()
    for tm in r.tally.finditer(text):
        starts = tm.starts("n")
        # the place of each item: its last word when that alone is a known place
        # (the first item may hold a word of the lead-in), else its two words ("पश्चिम बंगाल")
        names = [n.split()[-1] if gaz.gaz_lookup(n.split()[-1]) else n for n in tm.captures("pl")]
        if not all((e := gaz.gaz_lookup(n)) is not None and e.type == "LOC" for n in names):
            continue
        by_start = {q.start: q for q in out}
        items = [by_start.get(st) or bare.get(st) for st in starts]
        sent = sentences.at(tm.start())
        lo = sent.start if sent else max(0, tm.start() - 200)
        # what is counted: an item that names it, else the running measure counted (or
        # named) before the tally in its sentence
        own = [q.unit for q in items if q is not None and q.unit in r.running]
        before = [q.unit for q in out if lo <= q.start < tm.start() and q.unit in r.running]
        named = [m for m in (r.counted.get(w) for w in _TOKEN.findall(text[lo:tm.start()])) if m in r.running]
        unit = own[0] if own else (before or named or [""])[-1]
        if not unit:
            continue
        for place, q in zip(names, items):
            if q is None or (q.unit and q.unit != unit):
                continue
            q.unit, q.scope = unit, f"{place} {r.cw.IN}"
            if q.start not in by_start:
                out.append(q)
                by_start[q.start] = q
    out.sort(key=lambda q: q.start)


def _list_units(r: _Reader, text: str, out: list[Quantity], bare: dict[int, Quantity]) -> None:
    """Give the items of a per-place list ("X में 75, Y में 36 और Z में 26 लोगों की मौत")
    the counted thing of the item that names one."""
    by_start = {q.start: q for q in out}
    for lm in r.list.finditer(text):
        starts = lm.starts("n")
        # each item's place is the one it names, not the nearest in the clause
        for s, pl in zip(starts, lm.starts("pl")):
            q = by_start.get(s) or bare.get(s)
            place = _scope(r, text, pl, s, s) if q else ""
            if place:
                q.scope = place
        units = {by_start[s].unit for s in starts if s in by_start and by_start[s].unit}
        if len(units) != 1:
            continue
        unit = units.pop()
        for s in starts:
            q = by_start.get(s) or bare.get(s)
            if q is None or q.unit:
                continue
            q.unit = unit
            if s not in by_start:
                out.append(q)
                by_start[s] = q
    out.sort(key=lambda q: q.start)


@dataclass
class Casualty:
    """A casualty figure. `kind`: dead, injured, missing, trapped, affected, casualties
    (हताहत: dead and injured together) for people; damaged for houses, vehicles, villages.
    The span runs from the number to the word that says what happened ("40 लोगों की मौत")
    when that word follows."""

    kind: str
    value: float | None  # None: no number given ("लोगों के मारे जाने की खबर")
    hedge: str
    unit: str
    start: int
    end: int
    text: str
    quantity: Quantity
    # the whole figure ("40 लोगों की मौत"), not a part of one ("मृतकों में 5 महिलाएं",
    # "घायलों में से 3 की हालत गंभीर"): only whole figures are compared across reports
    whole: bool = True


def _kind_after(r: _Reader, text: str, pos: int, limit: int, stop_at_number: bool = False) -> tuple[str, int]:
    """The casualty kind named within a few words after `pos` in the same clause; a weak
    word ("चपेट में", "गोली लगी") gives way to a specific one later in the window.
    `stop_at_number`: a list item ("X में 5, Y में 3 लोग मारे") takes no kind from the next."""
    weak = ("", pos)
    for i, tm in enumerate(_TOKEN.finditer(text, pos, limit)):
        tok = tm.group()
        if tok == r.cw.AGENT:
            g = r.gave_up.match(text, tm.end())
            if g:  # "आठ लोगों ने घटनास्थल पर ही दम तोड़ दिया": the dead, not the agent
                return "dead", g.end()
        if i >= r.hc.CASUALTY_WINDOW or tok in r.cw.CASUALTY_STOP or not regex.match(r"[\p{L}\p{M}]", tok):
            break
        if tok in r.cw.LIFE_WORDS and r.saved_after.match(text[tm.end():tm.end() + 8]):
            break  # "21 लोगों की जान बचाई": saved, not lost
        if i == 0 and tok in r.cw.AGENT_RIGHT_AFTER:
            break  # "तीन युवकों ने हत्या कर दी", "तीन पर हत्या का मामला": not the victims
        if stop_at_number and (tok in r.number_words or r.digit.match(tok)):
            break
        weak_kind = r.hc.WEAK_CASUALTY_WORDS.get(tok)
        kind = r.casualty_kind.get(tok) or r.casualty_kind.get(tok.lower())
        if kind and not weak_kind:
            return kind, tm.end()
        if (weak_kind or kind) and not weak[0]:
            weak = (weak_kind or kind, tm.end())
    return weak


def _kind_before(r: _Reader, text: str, pos: int) -> str:
    """"मारे गए 8 लोगों", "घायलों में एक पुलिसकर्मी": the kind named just before the count."""
    words = [t for t in _TOKEN.findall(text[max(0, pos - 40): pos])]
    if words and not regex.match(r"[\p{L}\p{M}]", words[-1]):
        return ""
    for tok in reversed(words[-3:]):
        if not regex.match(r"[\p{L}\p{M}]", tok):
            break
        kind = r.casualty_kind.get(tok)
        if kind:
            return kind
    return ""


def casualties(text: str, quantities: list[Quantity], language: Language | str | None = None) -> list[Casualty]:
    """The counts of `quantities` that are casualty figures, with their kind. A count of
    people is one when a casualty word (मौत, घायल, लापता, प्रभावित, ...) follows it in its
    clause or stands just before it; "30 जख्मी" and "19 की मौत" name it themselves."""
    r = _reader(language)
    out: list[Casualty] = []
    spans = set()
    for q in quantities:
        if q.start in spans:
            continue  # one figure read for two places ("X और Y में दो-दो"): one span of text
        spans.add(q.start)
        own = r.hc.CASUALTY_LEMMAS.get(q.unit, "")
        if not own and q.unit not in r.hc.PERSON_LEMMAS | r.hc.PROPERTY_LEMMAS:
            continue
        limit = len(text)
        for b in r.cw.CLAUSE_ENDS:
            j = text.find(b, q.end)
            if j >= 0:
                limit = min(limit, j)
        item = bool(r.list_item_before.search(text[max(0, q.start - 6): q.start]))
        kind, end = _kind_after(r, text, q.end, limit, stop_at_number=item)
        if not kind:
            kind, end = own, q.end
        if not kind:
            kind = _kind_before(r, text, q.start)
        # a house is damaged, not dead; a person is not "damaged"
        if not kind or (kind == "damaged") != (q.unit in r.hc.PROPERTY_LEMMAS):
            continue
        before = text[max(0, q.start - 30): q.start]
        sub = r.among_before.search(before)
        whole = not (any(mk in before for mk in r.hc.SUBSET_MARKERS)
                     or (sub and (sub.group(1) in r.casualty_kind or sub.group(1) == r.cw.DYING)))
        out.append(Casualty(kind=kind, value=q.value, hedge=q.hedge, unit=q.unit, start=q.start,
                            end=end, text=text[q.start:end], quantity=q, whole=whole))
    # per-place list items share the kind of the item that names it
    found = {c.start for c in out}
    by_start = {q.start: q for q in quantities}
    for lm in r.list.finditer(text):
        starts = lm.starts("n")
        kinds = {c.kind for c in out if c.start in starts}
        if len(kinds) != 1:
            continue
        kind = kinds.pop()
        for s in starts:
            q = by_start.get(s)
            if q is not None and s not in found and q.unit in r.hc.PERSON_LEMMAS | set(r.hc.CASUALTY_LEMMAS):
                out.append(Casualty(kind=kind, value=q.value, hedge=q.hedge, unit=q.unit, start=q.start,
                                    end=q.end, text=q.text, quantity=q))
    out += _parts_with(r, text, quantities, out)
    out += _single_casualties(r, text, out)
    out += _bare_casualties(r, text, out)
    out.sort(key=lambda c: c.start)
    return out


def _parts_with(r: _Reader, text: str, quantities: list[Quantity], found: list[Casualty]) -> list[Casualty]:
    """"दो जवानों और पांच एसपीओ समेत 11 लोगों की मौत": the counts before "समेत/सहित" are
    parts of the figure that follows, of its kind (whole=False)."""
    out = []
    starts = {c.start for c in found}
    for q in quantities:
        if q.start in starts or q.unit not in r.hc.PERSON_LEMMAS:
            continue
        m = r.including.match(text[q.end:q.end + 80])
        if not m:
            continue
        nxt = next((c for c in found if c.start == q.end + m.end()), None)
        if nxt is None or nxt.kind == "damaged":
            continue
        out.append(Casualty(kind=nxt.kind, value=q.value, hedge=q.hedge, unit=q.unit, start=q.start,
                            end=q.end, text=q.text, quantity=q, whole=False))
    return out


def _single_casualties(r: _Reader, text: str, found: list[Casualty]) -> list[Casualty]:
    """One person a casualty word names without a number ("युवक की मौत"), and named
    people with their ages ("A (50) और B (40) की मौत")."""
    out = []
    for m in r.named.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in found + out):
            continue
        n = len(r.age_in_brackets.findall(m.group("list")))
        kind = "dead" if m.group("d") else "injured"
        q = Quantity(start=m.start(), end=m.end("list"), text=m.group("list"), value=float(n), unit=r.cw.PEOPLE)
        out.append(Casualty(kind=kind, value=float(n), hedge="", unit=r.cw.PEOPLE, start=m.start(), end=m.end(),
                            text=m.group(), quantity=q))
    for pat in (r.single_dead, r.single_hurt):
        for m in pat.finditer(text):
            if any(c.start < m.end() and m.start() < c.end for c in found + out):
                continue
            before = text[max(0, m.start() - 12): m.start()].split()
            if before and before[-1] in r.cw.NOT_ONE_BEFORE:
                continue
            kind = r.casualty_kind.get(m.group("k"), "dead")
            q = Quantity(start=m.start(), end=m.end("p"), text=m.group("p"), value=1.0,
                         unit=r.single[m.group("p")])
            out.append(Casualty(kind=kind, value=1.0, hedge="", unit=q.unit, start=m.start(), end=m.end(),
                                text=m.group(), quantity=q))
    return out


def _bare_subject(r: _Reader, np: str) -> tuple[int, str] | None:
    """Where the subject phrase of a numberless casualty starts inside `np` (offset) and
    the phrase; None when the word right before the casualty word is no possible subject."""
    toks = list(regex.finditer(_BW, np))
    while toks and (toks[-1].group() in r.cw.BARE_TRAILING or toks[-1].group() in r.hc.BARE_FILLERS):
        toks.pop()  # "जवान भी शहीद", "सोनू ने अस्पताल ले जाते समय दम तोड़": not the subject
    keep = []
    run = 0  # words of the current conjunct: a name or "लोजपा नेता" has two at most
    for tm in reversed(toks):
        w = tm.group().replace("\u200c", "").replace("\u200d", "")
        if r.conj.match(w) and keep:
            keep.append(tm)
            run = 0
            continue
        if run == 2:
            break
        run += 1
        if r.counted.get(w) in r.hc.ANIMAL_LEMMAS or w in r.hc.BARE_ANIMALS:
            return None  # "गायों की मौत", "जानवर और पक्षी मारे गए": not people
        if (w in r.hc.BARE_NOT_SUBJECT or w in r.stop or w in r.number_words or w in r.hc.VAGUE
                or w.endswith(r.cw.CONJUNCTIVE_ENDING)):
            break  # "आग में गिरकर झुलस": a verb, not who
        keep.append(tm)
    while keep and r.conj.match(keep[-1].group()):
        keep.pop()
    if not keep:
        return None
    return keep[-1].start(), np[keep[-1].start():]


def _bare_matches(r: _Reader, text: str):
    """Matches of the r.bare patterns, each run only on a short window before a
    casualty word: the whole text would cost a full backtracking scan per pattern."""
    windows: list[list[int]] = []
    for a in r.bare_anchor.finditer(text):
        lo = max(0, a.start() - 90)
        sp = text.find(" ", lo, a.start())
        lo = sp + 1 if lo and sp >= 0 else lo
        hi = min(len(text), a.end() + 12)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        for pat in r.bare:
            for m in pat.finditer(text, lo, hi):
                yield m


def _bare_casualties(r: _Reader, text: str, found: list[Casualty]) -> list[Casualty]:
    """Casualties given without a number: a named or described person ("रिंकू की मौत",
    "क्लीनर गंभीर रूप से घायल", "घायल युवक"), people joined by "और/व" (value = how many),
    a plural noun (value None, hedge "vague": "जवान भी मारे गए")."""
    out: list[Casualty] = []
    taken = [(c.start, c.end) for c in found]
    hits = []
    seen = set()
    for m in _bare_matches(r, text):
        if (m.start(), m.end()) in seen:
            continue
        seen.add((m.start(), m.end()))
        np = m.group("np")
        if np in r.hc.BARE_PRONOUNS:
            hits.append((m.start(), m.end(), np, r.hc.BARE_PRONOUNS[np], m.group("k")))
            continue
        sub = _bare_subject(r, np)
        if sub is None:
            continue
        off, phrase = sub
        n_conj = len([t for t in phrase.split() if r.conj.match(t)])
        plural = any(t.endswith(r.cw.OBLIQUE_PLURAL) for t in phrase.split()) or m.group("k").startswith(r.cw.PLURAL_KILLED)
        value = None if plural and not n_conj else float(n_conj + 1)
        hits.append((m.start("np") + off, m.end(), phrase, value, m.group("k")))
    for start, end, phrase, value, k in sorted(hits):
        if any(a < end and start < b for a, b in taken):
            continue
        after = text[end:end + 25]
        if r.not_a_casualty_after.match(after):
            continue  # "किसी की मौत नहीं हुई"; "उसकी मौत की सजा" is a sentence, not a death
        kind = r.hc.BARE_KINDS.get(regex.sub(r"\s+", " ", k).split(r.cw.BARE_KIND_AUX)[0], "")
        if not kind:
            kind = next((v for w, v in r.hc.BARE_KINDS.items() if k.startswith(w)), "dead")
        q = Quantity(start=start, end=end, text=text[start:end], value=value if value is not None else 0.0,
                     unit=r.cw.PEOPLE)
        out.append(Casualty(kind=kind, value=value, hedge="" if value is not None else "vague", unit=r.cw.PEOPLE,
                            start=start, end=end, text=text[start:end], quantity=q))
        taken.append((start, end))
    return out
