-- index audit_log_at
CREATE INDEX audit_log_at ON audit_log (at);
-- index body_measurement_time
CREATE INDEX body_measurement_time ON body_measurement (measured_at);
-- index exercise_import_run
CREATE INDEX exercise_import_run ON exercise (import_run) WHERE import_run IS NOT NULL;
-- index exercise_slug
CREATE UNIQUE INDEX exercise_slug ON exercise (slug);
-- index journal_entry_tag_tag
CREATE INDEX journal_entry_tag_tag ON journal_entry_tag (tag_id);
-- index program_event_run
CREATE INDEX program_event_run ON program_event (run_id, at);
-- index program_run_active
CREATE UNIQUE INDEX program_run_active ON program_run ((stopped_at IS NULL)) WHERE stopped_at IS NULL;
-- index program_run_program
CREATE INDEX program_run_program ON program_run (program_id);
-- index program_session_run
CREATE INDEX program_session_run ON program_session (run_id);
-- index recovery_identity_one_active
CREATE UNIQUE INDEX recovery_identity_one_active
    ON recovery_identity ((retired_at IS NULL)) WHERE retired_at IS NULL;
-- index routine_exercise_exercise
CREATE INDEX routine_exercise_exercise ON routine_exercise (exercise_id);
-- index session_import_run
CREATE INDEX session_import_run ON session (import_run) WHERE import_run IS NOT NULL;
-- index session_set_exercise
CREATE INDEX session_set_exercise
    ON session_set (exercise_id, session_id, position, kind, done, weight_kg, reps, weight_milli, weight_unit);
-- index session_set_import_run
CREATE INDEX session_set_import_run ON session_set (import_run) WHERE import_run IS NOT NULL;
-- index session_started
CREATE INDEX session_started ON session (started_at, id);
-- index whoop_cycle_day
CREATE INDEX whoop_cycle_day ON whoop_cycle (start_ms, timezone_offset, strain);
-- index whoop_cycle_start
CREATE INDEX whoop_cycle_start ON whoop_cycle (start_ms);
-- index whoop_match_session
CREATE INDEX whoop_match_session ON whoop_match (session_id);
-- index whoop_recovery_day
CREATE INDEX whoop_recovery_day ON whoop_recovery (start_ms, score_state, recovery_score,
    hrv_rmssd_milli, resting_heart_rate, spo2_percentage, skin_temp_celsius);
-- index whoop_recovery_start
CREATE INDEX whoop_recovery_start ON whoop_recovery (start_ms);
-- index whoop_sleep_day
CREATE INDEX whoop_sleep_day ON whoop_sleep (end_ms, nap, score_state, timezone_offset,
    sleep_performance_percentage, sleep_efficiency_percentage, respiratory_rate,
    light_milli, deep_milli, rem_milli, awake_milli, need_milli);
