-- Stories, storylines, their history (merges/splits keep ids traceable), and
-- the clusterer's persisted state.
CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    headline TEXT NOT NULL DEFAULT '',
    storyline_id TEXT,
    first_seen TEXT,
    last_seen TEXT,
    size INTEGER NOT NULL DEFAULT 0,
    merged_into TEXT,
    updated_at TEXT NOT NULL
);
CREATE INDEX stories_storyline ON stories(storyline_id);

CREATE TABLE story_events (
    id INTEGER PRIMARY KEY,
    story_id TEXT NOT NULL,
    kind TEXT NOT NULL,          -- created | joined | merged | split
    detail TEXT NOT NULL DEFAULT '{}',
    at TEXT NOT NULL
);

CREATE TABLE state (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
