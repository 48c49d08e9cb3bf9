"""Mentions of people, places and organisations in one article.

Hindi sentences go through khabar's own CRF (trained on IL-NER, see models/train_ner.py)
and then through what the text itself says: a known place or agency from the gazetteer
(lang/hi/entity_gazetteer.txt), a title or role before a name ("रूसी राष्ट्रपति
व्लादिमीर पुतिन", recorded as Mention.role), Latin-script names inside Hindi text, and
the rest of the article (a surname already seen in a full name is the same kind of
thing). English sentences use capitalisation and title cues only.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from khabar.config import NER_TAGGERS
from khabar import lang as _lang
from khabar.lang import Language
from khabar.model import Article, Mention
from khabar.steps.extract.lexicon import Lexicon, lexicon
from khabar.steps.extract import encoder_tagger, ner_features
from khabar.steps.extract.ner_features import (
    _spans, crf_features, cue_key, e5_embed, e5_unknown, stack_tag, to_bio, tokenize,
)
from khabar.text.normalize import match_key, script_of

_LATIN_START = regex.compile(r"\p{Latin}")
_DIGIT = regex.compile(r"\p{N}")
_PUNCT = regex.compile(r"^[^\p{L}\p{M}\p{N}]+$")
_ROMAN = frozenset("I II III IV V VI Jr Jr. Sr".split())
_CUT = frozenset("( ) [ ] { } , । | \" “ ” ‘ ’ : ; ?".split())


@lru_cache(maxsize=1)
def _tagger():
    """The bundled CRF, opened once per process."""
    import pycrfsuite

    from khabar.models import NER_MODEL, path

    tagger = pycrfsuite.Tagger()
    tagger.open(str(path(NER_MODEL)))
    return tagger


@lru_cache(maxsize=1)
def _tagger2():
    """The bundled second-stage CRF (over the first one's marginals), or None."""
    import pycrfsuite

    from khabar.models import NER_STACK, path

    if not path(NER_STACK).exists():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(path(NER_STACK)))
    return tagger


def encoder_tags(sentences: list[list[str]], lang: Language | str | None = None
                 ) -> list[tuple[list[str], list[float]]]:
    """BIO tags and P(O) per word from the fine-tuned encoder mixed with the CRF's
    marginals (the encoder finds more names, the CRF is surer of the ones it finds)."""
    import numpy as np

    tagger = _tagger()
    labels = set(tagger.labels())
    out = []
    for words, p_enc in zip(sentences, encoder_tagger.tag_probabilities(sentences)):
        tagger.set(crf_features(words, lang=lang))
        p_crf = np.array([[tagger.marginal(lab, i) if lab in labels else 0.0
                           for lab in encoder_tagger.LABELS] for i in range(len(words))])
        probs = encoder_tagger.mix(p_enc, p_crf)
        out.append((encoder_tagger.decode_bio(probs), [float(p) for p in probs[:, 0]]))
    return out


def _encoder_article(sents: list[_Sentence]) -> None:
    """Tags of the article's Hindi sentences from the encoder and the CRF, in one batch."""
    todo = [st for st in sents if st.words and not st.tags]
    if not todo:
        return
    for st, (tags, p_o) in zip(todo, encoder_tags([st.words for st in todo], todo[0].lang)):
        st.tags, st.p_o = tags, p_o


def _crf_article(sents: list[_Sentence]) -> None:
    """Tags of the article's Hindi sentences from the two-stage tagger, which reads the
    whole article at once (the same word's readings elsewhere in it are features)."""
    if _tagger2() is None or "e5" in ner_features.EXTRA:
        return  # _crf_tags tags each sentence alone
    todo = [st for st in sents if st.words and not st.tags]
    if not todo:
        return
    for st, (tags, p_o) in zip(todo, stack_tag(_tagger(), _tagger2(), [st.words for st in todo], lang=todo[0].lang)):
        st.tags, st.p_o = tags, p_o


