"""Who says it, and through which outlet or agency.

Patterns: "X ने (…) कहा / बताया / दावा किया / पुष्टि की", "X के अनुसार", "X की रिपोर्ट के
अनुसार" (X is then the channel), "X का आरोप है कि", and pronoun subjects ("उन्होंने कहा")
that take the previous named speaker. Named-entity mentions, when given, name speakers
canonically; without them the noun phrase before the marker is used, titles trimmed.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from khabar import lang as _lang
from khabar.model import Article, Mention, Sentence, SpanIndex
from khabar.text.normalize import match_key

_HI = _lang.default().rules  # the default language's rules, bound once; to be handed in per report
HC, EC = _HI.claimwords, _HI.latin.claimwords

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\-.]*")
_NE = regex.compile(r"(?<![\p{L}\p{M}])ने(?![\p{L}\p{M}])")
_ACC = regex.compile(r"(?P<rep>(?:की|के)\s+(?:रिपोर्ट|रिपोर्टों|खबर|ख़बर)\s+)?(?:" +
                     "|".join(regex.escape(a.rstrip(",")) for a in HC.ACCORDING_TO) + r")")
_KA = regex.compile(r"(?:का|की|के)\s+(?:" + "|".join(HC.SPEECH_NOUNS) + r")\s+(?:है|था|रहा)")
_PRON = regex.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(HC.PRONOUNS) + r")(?![\p{L}\p{M}])")
_AGENCY = regex.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(
    regex.escape(a) for a in sorted(HC.AGENCIES, key=len, reverse=True)) + r")(?![\p{L}\p{M}])")


_CAP = r"(?:[A-Z][\w.'\-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'\-]*){0,6}"
_EN_VERB = "|".join(EC.SPEECH_VERBS)
_EN = [
    ("according-to", regex.compile(rf"\b[Aa]ccording to (?:the\s+)?(?P<x>{_CAP})")),
    ("said", regex.compile(rf"(?P<x>{_CAP})\s+(?:has\s+|had\s+)?(?:{_EN_VERB})\b")),
    ("said", regex.compile(rf"\b(?:{_EN_VERB})\s+(?P<x>{_CAP})")),
]


@dataclass
class Attribution:
    sentence: int
    speaker: str  # display form, titles trimmed
    key: str  # grouping key: entity key, or the folded last name
    role: str = ""  # trimmed title, e.g. "अमेरिकी विदेश मंत्री"
    via: str = ""  # agency or outlet the words came through
    verb: str = ""  # said | claimed | confirmed | alleged | according-to | ...
    start: int = -1  # span of the speaker phrase in clean_text
    end: int = -1


def _phrase_before(text: str, pos: int, lo: int, allow_list: bool = False) -> tuple[int, str]:
    """The noun phrase ending at `pos`, read backwards to a boundary."""
    words = list(_WORD.finditer(text, lo, pos))
    keep: list[regex.Match] = []
    for w in reversed(words):
        gap = text[w.end(): keep[0].start() if keep else pos]
        if any(c in gap for c in "।\"“”():;\n") or ("," in gap and not allow_list):
            break
        tok = w.group()
        if tok in HC.SPEAKER_STOP and not (allow_list and tok == "और") and tok not in ("के", "की"):
            break
        if tok in ("के", "की") and not keep:
            break
        keep.insert(0, w)
        if len(keep) >= 8:
            break
    while keep and keep[0].group() in ("के", "की", "का"):
        keep.pop(0)
    if not keep:
        return pos, ""
    return keep[0].start(), text[keep[0].start(): keep[-1].end()]


def _trim_title(phrase: str) -> tuple[str, str]:
    """("एंथनी ब्लिंकन", "अमेरिकी विदेश मंत्री") from "अमेरिकी विदेश मंत्री एंथनी ब्लिंकन"."""
    words = phrase.split()
    last = max((i for i, w in enumerate(words) if w in HC.TITLES), default=-1)
    if 0 <= last < len(words) - 1:
        rest = [w for w in words[last + 1:] if w not in HC.TITLES]
        return " ".join(rest), " ".join(words[: last + 1])
    return phrase, ""


def _trim_title_en(phrase: str) -> tuple[str, str]:
    words = phrase.split()
    last = max((i for i, w in enumerate(words) if w in EC.TITLES), default=-1)
    if 0 <= last < len(words) - 1:
        return " ".join(words[last + 1:]), " ".join(words[: last + 1])
    return phrase, ""


def _english(text: str, s: Sentence) -> Attribution | None:
    """"X said", "said X", "according to X" in a Latin-script sentence."""
    for verb, pat in _EN:
        m = pat.search(text, s.start, s.end)
        if not m:
            continue
        phrase = m.group("x").strip()
        if phrase.split()[0] in ("The", "He", "She", "It", "They", "This", "That"):
            continue
        ag = _agency(phrase)
        name, role = _trim_title_en(phrase)
        return Attribution(s.index, name, speaker_key(name), role, ag, verb if not ag else "reported",
                           m.start("x"), m.end("x"))
    return None


def speaker_key(speaker: str) -> str:
    """Folded key for grouping one speaker's spellings ("एंटनी ब्लिंकन" = "एंथनी ब्लिंकन")."""
    words = speaker.split()
    if not words:
        return ""
    if len(words) <= 4 and not any(w in ("के", "की", "का", "और", "मंत्रालय") for w in words):
        return match_key(words[-1].split("-")[0] if len(words) == 1 else words[-1])
    return match_key(speaker)


