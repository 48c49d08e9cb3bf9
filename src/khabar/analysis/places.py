"""Known places as claims read them: which place a scope names (by the gazetteer's Latin
name), what kind of place it is and what it lies in (lang/<code>/places_within.txt), and
which earlier place a place word points to ("राज्य में" -> the state named last before it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import regex

from khabar.text.normalize import match_key, word_alternation


@dataclass
class Places:
    latin: dict[str, str] = field(default_factory=dict)  # match key of a spelling -> Latin name
    shown: dict[str, str] = field(default_factory=dict)  # Latin name -> the spelling shown
    kind: dict[str, str] = field(default_factory=dict)  # Latin name -> country, state, ...
    postposition: str = ""  # of a scope, dropped to read its name ("रूस में": "में")
    genitive: str = ""  # joining a scope's region to its place ("रूस के कुर्स्क": "के")
    inside: dict[str, str] = field(default_factory=dict)  # Latin name -> the place it is in
    spellings: dict[str, list[str]] = field(default_factory=dict)  # Latin name -> its spellings

    def name(self, scope: str) -> str:
        """The Latin name of the known place `scope` names ("रूस के कुर्स्क क्षेत्र में" ->
        "Kursk"): the longest run of its last words (or its first) that is one, or ""."""
        words = scope.replace(f" {self.postposition}", "").split(f" {self.genitive} ")[-1].split()
        for n in range(min(3, len(words)), 0, -1):
            for part in (words[-n:], words[:n]):
                found = self.latin.get(match_key(" ".join(part)))
                if found:
                    return found
        return ""

    def within(self, inner: str, outer: str) -> bool:
        """Whether place `inner` lies in place `outer` (Latin names), at any depth."""
        seen = set()
        while inner in self.inside and inner not in seen:
            seen.add(inner)
            inner = self.inside[inner]
            if inner == outer:
                return True
        return False

    def last_named(self, kinds: tuple[str, ...], text: str) -> str:
        """The spelling shown for the place of one of `kinds` that `text` names last, itself
        or as the place a later-named one lies in ("लेह में दो और करगिल में एक": Kargil is in
        Ladakh, the union territory), or ""."""
        for m in reversed(self._pattern().findall(text)):
            place, seen = self.latin.get(match_key(m), ""), set()
            while place and place not in seen:
                if self.kind.get(place) in kinds:
                    return self.shown.get(place, place)
                seen.add(place)
                place = self.inside.get(place, "")
        return ""

    @lru_cache(maxsize=1)
    def _pattern(self):
        names = [s for forms in self.spellings.values() for s in forms]
        return regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{word_alternation(names)})(?![\p{{L}}\p{{M}}])")

    __hash__ = object.__hash__


@lru_cache(maxsize=8)
def places(language) -> Places:
    """The places `language`'s data knows: the gazetteer's LOC entries, the countries its
    demonyms name, and places_within.txt."""
    grammar = language.rules.countwords
    out = Places(postposition=grammar.IN, genitive=grammar.OF)
    countries = {line.split("\t")[1] for line in language.lines("entity_demonyms")}
    for line in language.lines("places_within"):
        name, kind, inside = (line.split("\t") + ["", ""])[:3]
        out.kind[name] = kind
        if inside:
            out.inside[name] = inside
    for line in language.lines("entity_gazetteer"):
        typ, latin, variants = line.split("\t")
        if typ != "LOC":
            continue
        forms = variants.split("|")
        out.shown.setdefault(latin, forms[0])
        for v in forms + [latin]:
            out.latin.setdefault(match_key(v), latin)
        out.spellings.setdefault(latin, []).extend(forms)
        if latin in countries:
            out.kind.setdefault(latin, "country")
    return out