@lru_cache(maxsize=1)
def _common() -> frozenset[str]:
    from khabar.models import NER_COMMON, path

    return frozenset(path(NER_COMMON).read_text(encoding="utf-8").split())


@lru_cache(maxsize=None)
def _stop(lang: Language) -> frozenset[str]:
    return frozenset(match_key(w) for w in lang.stopwords())


@lru_cache(maxsize=None)
def _keys(lang: Language, name: str) -> frozenset[str]:
    """Match keys of a word list of `lang`."""
    return frozenset(match_key(w) for w in lang.wordlist(name))


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, type) token spans of a BIO sequence; a stray I- starts a span."""
    out, start, typ = [], None, None
    for i, t in enumerate(list(tags) + ["O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != typ):
            if start is not None:
                out.append((start, i, typ))
            start, typ = (i, t[2:]) if t != "O" else (None, None)
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class _Sentence:
    """Tokens of one sentence and the spans found in it so far."""

    def __init__(self, text: str, base: int, index: int, lang: Language):
        self.text, self.base, self.index = text, base, index
        self.lang = lang  # the language whose rules and lists read it
        self.lx = lexicon(lang)
        self.stop = _stop(lang)
        self.toks = tokenize(text, lang)
        self.words = [t[2] for t in self.toks]
        self.keys = [cue_key(w) for w in self.words]
        self.spans: list[tuple[int, int, str]] = []  # token spans
        self.fixed: set[tuple[int, int]] = set()  # from the gazetteer: never replaced
        self.roles: dict[tuple[int, int], str] = {}
        self.extra: list[tuple[int, int, str]] = []  # char spans inside one token
        self.tags: list[str] = []  # the CRF's BIO tags
        self.p_o: list[float] = []  # the CRF's marginal probability of O per token

    def newline_before(self, j: int) -> bool:
        return "\n" in self.text[self.toks[j - 1][1]:self.toks[j][0]]

    def free(self, s: int, e: int) -> bool:
        return not any(_overlaps((s, e), sp[:2]) for sp in self.spans)

    def add(self, s: int, e: int, typ: str, *, replace: bool = False) -> bool:
        clash = [sp for sp in self.spans if _overlaps((s, e), sp[:2])]
        if clash and (not replace or any(sp[:2] in self.fixed for sp in clash)):
            return False
        self.spans = [sp for sp in self.spans if sp not in clash] + [(s, e, typ)]
        return True

    def mentions(self, article_id: int | None) -> list[Mention]:
        out = []
        for s, e, typ in sorted(self.spans):
            if typ == "_":
                continue
            a, b = self.toks[s][0], self.toks[e - 1][1]
            out.append(Mention(article_id, self.index, self.base + a, self.base + b,
                               self.text[a:b], typ, role=self.roles.get((s, e), "")))
        return out


def _is_latin_cap(word: str) -> bool:
    return bool(_LATIN_START.match(word)) and word[0].isupper()


# A known place the CRF reads as no name with at least this confidence on every token,
# and followed by another content word, is part of a longer name and left out: "स्वच्छ
# भारत मिशन", "पेरिस जलवायु समझौते" (chosen on held-out train).
# Mention.sentence of an agency credit the cleaner cut ("(एएनआई)"): its offsets are
# into raw_text, and it names who distributed the report, not what it is about
CREDIT_SENTENCE = -2

GAZ_VETO_P_O = 0.9


# An unseen word the CRF gives at least this P(O) with average e5 values is not
# embedded: most unseen words are inflected common words, and embedding costs ~10 ms.
E5_EMBED_BELOW_P_O = 0.99


def _crf_tags(st: _Sentence) -> None:
    """The CRF's tags, and its P(O) at the tokens the gazetteer veto and the e5 step
    read (known places, words missing from the e5 table); 1.0 elsewhere."""
    if not st.words or st.tags:
        return
    tagger, lx = _tagger(), st.lx
    keys = [match_key(w) for w in st.words]
    places = {j for s, e, entry in _spans(st.keys, lx.gazetteer, lx.max_gaz)
              if entry.type == "LOC" for j in range(s, e)}
    for attempt in (0, 1):
        feats = crf_features(st.words, lang=st.lang)
        st.tags = to_bio(tagger.tag(feats))
        unknown = e5_unknown(keys) if isinstance(feats[0], dict) else []
        st.p_o = [1.0] * len(st.words)
        for i in places.union(unknown):
            st.p_o[i] = tagger.marginal("O", i)
        if attempt:
            break
        maybe = [keys[i] for i in unknown if st.p_o[i] < E5_EMBED_BELOW_P_O]
        if not maybe or not e5_embed(maybe):
            break


def _more_than_common(st: _Sentence, outer: tuple, s: int, e: int) -> bool:
    """Whether the words of `outer` outside s..e say more than common words do
    ("पूर्व सोवियत संघ" does not, "भारत सरकार" and "उत्तर गुजरात" do)."""
    lx, common = st.lx, _common()
    rest = [st.keys[j] for j in range(outer[0], outer[1]) if not s <= j < e]
    return any(k in lx.org_heads or k in lx.loc_heads or k not in common for k in rest)


def _inside_longer(st: _Sentence, e: int) -> bool:
    """Whether a content word follows token e-1 (not a case marker, punctuation, function
    word or region word like "क्षेत्र"), as in a longer name built on a place."""
    if e >= len(st.keys):
        return False
    k, lx = st.keys[e], st.lx
    return not (k in lx.postpositions or k in lx.region_words or k in st.stop
                or _PUNCT.match(k) or _DIGIT.search(k))


def _gazetteer(st: _Sentence) -> None:
    lx = st.lx
    for s, e, entry in _spans(st.keys, lx.gazetteer, lx.max_gaz):
        words = st.words[s:e]
        # Latin variants count only when capitalised ("UN", not "un")
        if any(_LATIN_START.match(w) and not w[0].isupper() for w in words):
            continue
        # only places: they are the words other names are built from ("स्वच्छ भारत
        # मिशन"); a known organisation or agency ("टैस ने बताया") stands on its own, and
        # so does a Latin place inside Hindi text ("Russia in Ukraine")
        unsure = st.p_o and all(st.p_o[j] >= GAZ_VETO_P_O for j in range(s, e))
        if entry.type == "LOC" and unsure and not _LATIN_START.match(words[0]) \
                and _inside_longer(st, e):
            continue
        clash = [sp for sp in st.spans if _overlaps((s, e), sp[:2])]
        # a longer name the tagger found around it keeps its extent ("उत्तर गुजरात",
        # "गंगा संरक्षण मंत्रालय"); otherwise the gazetteer's span and type win
        if any(c[0] <= s and e <= c[1] and c[1] - c[0] > e - s and _more_than_common(st, c, s, e)
               for c in clash):
            continue
        if st.add(s, e, entry.type, replace=True):
            st.fixed.add((s, e))
    # "रूस-यूक्रेन युद्ध": a hyphenated pair of known names is two mentions, also when
    # the tagger read the word as one name
    for i, w in enumerate(st.words):
        if "-" not in w:
            continue
        whole = [sp for sp in st.spans if sp[:2] == (i, i + 1) and sp[:2] not in st.fixed]
        if st.free(i, i + 1) or whole:
            parts = [lx.gaz_lookup(p) for p in w.split("-")]
            if len(parts) > 1 and all(parts):
                for sp in whole:
                    st.spans.remove(sp)
                a = st.toks[i][0]
                for p, entry in zip(w.split("-"), parts):
                    st.extra.append((a, a + len(p), entry.type))
                    a += len(p) + 1
                st.spans.append((i, i + 1, "_"))  # taken: the tagger must not re-read it
                st.fixed.add((i, i + 1))


def _demonym_only(st: _Sentence, s: int, e: int) -> bool:
    """"उत्तर कोरियाई सैनिकों": a demonym and common words are not a name."""
    lx, common = st.lx, _common()
    for n in range(min(lx.max_demonym, e - s), 0, -1):
        if tuple(st.keys[s:s + n]) in lx.demonyms:
            rest = st.keys[s + n:e]
            return all(k in common and k not in lx.org_heads for k in rest)
    return False


def _after_generic_conjuncts(st: _Sentence, s: int, e: int) -> int:
    """Where a tagged span's name starts once the leading items of a list that are only
    a demonym and common words are dropped: "उत्तर कोरियाई सैनिकों और यूक्रेनी सेना" is
    the Ukrainian army, not one organisation; "विज्ञान और प्रौद्योगिकी मंत्रालय" stays whole."""
    for j in range(s + 1, e - 1):
        if st.keys[j] in st.lx.joiners and _demonym_only(st, s, j):
            s = j + 1
    return s


def _head_type(lx: Lexicon, last: str, typ: str) -> str:
    """A name's last word can say what it is: "... अस्पताल" ORG, "... नगर" LOC."""
    if last in lx.org_heads:
        return "ORG"
    if last in lx.loc_heads:
        return "LOC"
    return typ


