"""The standalone story report: one story rendered as HTML, Markdown or JSON.

The report is a plain dict (the shape below), built by the caller from the store
or, for one run in memory, by `build_report`. Rendering does no I/O.

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
                  "value": str, "hedge": str, "scope": str, "speaker": str, "via": str,
                  "source": str}],
      "conflicts": [{"subject": str, "kind": str, "note": str, "claims": [claim dict, ...]}],
      "sources": [{"external_id": str, "source": str, "title": str, "url": str | None,
                   "published": ISO str | None, "language": str | None}],
      "coverage": [{"source": str, "external_ids": [str],
                    "only_here": [fact], "shared_by_all": [fact], "left_out": [fact]}]
                  # fact = {"text": str, "external_ids": [str], "support": {external_id: sentence}}
    }

Citations are external ids; renderers number them by their order in "sources".
"""

from __future__ import annotations

import json
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any, Sequence

from khabar.config import data_path
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
        "sources": [
            {"external_id": a.external_id, "source": a.source or "", "title": a.title or "",
             "url": a.url, "published": a.published.isoformat() if a.published else None,
             "language": a.language}
            for a in articles
        ],
        "coverage": _plain(list(coverage or [])),
    }


def _numbering(report: dict) -> dict[str, int]:
    return {s["external_id"]: i for i, s in enumerate(report.get("sources") or [], 1)}


def _cite_ids(text: str, nums: dict[str, int]) -> str:
    """Notes name reports by external id; the reader sees their source numbers."""
    for ext in sorted(nums, key=len, reverse=True):
        if ext and ext in text:
            text = text.replace(ext, f"[{nums[ext]}]")
    return text


def _unique_support(events: list[dict]) -> list[dict]:
    out = []
    for e in events:
        seen, sup = set(), []
        for item in e.get("support") or []:
            if item[0] not in seen:
                seen.add(item[0])
                sup.append(item)
        out.append(dict(e, support=sup))
    return out


def _safe_url(url: Any) -> str:
    # autoescape stops markup, not "javascript:" links
    u = str(url or "")
    return u if u.lower().startswith(("http://", "https://")) else "#"


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader(str(data_path("web", "templates"))),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = _safe_url
    return env


def _html(report: dict) -> str:
    nums = _numbering(report)
    names = {s["external_id"]: (s.get("source") or s["external_id"]) for s in report.get("sources") or []}
    story = dict(report.get("story") or {})
    story.setdefault("size", len(report.get("sources") or []))
    langs = story.get("languages") or ["hi"]
    summary = [dict(s, citations=sorted(s.get("citations") or [], key=lambda c: nums.get(c, 1 << 30)),
                    conflicts=[_cite_ids(n, nums) for n in s.get("conflicts") or []])
               for s in report.get("summary") or []]
    conflicts = [dict(c, note=_cite_ids(c.get("note") or "", nums)) for c in report.get("conflicts") or []]
    return _env().get_template("report.html.j2").render(
        story=story, summary=summary, abstractive=report.get("abstractive"),
        timeline=_unique_support(report.get("timeline") or []), entities=report.get("entities") or [],
        claims=report.get("claims") or [], conflicts=conflicts,
        coverage=report.get("coverage") or [], sources=report.get("sources") or [],
        cite_no=nums, cite_name=names, lang=langs[0] if len(langs) == 1 else "hi",
    )


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|{}!"})


def _md(text: Any) -> str:
    """Escape untrusted text for Markdown, including raw HTML."""
    return " ".join(str(text or "").split()).translate(_MD_SPECIAL)


