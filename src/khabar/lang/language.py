"""One language's data as an object: the word lists and patterns of lang/<code>/.

A step is handed a Language and reads everything it knows about words from it, so a
second language means a new lang/<code>/ folder, not an edit of the steps. Word lists are
the .txt files of the folder (one entry per line, '#' comments); patterns and tables are
its python modules (claimwords, timewords, noise, langid, ...), read as attributes.
"""

from __future__ import annotations

from functools import cached_property
from importlib import import_module
from pathlib import Path
from types import ModuleType


class Language:
    """The data of one language: `lang.MONTHS`, `lang.claimwords.COUNTED`,
    `lang.wordlist("bylines")`, `lang.stopwords()`."""

    def __init__(self, code: str):
        self.code = code
        self._package = import_module(f"khabar.lang.{code}")
        self.path = Path(self._package.__file__).parent
        self._lists: dict[str, frozenset[str]] = {}

    def __repr__(self) -> str:
        return f"Language({self.code!r})"

    # one object per code and process: equal and hashable by code, so steps may cache
    # what they compile from a language; pickled as its code (workers load their own)
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Language) and other.code == self.code

    def __hash__(self) -> int:
        return hash(("Language", self.code))

    def __reduce__(self):
        from khabar.lang import get

        return get, (self.code,)

    def __getattr__(self, name: str):
        # only called for names the object itself lacks: the package's constants
        # (MONTHS, SCALES, ...) first, then a data module beside it (claimwords, noise)
        if name.startswith("_"):
            raise AttributeError(name)
        package = self.__dict__["_package"]
        if hasattr(package, name):
            return getattr(package, name)
        if (self.path / f"{name}.py").is_file():
            module = import_module(f"khabar.lang.{self.code}.{name}")
            setattr(self, name, module)
            return module
        raise AttributeError(f"language {self.code!r} has no data {name!r} (lang/{self.code}/)")

    def has(self, name: str) -> bool:
        """Whether the language has the data module, constant or word list `name`."""
        return (hasattr(self._package, name) or (self.path / f"{name}.py").is_file()
                or (self.path / f"{name}.txt").is_file())

    def module(self, name: str) -> ModuleType:
        """The data module lang/<code>/<name>.py."""
        return getattr(self, name)

    def wordlist(self, name: str) -> frozenset[str]:
        """Entries of lang/<code>/<name>.txt (blank lines and '#' comments skipped)."""
        words = self._lists.get(name)
        if words is None:
            words = frozenset(self.lines(name))
            self._lists[name] = words
        return words

    def lines(self, name: str) -> list[str]:
        """The entries of lang/<code>/<name>.txt in file order (for tables and ordered lists)."""
        text = (self.path / f"{name}.txt").read_text(encoding="utf-8")
        return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]

    def stopwords(self) -> frozenset[str]:
        """Function words: the package's own list, or stopwords.txt."""
        own = getattr(self._package, "stopwords", None)
        return own() if own else self.wordlist("stopwords")

    @cached_property
    def rules(self) -> Language:
        """The language whose extraction rules read this language's reports (itself,
        unless its package names another in RULES, as lang/en does)."""
        from khabar.lang import get

        code = getattr(self._package, "RULES", self.code)
        return self if code == self.code else get(code)

    @cached_property
    def latin(self) -> Language:
        """The language of the Latin-script words quoted in this language's reports
        (LATIN in its package; itself when it names none)."""
        from khabar.lang import get

        code = getattr(self._package, "LATIN", self.code)
        return self if code == self.code else get(code)