def _crf(st: _Sentence) -> None:
    if not st.words:
        return
    _crf_tags(st)
    for s0, e0, typ in bio_spans(st.tags):
        # a name does not run across brackets or commas ("India News (इंडिया")
        s, e = s0, s0
        while e < e0 and st.words[e] not in _CUT and not _DIGIT.search(st.keys[e]):
            # a person's name has no case marker inside ("बिडेन से मिलेंगे ट्रंप")
            if typ == "PER" and e > s and st.keys[e] in st.lx.postpositions:
                break
            e += 1
        # "मोदी मंगलवार", "नीतीश कुमार कुछ": a weekday or a function word ends no name
        while e > s and (st.keys[e - 1] in st.lx.date_words or st.keys[e - 1] in st.stop):
            e -= 1
        s = _after_generic_conjuncts(st, s, e)
        if e == s or _demonym_only(st, s, e):
            continue
        typ = _head_type(st.lx, st.keys[e - 1], typ) if e - s > 1 else typ
        st.add(s, e, typ)


def _org_from_place(st: _Sentence) -> None:
    """"भारत सरकार", "दिल्ली विश्वविद्यालय": a known place followed by an organisation's
    head word is an organisation, not the place."""
    lx = st.lx
    for s, e, typ in list(st.spans):
        if e >= len(st.keys) or typ != "LOC" or not st.free(e, e + 1):
            continue
        nxt = st.words[e]
        # "स्वच्छ भारत मिशन" is a scheme, not an organisation named after India
        if st.keys[e] in _keys(st.lang, "entity_scheme_heads"):
            continue
        if st.keys[e] in lx.org_heads or (_is_latin_cap(nxt) and lx.en_heads.get(nxt.casefold()) == "ORG"):
            st.fixed.discard((s, e))
            st.spans.remove((s, e, typ))
            st.add(s, e + 1, "ORG")


