"""Per-language data. Nothing outside this package knows a language's words."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

SUPPORTED = ("hi", "en")


def get(code: str | None) -> ModuleType:
    """The language module for `code` (falls back to Hindi, khabar's first language)."""
    code = code if code in SUPPORTED else "hi"
    return import_module(f"khabar.lang.{code}")
