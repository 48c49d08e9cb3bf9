"""Counts in text: Western and Devanagari digits, Indian grouping (1,00,000), number
words with scales (दस हज़ार, 1.5 लाख, 2 करोड़), hedges (लगभग, से ज़्यादा, कम से कम), the
counted thing (सैनिक) and its place (रूस में, कुर्स्क क्षेत्र में).

Dates, years, clock times and labels (अनुच्छेद 51) are not counts and are skipped.
"""

from __future__ import annotations

import regex

from khabar.lang import hi as HI
from khabar.lang.en import claimwords as EC
from khabar.lang.hi import claimwords as HC
from khabar.model import Quantity, Sentence

_B = r"(?<![\p{L}\p{M}\p{N}])"
_E = r"(?![\p{L}\p{M}\p{N}])"


def _alt(words) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


_SCALES = {**HI.SCALES, **EC.SCALES}
_NUMWORDS = {k: v for k, v in HI.NUMBER_WORDS.items() if k not in HC.VAGUE and v < 24 or k in (
    "पच्चीस", "तीस", "चालीस", "पचास", "साठ", "सत्तर", "अस्सी", "नब्बे")}
_NUMWORDS.update({"ढाई": 2.5, "डेढ़": 1.5, "डेढ़": 1.5, "सवा": 1.25})
_DIGITS = r"[0-9०-९]+(?:,[0-9०-९]{2,3})*(?:\.[0-9०-९]+)?"
_NUMBER = (rf"(?P<d>{_DIGITS})(?:\s*(?P<ds>{_alt(_SCALES)}){_E})?"
           rf"|(?P<w>{_alt(_NUMWORDS)})(?:\s+(?P<ws>{_alt(_SCALES)}))?{_E}"
           rf"|(?P<v>{_alt(HC.VAGUE)}){_E}")
_HEDGE_B = {**HC.HEDGE_BEFORE, **EC.HEDGE_BEFORE}
_MAIN = regex.compile(
    rf"{_B}(?:(?P<hb>{_alt(_HEDGE_B)})\s+)?(?:{_NUMBER})(?P<ha>\s+(?:{_alt(HC.HEDGE_AFTER)}){_E})?"
)
# "मरने वालों की संख्या बढ़कर 37 हो गई": the count of the noun before "की संख्या"
_NUMBER_OF = regex.compile(
    r"(?P<n>[\p{L}\p{M}]+)(?:\s+वालों)?\s+की\s+(?:कुल\s+)?संख्या\s+(?:बढ़कर\s+|अब\s+|घटकर\s+)?(?:\S+\s+)?$")
_DEATH_WORDS = {"मरने": "मृतक", "मारे": "मृतक", "मृतकों": "मृतक", "घायलों": "घायल", "जान": "मृतक"}
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}%][\p{L}\p{M}\p{N}\-]*|[,।;:()\"“”?!]")
_SCOPE = regex.compile(
    rf"{_B}(?P<p>(?:[\p{{L}}\p{{M}}\-]+\s+के\s+)?(?:[\p{{L}}\p{{M}}\-]+\s+)?[\p{{L}}\p{{M}}\-]+)\s+में{_E}")


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
            if w in HC.NOT_SCOPE or w in HI.stopwords() or w.endswith("ों") or w in HC.COUNTED:
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


def extract_quantities(text: str, sentences: list[Sentence] | None = None,
                       skip: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Counts in `text`. `skip` are spans already known to be times (from the dates step);
    when not given, time expressions are found here so dates and years are not counted."""
    if skip is None:
        from khabar.steps.extract.dates import find_times

        skip = [(t.start, t.end) for t in find_times(text, None)]
    sentences = sentences or []
    out: list[Quantity] = []
    for m in _MAIN.finditer(text):
        ns, ne = (m.start("d"), m.end("d")) if m.group("d") else (m.start(), m.end())
        if any(a < ne and ns < b for a, b in skip):
            continue
        number_of = _NUMBER_OF.search(text[max(0, m.start() - 60): m.start()])
        of_unit = ""
        if number_of:
            n = number_of.group("n")
            of_unit = _DEATH_WORDS.get(n) or HC.COUNTED.get(n, "")
        before = text[max(0, m.start() - 25): m.start()].split()
        if not of_unit and before and any(before[-1] == w or " ".join(before[-2:]) == w for w in HC.LABEL_BEFORE):
            continue
        if m.group("d"):
            raw = m.group("d")
            value = _to_float(raw)
            if m.group("ds"):
                value *= _SCALES[m.group("ds")]
            elif regex.fullmatch(r"[12१२][0-9०-९]{3}", raw) and 1800 <= value <= 2100:
                pass  # a year-like number: kept only if a counted noun follows (checked below)
        elif m.group("w"):
            value = float(_NUMWORDS[m.group("w")]) * (_SCALES[m.group("ws")] if m.group("ws") else 1)
        else:
            value = float(HC.VAGUE[m.group("v")])
        hedge = ""
        if m.group("hb"):
            hedge = _HEDGE_B[m.group("hb")]
        if m.group("ha"):
            hedge = HC.HEDGE_AFTER[m.group("ha").strip()]
        if m.group("v"):
            hedge = "vague"
        # the counted thing: a known noun within a few words after the number
        unit, end = "", m.end()
        pos = m.end()
        for i, tm in enumerate(_TOKEN.finditer(text, pos)):
            tok = tm.group()
            if i > HC.MAX_MODIFIER_WORDS or not regex.match(r"[\p{L}\p{M}%]", tok):
                break
            lemma = HC.COUNTED.get(tok) or EC.COUNTED.get(tok.lower())
            if lemma:
                unit, end = lemma, tm.end()
                break
        sent = next((s for s in sentences if s.start <= m.start() < s.end), None)
        lo, hi = (sent.start, sent.end) if sent else (max(0, m.start() - 300), min(len(text), m.end() + 300))
        # "जिनमें से लगभग 8,000": a part of the previous count, same counted thing
        if not unit and of_unit:
            unit = of_unit
        if not unit and out and out[-1].sentence == (sent.index if sent else -1) and any(
                mk in text[max(lo, m.start() - 20): m.start()] for mk in HC.SUBSET_MARKERS):
            unit = out[-1].unit
        if not unit and (m.group("w") or m.group("v")):
            continue  # "एक" without a counted noun is an article, not a count
        if not unit and m.group("d") and 1800 <= value <= 2100 and "," not in m.group("d"):
            continue
        c_lo, c_hi = _clause(text, m.start(), end, lo, hi)
        out.append(Quantity(start=m.start(), end=end, text=text[m.start():end], value=value,
                            unit=unit, hedge=hedge, scope=_scope(text, c_lo, c_hi, m.start()),
                            sentence=sent.index if sent else -1))
    return out
