-- One counter every stored batch raises, in the batch's own transaction: what a reader
-- compares to know whether anything it built from the store may have changed.
CREATE TABLE revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO revision (id, n) VALUES (1, 0);
