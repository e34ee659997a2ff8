-- Body measurements beside the body weight, and global row ids for both.
--
-- Every row of these user tables gets a `gid`: a random 128-bit id (SQLite's randomblob,
-- seeded from the OS), unique, never reused, so that a later sync between devices can
-- name a row that has a different local `id` on each device.
--
-- `ALTER TABLE ADD COLUMN` cannot add a UNIQUE NOT NULL column with a per-row default, so
-- body_weight is rebuilt: every row is copied with its id and every value exactly as it
-- was, and only the new gid is filled in.

CREATE TABLE body_weight_v5 (
    id           INTEGER PRIMARY KEY,
    gid          BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    measured_at  TEXT NOT NULL,
    weight_milli INTEGER NOT NULL CHECK (weight_milli > 0),
    weight_unit  TEXT NOT NULL CHECK (weight_unit IN ('kg', 'lb')),
    weight_kg    REAL NOT NULL CHECK (weight_kg > 0 AND weight_kg <= 1000),
    source       TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'whoop')),
    UNIQUE (measured_at, source)
) STRICT;
INSERT INTO body_weight_v5 (id, measured_at, weight_milli, weight_unit, weight_kg, source)
    SELECT id, measured_at, weight_milli, weight_unit, weight_kg, source FROM body_weight ORDER BY id;
DROP TABLE body_weight;
ALTER TABLE body_weight_v5 RENAME TO body_weight;

-- Tape measurements and body fat, as typed: lengths in thousandths of the entry's unit
-- (cm or in), body fat in thousandths of a percent. At least one is present.
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
CREATE INDEX body_measurement_time ON body_measurement (measured_at);
