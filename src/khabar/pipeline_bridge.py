"""Writes a BatchResult through the SQLite store's older per-row writer.

Used only while the store has no `apply` of its own (the store's `apply` writes the
same result in one transaction); remove this module when it has.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from khabar.records import BatchResult, StoryMerged, StorySplit
from khabar.store.state_codec import decode_state


def state_items(store, prefix: str) -> dict[str, Any]:
    pattern = prefix.replace("%", r"\%").replace("_", r"\_") + "%"
    rows = store.con.execute(r"SELECT name, value FROM state WHERE name LIKE ? ESCAPE '\'", (pattern,))
    return {name: decode_state(value) for name, value in rows}


def _id_of(con, key: str, ids: dict[str, int]) -> int | None:
    if key in ids:
        return ids[key]
    external_id, _, digest = key.rpartition("@")
    row = con.execute("SELECT id FROM articles WHERE external_id=? AND substr(raw_hash, 1, 12)=?"
                      " ORDER BY id LIMIT 1", (external_id, digest)).fetchone()
    if row:
        ids[key] = row[0]
    return row[0] if row else None


def apply(store, result: BatchResult) -> dict[str, int]:
    """Write `result` in one transaction; the store id of each new report by key."""
    ids: dict[str, int] = {}
    with store.write() as con:
        for p in result.reports:
            link = p.duplicate
            original = _id_of(con, link.original, ids) if link else None
            aid = store.add_article(con, p.article, original, link.kind if link else None,
                                    link.similarity if link else None, p.signature)
            ids[p.key] = aid
            store.set_story(con, aid, p.story_id)
        store.save_entities(con, result.entities)
        for p in result.reports:
            if p.mentions:
                store.save_mentions(con, ids[p.key], p.mentions)
        for e in result.events:
            if isinstance(e, StoryMerged):
                store.mark_merged(con, e.story_id, e.merged_into)
            elif isinstance(e, StorySplit):
                for key in e.moved:
                    aid = _id_of(con, key, ids)
                    if aid is not None:
                        store.set_story(con, aid, e.new_story_id)
                store.add_story_event(con, e.new_story_id, "split_from", asdict(e))
            store.add_story_event(con, e.story_id, e.kind, asdict(e))
        for d in result.dates:
            aid = _id_of(con, d.key, ids)
            if aid is not None:
                con.execute("UPDATE articles SET published=?, published_inferred=1,"
                            " metadata=json_set(metadata, '$.published_how', ?) WHERE id=?",
                            (d.published.isoformat(), d.how, aid))
        if result.storylines:
            store.set_storylines(con, result.storylines)
        if result.stories:
            store.refresh_stories(con, [s.story_id for s in result.stories],
                                  {s.story_id: s.headline for s in result.stories},
                                  {s.story_id: s.storyline_id for s in result.stories if s.storyline_id})
        for name, value in result.state.items():
            store.set_state(con, name, value)
        for name in result.state_deleted:
            con.execute("DELETE FROM state WHERE name=?", (name,))
        for r in result.rejected:
            store.add_rejection(con, r)
    return ids
