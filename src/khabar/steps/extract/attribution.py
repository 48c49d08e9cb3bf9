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
from khabar.lang.language import Language
from khabar.model import Article, Mention, Sentence, SpanIndex
from khabar.text.normalize import match_key

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N}\-.]*")
_CAP = r"(?:[A-Z][\w.'\-]*)(?:\s+(?:of\s+|the\s+)?[A-Z][\w.'\-]*){0,6}"


def _word(word: str) -> str:
    return rf"(?<![\p{{L}}\p{{M}}]){regex.escape(word)}(?![\p{{L}}\p{{M}}])"


class _Speech:
    """One language's speech markers, compiled once per language (see `_speech`): the
    claim words of the rules that read its reports (HC) and of its Latin-script quotes (EC)."""

    def __init__(self, language: Language):
        rules = language.rules
        self.hc = hc = rules.claimwords
        self.ec = ec = rules.latin.claimwords
        self.agent = regex.compile(_word(hc.AGENT_MARKER))
        self.according = regex.compile(r"(?P<rep>" + hc.REPORT_OF + r"\s+)?(?:" +
                                       "|".join(regex.escape(a.rstrip(",")) for a in hc.ACCORDING_TO) + r")")
        self.speech_noun = regex.compile(hc.SPEECH_NOUN_LINK.format("|".join(hc.SPEECH_NOUNS)))
        self.pronoun = regex.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(hc.PRONOUNS) + r")(?![\p{L}\p{M}])")
        self.agency = regex.compile(r"(?<![\p{L}\p{M}])(?:" + "|".join(
            regex.escape(a) for a in sorted(hc.AGENCIES, key=len, reverse=True)) + r")(?![\p{L}\p{M}])")
        verbs = "|".join(ec.SPEECH_VERBS)
        self.latin = [
            ("according-to", regex.compile(rf"\b[Aa]ccording to (?:the\s+)?(?P<x>{_CAP})")),
            ("said", regex.compile(rf"(?P<x>{_CAP})\s+(?:has\s+|had\s+)?(?:{verbs})\b")),
            ("said", regex.compile(rf"\b(?:{verbs})\s+(?P<x>{_CAP})")),
        ]
        self.clause_end = regex.compile(hc.CLAUSE_END)


def _speech(language: Language | str | None) -> _Speech:
    return _lang.compiled(_Speech, language)


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


def _phrase_before(text: str, pos: int, lo: int, allow_list: bool = False,
                   language: Language | str | None = None) -> tuple[int, str]:
    """The noun phrase ending at `pos`, read backwards to a boundary."""
    hc = _speech(language).hc
    words = list(_WORD.finditer(text, lo, pos))
    keep: list[regex.Match] = []
    for w in reversed(words):
        gap = text[w.end(): keep[0].start() if keep else pos]
        if any(c in gap for c in "।\"“”():;\n") or ("," in gap and not allow_list):
            break
        tok = w.group()
        if tok in hc.SPEAKER_STOP and not (allow_list and tok == hc.LIST_JOINER) and tok not in hc.INNER_LINKS:
            break
        if tok in hc.INNER_LINKS and not keep:
            break
        keep.insert(0, w)
        if len(keep) >= 8:
            break
    while keep and keep[0].group() in hc.GENITIVES:
        keep.pop(0)
    if not keep:
        return pos, ""
    return keep[0].start(), text[keep[0].start(): keep[-1].end()]


def _trim_title(phrase: str, titles) -> tuple[str, str]:
    """("एंथनी ब्लिंकन", "अमेरिकी विदेश मंत्री") from "अमेरिकी विदेश मंत्री एंथनी ब्लिंकन"."""
    words = phrase.split()
    last = max((i for i, w in enumerate(words) if w in titles), default=-1)
    if 0 <= last < len(words) - 1:
        rest = [w for w in words[last + 1:] if w not in titles]
        return " ".join(rest), " ".join(words[: last + 1])
    return phrase, ""


def _trim_title_latin(phrase: str, titles) -> tuple[str, str]:
    words = phrase.split()
    last = max((i for i, w in enumerate(words) if w in titles), default=-1)
    if 0 <= last < len(words) - 1:
        return " ".join(words[last + 1:]), " ".join(words[: last + 1])
    return phrase, ""


def _latin(text: str, s: Sentence, speech: _Speech) -> Attribution | None:
    """"X said", "said X", "according to X" in a Latin-script sentence."""
    for verb, pat in speech.latin:
        m = pat.search(text, s.start, s.end)
        if not m:
            continue
        phrase = m.group("x").strip()
        if phrase.split()[0] in speech.ec.NOT_SPEAKER_FIRST:
            continue
        ag = _agency(phrase, speech)
        name, role = _trim_title_latin(phrase, speech.ec.TITLES)
        return Attribution(s.index, name, speaker_key(name, speech.hc), role, ag, verb if not ag else "reported",
                           m.start("x"), m.end("x"))
    return None


def speaker_key(speaker: str, claimwords=None) -> str:
    """Folded key for grouping one speaker's spellings ("एंटनी ब्लिंकन" = "एंथनी ब्लिंकन"):
    the last name of a short name, the whole phrase otherwise. `claimwords` is the
    language's (lang/<code>/claimwords.py; the default language's when None)."""
    words = speaker.split()
    if not words:
        return ""
    phrase_words = (claimwords or _speech(None).hc).PHRASE_WORDS
    if len(words) <= 4 and not any(w in phrase_words for w in words):
        return match_key(words[-1].split("-")[0] if len(words) == 1 else words[-1])
    return match_key(speaker)


