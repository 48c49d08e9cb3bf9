"""HTML: every page through a Jinja template in web/templates, autoescaped, so no text
from a report can become markup.

Pages carry no script and no inline event handler or style attribute. Their stylesheets
(web/static) are linked from `static` when a server serves them (`khabar serve`, whose
Content-Security-Policy allows no inline style), else inlined in one <style> element so
a report written to a file stands alone."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from khabar.config import data_path
from khabar.render import charts
from khabar.render.common import cite_ids, numbering, safe_url, unique_support


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(
        loader=FileSystemLoader([str(data_path("web", "templates")), str(data_path("web", "static"))]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def report_html(report: dict, static: str | None = None) -> str:
    """The story report page."""
    nums = numbering(report)
    names = {s["external_id"]: (s.get("source") or s["external_id"]) for s in report.get("sources") or []}
    story = dict(report.get("story") or {})
    story.setdefault("size", len(report.get("sources") or []))
    langs = story.get("languages") or ["hi"]
    summary = [dict(s, citations=sorted(s.get("citations") or [], key=lambda c: nums.get(c, 1 << 30)),
                    conflicts=[cite_ids(n, nums) for n in s.get("conflicts") or []])
               for s in report.get("summary") or []]
    conflicts = [dict(c, note=cite_ids(c.get("note") or "", nums)) for c in report.get("conflicts") or []]
    disagreements, columns = _table(report.get("disagreements"))
    sources = report.get("sources") or []
    return _env().get_template("report.html.j2").render(
        disagreements=disagreements, disagreement_columns=columns,
        timeline_bars=charts.by_period(e.get("date") for e in report.get("timeline") or []),
        outlet_bars=charts.by_label(s.get("source") or s.get("external_id") for s in sources),
        story=story, summary=summary, abstractive=report.get("abstractive"),
        timeline=unique_support(report.get("timeline") or []), entities=report.get("entities") or [],
        claims=report.get("claims") or [], conflicts=conflicts,
        coverage=report.get("coverage") or [], sources=report.get("sources") or [],
        cite_no=nums, cite_name=names, lang=langs[0] if len(langs) == 1 else "hi", static=static,
    )


def _table(rows: Any) -> tuple[list[dict], list[str]]:
    """Rows of plain values (a list of dicts) and their columns in first-seen order;
    nested values are shown as text, and anything that is not a list of dicts as nothing."""
    if not isinstance(rows, list):
        return [], []
    rows = [r for r in rows if isinstance(r, dict)]
    columns: list[str] = []
    for r in rows:
        columns += [k for k in r if k not in columns]

    def cell(v: Any) -> str:
        if isinstance(v, (list, tuple)):
            return ", ".join(cell(x) for x in v)
        if isinstance(v, dict):
            return "; ".join(f"{k}: {cell(x)}" for k, x in v.items())
        return "" if v is None else str(v)

    return [{k: cell(r.get(k)) for k in columns} for r in rows], columns


def _pages(base: str, args: dict, offset: int, limit: int, more: bool) -> dict:
    """Previous / next links keeping the page's filters."""
    from urllib.parse import urlencode

    kept = {k: v for k, v in args.items() if v not in (None, "")}

    def at(o: int) -> str:
        return base + "?" + urlencode({**kept, "offset": o, "limit": limit} if o else {**kept, "limit": limit})

    return {"page_prev": at(max(offset - limit, 0)) if offset > 0 else None,
            "page_next": at(offset + limit) if more else None}


def stories_html(page, static: str | None = None) -> str:
    """The home page: filters, the stories with their outlets, and paging links."""
    args = dict(page.filters, order=page.order)
    return _env().get_template("stories.html.j2").render(
        title="khabar: stories", stories=page.stories, q="", static=static, filters=page.filters,
        order=page.order, offset=page.offset, total=page.total,
        **_pages("/", args, page.offset, page.limit, page.more))


def highlight_parts(snippet: str) -> list[tuple[str, bool]]:
    """A search snippet, whose matched words the store marks [like this], as (text, is
    match) parts for the template to wrap in <mark> (so no markup comes from the text)."""
    parts, pos = [], 0
    while True:
        start = snippet.find("[", pos)
        end = snippet.find("]", start + 1) if start >= 0 else -1
        if start < 0 or end < 0:
            parts.append((snippet[pos:], False))
            return [p for p in parts if p[0]]
        parts += [(snippet[pos:start], False), (snippet[start + 1:end], True)]
        pos = end + 1


def search_html(page, static: str | None = None) -> str:
    """The search page: the form, the count and the hits with their matches marked."""
    hits = [dict(h.to_dict(), parts=highlight_parts(h.snippet or "")) for h in page.hits]
    return _env().get_template("search.html.j2").render(
        title=f"khabar: {page.query}" if page.query else "khabar: search", hits=hits, q=page.query,
        static=static, offset=page.offset, shown=page.offset + len(hits), more=page.more, also=page.also,
        total=page.total, filters=page.filters,
        **_pages("/search", {"q": page.query, **page.filters}, page.offset, page.limit, page.more))


def entity_html(page, static: str | None = None, headlines: dict | None = None) -> str:
    e = page.entity
    return _env().get_template("entity.html.j2").render(
        title=f"khabar: {e.display}", e=e, stories=page.stories, static=static, headlines=headlines or page.headlines,
        over_time=charts.by_period(s.first for s in page.stories))


def storyline_html(page, static: str | None = None) -> str:
    return _env().get_template("storyline.html.j2").render(
        title=f"khabar: storyline {page.id}", id=page.id, stories=page.stories, static=static,
        over_time=charts.by_period(a.published for s in page.stories for a in s.articles))


def article_html(page, static: str | None = None) -> str:
    a = page.to_json()
    return _env().get_template("article.html.j2").render(
        title=a["title"] or "khabar: report", a=a, lang=a.get("language") or "hi", static=static)


def error_html(status: int, heading: str, message: str, static: str | None = "/static") -> str:
    """A 404 / 422 / 500 page: what went wrong in words, never a traceback."""
    return _env().get_template("error.html.j2").render(title=f"{status} {heading}", status=status,
                                                        heading=heading, message=message, static=static)


def docs_html(routes: list[dict], static: str | None = "/static") -> str:
    """The API reference page, built from the app's own OpenAPI schema (works offline)."""
    return _env().get_template("docs.html.j2").render(title="khabar API", routes=routes, lang="en",
                                                       static=static)


def page_html(page: Any, static: str | None = None) -> str:
    """Any page that has an HTML form; `static` is the URL prefix of web/static when
    served (None inlines the stylesheet)."""
    from khabar.views.pages import (ArticlePage, EntityPage, ReportPage, SearchPage, StoriesPage,
                                    StorylinePage, StoryPage)

    if isinstance(page, StoryPage):
        if page.report is None:
            raise ValueError("a story page without its report has no HTML form")
        return report_html(page.report.to_json(), static)
    if isinstance(page, ReportPage):
        return report_html(page.to_json(), static)
    if isinstance(page, StoriesPage):
        return stories_html(page, static)
    if isinstance(page, SearchPage):
        return search_html(page, static)
    if isinstance(page, EntityPage):
        return entity_html(page, static)
    if isinstance(page, StorylinePage):
        return storyline_html(page, static)
    if isinstance(page, ArticlePage):
        return article_html(page, static)
    raise ValueError(f"no HTML form for {type(page).__name__}")
