-- The private journal: per local calendar day, the tags the user ticked and a note.
--
-- Tags are rows: the eight built-in ones (inserted here, `builtin` = 1) and the user's
-- own, each named as typed and compared by `name_key` (lowercase, `-` and `_` read as
-- spaces, inner whitespace collapsed: computed in the core). Entries are one per day
-- (`YYYY-MM-DD`, the user's local date); the tags ticked on a day are rows of
-- `journal_entry_tag`. Every row of user data carries a random 128-bit `gid`, like
-- `body_measurement`, so a later sync between devices can name it.
--
-- (Numbered 8 for the lead's merge order; registered as version 6 on the `journal`
-- branch until migrations 6 and 7 land.)

CREATE TABLE journal_tag (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    name_key   TEXT NOT NULL UNIQUE CHECK (length(name_key) BETWEEN 1 AND 40),
    builtin    INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1))
) STRICT;

INSERT INTO journal_tag (name, name_key, builtin) VALUES
    ('alcohol', 'alcohol', 1),
    ('late meal', 'late meal', 1),
    ('caffeine after 2 pm', 'caffeine after 2 pm', 1),
    ('travel', 'travel', 1),
    ('illness', 'illness', 1),
    ('stress', 'stress', 1),
    ('stretching', 'stretching', 1),
    ('sauna', 'sauna', 1);

CREATE TABLE journal_entry (
    id         INTEGER PRIMARY KEY,
    gid        BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    day        TEXT NOT NULL UNIQUE
                   CHECK (length(day) = 10 AND day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE journal_entry_tag (
    id       INTEGER PRIMARY KEY,
    gid      BLOB NOT NULL UNIQUE DEFAULT (randomblob(16)) CHECK (length(gid) = 16),
    entry_id INTEGER NOT NULL REFERENCES journal_entry (id) ON DELETE CASCADE,
    tag_id   INTEGER NOT NULL REFERENCES journal_tag (id),
    UNIQUE (entry_id, tag_id)
) STRICT;
CREATE INDEX journal_entry_tag_tag ON journal_entry_tag (tag_id);

-- The comparison reads one row per WHOOP day from tables whose rows carry each record's
-- raw JSON; these covering indexes let it read only the few columns it needs (measured
-- in BENCHMARKS.md).
CREATE INDEX whoop_cycle_day ON whoop_cycle (start_ms, timezone_offset);
CREATE INDEX whoop_recovery_day ON whoop_recovery (start_ms, score_state, recovery_score, hrv_rmssd_milli);
CREATE INDEX whoop_sleep_day ON whoop_sleep (end_ms, nap, score_state, timezone_offset,
    sleep_performance_percentage);
