-- Canonical entities and every mention linked to its article and sentence.
CREATE TABLE entities (
    key TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    display TEXT NOT NULL,
    latin TEXT NOT NULL DEFAULT '',
    aliases TEXT NOT NULL DEFAULT '{}',
    roles TEXT NOT NULL DEFAULT '{}'
);

CREATE TABLE mentions (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    type TEXT NOT NULL,
    entity_key TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT ''
);
CREATE INDEX mentions_article ON mentions(article_id);
CREATE INDEX mentions_entity ON mentions(entity_key);
