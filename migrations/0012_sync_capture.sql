-- Capturing changes for sync (docs/sync.md): while this device captures (a `sync_state`
-- row with `capturing` = 1), triggers on every synced table mark in `sync_dirty` the rows
-- inserted (field '+') or deleted ('-') and the fields an update changed, by the identity
-- that names the row on every device. The next sync step reads the marks, seals the
-- values into a change file and clears them. Without a `sync_state` row (sync off, every
-- vault until the user turns it on) the triggers do nothing, so no mark piles up.
-- Sealing the marks stamps them with the device's clock and keeps each field's clock in
-- `sync_clock`.
--
-- The triggers are generated from src/sync/tables.rs (`capture_triggers`); a test checks
-- that the schema holds exactly what that description makes, and that every table and
-- column of the schema is either synced or kept on the device with a reason.

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
) STRICT;

-- How far this device has read each other device's log: the last file merged and its
-- SHA-256 (the next file must name it as its previous).
CREATE TABLE sync_cursor (
    device   BLOB PRIMARY KEY NOT NULL CHECK (length(device) = 16),
    sequence INTEGER NOT NULL CHECK (sequence >= 1),
    hash     BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT, WITHOUT ROWID;

-- When each synced field last changed, and on which device, for last-writer-wins: field
-- '+' is a row's creation (every field as of that clock), '-' its deletion, any other
-- name one field changed since.
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

-- Other devices' changes that cannot apply yet: a row they reference has not arrived, the
-- row they edit has not been created here, or they come from a newer schema.
CREATE TABLE sync_held (
    id     INTEGER PRIMARY KEY,
    clock  INTEGER NOT NULL CHECK (clock >= 0),
    device BLOB NOT NULL CHECK (length(device) = 16),
    change TEXT NOT NULL CHECK (json_valid(change)),
    reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200)
) STRICT;

CREATE TABLE sync_dirty (
    tbl   TEXT NOT NULL CHECK (length(tbl) BETWEEN 1 AND 40),
    row   ANY NOT NULL,
    field TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 40),
    PRIMARY KEY (tbl, row, field)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER sync_exercise_insert AFTER INSERT ON exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('exercise', new.gid, '+');
END;
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
CREATE TRIGGER sync_exercise_delete AFTER DELETE ON exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('exercise', old.gid, '-');
END;
CREATE TRIGGER sync_exercise_loading_insert AFTER INSERT ON exercise_loading WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('exercise_loading', new.gid, '+');
END;
CREATE TRIGGER sync_exercise_loading_update AFTER UPDATE ON exercise_loading WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'exercise_loading', new.gid, field FROM (
            SELECT 'exercise_id' AS field WHERE old.exercise_id IS NOT new.exercise_id
            UNION ALL SELECT 'increment' AS field WHERE old.increment_milli IS NOT new.increment_milli OR old.increment_unit IS NOT new.increment_unit
            UNION ALL SELECT 'max' AS field WHERE old.max_milli IS NOT new.max_milli OR old.max_unit IS NOT new.max_unit
        );
END;
CREATE TRIGGER sync_exercise_loading_delete AFTER DELETE ON exercise_loading WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('exercise_loading', old.gid, '-');
END;
CREATE TRIGGER sync_routine_insert AFTER INSERT ON routine WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('routine', new.gid, '+');
END;
CREATE TRIGGER sync_routine_update AFTER UPDATE ON routine WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'routine', new.gid, field FROM (
            SELECT 'name' AS field WHERE old.name IS NOT new.name OR old.name_key IS NOT new.name_key
            UNION ALL SELECT 'notes' AS field WHERE old.notes IS NOT new.notes
            UNION ALL SELECT 'created_at' AS field WHERE old.created_at IS NOT new.created_at
            UNION ALL SELECT 'updated_at' AS field WHERE old.updated_at IS NOT new.updated_at
        );
END;
CREATE TRIGGER sync_routine_delete AFTER DELETE ON routine WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('routine', old.gid, '-');
END;
CREATE TRIGGER sync_routine_exercise_insert AFTER INSERT ON routine_exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('routine_exercise', new.gid, '+');
END;
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
CREATE TRIGGER sync_routine_exercise_delete AFTER DELETE ON routine_exercise WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('routine_exercise', old.gid, '-');
END;
CREATE TRIGGER sync_session_insert AFTER INSERT ON session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('session', new.gid, '+');
END;
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
CREATE TRIGGER sync_session_delete AFTER DELETE ON session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('session', old.gid, '-');
END;
CREATE TRIGGER sync_session_set_insert AFTER INSERT ON session_set WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('session_set', new.gid, '+');
END;
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
CREATE TRIGGER sync_session_set_delete AFTER DELETE ON session_set WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('session_set', old.gid, '-');
END;
CREATE TRIGGER sync_body_weight_insert AFTER INSERT ON body_weight WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('body_weight', new.gid, '+');
END;
CREATE TRIGGER sync_body_weight_update AFTER UPDATE ON body_weight WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'body_weight', new.gid, field FROM (
            SELECT 'measured_at' AS field WHERE old.measured_at IS NOT new.measured_at
            UNION ALL SELECT 'weight' AS field WHERE old.weight_milli IS NOT new.weight_milli OR old.weight_unit IS NOT new.weight_unit OR old.weight_kg IS NOT new.weight_kg
            UNION ALL SELECT 'source' AS field WHERE old.source IS NOT new.source
        );
