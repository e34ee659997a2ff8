-- Programs and progression: the user's programs, the one being run, its training maxes,
-- the lifter's overrides, which session came from which program day, and per-exercise
-- rounding (increment and maximum).
--
-- A program is stored as its JSON document (format version in the document; checked in
-- the core before it is written) with its name and stated author beside it for lists.
-- `source` says where it came from: a copy of a built-in, the user's own, or a file
-- someone sent (whose author is what the file says: not verified). Where the lifter is
-- and every current training max are not stored: the core derives them from the run's
-- starting maxes, its events (a training max set by hand, a skipped day) and the
-- finished sessions linked to it, so edits and late sessions recompute. Every row of
-- user data carries a random 128-bit `gid`, like 0008.

CREATE TABLE program (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    name_key   TEXT NOT NULL UNIQUE CHECK (length(name_key) BETWEEN 1 AND 80),
    author     TEXT CHECK (author IS NULL OR length(author) BETWEEN 1 AND 80),
    source     TEXT NOT NULL CHECK (source IN ('builtin_copy', 'own', 'imported')),
    document   TEXT NOT NULL CHECK (length(document) BETWEEN 2 AND 262144),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

-- One run of a program, from `started_at` until `stopped_at`; at most one is active.
CREATE TABLE program_run (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    stopped_at TEXT CHECK (stopped_at IS NULL OR stopped_at >= started_at)
) STRICT;
CREATE UNIQUE INDEX program_run_active ON program_run ((stopped_at IS NULL)) WHERE stopped_at IS NULL;
CREATE INDEX program_run_program ON program_run (program_id);

-- The training maxes a run started with, one per lift of the program.
CREATE TABLE program_run_max (
    id           INTEGER PRIMARY KEY,
    gid          BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    run_id       INTEGER NOT NULL REFERENCES program_run (id) ON DELETE CASCADE,
    lift         TEXT NOT NULL CHECK (length(lift) BETWEEN 1 AND 40),
    weight_milli INTEGER NOT NULL CHECK (weight_milli BETWEEN 0 AND 2204623),
    weight_unit  TEXT NOT NULL CHECK (weight_unit IN ('kg', 'lb')),
    UNIQUE (run_id, lift)
) STRICT;

-- What the lifter did to a run besides training: a training max set by hand, a day
-- skipped. Replayed in `at` order with the run's finished sessions.
CREATE TABLE program_event (
    id           INTEGER PRIMARY KEY,
    gid          BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    run_id       INTEGER NOT NULL REFERENCES program_run (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('training_max', 'skip')),
    lift         TEXT CHECK (lift IS NULL OR length(lift) BETWEEN 1 AND 40),
    weight_milli INTEGER CHECK (weight_milli IS NULL OR weight_milli BETWEEN 0 AND 2204623),
    weight_unit  TEXT CHECK (weight_unit IS NULL OR weight_unit IN ('kg', 'lb')),
    week         INTEGER CHECK (week IS NULL OR week BETWEEN 0 AND 15),
    day          INTEGER CHECK (day IS NULL OR day BETWEEN 0 AND 6),
    CHECK ((kind = 'training_max' AND lift IS NOT NULL AND weight_milli IS NOT NULL AND weight_unit IS NOT NULL)
        OR (kind = 'skip' AND week IS NOT NULL AND day IS NOT NULL))
) STRICT;
CREATE INDEX program_event_run ON program_event (run_id, at);

-- The program day a session was started from.
CREATE TABLE program_session (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    session_id INTEGER NOT NULL UNIQUE REFERENCES session (id) ON DELETE CASCADE,
    run_id     INTEGER NOT NULL REFERENCES program_run (id) ON DELETE CASCADE,
    week       INTEGER NOT NULL CHECK (week BETWEEN 0 AND 15),
    day        INTEGER NOT NULL CHECK (day BETWEEN 0 AND 6)
) STRICT;
CREATE INDEX program_session_run ON program_session (run_id);

-- How an exercise's prescribed weights are rounded when it is not a barbell lift (the
-- increment; 2.5 kg / 5 lb when absent) and the heaviest weight to prescribe (any lift).
CREATE TABLE exercise_loading (
    id              INTEGER PRIMARY KEY,
    gid             BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    exercise_id     INTEGER NOT NULL UNIQUE REFERENCES exercise (id) ON DELETE CASCADE,
    increment_milli INTEGER CHECK (increment_milli IS NULL OR increment_milli BETWEEN 1 AND 100000),
    increment_unit  TEXT CHECK (increment_unit IS NULL OR increment_unit IN ('kg', 'lb')),
    max_milli       INTEGER CHECK (max_milli IS NULL OR max_milli BETWEEN 0 AND 2204623),
    max_unit        TEXT CHECK (max_unit IS NULL OR max_unit IN ('kg', 'lb')),
    CHECK ((increment_milli IS NULL) = (increment_unit IS NULL)),
    CHECK ((max_milli IS NULL) = (max_unit IS NULL))
) STRICT;
