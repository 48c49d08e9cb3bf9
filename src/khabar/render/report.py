"""The story report's sections as a plain dict (the shape below): built from the store
by views.build_report (a ReportPage), or for one run in memory by `build_report`.
Rendering (render/html.py, render/markdown.py) does no I/O.

Report dict shape (every key optional except "story"; lists may be empty)::

    {
      "story": {"id": str, "headline": str, "storyline_id": str | None,
                "first_seen": ISO str | None, "last_seen": ISO str | None,
                "sources": [outlet, ...], "languages": ["hi", ...], "size": int},
      "summary": [{"text": str, "external_id": str, "sentence": int, "source": str,
                   "citations": [external_id, ...],   # every report stating it
                   "date": ISO (partial) str | None, "conflicts": [note str, ...]}],
      "abstractive": {"model": str, "sentences": [{"text": str, "citations": [external_id]}],
                      "dropped": [{"text": str, "reason": str}]} | None,
      "timeline": [{"date": str, "granularity": str, "label": str, "background": bool,
                    "inferred": bool, "support": [[external_id, sentence, text], ...]}],
      "entities": [{"key": str, "type": "PER|LOC|ORG", "display": str, "latin": str,
                    "aliases": {alias: count}, "mentions": int}],
      "claims": [{"external_id": str, "sentence": int, "text": str, "kind": str, "subject": str,
                  "value": str, "hedge": str, "scope": str, "place_from": str, "speaker": str, "via": str,
                  "source": str}],
      "conflicts": [{"subject": str, "kind": str, "note": str, "claims": [claim dict, ...]}],
      "disagreements": [{"measure": str, "place": str, "difference": str, "value": str,
                         "outlet": str, "report": external_id, "speaker": str, "sentence": str}],
                  # one row per value of each conflict between two or more reports: the table
                  # a reader sees first
      "sources": [{"external_id": str, "source": str, "title": str, "url": str | None,
                   "published": ISO str | None, "language": str | None}],
      "coverage": [{"source": str, "external_ids": [str],
                    "only_here": [fact], "shared_by_all": [fact], "left_out": [fact]}]
                  # fact = {"text": str, "external_ids": [str], "support": {external_id: sentence}}
    }

Citations are external ids; renderers number them by their order in "sources".
"""

from __future__ import annotations

from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from typing import Any, Sequence

from khabar.model import Article, Claim, Conflict, Entity, Event, Story

FORMATS = ("html", "md", "json")


def _plain(obj: Any) -> Any:
    if is_dataclass(obj) and not isinstance(obj, type):
        return _plain(asdict(obj))
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_plain(v) for v in obj]
    if isinstance(obj, (datetime, date)):
        return obj.isoformat()
    return obj


def _entity(e: Entity | dict) -> dict:
    d = _plain(e)
    if isinstance(d.get("mentions"), list):
        d["mentions"] = len(d["mentions"])
    return d


def build_report(
    articles: Sequence[Article],
    summary: Any = None,
    story: Story | dict | None = None,
    events: Sequence[Event] | None = None,
    entities: Sequence[Entity] | None = None,
    claims: Sequence[Claim] | None = None,
    conflicts: Sequence[Conflict] | None = None,
    coverage: Sequence[Any] | None = None,
    abstractive: Any = None,
) -> dict:
    """Assemble the report dict from in-memory step outputs (the store path builds
    the same shape from its rows)."""
    dates = sorted(a.published for a in articles if a.published)
    if isinstance(story, Story):
        st = _plain(story)
        st.pop("article_ids", None)
    else:
        st = dict(story or {})
    st.setdefault("id", "")
    if summary is not None and not st.get("headline"):
        st["headline"] = summary.headline
    st.setdefault("headline", "")
    st.setdefault("storyline_id", None)
    st.setdefault("first_seen", dates[0].isoformat() if dates else None)
    st.setdefault("last_seen", dates[-1].isoformat() if dates else None)
    if not st.get("sources"):
        st["sources"] = sorted({a.source for a in articles if a.source})
    if not st.get("languages"):
        st["languages"] = sorted({a.language for a in articles if a.language})
    st["size"] = st.get("size") or len(articles)
    summ = []
    for s in (summary.sentences if summary is not None else []):
        d = _plain(s)
        summ.append({k: d[k] for k in ("text", "external_id", "sentence", "source", "citations",
                                       "date", "conflicts")})
    return {
        "story": _plain(st),
        "summary": summ,
        "abstractive": _plain(abstractive.to_dict() if hasattr(abstractive, "to_dict") else abstractive),
        "timeline": _plain(list(events or [])),
        "entities": [_entity(e) for e in entities or []],
        "claims": _plain(list(claims or [])),
        "conflicts": _plain(list(conflicts or [])),
        "disagreements": disagreement_rows(conflicts or []),
        "sources": [
            {"external_id": a.external_id, "source": a.source or "", "title": a.title or "",
             "url": a.url, "published": a.published.isoformat() if a.published else None,
             "language": a.language}
            for a in articles
        ],
        "coverage": _plain(list(coverage or [])),
    }


SENTENCE_SHOWN = 200  # characters of the stating sentence in a table cell


def disagreement_rows(conflicts: Sequence[Conflict]) -> list[dict]:
    """The disagreements table: every value of every conflict that two or more reports
    take part in (a report disagreeing with itself is not outlets disagreeing), with its
    outlet, report, speaker and sentence; conflicts in the order analysis ranked them."""
    rows = []
    for c in conflicts:
        if len({cl.external_id for cl in c.claims}) < 2:
            continue
        for cl in c.claims:
            hedge = f"{cl.hedge} " if cl.hedge and cl.hedge != "exact" else ""
            sentence = cl.text if len(cl.text) <= SENTENCE_SHOWN else cl.text[:SENTENCE_SHOWN - 1] + "…"
            # a place taken from the report's headline or lead is marked as such
            place = f"{cl.scope} (report's)" if cl.scope and cl.place_from == "report" else cl.scope
            rows.append({"measure": c.subject, "place": place, "difference": c.kind,
                         "value": hedge + cl.value, "outlet": cl.source or cl.via, "report": cl.external_id,
                         "speaker": cl.speaker, "sentence": sentence})
    return rows


def render_report(report: dict, fmt: str = "html") -> str:
    """Render a report dict (shape in the module docstring) as "html", "md" or "json"."""
    from khabar.render import render
    from khabar.views.pages import ReportPage

    if fmt not in FORMATS:
        raise ValueError(f"unknown report format '{fmt}': use one of {', '.join(FORMATS)}")
    return render(ReportPage.from_dict(report), fmt)