-- index whoop_sleep_start
CREATE INDEX whoop_sleep_start ON whoop_sleep (start_ms);
-- index whoop_workout_start
CREATE INDEX whoop_workout_start ON whoop_workout (start_ms);
-- table audit_log
CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    event  TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
) STRICT;
-- table body_measurement
CREATE TABLE body_measurement (
    id             INTEGER PRIMARY KEY,
    gid            BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    measured_at    TEXT NOT NULL,
    length_unit    TEXT NOT NULL CHECK (length_unit IN ('cm', 'in')),
    waist_milli    INTEGER CHECK (waist_milli > 0),
    chest_milli    INTEGER CHECK (chest_milli > 0),
    arms_milli     INTEGER CHECK (arms_milli > 0),
    thighs_milli   INTEGER CHECK (thighs_milli > 0),
    body_fat_milli INTEGER CHECK (body_fat_milli BETWEEN 1 AND 75000),
    note           TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    CHECK (coalesce(waist_milli, chest_milli, arms_milli, thighs_milli, body_fat_milli) IS NOT NULL)
) STRICT;
-- table body_weight
CREATE TABLE "body_weight" (
    id           INTEGER PRIMARY KEY,
    gid          BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    measured_at  TEXT NOT NULL,
    weight_milli INTEGER NOT NULL CHECK (weight_milli > 0),
    weight_unit  TEXT NOT NULL CHECK (weight_unit IN ('kg', 'lb')),
    weight_kg    REAL NOT NULL CHECK (weight_kg > 0 AND weight_kg <= 1000),
    source       TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'whoop')),
    UNIQUE (measured_at, source)
) STRICT;
-- table catalog_exercise
CREATE TABLE catalog_exercise (
    slug      TEXT PRIMARY KEY NOT NULL CHECK (length(slug) BETWEEN 1 AND 80 AND slug NOT GLOB '*[^a-z0-9-]*'),
    name      TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
    kind      TEXT NOT NULL CHECK (kind IN ('weight_reps', 'bodyweight', 'timed', 'cardio')),
    muscle    TEXT NOT NULL CHECK (muscle IN ('chest', 'back', 'shoulders', 'biceps', 'triceps',
                  'forearms', 'quads', 'hamstrings', 'glutes', 'calves', 'core',
                  'full_body', 'cardio')),
    equipment TEXT NOT NULL CHECK (equipment IN ('barbell', 'dumbbell', 'machine', 'cable',
                  'bodyweight', 'kettlebell', 'band', 'other'))
) STRICT, WITHOUT ROWID;
-- table catalog_secondary
CREATE TABLE catalog_secondary (
    slug   TEXT NOT NULL REFERENCES catalog_exercise (slug),
    muscle TEXT NOT NULL CHECK (muscle IN ('chest', 'back', 'shoulders', 'biceps', 'triceps',
               'forearms', 'quads', 'hamstrings', 'glutes', 'calves', 'core',
               'full_body', 'cardio')),
    PRIMARY KEY (slug, muscle)
) STRICT, WITHOUT ROWID;
-- table catalog_suggestion
CREATE TABLE catalog_suggestion (
    exercise_id INTEGER PRIMARY KEY REFERENCES exercise (id) ON DELETE CASCADE,
    slug        TEXT NOT NULL REFERENCES catalog_exercise (slug),
    dismissed   INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))
) STRICT;
-- table exercise
CREATE TABLE "exercise" (
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
-- table exercise_loading
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
-- table exercise_record
CREATE TABLE exercise_record (
    exercise_id INTEGER PRIMARY KEY REFERENCES exercise (id) ON DELETE CASCADE,
    records     TEXT NOT NULL
) STRICT;
-- table import_run
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
-- table journal_entry
CREATE TABLE journal_entry (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    day        TEXT NOT NULL UNIQUE
                   CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    updated_at TEXT NOT NULL
) STRICT;
-- table journal_entry_tag
CREATE TABLE journal_entry_tag (
    id       INTEGER PRIMARY KEY,
    gid      BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    entry_id INTEGER NOT NULL REFERENCES journal_entry (id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES journal_tag (id),
    UNIQUE (entry_id, tag_id)
) STRICT;
-- table journal_tag
CREATE TABLE journal_tag (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    name_key   TEXT NOT NULL UNIQUE CHECK (length(name_key) BETWEEN 1 AND 40),
    builtin    INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
) STRICT;
-- table program
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
-- table program_event
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
-- table program_run
CREATE TABLE program_run (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    stopped_at TEXT CHECK (stopped_at IS NULL OR stopped_at >= started_at)
) STRICT;
-- table program_run_max
CREATE TABLE program_run_max (
    id           INTEGER PRIMARY KEY,
    gid          BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    run_id       INTEGER NOT NULL REFERENCES program_run (id) ON DELETE CASCADE,
    lift         TEXT NOT NULL CHECK (length(lift) BETWEEN 1 AND 40),
    weight_milli INTEGER NOT NULL CHECK (weight_milli BETWEEN 0 AND 2204623),
    weight_unit  TEXT NOT NULL CHECK (weight_unit IN ('kg', 'lb')),
    UNIQUE (run_id, lift)
) STRICT;
-- table program_session
CREATE TABLE program_session (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    session_id INTEGER NOT NULL UNIQUE REFERENCES session (id) ON DELETE CASCADE,
    run_id     INTEGER NOT NULL REFERENCES program_run (id) ON DELETE CASCADE,
    week       INTEGER NOT NULL CHECK (week BETWEEN 0 AND 15),
    day        INTEGER NOT NULL CHECK (day BETWEEN 0 AND 6)
) STRICT;
-- table recovery_identity
CREATE TABLE recovery_identity (
    id         INTEGER PRIMARY KEY,
    identity   TEXT NOT NULL CHECK (identity LIKE 'AGE-SECRET-KEY-1%'),
    recipient  TEXT NOT NULL UNIQUE CHECK (recipient LIKE 'age1%'),
    created_at TEXT NOT NULL,
    retired_at TEXT
) STRICT;
-- table routine
CREATE TABLE "routine" (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
    name_key   TEXT NOT NULL UNIQUE,
    notes      TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
) STRICT;
-- table routine_exercise
CREATE TABLE "routine_exercise" (
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
-- table session
CREATE TABLE "session" (
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
-- table session_set
CREATE TABLE "session_set" (
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
-- table sync_clock
CREATE TABLE sync_clock (
    tbl    TEXT NOT NULL CHECK (length(tbl) BETWEEN 1 AND 40),
    row    ANY NOT NULL,
    field  TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 40),
    clock  INTEGER NOT NULL CHECK (clock >= 0),
    device BLOB NOT NULL CHECK (length(device) = 16),
    -- For a set's or routine entry's position: the position as sent, which may differ
    -- from the local one once two devices' rows were ordered by (position, clock, device).
    value  ANY,
    PRIMARY KEY (tbl, row, field)
) STRICT, WITHOUT ROWID;
-- table sync_cursor
CREATE TABLE "sync_cursor" (
    device   BLOB PRIMARY KEY NOT NULL CHECK (length(device) = 16),
    sequence INTEGER NOT NULL CHECK (sequence >= 0),
    hash     BLOB CHECK ((sequence = 0) = (hash IS NULL) AND (hash IS NULL OR length(hash) = 32))
) STRICT, WITHOUT ROWID;
-- table sync_device
CREATE TABLE sync_device (
    id         INTEGER PRIMARY KEY,
    -- The device's id, which names its directory in the sync folder.
    gid        BLOB NOT NULL UNIQUE CHECK (length(gid) = 16),
    -- What the person calls it (the computer's name when it joined).
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    joined_at  TEXT NOT NULL CHECK (length(joined_at) BETWEEN 1 AND 40),
    removed_at TEXT CHECK (removed_at IS NULL OR length(removed_at) BETWEEN 1 AND 40),
    last_kept  INTEGER CHECK (last_kept IS NULL OR last_kept >= 0),
    -- 1 while this device holds the family's WHOOP connection.
    whoop      INTEGER NOT NULL DEFAULT 0 CHECK (whoop IN (0, 1)),
    CHECK ((removed_at IS NULL) = (last_kept IS NULL))
) STRICT;
-- table sync_dirty
CREATE TABLE sync_dirty (
    tbl   TEXT NOT NULL CHECK (length(tbl) BETWEEN 1 AND 40),
    row   ANY NOT NULL,
    field TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 40),
    PRIMARY KEY (tbl, row, field)
) STRICT, WITHOUT ROWID;
-- table sync_held
CREATE TABLE sync_held (
    id     INTEGER PRIMARY KEY,
    clock  INTEGER NOT NULL CHECK (clock >= 0),
    device BLOB NOT NULL CHECK (length(device) = 16),
    change TEXT NOT NULL CHECK (json_valid(change)),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200)
) STRICT;
-- table sync_note
CREATE TABLE sync_note (
    id   INTEGER PRIMARY KEY,
    at   TEXT NOT NULL CHECK (length(at) BETWEEN 1 AND 40),
    tbl  TEXT NOT NULL CHECK (length(tbl) BETWEEN 1 AND 40),
    kind TEXT NOT NULL CHECK (kind IN ('renamed', 'replaced', 'concurrent')),
    text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
    -- The row not kept, its columns as they were (JSON), for 'replaced'.
    lost TEXT CHECK (lost IS NULL OR json_valid(lost))
) STRICT;
-- table sync_state
CREATE TABLE sync_state (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    -- 0 while a merge applies other devices' changes, which must not be sent back.
    capturing INTEGER NOT NULL DEFAULT 1 CHECK (capturing IN (0, 1)),
    -- This device's id among the family's devices.
    device    BLOB NOT NULL DEFAULT (randomblob(16)) CHECK (length(device) = 16),
    -- The last hybrid logical clock this device issued or adopted (src/sync/clock.rs).
    clock     INTEGER NOT NULL DEFAULT 0 CHECK (clock >= 0),
    -- The family of devices this one syncs with.
    family    BLOB NOT NULL DEFAULT (randomblob(16)) CHECK (length(family) = 16),
    -- The number of this device's last log file, and its SHA-256.
    sequence  INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    last_hash BLOB CHECK (last_hash IS NULL OR length(last_hash) = 32)
, folder TEXT CHECK (folder IS NULL OR length(folder) BETWEEN 1 AND 4096)) STRICT;
-- table training_setting
CREATE TABLE training_setting (
    key   TEXT PRIMARY KEY NOT NULL CHECK (length(key) <= 40),
    value TEXT NOT NULL CHECK (length(value) <= 400)
) STRICT;
-- table vault_meta
CREATE TABLE vault_meta (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
) STRICT;
-- table whoop_account
CREATE TABLE whoop_account (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    client_id         TEXT NOT NULL CHECK (length(client_id) BETWEEN 1 AND 200),
    client_secret     TEXT NOT NULL CHECK (length(client_secret) BETWEEN 1 AND 500),
    redirect_uri      TEXT NOT NULL CHECK (length(redirect_uri) BETWEEN 1 AND 500),
    state             TEXT NOT NULL DEFAULT 'not_connected'
                          CHECK (state IN ('not_connected', 'connected', 'needs_sign_in')),
    access_token      TEXT,
    refresh_token     TEXT,
    access_expires_at TEXT,
    scope             TEXT,
    connected_at      TEXT,
    updated_at        TEXT NOT NULL,
    CHECK ((access_token IS NULL) = (access_expires_at IS NULL))
) STRICT;
-- table whoop_body
CREATE TABLE whoop_body (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    height_meter    REAL NOT NULL,
    weight_kilogram REAL NOT NULL,
    max_heart_rate  INTEGER NOT NULL,
    raw             TEXT NOT NULL,
    fetched_at      TEXT NOT NULL
) STRICT;
-- table whoop_cycle
CREATE TABLE whoop_cycle (
    id                 INTEGER PRIMARY KEY,
    user_id            INTEGER NOT NULL,
    start              TEXT NOT NULL,
    "end"              TEXT,
    start_ms           INTEGER NOT NULL,
    end_ms             INTEGER,
    timezone_offset    TEXT NOT NULL,
    score_state        TEXT NOT NULL,
    strain             REAL,
    kilojoule          REAL,
    average_heart_rate INTEGER,
    max_heart_rate     INTEGER,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    raw                TEXT NOT NULL
) STRICT;
-- table whoop_match
CREATE TABLE whoop_match (
    workout_id         TEXT PRIMARY KEY NOT NULL CHECK (length(workout_id) BETWEEN 1 AND 64),
    gid                BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    session_id         INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,
    decision           TEXT NOT NULL CHECK (decision IN ('auto', 'confirmed', 'rejected')),
    decided_at         TEXT NOT NULL,
    sport_name         TEXT NOT NULL CHECK (length(sport_name) <= 100),
    start_ms           INTEGER NOT NULL,
    end_ms             INTEGER NOT NULL CHECK (end_ms >= start_ms),
    timezone_offset    TEXT NOT NULL CHECK (length(timezone_offset) <= 16),
    strain             REAL CHECK (strain BETWEEN 0 AND 21),
    average_heart_rate INTEGER CHECK (average_heart_rate BETWEEN 0 AND 300),
    max_heart_rate     INTEGER CHECK (max_heart_rate BETWEEN 0 AND 300),
    kilojoule          REAL CHECK (kilojoule >= 0),
    -- Milliseconds in WHOOP's heart-rate zones 0-5, as a JSON array of six integers, or
    -- NULL when the record had none.
    zone_ms            TEXT CHECK (zone_ms IS NULL OR (json_valid(zone_ms) AND json_array_length(zone_ms) = 6)),
    -- The last time the workout was still in the vault's WHOOP records; NULL once WHOOP
    -- deleted it.
    seen_at            TEXT
) STRICT;
-- table whoop_profile
CREATE TABLE whoop_profile (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    user_id    INTEGER NOT NULL,
    email      TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name  TEXT NOT NULL,
    raw        TEXT NOT NULL,
    fetched_at TEXT NOT NULL
) STRICT;
-- table whoop_recovery
CREATE TABLE whoop_recovery (
    cycle_id           INTEGER PRIMARY KEY,
    sleep_id           TEXT NOT NULL,
    user_id            INTEGER NOT NULL,
    start_ms           INTEGER NOT NULL,
    score_state        TEXT NOT NULL,
    recovery_score     REAL,
    resting_heart_rate REAL,
    hrv_rmssd_milli    REAL,
    spo2_percentage    REAL,
    skin_temp_celsius  REAL,
    user_calibrating   INTEGER CHECK (user_calibrating IN (0, 1)),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    raw                TEXT NOT NULL
) STRICT;
-- table whoop_sleep
CREATE TABLE whoop_sleep (
    id                           TEXT PRIMARY KEY NOT NULL,
    cycle_id                     INTEGER NOT NULL,
    user_id                      INTEGER NOT NULL,
    start                        TEXT NOT NULL,
    "end"                        TEXT NOT NULL,
    start_ms                     INTEGER NOT NULL,
    end_ms                       INTEGER NOT NULL,
    timezone_offset              TEXT NOT NULL,
    nap                          INTEGER NOT NULL CHECK (nap IN (0, 1)),
    score_state                  TEXT NOT NULL,
    sleep_performance_percentage REAL,
    sleep_efficiency_percentage  REAL,
    respiratory_rate             REAL,
    total_in_bed_time_milli      INTEGER,
    created_at                   TEXT NOT NULL,
    updated_at                   TEXT NOT NULL,
    raw                          TEXT NOT NULL
, light_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.stage_summary.total_light_sleep_time_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.stage_summary.total_light_sleep_time_milli') END) VIRTUAL, deep_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.stage_summary.total_slow_wave_sleep_time_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.stage_summary.total_slow_wave_sleep_time_milli') END) VIRTUAL, rem_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.stage_summary.total_rem_sleep_time_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.stage_summary.total_rem_sleep_time_milli') END) VIRTUAL, awake_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.stage_summary.total_awake_time_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.stage_summary.total_awake_time_milli') END) VIRTUAL, need_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.sleep_needed.baseline_milli') IN ('integer', 'real')
          AND json_type(raw, '$.score.sleep_needed.need_from_sleep_debt_milli') IN ('integer', 'real')
          AND json_type(raw, '$.score.sleep_needed.need_from_recent_strain_milli') IN ('integer', 'real')
          AND json_type(raw, '$.score.sleep_needed.need_from_recent_nap_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.sleep_needed.baseline_milli')
            + json_extract(raw, '$.score.sleep_needed.need_from_sleep_debt_milli')
            + json_extract(raw, '$.score.sleep_needed.need_from_recent_strain_milli')
            + json_extract(raw, '$.score.sleep_needed.need_from_recent_nap_milli') END) VIRTUAL) STRICT;