def _name_after(st: _Sentence, j: int) -> int:
    """End of a plausible name starting at token j (j when there is none)."""
    lx, stop, common = st.lx, st.stop, _common()
    in_per = {i for s, e, t in st.spans if t == "PER" for i in range(s, e)}
    k, parts = j, 0
    while k < len(st.words) and parts < 4:
        w, key = st.words[k], st.keys[k]
        if w.endswith(".") and len(w) > 1:  # an initial: "जे."
            k += 1
            continue
        if w in _ROMAN and k > j:
            k += 1
            continue
        if _PUNCT.match(w) or _DIGIT.search(key) or key in lx.postpositions:
            break
        if (key,) in lx.titles or (key,) in lx.demonyms or key in lx.date_words:
            break
        if (key in stop or key in common) and k not in in_per:
            # "किम जोंग उन के": a short common word that closes a longer name before a
            # case marker is part of the name
            nxt = st.keys[k + 1] if k + 1 < len(st.keys) else ""
            if not (parts >= 2 and len(key) <= 2 and (nxt in lx.postpositions or not nxt
                                                       or _PUNCT.match(nxt))):
                break
        if _LATIN_START.match(w) and not w[0].isupper():
            break
        k += 1
        parts += 1
    while k > j and st.words[k - 1] == ".":
        k -= 1
    return k