END;
CREATE TRIGGER sync_body_weight_delete AFTER DELETE ON body_weight WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('body_weight', old.gid, '-');
END;
CREATE TRIGGER sync_body_measurement_insert AFTER INSERT ON body_measurement WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('body_measurement', new.gid, '+');
END;
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
CREATE TRIGGER sync_body_measurement_delete AFTER DELETE ON body_measurement WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('body_measurement', old.gid, '-');
END;
CREATE TRIGGER sync_journal_tag_insert AFTER INSERT ON journal_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_tag', new.gid, '+');
END;
CREATE TRIGGER sync_journal_tag_update AFTER UPDATE ON journal_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'journal_tag', new.gid, field FROM (
            SELECT 'name' AS field WHERE old.name IS NOT new.name OR old.name_key IS NOT new.name_key
            UNION ALL SELECT 'builtin' AS field WHERE old.builtin IS NOT new.builtin
        );
END;
CREATE TRIGGER sync_journal_tag_delete AFTER DELETE ON journal_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_tag', old.gid, '-');
END;
CREATE TRIGGER sync_journal_entry_insert AFTER INSERT ON journal_entry WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_entry', new.gid, '+');
END;
CREATE TRIGGER sync_journal_entry_update AFTER UPDATE ON journal_entry WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'journal_entry', new.gid, field FROM (
            SELECT 'day' AS field WHERE old.day IS NOT new.day
            UNION ALL SELECT 'note' AS field WHERE old.note IS NOT new.note
            UNION ALL SELECT 'updated_at' AS field WHERE old.updated_at IS NOT new.updated_at
        );
END;
CREATE TRIGGER sync_journal_entry_delete AFTER DELETE ON journal_entry WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_entry', old.gid, '-');
END;
CREATE TRIGGER sync_journal_entry_tag_insert AFTER INSERT ON journal_entry_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_entry_tag', new.gid, '+');
END;
CREATE TRIGGER sync_journal_entry_tag_update AFTER UPDATE ON journal_entry_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'journal_entry_tag', new.gid, field FROM (
            SELECT 'entry_id' AS field WHERE old.entry_id IS NOT new.entry_id
            UNION ALL SELECT 'tag_id' AS field WHERE old.tag_id IS NOT new.tag_id
        );
END;
CREATE TRIGGER sync_journal_entry_tag_delete AFTER DELETE ON journal_entry_tag WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('journal_entry_tag', old.gid, '-');
END;
CREATE TRIGGER sync_program_insert AFTER INSERT ON program WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program', new.gid, '+');
END;
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
CREATE TRIGGER sync_program_delete AFTER DELETE ON program WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program', old.gid, '-');
END;
CREATE TRIGGER sync_program_run_insert AFTER INSERT ON program_run WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_run', new.gid, '+');
END;
CREATE TRIGGER sync_program_run_update AFTER UPDATE ON program_run WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'program_run', new.gid, field FROM (
            SELECT 'program_id' AS field WHERE old.program_id IS NOT new.program_id
            UNION ALL SELECT 'started_at' AS field WHERE old.started_at IS NOT new.started_at
            UNION ALL SELECT 'stopped_at' AS field WHERE old.stopped_at IS NOT new.stopped_at
        );
END;
CREATE TRIGGER sync_program_run_delete AFTER DELETE ON program_run WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_run', old.gid, '-');
END;
CREATE TRIGGER sync_program_run_max_insert AFTER INSERT ON program_run_max WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_run_max', new.gid, '+');
END;
CREATE TRIGGER sync_program_run_max_update AFTER UPDATE ON program_run_max WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'program_run_max', new.gid, field FROM (
            SELECT 'run_id' AS field WHERE old.run_id IS NOT new.run_id
            UNION ALL SELECT 'lift' AS field WHERE old.lift IS NOT new.lift
            UNION ALL SELECT 'weight' AS field WHERE old.weight_milli IS NOT new.weight_milli OR old.weight_unit IS NOT new.weight_unit
        );