def _agency(phrase: str) -> str:
    m = _AGENCY.search(phrase)
    return HC.AGENCIES[m.group()] if m else ""


def _names(mentions: list[Mention]) -> SpanIndex:
    """The people and organisations mentioned in the body, by offset (title and credit
    mentions have offsets into other texts than clean_text)."""
    return SpanIndex([m for m in mentions if m.sentence >= 0 and m.type in ("PER", "ORG")])


def _verb_after(text: str, pos: int, hi: int) -> str:
    clause = regex.split(r"\s+कि\s+|[,।;]", text[pos:hi], maxsplit=1)[0]
    for stem, kind in HC.SPEECH_VERBS.items():
        if stem in clause:
            return kind
    return ""


def attribute(article: Article, mentions: list[Mention] | None = None) -> dict[int, Attribution]:
    """The attribution of each sentence that has one, keyed by sentence index."""
    text = article.clean_text or article.raw_text
    sentences = article.sentences or [Sentence(0, 0, len(text), text)]
    mentions = mentions or []
    names = _names(mentions)
    out: dict[int, Attribution] = {}
    prev: Attribution | None = None
    for s in sentences:
        found: Attribution | None = None
        via = ""
        for m in _ACC.finditer(text, s.start, s.end):
            st, phrase = _phrase_before(text, m.start(), s.start)
            if not phrase or any(w in HC.NOT_SPEAKER for w in phrase.split()):
                continue
            ag = _agency(phrase)
            if m.group("rep") or ag:
                via = ag or phrase
            else:
                name, role = _trim_title(phrase)
                found = Attribution(s.index, name, speaker_key(name), role, "", "according-to", st, m.start())
        for m in list(_NE.finditer(text, s.start, s.end)) + list(_KA.finditer(text, s.start, s.end)):
            verb = _verb_after(text, m.end(), s.end) if m.group() == "ने" else "alleged"
            if not verb:
                continue
            st, phrase = _phrase_before(text, m.start(), s.start, allow_list=m.group() != "ने")
            if not phrase:
                continue
            ag = _agency(phrase)
            name, role = _trim_title(phrase)
            if ag and (name == phrase or ag in ("state media",)):
                found = found or Attribution(s.index, name, speaker_key(name), role, ag, "reported", st, m.start())
                via = via or ag
                continue
            found = Attribution(s.index, name, speaker_key(name), role, "", verb, st, m.start())
            break
        if found is None and regex.search(r"\p{Latin}{3}", s.text) and not regex.search(r"\p{Devanagari}", s.text):
            found = _english(text, s)
        if found is None:
            pm = _PRON.search(text, s.start, s.end)
            if pm and _verb_after(text, pm.end(), s.end):
                # "... ने पुष्टि की और उन्होंने कहा": the named subject earlier in the sentence
                ne = [m for m in _NE.finditer(text, s.start, pm.start())]
                if ne:
                    st, phrase = _phrase_before(text, ne[0].start(), s.start)
                    name, role = _trim_title(phrase)
                    found = Attribution(s.index, name, speaker_key(name), role, "", "said", st, ne[0].start())
                elif prev is not None:
                    found = Attribution(s.index, prev.speaker, prev.key, prev.role, prev.via, "said")
        if found is not None:
            if mentions and found.start >= 0:
                named = names.first_overlapping(found.start, found.end)
                if named:
                    found.speaker, found.key = named.text, named.entity_key or match_key(named.text)
            found.via = found.via or via
            out[s.index] = found
            prev = found
        elif via:
            out[s.index] = Attribution(s.index, "", "", "", via, "reported")
    return out


def report_credit(article: Article) -> str:
    """The agency a whole report is credited to: a closing "(एएनआई)" or a bare agency line."""
    text = (article.clean_text or article.raw_text).rstrip()
    m = regex.search(r"\((?P<a>[^()]{2,20})\)\s*$", text)
    if m and m.group("a").strip() in HC.AGENCIES:
        return HC.AGENCIES[m.group("a").strip()]
    for line in text.splitlines():
        if line.strip() in HC.AGENCIES:
            return HC.AGENCIES[line.strip()]
    return ""
