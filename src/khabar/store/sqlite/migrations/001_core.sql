-- Articles as read and cleaned, the noise removed from them, their sentences,
-- duplicate links, MinHash signatures, and rejected inputs.
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    external_id TEXT NOT NULL,
    input_name TEXT NOT NULL DEFAULT '',
    raw_hash TEXT NOT NULL,          -- sha1 of raw text: re-ingesting the same input adds nothing
    content_hash TEXT NOT NULL,      -- hash of the normalised clean tokens: exact duplicates
    title TEXT NOT NULL DEFAULT '',
    raw_text TEXT NOT NULL,
    clean_text TEXT NOT NULL,
    source TEXT,
    url TEXT,
    published TEXT,                  -- ISO 8601, or NULL when unknown
    published_inferred INTEGER NOT NULL DEFAULT 0,
    language TEXT,
    dateline TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    duplicate_of INTEGER REFERENCES articles(id),
    duplicate_kind TEXT,
    duplicate_similarity REAL,
    story_id TEXT,
    ingested_at TEXT NOT NULL
);
CREATE UNIQUE INDEX articles_input ON articles(external_id, raw_hash);
CREATE INDEX articles_content ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_story ON articles(story_id);

CREATE TABLE removed_spans (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    reason TEXT NOT NULL,
    text TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX removed_article ON removed_spans(article_id);

CREATE TABLE sentences (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    paragraph INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
);

CREATE TABLE signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);

CREATE TABLE rejections (
    id INTEGER PRIMARY KEY,
    input_name TEXT NOT NULL,
    line INTEGER,
    code TEXT NOT NULL,
    message TEXT NOT NULL,
    at TEXT NOT NULL
);