END;
CREATE TRIGGER sync_program_run_max_delete AFTER DELETE ON program_run_max WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_run_max', old.gid, '-');
END;
CREATE TRIGGER sync_program_event_insert AFTER INSERT ON program_event WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_event', new.gid, '+');
END;
CREATE TRIGGER sync_program_event_update AFTER UPDATE ON program_event WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'program_event', new.gid, field FROM (
            SELECT 'run_id' AS field WHERE old.run_id IS NOT new.run_id
            UNION ALL SELECT 'at' AS field WHERE old.at IS NOT new.at
            UNION ALL SELECT 'event' AS field WHERE old.kind IS NOT new.kind OR old.lift IS NOT new.lift OR old.weight_milli IS NOT new.weight_milli OR old.weight_unit IS NOT new.weight_unit OR old.week IS NOT new.week OR old.day IS NOT new.day
        );
END;
CREATE TRIGGER sync_program_event_delete AFTER DELETE ON program_event WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_event', old.gid, '-');
END;
CREATE TRIGGER sync_program_session_insert AFTER INSERT ON program_session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_session', new.gid, '+');
END;
CREATE TRIGGER sync_program_session_update AFTER UPDATE ON program_session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'program_session', new.gid, field FROM (
            SELECT 'session_id' AS field WHERE old.session_id IS NOT new.session_id
            UNION ALL SELECT 'run_id' AS field WHERE old.run_id IS NOT new.run_id
            UNION ALL SELECT 'week' AS field WHERE old.week IS NOT new.week
            UNION ALL SELECT 'day' AS field WHERE old.day IS NOT new.day
        );
END;
CREATE TRIGGER sync_program_session_delete AFTER DELETE ON program_session WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('program_session', old.gid, '-');
END;
CREATE TRIGGER sync_training_setting_insert AFTER INSERT ON training_setting WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('training_setting', new.key, '+');
END;
CREATE TRIGGER sync_training_setting_update AFTER UPDATE ON training_setting WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'training_setting', new.key, field FROM (
            SELECT 'value' AS field WHERE old.value IS NOT new.value
        );
END;
CREATE TRIGGER sync_training_setting_delete AFTER DELETE ON training_setting WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('training_setting', old.key, '-');
END;
CREATE TRIGGER sync_whoop_cycle_insert AFTER INSERT ON whoop_cycle WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_cycle', new.id, '+');
END;
CREATE TRIGGER sync_whoop_cycle_update AFTER UPDATE ON whoop_cycle WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_cycle', new.id, field FROM (
            SELECT 'record' AS field WHERE old.user_id IS NOT new.user_id OR old.start IS NOT new.start OR old.end IS NOT new.end OR old.start_ms IS NOT new.start_ms OR old.end_ms IS NOT new.end_ms OR old.timezone_offset IS NOT new.timezone_offset OR old.score_state IS NOT new.score_state OR old.strain IS NOT new.strain OR old.kilojoule IS NOT new.kilojoule OR old.average_heart_rate IS NOT new.average_heart_rate OR old.max_heart_rate IS NOT new.max_heart_rate OR old.created_at IS NOT new.created_at OR old.updated_at IS NOT new.updated_at OR old.raw IS NOT new.raw
        );
END;
CREATE TRIGGER sync_whoop_cycle_delete AFTER DELETE ON whoop_cycle WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_cycle', old.id, '-');
END;
CREATE TRIGGER sync_whoop_recovery_insert AFTER INSERT ON whoop_recovery WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_recovery', new.cycle_id, '+');
END;
CREATE TRIGGER sync_whoop_recovery_update AFTER UPDATE ON whoop_recovery WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_recovery', new.cycle_id, field FROM (
            SELECT 'record' AS field WHERE old.sleep_id IS NOT new.sleep_id OR old.user_id IS NOT new.user_id OR old.start_ms IS NOT new.start_ms OR old.score_state IS NOT new.score_state OR old.recovery_score IS NOT new.recovery_score OR old.resting_heart_rate IS NOT new.resting_heart_rate OR old.hrv_rmssd_milli IS NOT new.hrv_rmssd_milli OR old.spo2_percentage IS NOT new.spo2_percentage OR old.skin_temp_celsius IS NOT new.skin_temp_celsius OR old.user_calibrating IS NOT new.user_calibrating OR old.created_at IS NOT new.created_at OR old.updated_at IS NOT new.updated_at OR old.raw IS NOT new.raw
        );
