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
    return _env().get_template("report.html.j2").render(
        story=story, summary=summary, abstractive=report.get("abstractive"),
        timeline=unique_support(report.get("timeline") or []), entities=report.get("entities") or [],
        claims=report.get("claims") or [], conflicts=conflicts,
        coverage=report.get("coverage") or [], sources=report.get("sources") or [],
        cite_no=nums, cite_name=names, lang=langs[0] if len(langs) == 1 else "hi", static=static,
    )


def stories_html(page, static: str | None = None) -> str:
    """The home page: the stories list with the search form."""
    return _env().get_template("stories.html.j2").render(title="khabar: stories", stories=page.stories, q="",
                                                          static=static)


def search_html(page, static: str | None = None) -> str:
    """The search page: the form and the hits, each linking to its story."""
    return _env().get_template("search.html.j2").render(title=f"khabar: {page.query}", hits=page.hits,
                                                         q=page.query, static=static)


def page_html(page: Any, static: str | None = None) -> str:
    """Any page that has an HTML form; `static` is the URL prefix of web/static when
    served (None inlines the stylesheet)."""
    from khabar.views.pages import ReportPage, SearchPage, StoriesPage, StoryPage

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
    raise ValueError(f"no HTML form for {type(page).__name__}")
