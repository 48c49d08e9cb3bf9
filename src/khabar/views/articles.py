"""Report pages: the listing, one report, and search."""

from __future__ import annotations

from khabar.model import Article
from khabar.views.pages import ArticlePage, ArticlesPage, SearchPage


def build_articles(store, limit: int = 50, offset: int = 0, source: str | None = None,
                   language: str | None = None, story: str | None = None) -> ArticlesPage:
    """Stored reports, newest first."""
    return ArticlesPage(store.list_articles(limit=limit, offset=offset, source=source,
                                                              language=language, story=story))


def build_article(store, ref: str | int) -> ArticlePage:
    """One report (store id or external id) with its sentences and removed noise."""
    article = store.load_article(ref)
    return ArticlePage(article, store.article_row(article.id))


def build_search(store, query: str, limit: int = 20) -> SearchPage:
    """Full-text search hits (every word must match); no query, no hits."""
    return SearchPage(query, store.search(query, limit=limit) if query else [])


def mark_removed(article: Article) -> str:
    """The raw text with every removed span shown as [-reason: text-]."""
    out, pos = [], 0
    for span in sorted(article.removed, key=lambda r: r.start):
        if span.start < pos:
            continue
        out.append(article.raw_text[pos:span.start])
        out.append(f"[-{span.reason}: {article.raw_text[span.start:span.end]}-]")
        pos = span.end
    out.append(article.raw_text[pos:])
    return "".join(out)
