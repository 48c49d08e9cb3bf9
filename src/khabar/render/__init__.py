"""Renderers: any page (khabar.views.pages) as text, Markdown, JSON or HTML."""

from __future__ import annotations

import json
from typing import Any

FORMATS = ("text", "md", "json", "html")


def to_json(page: Any, indent: int | None = 2) -> str:
    """A page's stable JSON fields (docs/cli.md)."""
    return json.dumps(page.to_json(), ensure_ascii=False, indent=indent, default=str)


def render(page: Any, fmt: str = "text", **options) -> str:
    """`page` as "text", "md", "json" or "html"."""
    if fmt == "json":
        return to_json(page)
    if fmt == "text":
        from khabar.render.text import page_text

        return page_text(page, **options)
    if fmt == "md":
        from khabar.render.markdown import page_markdown

        return page_markdown(page)
    if fmt == "html":
        from khabar.render.html import page_html

        return page_html(page)
    raise ValueError(f"unknown format '{fmt}': use one of {', '.join(FORMATS)}")