-- table whoop_sync_state
CREATE TABLE whoop_sync_state (
    collection      TEXT PRIMARY KEY CHECK (collection IN
                        ('profile', 'body', 'cycles', 'recoveries', 'sleeps', 'workouts')),
    covered_from_ms INTEGER,
    covered_to_ms   INTEGER,
    last_sync_at    TEXT,
    last_error      TEXT,
    CHECK ((covered_from_ms IS NULL) = (covered_to_ms IS NULL)),
    CHECK (covered_from_ms IS NULL OR covered_from_ms <= covered_to_ms)
) STRICT;
-- table whoop_workout
CREATE TABLE whoop_workout (
    id                 TEXT PRIMARY KEY NOT NULL,
    user_id            INTEGER NOT NULL,
    start              TEXT NOT NULL,
    "end"              TEXT NOT NULL,
    start_ms           INTEGER NOT NULL,
    end_ms             INTEGER NOT NULL,
    timezone_offset    TEXT NOT NULL,
    sport_name         TEXT NOT NULL,
    score_state        TEXT NOT NULL,
    strain             REAL,
    average_heart_rate INTEGER,
    max_heart_rate     INTEGER,
    kilojoule          REAL,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    raw                TEXT NOT NULL
) STRICT;
-- trigger exercise_record_renamed
CREATE TRIGGER exercise_record_renamed AFTER UPDATE OF name ON exercise BEGIN
    DELETE FROM exercise_record WHERE exercise_id = new.id;
