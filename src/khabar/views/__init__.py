"""Page builders: one per page, each returning a typed page (views/pages.py) built from
the Store protocol and its typed rows. Renderers (khabar.render) turn any page into
text, Markdown, JSON or HTML; the CLI and the API are a builder plus a renderer."""

from khabar.views.articles import build_article, build_articles, build_search, mark_removed
from khabar.views.entities import build_entities, build_entity
from khabar.views.stories import build_stories, build_storyline
from khabar.views.story import (build_claims, build_report, build_story, build_summary, build_timeline,
                                load_story, load_storyline)

__all__ = ["build_article", "build_articles", "build_search", "mark_removed", "build_entities",
           "build_entity", "build_stories", "build_storyline", "build_claims", "build_report",
           "build_story", "build_summary", "build_timeline", "load_story", "load_storyline"]
