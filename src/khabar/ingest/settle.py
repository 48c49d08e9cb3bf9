"""The last check every reader's Article passes before it leaves ingest/.

Whatever the format, a report leaves the reading edge as text the later stages can
handle: lone UTF-16 surrogates (a JSON `\\ud800` escape) are replaced with U+FFFD in
every field, and the replacement is recorded in `metadata["normalised"]`; a report
over `max_report_chars` or without a single word is a coded rejection.
"""

from __future__ import annotations

from typing import Any

import regex

from khabar.config import IngestSettings
from khabar.errors import EmptyInput, TooLarge
from khabar.model import Article
from khabar.text.normalize import TOKEN_RE

# Any surrogate left in a Python str is a lone one: a valid pair decodes to one code point.
_SURROGATE = regex.compile(r"[\ud800-\udfff]")
REPLACEMENT = "\ufffd"
_TEXT_FIELDS = ("external_id", "raw_text", "title", "source", "url", "language", "input_name")


def scrub(value: Any, counts: dict[str, int], where: str) -> Any:
    """`value` with lone surrogates replaced in every string, keys included, of any
    JSON-like nesting; `counts[where]` grows by the number replaced. Iterative, so a
    deeply nested value cannot exhaust the stack."""
    if isinstance(value, str):
        return _scrub_str(value, counts, where)
    if not isinstance(value, (dict, list)):
        return value
    root = [value]
    stack = [(root, 0)]
    while stack:
        holder, slot = stack.pop()
        item = holder[slot]
        if isinstance(item, dict):
            fresh = {}
            for k, v in item.items():
                fresh[_scrub_str(k, counts, where) if isinstance(k, str) else k] = v
            holder[slot] = fresh
            for k in fresh:
                stack.append((fresh, k))
        elif isinstance(item, list):
            item = holder[slot] = list(item)
            stack.extend((item, i) for i in range(len(item)))
        elif isinstance(item, str):
            holder[slot] = _scrub_str(item, counts, where)
    return root[0]


def _scrub_str(text: str, counts: dict[str, int], where: str) -> str:
    if not _SURROGATE.search(text):
        return text
    fixed, n = _SURROGATE.subn(REPLACEMENT, text)
    counts[where] = counts.get(where, 0) + n
    return fixed


def settle(article: Article, settings: IngestSettings, line: int | None = None) -> Article:
    """`article` made safe to hand on, or a KhabarError (TooLarge K006, EmptyInput K003)
    naming its input and line. U+FFFD has the length of the surrogate it replaces, so
    offsets into `raw_text` stay valid."""
    counts: dict[str, int] = {}
    for name in _TEXT_FIELDS:
        value = getattr(article, name)
        if isinstance(value, str):
            setattr(article, name, _scrub_str(value, counts, name))
    article.metadata = scrub(article.metadata, counts, "metadata")
    if counts:
        article.metadata["normalised"] = {
            "lone_surrogates": counts,
            "note": "lone UTF-16 surrogates replaced with U+FFFD",
        }
    where = article.input_name
    size = len(article.raw_text)
    if size > settings.max_report_chars:
        raise TooLarge(
            f"report '{article.external_id}' has {size:,} characters after extraction, over "
            f"max_report_chars={settings.max_report_chars:,} (raise ingest.max_report_chars to read it)",
            input_name=where, line=line)
    if TOKEN_RE.search(article.raw_text) is None:
        # punctuation alone ("!!! ... ???") is no report, and has nothing to index
        raise EmptyInput(f"report '{article.external_id}' has no words", input_name=where, line=line)
    return article