END;
-- trigger exercise_record_session_moved
CREATE TRIGGER exercise_record_session_moved AFTER UPDATE OF started_at ON session BEGIN
    DELETE FROM exercise_record
     WHERE exercise_id IN (SELECT exercise_id FROM session_set WHERE session_id = new.id);
END;
-- trigger exercise_record_set_added
CREATE TRIGGER exercise_record_set_added AFTER INSERT ON session_set BEGIN
    DELETE FROM exercise_record WHERE exercise_id = new.exercise_id;
END;
-- trigger exercise_record_set_changed
CREATE TRIGGER exercise_record_set_changed AFTER UPDATE ON session_set BEGIN
    DELETE FROM exercise_record WHERE exercise_id IN (old.exercise_id, new.exercise_id);
END;
-- trigger exercise_record_set_removed
CREATE TRIGGER exercise_record_set_removed AFTER DELETE ON session_set BEGIN
    DELETE FROM exercise_record WHERE exercise_id = old.exercise_id;
END;
-- trigger sync_body_measurement_delete
CREATE TRIGGER sync_body_measurement_delete AFTER DELETE ON body_measurement WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('body_measurement', old.gid, '-');
END;
-- trigger sync_body_measurement_insert
CREATE TRIGGER sync_body_measurement_insert AFTER INSERT ON body_measurement WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('body_measurement', new.gid, '+');
END;
-- trigger sync_body_measurement_update
CREATE TRIGGER sync_body_measurement_update AFTER UPDATE ON body_measurement WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'body_measurement', new.gid, field FROM (
            SELECT 'measured_at' AS field WHERE old.measured_at IS NOT new.measured_at
            UNION ALL SELECT 'length_unit' AS field WHERE old.length_unit IS NOT new.length_unit
            UNION ALL SELECT 'waist_milli' AS field WHERE old.waist_milli IS NOT new.waist_milli
            UNION ALL SELECT 'chest_milli' AS field WHERE old.chest_milli IS NOT new.chest_milli
            UNION ALL SELECT 'arms_milli' AS field WHERE old.arms_milli IS NOT new.arms_milli
            UNION ALL SELECT 'thighs_milli' AS field WHERE old.thighs_milli IS NOT new.thighs_milli
            UNION ALL SELECT 'body_fat_milli' AS field WHERE old.body_fat_milli IS NOT new.body_fat_milli
            UNION ALL SELECT 'note' AS field WHERE old.note IS NOT new.note
        );
END;
-- trigger sync_body_weight_delete
CREATE TRIGGER sync_body_weight_delete AFTER DELETE ON body_weight WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('body_weight', old.gid, '-');
END;
-- trigger sync_body_weight_insert
CREATE TRIGGER sync_body_weight_insert AFTER INSERT ON body_weight WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('body_weight', new.gid, '+');
END;
-- trigger sync_body_weight_update
CREATE TRIGGER sync_body_weight_update AFTER UPDATE ON body_weight WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'body_weight', new.gid, field FROM (
            SELECT 'measured_at' AS field WHERE old.measured_at IS NOT new.measured_at
            UNION ALL SELECT 'weight' AS field WHERE old.weight_milli IS NOT new.weight_milli OR old.weight_unit IS NOT new.weight_unit OR old.weight_kg IS NOT new.weight_kg
            UNION ALL SELECT 'source' AS field WHERE old.source IS NOT new.source
        );
