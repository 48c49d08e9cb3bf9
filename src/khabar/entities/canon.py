"""One identity per person, place or organisation across spellings and scripts.

A mention is resolved, in order, by
1. the gazetteer (lang/hi/entity_gazetteer.txt): "मॉस्को", "मास्को" and "Moscow" are LOC:moscow;
   a leading demonym is dropped first ("रूसी स्टेट ड्यूमा" -> State Duma);
2. its sound key: every part of the name is romanised roughly (lang/hi/entity_translit.txt)
   and folded (vowels to one class, z=j, w=v, ph=f, aspirates dropped), so ज़ेलेंस्की,
   जेलेंस्की and Zelensky share a key; a name matches an entity only when it has the same
   number of parts and every part matches (किम जोंग उन is not किम योंग-ह्यून);
3. a lone part ("पुतिन", "Putin", "किम") joins the one person named in full in the same
   report whose first or last name it is; when none or two fit, it stays its own entity
   (all lone "मोदी" of reports that name no Modi in full are one "मोदी" entity) rather
   than guess: a shared surname or title alone never makes two people one. Full names
   with different given names are different people (नरेंद्र मोदी, सुशील मोदी).
Demonyms (रूसी, अमेरिकी) are never entities; they stay in Mention.role.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache

import regex

from khabar.entities.acronyms import acronym
from khabar.entities.latin import latin_name
from khabar.model import Entity, Mention
from khabar.steps.extract.lexicon import lexicon, split_name
from khabar.text.normalize import match_key, script_of

_VIRAMA = "\u094d"
_ANUSVARA = "\u0902"
_CONSONANT = regex.compile(r"[\u0915-\u0939\u0958-\u095f]")
_MATRA = regex.compile(r"[\u093e-\u094c\u0962\u0963]")
_DEVA = regex.compile(r"\p{Devanagari}")
_FOLD = [
    ("chh", "ch"), ("sh", "s"), ("ch", "C"), ("ph", "f"), ("th", "t"), ("dh", "d"),
    ("kh", "k"), ("gh", "g"), ("bh", "b"), ("jh", "j"), ("w", "v"), ("z", "j"),
    ("q", "k"), ("x", "ks"), ("c", "k"), ("C", "ch"), ("y", "i"),
    ("aa", "a"), ("ee", "i"), ("ii", "i"), ("oo", "u"), ("uu", "u"), ("au", "o"), ("ai", "e"),
]
_INITIAL = regex.compile(r"(?:^|\s)[\p{L}\p{M}]{1,2}\.")
_ROMAN = frozenset("i ii iii iv v vi jr sr".split())
# The inherent vowel is written as a schwa mark: Hindi speech drops it or colours it
# (ब्लिंकन = Blinken, वलोडिमिर = वोलोडिमिर), so in a comparison it stands for any
# vowel or none, while written vowel signs must agree (नेहरा is not नेहरू).
_SCHWA = "ə"
_NASAL_LABIAL = regex.compile(r"n(?=[pbm])")
_DOUBLE = regex.compile(r"(.)\1+")
_NON_ALPHA = regex.compile(r"[^a-zə]")


def romanize(word: str) -> str:
    """Rough Latin letters for a Devanagari word; Latin passes through lower-cased."""
    word = match_key(word)
    if not _DEVA.search(word):
        return word
    table = lexicon().translit
    out = []
    for i, ch in enumerate(word):
        out.append(table.get(ch, "" if _DEVA.match(ch) else ch))
        if _CONSONANT.match(ch):
            nxt = word[i + 1] if i + 1 < len(word) else ""
            # the inherent vowel sounds between consonants, not at the end of a word
            if nxt and nxt != _VIRAMA and not _MATRA.match(nxt) and (
                    _CONSONANT.match(nxt) or nxt == _ANUSVARA):
                out.append(_SCHWA)
    return "".join(out)


@lru_cache(maxsize=65536)
def phon_part(word: str) -> str:
    """Sound key of one name part: romanised; aspirates, z/j, w/v and vowel length folded."""
    s = romanize(word)
    for a, b in _FOLD:
        s = s.replace(a, b)
    s = _NASAL_LABIAL.sub("m", s)
    s = _DOUBLE.sub(r"\1", s)
    return _NON_ALPHA.sub("", s)


@lru_cache(maxsize=65536)
def _schwa_pattern(key: str):
    return regex.compile("".join("[aeiou]?" if c == _SCHWA else c for c in key))


@lru_cache(maxsize=65536)
def _name_parts(text: str) -> tuple[str, ...]:
    text = _INITIAL.sub(" ", text)
    return tuple(p for p in split_name(text) if p not in _ROMAN)


def name_parts(text: str) -> list[str]:
    """Match keys of the parts of a name without initials ("जे.") or numerals ("III")."""
    return list(_name_parts(text))


def _phon_parts(text: str) -> tuple[str, ...]:
    return tuple(k for k in (phon_part(p) for p in name_parts(text)) if k)


def surname_key(text: str) -> str | None:
    """Sound key of the last part of a name ("व्लादिमीर पुतिन", "Putin" -> one key), or None."""
    parts = _phon_parts(text)
    return parts[-1] if parts else None


def phon_key(text: str) -> str:
    """Sound key of a whole name, parts joined by spaces."""
    return " ".join(_phon_parts(text))


def _part_match(a: str, b: str) -> bool:
    """Same sound key, where an inherent vowel on either side matches any vowel or none."""
    if a == b:
        return True
    return bool((_SCHWA in a and _schwa_pattern(a).fullmatch(b))
                or (_SCHWA in b and _schwa_pattern(b).fullmatch(a)))


def _parts_match(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    return len(a) == len(b) and all(_part_match(x, y) for x, y in zip(a, b))


_VOWELS = regex.compile(r"[aeiouə]")


@lru_cache(maxsize=65536)
def _skeleton(part: str) -> str:
    return _VOWELS.sub("", part)


def _bucket(typ: str, parts: tuple[str, ...]) -> tuple:
    """What two names that match share: their type and, part by part, their consonants
    (an inherent vowel matches any vowel or none, so vowels cannot tell them apart). A
    name is compared only with the few names of its bucket, however many are stored."""
    return typ, tuple(_skeleton(p) for p in parts)


def _joined(parts: tuple[str, ...]) -> str:
    """A name's sound key with its spaces and inherent vowels left out: "उत्तरप्रदेश" and
    "उत्तर प्रदेश", "जयप्रताप सिंह" and "जय प्रताप सिंह" are one name written with and
    without a space inside (a word's last inherent vowel is silent, a medial one not)."""
    return "".join(parts).replace(_SCHWA, "")


def same_name(a: str, b: str) -> bool:
    """True when two written names sound alike part by part ("Trump" / "ट्रंप")."""
    pa, pb = _phon_parts(a), _phon_parts(b)
    return bool(pa) and _parts_match(pa, pb)


def written_alike(a: str, b: str) -> bool:
    """same_name, or one name written with a space more or less inside ("राम विलास" /
    "रामविलास"): what the resolver takes for one name."""
    pa, pb = _phon_parts(a), _phon_parts(b)
    return bool(pa) and (_parts_match(pa, pb) or _joined(pa) == _joined(pb))


_BRACKETED = regex.compile(r" ?\(\s*([^()\s]{2,20})\s*\)")


def _abbreviation_keys(mentions: list[Mention]) -> dict[int, str]:
    """Mentions (by index) of an organisation by its abbreviation, however it is spelled
    ("आईसीएमआर", "आई.सी.एम.आर.", "ICMR"), each with the key "ORG:<letters>"."""
    out: dict[int, str] = {}
    for i, m in enumerate(mentions):
        letters = acronym(m.text) if m.type in ("ORG", "PER") else None
        # three letters or more are no person's name, whatever the tagger said
        # ("डीएमआरसी ने कहा"); two may be initials ("जेपी")
        if letters and (m.type == "ORG" or len(letters) >= 3):
            out[i] = f"ORG:{letters.lower()}"
    return out


def _defined_abbreviations(mentions: list[Mention], abbrev: dict[int, str], text: str | None) -> dict[int, str]:
    """Full names (by mention index) that the report itself abbreviates in brackets right
    after them, "भारतीय आयुर्विज्ञान अनुसंधान परिषद (आईसीएमआर)", each with the key of that
    abbreviation: the report says the two are one organisation."""
    if not text:
        return {}
    by_start = {mentions[i].start: i for i in abbrev}
    out: dict[int, str] = {}
    for i, m in enumerate(mentions):
        if m.type != "ORG" or i in abbrev or len(name_parts(m.text)) < 2:
            continue
        j = by_start.get(m.end + 2) if text[m.end:m.end + 2] == " (" else None
        if j is None:
            j = by_start.get(m.end + 1) if text[m.end:m.end + 1] == "(" else None
        if j is not None and text[mentions[j].end:mentions[j].end + 1] == ")":
            out[i] = abbrev[j]
            continue
        # the abbreviation in brackets may be no mention of its own ("दिल्ली मेट्रो रेल
        # कॉरपोरेशन(डीएमआरसी)"): its letters still name the organisation
        bracket = _BRACKETED.match(text, m.end)
        letters = acronym(bracket.group(1)) if bracket else None
        if letters:
            out[i] = f"ORG:{letters.lower()}"
    return out


def _unqualified(text: str, parts: tuple[str, ...], lx) -> tuple[str, tuple[str, ...]]:
    """An organisation's name without a qualifier before it (lang/<code>/
    entity_org_qualifiers.txt), as its text and sound parts; the name as it is when none
    leads it or fewer than two words would be left."""
    words = text.split()
    if len(words) >= 3 and match_key(words[0]) in lx.org_qualifiers:
        rest = " ".join(words[1:])
        return rest, _phon_parts(rest)
    return text, parts


def _slug(text: str) -> str:
    s = "-".join(romanize(p).replace(_SCHWA, "a") for p in name_parts(text))
    return regex.sub(r"[^a-z0-9]+", "-", s.casefold()).strip("-") or "x"


def _strip_demonym(text: str) -> str:
    lx = lexicon()
    words = text.split()
    for n in range(min(lx.max_demonym, len(words) - 1), 0, -1):
        if tuple(split_name(" ".join(words[:n]))) in lx.demonyms:
            return " ".join(words[n:])
    return text


class EntityResolver:
    """Links mentions to entities, incrementally; rebuild with from_entities()."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}
        # _bucket -> {parts: {keys}}: a name is only compared with names that could
        # match it at all
        self._buckets: dict[tuple, dict[tuple[str, ...], set[str]]] = defaultdict(dict)
        self._parts_of: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        self._by_joined: dict[tuple[str, str], set[str]] = defaultdict(set)  # (type, _joined) -> keys

    @classmethod
    def from_entities(cls, entities: list[Entity]) -> "EntityResolver":
        """A resolver that knows `entities` (e.g. read back from the store)."""
        r = cls()
        for e in entities:
            r.entities[e.key] = e
            for alias in list(e.aliases) + ([e.latin] if e.latin else []) + [e.display]:
                r._register(e.key, e.type, alias)
        return r

    def settle(self, entities: list[Entity]) -> None:
        """Make what the resolver knows of `entities` (just resolved) exactly what
        `from_entities` would know after they are stored: every name they are stored
        under, and no other. Then a run resumed from the store decides as one that
        never stopped."""
        for e in entities:
            for parts in self._parts_of.pop(e.key, set()):
                bucket = self._buckets.get(_bucket(e.type, parts), {})
                bucket.get(parts, set()).discard(e.key)
                if not bucket.get(parts, True):
                    del bucket[parts]
                self._by_joined.get((e.type, _joined(parts)), set()).discard(e.key)
            for alias in list(e.aliases) + ([e.latin] if e.latin else []) + [e.display]:
                self._register(e.key, e.type, alias)

    def _register(self, key: str, typ: str, text: str) -> None:
        parts = _phon_parts(text)
        if not parts or parts in self._parts_of[key]:
            return
        self._buckets[_bucket(typ, parts)].setdefault(parts, set()).add(key)
        self._parts_of[key].add(parts)
        self._by_joined[(typ, _joined(parts))].add(key)
        if typ == "ORG":  # found by its name without a qualifier too (see _unqualified)
            name, _ = _unqualified(text, parts, lexicon())
            if name != text:
                self._register(key, typ, name)

    def _full_match(self, typ: str, parts: tuple[str, ...]) -> str | None:
        keys = set()
        for p, ks in self._buckets.get(_bucket(typ, parts), {}).items():
            if _parts_match(p, parts):
                keys |= ks
        if not keys:  # the same name with a space more or less inside
            keys = set(self._by_joined.get((typ, _joined(parts)), ()))
            if typ == "PER":  # never an entity of lone names (see resolve)
                keys = {k for k in keys if any(len(p) > 1 for p in self._parts_of[k])}
        return keys.pop() if len(keys) == 1 else None

    def _partial(self, part: str, scope: set[str]) -> str | None:
        """The one multi-part person in `scope` whose first or last part is `part`."""
        found = set()
        for key in scope:
            for parts in self._parts_of.get(key, ()):
                if len(parts) > 1 and self.entities[key].type == "PER":
                    if any(_part_match(part, x) for x in (parts[0], parts[-1])):
                        found.add(key)
        return found.pop() if len(found) == 1 else None

    def _lone(self, part: str) -> str | None:
        """The entity of this lone name seen before, if it is one of lone names only."""
        keys = set()
        for p, ks in self._buckets.get(_bucket("PER", (part,)), {}).items():
            if _parts_match(p, (part,)):
                keys |= {k for k in ks if all(len(q) == 1 for q in self._parts_of[k])}
        return keys.pop() if len(keys) == 1 else None

    def _new(self, typ: str, text: str, latin: str = "") -> str:
        base = f"{typ}:{_slug(latin or text)}"
        key, n = base, 2
        while key in self.entities:
            key, n = f"{base}-{n}", n + 1
        self.entities[key] = Entity(key=key, type=typ, display=text, latin=latin)
        return key

    def resolve(self, mentions: list[Mention], text: str | None = None) -> list[Entity]:
        """Set Mention.entity_key on each mention; return the entities they belong to
        (first-seen order), with aliases, roles and mentions updated. `text`, the report's
        clean text the mentions point into, lets a full name join the abbreviation the
        report gives it in brackets."""
        lx = lexicon()
        in_article: dict[int | None, set[str]] = defaultdict(set)
        pending: list[Mention] = []
        abbrev = _abbreviation_keys(mentions)
        defined = _defined_abbreviations(mentions, abbrev, text)
        # full names first, so that a lone surname finds its person in the same article
        order = sorted(range(len(mentions)), key=lambda i: -len(name_parts(mentions[i].text)))
        for i in order:
            m = mentions[i]
            # "रूसी स्टेट ड्यूमा" is the Duma, but "सोवियत संघ" and "रूसी संसद" stay whole
            text, entry = m.text, lx.gaz_lookup(m.text)
            if entry is None and lx.gaz_lookup(_strip_demonym(m.text)):
                text = _strip_demonym(m.text)
                entry = lx.gaz_lookup(text)
            parts = _phon_parts(text)
            if entry:
                key = f"{entry.type}:{_slug(entry.latin)}"
                if key not in self.entities:
                    self.entities[key] = Entity(key=key, type=entry.type, display=text,
                                                latin=entry.latin)
                m.type = entry.type
            elif not parts:
                continue
            elif i in abbrev or i in defined:
                # an organisation by its abbreviation, or by the full name the report
                # abbreviates: one entity whatever the script
                key = abbrev.get(i) or defined[i]
                if key not in self.entities:
                    self.entities[key] = Entity(key=key, type="ORG", display=text, latin=key[4:].upper())
                m.type = "ORG"
            elif len(parts) == 1 and m.type == "PER":
                pending.append(m)
                continue
            else:
                # "केंद्रीय स्वास्थ्य मंत्रालय" is the "स्वास्थ्य मंत्रालय"
                name, name_parts_ = _unqualified(text, parts, lx) if m.type == "ORG" else (text, parts)
                # a full name never joins an entity of a lone surname: that one holds
                # every "मोदी" of reports naming no Modi in full, whoever each was
                key = self._full_match(m.type, name_parts_) or self._new(m.type, name)
            self._link(m, key, text)
            in_article[m.article_id].add(key)
        for m in pending:
            part = _phon_parts(m.text)[0]
            key = (self._partial(part, in_article[m.article_id])
                   or self._lone(part)
                   or self._new("PER", m.text))
            self._link(m, key, m.text)
            in_article[m.article_id].add(key)
        seen: dict[str, None] = {}
        for m in mentions:
            if m.entity_key:
                seen.setdefault(m.entity_key)
        for key in seen:
            self._refresh(self.entities[key])
        return [self.entities[k] for k in seen]

    def _link(self, m: Mention, key: str, name: str) -> None:
        e = self.entities[key]
        m.entity_key = key
        name = " ".join(name.split())
        e.aliases[name] = e.aliases.get(name, 0) + 1
        if m.role:
            e.roles[m.role] = e.roles.get(m.role, 0) + 1
        e.mentions.append(m)
        self._register(key, e.type, name)

    @staticmethod
    def _refresh(e: Entity) -> None:
        """Display: the most used full name (a person's of two or more parts), Devanagari
        first. Latin: the gazetteer's, else a Latin alias as full as the display, else
        the display transliterated (entities/latin.py)."""
        def rank(item):
            alias, count = item
            full = len(name_parts(alias)) > 1 if e.type == "PER" else True
            return (script_of(alias) == "Deva", full, count, len(alias))

        e.display = max(e.aliases.items(), key=rank)[0] if e.aliases else e.display
        lx = lexicon()
        gaz = next((g for g in (lx.gaz_lookup(a) for a in e.aliases) if g and g.type == e.type), None)
        if gaz:
            e.latin = gaz.latin
            return
        size = len(name_parts(e.display))
        latin = [(a, c) for a, c in e.aliases.items()
                 if script_of(a) == "Latn" and len(name_parts(a)) >= size]
        e.latin = (max(latin, key=lambda ac: ac[1])[0] if latin
                   else latin_name(" ".join(e.display.split())))


def salience(entities: list[Entity], article_ids: list[int]) -> list[tuple[str, float]]:
    """(entity_key, score in 0..1) for one story, highest first.

    Score: 0.45 x share of the story's reports that name it, 0.35 x log-scaled mention
    count, 0.2 x share of reports naming it in the title (sentence -1) or first two
    sentences.
    """
    ids = set(article_ids)
    n = max(len(ids), 1)
    stats = []
    for e in entities:
        ms = [m for m in e.mentions if m.article_id in ids]
        if not ms:
            continue
        arts = {m.article_id for m in ms}
        lead = {m.article_id for m in ms if -1 <= m.sentence <= 1}  # headline, first two
        stats.append((e.key, len(ms), len(arts), len(lead)))
    top = max((s[1] for s in stats), default=1)
    scored = [
        (key, round(0.45 * arts / n + 0.35 * math.log1p(freq) / math.log1p(top)
                    + 0.2 * lead / n, 4))
        for key, freq, arts, lead in stats
    ]
    return sorted(scored, key=lambda ks: (-ks[1], ks[0]))


def is_agency(entity: Entity) -> bool:
    """True for a news agency (lang/hi/entity_agencies.txt): TASS, Yonhap, ANI..."""
    return entity.type == "ORG" and entity.latin in lexicon().agencies
