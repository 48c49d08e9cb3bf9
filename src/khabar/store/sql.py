"""What both SQL backends share: the read side and `apply`, written once.

The SQL here is the subset SQLite and PostgreSQL read alike (`?` placeholders,
which the PostgreSQL backend rewrites; ON CONFLICT upserts; RETURNING). Each
backend supplies its connections, transactions, a clause for "id in this list"
that costs one statement whatever the list's length, its search index and its
search. Rows are read by column name only, so either driver's row type works.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime, timezone
from typing import Any, Iterable, Iterator, Sequence

from khabar.errors import BadSetting, NotFound, StoreError
from khabar.model import Article, Entity, Mention, Rejected, RemovedSpan, Sentence
from khabar.records import BatchResult, PreparedReport, StoryMerged, StorySplit, index_key, raw_hash
from khabar.store.base import STORY_ORDERS
from khabar.store.rows import (AppliedBatch, ArticleRow, EntityRow, EntityStoryRow, RejectionRow,
                               StoryEventRow, StoryRow)
from khabar.store.state_codec import Encoded, decode_state, encode_state

COUNTED_TABLES = ("articles", "stories", "entities", "mentions", "rejections")
# article columns a caller may stream (iter_articles): everything but internals
ARTICLE_FIELDS = ("id", "external_id", "input_name", "raw_hash", "content_hash", "title", "raw_text",
                  "clean_text", "source", "url", "published", "published_inferred", "language",
                  "dateline", "metadata", "duplicate_of", "duplicate_kind", "duplicate_similarity",
                  "story_id", "ingested_at")
ROW_COLUMNS = ("a.id, a.external_id, a.title, a.source, a.url, a.published, a.published_inferred,"
               " a.language, a.story_id, a.duplicate_of, a.duplicate_kind,"
               " length(a.clean_text) AS chars, a.input_name")
STORY_ORDER_SQL = {"newest": "COALESCE(s.last_seen, '') DESC, s.id DESC",
                   "largest": "s.size DESC, COALESCE(s.last_seen, '') DESC, s.id"}


SEARCH_FILTERS = ("source", "language", "since", "until")


def article_filter_sql(filters: dict | None) -> tuple[str, list]:
    """` AND ...` clauses over the articles row `a` for search filters (an outlet, a
    language, published on or after `since`, on or before `until`: ISO days), and their
    arguments. A dated filter leaves undated reports out."""
    clauses, args = [], []
    for name, value in (filters or {}).items():
        if name not in SEARCH_FILTERS:
            raise ValueError(f"unknown search filter {name!r}")
        if not value:
            continue
        if name in ("source", "language"):
            clauses.append(f"a.{name} = ?")
        elif name == "since":
            clauses.append("a.published >= ?")
        else:
            clauses.append("a.published <= ?")
            value = value + "T99"  # the whole day
        args.append(value)
    return "".join(" AND " + c for c in clauses), args


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _iso(when: datetime | None) -> str | None:
    return when.isoformat() if when else None


def split_key(key: str) -> tuple[str, str]:
    """(external id, raw-hash prefix) of an index key; external ids may hold '@'."""
    external_id, _, prefix = key.rpartition("@")
    return external_id, prefix


def article_row(r) -> ArticleRow:
    return ArticleRow(
        id=r["id"], external_id=r["external_id"], title=r["title"], source=r["source"], url=r["url"],
        published=r["published"], published_inferred=bool(r["published_inferred"]),
        language=r["language"], story_id=r["story_id"], duplicate_of=r["duplicate_of"],
        duplicate_kind=r["duplicate_kind"], chars=r["chars"] or 0, input_name=r["input_name"] or "")


def event_detail(event) -> dict[str, Any]:
    detail = asdict(event)
    detail.pop("kind", None)
    detail.pop("story_id", None)
    return detail


class SqlStore:
    """The shared half of a backend; subclasses fill in the hooks below."""

    url: str

    # ---- hooks ----------------------------------------------------------------

    def _con(self):
        """This thread's connection."""
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        """`sql` in the driver's placeholder style."""
        return sql

    def _in(self, column: str, values: Sequence) -> tuple[str, list]:
        """A clause `column IN values` with its arguments: one placeholder, any length."""
        raise NotImplementedError

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        raise NotImplementedError

    def _index_text(self, con, article_id: int, title: str, body: str) -> None:
        """Add one report to the search index."""
        raise NotImplementedError

    # ---- small helpers --------------------------------------------------------

    def _q(self, sql: str, args: Sequence = (), con=None):
        return (con or self._con()).execute(self._sql(sql), tuple(args))

    def _many(self, con, sql: str, rows: list[tuple]) -> None:
        if rows:
            con.cursor().executemany(self._sql(sql), rows)

    # ---- writes -----------------------------------------------------------------

    def apply(self, result: BatchResult) -> AppliedBatch:
        """Write one batch in one transaction: all of it or nothing (see records.py)."""
        ids: dict[str, int] = {}
        if not result:
            return AppliedBatch(ids)
        try:
            with self._transaction() as con:
                for report in result.reports:
                    ids[report.key] = self._insert_report(con, report, ids)
                self._upsert_entities(con, result.entities)
                for report in result.reports:
                    self._insert_mentions(con, ids[report.key], report.mentions)
                self._record_events(con, result.events, ids)
                self._set_dates(con, result.dates, ids)
                self._refresh_stories(con, result.stories)
                self._many(con, "UPDATE stories SET storyline_id=? WHERE id=?",
                           [(line, sid) for sid, line in result.storylines.items()])
                self._many(con, "INSERT INTO state (name, value) VALUES (?, ?)"
                           " ON CONFLICT(name) DO UPDATE SET value=excluded.value",
                           [(name, encode_state(value)) for name, value in result.state.items()])
                self._many(con, "DELETE FROM state WHERE name=?", [(n,) for n in result.state_deleted])
                self._insert_rejections(con, result.rejected)
                self._q("UPDATE revision SET n = n + 1 WHERE id = 1", (), con)
        except StoreError:
            raise
        except Exception as exc:
            if self._is_db_error(exc):
                raise StoreError(f"batch not stored (nothing of it was written): {exc}",
                                 input_name=self.url) from exc
            raise
        return AppliedBatch(ids)

    def _is_db_error(self, exc: Exception) -> bool:
        return False

    def _insert_report(self, con, report: PreparedReport, ids: dict[str, int]) -> int:
        a = report.article
        link = report.duplicate
        original = self._resolve_keys(con, [link.original], ids)[link.original] if link else None
        row = self._q(
            "INSERT INTO articles (external_id, input_name, raw_hash, content_hash, title, raw_text,"
            " clean_text, source, url, published, published_inferred, language, dateline, metadata,"
            " duplicate_of, duplicate_kind, duplicate_similarity, story_id, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            (a.external_id, a.input_name, raw_hash(a.raw_text), a.content_hash, a.title, a.raw_text,
             a.clean_text, a.source, a.url, _iso(a.published), int(a.published_inferred), a.language,
             a.dateline, json.dumps(a.metadata, ensure_ascii=False, default=str), original,
             link.kind if link else None, link.similarity if link else None, report.story_id, now()),
            con).fetchone()
        aid = row["id"]
        a.id = aid
        self._many(con, 'INSERT INTO removed_spans (article_id, start, "end", reason, text, detail)'
                   " VALUES (?,?,?,?,?,?)",
                   [(aid, r.start, r.end, r.reason, r.text, r.detail) for r in a.removed])
        self._many(con, 'INSERT INTO sentences (article_id, idx, start, "end", paragraph, text)'
                   " VALUES (?,?,?,?,?,?)",
                   [(aid, s.index, s.start, s.end, s.paragraph, s.text) for s in a.sentences])
        self._q("INSERT INTO signatures (article_id, signature) VALUES (?, ?)", (aid, report.signature), con)
        self._q("INSERT INTO facts (article_id, facts) VALUES (?, ?)",
                (aid, json.dumps(report.facts, ensure_ascii=False, default=str)), con)
        self._index_text(con, aid, a.title, a.clean_text)
        return aid

    def _resolve_keys(self, con, keys: Iterable[str], ids: dict[str, int]) -> dict[str, int]:
        """Store ids of reports named by index key: new in this batch or stored earlier."""
        keys = set(keys)
        out = {k: ids[k] for k in keys if k in ids}
        wanted = {split_key(k): k for k in keys - out.keys()}
        if wanted:
            clause, args = self._in("external_id", sorted({e for e, _ in wanted}))
            for r in self._q(f"SELECT id, external_id, raw_hash FROM articles WHERE {clause}", args, con):
                key = wanted.get((r["external_id"], r["raw_hash"][:12]))
                if key:
                    out[key] = r["id"]
        missing = keys - out.keys()
        if missing:
            raise StoreError(f"batch names reports that are not stored: {sorted(missing)[:5]}",
                             input_name=self.url)
        return out

    def _upsert_entities(self, con, entities: Iterable[Entity]) -> None:
        self._many(
            con, "INSERT INTO entities (key, type, display, latin, aliases, roles) VALUES (?,?,?,?,?,?)"
            " ON CONFLICT(key) DO UPDATE SET display=excluded.display, latin=excluded.latin,"
            " aliases=excluded.aliases, roles=excluded.roles, type=excluded.type",
            [(e.key, e.type, e.display, e.latin, json.dumps(e.aliases, ensure_ascii=False),
              json.dumps(e.roles, ensure_ascii=False)) for e in entities])

    def _insert_mentions(self, con, article_id: int, mentions: Iterable[Mention]) -> None:
        self._many(con, 'INSERT INTO mentions (article_id, sentence, start, "end", text, type, entity_key, role)'
                   " VALUES (?,?,?,?,?,?,?,?)",
                   [(article_id, m.sentence, m.start, m.end, m.text, m.type, m.entity_key, m.role)
                    for m in mentions])

    def _add_event(self, con, story_id: str, kind: str, detail: dict) -> None:
        self._q("INSERT INTO story_events (story_id, kind, detail, at) VALUES (?,?,?,?)",
                (story_id, kind, json.dumps(detail, ensure_ascii=False, default=str), now()), con)

    def _record_events(self, con, events, ids: dict[str, int]) -> None:
        for event in events:
            self._add_event(con, event.story_id, event.kind, event_detail(event))
            if isinstance(event, StoryMerged):
                self._q("UPDATE articles SET story_id=? WHERE story_id=?",
                        (event.merged_into, event.story_id), con)
                # the gone story keeps a row, so its id still leads to the one it joined
                self._q("INSERT INTO stories (id, headline, size, merged_into, updated_at)"
                        " VALUES (?, '', 0, ?, ?) ON CONFLICT(id) DO UPDATE"
                        " SET merged_into=excluded.merged_into, size=0, updated_at=excluded.updated_at",
                        (event.story_id, event.merged_into, now()), con)
            elif isinstance(event, StorySplit):
                moved = self._resolve_keys(con, event.moved, ids)
                self._many(con, "UPDATE articles SET story_id=? WHERE id=?",
                           [(event.new_story_id, aid) for aid in moved.values()])
                self._add_event(con, event.new_story_id, "split_from",
                                {"story_id": event.story_id, **event_detail(event)})

    def _set_dates(self, con, dates, ids: dict[str, int]) -> None:
        if not dates:
            return
        by_key = self._resolve_keys(con, [d.key for d in dates], ids)
        clause, args = self._in("id", sorted(set(by_key.values())))
        metadata = {r["id"]: r["metadata"] for r in self._q(f"SELECT id, metadata FROM articles WHERE {clause}",
                                                            args, con)}
        rows = []
        for d in dates:
            aid = by_key[d.key]
            meta = json.loads(metadata[aid] or "{}")
            meta["published_how"] = d.how
            rows.append((d.published.replace(tzinfo=None).isoformat(), json.dumps(meta, ensure_ascii=False),
                         aid))
        self._many(con, "UPDATE articles SET published=?, published_inferred=1, metadata=? WHERE id=?", rows)

    def _refresh_stories(self, con, updates) -> None:
        """Rewrite each updated story's row: size and dates from its articles."""
        if not updates:
            return
        clause, args = self._in("story_id", sorted({u.story_id for u in updates}))
        stats = {r["story_id"]: r for r in self._q(
            "SELECT story_id, COUNT(*) AS n, MIN(published) AS first, MAX(published) AS last"
            f" FROM articles WHERE {clause} GROUP BY story_id", args, con)}
        at = now()
        rows = []
        for u in updates:
            s = stats.get(u.story_id)
            rows.append((u.story_id, u.headline, u.storyline_id, s["first"] if s else None,
                         s["last"] if s else None, s["n"] if s else 0, at))
        self._many(con, "INSERT INTO stories (id, headline, storyline_id, first_seen, last_seen, size, updated_at)"
                   " VALUES (?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET headline=excluded.headline,"
                   " storyline_id=excluded.storyline_id, first_seen=excluded.first_seen,"
                   " last_seen=excluded.last_seen, size=excluded.size, updated_at=excluded.updated_at", rows)

    def _insert_rejections(self, con, rejected: Iterable[Rejected]) -> None:
        at = now()
        self._many(con, "INSERT INTO rejections (input_name, line, code, message, at) VALUES (?,?,?,?,?)",
                   [(r.input_name, r.line, r.code, r.message, at) for r in rejected])

    def migration_versions(self) -> list[int]:
        """Versions of the applied schema migrations, in order."""
        return [r["version"] for r in self._q("SELECT version FROM schema_migrations ORDER BY version")]

    # ---- what the pipeline starts from ------------------------------------------

    def index_rows(self) -> list[tuple[str, bytes, str]]:
        """(index key, MinHash signature, content hash) of every stored report, in
        the order they were stored."""
        rows = self._q("SELECT a.external_id, a.raw_hash, s.signature, a.content_hash"
                       " FROM articles a JOIN signatures s ON s.article_id = a.id ORDER BY a.id")
        return [(index_key(r["external_id"], r["raw_hash"]), bytes(r["signature"]), r["content_hash"])
                for r in rows]

    def load_entities(self) -> list[Entity]:
        return [Entity(key=r["key"], type=r["type"], display=r["display"], latin=r["latin"],
                       aliases=json.loads(r["aliases"]), roles=json.loads(r["roles"]))
                for r in self._q("SELECT * FROM entities ORDER BY key")]

    def get_state(self, name: str) -> Any:
        row = self._q("SELECT value FROM state WHERE name=?", (name,)).fetchone()
        return decode_state(self._state_bytes(row["value"])) if row else None

    def state_items(self, prefix: str, undecoded: str | None = None) -> dict[str, Any]:
        """Every state value whose name starts with `prefix`; those whose name starts
        with `undecoded` as `state_codec.Encoded`, to be decoded when first needed."""
        rows = self._q("SELECT name, value FROM state WHERE substr(name, 1, ?) = ? ORDER BY name",
                       (len(prefix), prefix))
        out: dict[str, Any] = {}
        for r in rows:
            name, raw = r["name"], self._state_bytes(r["value"])
            out[name] = Encoded(raw) if undecoded and name.startswith(undecoded) else decode_state(raw)
        return out

    def _state_bytes(self, value) -> bytes | str:
        return bytes(value) if isinstance(value, memoryview) else value

    # ---- reports ----------------------------------------------------------------

    def _article_record(self, ref: str | int):
        row = None
        if isinstance(ref, int) or str(ref).isdigit():
            row = self._q("SELECT * FROM articles WHERE id=?", (int(ref),)).fetchone()
        if row is None:
            row = self._q("SELECT * FROM articles WHERE external_id=? ORDER BY id DESC LIMIT 1",
                          (str(ref),)).fetchone()
        if row is None:
            raise NotFound(f"no article with id or external id '{ref}'")
        return row

    def article_row(self, ref: str | int) -> ArticleRow:
        """By store id or external id (NotFound if neither)."""
        aid = self._article_record(ref)["id"]
        return article_row(self._q(f"SELECT {ROW_COLUMNS} FROM articles a WHERE a.id=?", (aid,)).fetchone())

    def load_article(self, ref: str | int) -> Article:
        """A stored article as a model object, with its removed spans and sentences."""
        return self._to_articles([self._article_record(ref)])[0]

    def load_articles(self, ids: Iterable[int]) -> list[Article]:
        """With sentences and removed spans, in id order, in three queries."""
        ids = sorted(set(ids))
        if not ids:
            return []
        clause, args = self._in("id", ids)
        return self._to_articles(self._q(f"SELECT * FROM articles WHERE {clause} ORDER BY id", args).fetchall())

    def _to_articles(self, rows) -> list[Article]:
        if not rows:
            return []
        clause, args = self._in("article_id", [r["id"] for r in rows])
        removed: dict[int, list[RemovedSpan]] = {}
        for r in self._q('SELECT article_id, start, "end", reason, text, detail FROM removed_spans'
                         f" WHERE {clause} ORDER BY article_id, start", args):
            removed.setdefault(r["article_id"], []).append(
                RemovedSpan(r["start"], r["end"], r["reason"], r["text"], r["detail"]))
        sentences: dict[int, list[Sentence]] = {}
        for r in self._q('SELECT article_id, idx, start, "end", text, paragraph FROM sentences'
                         f" WHERE {clause} ORDER BY article_id, idx", args):
            sentences.setdefault(r["article_id"], []).append(
                Sentence(r["idx"], r["start"], r["end"], r["text"], r["paragraph"]))
        return [Article(
            external_id=r["external_id"], raw_text=r["raw_text"], title=r["title"], source=r["source"],
            url=r["url"], published=datetime.fromisoformat(r["published"]) if r["published"] else None,
            published_inferred=bool(r["published_inferred"]), language=r["language"],
            input_name=r["input_name"], metadata=json.loads(r["metadata"]), clean_text=r["clean_text"],
            dateline=r["dateline"], removed=removed.get(r["id"], []), sentences=sentences.get(r["id"], []),
            content_hash=r["content_hash"], id=r["id"]) for r in rows]

    def article_facts(self, ids: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The per-report step results stored with each report (PreparedReport.facts)."""
        ids = sorted(set(ids))
        if not ids:
            return {}
        clause, args = self._in("article_id", ids)
        return {r["article_id"]: json.loads(r["facts"])
                for r in self._q(f"SELECT article_id, facts FROM facts WHERE {clause}", args)}

    def list_articles(self, limit: int = 50, offset: int = 0, source: str | None = None,
                      language: str | None = None, story: str | None = None) -> list[ArticleRow]:
        where, args = self._article_where(source, language, story)
        sql = (f"SELECT {ROW_COLUMNS} FROM articles a{where}"
               " ORDER BY COALESCE(a.published, '') DESC, a.id DESC LIMIT ? OFFSET ?")
        return [article_row(r) for r in self._q(sql, (*args, limit, offset))]

    def count_articles(self, source: str | None = None, language: str | None = None,
                       story: str | None = None) -> int:
        """How many reports list_articles lists with these filters, in all."""
        where, args = self._article_where(source, language, story)
        return int(self._q(f"SELECT COUNT(*) AS n FROM articles a{where}", args).fetchone()["n"])

    @staticmethod
    def _article_where(source, language, story) -> tuple[str, list]:
        where, args = [], []
        for column, value in (("source", source), ("language", language), ("story_id", story)):
            if value:
                where.append(f"a.{column}=?")
                args.append(value)
        return (" WHERE " + " AND ".join(where) if where else ""), args

    def iter_articles(self, fields: list[str]) -> Iterator[dict[str, Any]]:
        """Every report's `fields` (article columns), in id order: for export."""
        unknown = [f for f in fields if f not in ARTICLE_FIELDS]
        if unknown or not fields:
            raise BadSetting(f"unknown article fields {unknown} (known: {', '.join(ARTICLE_FIELDS)})")
        for r in self._q(f"SELECT {', '.join(fields)} FROM articles ORDER BY id"):
            yield {f: r[f] for f in fields}

    def revision(self) -> int:
        """How many batches have been stored: it changes whenever anything stored does."""
        row = self._q("SELECT n FROM revision WHERE id = 1").fetchone()
        return int(row["n"]) if row else 0

    def count(self, table: str = "articles") -> int:
        if table not in COUNTED_TABLES:
            raise ValueError(table)
        return self._q(f"SELECT COUNT(*) AS n FROM {table}").fetchone()["n"]

    def rejections(self, limit: int = 100) -> list[RejectionRow]:
        return [RejectionRow(r["input_name"], r["line"], r["code"], r["message"], r["at"]) for r in self._q(
            "SELECT input_name, line, code, message, at FROM rejections ORDER BY id DESC LIMIT ?", (limit,))]

    # ---- stories ----------------------------------------------------------------

    def list_stories(self, order: str = "newest", limit: int = 50, offset: int = 0,
                     since: str | None = None, until: str | None = None, source: str | None = None,
                     language: str | None = None, storyline: str | None = None) -> list[StoryRow]:
        """Live stories with their articles, in two queries."""
        if order not in STORY_ORDERS:
            raise BadSetting(f"unknown story order {order!r} (expected one of {STORY_ORDERS})")
        where, args = self._story_where(since, until, source, language, storyline)
        rows = self._q("SELECT s.* FROM stories s WHERE " + where
                       + f" ORDER BY {STORY_ORDER_SQL[order]} LIMIT ? OFFSET ?", (*args, limit, offset)).fetchall()
        return self._with_articles(rows)

    def count_stories(self, since: str | None = None, until: str | None = None, source: str | None = None,
                      language: str | None = None, storyline: str | None = None) -> int:
        """How many live stories `list_stories` would list with these filters, in all."""
        where, args = self._story_where(since, until, source, language, storyline)
        return int(self._q("SELECT COUNT(*) AS n FROM stories s WHERE " + where, args).fetchone()["n"])

    def _story_where(self, since, until, source, language, storyline) -> tuple[str, list]:
        where, args = ["s.merged_into IS NULL", "s.size > 0"], []
        if since:
            where.append("COALESCE(s.last_seen, '9999') >= ?")
            args.append(since)
        if until:
            where.append("COALESCE(s.first_seen, '0000') <= ?")
            args.append(until + "T99")
        if storyline:
            where.append("s.storyline_id = ?")
            args.append(storyline)
        for column, value in (("source", source), ("language", language)):
            if value:
                where.append(f"EXISTS (SELECT 1 FROM articles a WHERE a.story_id=s.id AND a.{column}=?)")
                args.append(value)
        return " AND ".join(where), args

    def _with_articles(self, rows) -> list[StoryRow]:
        if not rows:
            return []
        clause, args = self._in("a.story_id", [r["id"] for r in rows])
        by_story: dict[str, list[ArticleRow]] = {}
        for r in self._q(f"SELECT {ROW_COLUMNS} FROM articles a WHERE {clause}"
                         " ORDER BY COALESCE(a.published, ''), a.id", args):
            by_story.setdefault(r["story_id"], []).append(article_row(r))
        return [StoryRow(id=r["id"], headline=r["headline"], storyline_id=r["storyline_id"],
                         first_seen=r["first_seen"], last_seen=r["last_seen"], size=r["size"],
                         merged_into=r["merged_into"], updated_at=r["updated_at"],
                         articles=tuple(by_story.get(r["id"], ()))) for r in rows]

    def story(self, story_id: str) -> StoryRow:
        """Follows merged_into; NotFound for an unknown id."""
        seen = set()
        while True:
            row = self._q("SELECT * FROM stories WHERE id=?", (story_id,)).fetchone()
            if row is None:
                raise NotFound(f"no story with id '{story_id}' (see `khabar stories`)")
            if not row["merged_into"] or story_id in seen:
                return self._with_articles([row])[0]
            seen.add(story_id)
            story_id = row["merged_into"]

    def story_history(self, story_id: str) -> list[StoryEventRow]:
        return [StoryEventRow(r["story_id"], r["kind"], json.loads(r["detail"]), r["at"]) for r in self._q(
            "SELECT story_id, kind, detail, at FROM story_events WHERE story_id=? ORDER BY id", (story_id,))]

    def story_articles(self, story_id: str) -> list[Article]:
        return self._to_articles(self._q("SELECT * FROM articles WHERE story_id=? ORDER BY id",
                                         (story_id,)).fetchall())

    def storyline_map(self) -> dict[str, str]:
        """story id -> storyline id, as last linked."""
        return {r["id"]: r["storyline_id"] for r in self._q(
            "SELECT id, storyline_id FROM stories WHERE storyline_id IS NOT NULL")}

    # ---- entities ---------------------------------------------------------------

    def mentions_of(self, article_ids: Iterable[int]) -> list[Mention]:
        ids = sorted(set(article_ids))
        if not ids:
            return []
        clause, args = self._in("article_id", ids)
        return [Mention(r["article_id"], r["sentence"], r["start"], r["end"], r["text"], r["type"],
                        r["entity_key"], r["role"])
                for r in self._q(f"SELECT * FROM mentions WHERE {clause} ORDER BY article_id, start", args)]

    def entity_rows(self, story: str | None = None, limit: int = 100) -> list[EntityRow]:
        """Entities with mention and report counts (within one story if given),
        most reported first."""
        join_story = "JOIN articles a ON a.id = m.article_id AND a.story_id = ?" if story else ""
        args: tuple = (story, limit) if story else (limit,)
        rows = self._q(
            "SELECT e.key, e.type, e.display, e.latin, e.aliases, e.roles, COUNT(*) AS mentions,"
            " COUNT(DISTINCT m.article_id) AS articles"
            f" FROM mentions m {join_story} JOIN entities e ON e.key = m.entity_key"
            " GROUP BY e.key ORDER BY articles DESC, mentions DESC, e.key LIMIT ?", args)
        return [EntityRow(r["key"], r["type"], r["display"], r["latin"], json.loads(r["aliases"]),
                          json.loads(r["roles"]), r["mentions"], r["articles"]) for r in rows]

    def entity_stories(self, key: str) -> list[EntityStoryRow]:
        """The stories an entity is mentioned in, earliest first."""
        return [EntityStoryRow(r["story_id"], r["first"], r["last"], r["mentions"]) for r in self._q(
            "SELECT a.story_id, MIN(a.published) AS first, MAX(a.published) AS last, COUNT(*) AS mentions"
            " FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_key=?"
            " GROUP BY a.story_id ORDER BY first NULLS FIRST, a.story_id", (key,))]