def _markdown(report: dict) -> str:
    nums = _numbering(report)

    def cites(ids) -> str:
        return "".join(f"[{n}]" for n in sorted(nums.get(i, "?") for i in ids if i in nums)) or "[?]"

    st = report.get("story") or {}
    out = [f"# {_md(st.get('headline'))}", ""]
    meta = [st.get("id") or "", f"{st.get('size', len(report.get('sources') or []))} reports"]
    if st.get("first_seen"):
        meta.append(f"{st['first_seen']} – {st.get('last_seen') or ''}")
    if st.get("sources"):
        meta.append(", ".join(_md(s) for s in st["sources"]))
    out += [" · ".join(m for m in meta if m), ""]
    if report.get("summary"):
        out += ["## Summary", ""]
        for k, s in enumerate(report["summary"], 1):
            out.append(f"{k}. {_md(s['text'])} {cites(s.get('citations', []))}")
            out += [f"   > ⚠ {_md(_cite_ids(n, nums))}" for n in s.get("conflicts") or []]
        out.append("")
    ab = report.get("abstractive")
    if ab:
        out += ["## Abstractive summary", ""]
        out += [f"- {_md(s['text'])} {cites(s.get('citations', []))}" for s in ab.get("sentences", [])]
        out += [f"- ~~{_md(d['text'])}~~ (dropped: {_md(d['reason'])})" for d in ab.get("dropped", [])]
        out.append("")
    if report.get("timeline"):
        out += ["## Timeline", ""]
        for e in _unique_support(report["timeline"]):
            bg = " (background)" if e.get("background") else ""
            out.append(f"- **{_md(e.get('date'))}** {_md(e.get('label'))}{bg} "
                       f"{cites(sup[0] for sup in e.get('support') or [])}")
        out.append("")
    if report.get("conflicts"):
        out += ["## Conflicts", ""]
        for c in report["conflicts"]:
            out.append(f"- **{_md(c.get('subject'))}** {_md(_cite_ids(c.get('note') or '', nums))}")
            for cl in c.get("claims") or []:
                who = cl.get("speaker") or cl.get("via") or cl.get("source")
                out.append(f"  - {_md(cl.get('value'))} — {_md(who)} {cites([cl.get('external_id')])}")
        out.append("")
    if report.get("claims"):
        out += ["## Claims", "", "| who | what | value | |", "|---|---|---|---|"]
        for cl in report["claims"]:
            out.append(f"| {_md(cl.get('speaker') or cl.get('via') or '—')} | {_md(cl.get('subject'))} | "
                       f"{_md(cl.get('value'))} | {cites([cl.get('external_id')])} |")
        out.append("")
    if report.get("entities"):
        out += ["## Entities", ""]
        out += [f"- {_md(e.get('display'))} ({_md(e.get('type'))})" for e in report["entities"]]
        out.append("")
    if report.get("coverage"):
        out += ["## Who reported what", ""]
        for c in report["coverage"]:
            out.append(f"- **{_md(c.get('source'))}**: {len(c.get('only_here') or [])} facts only here, "
                       f"{len(c.get('shared_by_all') or [])} shared by all, "
                       f"{len(c.get('left_out') or [])} left out")
            out += [f"  - only here: {_md(f['text'])}" for f in c.get("only_here") or []]
            out += [f"  - left out: {_md(f['text'])}" for f in c.get("left_out") or []]
        out.append("")
    out += ["## Sources", ""]
    for k, s in enumerate(report.get("sources") or [], 1):
        title = _md(s.get("title") or s.get("external_id"))
        link = f"[{title}](<{_safe_url(s['url'])}>)" if s.get("url") else title
        extra = " · ".join(_md(x) for x in (s.get("source"), s.get("published"), s.get("external_id")) if x)
        out.append(f"{k}. {link} — {extra}")
    return "\n".join(out) + "\n"


def render_report(report: dict, fmt: str = "html") -> str:
    """Render a report dict (shape in the module docstring) as "html", "md" or "json"."""
    if fmt == "json":
        return json.dumps(_plain(report), ensure_ascii=False, indent=2)
    if fmt == "md":
        return _markdown(report)
    if fmt == "html":
        return _html(report)
    raise ValueError(f"unknown report format '{fmt}': use one of {', '.join(FORMATS)}")
