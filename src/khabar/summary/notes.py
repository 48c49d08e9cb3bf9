"""What a summary says beside its sentences: their reading order (the date each one
tells of), who states a figure, the figures other reports give instead, and notes
on conflicting claims."""

from __future__ import annotations

from typing import Iterable, Sequence

import numpy as np
import regex

from khabar.model import Article, Conflict
from khabar.summary.units import NUM_RE, Reading, Unit, figures_cached, reading_of
from khabar.text.normalize import match_key

# --- reading order ----------------------------------------------------------


def story_year(articles: Sequence[Article], units: Sequence[Unit] = ()) -> int:
    """Most common year of publication, else the latest year the reports name."""
    years = [a.published.year for a in articles if a.published]
    if years:
        return max(set(years), key=years.count)
    named = [d[0] for u in units for d in u.dates if d[0]]
    return max(named) if named else 0


def sort_date(u: Unit, articles: Sequence[Article], year: int,
               event_dates: dict[tuple[str, int], str]) -> tuple[int, int, int] | None:
    if (u.external_id, u.index) in event_dates:
        parts = [int(p) for p in event_dates[(u.external_id, u.index)].split("-")]
        return tuple((parts + [0, 0])[:3])  # type: ignore[return-value]
    if u.dates:
        y, m, d = min(u.dates, key=lambda t: (t[0] or year, t[1], t[2]))
        # "जून" without a year in a November report is this year's June
        return (y or year, m, d)
    pub = articles[u.article].published
    if pub:
        return (pub.year, pub.month, pub.day)
    return None


def iso_date(t: tuple[int, int, int] | None) -> str | None:
    if not t:
        return None
    y, m, d = t
    if not y:
        return f"--{m:02d}-{d:02d}" if d else f"--{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}" if d else f"{y:04d}-{m:02d}"


# --- conflicts --------------------------------------------------------------


def _speaker(text: str, reading: Reading) -> str:
    """The few words before a speech cue ("X ने कहा", "X के अनुसार"), if any.

    Cues are tried in the order of the data file: the agent ("X ने") before the
    channel ("X की रिपोर्ट"), so "योनहाप की रिपोर्ट के अनुसार, मंत्रालय ने ..."
    names the ministry.
    """
    stop = reading.stop
    for cue in reading.speech_cues:
        m = regex.search(rf"((?:[\p{{L}}\p{{M}}\-.,]+\s+){{1,5}}){regex.escape(cue)}(?![\p{{L}}\p{{M}}])", text)
        if m:
            words = m.group(1).replace(",", " ,").split()
            if "," in words:  # keep "सियोल, वाशिंगटन और कीव" but not a clause before a comma
                cut = len(words) - 1 - words[::-1].index(",")
                if cut < len(words) - 1 and len(words) - cut > 2:
                    words = words[cut + 1:]
            words = [w for w in words if w != ","]
            while words and match_key(words[0]) in stop:
                words = words[1:]
            if words:
                return " ".join(words).replace(" ,", ",")
    return ""


def has_phone_number(text: str) -> bool:
    return any(len(m.replace(",", "")) >= 8 and "," not in m for m in NUM_RE.findall(match_key(text)))


def _plausible_figure(value: str) -> bool:
    # not a year, not a phone number or an id ("9997222478")
    x = float(value)
    return x >= 100 and not 1900 <= x <= 2100 and x < 1e9