def _agency(phrase: str, speech: _Speech) -> str:
    m = speech.agency.search(phrase)
    return speech.hc.AGENCIES[m.group()] if m else ""


def _names(mentions: list[Mention]) -> SpanIndex:
    """The people and organisations mentioned in the body, by offset (title and credit
    mentions have offsets into other texts than clean_text)."""
    return SpanIndex([m for m in mentions if m.sentence >= 0 and m.type in ("PER", "ORG")])


def _verb_after(text: str, pos: int, hi: int, speech: _Speech) -> str:
    clause = speech.clause_end.split(text[pos:hi], maxsplit=1)[0]
    for stem, kind in speech.hc.SPEECH_VERBS.items():
        if stem in clause:
            return kind
    return ""


def attribute(article: Article, mentions: list[Mention] | None = None,
              language: Language | str | None = None) -> dict[int, Attribution]:
    """The attribution of each sentence that has one, keyed by sentence index, read with
    `language`'s speech markers (the default language's when None)."""
    speech = _speech(language)
    hc = speech.hc
    text = article.clean_text or article.raw_text
    sentences = article.sentences or [Sentence(0, 0, len(text), text)]
    mentions = mentions or []
    names = _names(mentions)
    out: dict[int, Attribution] = {}
    prev: Attribution | None = None
    for s in sentences:
        found: Attribution | None = None
        via = ""
        for m in speech.according.finditer(text, s.start, s.end):
            st, phrase = _phrase_before(text, m.start(), s.start, language=language)
            if not phrase or any(w in hc.NOT_SPEAKER for w in phrase.split()):
                continue
            ag = _agency(phrase, speech)
            if m.group("rep") or ag:
                via = ag or phrase
            else:
                name, role = _trim_title(phrase, hc.TITLES)
                found = Attribution(s.index, name, speaker_key(name, hc), role, "", "according-to", st, m.start())
        agents = list(speech.agent.finditer(text, s.start, s.end))
        for m in agents + list(speech.speech_noun.finditer(text, s.start, s.end)):
            by_agent = m.group() == hc.AGENT_MARKER
            verb = _verb_after(text, m.end(), s.end, speech) if by_agent else "alleged"
            if not verb:
                continue
            st, phrase = _phrase_before(text, m.start(), s.start, allow_list=not by_agent, language=language)
            if not phrase:
                continue
            ag = _agency(phrase, speech)
            name, role = _trim_title(phrase, hc.TITLES)
            if ag and (name == phrase or ag in ("state media",)):
                found = found or Attribution(s.index, name, speaker_key(name, hc), role, ag, "reported", st, m.start())
                via = via or ag
                continue
            found = Attribution(s.index, name, speaker_key(name, hc), role, "", verb, st, m.start())
            break
        if found is None and regex.search(r"\p{Latin}{3}", s.text) and not regex.search(r"\p{Devanagari}", s.text):
            found = _latin(text, s, speech)
        if found is None:
            pm = speech.pronoun.search(text, s.start, s.end)
            if pm and _verb_after(text, pm.end(), s.end, speech):
                # "... ने पुष्टि की और उन्होंने कहा": the named subject earlier in the sentence
                ne = [m for m in agents if m.end() <= pm.start()]
                if ne:
                    st, phrase = _phrase_before(text, ne[0].start(), s.start, language=language)
                    name, role = _trim_title(phrase, hc.TITLES)
                    found = Attribution(s.index, name, speaker_key(name, hc), role, "", "said", st, ne[0].start())
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


def actor_of(text: str, sentence: Sentence, start: int, end: int, language: Language | str | None = None) -> str:
    """Who acts in the clause of the span start..end of `sentence` ("X ने <time> को कहा"):
    the subject marked right before the span, else the first one after it, else the
    sentence's first; "" when there is none or it is an agency (the channel, not the actor)."""
    speech = _speech(language)
    hc = speech.hc
    marked = list(speech.agent.finditer(text, sentence.start, sentence.end))
    close = [m for m in marked if m.end() <= start and start - m.end() < 30
             and not any(b in text[m.end():start] for b in hc.ACTOR_BREAKS)]
    after = close or [m for m in marked if m.start() > end] or marked
    if not after:
        return ""
    _, phrase = _phrase_before(text, after[0].start(), sentence.start, language=language)
    name, _ = _trim_title(phrase, hc.TITLES)
    if _agency(phrase, speech):  # "टैस ने ... सूचना दी"
        return ""
    return name


def report_credit(article: Article, language: Language | str | None = None) -> str:
    """The agency a whole report is credited to: a closing "(एएनआई)" or a bare agency line."""
    agencies = _speech(language).hc.AGENCIES
    text = (article.clean_text or article.raw_text).rstrip()
    m = regex.search(r"\((?P<a>[^()]{2,20})\)\s*$", text)
    if m and m.group("a").strip() in agencies:
        return agencies[m.group("a").strip()]
    for line in text.splitlines():
        if line.strip() in agencies:
            return agencies[line.strip()]
    return ""