END;
-- trigger sync_exercise_delete
CREATE TRIGGER sync_exercise_delete AFTER DELETE ON exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('exercise', old.gid, '-');
END;
-- trigger sync_exercise_insert
CREATE TRIGGER sync_exercise_insert AFTER INSERT ON exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('exercise', new.gid, '+');
END;
-- trigger sync_exercise_loading_delete
CREATE TRIGGER sync_exercise_loading_delete AFTER DELETE ON exercise_loading WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('exercise_loading', old.gid, '-');
END;
-- trigger sync_exercise_loading_insert
CREATE TRIGGER sync_exercise_loading_insert AFTER INSERT ON exercise_loading WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('exercise_loading', new.gid, '+');
END;
-- trigger sync_exercise_loading_update
CREATE TRIGGER sync_exercise_loading_update AFTER UPDATE ON exercise_loading WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'exercise_loading', new.gid, field FROM (
            SELECT 'exercise_id' AS field WHERE old.exercise_id IS NOT new.exercise_id
            UNION ALL SELECT 'increment' AS field WHERE old.increment_milli IS NOT new.increment_milli OR old.increment_unit IS NOT new.increment_unit
            UNION ALL SELECT 'max' AS field WHERE old.max_milli IS NOT new.max_milli OR old.max_unit IS NOT new.max_unit
        );
END;
-- trigger sync_exercise_update
CREATE TRIGGER sync_exercise_update AFTER UPDATE ON exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'exercise', new.gid, field FROM (
            SELECT 'name' AS field WHERE old.name IS NOT new.name OR old.name_key IS NOT new.name_key
            UNION ALL SELECT 'kind' AS field WHERE old.kind IS NOT new.kind
            UNION ALL SELECT 'muscle' AS field WHERE old.muscle IS NOT new.muscle
            UNION ALL SELECT 'equipment' AS field WHERE old.equipment IS NOT new.equipment
            UNION ALL SELECT 'builtin' AS field WHERE old.builtin IS NOT new.builtin
            UNION ALL SELECT 'archived' AS field WHERE old.archived IS NOT new.archived
            UNION ALL SELECT 'needs_review' AS field WHERE old.needs_review IS NOT new.needs_review
            UNION ALL SELECT 'merged_into' AS field WHERE old.merged_into IS NOT new.merged_into
            UNION ALL SELECT 'slug' AS field WHERE old.slug IS NOT new.slug
        );
END;
-- trigger sync_journal_entry_delete
CREATE TRIGGER sync_journal_entry_delete AFTER DELETE ON journal_entry WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_entry', old.gid, '-');
END;
-- trigger sync_journal_entry_insert
CREATE TRIGGER sync_journal_entry_insert AFTER INSERT ON journal_entry WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_entry', new.gid, '+');
END;
-- trigger sync_journal_entry_tag_delete
CREATE TRIGGER sync_journal_entry_tag_delete AFTER DELETE ON journal_entry_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_entry_tag', old.gid, '-');
END;
-- trigger sync_journal_entry_tag_insert
CREATE TRIGGER sync_journal_entry_tag_insert AFTER INSERT ON journal_entry_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_entry_tag', new.gid, '+');
END;
-- trigger sync_journal_entry_tag_update
CREATE TRIGGER sync_journal_entry_tag_update AFTER UPDATE ON journal_entry_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'journal_entry_tag', new.gid, field FROM (
            SELECT 'entry_id' AS field WHERE old.entry_id IS NOT new.entry_id
            UNION ALL SELECT 'tag_id' AS field WHERE old.tag_id IS NOT new.tag_id
        );
END;
-- trigger sync_journal_entry_update
CREATE TRIGGER sync_journal_entry_update AFTER UPDATE ON journal_entry WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'journal_entry', new.gid, field FROM (
            SELECT 'day' AS field WHERE old.day IS NOT new.day
            UNION ALL SELECT 'note' AS field WHERE old.note IS NOT new.note
            UNION ALL SELECT 'updated_at' AS field WHERE old.updated_at IS NOT new.updated_at
        );
END;
-- trigger sync_journal_tag_delete
CREATE TRIGGER sync_journal_tag_delete AFTER DELETE ON journal_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_tag', old.gid, '-');
END;
-- trigger sync_journal_tag_insert
CREATE TRIGGER sync_journal_tag_insert AFTER INSERT ON journal_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_tag', new.gid, '+');
END;
-- trigger sync_journal_tag_update
CREATE TRIGGER sync_journal_tag_update AFTER UPDATE ON journal_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'journal_tag', new.gid, field FROM (
            SELECT 'name' AS field WHERE old.name IS NOT new.name OR old.name_key IS NOT new.name_key
            UNION ALL SELECT 'builtin' AS field WHERE old.builtin IS NOT new.builtin
        );
END;
-- trigger sync_program_delete
CREATE TRIGGER sync_program_delete AFTER DELETE ON program WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program', old.gid, '-');
END;
-- trigger sync_program_event_delete
CREATE TRIGGER sync_program_event_delete AFTER DELETE ON program_event WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_event', old.gid, '-');
END;
-- trigger sync_program_event_insert
CREATE TRIGGER sync_program_event_insert AFTER INSERT ON program_event WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_event', new.gid, '+');
END;
-- trigger sync_program_event_update
CREATE TRIGGER sync_program_event_update AFTER UPDATE ON program_event WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'program_event', new.gid, field FROM (
            SELECT 'run_id' AS field WHERE old.run_id IS NOT new.run_id
            UNION ALL SELECT 'at' AS field WHERE old.at IS NOT new.at
            UNION ALL SELECT 'event' AS field WHERE old.kind IS NOT new.kind OR old.lift IS NOT new.lift OR old.weight_milli IS NOT new.weight_milli OR old.weight_unit IS NOT new.weight_unit OR old.week IS NOT new.week OR old.day IS NOT new.day
        );
