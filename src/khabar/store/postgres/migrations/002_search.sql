-- Search over folded (match_key) title and text. The terms are cut in Python
-- (searchtext.split_terms, the same cut SQLite's FTS5 index makes) and stored as a
-- tsvector with their positions, so PostgreSQL's own parser never splits a
-- Devanagari word; `body` keeps the folded text the snippets are cut from.
CREATE TABLE articles_search (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    terms TSVECTOR NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX articles_search_terms ON articles_search USING GIN (terms);
