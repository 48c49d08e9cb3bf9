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
from khabar.text.normalize import word_alternation
from khabar.model import Quantity, Sentence, SpanIndex
from khabar.steps.extract.lexicon import lexicon

_B = r"(?<![\p{L}\p{M}\p{N}])"
_E = r"(?![\p{L}\p{M}\p{N}])"

_alt = word_alternation

HI = _lang.default().rules  # the default language's rules, bound once; to be handed in per report
HC, EC = HI.claimwords, HI.latin.claimwords


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


_COUNTED = _NDict(HC.COUNTED)
_VAGUE = _NDict(HC.VAGUE)
_FRACTION = _NDict(HC.FRACTION_BEFORE)
_HEDGE_AFTER = _NDict(HC.HEDGE_AFTER)
_SINGLE = _NDict(HC.SINGLE_PERSON)
_MEASURE_AFTER = _NDict(HC.MEASURE_AFTER)


_SCALES = _NDict({**HI.SCALES, **EC.SCALES, "दर्जन": 12})
_NUMWORDS = _NDict({k: v for k, v in HI.NUMBER_WORDS.items() if k not in HC.VAGUE and v < 24 or k in (
    "पच्चीस", "तीस", "चालीस", "पचास", "साठ", "सत्तर", "अस्सी", "नब्बे")})
# "सौ से ज्यादा", "हजार लोग": a scale word alone is one of it
# "दोनों", "तीनों घायलों": all of a known number
_NUMWORDS.update({"दोनों": 2, "तीनों": 3, "चारों": 4, "पांचों": 5, "पाँचों": 5, "छहों": 6})
_NUMWORDS.update({"ढाई": 2.5, "डेढ़": 1.5, "डेढ़": 1.5, "सवा": 1.25, "सौ": 100, "हजार": 1000,
                  "हज़ार": 1000})
_DIGITS = r"[0-9०-९]+(?:,[0-9०-९]{2,3})*(?:\.[0-9०-९]+)?"
_NUMBER = (rf"(?P<d>{_DIGITS})(?:\s*(?P<ds>{_alt(_SCALES)}){_E})?"
           rf"|(?P<w>{_alt(_NUMWORDS)})(?:\s+(?P<ws>{_alt(_SCALES)}))?{_E}"
           rf"|(?P<v>{_alt(HC.VAGUE)}){_E}")
_HEDGE_B = _NDict({**HC.HEDGE_BEFORE, **EC.HEDGE_BEFORE})
# hedges are looked up through _NDict, so they may carry a ZWJ after a virama
_HEDGE_A = rf"(?P<ha>\s+(?:{_alt(HC.HEDGE_AFTER, joiners=True)}){_E})?"
_MAIN = regex.compile(
    rf"{_B}(?:(?P<hb>{_alt(_HEDGE_B, joiners=True)})\s+)?(?:(?P<fr>{_alt(HC.FRACTION_BEFORE)})\s+)?(?:{_NUMBER}){_HEDGE_A}"
)
# "२ लाख ४०,०००", "2 करोड़ 40 लाख": the rest of a number after its scale word
_CONT = regex.compile(rf"\s+(?P<d>{_DIGITS})(?:\s*(?P<ds>{_alt(_SCALES)}){_E})?(?![\p{{L}}\p{{M}}\p{{N}}/:.])"
                      rf"{_HEDGE_A}")
_SIMPLE_NUM = rf"(?:{_DIGITS}|{_alt(_NUMWORDS)}){_E}"
# "रामपुर में 14, सोनपुर में 9 और धर्मपुर में 6 लोगों की मौत": per-place counts in a list
# share the counted thing of the item that names it. An item may name two places ("पश्चिम
# बंगाल और पंजाब में दो-दो") and carry "so far" before its number ("में अब तक 52 मामले").
_AND = r"(?:और|व|तथा|एवं)"
_PLACE_WORDS = r"(?:(?!में\s)[\p{L}\p{M}\-]+\s+){1,3}"
_LIST_ITEM = (rf"(?P<pl>{_PLACE_WORDS}(?:{_AND}\s+{_PLACE_WORDS})?)में\s+(?:(?:अब\s+तक|अभी\s+तक|कुल)\s+)?"
              rf"(?P<n>{_SIMPLE_NUM})(?:-[0-9०-९\p{{L}}\p{{M}}]+)?")
_LIST = regex.compile(rf"{_B}{_LIST_ITEM}(?:(?:\s*,\s*|\s+{_AND}\s+){_LIST_ITEM})+")
# "पुडुचेरी व चंडीगढ़ में एक-एक मरीज": two places before a count of so many each
_TWO_PLACES = regex.compile(
    rf"(?P<a>[\p{{L}}\p{{M}}\-]+(?:\s+[\p{{L}}\p{{M}}\-]+)?)\s+{_AND}\s+"
    rf"(?P<b>[\p{{L}}\p{{M}}\-]+(?:\s+[\p{{L}}\p{{M}}\-]+)?)\s+में\s+$")
# "मरने वालों की संख्या बढ़कर 37 हो गई": the count of the noun before "की संख्या"
_NUMBER_OF = regex.compile(
    r"(?P<n>[\p{L}\p{M}]+)(?:\s+(?:वालों|वाले\s+लोगों))?\s+(?:की\s+)?(?:(?:कुल|आधिकारिक|अंतिम)\s+)?"
    r"(?:संख[\u200c\u200d]*्[\u200c\u200d]*या|तादाद|आंकड़ा|आँकड़ा)\s+"
    r"(?:(?:आज|अब|अब\s+तक)\s+)?(?:बढ़?\s*कर\s+|घट\s*कर\s+)?(?:\S+\s+)?$")