END;
-- trigger sync_program_insert
CREATE TRIGGER sync_program_insert AFTER INSERT ON program WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program', new.gid, '+');
END;
-- trigger sync_program_run_delete
CREATE TRIGGER sync_program_run_delete AFTER DELETE ON program_run WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_run', old.gid, '-');
END;
-- trigger sync_program_run_insert
CREATE TRIGGER sync_program_run_insert AFTER INSERT ON program_run WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_run', new.gid, '+');
END;
-- trigger sync_program_run_max_delete
CREATE TRIGGER sync_program_run_max_delete AFTER DELETE ON program_run_max WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_run_max', old.gid, '-');
END;
-- trigger sync_program_run_max_insert
CREATE TRIGGER sync_program_run_max_insert AFTER INSERT ON program_run_max WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_run_max', new.gid, '+');
END;
-- trigger sync_program_run_max_update
CREATE TRIGGER sync_program_run_max_update AFTER UPDATE ON program_run_max WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'program_run_max', new.gid, field FROM (
            SELECT 'run_id' AS field WHERE old.run_id IS NOT new.run_id
            UNION ALL SELECT 'lift' AS field WHERE old.lift IS NOT new.lift
            UNION ALL SELECT 'weight' AS field WHERE old.weight_milli IS NOT new.weight_milli OR old.weight_unit IS NOT new.weight_unit
        );
END;
-- trigger sync_program_run_update
CREATE TRIGGER sync_program_run_update AFTER UPDATE ON program_run WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'program_run', new.gid, field FROM (
            SELECT 'program_id' AS field WHERE old.program_id IS NOT new.program_id
            UNION ALL SELECT 'started_at' AS field WHERE old.started_at IS NOT new.started_at
            UNION ALL SELECT 'stopped_at' AS field WHERE old.stopped_at IS NOT new.stopped_at
        );
END;
-- trigger sync_program_session_delete
CREATE TRIGGER sync_program_session_delete AFTER DELETE ON program_session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_session', old.gid, '-');
END;
-- trigger sync_program_session_insert
CREATE TRIGGER sync_program_session_insert AFTER INSERT ON program_session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_session', new.gid, '+');
END;
-- trigger sync_program_session_update
CREATE TRIGGER sync_program_session_update AFTER UPDATE ON program_session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'program_session', new.gid, field FROM (
            SELECT 'session_id' AS field WHERE old.session_id IS NOT new.session_id
            UNION ALL SELECT 'run_id' AS field WHERE old.run_id IS NOT new.run_id
            UNION ALL SELECT 'week' AS field WHERE old.week IS NOT new.week
            UNION ALL SELECT 'day' AS field WHERE old.day IS NOT new.day
        );
END;
-- trigger sync_program_update
CREATE TRIGGER sync_program_update AFTER UPDATE ON program WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'program', new.gid, field FROM (
            SELECT 'name' AS field WHERE old.name IS NOT new.name OR old.name_key IS NOT new.name_key
            UNION ALL SELECT 'author' AS field WHERE old.author IS NOT new.author
            UNION ALL SELECT 'source' AS field WHERE old.source IS NOT new.source
            UNION ALL SELECT 'document' AS field WHERE old.document IS NOT new.document
            UNION ALL SELECT 'created_at' AS field WHERE old.created_at IS NOT new.created_at
            UNION ALL SELECT 'updated_at' AS field WHERE old.updated_at IS NOT new.updated_at
        );
END;
-- trigger sync_routine_delete
CREATE TRIGGER sync_routine_delete AFTER DELETE ON routine WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('routine', old.gid, '-');
END;
-- trigger sync_routine_exercise_delete
CREATE TRIGGER sync_routine_exercise_delete AFTER DELETE ON routine_exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('routine_exercise', old.gid, '-');
END;
-- trigger sync_routine_exercise_insert
CREATE TRIGGER sync_routine_exercise_insert AFTER INSERT ON routine_exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('routine_exercise', new.gid, '+');
END;
-- trigger sync_routine_exercise_update
CREATE TRIGGER sync_routine_exercise_update AFTER UPDATE ON routine_exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'routine_exercise', new.gid, field FROM (
            SELECT 'routine_id' AS field WHERE old.routine_id IS NOT new.routine_id
            UNION ALL SELECT 'position' AS field WHERE old.position IS NOT new.position
            UNION ALL SELECT 'exercise_id' AS field WHERE old.exercise_id IS NOT new.exercise_id
            UNION ALL SELECT 'target_sets' AS field WHERE old.target_sets IS NOT new.target_sets
            UNION ALL SELECT 'reps' AS field WHERE old.reps_min IS NOT new.reps_min OR old.reps_max IS NOT new.reps_max
            UNION ALL SELECT 'weight' AS field WHERE old.weight_milli IS NOT new.weight_milli OR old.weight_unit IS NOT new.weight_unit
            UNION ALL SELECT 'rest_seconds' AS field WHERE old.rest_seconds IS NOT new.rest_seconds
            UNION ALL SELECT 'superset' AS field WHERE old.superset IS NOT new.superset
        );
END;
-- trigger sync_routine_insert
CREATE TRIGGER sync_routine_insert AFTER INSERT ON routine WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('routine', new.gid, '+');
END;
-- trigger sync_routine_update
CREATE TRIGGER sync_routine_update AFTER UPDATE ON routine WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'routine', new.gid, field FROM (
            SELECT 'name' AS field WHERE old.name IS NOT new.name OR old.name_key IS NOT new.name_key
            UNION ALL SELECT 'notes' AS field WHERE old.notes IS NOT new.notes
            UNION ALL SELECT 'created_at' AS field WHERE old.created_at IS NOT new.created_at
            UNION ALL SELECT 'updated_at' AS field WHERE old.updated_at IS NOT new.updated_at
        );
