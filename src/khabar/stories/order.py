"""The deterministic order reports are placed in, and the order of story ids."""

from __future__ import annotations

from datetime import date
from typing import Iterable

import regex

from khabar.stories.features import ReportFeatures

_DIGITS_RE = regex.compile(r"(\d+)")


def natural_key(key: str) -> tuple:
    """Sort key that orders "AU#2" before "AU#10"."""
    return tuple(int(p) if p.isdigit() else p for p in _DIGITS_RE.split(key))


def batch_order(feats: Iterable[ReportFeatures]) -> list[ReportFeatures]:
    """The deterministic placement order: dated reports by date, undated first,
    ties by natural external-id order."""
    return sorted(feats, key=lambda f: (f.date is not None, f.date or date.min, natural_key(f.key)))
