"""Report pages: the listing, one report, and search."""

from __future__ import annotations

from khabar.model import Article
from khabar.text.normalize import match_key, tokens
from khabar.views.pages import ArticlePage, ArticlesPage, SearchPage

MAX_QUERY_TERMS = 32  # distinct words a search keeps; the rest are dropped
MAX_QUERY_SCAN = 4000  # characters of a query read at all


def build_articles(store, limit: int = 50, offset: int = 0, source: str | None = None,
                   language: str | None = None, story: str | None = None) -> ArticlesPage:
    """Stored reports, newest first, and how many match in all."""
    return ArticlesPage(store.list_articles(limit=limit, offset=offset, source=source, language=language, story=story),
                        total=store.count_articles(source=source, language=language, story=story))


def build_article(store, ref: str | int) -> ArticlePage:
    """One report (store id or external id) with its sentences and removed noise."""
    article = store.load_article(ref)
    return ArticlePage(article, store.article_row(article.id))


def bound_query(query: str, max_terms: int = MAX_QUERY_TERMS) -> tuple[str, bool]:
    """`query` cut to its first `max_terms` distinct words (as the index folds them),
    reading no more than MAX_QUERY_SCAN characters, so a search costs a bounded number of
    index lookups whatever its length; and whether words beyond the bounds were dropped.
    Every word must match, so a repeated word adds nothing and is dropped too (FTS5 would
    look it up again). A query within the bounds, with no word repeated, comes back as is."""
    head = query[:MAX_QUERY_SCAN]
    kept, seen, truncated, repeated = [], set(), len(head) < len(query), False
    for word in tokens(head):
        key = match_key(word)
        if key in seen:
            repeated = True
            continue
        if len(seen) == max_terms:
            truncated = True
            break
        seen.add(key)
        kept.append(word)
    if not (truncated or repeated):
        return query, False
    return " ".join(kept), truncated


def other_script(store, query: str) -> str | None:
    """A query naming a known entity in Latin letters ("Putin") as that entity's shortest
    stored spelling in the reports' own script ("पुतिन"), so a reader who cannot type
    Devanagari still finds the reports; None when the query is not Latin or names no entity."""
    if not query or not any("a" <= ch.lower() <= "z" for ch in query) or not query.isascii():
        return None
    from khabar.errors import KhabarError
    from khabar.views.entities import find_stored_entity

    try:
        entity = find_stored_entity(store, query)
    except KhabarError:
        return None
    spellings = sorted((a for a in entity.aliases if not a.isascii()),
                       key=lambda a: (len(tokens(a)), -entity.aliases[a], a))
    return spellings[0] if spellings else None


def build_search(store, query: str, limit: int = 20, offset: int = 0, filters: dict | None = None) -> SearchPage:
    """Full-text search hits (every word must match) and how many there are in all; no
    query, no hits. `filters` may name a source, a language and since/until days. The
    query is bounded first (bound_query); the page shows the query that was run when
    words were cut off, else the query as asked. A Latin-script entity name also
    searches its Devanagari spelling (other_script), the two hit lists merged by score."""
    filters = {k: v for k, v in (filters or {}).items() if v}
    run, truncated = bound_query(query or "")
    if not run:
        return SearchPage(query or "", [], offset, limit, False, filters=filters)
    total = store.search_count(run, filters)
    alt = other_script(store, run)
    if not alt:
        hits = store.search(run, limit=limit + 1, offset=offset, filters=filters)
    else:
        # both lists from the top, so the merged order (and each page of it) is consistent
        both = {h.id: h for h in store.search(run, limit=offset + limit + 1, filters=filters)
                + store.search(alt, limit=offset + limit + 1, filters=filters)}
        hits = sorted(both.values(), key=lambda h: (h.score, h.id))[offset:offset + limit + 1]
        # every word must match, so a report with both spellings is a hit of the two together
        total += store.search_count(alt, filters) - store.search_count(f"{run} {alt}", filters)
    return SearchPage(run if truncated else query or "", hits[:limit], offset, limit, len(hits) > limit, alt,
                      total=total, filters=filters)


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