END;
CREATE TRIGGER sync_whoop_recovery_delete AFTER DELETE ON whoop_recovery WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_recovery', old.cycle_id, '-');
END;
CREATE TRIGGER sync_whoop_sleep_insert AFTER INSERT ON whoop_sleep WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_sleep', new.id, '+');
END;
CREATE TRIGGER sync_whoop_sleep_update AFTER UPDATE ON whoop_sleep WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_sleep', new.id, field FROM (
            SELECT 'record' AS field WHERE old.cycle_id IS NOT new.cycle_id OR old.user_id IS NOT new.user_id OR old.start IS NOT new.start OR old.end IS NOT new.end OR old.start_ms IS NOT new.start_ms OR old.end_ms IS NOT new.end_ms OR old.timezone_offset IS NOT new.timezone_offset OR old.nap IS NOT new.nap OR old.score_state IS NOT new.score_state OR old.sleep_performance_percentage IS NOT new.sleep_performance_percentage OR old.sleep_efficiency_percentage IS NOT new.sleep_efficiency_percentage OR old.respiratory_rate IS NOT new.respiratory_rate OR old.total_in_bed_time_milli IS NOT new.total_in_bed_time_milli OR old.created_at IS NOT new.created_at OR old.updated_at IS NOT new.updated_at OR old.raw IS NOT new.raw
        );
END;
CREATE TRIGGER sync_whoop_sleep_delete AFTER DELETE ON whoop_sleep WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_sleep', old.id, '-');
END;
CREATE TRIGGER sync_whoop_workout_insert AFTER INSERT ON whoop_workout WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_workout', new.id, '+');
END;
CREATE TRIGGER sync_whoop_workout_update AFTER UPDATE ON whoop_workout WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_workout', new.id, field FROM (
            SELECT 'record' AS field WHERE old.user_id IS NOT new.user_id OR old.start IS NOT new.start OR old.end IS NOT new.end OR old.start_ms IS NOT new.start_ms OR old.end_ms IS NOT new.end_ms OR old.timezone_offset IS NOT new.timezone_offset OR old.sport_name IS NOT new.sport_name OR old.score_state IS NOT new.score_state OR old.strain IS NOT new.strain OR old.average_heart_rate IS NOT new.average_heart_rate OR old.max_heart_rate IS NOT new.max_heart_rate OR old.kilojoule IS NOT new.kilojoule OR old.created_at IS NOT new.created_at OR old.updated_at IS NOT new.updated_at OR old.raw IS NOT new.raw
        );
END;
CREATE TRIGGER sync_whoop_workout_delete AFTER DELETE ON whoop_workout WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_workout', old.id, '-');
END;
CREATE TRIGGER sync_whoop_body_insert AFTER INSERT ON whoop_body WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_body', new.id, '+');
END;
CREATE TRIGGER sync_whoop_body_update AFTER UPDATE ON whoop_body WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_body', new.id, field FROM (
            SELECT 'record' AS field WHERE old.height_meter IS NOT new.height_meter OR old.weight_kilogram IS NOT new.weight_kilogram OR old.max_heart_rate IS NOT new.max_heart_rate OR old.raw IS NOT new.raw OR old.fetched_at IS NOT new.fetched_at
        );
END;
CREATE TRIGGER sync_whoop_body_delete AFTER DELETE ON whoop_body WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_body', old.id, '-');
END;
CREATE TRIGGER sync_whoop_profile_insert AFTER INSERT ON whoop_profile WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_profile', new.id, '+');
END;
CREATE TRIGGER sync_whoop_profile_update AFTER UPDATE ON whoop_profile WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_profile', new.id, field FROM (
            SELECT 'record' AS field WHERE old.user_id IS NOT new.user_id OR old.email IS NOT new.email OR old.first_name IS NOT new.first_name OR old.last_name IS NOT new.last_name OR old.raw IS NOT new.raw OR old.fetched_at IS NOT new.fetched_at
        );
END;
CREATE TRIGGER sync_whoop_profile_delete AFTER DELETE ON whoop_profile WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_profile', old.id, '-');
END;
CREATE TRIGGER sync_whoop_match_insert AFTER INSERT ON whoop_match WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_match', new.workout_id, '+');
END;
CREATE TRIGGER sync_whoop_match_update AFTER UPDATE ON whoop_match WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT 'whoop_match', new.workout_id, field FROM (
            SELECT 'session_id' AS field WHERE old.session_id IS NOT new.session_id
            UNION ALL SELECT 'decision' AS field WHERE old.decision IS NOT new.decision OR old.decided_at IS NOT new.decided_at
            UNION ALL SELECT 'workout' AS field WHERE old.sport_name IS NOT new.sport_name OR old.start_ms IS NOT new.start_ms OR old.end_ms IS NOT new.end_ms OR old.timezone_offset IS NOT new.timezone_offset OR old.strain IS NOT new.strain OR old.average_heart_rate IS NOT new.average_heart_rate OR old.max_heart_rate IS NOT new.max_heart_rate OR old.kilojoule IS NOT new.kilojoule OR old.zone_ms IS NOT new.zone_ms
            UNION ALL SELECT 'seen_at' AS field WHERE old.seen_at IS NOT new.seen_at
        );
END;
CREATE TRIGGER sync_whoop_match_delete AFTER DELETE ON whoop_match WHEN (SELECT capturing FROM sync_state) BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('whoop_match', old.workout_id, '-');
END;