def _titles(st: _Sentence) -> None:
    lx = st.lx
    demonym_end = {e: s for s, e, _ in _spans(st.keys, lx.demonyms, lx.max_demonym)}
    for s, e, _ in _spans(st.keys, lx.titles, lx.max_title):
        start = demonym_end.get(s, s)
        # "कोरिया गणराज्य के विदेश मंत्री": the country named before the role belongs to it
        if start == s and s >= 2 and st.keys[s - 1] in _keys(st.lang, "entity_genitives"):
            for gs, ge, gt in st.spans:
                if ge == s - 1 and gt == "LOC":
                    start = gs
        role = st.text[st.toks[start][0]:st.toks[e - 1][1]]
        end = _name_after(st, e)
        if end == e:
            continue
        after = st.keys[end] if end < len(st.keys) else ""
        if after in lx.org_heads or any(k in lx.org_heads for k in st.keys[e:end]):
            continue  # "प्रधानमंत्री आवास योजना" is a scheme, not a person
        # keep a longer person span the tagger already found there
        for ps, pe, pt in st.spans:
            if ps == e and pt == "PER" and pe > end:
                end = pe
        if st.add(e, end, "PER", replace=True):
            st.roles[(e, end)] = role


def _latin_runs(st: _Sentence) -> list[tuple[int, int]]:
    """Runs of capitalised Latin words not yet inside a mention."""
    runs, i = [], 0
    while i < len(st.words):
        if _is_latin_cap(st.words[i]) and st.free(i, i + 1):
            j = i
            while j < len(st.words) and _is_latin_cap(st.words[j]) and st.free(j, j + 1):
                j += 1
            runs.append((i, j))
            i = j
        else:
            i += 1
    return runs


def _latin_type(st: _Sentence, words: list[str], prev: str = "") -> str:
    if any(w in _ROMAN or w.casefold() in st.lx.not_names for w in words):
        return ""
    head = st.lx.en_heads.get(words[-1].casefold())
    if head == "ORG" or (head == "LOC" and len(words) > 1):
        return head
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6:
        return "ORG"
    if prev.casefold() in st.lang.latin.wordlist("entity_place_prepositions"):
        return "LOC"
    return ""


def _hindi(st: _Sentence) -> list[tuple[int, int]]:
    # the CRF first, then the gazetteer over it: a known name replaces what the CRF
    # found there unless the CRF's name is longer (see _gazetteer)
    _crf(st)
    _gazetteer(st)
    _org_from_place(st)
    _titles(st)
    pending, lx = [], st.lx
    for s, e in _latin_runs(st):
        if any(w.casefold() in lx.not_names or _DIGIT.search(w) for w in st.words[s:e]):
            continue  # "COVID-19 के लक्षण"
        typ = _latin_type(st, st.words[s:e])
        if typ:
            st.add(s, e, typ)
        else:
            pending.append((s, e))
    return pending


