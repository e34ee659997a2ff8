-- The training log: exercises (a built-in catalog plus the user's own), routines, sessions,
-- sets, the body-weight log and training preferences.
--
-- Weights are stored exactly as entered: `*_milli` is the typed number in thousandths of
-- its own unit (`kg` or `lb`), and `*_kg` is derived from it for statistics with
-- 1 lb = 0.45359237 kg. The derived value never replaces the entered one.
-- Times are UTC, RFC 3339 with a `Z` suffix and whole seconds, so text order is time order.

CREATE TABLE exercise (
    id           INTEGER PRIMARY KEY,
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
    CHECK (merged_into IS NULL OR merged_into <> id)
) STRICT;

CREATE TABLE routine (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    name_key   TEXT NOT NULL UNIQUE,
    notes      TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE routine_exercise (
    id           INTEGER PRIMARY KEY,
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

CREATE INDEX routine_exercise_exercise ON routine_exercise (exercise_id);

CREATE TABLE session (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 80),
    started_at TEXT NOT NULL,
    ended_at   TEXT CHECK (ended_at IS NULL OR ended_at >= started_at),
    notes      TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    routine_id INTEGER REFERENCES routine (id) ON DELETE SET NULL,
    -- Where it came from: typed here, or imported from another app's export.
    source     TEXT NOT NULL DEFAULT 'manual'
                   CHECK (source IN ('manual', 'strong', 'hevy', 'fitnotes', 'json'))
) STRICT;

CREATE INDEX session_started ON session (started_at, id);

CREATE TABLE session_set (
    id              INTEGER PRIMARY KEY,
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
    UNIQUE (session_id, position),
    CHECK ((weight_milli IS NULL) = (weight_unit IS NULL)),
    CHECK ((weight_milli IS NULL) = (weight_kg IS NULL)),
    CHECK ((distance_milli IS NULL) = (distance_unit IS NULL))
) STRICT;

-- Covers the per-exercise queries (records, progress, record flags, history filters), so
-- they read one contiguous run of index pages instead of sets scattered over the table.
CREATE INDEX session_set_exercise
    ON session_set (exercise_id, session_id, position, kind, done, weight_kg, reps, weight_milli, weight_unit);

CREATE TABLE body_weight (
    id           INTEGER PRIMARY KEY,
    measured_at  TEXT NOT NULL,
    weight_milli INTEGER NOT NULL CHECK (weight_milli > 0),
    weight_unit  TEXT NOT NULL CHECK (weight_unit IN ('kg', 'lb')),
    weight_kg    REAL NOT NULL CHECK (weight_kg > 0 AND weight_kg <= 1000),
    source       TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'whoop')),
    UNIQUE (measured_at, source)
) STRICT;

