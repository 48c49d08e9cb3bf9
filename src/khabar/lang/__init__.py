"""Per-language data. Nothing outside this package knows a language's words.

    >>> from khabar import lang
    >>> hi = lang.get("hi")
    >>> hi.MONTHS["मार्च"], "लाख" in hi.SCALES
    (3, True)

`get(code)` gives the one Language object of a code (loaded once per process);
`for_report(article, settings)` picks the one a report is analysed with. An unknown
code is an error (K013), never Hindi in disguise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, TypeVar

from khabar.errors import UnknownLanguage
from khabar.lang.language import Language

if TYPE_CHECKING:
    from khabar.config import LanguageSettings, Settings
    from khabar.model import Article

SUPPORTED = ("hi", "en")
DEFAULT = "hi"  # khabar's first language; settings.language.default overrides it

_LOADED: dict[str, Language] = {}
_COMPILED: dict[tuple, object] = {}
T = TypeVar("T")


def get(code: str) -> Language:
    """The Language of `code` ("hi", "en"); UnknownLanguage for any other code."""
    language = _LOADED.get(code)
    if language is None:
        if code not in SUPPORTED:
            raise UnknownLanguage(f"no language data for {code!r} "
                                  f"(supported: {', '.join(SUPPORTED)}; add lang/{code}/ to support it)")
        language = _LOADED[code] = Language(code)
    return language


def compiled(build: Callable[[Language], T], lang: Language | str | None) -> T:
    """What `build` makes of a language (a step's compiled patterns), made once per
    process for each language: `lang` as `resolve` reads it."""
    language = resolve(lang)
    key = (build, language)
    made = _COMPILED.get(key)
    if made is None:
        made = _COMPILED[key] = build(language)
    return made  # type: ignore[return-value]


def registry() -> dict[str, Language]:
    """Every supported Language by code."""
    return {code: get(code) for code in SUPPORTED}


def resolve(lang: Language | str | None) -> Language:
    """A step's `lang` argument as a Language: a Language as is, a code through `get`,
    None as the default language (for callers that analyse text of no one report)."""
    if isinstance(lang, Language):
        return lang
    return get(lang or DEFAULT)


def default(settings: Settings | LanguageSettings | None = None) -> Language:
    """The Language of reports that carry none (settings.language.default, "hi")."""
    return get(_section(settings).default)


def for_report(article: Article, settings: Settings | LanguageSettings | None = None) -> Language:
    """The Language `article` is analysed with: its own when khabar has data for it;
    the default when it carries none; settings.language.other for a language khabar
    has no data for (lingua may call a short Hindi report Marathi), or UnknownLanguage
    when that setting is empty."""
    section = _section(settings)
    code = article.language or section.default
    if code in SUPPORTED:
        return get(code)
    if section.other:
        return get(section.other)
    raise UnknownLanguage(f"report {article.external_id!r} is in {code!r}, which khabar has no data for "
                          f"(supported: {', '.join(SUPPORTED)}; set language.other to read such "
                          "reports with one of them)", input_name=article.input_name)


def _section(settings) -> LanguageSettings:
    from khabar.config import LanguageSettings

    if settings is None:
        return LanguageSettings()
    return getattr(settings, "language", settings)


__all__ = ["DEFAULT", "Language", "SUPPORTED", "UnknownLanguage", "default", "for_report", "get", "registry", "resolve"]
