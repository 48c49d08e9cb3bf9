-- Per-report step results kept for story analysis (records.PreparedReport.facts),
-- as JSON text, beside the article rather than in it so listings do not read them.
CREATE TABLE facts (
    article_id BIGINT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    facts TEXT NOT NULL DEFAULT '{}'
);