END;
-- trigger sync_session_delete
CREATE TRIGGER sync_session_delete AFTER DELETE ON session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('session', old.gid, '-');
END;
-- trigger sync_session_insert
CREATE TRIGGER sync_session_insert AFTER INSERT ON session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('session', new.gid, '+');
END;
-- trigger sync_session_set_delete
CREATE TRIGGER sync_session_set_delete AFTER DELETE ON session_set WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('session_set', old.gid, '-');
END;
-- trigger sync_session_set_insert
CREATE TRIGGER sync_session_set_insert AFTER INSERT ON session_set WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('session_set', new.gid, '+');
END;
-- trigger sync_session_set_update
CREATE TRIGGER sync_session_set_update AFTER UPDATE ON session_set WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'session_set', new.gid, field FROM (
            SELECT 'session_id' AS field WHERE old.session_id IS NOT new.session_id
            UNION ALL SELECT 'exercise_id' AS field WHERE old.exercise_id IS NOT new.exercise_id
            UNION ALL SELECT 'position' AS field WHERE old.position IS NOT new.position
            UNION ALL SELECT 'weight' AS field WHERE old.weight_milli IS NOT new.weight_milli OR old.weight_unit IS NOT new.weight_unit OR old.weight_kg IS NOT new.weight_kg
            UNION ALL SELECT 'reps' AS field WHERE old.reps IS NOT new.reps
            UNION ALL SELECT 'rpe_half' AS field WHERE old.rpe_half IS NOT new.rpe_half
            UNION ALL SELECT 'kind' AS field WHERE old.kind IS NOT new.kind
            UNION ALL SELECT 'done' AS field WHERE old.done IS NOT new.done
            UNION ALL SELECT 'duration_s' AS field WHERE old.duration_s IS NOT new.duration_s
            UNION ALL SELECT 'distance' AS field WHERE old.distance_milli IS NOT new.distance_milli OR old.distance_unit IS NOT new.distance_unit
            UNION ALL SELECT 'superset' AS field WHERE old.superset IS NOT new.superset
            UNION ALL SELECT 'notes' AS field WHERE old.notes IS NOT new.notes
            UNION ALL SELECT 'import_key' AS field WHERE old.import_key IS NOT new.import_key
        );
END;
-- trigger sync_session_update
CREATE TRIGGER sync_session_update AFTER UPDATE ON session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'session', new.gid, field FROM (
            SELECT 'name' AS field WHERE old.name IS NOT new.name
            UNION ALL SELECT 'started_at' AS field WHERE old.started_at IS NOT new.started_at
            UNION ALL SELECT 'ended_at' AS field WHERE old.ended_at IS NOT new.ended_at
            UNION ALL SELECT 'notes' AS field WHERE old.notes IS NOT new.notes
            UNION ALL SELECT 'routine_id' AS field WHERE old.routine_id IS NOT new.routine_id
            UNION ALL SELECT 'source' AS field WHERE old.source IS NOT new.source
        );
END;
-- trigger sync_sync_device_delete
CREATE TRIGGER sync_sync_device_delete AFTER DELETE ON sync_device WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('sync_device', old.gid, '-');
END;
-- trigger sync_sync_device_insert
CREATE TRIGGER sync_sync_device_insert AFTER INSERT ON sync_device WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('sync_device', new.gid, '+');
END;
-- trigger sync_sync_device_update
CREATE TRIGGER sync_sync_device_update AFTER UPDATE ON sync_device WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'sync_device', new.gid, field FROM (
            SELECT 'name' AS field WHERE old.name IS NOT new.name
            UNION ALL SELECT 'joined_at' AS field WHERE old.joined_at IS NOT new.joined_at
            UNION ALL SELECT 'removed' AS field WHERE old.removed_at IS NOT new.removed_at OR old.last_kept IS NOT new.last_kept
            UNION ALL SELECT 'whoop' AS field WHERE old.whoop IS NOT new.whoop
        );
END;
-- trigger sync_training_setting_delete
CREATE TRIGGER sync_training_setting_delete AFTER DELETE ON training_setting WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('training_setting', old.key, '-');
END;
-- trigger sync_training_setting_insert
CREATE TRIGGER sync_training_setting_insert AFTER INSERT ON training_setting WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('training_setting', new.key, '+');
END;
-- trigger sync_training_setting_update
CREATE TRIGGER sync_training_setting_update AFTER UPDATE ON training_setting WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'training_setting', new.key, field FROM (
            SELECT 'value' AS field WHERE old.value IS NOT new.value
        );
END;
-- trigger sync_whoop_body_delete
CREATE TRIGGER sync_whoop_body_delete AFTER DELETE ON whoop_body WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_body', old.id, '-');
END;
-- trigger sync_whoop_body_insert
CREATE TRIGGER sync_whoop_body_insert AFTER INSERT ON whoop_body WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_body', new.id, '+');
END;
-- trigger sync_whoop_body_update
CREATE TRIGGER sync_whoop_body_update AFTER UPDATE ON whoop_body WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_body', new.id, field FROM (
            SELECT 'record' AS field WHERE old.height_meter IS NOT new.height_meter OR old.weight_kilogram IS NOT new.weight_kilogram OR old.max_heart_rate IS NOT new.max_heart_rate OR old.raw IS NOT new.raw OR old.fetched_at IS NOT new.fetched_at
        );
END;
-- trigger sync_whoop_cycle_delete
CREATE TRIGGER sync_whoop_cycle_delete AFTER DELETE ON whoop_cycle WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_cycle', old.id, '-');
END;
-- trigger sync_whoop_cycle_insert
CREATE TRIGGER sync_whoop_cycle_insert AFTER INSERT ON whoop_cycle WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_cycle', new.id, '+');
END;
-- trigger sync_whoop_cycle_update
CREATE TRIGGER sync_whoop_cycle_update AFTER UPDATE ON whoop_cycle WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_cycle', new.id, field FROM (
            SELECT 'record' AS field WHERE old.user_id IS NOT new.user_id OR old.start IS NOT new.start OR old.end IS NOT new.end OR old.start_ms IS NOT new.start_ms OR old.end_ms IS NOT new.end_ms OR old.timezone_offset IS NOT new.timezone_offset OR old.score_state IS NOT new.score_state OR old.strain IS NOT new.strain OR old.kilojoule IS NOT new.kilojoule OR old.average_heart_rate IS NOT new.average_heart_rate OR old.max_heart_rate IS NOT new.max_heart_rate OR old.created_at IS NOT new.created_at OR old.updated_at IS NOT new.updated_at OR old.raw IS NOT new.raw
        );
