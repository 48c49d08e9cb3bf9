"""Publication dates of undated reports, from their own time expressions and the
dated reports of their storyline, in time linear in the reports.

A report without a date in its metadata may still say when it was written: a stamp
line ("Update: 2024-06-20 07:40 GMT") or a dateline with a year (found once, in
`prepare`: `own_publication`); else the latest fully dated day its text implies,
once the years its dates leave out ("9 नवंबर", "इस साल जून में") are filled from
the other reports of its storyline (the rules of
`steps.extract.dates.resolve_story_dates`).

That function compares every undated report with every time expression of the
storyline's reports; here the evidence is indexed by month (years) and by weekday
(weekday-only days), so one report costs what the expressions of its own month or
weekday cost, and the storyline is read from memory (`StoryEvidence`, kept per
story as its reports arrive), never from the store.
"""

from __future__ import annotations

import bisect
import copy
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from khabar.model import Article, TimeExpr

CONTEXT_LIMIT = 300  # reports of a storyline (oldest first) whose dates are evidence


# ---- per report, in `prepare` ------------------------------------------------


def time_facts(article: Article, times: list[TimeExpr], lang: Any = None) -> list[dict[str, Any]]:
    """The report's time expressions as JSON-able dicts, each with what dating needs
    from its sentence: content words ("w"), event kinds ("k"), and whether it names
    its month ("x": an explicit day-month)."""
    from khabar.steps.extract.dates import time_context

    out = []
    for t in times:
        d = {"start": t.start, "end": t.end, "text": t.text, "value": t.value,
             "granularity": t.granularity, "inferred": t.inferred, "sentence": t.sentence,
             "note": t.note}
        words, kinds, d["x"] = time_context(article, t, lang)
        d["w"], d["k"] = sorted(words), sorted(kinds)
        out.append(d)
    return out


def to_time_exprs(facts: list[dict[str, Any]]) -> list[TimeExpr]:
    """`time_facts` back as TimeExpr objects."""
    return [TimeExpr(f["start"], f["end"], f["text"], f["value"], f["granularity"], f["inferred"],
                     f["sentence"], f["note"]) for f in facts]


def own_publication(article: Article, lang: Any = None) -> tuple[str, str] | None:
    """(ISO datetime, how) when an undated report dates itself by a stamp line or a
    dateline with a year; None otherwise."""
    from khabar.steps.extract.dates import infer_publication

    when, how = infer_publication(article, [], lang=lang)
    return (when.isoformat(), how) if when is not None and how in ("stamp", "dateline") else None


# ---- per story, in memory ----------------------------------------------------


def _evidence(facts: list[dict[str, Any]]) -> list[list]:
    """What another report may use of these times: fully valued days and months."""
    return [[f["value"], f["granularity"], bool(f.get("x")), f.get("w", []), f.get("k", [])]
            for f in facts
            if f.get("value") and "X" not in f["value"] and f["granularity"] in ("day", "month")]


@dataclass
class StoryEvidence:
    """The first CONTEXT_LIMIT reports of one story, as dating evidence:
    [placement number, index key, publication year or None, evidence entries]."""

    reports: list[list] = field(default_factory=list)

    def add(self, seq: int, key: str, published: date | None, facts: list[dict[str, Any]]) -> bool:
        """Record one placed report; False when the story already holds enough."""
        if len(self.reports) >= CONTEXT_LIMIT and seq > self.reports[-1][0]:
            return False
        bisect.insort(self.reports, [seq, key, published.year if published else None, _evidence(facts)])
        del self.reports[CONTEXT_LIMIT:]
        return True

    def date(self, key: str, published: date, facts: list[dict[str, Any]]) -> None:
        """A report of this story was given a date: its resolved times are evidence now."""
        for r in self.reports:
            if r[1] == key:
                r[2], r[3] = published.year, _evidence(facts)

    def absorb(self, other: "StoryEvidence") -> None:
        """`other` merged into this story."""
        self.reports = sorted(self.reports + other.reports)[:CONTEXT_LIMIT]

    def split(self, moved: set[str]) -> "StoryEvidence":
        """The reports in `moved` leave for a new story; returns its evidence."""
        out = StoryEvidence([r for r in self.reports if r[1] in moved])
        self.reports = [r for r in self.reports if r[1] not in moved]
        return out

    def to_json(self) -> list:
        return self.reports

    @classmethod
    def from_json(cls, value: list | None) -> "StoryEvidence":
        return cls([list(r) for r in value or []])