def figure_variants(i: int, units: Sequence[Unit], sim: np.ndarray, reading: Reading | None = None) -> list[dict]:
    """Other figures given for the same counted thing in the story.

    Used when the claims step's conflicts are not supplied: a related sentence
    that gives a figure within a factor of two of this one's main figure, counting
    the same thing (a shared word right after the figure: "सैनिक").
    """
    reading = reading or reading_of()
    u = units[i]
    # the sentence's main figure is the first one it gives ("10,000, of whom 8,000 ...")
    main = [(float(v), w) for v, w in figures_cached(u.text, reading) if _plausible_figure(v)][:1]
    if not main:
        return []
    mine, what = main[0]
    by_value: dict[str, dict] = {}
    for j, v in enumerate(units):
        if j != i and sim[i, j] < 0.05:
            continue
        near = [(x, w) for x, w in figures_cached(v.text, reading)
                if _plausible_figure(x) and 0.5 <= float(x) / mine <= 2.0 and (w & what or j == i)]
        # a sentence giving a total and a part offers only the figure closest to ours
        near = sorted(near, key=lambda t: abs(float(t[0]) - mine))[:1]
        for n, _w in near:
            entry = by_value.setdefault(n, {"value": n, "external_ids": [], "speakers": []})
            if v.external_id not in entry["external_ids"]:
                entry["external_ids"].append(v.external_id)
            sp = _speaker(v.text, reading)
            if sp and sp not in entry["speakers"]:
                entry["speakers"].append(sp)
    if len(by_value) < 2:
        return []
    return sorted(by_value.values(), key=lambda e: float(e["value"]))


def _fmt_number(value: str) -> str:
    x = float(value)
    return f"{x:,.0f}" if x == int(x) else value


def variant_note(variants: list[dict], reading: Reading | None = None) -> str:
    parts = []
    for v in variants:
        who = ", ".join(v["speakers"]) + " " if v["speakers"] else ""
        parts.append(f"{_fmt_number(v['value'])}: {who}({', '.join(v['external_ids'])})")
    return f"{(reading or reading_of()).figures_differ} — " + "; ".join(parts)


def _norm_value(value: str) -> str:
    v = match_key(value).replace(",", "").rstrip("~+").strip()
    try:
        x = float(v)
    except ValueError:
        return v
    return str(int(x)) if x == int(x) else f"{x:g}"


def _claim_matches(u: Unit, value: str) -> bool:
    v = _norm_value(value)
    if v in u.numbers:
        return True
    m = regex.fullmatch(r"(\d{4})-(\d{2})(?:-(\d{2}))?", v)
    if m:  # a date claim: the sentence names that day (or month)
        month, day = int(m.group(2)), int(m.group(3) or 0)
        return any(d[1] == month and (not day or d[2] == day) for d in u.dates)
    return False


def _conflict_note(c: Conflict) -> str:
    """"subject: value — who (report), ...; value — ..." with figures grouped as
    readers write them (10,000), or places when the conflict is about scope."""
    by_scope = c.kind == "scope"
    grouped: dict[str, list[str]] = {}
    for cl in c.claims:
        if by_scope:
            key = f"{_fmt_number(_norm_value(cl.value)) if _norm_value(cl.value).isdigit() else cl.value}"
            key += f" @ {cl.scope}" if cl.scope else ""
        else:
            v = _norm_value(cl.value)
            key = _fmt_number(v) if v.replace(".", "", 1).isdigit() else cl.value
            if cl.hedge:
                key += f" ({cl.hedge})"
        who = cl.speaker or cl.via or cl.source or ""
        label = f"{who} ({cl.external_id})" if who else f"({cl.external_id})"
        if label not in grouped.setdefault(key, []):
            grouped[key].append(label)
    return f"{c.subject}: " + "; ".join(f"{k} — {', '.join(w)}" for k, w in grouped.items())


def conflict_notes(u: Unit, conflicts: Iterable[Conflict]) -> list[str]:
    """Notes of the conflicts this sentence takes part in: it is one of the
    conflict's claims, or it gives one of the conflicting values."""
    notes = []
    for c in conflicts:
        if not c.claims:
            continue
        in_claims = any(cl.external_id == u.external_id and cl.sentence == u.index for cl in c.claims)
        if in_claims or any(_claim_matches(u, cl.value) for cl in c.claims):
            note = _conflict_note(c)
            if note not in notes:
                notes.append(note)
    return notes