# "संक्रमण के मामले बढ़कर 283 हो गए": the counted noun before a total that rose or fell to it
_RISEN_TO = regex.compile(r"(?P<n>[\p{L}\p{M}]+)\s+(?:बढ़\s*कर|घट\s*कर)\s+$")
_PART_OF = regex.compile(r"(?P<n>मरने|मरनेवालों|मृतकों|घायलों)(?:\s+वालों)?\s+में\s+(?:से\s+)?$")
_DEATH_WORDS = _NDict({"मृतक": "मृतक", "मरने": "मृतक", "मरनेवालों": "मृतक", "मरनेवाले": "मृतक", "मारे": "मृतक", "मृतकों": "मृतक", "घायलों": "घायल", "जान": "मृतक"})
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}%][\p{L}\p{M}\p{N}\-\u200c\u200d]*|[,।;:()\"“”?!]")
_SCOPE = regex.compile(
    rf"{_B}(?P<p>(?:[\p{{L}}\p{{M}}\-]+\s+के\s+)?(?:[\p{{L}}\p{{M}}\-]+\s+)?[\p{{L}}\p{{M}}\-]+)\s+में{_E}")


_AGE = regex.compile(r"\s*(?:-\s*)?(?:वर्षीय|वर्षीया|साला|(?:साल|वर्ष|बरस)\s+(?:का|की|के)(?![\p{L}\p{M}])|year-old)")
# The counted noun is not looked for past these ("दो और पूर्वी चंपा जिले में").
_NOUN_STOP = frozenset(["और", "व", "तथा", "एवं", "या", "में", "जबकि", "समेत", "सहित"])


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


def _to_float(s: str) -> float:
    return float(s.translate(HI.DEVANAGARI_DIGITS).replace(",", ""))


