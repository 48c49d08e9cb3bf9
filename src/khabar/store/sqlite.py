"""The Store: every read and write of khabar's data goes through this class.

SQLite in WAL mode: one writer (writes take an IMMEDIATE transaction, so a second
writer waits instead of interleaving), many readers. A batch is written in one
transaction: a failure leaves what was stored before untouched.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

from khabar.errors import NotFound, StoreError
from khabar.model import Article, Entity, Mention, Rejected, RemovedSpan, Sentence
from khabar.text.normalize import match_key, tokens
from khabar.store.migrate import migrate
from khabar.store.state_codec import decode_state, encode_state


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def raw_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def index_key(external_id: str, raw_digest: str) -> str:
    """The dedup/cluster key of a report: known before it gets a store id, and
    unique like the (external_id, raw_hash) pair the store enforces."""
    return f"{external_id}@{raw_digest[:12]}"


def fts_text(text: str) -> str:
    """What the search index sees: folded tokens, so nukta/ZWJ/digit variants match."""
    return " ".join(match_key(t) for t in tokens(text))


class Store:
    """SQLite-backed store. Use `open_store()` rather than constructing directly."""

    def __init__(self, path: str):
        self.path = path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"folder does not exist: {parent}", input_name=path)
        try:
            self.con = sqlite3.connect(path, timeout=30)
            self.con.row_factory = sqlite3.Row
            self.con.execute("PRAGMA journal_mode=WAL")
            self.con.execute("PRAGMA foreign_keys=ON")
            self.con.execute("PRAGMA synchronous=NORMAL")
            self.applied = migrate(self.con)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a khabar database or unreadable: {exc}", input_name=path) from exc

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; rolled back whole on any error."""
        self.con.execute("BEGIN IMMEDIATE")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    # ---- articles -------------------------------------------------------------

    def has_input(self, external_id: str, raw_text: str) -> bool:
        row = self.con.execute(
            "SELECT 1 FROM articles WHERE external_id=? AND raw_hash=?",
            (external_id, raw_hash(raw_text)),
        ).fetchone()
        return row is not None

    def add_article(
        self,
        con: sqlite3.Connection,
        article: Article,
        duplicate_of: int | None = None,
        duplicate_kind: str | None = None,
        similarity: float | None = None,
        signature: bytes | None = None,
    ) -> int:
        """Insert one cleaned article (inside a `write()` transaction); returns its id."""
        cur = con.execute(
            "INSERT INTO articles (external_id, input_name, raw_hash, content_hash, title, raw_text,"
            " clean_text, source, url, published, published_inferred, language, dateline, metadata,"
            " duplicate_of, duplicate_kind, duplicate_similarity, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                article.external_id, article.input_name, raw_hash(article.raw_text),
                article.content_hash, article.title, article.raw_text, article.clean_text,
                article.source, article.url,
                article.published.isoformat() if article.published else None,
                int(article.published_inferred), article.language, article.dateline,
                json.dumps(article.metadata, ensure_ascii=False, default=str),
                duplicate_of, duplicate_kind, similarity, now(),
            ),
        )
        article_id = cur.lastrowid
        article.id = article_id
        con.executemany(
            'INSERT INTO removed_spans (article_id, start, "end", reason, text, detail) VALUES (?,?,?,?,?,?)',
            [(article_id, r.start, r.end, r.reason, r.text, r.detail) for r in article.removed],
        )
        con.executemany(
            'INSERT INTO sentences (article_id, idx, start, "end", paragraph, text) VALUES (?,?,?,?,?,?)',
            [(article_id, s.index, s.start, s.end, s.paragraph, s.text) for s in article.sentences],
        )
        if signature is not None:
            con.execute("INSERT INTO signatures VALUES (?, ?)", (article_id, signature))
        con.execute(
            "INSERT INTO articles_fts (rowid, title, body) VALUES (?, ?, ?)",
            (article_id, fts_text(article.title), fts_text(article.clean_text)),
        )
        return article_id

    def add_rejection(self, con: sqlite3.Connection, rejected: Rejected) -> None:
        con.execute(
            "INSERT INTO rejections (input_name, line, code, message, at) VALUES (?,?,?,?,?)",
            (rejected.input_name, rejected.line, rejected.code, rejected.message, now()),
        )

    def index_rows(self) -> list[tuple[int, str, bytes, str]]:
        """(id, index key, MinHash signature, content hash) of every stored report, in
        the order they were stored: what the dedup index is rebuilt from."""
        rows = self.con.execute(
            "SELECT a.id, a.external_id, a.raw_hash, s.signature, a.content_hash"
            " FROM articles a JOIN signatures s ON s.article_id = a.id ORDER BY a.id")
        return [(r[0], index_key(r[1], r[2]), r[3], r[4]) for r in rows]

    def content_hashes(self) -> dict[str, int]:
        """content hash -> id of the earliest article with it."""
        return {
            row[0]: row[1]
            for row in self.con.execute(
                "SELECT content_hash, MIN(id) FROM articles GROUP BY content_hash"
            )
        }

    def article_row(self, ref: str | int) -> sqlite3.Row:
        """An article by store id or external id."""
        row = None
        if isinstance(ref, int) or str(ref).isdigit():
            row = self.con.execute("SELECT * FROM articles WHERE id=?", (int(ref),)).fetchone()
        if row is None:
            row = self.con.execute(
                "SELECT * FROM articles WHERE external_id=? ORDER BY id DESC LIMIT 1", (str(ref),)
            ).fetchone()
        if row is None:
            raise NotFound(f"no article with id or external id '{ref}'")
        return row

    def load_article(self, ref: str | int) -> Article:
        """A stored article as a model object, with its removed spans and sentences."""
        return self._to_article(self.article_row(ref))

    def load_articles(self, ids: Iterable[int]) -> list[Article]:
        ids = list(ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.con.execute(f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY id", ids)
        return [self._to_article(r) for r in rows.fetchall()]

    def _to_article(self, row: sqlite3.Row) -> Article:
        aid = row["id"]
        removed = [
            RemovedSpan(r["start"], r["end"], r["reason"], r["text"], r["detail"])
            for r in self.con.execute(
                'SELECT start, "end", reason, text, detail FROM removed_spans WHERE article_id=? ORDER BY start',
                (aid,),
            )
        ]
        sentences = [
            Sentence(r["idx"], r["start"], r["end"], r["text"], r["paragraph"])
            for r in self.con.execute(
                'SELECT idx, start, "end", text, paragraph FROM sentences WHERE article_id=? ORDER BY idx',
                (aid,),
            )
        ]
        published = datetime.fromisoformat(row["published"]) if row["published"] else None
        return Article(
            external_id=row["external_id"], raw_text=row["raw_text"], title=row["title"],
            source=row["source"], url=row["url"], published=published,
            published_inferred=bool(row["published_inferred"]), language=row["language"],
            input_name=row["input_name"], metadata=json.loads(row["metadata"]),
            clean_text=row["clean_text"], dateline=row["dateline"], removed=removed,
            sentences=sentences, content_hash=row["content_hash"], id=aid,
        )

    def list_articles(
        self, limit: int = 50, offset: int = 0, source: str | None = None,
        language: str | None = None, story: str | None = None,
    ) -> list[dict[str, Any]]:
        where, args = [], []
        for column, value in (("source", source), ("language", language), ("story_id", story)):
            if value:
                where.append(f"{column}=?")
                args.append(value)
        sql = (
            "SELECT id, external_id, title, source, url, published, published_inferred, language,"
            " story_id, duplicate_of, duplicate_kind, length(clean_text) AS chars FROM articles"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY COALESCE(published, '') DESC, id DESC LIMIT ? OFFSET ?"
        )
        return [dict(r) for r in self.con.execute(sql, (*args, limit, offset))]

    def count(self, table: str = "articles") -> int:
        if table not in {"articles", "stories", "entities", "mentions", "rejections"}:
            raise ValueError(table)
        return self.con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search; every query word must match (Devanagari-aware, nukta-folded)."""
        words = [match_key(t) for t in tokens(query)]
        if not words:
            return []
        fts_query = " AND ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = self.con.execute(
            "SELECT a.id, a.external_id, a.title, a.source, a.published, a.story_id,"
            " snippet(articles_fts, 1, '[', ']', ' … ', 12) AS snippet, bm25(articles_fts) AS score"
            " FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid"
            " WHERE articles_fts MATCH ? ORDER BY score LIMIT ?",
            (fts_query, limit),
        )
        return [dict(r) for r in rows]

    def rejections(self, limit: int = 100) -> list[dict[str, Any]]:
        return [dict(r) for r in self.con.execute(
            "SELECT input_name, line, code, message, at FROM rejections ORDER BY id DESC LIMIT ?", (limit,))]

    # ---- stories ----------------------------------------------------------------

    def get_state(self, name: str) -> Any:
        row = self.con.execute("SELECT value FROM state WHERE name=?", (name,)).fetchone()
        return decode_state(row[0]) if row else None

    def set_state(self, con: sqlite3.Connection, name: str, value: Any) -> None:
        con.execute(
            "INSERT INTO state (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value=excluded.value",
            (name, encode_state(value)),
        )

    def set_story(self, con: sqlite3.Connection, article_id: int, story_id: str) -> None:
        con.execute("UPDATE articles SET story_id=? WHERE id=?", (story_id, article_id))

    def add_story_event(self, con: sqlite3.Connection, story_id: str, kind: str, detail: dict) -> None:
        con.execute(
            "INSERT INTO story_events (story_id, kind, detail, at) VALUES (?,?,?,?)",
            (story_id, kind, json.dumps(detail, ensure_ascii=False), now()),
        )

    def refresh_stories(self, con: sqlite3.Connection, story_ids: Iterable[str], headlines: dict[str, str],
                        storylines: dict[str, str]) -> None:
        """Recompute the summary record of each story from its articles."""
        for sid in set(story_ids):
            row = con.execute(
                "SELECT COUNT(*), MIN(published), MAX(published) FROM articles WHERE story_id=?", (sid,)
            ).fetchone()
            con.execute(
                "INSERT INTO stories (id, headline, storyline_id, first_seen, last_seen, size, updated_at)"
                " VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET headline=excluded.headline,"
                " storyline_id=excluded.storyline_id, first_seen=excluded.first_seen,"
                " last_seen=excluded.last_seen, size=excluded.size, updated_at=excluded.updated_at",
                (sid, headlines.get(sid, ""), storylines.get(sid), row[1], row[2], row[0], now()),
            )

    def storyline_map(self) -> dict[str, str]:
        """story id -> storyline id, as last linked."""
        return {r[0]: r[1] for r in self.con.execute(
            "SELECT id, storyline_id FROM stories WHERE storyline_id IS NOT NULL")}

    def set_storylines(self, con: sqlite3.Connection, storylines: dict[str, str]) -> None:
        con.executemany("UPDATE stories SET storyline_id=? WHERE id=?",
                        [(line, sid) for sid, line in storylines.items()])

    def mark_merged(self, con: sqlite3.Connection, old: str, new: str) -> None:
        con.execute("UPDATE articles SET story_id=? WHERE story_id=?", (new, old))
        con.execute("UPDATE stories SET merged_into=?, size=0 WHERE id=?", (new, old))

    def list_stories(
        self, order: str = "newest", limit: int = 50, since: str | None = None, until: str | None = None,
        source: str | None = None, language: str | None = None, storyline: str | None = None,
    ) -> list[dict[str, Any]]:
        where, args = ["s.merged_into IS NULL", "s.size > 0"], []
        if since:
            where.append("COALESCE(s.last_seen, '9999') >= ?"); args.append(since)
        if until:
            where.append("COALESCE(s.first_seen, '0000') <= ?"); args.append(until + "T99")
        if storyline:
            where.append("s.storyline_id = ?"); args.append(storyline)
        for column, value in (("source", source), ("language", language)):
            if value:
                where.append(f"EXISTS (SELECT 1 FROM articles a WHERE a.story_id=s.id AND a.{column}=?)")
                args.append(value)
        orders = {"newest": "COALESCE(s.last_seen, '') DESC, s.id DESC",
                  "largest": "s.size DESC, COALESCE(s.last_seen, '') DESC, s.id"}
        rows = self.con.execute(
            "SELECT s.* FROM stories s WHERE " + " AND ".join(where)
            + f" ORDER BY {orders.get(order, orders['newest'])} LIMIT ?", (*args, limit)
        ).fetchall()
        return [self._story_dict(r) for r in rows]

    def story(self, story_id: str) -> dict[str, Any]:
        row = self.con.execute("SELECT * FROM stories WHERE id=?", (story_id,)).fetchone()
        if row is None:
            raise NotFound(f"no story with id '{story_id}' (see `khabar stories`)")
        if row["merged_into"]:
            return self.story(row["merged_into"])
        return self._story_dict(row)

    def _story_dict(self, row: sqlite3.Row) -> dict[str, Any]:
        arts = self.con.execute(
            "SELECT id, external_id, title, source, language, published, duplicate_of FROM articles"
            " WHERE story_id=? ORDER BY COALESCE(published, ''), id", (row["id"],)
        ).fetchall()
        return {
            "id": row["id"], "storyline_id": row["storyline_id"], "headline": row["headline"],
            "first_seen": row["first_seen"], "last_seen": row["last_seen"], "size": row["size"],
            "sources": sorted({a["source"] for a in arts if a["source"]}),
            "languages": sorted({a["language"] for a in arts if a["language"]}),
            "article_ids": [a["id"] for a in arts],
            "external_ids": [a["external_id"] for a in arts],
            "articles": [dict(a) for a in arts],
        }

    def story_history(self, story_id: str) -> list[dict[str, Any]]:
        return [dict(r) | {"detail": json.loads(r["detail"])} for r in self.con.execute(
            "SELECT story_id, kind, detail, at FROM story_events WHERE story_id=? ORDER BY id", (story_id,))]

    def story_articles(self, story_id: str) -> list[Article]:
        ids = [r[0] for r in self.con.execute("SELECT id FROM articles WHERE story_id=? ORDER BY id", (story_id,))]
        return self.load_articles(ids)

    # ---- entities ---------------------------------------------------------------

    def save_entities(self, con: sqlite3.Connection, entities: Iterable[Entity]) -> None:
        con.executemany(
            "INSERT INTO entities (key, type, display, latin, aliases, roles) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT(key) DO UPDATE SET display=excluded.display, latin=excluded.latin,"
            " aliases=excluded.aliases, roles=excluded.roles, type=excluded.type",
            [(e.key, e.type, e.display, e.latin, json.dumps(e.aliases, ensure_ascii=False),
              json.dumps(e.roles, ensure_ascii=False)) for e in entities],
        )

    def save_mentions(self, con: sqlite3.Connection, article_id: int, mentions: Iterable[Mention]) -> None:
        con.execute("DELETE FROM mentions WHERE article_id=?", (article_id,))
        con.executemany(
            'INSERT INTO mentions (article_id, sentence, start, "end", text, type, entity_key, role)'
            " VALUES (?,?,?,?,?,?,?,?)",
            [(article_id, m.sentence, m.start, m.end, m.text, m.type, m.entity_key, m.role) for m in mentions],
        )

    def load_entities(self) -> list[Entity]:
        return [
            Entity(key=r["key"], type=r["type"], display=r["display"], latin=r["latin"],
                   aliases=json.loads(r["aliases"]), roles=json.loads(r["roles"]))
            for r in self.con.execute("SELECT * FROM entities ORDER BY key")
        ]

    def mentions_of(self, article_ids: Iterable[int]) -> list[Mention]:
        ids = list(article_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        return [
            Mention(r["article_id"], r["sentence"], r["start"], r["end"], r["text"], r["type"],
                    r["entity_key"], r["role"])
            for r in self.con.execute(
                f'SELECT * FROM mentions WHERE article_id IN ({marks}) ORDER BY article_id, start', ids)
        ]

    def entity_rows(self, story: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Entities with mention counts, optionally within one story."""
        join_story = "JOIN articles a ON a.id = m.article_id AND a.story_id = ?" if story else ""
        args: tuple = (story, limit) if story else (limit,)
        rows = self.con.execute(
            "SELECT e.key, e.type, e.display, e.latin, e.aliases, e.roles, COUNT(*) AS mentions,"
            " COUNT(DISTINCT m.article_id) AS articles"
            f" FROM mentions m {join_story} JOIN entities e ON e.key = m.entity_key"
            " GROUP BY e.key ORDER BY articles DESC, mentions DESC, e.key LIMIT ?", args)
        out = [dict(r) | {"aliases": json.loads(r["aliases"]), "roles": json.loads(r["roles"])} for r in rows]
        if story:
            # who and where the story is about first: salience, not raw counts
            from khabar.entities.canon import salience

            ids = [r[0] for r in self.con.execute("SELECT id FROM articles WHERE story_id=?", (story,))]
            by_key: dict[str, Entity] = {}
            for m in self.mentions_of(ids):
                by_key.setdefault(m.entity_key, Entity(m.entity_key, m.type, "")).mentions.append(m)
            score = dict(salience(list(by_key.values()), ids))
            for row in out:
                row["salience"] = score.get(row["key"], 0.0)
            out.sort(key=lambda r: (-r["salience"], r["key"]))
        return out

    def find_entity(self, name: str) -> dict[str, Any]:
        """An entity by any spelling in either script: an exact alias first, then a
        name that sounds alike ("Putin" / "पुतिन"), the most mentioned winning."""
        from khabar.entities.canon import same_name

        key = match_key(name)
        entities = self.load_entities()
        names = {e.key: [n for n in (e.display, e.latin, e.key, *e.aliases) if n] for e in entities}
        found = [e for e in entities if any(match_key(n) == key for n in names[e.key])]
        if not found:
            found = [e for e in entities if any(same_name(name, n) for n in names[e.key])]
        if not found:
            raise NotFound(f"no entity named '{name}' (see `khabar entities`)")
        e = max(found, key=lambda x: (sum(x.aliases.values()), x.key))
        stories = self.con.execute(
            "SELECT a.story_id, MIN(a.published) AS first, MAX(a.published) AS last, COUNT(*) AS mentions"
            " FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_key=?"
            " GROUP BY a.story_id ORDER BY first", (e.key,)).fetchall()
        return {"key": e.key, "type": e.type, "display": e.display, "latin": e.latin,
                "aliases": e.aliases, "roles": e.roles, "stories": [dict(s) for s in stories]}


def open_store(db: str | None = None, settings=None) -> Store:
    """Open the store named by `db`, else settings.db / $KHABAR_DB, else ./khabar.db."""
    import os

    target = db or (settings.db if settings else None) or os.environ.get("KHABAR_DB") or "khabar.db"
    if target.startswith(("postgresql://", "postgres://")):
        raise StoreError(
            "PostgreSQL is not supported by this version; use a SQLite file path", input_name=target)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///"):]
    return Store(target)
