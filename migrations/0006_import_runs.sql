-- Imports that commit in batches, and the rows each one created.
--
-- An import validates its whole file, then commits it a few hundred rows at a time so a
-- set being logged never waits for more than one batch. Each import is one `import_run`,
-- `running` until its last batch marks it `done` in the same transaction; every session,
-- set and exercise it creates carries its id in `import_run`. Cancelling an import, or
-- opening the vault after the process that ran it died (its lock file
-- `import-<token>.lock` in the data directory is no longer held), removes the rows tagged
-- with a `running` import in one transaction, so an interrupted import writes nothing.
-- The tags are bookkeeping, not user data: rows that existed before this migration keep
-- a NULL tag, and nothing ever removes a row of a `done` import.

CREATE TABLE import_run (
    id          INTEGER PRIMARY KEY,
    -- Names the import's lock file; sixteen lowercase hex digits, nothing a path could
    -- misread.
    token       TEXT NOT NULL UNIQUE CHECK (length(token) = 16 AND token NOT GLOB '*[^0-9a-f]*'),
    format      TEXT NOT NULL CHECK (format IN ('strong', 'hevy', 'fitnotes', 'json')),
    state       TEXT NOT NULL CHECK (state IN ('running', 'done')),
    started_at  TEXT NOT NULL,
    finished_at TEXT,
    -- Batches committed so far (the last one included once done).
    batches     INTEGER NOT NULL DEFAULT 0 CHECK (batches >= 0),
    CHECK ((state = 'done') = (finished_at IS NOT NULL))
) STRICT;

ALTER TABLE session ADD COLUMN import_run INTEGER REFERENCES import_run (id);
ALTER TABLE session_set ADD COLUMN import_run INTEGER REFERENCES import_run (id);
ALTER TABLE exercise ADD COLUMN import_run INTEGER REFERENCES import_run (id);
CREATE INDEX session_import_run ON session (import_run) WHERE import_run IS NOT NULL;
CREATE INDEX session_set_import_run ON session_set (import_run) WHERE import_run IS NOT NULL;
CREATE INDEX exercise_import_run ON exercise (import_run) WHERE import_run IS NOT NULL;