@dataclass
class Undated:
    """An undated report held in memory, to be dated."""

    seq: int
    key: str
    article: Article  # cleaned text and sentences, for re-reading relative words
    facts: list[dict[str, Any]]  # its time_facts
    own: tuple[str, str] | None = None  # own_publication


def infer_dates(evidence: list[StoryEvidence], targets: list[Undated]
                ) -> dict[str, tuple[datetime, str, list[dict[str, Any]]]]:
    """Publication dates of `targets` (undated reports of one storyline) from the
    storyline's `evidence` (its stories'): key -> (datetime, how, resolved time facts),
    for the reports that get one. Linear: each time expression is compared only with
    the expressions of its month (years) or its weekday (weekday-only days)."""
    scope = sorted(r for ev in evidence for r in ev.reports)
    target_keys = {t.key for t in targets}
    scope = [r for r in scope if r[1] not in target_keys][:CONTEXT_LIMIT]
    years = Counter(r[2] for r in scope if r[2] is not None)
    story_year = years.most_common(1)[0][0] if years else None
    # every report's times, in placement order: the evidence of the others as stored,
    # the targets' as found in their text (they change as they are resolved)
    times: dict[str, list[dict[str, Any]]] = {}
    order: list[tuple[int, str]] = []
    for seq, key, _, entries in scope:
        times[key] = [{"value": v, "granularity": g, "x": x, "w": w, "k": k, "note": ""}
                      for v, g, x, w, k in entries]
        order.append((seq, key))
    for t in targets:
        times[t.key] = [copy.copy(f) for f in t.facts]
        order.append((t.seq, t.key))
    order.sort()
    rank = {key: i for i, (_, key) in enumerate(order)}
    words = {k: [frozenset(f.get("w", ())) for f in v] for k, v in times.items()}
    kinds = {k: [frozenset(f.get("k", ())) for f in v] for k, v in times.items()}
    by_month = _MonthIndex(times, rank)
    undated = sorted(targets, key=lambda t: t.seq)
    for t in undated:
        _fill_years(t.key, times, words, by_month, story_year)
    by_weekday = _WeekdayIndex(times, rank)
    for t in undated:
        _match_weekdays(t, times, words, kinds, by_weekday)
    out = {}
    for t in undated:
        if t.own is not None:
            out[t.key] = (datetime.fromisoformat(t.own[0]), t.own[1], times[t.key])
            continue
        days = [f["value"] for f in times[t.key]
                if f["granularity"] == "day" and f["value"] and "X" not in f["value"]]
        if days:
            out[t.key] = (datetime.fromisoformat(max(days)), "latest-date-in-text", times[t.key])
    return out


class _MonthIndex:
    """(report, position) of every day or month expression, by month, in placement order."""

    def __init__(self, times: dict[str, list[dict]], rank: dict[str, int]):
        self.times, self.rank = times, rank
        self.lists: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for key, fs in times.items():
            for i, f in enumerate(fs):
                m = _month(f)
                if m is not None:
                    self.lists[m].append((rank[key], i, key))
        for v in self.lists.values():
            v.sort()

    def pool(self, month: int, exclude: str):
        for _, i, key in self.lists.get(month, ()):
            if key == exclude:
                continue
            f = self.times[key][i]
            if f["value"] and "X" not in f["value"] and f["granularity"] in ("day", "month"):
                yield key, i, f


class _WeekdayIndex:
    """Explicit day-month expressions by weekday, in placement order."""

    def __init__(self, times: dict[str, list[dict]], rank: dict[str, int]):
        self.times, self.rank = times, rank
        self.lists: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        for key in times:
            self.add(key)

    def add(self, key: str) -> None:
        for i, f in enumerate(self.times[key]):
            wd = _weekday(f)
            if wd is not None:
                bisect.insort(self.lists[wd], (self.rank[key], i, key))

    def remove(self, key: str) -> None:
        for wd, v in self.lists.items():
            self.lists[wd] = [e for e in v if e[2] != key]

    def pool(self, wd: int, exclude: str):
        for _, i, key in self.lists.get(wd, ()):
            if key != exclude and _weekday(self.times[key][i]) == wd:
                yield key, i, self.times[key][i]


