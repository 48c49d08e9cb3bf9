"""The story timeline: dated events with the sentences that support them, background
dates marked, and the story's reports placed by their publication dates."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

from khabar import lang
from khabar.analysis.events import by_sentence, event_clause, event_kind
from khabar.model import Article, Claim, Event, TimeExpr
from khabar.steps.extract.attribution import actor_of, speaker_key
from khabar.steps.extract.dates import find_event_times, infer_publication

# Dates this long before the story's first report are background, not the story itself.
BACKGROUND_DAYS = 30


def _actor(article: Article, t: TimeExpr, language) -> str:
    sent = article.sentence_at(t.sentence)
    if sent is None:
        return ""
    return actor_of(article.clean_text or article.raw_text, sent, t.start, t.end, language)


def _start(value: str) -> date:
    parts = value.split("-")
    return date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)


def build_timeline(articles: list[Article], times_by_article: dict[str, list[TimeExpr]],
                   claims: list[Claim] | None = None, language=None,
                   first_published: date | None = None) -> list[Event]:
    """Events ordered by date. Day-level mentions of one date form one event; a month-level
    mention of the same kind joins the single day-level event of that month if there is one.
    `claims` are accepted for callers that already have them; events are read from times.
    Events before `first_published` (default: the earliest publication date of `articles`)
    by more than BACKGROUND_DAYS are background."""
    language = language or lang.get("hi")
    HC = language.claimwords
    kinds_order = list(HC.EVENTS) + ["event"]
    by_key: dict[tuple, dict] = {}
    pubs: list[tuple[datetime, Article, str]] = []
    for a in articles:
        times = times_by_article.get(a.external_id, [])
        pub, how = infer_publication(a, times)
        if pub is not None:
            pubs.append((pub, a, how))
        sents = {s.index: s.text for s in a.sentences}
        # a date with no event word of its own must at least date something that happened
        # ("बुधवार को भूकंप आया"), not a plan or a reading ("बैठक शुक्रवार को होगी")
        happened = {id(t) for t in find_event_times(a.clean_text or a.raw_text, times, plans_out=True)}
        same = by_sentence(times)
        for t in times:
            if not t.value or "X" in t.value or t.granularity not in ("day", "month", "year"):
                continue
            if pub is not None and how in ("metadata", "stamp") and t.value == pub.date().isoformat() \
                    and t.text[:4].isdigit():
                continue  # the report's own stamp
            kind = event_kind(event_clause(a.clean_text or a.raw_text, t, a, same[t.sentence]),
                              language) or "event"
            if t.granularity != "day" and kind in ("event", "statement"):
                continue
            if kind == "event" and id(t) not in happened:
                continue
            actor = _actor(a, t, language)
            # one day, one action event; statements stay apart per speaker
            if t.granularity != "day":
                key = (t.value, kind)
            elif kind == "statement":
                key = (t.value, "statement", speaker_key(actor, HC))
            else:
                key = (t.value, "day")
            e = by_key.setdefault(key, {"value": t.value, "gran": t.granularity, "kinds": Counter(),
                                        "actors": Counter(), "support": [], "inferred": True})
            e["kinds"][kind] += 1
            if actor:
                e["actors"][actor] += 1
            e["support"].append((a.external_id, t.sentence, sents.get(t.sentence, t.text)))
            e["inferred"] = e["inferred"] and t.inferred
    # a dated mention with no event word joins the day's action, or its only statement
    for k in [k for k, e in by_key.items() if e["gran"] == "day" and set(e["kinds"]) == {"event"}]:
        same_day = [k2 for k2 in by_key if k2 != k and k2[0] == k[0]]
        if len(same_day) == 1:
            _fold(by_key.pop(k), by_key[same_day[0]], inferred=True)
    # fold month-level mentions into the one day-level action event of that month
    days = [k for k, e in by_key.items() if e["gran"] == "day" and k[1] == "day"]
    for k in [k for k, e in by_key.items() if e["gran"] == "month"]:
        kind = k[1]
        same = [d for d in days if d[0].startswith(k[0]) and
                (kind in by_key[d]["kinds"] or {"event", "summit", "signing"} & set(by_key[d]["kinds"]))]
        if len(same) == 1:
            # a month-level mention does not make the day-level event less certain
            _fold(by_key.pop(k), by_key[same[0]], inferred=False)
    first = first_published or min((p.date() for p, _, _ in pubs), default=None)
    events = []
    for e in by_key.values():
        kind = min(e["kinds"], key=kinds_order.index)
        label = HC.EVENT_LABELS[kind]
        if e["actors"]:
            names: dict[str, str] = {}  # one spelling per person, the fullest
            for a, _ in e["actors"].most_common():
                k = speaker_key(a, HC)
                if len(a) > len(names.get(k, "")):
                    names[k] = a
            label += ": " + ", ".join(list(names.values())[:2])
        bg = first is not None and _start(e["value"]) < first - timedelta(days=BACKGROUND_DAYS)
        events.append(Event(date=e["value"], granularity=e["gran"], label=label, background=bg,
                            inferred=e["inferred"], support=e["support"]))
    for pub, a, how in pubs:
        events.append(Event(date=pub.date().isoformat(), granularity="day",
                            label=f"{HC.REPORT_LABEL}: {a.source or a.external_id}"
                            + ("" if how in ("metadata", "stamp") else f" (≥, {how})"),
                            inferred=how not in ("metadata", "stamp"),
                            support=[(a.external_id, -1, a.title)]))
    events.sort(key=lambda e: (e.date, e.label.startswith(HC.REPORT_LABEL)))
    return events


def _fold(mention: dict, into: dict, inferred: bool) -> None:
    """Fold one event mention into the event it is part of; with `inferred`, the event is
    inferred only while every mention folded into it is."""
    into["kinds"].update(mention["kinds"])
    into["actors"].update(mention["actors"])
    into["support"] += mention["support"]
    if inferred:
        into["inferred"] = into["inferred"] and mention["inferred"]
