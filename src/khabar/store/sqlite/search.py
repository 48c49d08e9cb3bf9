"""Search on SQLite: FTS5 over the folded tokens, Devanagari marks as token characters
(migration 002), every query word required, bm25 order."""

from __future__ import annotations

import sqlite3

from khabar.store.rows import SearchHit
from khabar.store.sql import article_filter_sql
from khabar.store.searchtext import SNIPPET_TOKENS, fts_text, query_words


def index_text(con: sqlite3.Connection, article_id: int, title: str, body: str) -> None:
    con.execute("INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
                (article_id, fts_text(title), fts_text(body)))


def fts_query(words: list[list[str]]) -> str:
    """Every word required; a word the tokenizer splits is a phrase of its parts."""
    return " AND ".join('"' + " ".join(w).replace('"', '""') + '"' for w in words)


def search(con: sqlite3.Connection, query: str, limit: int = 20, offset: int = 0,
           filters: dict | None = None) -> list[SearchHit]:
    words = query_words(query)
    if not words:
        return []
    where, args = article_filter_sql(filters)
    rows = con.execute(
        "SELECT a.id, a.external_id, a.title, a.source, a.published, a.story_id,"
        f" snippet(articles_fts, 1, '[', ']', ' … ', {SNIPPET_TOKENS}) AS snippet, bm25(articles_fts) AS score"
        " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
        f" WHERE articles_fts MATCH ?{where} ORDER BY score, a.id LIMIT ? OFFSET ?",
        (fts_query(words), *args, limit, offset))
    return [SearchHit(r["id"], r["external_id"], r["title"], r["source"], r["published"], r["story_id"],
                      r["snippet"], r["score"]) for r in rows]


def search_count(con: sqlite3.Connection, query: str, filters: dict | None = None) -> int:
    words = query_words(query)
    if not words:
        return 0
    where, args = article_filter_sql(filters)
    return con.execute("SELECT COUNT(*) FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
                       f" WHERE articles_fts MATCH ?{where}", (fts_query(words), *args)).fetchone()[0]