def _month(f: dict) -> int | None:
    v = f.get("value")
    if not v or f.get("granularity") not in ("day", "month") or len(v) < 7 or not v[5:7].isdigit():
        return None
    return int(v[5:7])


def _weekday(f: dict) -> int | None:
    v = f.get("value")
    if not (v and f.get("granularity") == "day" and f.get("x") and "X" not in v and len(v) == 10):
        return None
    try:
        return date.fromisoformat(v).weekday()
    except ValueError:
        return None


def _fill_years(k: str, times, words, by_month: _MonthIndex, story_year: int | None) -> None:
    """Pass 1 of resolve_story_dates for one report: years from the same event in
    another report (same month and day, >= 2 shared words), else the story year."""
    from khabar.steps.extract.dates import _note_int, _weekday_year

    votes: Counter = Counter()
    for i, t in enumerate(times[k]):
        if not (t["value"] and t["value"].startswith("XXXX-")):
            continue
        month = int(t["value"][5:7])
        day = int(t["value"][8:10]) if len(t["value"]) == 10 else None
        rel = _note_int(t["note"], "rel-year") or 0
        for k2, j, t2 in by_month.pool(month, k):
            if len(words[k][i] & words[k2][j]) < 2:
                continue
            if day and t2["granularity"] == "day" and int(t2["value"][8:10]) != day:
                continue
            votes[int(t2["value"][:4]) - rel] += 1
    year = votes.most_common(1)[0][0] if votes else story_year
    how = "same event in another report" if votes else "story year"
    if year is None:
        return
    for t in times[k]:
        if not (t["value"] and t["value"].startswith("XXXX")):
            continue
        y = year + (_note_int(t["note"], "rel-year") or 0)
        wd = _note_int(t["note"], "weekday")
        note = f"year from {how}"
        if wd is not None and len(t["value"]) == 10:
            y2 = _weekday_year(y, int(t["value"][5:7]), int(t["value"][8:10]), wd)
            if y2 is not None and y2 != y:
                note += f"; weekday={wd} puts it in {y2}, not {y}"
                y = y2
            elif y2 == y:
                note += f"; weekday={wd} agrees"
        t["value"], t["inferred"], t["note"] = f"{y:04d}{t['value'][4:]}", True, note


def _match_weekdays(u: Undated, times, words, kinds, by_weekday: _WeekdayIndex) -> None:
    """Pass 2 for one report: a weekday alone takes the date of an explicit day-month
    of the same weekday and event; its latest anchored day re-reads its relative words."""
    from khabar.steps.extract.dates import _note_int, find_times

    k = u.key
    anchors: list[date] = []
    for i, t in enumerate(times[k]):
        wd = _note_int(t["note"], "weekday")
        if wd is not None and t["value"] and ("agrees" in t["note"] or "puts it" in t["note"]):
            anchors.append(date.fromisoformat(t["value"]))
        if wd is None or t["value"] is not None or "rel=" in t["note"]:
            continue
        best = None
        for k2, j, t2 in by_weekday.pool(wd, k):
            shared = len(words[k][i] & words[k2][j])
            same_kind = (kinds[k][i] & kinds[k2][j]) or not (kinds[k][i] or kinds[k2][j])
            if shared >= 3 and same_kind:
                if best is None or shared > best[0]:
                    best = (shared, k2, t2)
        if best:
            _, k2, t2 = best
            t["value"], t["granularity"], t["inferred"] = t2["value"], "day", True
            t["note"] = f"weekday matched to the same event in {k2} ({t2.get('text', t2['value'])})"
            anchors.append(date.fromisoformat(t2["value"]))
    if not anchors:
        return
    ref = max(anchors)
    a = u.article
    fresh = {(f.start, f.end): f for f in find_times(a.clean_text or a.raw_text, ref, a.sentences)}
    changed = False
    for t in times[k]:
        f = fresh.get((t["start"], t["end"]))
        if f is None or not f.value or "matched" in t["note"]:
            continue
        if t["value"] is None or (t["note"].startswith("year from") and "weekday=" not in t["note"]):
            t["value"], t["granularity"], t["inferred"] = f.value, f.granularity, True
            t["note"] = f"{f.note}; publication date inferred from story (>= {ref})"
            changed = True
    if changed:
        by_weekday.remove(k)
        by_weekday.add(k)
