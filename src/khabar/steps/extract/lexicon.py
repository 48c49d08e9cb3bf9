"""Entity word lists of a language and of the Latin-script language its reports quote,
loaded once per language: titles, demonyms, the gazetteer of known places and
organisations, the rough transliteration table.

The lists are data (edit the .txt files); this module only parses them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from khabar import lang as _lang
from khabar.lang import Language
from khabar.text.normalize import match_key


def _lines(lang: Language, name: str) -> list[str]:
    text = (lang.path / f"{name}.txt").read_text(encoding="utf-8")
    return [l.rstrip("\n") for l in text.splitlines() if l.strip() and not l.startswith("#")]


_SEP = regex.compile(r"[\s\-‐–.’'·]+")


def split_name(text: str) -> list[str]:
    """Match keys of a name's parts; hyphens and dots separate parts ("जोंग-उन")."""
    return [match_key(p) for p in _SEP.split(text) if p]


@dataclass(frozen=True)
class GazEntry:
    type: str
    latin: str


@dataclass
class Lexicon:
    titles: dict[tuple[str, ...], str] = field(default_factory=dict)  # key parts -> title
    max_title: int = 1
    demonyms: dict[tuple[str, ...], str] = field(default_factory=dict)  # key parts -> country
    max_demonym: int = 1
    gazetteer: dict[tuple[str, ...], GazEntry] = field(default_factory=dict)
    max_gaz: int = 1
    agencies: frozenset[str] = frozenset()
    postpositions: frozenset[str] = frozenset()
    joiners: frozenset[str] = frozenset()  # "और", "तथा": between the items of a list
    org_heads: frozenset[str] = frozenset()
    org_qualifiers: frozenset[str] = frozenset()  # "केंद्रीय": before a name, the same organisation
    person_parts: frozenset[str] = frozenset()
    loc_heads: frozenset[str] = frozenset()
    region_words: frozenset[str] = frozenset()  # "क्षेत्र": after a place, still a place
    date_words: frozenset[str] = frozenset()
    translit: dict[str, str] = field(default_factory=dict)
    en_titles: dict[tuple[str, ...], str] = field(default_factory=dict)
    max_en_title: int = 1
    en_heads: dict[str, str] = field(default_factory=dict)  # "news" -> "ORG"
    not_names: frozenset[str] = frozenset()  # "COVID", "GMT" (compared case-folded)

    def gaz_lookup(self, text: str) -> GazEntry | None:
        return self.gazetteer.get(tuple(split_name(text)))


def lexicon(lang: Language | str | None = None) -> Lexicon:
    """The entity lexicon of `lang` (default: the default language) and of the
    Latin-script language its reports quote."""
    return _lexicon(_lang.resolve(lang).rules)


@lru_cache(maxsize=None)
def _lexicon(hi: Language) -> Lexicon:
    en = hi.latin
    lx = Lexicon()
    for t in _lines(hi, "entity_titles"):
        lx.titles[tuple(split_name(t.rstrip(".")))] = t
    lx.max_title = max(len(k) for k in lx.titles)
    for line in _lines(hi, "entity_demonyms"):
        word, country = line.split("\t")
        lx.demonyms[tuple(split_name(word))] = country
    lx.max_demonym = max(len(k) for k in lx.demonyms)
    for line in _lines(hi, "entity_gazetteer"):
        typ, latin, variants = line.split("\t")
        entry = GazEntry(typ, latin)
        for v in variants.split("|") + [latin]:
            lx.gazetteer.setdefault(tuple(split_name(v)), entry)
    lx.max_gaz = max(len(k) for k in lx.gazetteer)
    lx.agencies = frozenset(_lines(hi, "entity_agencies"))
    lx.loc_heads = frozenset(match_key(w) for w in _lines(hi, "entity_loc_heads"))
    lx.region_words = frozenset(match_key(w) for w in _lines(hi, "entity_region_words"))
    lx.date_words = frozenset(match_key(w) for w in list(hi.MONTHS) + list(hi.WEEKDAYS))
    lx.person_parts = frozenset(match_key(w) for w in _lines(hi, "entity_person_parts"))
    lx.org_heads = frozenset(match_key(w) for w in _lines(hi, "entity_org_heads"))
    lx.org_qualifiers = frozenset(match_key(w) for w in _lines(hi, "entity_org_qualifiers"))
    lx.postpositions = frozenset(match_key(w) for w in _lines(hi, "entity_postpositions"))
    lx.joiners = frozenset(match_key(w) for w in _lines(hi, "list_joiners"))
    for line in _lines(hi, "entity_translit"):
        ch, lat = line.split("\t")
        lx.translit[ch] = lat
    for t in _lines(en, "entity_titles"):
        lx.en_titles[tuple(t.rstrip(".").split())] = t
    lx.max_en_title = max(len(k) for k in lx.en_titles)
    lx.not_names = frozenset(l.strip().casefold() for l in _lines(en, "entity_not_names"))
    for line in _lines(en, "entity_heads"):
        typ, word = line.split("\t")
        lx.en_heads[word] = typ
    return lx
