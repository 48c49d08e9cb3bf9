"""Bar charts as plain numbers for the SVG in web/templates/_chart.html.j2: the page
needs no script, and every label goes through the template's autoescaping."""

from __future__ import annotations

from collections import Counter
from typing import Iterable

BAR_AREA = 100.0  # the longest bar's length, in the SVG's own units
MAX_BARS = 40  # more buckets are merged into coarser ones (days -> months -> years)


def bars(counts: dict[str, int]) -> list[dict]:
    """label -> count as bars scaled so the largest is BAR_AREA long, in label order."""
    top = max(counts.values(), default=0) or 1
    return [{"label": k, "count": v, "length": round(BAR_AREA * v / top, 2), "index": i}
            for i, (k, v) in enumerate(sorted(counts.items()))]


def by_period(dates: Iterable[str | None]) -> list[dict]:
    """Dates (ISO strings) counted per day, else per month, else per year: the finest
    period that keeps at most MAX_BARS bars. Undated items are left out."""
    days = [d[:10] for d in dates if d and len(d) >= 4]
    for width in (10, 7, 4):
        counts = Counter(d[:width] for d in days)
        if len(counts) <= MAX_BARS:
            return bars(dict(counts))
    return bars(dict(Counter(d[:4] for d in days)))


def by_label(labels: Iterable[str | None], top: int = 15) -> list[dict]:
    """Labels counted, the `top` most frequent, largest first."""
    counts = Counter(x for x in labels if x).most_common(top)
    peak = counts[0][1] if counts else 1
    return [{"label": k, "count": v, "length": round(BAR_AREA * v / peak, 2), "index": i}
            for i, (k, v) in enumerate(counts)]