def _english(st: _Sentence) -> list[tuple[int, int]]:
    lx, latin = st.lx, st.lang.latin
    _gazetteer(st)
    low = [w.casefold().rstrip(".") for w in st.words]
    for s, e, _ in _spans(low, lx.en_titles, lx.max_en_title):
        j = e
        while j < len(st.words) and (_is_latin_cap(st.words[j]) or st.words[j] in _ROMAN):
            j += 1
        if j > e and st.add(e, j, "PER", replace=True):
            st.roles[(e, j)] = st.text[st.toks[s][0]:st.toks[e - 1][1]]
    stop, pending = latin.stopwords(), []
    dates = set(latin.MONTHS) | set(latin.WEEKDAYS)
    connect = latin.wordlist("entity_connectors")
    i = 0
    while i < len(st.words):
        if not (_is_latin_cap(st.words[i]) and st.free(i, i + 1)) or low[i] in dates:
            i += 1
            continue
        j = i + 1
        while j < len(st.words) and st.free(j, j + 1) and not st.newline_before(j):
            if _is_latin_cap(st.words[j]) and low[j] not in dates:
                j += 1
            elif (low[j] in connect and j + 1 < len(st.words)
                  and _is_latin_cap(st.words[j + 1])):
                j += 2
            else:
                break
        s = i
        while s < j and low[s] in stop:  # "The", "When" opening a sentence
            s += 1
        if any(low[k] in lx.not_names for k in range(s, j)):
            s = j
        if s < j and not (j - s == 1 and low[s] in stop):
            prev = st.words[s - 1] if s > 0 else ""
            nxt = low[j] if j < len(low) else ""
            typ = _latin_type(st, st.words[s:j], prev)
            if not typ and (j - s in (2, 3) or nxt in latin.wordlist("entity_speech_verbs")):
                typ = "PER"
            if typ:
                st.add(s, j, typ)
            elif s > 0:
                pending.append((s, j))
        i = j
    return pending


def _propagate(sents: list[_Sentence], pending: list[list[tuple[int, int]]]) -> None:
    """Article-level consistency: a word that is the first or last part of a person's
    name found elsewhere in the article is that person here too ("पुतिन ने",
    "किम ने"), and a Latin word whose key equals a found name takes its type."""
    if not sents:
        return
    lx, stop, common = sents[0].lx, sents[0].stop, _common()
    parts: dict[str, str] = {}
    full_parts: set[str] = set()  # first and last words of persons' full names
    for st in sents:
        for s, e, t in st.spans:
            names = [k for k in st.keys[s:e] if not _PUNCT.match(k)]
            if t == "PER" and len(names) > 1:
                for k in (names[0], names[-1]):
                    if len(k) >= 2 and k not in stop and k not in common and k not in _ROMAN \
                            and k not in lx.org_heads and k not in lx.loc_heads:
                        parts.setdefault(k, "PER")
                        full_parts.add(k)
            if len(names) == 1:
                parts.setdefault(names[0], t)
    from khabar.entities.canon import same_name

    known = dict(parts)
    for st in sents:
        for s, e, t in st.spans:
            if t != "_":
                known.setdefault(st.text[st.toks[s][0]:st.toks[e - 1][1]], t)
    for st, pend in zip(sents, pending):
        for i, k in enumerate(st.keys):
            latin_lower = _LATIN_START.match(st.words[i]) and not st.words[i][0].isupper()
            if k in parts and parts[k] == "PER" and not latin_lower and st.free(i, i + 1):
                st.add(i, i + 1, "PER")
        if full_parts:
            # "प्योंगयांग में पुतिन और ...": a lone word the tagger typed as a place or
            # organisation that is part of a person's full name in this article is that
            # person (the gazetteer's own spans stay as they are)
            for s, e, t in list(st.spans):
                if e - s == 1 and t in ("LOC", "ORG") and st.keys[s] in full_parts \
                        and (s, e) not in st.fixed:
                    st.add(s, e, "PER", replace=True)
        for s, e in pend:
            run = st.text[st.toks[s][0]:st.toks[e - 1][1]]
            typ = next((t for name, t in known.items() if same_name(run, name)), "")
            # "Trump को": a Latin name followed by a Hindi case marker is read as a person
            nxt = st.keys[e] if e < len(st.keys) else ""
            if not typ and e - s <= 3 and nxt in lx.postpositions:
                typ = "PER"
            if typ and st.free(s, e):
                st.add(s, e, typ)
    # and the Devanagari spelling of a Latin person's name is that person ("ट्रंप")
    latin_people = {st.text[st.toks[s][0]:st.toks[e - 1][1]] for st in sents
                    for s, e, t in st.spans if t == "PER" and _LATIN_START.match(st.words[s])}
    if not latin_people:
        return
    for st in sents:
        for i, (w, k) in enumerate(zip(st.words, st.keys)):
            if k in stop or k in common or _LATIN_START.match(w) or _PUNCT.match(w):
                continue
            if st.free(i, i + 1) and any(same_name(w, name) for name in latin_people):
                st.add(i, i + 1, "PER")


