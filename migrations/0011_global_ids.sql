-- Global row ids for the training log's first tables, so that every device of one person
-- can name the same row (sync through a shared folder, docs/sync.md).
--
-- Exercises, routines, routine entries, sessions and sets get a `gid` like every table
-- added since 0005: 128 random bits, unique, never reused. A set an import wrote takes its
-- import key as its gid (already a 128-bit hash of what the file said), so two devices
-- importing the same export name the same sets; every other row gets a random one. The
-- catalog's exercises get one too, though devices name them by their stable slug.
--
-- `ALTER TABLE ADD COLUMN` cannot add a UNIQUE NOT NULL column with a per-row default, so
-- the five tables are rebuilt by SQLite's procedure (foreign keys are off while migrations
-- run; see src/vault/migrate.rs): each row is copied with its id and every value exactly as
-- it was, only the gid is new, and the indexes and triggers are made again as they were.
-- The record triggers are dropped first, since they name the tables being replaced.

DROP TRIGGER exercise_record_renamed;
DROP TRIGGER exercise_record_session_moved;
DROP TRIGGER exercise_record_set_added;
DROP TRIGGER exercise_record_set_changed;
DROP TRIGGER exercise_record_set_removed;

CREATE TABLE exercise_v11 (
    id           INTEGER PRIMARY KEY,
    gid          BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    -- The name folded for comparison (lowercase, single spaces): names are unique
    -- case-insensitively.
    name_key     TEXT NOT NULL UNIQUE CHECK (length(name_key) BETWEEN 1 AND 80),
    kind         TEXT NOT NULL CHECK (kind IN ('weight_reps', 'bodyweight', 'timed', 'cardio')),
    muscle       TEXT CHECK (muscle IN ('chest', 'back', 'shoulders', 'biceps', 'triceps',
                     'forearms', 'quads', 'hamstrings', 'glutes', 'calves', 'core',
                     'full_body', 'cardio')),
    equipment    TEXT NOT NULL CHECK (equipment IN ('barbell', 'dumbbell', 'machine', 'cable',
                     'bodyweight', 'kettlebell', 'band', 'other')),
    builtin      INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    archived     INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
    -- Set after an import created it: the user should assign a muscle group or merge it.
    needs_review INTEGER NOT NULL DEFAULT 0 CHECK (needs_review IN (0, 1)),
    -- A merged exercise stays as an alias (imports still find it by name) and holds no sets.
    merged_into  INTEGER REFERENCES exercise (id) ON DELETE RESTRICT,
    -- The catalog entry it is, for every device alike.
    slug         TEXT CHECK (slug IS NULL OR (length(slug) BETWEEN 1 AND 80 AND slug NOT GLOB '*[^a-z0-9-]*')),
    import_run   INTEGER REFERENCES import_run (id),
    CHECK (merged_into IS NULL OR merged_into <> id)
) STRICT;
INSERT INTO exercise_v11 (id, name, name_key, kind, muscle, equipment, builtin, archived,
                          needs_review, merged_into, slug, import_run)
    SELECT id, name, name_key, kind, muscle, equipment, builtin, archived,
           needs_review, merged_into, slug, import_run
      FROM exercise ORDER BY id;
DROP TABLE exercise;
ALTER TABLE exercise_v11 RENAME TO exercise;
CREATE UNIQUE INDEX exercise_slug ON exercise (slug);
CREATE INDEX exercise_import_run ON exercise (import_run) WHERE import_run IS NOT NULL;

