"""English time-expression data for steps/extract/dates.py."""

from __future__ import annotations

MODIFIERS = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}
UNITS = {"year": "year", "month": "month", "week": "week"}
DEICTIC = {"today": 0, "yesterday": -1, "tomorrow": 1}
PARTS_OF_DAY = ["late night", "morning", "afternoon", "evening", "night", "noon", "midnight"]
