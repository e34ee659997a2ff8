-- WHOOP: the user's own app credentials, the OAuth tokens, per-collection sync state, and
-- a local copy of every WHOOP record.
--
-- Secrets (client secret, access and refresh tokens) live only here, inside the encrypted
-- vault. Each record keeps its parsed columns beside `raw`, the JSON exactly as WHOOP last
-- sent it; records are upserted by WHOOP id. `*_ms` columns are UTC milliseconds since the
-- Unix epoch, used for sync windows and joins; the text times are as WHOOP sent them.

-- One row: the connection to WHOOP.
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

-- What each collection's last sync covered: [covered_from_ms, covered_to_ms) is fully
-- synced (records WHOOP no longer returns there were deleted). Resuming starts from time.
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

CREATE TABLE whoop_profile (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    user_id    INTEGER NOT NULL,
    email      TEXT NOT NULL,
    first_name TEXT NOT NULL,
    last_name  TEXT NOT NULL,
    raw        TEXT NOT NULL,
    fetched_at TEXT NOT NULL
) STRICT;

CREATE TABLE whoop_body (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    height_meter    REAL NOT NULL,
    weight_kilogram REAL NOT NULL,
    max_heart_rate  INTEGER NOT NULL,
    raw             TEXT NOT NULL,
    fetched_at      TEXT NOT NULL
) STRICT;

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

CREATE INDEX whoop_cycle_start ON whoop_cycle (start_ms);

-- One recovery per cycle. `start_ms` is its cycle's start (the time WHOOP windows it by).
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

CREATE INDEX whoop_recovery_start ON whoop_recovery (start_ms);

-- Sleeps, naps included (`nap` = 1).
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
) STRICT;

CREATE INDEX whoop_sleep_start ON whoop_sleep (start_ms);

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

CREATE INDEX whoop_workout_start ON whoop_workout (start_ms);