-- Each exercise's records, computed from its sets on first read and kept until one of its
-- sets (or a session's time, or its name) changes: the triggers below drop the entry, so
-- it can never be stale. Derived data only; safe to empty at any time.
CREATE TABLE exercise_record (
    exercise_id INTEGER PRIMARY KEY REFERENCES exercise (id) ON DELETE CASCADE,
    records     TEXT NOT NULL
) STRICT;

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

-- Training preferences (display unit, bar, plates), one small value each.
CREATE TABLE training_setting (
    key   TEXT PRIMARY KEY NOT NULL CHECK (length(key) <= 40),
    value TEXT NOT NULL CHECK (length(value) <= 400)
) STRICT;

-- The built-in catalog, in every vault. Names follow the "Lift (Equipment)" style that
-- Strong and Hevy exports use, so imports map onto them.
INSERT INTO exercise (name, name_key, kind, muscle, equipment, builtin)
SELECT column1, lower(column1), column2, column3, column4, 1 FROM (VALUES
    ('Bench Press (Barbell)', 'weight_reps', 'chest', 'barbell'),
    ('Incline Bench Press (Barbell)', 'weight_reps', 'chest', 'barbell'),
    ('Decline Bench Press (Barbell)', 'weight_reps', 'chest', 'barbell'),
    ('Close Grip Bench Press (Barbell)', 'weight_reps', 'triceps', 'barbell'),
    ('Squat (Barbell)', 'weight_reps', 'quads', 'barbell'),
    ('Front Squat (Barbell)', 'weight_reps', 'quads', 'barbell'),
    ('Deadlift (Barbell)', 'weight_reps', 'back', 'barbell'),
    ('Sumo Deadlift (Barbell)', 'weight_reps', 'back', 'barbell'),
    ('Romanian Deadlift (Barbell)', 'weight_reps', 'hamstrings', 'barbell'),
    ('Overhead Press (Barbell)', 'weight_reps', 'shoulders', 'barbell'),
    ('Bent Over Row (Barbell)', 'weight_reps', 'back', 'barbell'),
    ('Pendlay Row (Barbell)', 'weight_reps', 'back', 'barbell'),
    ('Hip Thrust (Barbell)', 'weight_reps', 'glutes', 'barbell'),
    ('Bicep Curl (Barbell)', 'weight_reps', 'biceps', 'barbell'),
    ('Skullcrusher (Barbell)', 'weight_reps', 'triceps', 'barbell'),
    ('Shrug (Barbell)', 'weight_reps', 'back', 'barbell'),
    ('Lunge (Barbell)', 'weight_reps', 'quads', 'barbell'),
    ('Good Morning (Barbell)', 'weight_reps', 'hamstrings', 'barbell'),
    ('Power Clean', 'weight_reps', 'full_body', 'barbell'),
    ('Clean and Jerk', 'weight_reps', 'full_body', 'barbell'),
    ('Snatch', 'weight_reps', 'full_body', 'barbell'),
    ('Bench Press (Dumbbell)', 'weight_reps', 'chest', 'dumbbell'),
    ('Incline Bench Press (Dumbbell)', 'weight_reps', 'chest', 'dumbbell'),
    ('Chest Fly (Dumbbell)', 'weight_reps', 'chest', 'dumbbell'),
    ('Shoulder Press (Dumbbell)', 'weight_reps', 'shoulders', 'dumbbell'),
    ('Lateral Raise (Dumbbell)', 'weight_reps', 'shoulders', 'dumbbell'),
    ('Front Raise (Dumbbell)', 'weight_reps', 'shoulders', 'dumbbell'),
    ('Bicep Curl (Dumbbell)', 'weight_reps', 'biceps', 'dumbbell'),
    ('Hammer Curl (Dumbbell)', 'weight_reps', 'biceps', 'dumbbell'),
    ('Triceps Extension (Dumbbell)', 'weight_reps', 'triceps', 'dumbbell'),
    ('Bent Over One Arm Row (Dumbbell)', 'weight_reps', 'back', 'dumbbell'),
    ('Goblet Squat (Dumbbell)', 'weight_reps', 'quads', 'dumbbell'),
    ('Lunge (Dumbbell)', 'weight_reps', 'quads', 'dumbbell'),
    ('Romanian Deadlift (Dumbbell)', 'weight_reps', 'hamstrings', 'dumbbell'),
    ('Shrug (Dumbbell)', 'weight_reps', 'back', 'dumbbell'),
    ('Wrist Curl (Dumbbell)', 'weight_reps', 'forearms', 'dumbbell'),
    ('Leg Press (Machine)', 'weight_reps', 'quads', 'machine'),
    ('Leg Extension (Machine)', 'weight_reps', 'quads', 'machine'),
    ('Lying Leg Curl (Machine)', 'weight_reps', 'hamstrings', 'machine'),
    ('Seated Leg Curl (Machine)', 'weight_reps', 'hamstrings', 'machine'),
    ('Standing Calf Raise (Machine)', 'weight_reps', 'calves', 'machine'),
    ('Seated Calf Raise (Machine)', 'weight_reps', 'calves', 'machine'),
    ('Chest Press (Machine)', 'weight_reps', 'chest', 'machine'),
    ('Shoulder Press (Machine)', 'weight_reps', 'shoulders', 'machine'),
    ('Hack Squat (Machine)', 'weight_reps', 'quads', 'machine'),
    ('Hip Abductor (Machine)', 'weight_reps', 'glutes', 'machine'),
    ('Seated Row (Machine)', 'weight_reps', 'back', 'machine'),
    ('Lat Pulldown (Cable)', 'weight_reps', 'back', 'cable'),
    ('Seated Row (Cable)', 'weight_reps', 'back', 'cable'),
    ('Triceps Pushdown (Cable)', 'weight_reps', 'triceps', 'cable'),
    ('Face Pull (Cable)', 'weight_reps', 'shoulders', 'cable'),
    ('Cable Crossover', 'weight_reps', 'chest', 'cable'),
    ('Bicep Curl (Cable)', 'weight_reps', 'biceps', 'cable'),
    ('Crunch (Cable)', 'weight_reps', 'core', 'cable'),
    ('Kettlebell Swing', 'weight_reps', 'full_body', 'kettlebell'),
    ('Goblet Squat (Kettlebell)', 'weight_reps', 'quads', 'kettlebell'),
    ('Turkish Get Up (Kettlebell)', 'weight_reps', 'full_body', 'kettlebell'),
    ('Pull Up', 'bodyweight', 'back', 'bodyweight'),
    ('Chin Up', 'bodyweight', 'back', 'bodyweight'),
    ('Push Up', 'bodyweight', 'chest', 'bodyweight'),
    ('Triceps Dip', 'bodyweight', 'triceps', 'bodyweight'),
    ('Inverted Row', 'bodyweight', 'back', 'bodyweight'),
    ('Sit Up', 'bodyweight', 'core', 'bodyweight'),
    ('Hanging Leg Raise', 'bodyweight', 'core', 'bodyweight'),
    ('Back Extension', 'bodyweight', 'hamstrings', 'bodyweight'),
    ('Pistol Squat', 'bodyweight', 'quads', 'bodyweight'),
    ('Glute Bridge', 'bodyweight', 'glutes', 'bodyweight'),
    ('Plank', 'timed', 'core', 'bodyweight'),
    ('Side Plank', 'timed', 'core', 'bodyweight'),
    ('Dead Hang', 'timed', 'forearms', 'bodyweight'),
    ('Wall Sit', 'timed', 'quads', 'bodyweight'),
    ('Farmers Walk', 'timed', 'forearms', 'dumbbell'),
    ('Running', 'cardio', 'cardio', 'other'),
    ('Cycling', 'cardio', 'cardio', 'other'),
    ('Rowing (Machine)', 'cardio', 'cardio', 'machine'),
    ('Elliptical Trainer', 'cardio', 'cardio', 'machine'),
    ('Stair Climber', 'cardio', 'cardio', 'machine'),
    ('Jump Rope', 'cardio', 'cardio', 'other'),
    ('Walking', 'cardio', 'cardio', 'other'),
    ('Swimming', 'cardio', 'cardio', 'other')
);