CREATE TABLE routine_v11 (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    name_key   TEXT NOT NULL UNIQUE,
    notes      TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
INSERT INTO routine_v11 (id, name, name_key, notes, created_at, updated_at)
    SELECT id, name, name_key, notes, created_at, updated_at FROM routine ORDER BY id;
DROP TABLE routine;
ALTER TABLE routine_v11 RENAME TO routine;

CREATE TABLE routine_exercise_v11 (
    id           INTEGER PRIMARY KEY,
    gid          BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    routine_id   INTEGER NOT NULL REFERENCES routine (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL CHECK (position >= 0),
    exercise_id  INTEGER NOT NULL REFERENCES exercise (id) ON DELETE RESTRICT,
    target_sets  INTEGER NOT NULL CHECK (target_sets BETWEEN 1 AND 20),
    reps_min     INTEGER CHECK (reps_min BETWEEN 0 AND 1000),
    reps_max     INTEGER CHECK (reps_max BETWEEN 0 AND 1000),
    weight_milli INTEGER CHECK (weight_milli >= 0),
    weight_unit  TEXT CHECK (weight_unit IN ('kg', 'lb')),
    rest_seconds INTEGER CHECK (rest_seconds BETWEEN 0 AND 3600),
    superset     INTEGER CHECK (superset BETWEEN 1 AND 50),
    UNIQUE (routine_id, position),
    CHECK (reps_min IS NULL OR reps_max IS NULL OR reps_min <= reps_max),
    CHECK ((weight_milli IS NULL) = (weight_unit IS NULL))
) STRICT;
INSERT INTO routine_exercise_v11 (id, routine_id, position, exercise_id, target_sets, reps_min,
                                  reps_max, weight_milli, weight_unit, rest_seconds, superset)
    SELECT id, routine_id, position, exercise_id, target_sets, reps_min,
           reps_max, weight_milli, weight_unit, rest_seconds, superset
      FROM routine_exercise ORDER BY id;
DROP TABLE routine_exercise;
ALTER TABLE routine_exercise_v11 RENAME TO routine_exercise;
CREATE INDEX routine_exercise_exercise ON routine_exercise (exercise_id);

CREATE TABLE session_v11 (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    name       TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 80),
    started_at TEXT NOT NULL,
    ended_at   TEXT CHECK (ended_at IS NULL OR ended_at >= started_at),
    notes      TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    routine_id INTEGER REFERENCES routine (id) ON DELETE SET NULL,
    -- Where it came from: typed here, or imported from another app's export.
    source     TEXT NOT NULL DEFAULT 'manual'
                   CHECK (source IN ('manual', 'strong', 'hevy', 'fitnotes', 'json')),
    import_run INTEGER REFERENCES import_run (id)
) STRICT;
INSERT INTO session_v11 (id, name, started_at, ended_at, notes, routine_id, source, import_run)
    SELECT id, name, started_at, ended_at, notes, routine_id, source, import_run
      FROM session ORDER BY id;
DROP TABLE session;
ALTER TABLE session_v11 RENAME TO session;
CREATE INDEX session_started ON session (started_at, id);
CREATE INDEX session_import_run ON session (import_run) WHERE import_run IS NOT NULL;

CREATE TABLE session_set_v11 (
    id              INTEGER PRIMARY KEY,
    gid             BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    session_id      INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    exercise_id     INTEGER NOT NULL REFERENCES exercise (id) ON DELETE RESTRICT,
    -- Order inside the session.
    position        INTEGER NOT NULL CHECK (position >= 0),
    weight_milli    INTEGER CHECK (weight_milli >= 0),
    weight_unit     TEXT CHECK (weight_unit IN ('kg', 'lb')),
    weight_kg       REAL CHECK (weight_kg BETWEEN 0 AND 1000),
    reps            INTEGER CHECK (reps BETWEEN 0 AND 1000),
    -- RPE in half steps: 2 = RPE 1, 20 = RPE 10.
    rpe_half        INTEGER CHECK (rpe_half BETWEEN 2 AND 20),
    kind            TEXT NOT NULL DEFAULT 'working'
                        CHECK (kind IN ('warmup', 'working', 'drop', 'failure')),
    done            INTEGER NOT NULL DEFAULT 1 CHECK (done IN (0, 1)),
    duration_s      INTEGER CHECK (duration_s BETWEEN 0 AND 86400),
    distance_milli  INTEGER CHECK (distance_milli >= 0),
    distance_unit   TEXT CHECK (distance_unit IN ('m', 'km', 'mi')),
    superset        INTEGER CHECK (superset BETWEEN 1 AND 50),
    notes           TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 500),
    -- Which records this set set when it was logged (bits: 1 e1RM, 2 heaviest weight,
    -- 4 most reps at its weight, 8 set volume).
    record_flags    INTEGER NOT NULL DEFAULT 0 CHECK (record_flags BETWEEN 0 AND 15),
    -- For imported sets: the first 16 bytes of a SHA-256 over (source, session start,
    -- workout, exercise, ordinal, values), so re-importing a cumulative export adds only
    -- what is new.
    import_key      BLOB UNIQUE CHECK (import_key IS NULL OR length(import_key) = 16),
    import_run      INTEGER REFERENCES import_run (id),
    UNIQUE (session_id, position),
    CHECK ((weight_milli IS NULL) = (weight_unit IS NULL)),
    CHECK ((weight_milli IS NULL) = (weight_kg IS NULL)),
    CHECK ((distance_milli IS NULL) = (distance_unit IS NULL))
) STRICT;
INSERT INTO session_set_v11 (id, gid, session_id, exercise_id, position, weight_milli, weight_unit,
                             weight_kg, reps, rpe_half, kind, done, duration_s, distance_milli,
                             distance_unit, superset, notes, record_flags, import_key, import_run)
    SELECT id, coalesce(import_key, randomblob(16)), session_id, exercise_id, position,
           weight_milli, weight_unit, weight_kg, reps, rpe_half, kind, done, duration_s,
           distance_milli, distance_unit, superset, notes, record_flags, import_key, import_run
      FROM session_set ORDER BY id;
DROP TABLE session_set;
ALTER TABLE session_set_v11 RENAME TO session_set;
CREATE INDEX session_set_exercise
    ON session_set (exercise_id, session_id, position, kind, done, weight_kg, reps, weight_milli, weight_unit);
CREATE INDEX session_set_import_run ON session_set (import_run) WHERE import_run IS NOT NULL;

CREATE TRIGGER exercise_record_set_added AFTER INSERT ON session_set BEGIN
    DELETE FROM exercise_record WHERE exercise_id = new.exercise_id;
END;
CREATE TRIGGER exercise_record_set_changed AFTER UPDATE ON session_set BEGIN
    DELETE FROM exercise_record WHERE exercise_id IN (old.exercise_id, new.exercise_id);
END;
CREATE TRIGGER exercise_record_set_removed AFTER DELETE ON session_set BEGIN
    DELETE FROM exercise_record WHERE exercise_id = old.exercise_id;
END;
CREATE TRIGGER exercise_record_session_moved AFTER UPDATE OF started_at ON session BEGIN
    DELETE FROM exercise_record
     WHERE exercise_id IN (SELECT exercise_id FROM session_set WHERE session_id = new.id);
END;
CREATE TRIGGER exercise_record_renamed AFTER UPDATE OF name ON exercise BEGIN
    DELETE FROM exercise_record WHERE exercise_id = new.id;
END;
