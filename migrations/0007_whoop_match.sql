-- WHOOP workouts matched to lifting sessions.
--
-- One row per WHOOP workout that was ever matched, keyed by WHOOP's workout id. There is
-- no foreign key to `whoop_workout`: a sync replaces rescored records and deletes the ones
-- WHOOP no longer returns, and a match must survive both (a workout WHOOP deleted then
-- shows as deleted, with the figures last seen). The figures are copied here each time the
-- matches are refreshed for that reason. Deleting the session deletes its matches.
--
-- `decision` is who decided: 'auto' (the overlap rule; refreshed as sessions and workouts
-- change), 'confirmed' (the lifter kept it or moved it to this session; never changed by
-- the rule), 'rejected' (the lifter said it is not this session; the rule will not match
-- it again, to any session). Each row has a random 128-bit global id, like every table of
-- user data since schema 5.
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

CREATE INDEX whoop_match_session ON whoop_match (session_id);