def _sentences(article: Article) -> list[tuple[int, int, str]]:
    if article.sentences:
        # slice clean_text itself so offsets hold even if Sentence.text was trimmed
        text = article.clean_text
        return [(s.index, s.start, text[s.start:s.end] if text else s.text)
                for s in article.sentences]
    text = article.clean_text or article.raw_text
    return [(0, 0, text)]


def extract_mentions(article: Article, *, include_title: bool = False,
                     tagger: str = "crf", lang: Language | str | None = None) -> list[Mention]:
    """PER/LOC/ORG mentions of `article`, in text order.

    Offsets are into article.clean_text (into raw_text when clean_text is empty).
    With include_title, mentions in article.title come first with sentence=-1 and
    offsets into the title (salience counts a name in the headline). `tagger` "encoder"
    tags Hindi sentences with the fine-tuned encoder when it is installed (see
    EntitySettings), "crf" with the bundled CRF. `lang` is the report's language
    (default: khabar.lang.for_report); its rules' word lists are read, and a report in
    the Latin-script language those rules quote is read as Latin text throughout.
    """
    if tagger not in NER_TAGGERS:
        raise ValueError(f"unknown entity tagger {tagger!r} (expected one of {NER_TAGGERS})")
    parts = [(i, b, t) for i, b, t in _sentences(article)]
    if include_title and article.title:
        parts.insert(0, (-1, 0, article.title))
    report = _lang.resolve(lang) if lang is not None else _lang.for_report(article)
    rules = report.rules
    latin_report = report == rules.latin
    sents, english = [], []
    for index, base, text in parts:
        sents.append(_Sentence(text, base, index, rules))
        english.append(latin_report or script_of(text) == "Latn")
    hindi = [st for st, en in zip(sents, english) if not en]
    if tagger == "encoder" and encoder_tagger.available():
        _encoder_article(hindi)
    _crf_article(hindi)
    pending = [_english(st) if en else _hindi(st) for st, en in zip(sents, english)]
    _propagate(sents, pending)
    out = []
    for st in sents:
        ms = st.mentions(article.id)
        for a, b, typ in st.extra:
            ms.append(Mention(article.id, st.index, st.base + a, st.base + b, st.text[a:b], typ))
        out.extend(sorted(ms, key=lambda m: m.start) if st.index >= 0 else ms)
    return out



# cleaner reasons for cut text that credits an agency: "(एएनआई)", "(फोटो: रॉयटर्स)"
_CREDIT_REASONS = ("agency-credit", "photo-credit")


def credit_mentions(article: Article, lang: Language | str | None = None) -> list[Mention]:
    """Known agencies named in the credits the cleaner cut ("... बढ़ाया है। (एएनआई)" -> ANI,
    "(फोटो: रॉयटर्स)" -> Reuters): the report came through them, so they are among its
    names, though not what it is about. Sentence CREDIT_SENTENCE, offsets into raw_text."""
    rules = (_lang.resolve(lang) if lang is not None else _lang.for_report(article)).rules
    lx, out = lexicon(rules), []
    for cut in article.removed:
        if cut.reason not in _CREDIT_REASONS:
            continue
        st = _Sentence(cut.text, cut.start, CREDIT_SENTENCE, rules)
        for s, e, entry in _spans(st.keys, lx.gazetteer, lx.max_gaz):
            if entry.type == "ORG":
                a, b = st.toks[s][0], st.toks[e - 1][1]
                out.append(Mention(article.id, CREDIT_SENTENCE, st.base + a, st.base + b,
                                   st.text[a:b], "ORG"))
    return out