END;
-- trigger sync_whoop_match_delete
CREATE TRIGGER sync_whoop_match_delete AFTER DELETE ON whoop_match WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_match', old.workout_id, '-');
END;
-- trigger sync_whoop_match_insert
CREATE TRIGGER sync_whoop_match_insert AFTER INSERT ON whoop_match WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_match', new.workout_id, '+');
END;
-- trigger sync_whoop_match_update
CREATE TRIGGER sync_whoop_match_update AFTER UPDATE ON whoop_match WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_match', new.workout_id, field FROM (
            SELECT 'session_id' AS field WHERE old.session_id IS NOT new.session_id
            UNION ALL SELECT 'decision' AS field WHERE old.decision IS NOT new.decision OR old.decided_at IS NOT new.decided_at
            UNION ALL SELECT 'workout' AS field WHERE old.sport_name IS NOT new.sport_name OR old.start_ms IS NOT new.start_ms OR old.end_ms IS NOT new.end_ms OR old.timezone_offset IS NOT new.timezone_offset OR old.strain IS NOT new.strain OR old.average_heart_rate IS NOT new.average_heart_rate OR old.max_heart_rate IS NOT new.max_heart_rate OR old.kilojoule IS NOT new.kilojoule OR old.zone_ms IS NOT new.zone_ms
            UNION ALL SELECT 'seen_at' AS field WHERE old.seen_at IS NOT new.seen_at
        );
END;
-- trigger sync_whoop_profile_delete
CREATE TRIGGER sync_whoop_profile_delete AFTER DELETE ON whoop_profile WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_profile', old.id, '-');
END;
-- trigger sync_whoop_profile_insert
CREATE TRIGGER sync_whoop_profile_insert AFTER INSERT ON whoop_profile WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_profile', new.id, '+');
END;
-- trigger sync_whoop_profile_update
CREATE TRIGGER sync_whoop_profile_update AFTER UPDATE ON whoop_profile WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_profile', new.id, field FROM (
            SELECT 'record' AS field WHERE old.user_id IS NOT new.user_id OR old.email IS NOT new.email OR old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name OR old.raw IS NOT new.raw OR old.fetched_at IS NOT new.fetched_at
        );
END;
-- trigger sync_whoop_recovery_delete
CREATE TRIGGER sync_whoop_recovery_delete AFTER DELETE ON whoop_recovery WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_recovery', old.cycle_id, '-');
END;
-- trigger sync_whoop_recovery_insert
CREATE TRIGGER sync_whoop_recovery_insert AFTER INSERT ON whoop_recovery WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_recovery', new.cycle_id, '+');
END;
-- trigger sync_whoop_recovery_update
CREATE TRIGGER sync_whoop_recovery_update AFTER UPDATE ON whoop_recovery WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_recovery', new.cycle_id, field FROM (
            SELECT 'record' AS field WHERE old.sleep_id IS NOT new.sleep_id OR old.user_id IS NOT new.user_id OR old.start_ms IS NOT new.start_ms OR old.score_state IS NOT new.score_state OR old.recovery_score IS NOT new.recovery_score OR old.resting_heart_rate IS NOT new.resting_heart_rate OR old.hrv_rmssd_milli IS NOT new.hrv_rmssd_milli OR old.spo2_percentage IS NOT new.spo2_percentage OR old.skin_temp_celsius IS NOT new.skin_temp_celsius OR old.user_calibrating IS NOT new.user_calibrating OR old.created_at IS NOT new.created_at OR old.updated_at IS NOT new.updated_at OR old.raw IS NOT new.raw
        );
END;
-- trigger sync_whoop_sleep_delete
CREATE TRIGGER sync_whoop_sleep_delete AFTER DELETE ON whoop_sleep WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_sleep', old.id, '-');
END;
-- trigger sync_whoop_sleep_insert
CREATE TRIGGER sync_whoop_sleep_insert AFTER INSERT ON whoop_sleep WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_sleep', new.id, '+');
END;
-- trigger sync_whoop_sleep_update
CREATE TRIGGER sync_whoop_sleep_update AFTER UPDATE ON whoop_sleep WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_sleep', new.id, field FROM (
            SELECT 'record' AS field WHERE old.cycle_id IS NOT new.cycle_id OR old.user_id IS NOT new.user_id OR old.start IS NOT new.start OR old.end IS NOT new.end OR old.start_ms IS NOT new.start_ms OR old.end_ms IS NOT new.end_ms OR old.timezone_offset IS NOT new.timezone_offset OR old.nap IS NOT new.nap OR old.score_state IS NOT new.score_state OR old.sleep_performance_percentage IS NOT new.sleep_performance_percentage OR old.sleep_efficiency_percentage IS NOT new.sleep_efficiency_percentage OR old.respiratory_rate IS NOT new.respiratory_rate OR old.total_in_bed_time_milli IS NOT new.total_in_bed_time_milli OR old.created_at IS NOT new.created_at OR old.updated_at IS NOT new.updated_at OR old.raw IS NOT new.raw
        );
END;
-- trigger sync_whoop_workout_delete
CREATE TRIGGER sync_whoop_workout_delete AFTER DELETE ON whoop_workout WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_workout', old.id, '-');
END;
-- trigger sync_whoop_workout_insert
CREATE TRIGGER sync_whoop_workout_insert AFTER INSERT ON whoop_workout WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_workout', new.id, '+');
END;
-- trigger sync_whoop_workout_update
CREATE TRIGGER sync_whoop_workout_update AFTER UPDATE ON whoop_workout WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_workout', new.id, field FROM (
            SELECT 'record' AS field WHERE old.user_id IS NOT new.user_id OR old.start IS NOT new.start OR old.end IS NOT new.end OR old.start_ms IS NOT new.start_ms OR old.end_ms IS NOT new.end_ms OR old.timezone_offset IS NOT new.timezone_offset OR old.sport_name IS NOT new.sport_name OR old.score_state IS NOT new.score_state OR old.strain IS NOT new.strain OR old.average_heart_rate IS NOT new.average_heart_rate OR old.max_heart_rate IS NOT new.max_heart_rate OR old.kilojoule IS NOT new.kilojoule OR old.created_at IS NOT new.created_at OR old.updated_at IS NOT new.updated_at OR old.raw IS NOT new.raw
        );
END;
