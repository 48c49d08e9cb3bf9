"""The SQLite store's old interface, kept while its callers move to the new one.

Two groups, each going when its callers do:
- the write path the per-report pipeline uses (a raw connection inside `write()`);
- entity ranking and name lookup, which belong to entities/lookup.py.
Nothing here exists on PostgreSQL.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from typing import Any, Iterable, Iterator

from khabar.model import Article, Entity, Mention, Rejected
from khabar.records import index_key, raw_hash
from khabar.store.sql import _iso, now
from khabar.store.sqlite.search import index_text
from khabar.store.state_codec import encode_state


class LegacySqlite:
    # ---- legacy write path: goes when the pipeline hands over BatchResults ------

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back whole on any error."""
        with self._transaction() as con:
            yield con

    def has_input(self, external_id: str, raw_text: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE external_id=? AND raw_hash=?",
                                (external_id, raw_hash(raw_text))).fetchone() is not None

    def legacy_index_rows(self) -> list[tuple[int, str, bytes, str]]:
        """(id, index key, signature, content hash) of every stored report."""
        rows = self.con.execute(
            "SELECT a.id, a.external_id, a.raw_hash, s.signature, a.content_hash"
            " FROM articles a JOIN signatures s ON s.article_id = a.id ORDER BY a.id")
        return [(r[0], index_key(r[1], r[2]), r[3], r[4]) for r in rows]

    def add_article(self, con: sqlite3.Connection, article: Article, duplicate_of: int | None = None,
                    duplicate_kind: str | None = None, similarity: float | None = None,
                    signature: bytes | None = None) -> int:
        """Insert one cleaned article (inside a `write()` transaction); returns its id."""
        cur = con.execute(
            "INSERT INTO articles (external_id, input_name, raw_hash, content_hash, title, raw_text,"
            " clean_text, source, url, published, published_inferred, language, dateline, metadata,"
            " duplicate_of, duplicate_kind, duplicate_similarity, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article.external_id, article.input_name, raw_hash(article.raw_text), article.content_hash,
             article.title, article.raw_text, article.clean_text, article.source, article.url,
             _iso(article.published), int(article.published_inferred), article.language,
             article.dateline, json.dumps(article.metadata, ensure_ascii=False, default=str),
             duplicate_of, duplicate_kind, similarity, now()))
        aid = article.id = cur.lastrowid
        con.executemany('INSERT INTO removed_spans (article_id, start, "end", reason, text, detail)'
                        " VALUES (?,?,?,?,?,?)",
                        [(aid, r.start, r.end, r.reason, r.text, r.detail) for r in article.removed])
        con.executemany('INSERT INTO sentences (article_id, idx, start, "end", paragraph, text)'
                        " VALUES (?,?,?,?,?,?)",
                        [(aid, s.index, s.start, s.end, s.paragraph, s.text) for s in article.sentences])
        if signature is not None:
            con.execute("INSERT INTO signatures VALUES (?, ?)", (aid, signature))
        index_text(con, aid, article.title, article.clean_text)
        return aid

    def add_rejection(self, con: sqlite3.Connection, rejected: Rejected) -> None:
        self._insert_rejections(con, [rejected])

    def set_state(self, con: sqlite3.Connection, name: str, value: Any) -> None:
        con.execute("INSERT INTO state (name, value) VALUES (?, ?)"
                    " ON CONFLICT(name) DO UPDATE SET value=excluded.value", (name, encode_state(value)))

    def set_story(self, con: sqlite3.Connection, article_id: int, story_id: str) -> None:
        con.execute("UPDATE articles SET story_id=? WHERE id=?", (story_id, article_id))

    def add_story_event(self, con: sqlite3.Connection, story_id: str, kind: str, detail: dict) -> None:
        self._add_event(con, story_id, kind, detail)

    def refresh_stories(self, con: sqlite3.Connection, story_ids: Iterable[str], headlines: dict[str, str],
                        storylines: dict[str, str]) -> None:
        """Recompute the summary record of each story from its articles."""
        from khabar.records import StoryUpdate

        self._refresh_stories(con, [StoryUpdate(sid, headlines.get(sid, ""), storylines.get(sid))
                                    for sid in sorted(set(story_ids))])

    def set_storylines(self, con: sqlite3.Connection, storylines: dict[str, str]) -> None:
        con.executemany("UPDATE stories SET storyline_id=? WHERE id=?",
                        [(line, sid) for sid, line in storylines.items()])

    def mark_merged(self, con: sqlite3.Connection, old: str, new: str) -> None:
        con.execute("UPDATE articles SET story_id=? WHERE story_id=?", (new, old))
        con.execute("UPDATE stories SET merged_into=?, size=0 WHERE id=?", (new, old))

    def save_entities(self, con: sqlite3.Connection, entities: Iterable[Entity]) -> None:
        self._upsert_entities(con, entities)

    def save_mentions(self, con: sqlite3.Connection, article_id: int, mentions: Iterable[Mention]) -> None:
        con.execute("DELETE FROM mentions WHERE article_id=?", (article_id,))
        self._insert_mentions(con, article_id, mentions)