def _clause(text: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """Bounds of the clause around [start, end) within [lo, hi)."""
    left, right = lo, hi
    for b in HC.CLAUSE_BREAKS:
        i = text.rfind(b, lo, start)
        if i >= 0:
            left = max(left, i + len(b))
        j = text.find(b, end, hi)
        if j >= 0:
            right = min(right, j)
    return left, right


def _scope(text: str, lo: int, hi: int, pos: int) -> str:
    """The place phrase "X में" in text[lo:hi] nearest to `pos`, or ""."""
    best = None
    for m in _SCOPE.finditer(text, lo, hi):
        words = m.group("p").split()
        # keep "रूस के कुर्स्क क्षेत्र", "दक्षिणी कुर्स्क क्षेत्र", or a single name
        if words[-1] in HC.SCOPE_HEADS and len(words) >= 2:
            phrase = words if "के" in words else words[-2:]
            if phrase[-2] in HC.NOT_SCOPE:
                continue
        else:
            w = words[-1]
            if w not in HC.COUNTRY_ANAPHORS and (
                    w in HC.NOT_SCOPE or w in HI.stopwords() or w.endswith(("ों",) + HC.NOT_SCOPE_ENDINGS)
                    or w in _COUNTED):
                continue
            phrase = [w]
        dist = abs(m.start() - pos)
        if best is None or dist < best[0]:
            best = (dist, " ".join(phrase) + " में")
    return best[1] if best else ""


def scope_key(scope: str) -> str:
    """Grouping key of a scope: the name before a head word ("रूस के कुर्स्क क्षेत्र में" -> "कुर्स्क")."""
    words = scope.replace(" में", "").split()
    if not words:
        return ""
    if words[-1] in HC.SCOPE_HEADS and len(words) >= 2:
        return words[-2]
    return words[-1]


def _read(m: regex.Match) -> tuple[float, str]:
    """Value and hedge of a number match of _MAIN."""
    if m.group("d"):
        value = _to_float(m.group("d"))
        if m.group("ds"):
            value *= _SCALES[m.group("ds")]
    elif m.group("w"):
        base = float(_NUMWORDS[m.group("w")]) + (_FRACTION[m.group("fr")] if m.group("fr") else 0)
        value = base * (_SCALES[m.group("ws")] if m.group("ws") else 1)
    else:
        value = float(_VAGUE[m.group("v")])
    if m.group("d") and m.group("fr"):
        value = (_to_float(m.group("d")) + _FRACTION[m.group("fr")]) * (
            _SCALES[m.group("ds")] if m.group("ds") else 1)
    hedge = _HEDGE_B[m.group("hb")] if m.group("hb") else ""
    if m.group("ha"):
        hedge = _HEDGE_AFTER[m.group("ha").strip()]
    if m.group("v"):
        hedge = "vague"
    return value, hedge


def _continue(text: str, m: regex.Match, value: float, skip: SpanIndex) -> tuple[float, int, str]:
    """"२ लाख ४०,०००": add a smaller number that follows a scale word; (value, end, hedge-after)."""
    scale = m.group("ds") or m.group("ws")
    if not scale or m.group("ha"):
        return value, m.end(), ""
    c = _CONT.match(text, m.end())
    if not c:
        return value, m.end(), ""
    extra = _to_float(c.group("d")) * (_SCALES[c.group("ds")] if c.group("ds") else 1)
    if extra >= _SCALES[scale] or skip.overlaps(c.start("d"), c.end("d")):
        return value, m.end(), ""
    return value + extra, c.end(), _HEDGE_AFTER[c.group("ha").strip()] if c.group("ha") else ""


def extract_quantities(text: str, sentences: list[Sentence] | None = None,
                       skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Counts in `text`. `skip` are spans already known to be times (from the dates step);
    when not given, time expressions are found here so dates and years are not counted."""
    if skip is None:
        from khabar.steps.extract.dates import find_times

        skip = [(t.start, t.end) for t in find_times(text, None)]
    if "\u200c" in text or "\u200d" in text:
        return _read_without_joiners(text, sentences or [], skip)
    return _extract(text, sentences or [], skip)


def _read_without_joiners(text: str, sentences: list[Sentence], skip: list[tuple[int, int]]) -> list[Quantity]:
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
    out = _extract(plain, sents, [(to_plain(a), to_plain(b)) for a, b in skip])
    for q in out:
        q.start, q.end = start_in_text(q.start), end_in_text(q.end)
        q.text = text[q.start:q.end]
    return out


def _extract(text: str, sentences: list[Sentence], skip: list[tuple[int, int]]) -> list[Quantity]:
    finder = SpanIndex(sentences)
    spans = SpanIndex(skip, span=lambda t: t)
    out: list[Quantity] = []
    bare: dict[int, Quantity] = {}  # unit-less counts, kept only if a list gives them a unit
    consumed = 0
    for m in _MAIN.finditer(text):
        if m.start() and text[m.start() - 1] in "_./":
            continue  # a piece of an id or file name ("news_2009_4_1234567", "2006.utf8")
        if m.start() > 1 and text[m.start() - 1] == "-" and _WORD_GOES_ON.match(text, m.start() - 2):
            word = regex.search(r"[\p{L}\p{M}\p{N}]+$", text[max(0, m.start() - 30): m.start() - 1])
            if word and not word.group()[0].isdigit() and word.group() not in _NUMWORDS:
                continue  # a name's number ("कोविड-19", "G-20", "मिग-29"), not a count ("चार-पांच" is)
        if m.start() < consumed:
            continue  # the second part of "२ लाख ४०,०००"
        ns, ne = (m.start("d"), m.end("d")) if m.group("d") else (m.start(), m.end())
        if spans.overlaps(ns, ne):
            continue
        lead = text[max(0, m.start() - 60): m.start()]
        number_of = _NUMBER_OF.search(lead) or _RISEN_TO.search(lead)
        of_unit = ""
        if number_of:
            n = number_of.group("n")
            of_unit = _DEATH_WORDS.get(n) or _COUNTED.get(n, "")
            # "मरीजों की संख्या 271": cases, unless a state word came before ("ठीक होने वाले मरीजों")
            n_at = max(0, m.start() - 60) + number_of.start("n")
            words_before = text[max(0, n_at - 40): n_at].split()[-3:]
            if of_unit in HC.MEASURE_OTHERWISE and not any(w in _MEASURE_AFTER for w in words_before):
                of_unit = HC.MEASURE_OTHERWISE[of_unit]
            of_unit = _sub_measure(of_unit, words_before)
        before = text[max(0, m.start() - 25): m.start()].split()
        if not of_unit and before and any(before[-1] == w or " ".join(before[-2:]) == w for w in HC.LABEL_BEFORE):
            continue
        if _AGE.match(text, m.end()):
            continue  # "४२ वर्षीय महिला", "12 साल का लड़का": an age, not a count
        value, hedge = _read(m)
        value, num_end, cont_hedge = _continue(text, m, value, spans)
        if not value < MAX_FIGURE:
            continue  # a run of digits (an id, a hash, noise), not a count: nothing counts that far
        hedge = cont_hedge or hedge
        if hedge == "more-than" and regex.match(r"\s+नहीं" + _E, text[num_end:num_end + 8]):
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
            more = i == 1 and modifiers and modifiers[0] in _NOUN_STOP
            if i > HC.MAX_MODIFIER_WORDS or not regex.match(r"[\p{L}\p{M}%]", tok) or (
                    tok in _NOUN_STOP and not (tok in HC.NEW_WORDS and i == 0)):
                break
            lemma = _COUNTED.get(tok) or EC.COUNTED.get(tok.lower())
            if lemma:
                unit, end = lemma, tm.end()
                break
            if more:
                break
            modifiers.append(tok)
        if unit in HC.MEASURE_PEOPLE:
            # "248313 मरीजों की मौत" counts deaths: patients are cases only when no casualty
            # word follows
            unit = _measure_after(text, end) or (
                HC.MEASURE_OTHERWISE.get(unit, unit)
                if not _kind_after(text, end, min(len(text), end + 80), stop_at_number=True)[0] else unit)
        sent = finder.at(m.start())
        lo, hi = (sent.start, sent.end) if sent else (max(0, m.start() - 300), min(len(text), m.end() + 300))
        # "जिनमें से लगभग 8,000": a part of the previous count, same counted thing
        unit = _sub_measure(unit, modifiers)
        if not unit and of_unit:
            unit = of_unit
        # "मरने वालों में 18", "मृतकों में पांच एक ही परिवार के": part of a toll, no noun
        if not unit:
            sub = _PART_OF.search(text[max(0, m.start() - 30): m.start()])
            if sub:
                unit = _DEATH_WORDS.get(sub.group("n"), "")
        if not unit and out and out[-1].sentence == (sent.index if sent else -1) and any(
                mk in text[max(lo, m.start() - 20): m.start()] for mk in HC.SUBSET_MARKERS):
            unit = out[-1].unit
        if not unit:
            # "दो अन्य गंभीर रूप से घायल": no noun, but the clause says what happened to them
            kind, kend = _kind_after(text, num_end, hi, stop_at_number=True)
            weak = HC.WEAK_CASUALTY_WORDS.get(text[num_end:kend].split()[-1] if kend > num_end else "")
            # only words that modify the missing noun may stand between: "एक मछली पकड़ने
            # वाली नौका के लापता" counts a boat, "60 नावों समेत लापता" boats
            between = _TOKEN.findall(text[num_end:kend])[:-1]
            if kind and not weak and kind != "affected" and all(w.translate(_ZW) in HC.UNITLESS_BETWEEN for w in between):
                unit = HC.CASUALTY_UNITS.get(kind, "")
        year_like = m.group("d") and 1800 <= value <= 2100 and "," not in m.group("d") and not m.group("ds")
        c_lo, c_hi = _clause(text, m.start(), end, lo, hi)
        q = Quantity(start=m.start(), end=end, text=text[m.start():end], value=value,
                     unit=unit, hedge=hedge, scope=_scope(text, c_lo, c_hi, m.start()),
                     sentence=sent.index if sent else -1,
                     period=_period(text, c_lo, c_hi, end, modifiers, unit, spans))
        if q.period == "new":
            q.window = MORE if any(w in HC.MORE_WORDS for w in modifiers) else _window(text, c_lo, c_hi, spans)
        if not unit:
            # "एक" without a counted noun is an article, not a count; a bare number may
            # still be an item of a per-place list ("सोनपुर में चार, ...")
            if not m.group("v") and not year_like:
                bare[m.start()] = q
            if m.group("w") or m.group("v") or year_like:
                continue
        out.append(q)
    _list_units(text, out, bare)
    _place_tally(text, out, bare, finder)
    out = _per_place(text, out)
    _carry_places(text, out, finder)
    return out


# "सबसे बुरा हाल महाराष्ट्र का है, जहां 63 लोग संक्रमित": the place a relative clause is in
_WHERE = regex.compile(r"(?P<p>[\p{L}\p{M}\-]+)\s+(?:का|की|के)(?:\s+(?:है|हैं|था|थी|थे))?\s*,?\s*जहा[ंँ]\s+[^,;।]*$")


def _carry_places(text: str, out: list[Quantity], sentences: SpanIndex) -> None:
    """A running measure's count whose clause names no place is in the place of a relative
    clause's head ("महाराष्ट्र का है, जहां 63"), else in the place of the count of a running
    measure before it in its sentence ("भारत में 271 हुई मरीजों की संख्या, आज 35 नए मामले"):
    a sentence names its place once."""
    last: dict[int, str] = {}
    for q in out:
        if q.scope:
            if q.unit in _RUNNING:
                last[q.sentence] = q.scope
            continue
        if q.unit not in _RUNNING:
            continue
        sent = sentences.at(q.start)
        lo = sent.start if sent else max(0, q.start - 200)
        m = _WHERE.search(text, lo, q.start)
        if m and m.group("p") not in HC.NOT_SCOPE and m.group("p") not in HI.stopwords():
            q.scope = f"{m.group('p')} में"
        elif q.sentence >= 0 and q.sentence in last:
            q.scope = last[q.sentence]


def _per_place(text: str, out: list[Quantity]) -> list[Quantity]:
    """"पश्चिम बंगाल और पंजाब में दो-दो": so many each in two named places is one figure
    per place, not a share of a total: a count for each place, as a list item would be."""
    added = []
    for q in out:
        if q.hedge != "each":
            continue
        m = _TWO_PLACES.search(text, max(0, q.start - 80), q.start)
        if not m or any(w in HI.stopwords() or w in _COUNTED for w in m.group("a").split() + m.group("b").split()):
            continue
        q.hedge, q.scope = "", f"{m.group('b')} में"
        added.append(replace(q, scope=f"{m.group('a')} में"))
    return sorted(out + added, key=lambda q: q.start) if added else out


_RUNNING = frozenset(HC.MEASURES.values())
_NEW_AFTER = regex.compile(HC.NEW_AFTER)


def _period(text: str, lo: int, hi: int, end: int, modifiers: list[str], unit: str, times: SpanIndex) -> str:
    """Whether a count of a running measure is a rate ("रोजाना 5,000"), new in a period or a
    total so far: a rate word in its clause; a "new" word before its noun or "more" after
    it (`end`: "10 हजार मरीज और बढ़ गए"); a total marker in its clause; else new when the
    clause names a day ("शनिवार को छह मामले सामने आए"; "20 मार्च तक" is a total up to it)."""
    if unit not in _RUNNING:
        return ""
    clause = text[lo:hi]
    if any(w in clause for w in HC.RATE_WORDS):
        return "rate"
    if any(w in HC.NEW_WORDS for w in modifiers) or _NEW_AFTER.match(text, end):
        return "new"
    if any(mk in clause for mk in HC.TOTAL_MARKERS):
        return "total"
    t = times.first_overlapping(lo, hi)
    if t is not None and not regex.match(r"\s*तक" + _E, text[t[1]:t[1] + 8]):
        return "new"
    return ""


# the window of "so many more": since the outlet's own last figure
MORE = "+"


def _window(text: str, lo: int, hi: int, times: SpanIndex) -> str:
    """The length of the period a new count's clause names, as a key: the words of its
    time phrase less the fillers, nouns folded to one form ("पिछले 24 घंटों में" -> "24 घंट"),
    or "". Only a phrase with a number is a length; a day ("शनिवार को", "आज") is no window
    of its own: two outlets' "today" and "on Saturday" may be one day's new count."""
    t = times.first_overlapping(lo, hi)
    if t is None:
        return ""
    words = [w for w in _TOKEN.findall(text[t[0]:t[1]]) if w not in HC.WINDOW_FILLERS and w not in ",।;:"]
    if not any(w[0].isdigit() or w in _NUMWORDS for w in words):
        return ""
    return " ".join(_stem(w) for w in words)


def _stem(word: str) -> str:
    """"घंटों", "घंटे" -> "घंट"; "दिनों" -> "दिन": one key for a noun's forms."""
    for ending in ("ों", "े", "ा"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            return word[:-len(ending)]
    return word


def _sub_measure(unit: str, words: list[str]) -> str:
    """"29,685 सक्रिय मामले", "सक्रिय मामलों की संख्या": active cases, a measure of their own
    (`HC.SUB_MEASURES`: a word before the counted noun -> the measure it makes)."""
    for w in words:
        sub = HC.SUB_MEASURES.get((w, unit))
        if sub:
            return sub
    return unit


def _measure_after(text: str, end: int) -> str:
    """"315 लोग संक्रमित", "12 मरीज ठीक होकर घर लौटे": the measure a state word just after a
    count of people names, or ""."""
    for i, tm in enumerate(_TOKEN.finditer(text, end)):
        tok = tm.group()
        if i > HC.MAX_MODIFIER_WORDS or tok in _NOUN_STOP or not regex.match(r"[\p{L}\p{M}]", tok):
            return ""
        measure = _MEASURE_AFTER.get(tok)
        if measure:
            return measure
    return ""


# "आगरा 86, मेरठ 42, लखनऊ 31": a tally of known places, each name right before its count
_TALLY_ITEM = rf"(?P<pl>(?!में\s)[\p{{L}}\p{{M}}]+(?:\s+(?!में\s)[\p{{L}}\p{{M}}]+)?)\s+(?:में\s+)?(?P<n>{_DIGITS}){_E}"
_TALLY = regex.compile(rf"{_B}{_TALLY_ITEM}(?:\s*,\s*{_TALLY_ITEM}){{2,}}")


def _place_tally(text: str, out: list[Quantity], bare: dict[int, Quantity], sentences: SpanIndex) -> None:
    """Give the items of a tally of places ("जिलेवार मामले: आगरा 86, मेरठ 42, लखनऊ 31") their
    place and the running measure counted before it in the sentence. Every name must be a
    place the gazetteer knows: names with phone numbers are no tally."""
    gaz = lexicon()
    for tm in _TALLY.finditer(text):
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
        own = [q.unit for q in items if q is not None and q.unit in _RUNNING]
        before = [q.unit for q in out if lo <= q.start < tm.start() and q.unit in _RUNNING]
        named = [m for m in (_COUNTED.get(w) for w in _TOKEN.findall(text[lo:tm.start()])) if m in _RUNNING]
        unit = own[0] if own else (before or named or [""])[-1]
        if not unit:
            continue
        for place, q in zip(names, items):
            if q is None or (q.unit and q.unit != unit):
                continue
            q.unit, q.scope = unit, f"{place} में"
            if q.start not in by_start:
                out.append(q)
                by_start[q.start] = q
    out.sort(key=lambda q: q.start)


def _list_units(text: str, out: list[Quantity], bare: dict[int, Quantity]) -> None:
    """Give the items of a per-place list ("X में 75, Y में 36 और Z में 26 लोगों की मौत")
    the counted thing of the item that names one."""
    by_start = {q.start: q for q in out}
    for lm in _LIST.finditer(text):
        starts = lm.starts("n")
        # each item's place is the one it names, not the nearest in the clause
        for s, pl in zip(starts, lm.starts("pl")):
            q = by_start.get(s) or bare.get(s)
            place = _scope(text, pl, s, s) if q else ""
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


_CASUALTY_KIND = _NDict({w: k for k, ws in HC.CASUALTY_WORDS.items() for w in ws})
_STOP = frozenset(["जबकि", "लेकिन", "वहीं", "तथा", "एवं", "मगर", "किंतु", "परंतु", "कि", "जो", "जिसमें",
                   "जिन्हें", "जिन्होंने", "समेत", "सहित", "ने", "द्वारा", "which", "while", "but"])
# "ने" anywhere ends the window (the count is the agent); "पर" only right after the count
# ("तीन पर हत्या का मामला"), since "मौके पर मौत" is common
_AGENT = frozenset(["पर"])
_GAVE_UP = regex.compile(r"\s+(?:[\p{L}\p{M}]+\s+){0,4}?(?:दम\s+तोड़|जान\s+गं?वा|अंतिम\s+सांस)")


def _kind_after(text: str, pos: int, limit: int, stop_at_number: bool = False) -> tuple[str, int]:
    """The casualty kind named within a few words after `pos` in the same clause; a weak
    word ("चपेट में", "गोली लगी") gives way to a specific one later in the window.
    `stop_at_number`: a list item ("X में 5, Y में 3 लोग मारे") takes no kind from the next."""
    weak = ("", pos)
    for i, tm in enumerate(_TOKEN.finditer(text, pos, limit)):
        tok = tm.group()
        if tok == "ने":
            g = _GAVE_UP.match(text, tm.end())
            if g:  # "आठ लोगों ने घटनास्थल पर ही दम तोड़ दिया": the dead, not the agent
                return "dead", g.end()
        if i >= HC.CASUALTY_WINDOW or tok in _STOP or not regex.match(r"[\p{L}\p{M}]", tok):
            break
        if tok in ("जान", "जानें") and regex.match(r"\s+बच", text[tm.end():tm.end() + 8]):
            break  # "21 लोगों की जान बचाई": saved, not lost
        if i == 0 and tok in _AGENT:
            break  # "तीन युवकों ने हत्या कर दी", "तीन पर हत्या का मामला": not the victims
        if stop_at_number and (tok in _NUMWORDS or regex.match(r"[0-9०-९]", tok)):
            break
        weak_kind = HC.WEAK_CASUALTY_WORDS.get(tok)
        kind = _CASUALTY_KIND.get(tok) or _CASUALTY_KIND.get(tok.lower())
        if kind and not weak_kind:
            return kind, tm.end()
        if (weak_kind or kind) and not weak[0]:
            weak = (weak_kind or kind, tm.end())
    return weak


def _kind_before(text: str, pos: int) -> str:
    """"मारे गए 8 लोगों", "घायलों में एक पुलिसकर्मी": the kind named just before the count."""
    words = [t for t in _TOKEN.findall(text[max(0, pos - 40): pos])]
    if words and not regex.match(r"[\p{L}\p{M}]", words[-1]):
        return ""
    for tok in reversed(words[-3:]):
        if not regex.match(r"[\p{L}\p{M}]", tok):
            break
        kind = _CASUALTY_KIND.get(tok)
        if kind:
            return kind
    return ""


def casualties(text: str, quantities: list[Quantity]) -> list[Casualty]:
    """The counts of `quantities` that are casualty figures, with their kind. A count of
    people is one when a casualty word (मौत, घायल, लापता, प्रभावित, ...) follows it in its
    clause or stands just before it; "30 जख्मी" and "19 की मौत" name it themselves."""
    out: list[Casualty] = []
    spans = set()
    for q in quantities:
        if q.start in spans:
            continue  # one figure read for two places ("X और Y में दो-दो"): one span of text
        spans.add(q.start)
        own = HC.CASUALTY_LEMMAS.get(q.unit, "")
        if not own and q.unit not in HC.PERSON_LEMMAS | HC.PROPERTY_LEMMAS:
            continue
        limit = len(text)
        for b in ("।", "\n", ";", "?", "!"):
            j = text.find(b, q.end)
            if j >= 0:
                limit = min(limit, j)
        item = bool(regex.search(r"में\s+$", text[max(0, q.start - 6): q.start]))
        kind, end = _kind_after(text, q.end, limit, stop_at_number=item)
        if not kind:
            kind, end = own, q.end
        if not kind:
            kind = _kind_before(text, q.start)
        # a house is damaged, not dead; a person is not "damaged"
        if not kind or (kind == "damaged") != (q.unit in HC.PROPERTY_LEMMAS):
            continue
        before = text[max(0, q.start - 30): q.start]
        sub = regex.search(r"([\p{L}\p{M}]+)(?:\s+वालों)?\s+में\s+(?:से\s+)?$", before)
        whole = not (any(mk in before for mk in HC.SUBSET_MARKERS)
                     or (sub and (sub.group(1) in _CASUALTY_KIND or sub.group(1) == "मरने")))
        out.append(Casualty(kind=kind, value=q.value, hedge=q.hedge, unit=q.unit, start=q.start,
                            end=end, text=text[q.start:end], quantity=q, whole=whole))
    # per-place list items share the kind of the item that names it
    found = {c.start for c in out}
    by_start = {q.start: q for q in quantities}
    for lm in _LIST.finditer(text):
        starts = lm.starts("n")
        kinds = {c.kind for c in out if c.start in starts}
        if len(kinds) != 1:
            continue
        kind = kinds.pop()
        for s in starts:
            q = by_start.get(s)
            if q is not None and s not in found and q.unit in HC.PERSON_LEMMAS | set(HC.CASUALTY_LEMMAS):
                out.append(Casualty(kind=kind, value=q.value, hedge=q.hedge, unit=q.unit, start=q.start,
                                    end=q.end, text=q.text, quantity=q))
    out += _parts_with(text, quantities, out)
    out += _single_casualties(text, out)
    out += _bare_casualties(text, out)
    out.sort(key=lambda c: c.start)
    return out


def _parts_with(text: str, quantities: list[Quantity], found: list[Casualty]) -> list[Casualty]:
    """"दो जवानों और पांच एसपीओ समेत 11 लोगों की मौत": the counts before "समेत/सहित" are
    parts of the figure that follows, of its kind (whole=False)."""
    out = []
    starts = {c.start for c in found}
    for q in quantities:
        if q.start in starts or q.unit not in HC.PERSON_LEMMAS:
            continue
        m = regex.match(r"[^।;!?]{0,60}?\s(?:समेत|सहित)\s+", text[q.end:q.end + 80])
        if not m:
            continue
        nxt = next((c for c in found if c.start == q.end + m.end()), None)
        if nxt is None or nxt.kind == "damaged":
            continue
        out.append(Casualty(kind=nxt.kind, value=q.value, hedge=q.hedge, unit=q.unit, start=q.start,
                            end=q.end, text=q.text, quantity=q, whole=False))
    return out


_PERSON = _alt(_SINGLE)
_SINGLE_DEAD = regex.compile(
    rf"{_B}(?P<p>{_PERSON})\s+की\s+(?:[\p{{L}}\p{{M}}]+\s+){{0,4}}?(?P<k>मौत|मृत्यु|हत्या){_E}")
_SINGLE_HURT = regex.compile(
    rf"{_B}(?P<p>{_PERSON})\s+(?:भी\s+)?(?:गंभीर\s+रूप\s+से\s+|बुरी\s+तरह\s+(?:से\s+)?|मामूली\s+रूप\s+से\s+)?"
    rf"(?P<k>घायल|जख्मी|ज़ख्मी|झुलस|लापता|मारा)\s+(?:हो\s+)?(?:गया|गई|गयी){_E}")


# "सीता देवी (52) और कमला देवी (47) की मौत हो गई", "मोहन (31) व सोहन (29) झुलस गए":
# named people with their ages, counted
_AGED = (r"(?:(?!(?:में|से|को|की|का|के|ने|पर|और|व|तथा|एवं|हादसे|दुर्घटना|जिसमें|निवासी|कारण|वजह|बाद|"
         r"दौरान|साथ|लिए|जबकि|वहीं|तो|भी|ही)\s)"
         r"[\p{L}\p{M}.]+\s+){1,3}\(\s*[0-9०-९]{1,3}\s*\)")
_NAMED = regex.compile(
    rf"{_B}(?P<list>{_AGED}(?:\s*(?:,|और|व|एवं|तथा)\s*{_AGED})*)\s*(?:,\s*)?(?:(?:[\p{{L}}\p{{M}}]+\s+){{0,6}}?)"
    rf"(?:की\s+(?:[\p{{L}}\p{{M}}]+\s+){{0,3}}?(?P<d>मौत|मृत्यु|हत्या)|(?P<h>घायल|जख्मी|ज़ख्मी|झुलस)\s+(?:हो\s+)?(?:गए|गये|गई|गईं|गया|गयी))"
    rf"{_E}")


def _single_casualties(text: str, found: list[Casualty]) -> list[Casualty]:
    """One person a casualty word names without a number ("युवक की मौत"), and named
    people with their ages ("A (50) और B (40) की मौत")."""
    out = []
    for m in _NAMED.finditer(text):
        if any(c.start < m.end() and m.start() < c.end for c in found + out):
            continue
        n = len(regex.findall(r"\(\s*[0-9०-९]{1,3}\s*\)", m.group("list")))
        kind = "dead" if m.group("d") else "injured"
        q = Quantity(start=m.start(), end=m.end("list"), text=m.group("list"), value=float(n), unit="लोग")
        out.append(Casualty(kind=kind, value=float(n), hedge="", unit="लोग", start=m.start(), end=m.end(),
                            text=m.group(), quantity=q))
    for pat in (_SINGLE_DEAD, _SINGLE_HURT):
        for m in pat.finditer(text):
            if any(c.start < m.end() and m.start() < c.end for c in found + out):
                continue
            before = text[max(0, m.start() - 12): m.start()].split()
            if before and before[-1] in ("अन्य", "दो", "तीन", "चार", "दोनों", "सभी"):
                continue
            kind = _CASUALTY_KIND.get(m.group("k"), "dead")
            q = Quantity(start=m.start(), end=m.end("p"), text=m.group("p"), value=1.0,
                         unit=_SINGLE[m.group("p")])
            out.append(Casualty(kind=kind, value=1.0, hedge="", unit=q.unit, start=m.start(), end=m.end(),
                                text=m.group(), quantity=q))
    return out


_BW = r"[\p{L}\p{M}\u200c\u200d]+"
_CONJ = r"(?:और|व|तथा|एवं)"
_BARE_NP = rf"(?P<np>(?:{_BW}\s+(?:{_CONJ}\s+)?){{0,3}}{_BW})"
_FILL = rf"(?:(?:{_alt(HC.BARE_FILLERS)})\s+){{0,5}}"
_HURT_AUX = r"(?=\s*(?:हो\s|हुए|हुई|हुआ|है|हैं|थे|थी|था|गए|गई|गईं|गया|,|।|$))"
_BARE = [
    # "रिंकू की मौके पर ही मौत", "बृजमोहन की जान चली गई"
    regex.compile(rf"{_B}{_BARE_NP}\s+की\s+{_FILL}(?P<k>मौत|मृत्यु|हत्या|जान\s+चली){_E}"),
    # "उसकी मौके पर ही मौत हो गई"
    regex.compile(rf"{_B}(?P<np>{_alt(HC.BARE_PRONOUNS)})\s+{_FILL}(?P<k>मौत|मृत्यु|हत्या|जान\s+चली){_E}"),
    # "पत्नी व भतीजी गंभीर रूप से घायल हो गईं", "पत्नी व भतीजी हुए घायल"
    regex.compile(rf"{_B}{_BARE_NP}\s+(?:भी\s+)?(?:(?:हुए|हुई|हुआ)\s+)?(?:गंभीर(?:\s+रूप\s+से)?\s+|बुरी\s+तरह(?:\s+से)?\s+"
                  rf"|मामूली\s+रूप\s+से\s+)?(?P<k>घायल|जख्मी|ज़ख्मी|झुलस|झुलसे|झुलसी|लापता){_HURT_AUX}"),
    # "सोनू ने अस्पताल ले जाते समय दम तोड़ दिया", "तीन लोग अपनी जान गंवा बैठे"
    regex.compile(rf"{_B}{_BARE_NP}\s+(?:ने\s+)?(?:भी\s+)?(?:अपनी\s+)?{_FILL}(?P<k>दम\s+तोड़|जान\s+गं?[वँ]ा|अंतिम\s+सांस)"),
    # "बदमाशों ने उसकी पत्नी को घायल कर दिया"
    regex.compile(rf"{_B}{_BARE_NP}\s+को\s+(?:भी\s+)?(?:गंभीर(?:\s+रूप\s+से)?\s+|बुरी\s+तरह(?:\s+से)?\s+)?"
                  rf"(?P<k>घायल|जख्मी|ज़ख्मी)\s+कर{_E}"),
    # "जवान भी शहीद हो गए", "जीव जंतु भी मारे गए"
    regex.compile(rf"{_B}{_BARE_NP}\s+(?:भी\s+)?(?P<k>मारा\s+गया|मारे\s+गए|मारी\s+गई|शहीद){_E}"),
]
_CONJ_RE = regex.compile(rf"^{_CONJ}$")


def _bare_subject(np: str) -> tuple[int, str] | None:
    """Where the subject phrase of a numberless casualty starts inside `np` (offset) and
    the phrase; None when the word right before the casualty word is no possible subject."""
    toks = list(regex.finditer(_BW, np))
    while toks and (toks[-1].group() in ("भी", "ही", "तो", "ने", "को") or toks[-1].group() in HC.BARE_FILLERS):
        toks.pop()  # "जवान भी शहीद", "सोनू ने अस्पताल ले जाते समय दम तोड़": not the subject
    keep = []
    run = 0  # words of the current conjunct: a name or "लोजपा नेता" has two at most
    for tm in reversed(toks):
        w = tm.group().replace("\u200c", "").replace("\u200d", "")
        if _CONJ_RE.match(w) and keep:
            keep.append(tm)
            run = 0
            continue
        if run == 2:
            break
        run += 1
        if _COUNTED.get(w) in HC.ANIMAL_LEMMAS or w in HC.BARE_ANIMALS:
            return None  # "गायों की मौत", "जानवर और पक्षी मारे गए": not people
        if (w in HC.BARE_NOT_SUBJECT or w in HI.stopwords() or w in _NUMWORDS or w in HC.VAGUE
                or w.endswith("कर")):
            break  # "आग में गिरकर झुलस": a verb, not who
        keep.append(tm)
    while keep and _CONJ_RE.match(keep[-1].group()):
        keep.pop()
    if not keep:
        return None
    return keep[-1].start(), np[keep[-1].start():]


_BARE_ANCHOR = regex.compile(r"मौत|मृत्यु|हत्या|जान\s+चली|जान\s+गं?[वँ]ा|घायल|जख्मी|ज़ख्मी|झुलस|लापता|दम\s+तोड़|"
                             r"अंतिम\s+सांस|मारा\s+गया|मारे\s+गए|मारी\s+गई|शहीद")


def _bare_matches(text: str):
    """Matches of the _BARE patterns, each run only on a short window before a
    casualty word: the whole text would cost a full backtracking scan per pattern."""
    windows: list[list[int]] = []
    for a in _BARE_ANCHOR.finditer(text):
        lo = max(0, a.start() - 90)
        sp = text.find(" ", lo, a.start())
        lo = sp + 1 if lo and sp >= 0 else lo
        hi = min(len(text), a.end() + 12)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        for pat in _BARE:
            for m in pat.finditer(text, lo, hi):
                yield m


def _bare_casualties(text: str, found: list[Casualty]) -> list[Casualty]:
    """Casualties given without a number: a named or described person ("रिंकू की मौत",
    "क्लीनर गंभीर रूप से घायल", "घायल युवक"), people joined by "और/व" (value = how many),
    a plural noun (value None, hedge "vague": "जवान भी मारे गए")."""
    out: list[Casualty] = []
    taken = [(c.start, c.end) for c in found]
    hits = []
    seen = set()
    for m in _bare_matches(text):
        if (m.start(), m.end()) in seen:
            continue
        seen.add((m.start(), m.end()))
        np = m.group("np")
        if np in HC.BARE_PRONOUNS:
            hits.append((m.start(), m.end(), np, HC.BARE_PRONOUNS[np], m.group("k")))
            continue
        sub = _bare_subject(np)
        if sub is None:
            continue
        off, phrase = sub
        n_conj = len([t for t in phrase.split() if _CONJ_RE.match(t)])
        plural = any(t.endswith("ों") for t in phrase.split()) or m.group("k").startswith(("मारे", "शहीद"))
        value = None if plural and not n_conj else float(n_conj + 1)
        hits.append((m.start("np") + off, m.end(), phrase, value, m.group("k")))
    for start, end, phrase, value, k in sorted(hits):
        if any(a < end and start < b for a, b in taken):
            continue
        after = text[end:end + 25]
        if regex.match(r"\s*(?:(?:हो|हुई|हुआ|हुए|गई|गया|गए)\s+)*नहीं|\s*की\s+सजा", after):
            continue  # "किसी की मौत नहीं हुई"; "उसकी मौत की सजा" is a sentence, not a death
        kind = HC.BARE_KINDS.get(regex.sub(r"\s+", " ", k).split(" हुए")[0], "")
        if not kind:
            kind = next((v for w, v in HC.BARE_KINDS.items() if k.startswith(w)), "dead")
        q = Quantity(start=start, end=end, text=text[start:end], value=value if value is not None else 0.0,
                     unit="लोग")
        out.append(Casualty(kind=kind, value=value, hedge="" if value is not None else "vague", unit="लोग",
                            start=start, end=end, text=text[start:end], quantity=q))
        taken.append((start, end))
    return out
