-- Full-text search over folded (match_key) title and text. unicode61 splits words at
-- Devanagari vowel signs and the virama unless they are declared token characters;
-- the list is filled in from Unicode data when the migration runs ({DEVANAGARI_MARKS}).
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body,
    tokenize = "unicode61 remove_diacritics 0 tokenchars '{DEVANAGARI_MARKS}'"
);
