-- The WHOOP charts read every day of the range asked for, ten years of them on the
-- "all time" view, from tables whose rows carry each record's raw JSON. Until now the
-- sleep stages and the sleep need were pulled out of that JSON on every read (eight
-- `json_extract`s a sleep), and every cycle and recovery row was read whole.
--
-- The stage and need durations become generated columns of `whoop_sleep`, computed from
-- `raw` (so every way a sleep is written, the sync or a restore, fills them alike), and
-- the three per-day indexes of migration 8 grow to cover every column the charts read.
-- A virtual generated column costs nothing in the table; its value is stored in the
-- index, so the charts read index pages only. A value that is not a number in the raw
-- record reads as missing, as the old reads' conversion would have refused it.
--
-- No user data changes: WHOOP's tables are a cache of what WHOOP sent.

ALTER TABLE whoop_sleep ADD COLUMN light_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.stage_summary.total_light_sleep_time_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.stage_summary.total_light_sleep_time_milli') END) VIRTUAL;
ALTER TABLE whoop_sleep ADD COLUMN deep_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.stage_summary.total_slow_wave_sleep_time_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.stage_summary.total_slow_wave_sleep_time_milli') END) VIRTUAL;
ALTER TABLE whoop_sleep ADD COLUMN rem_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.stage_summary.total_rem_sleep_time_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.stage_summary.total_rem_sleep_time_milli') END) VIRTUAL;
ALTER TABLE whoop_sleep ADD COLUMN awake_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.stage_summary.total_awake_time_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.stage_summary.total_awake_time_milli') END) VIRTUAL;
-- The need is WHOOP's four parts summed: the baseline, and what sleep debt, recent strain
-- and recent naps add (a nap lowers it); missing when any part is.
ALTER TABLE whoop_sleep ADD COLUMN need_milli REAL GENERATED ALWAYS AS (
    CASE WHEN json_type(raw, '$.score.sleep_needed.baseline_milli') IN ('integer', 'real')
          AND json_type(raw, '$.score.sleep_needed.need_from_sleep_debt_milli') IN ('integer', 'real')
          AND json_type(raw, '$.score.sleep_needed.need_from_recent_strain_milli') IN ('integer', 'real')
          AND json_type(raw, '$.score.sleep_needed.need_from_recent_nap_milli') IN ('integer', 'real')
         THEN json_extract(raw, '$.score.sleep_needed.baseline_milli')
            + json_extract(raw, '$.score.sleep_needed.need_from_sleep_debt_milli')
            + json_extract(raw, '$.score.sleep_needed.need_from_recent_strain_milli')
            + json_extract(raw, '$.score.sleep_needed.need_from_recent_nap_milli') END) VIRTUAL;

-- Each index keeps the columns of migration 8's first, so the journal's comparison reads
-- them as before.
DROP INDEX whoop_sleep_day;
CREATE INDEX whoop_sleep_day ON whoop_sleep (end_ms, nap, score_state, timezone_offset,
    sleep_performance_percentage, sleep_efficiency_percentage, respiratory_rate,
    light_milli, deep_milli, rem_milli, awake_milli, need_milli);
DROP INDEX whoop_cycle_day;
CREATE INDEX whoop_cycle_day ON whoop_cycle (start_ms, timezone_offset, strain);
DROP INDEX whoop_recovery_day;
CREATE INDEX whoop_recovery_day ON whoop_recovery (start_ms, score_state, recovery_score,
    hrv_rmssd_milli, resting_heart_rate, spo2_percentage, skin_temp_celsius);
