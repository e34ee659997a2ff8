//! The chart series and the Today values from stored WHOOP records: which day a record
//! belongs to, the values per day, averaging long ranges, and ten years charting (how
//! fast is measured in `benches/whoop_views.rs`).

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use ironkeep::whoop::{self, series::bucket_days};
use rusqlite::{Connection, params};
use serde_json::json;

use crate::training::db;

/// One stored WHOOP day: a cycle starting at `start` (local offset `offset`), its
/// recovery, and the main sleep that opens it (8 hours; 4 light, 1.5 deep, 2 REM, 0.5 awake).
pub struct Day {
    pub start: DateTime<Utc>,
    pub recovery: f64,
    pub hrv: f64,
    pub rhr: f64,
    pub strain: f64,
    pub sleep: f64,
}

pub fn insert(conn: &Connection, id: i64, offset: &str, day: &Day) {
    let ms = day.start.timestamp_millis();
    let iso = day.start.to_rfc3339();
    conn.execute(
        "INSERT INTO whoop_cycle (id, user_id, start, start_ms, timezone_offset, score_state, strain,
             created_at, updated_at, raw) VALUES (?1, 1, ?2, ?3, ?4, 'SCORED', ?5, ?2, ?2, '{}')",
        params![id, iso, ms, offset, day.strain],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO whoop_recovery (cycle_id, sleep_id, user_id, start_ms, score_state, recovery_score,
             resting_heart_rate, hrv_rmssd_milli, created_at, updated_at, raw)
         VALUES (?1, ?2, 1, ?3, 'SCORED', ?4, ?5, ?6, ?7, ?7, '{}')",
        params![id, format!("sleep-{id}"), ms, day.recovery, day.rhr, day.hrv, iso],
    )
    .unwrap();
    let end = day.start + Duration::hours(8);
    let raw = json!({"score": {"stage_summary": {
        "total_light_sleep_time_milli": 14_400_000, "total_slow_wave_sleep_time_milli": 5_400_000,
        "total_rem_sleep_time_milli": 7_200_000, "total_awake_time_milli": 1_800_000}}});
    conn.execute(
        "INSERT INTO whoop_sleep (id, cycle_id, user_id, start, \"end\", start_ms, end_ms, timezone_offset,
             nap, score_state, sleep_performance_percentage, created_at, updated_at, raw)
         VALUES (?1, ?2, 1, ?3, ?4, ?5, ?6, ?7, 0, 'SCORED', ?8, ?3, ?3, ?9)",
        params![
            format!("sleep-{id}"),
            id,
            iso,
            end.to_rfc3339(),
            ms,
            end.timestamp_millis(),
            offset,
            day.sleep,
            raw.to_string()
        ],
    )
    .unwrap();
}

/// The `n`th night from 1 September 2026 (cycle at 03:00 UTC): recovery 60 %, HRV 50 ms,
/// RHR 50, strain 10, sleep performance 85 %.
fn september_night(n: i64) -> Day {
    Day {
        start: Utc.with_ymd_and_hms(2026, 9, 1, 3, 0, 0).unwrap() + Duration::days(n),
        recovery: 60.0,
        hrv: 50.0,
        rhr: 50.0,
        strain: 10.0,
        sleep: 85.0,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_cycle_belongs_to_the_day_its_night_ends_in_local_time() {
    let at = |text: &str| DateTime::parse_from_rfc3339(text).unwrap().timestamp_millis();
    // 22:30 in New York on Monday 2 March is Tuesday's cycle.
    assert_eq!(
        whoop::cycle_day(at("2026-03-03T03:30:00Z"), "-05:00"),
        date(2026, 3, 3)
    );
    // Going to bed after midnight still makes it that day's cycle.
    assert_eq!(
        whoop::cycle_day(at("2026-03-03T06:10:00Z"), "-05:00"),
        date(2026, 3, 3)
    );
    // 23:00 in Tokyo on 2 March (14:00 UTC) is 3 March there.
    assert_eq!(
        whoop::cycle_day(at("2026-03-02T14:00:00Z"), "+09:00"),
        date(2026, 3, 3)
    );
    // A broken offset falls back to UTC rather than failing the whole chart.
    assert_eq!(
        whoop::cycle_day(at("2026-03-02T22:00:00Z"), "bogus"),
        date(2026, 3, 3)
    );
}

#[test]
fn daily_values_land_on_their_days_with_gaps_left_empty() {
    let conn = db();
    // Cycles start 22:00 local (-05:00) on 1..=10 October, so they are 2..=11 October's;
    // 5 October's night is missing.
    for n in 1..=10u32 {
        if n == 4 {
            continue;
        }
        let start = Utc.with_ymd_and_hms(2026, 10, n + 1, 3, 0, 0).unwrap();
        let day = Day {
            start,
            recovery: 50.0 + f64::from(n),
            hrv: 40.0 + f64::from(n),
            rhr: 55.0 - f64::from(n),
            strain: 10.0 + f64::from(n) / 10.0,
            sleep: 80.0 + f64::from(n),
        };
        insert(&conn, i64::from(n), "-05:00", &day);
    }
    let s = whoop::series(&conn, Some(date(2026, 10, 1)), date(2026, 10, 12)).unwrap();
    assert_eq!(s.bucket_days, 1);
    assert_eq!(s.x.len(), 12, "one point per day of the range, data or not");
    assert_eq!(s.days_with_data, 9);
    assert_eq!(s.recovery[0], None, "1 October has no cycle");
    assert_eq!(
        s.recovery[1],
        Some(51.0),
        "the cycle starting on the evening of 1 October is 2 October's"
    );
    assert_eq!(s.recovery[4], None, "the missing night stays a gap");
    assert_eq!(s.hrv[10], Some(50.0));
    assert_eq!(s.resting_heart_rate[10], Some(45.0));
    assert_eq!(s.strain[10], Some(11.0));
    // The sleep ends at 06:00 local the morning of its cycle's day.
    assert_eq!(s.sleep_performance[1], Some(81.0));
    assert_eq!(s.sleep_light_hours[1], Some(4.0));
    assert_eq!(s.sleep_deep_hours[1], Some(1.5));
    assert_eq!(s.sleep_rem_hours[1], Some(2.0));
    assert_eq!(s.sleep_awake_hours[1], Some(0.5));
    let noon_2_october = Utc.with_ymd_and_hms(2026, 10, 2, 12, 0, 0).unwrap().timestamp();
    assert_eq!(
        i64::from(s.x[1]),
        noon_2_october,
        "x is each day's noon UTC in Unix seconds"
    );

    let today = whoop::latest_day(&conn).unwrap();
    assert_eq!(today.day.as_deref(), Some("2026-10-11"));
    assert_eq!(today.recovery, Some(60.0));
    assert_eq!(today.sleep_performance, Some(90.0));
    assert_eq!(today.sleep_hours, Some(7.5), "light + deep + REM");
}

#[test]
fn every_stored_metric_charts_and_skin_temperature_is_read_against_the_baseline() {
    let conn = db();
    // 40 nights from 1 September; skin temperature 33.0 °C for 30 nights, then 33.5.
    for n in 0..40i64 {
        insert(&conn, 100 + n, "-05:00", &september_night(n));
        conn.execute(
            "UPDATE whoop_recovery SET spo2_percentage = ?2, skin_temp_celsius = ?3 WHERE cycle_id = ?1",
            params![100 + n, 95.0 + (n % 3) as f64, if n < 30 { 33.0 } else { 33.5 }],
        )
        .unwrap();
        conn.execute(
            "UPDATE whoop_sleep SET sleep_efficiency_percentage = 91.5, respiratory_rate = 14.5,
                 raw = json_set(raw, '$.score.sleep_needed', json(?2)) WHERE cycle_id = ?1",
            params![
                100 + n,
                r#"{"baseline_milli": 27000000, "need_from_sleep_debt_milli": 1800000,
                    "need_from_recent_strain_milli": 900000, "need_from_recent_nap_milli": -900000}"#
            ],
        )
        .unwrap();
    }
    let s = whoop::series(&conn, Some(date(2026, 9, 1)), date(2026, 10, 10)).unwrap();
    assert_eq!(s.x.len(), 40);
    assert_eq!(s.spo2[0..3], [Some(95.0), Some(96.0), Some(97.0)]);
    assert_eq!(s.respiratory_rate[5], Some(14.5));
    assert_eq!(s.sleep_efficiency[5], Some(91.5));
    assert_eq!(
        s.sleep_need_hours[5],
        Some(8.0),
        "7.5 h baseline + 0.5 debt + 0.25 strain - 0.25 nap"
    );
    assert_eq!(s.sleep_obtained_hours[5], Some(7.5), "light + deep + REM");
    assert_eq!(
        s.skin_temp_deviation[..7],
        [None; 7],
        "no baseline before 7 earlier nights"
    );
    assert_eq!(s.skin_temp_deviation[7], Some(0.0));
    assert_eq!(s.skin_temp_deviation[29], Some(0.0));
    let first_warm = s.skin_temp_deviation[30].unwrap();
    assert!(
        (first_warm - 0.5).abs() < 1e-9,
        "0.5 °C above the 30 nights before: {first_warm}"
    );
    // A range starting later still has a baseline: it is read from the 30 days before it.
    let late = whoop::series(&conn, Some(date(2026, 10, 1)), date(2026, 10, 1)).unwrap();
    assert!((late.skin_temp_deviation[0].unwrap() - 0.5).abs() < 1e-9);
    assert_eq!(
        late.days_with_data, 1,
        "the baseline's days are not counted as the range's"
    );
}

#[test]
fn long_ranges_are_averaged_into_calendar_buckets() {
    assert_eq!(bucket_days(7), 1);
    assert_eq!(bucket_days(500), 1);
    assert_eq!(bucket_days(501), 7);
    assert_eq!(bucket_days(3500), 7);
    assert_eq!(bucket_days(3653), 28);

    let conn = db();
    for n in 0..14i64 {
        let day = Day {
            start: Utc.with_ymd_and_hms(2020, 1, 1, 22, 0, 0).unwrap() + Duration::days(n),
            recovery: if n < 7 { 40.0 } else { 80.0 },
            hrv: 50.0,
            rhr: 50.0,
            strain: 10.0,
            sleep: 90.0,
        };
        insert(&conn, n + 1, "+00:00", &day);
    }
    // 2 January 2020 to 1 July 2021: 547 days, so weekly points.
    let s = whoop::series(&conn, Some(date(2020, 1, 2)), date(2021, 7, 1)).unwrap();
    assert_eq!(s.bucket_days, 7);
    assert_eq!(s.x.len(), 79, "547 days in weeks, the last one partial");
    assert_eq!(s.recovery[0], Some(40.0), "the first week's mean");
    assert_eq!(s.recovery[1], Some(80.0), "the second week's mean");
    assert_eq!(s.recovery[2], None);
}

#[test]
fn ten_years_chart_from_the_first_stored_day() {
    let mut conn = db();
    let first = Utc.with_ymd_and_hms(2016, 11, 1, 23, 0, 0).unwrap();
    let tx = conn.transaction().unwrap();
    for n in 0..3652i64 {
        let day = Day {
            start: first + Duration::days(n),
            recovery: (n % 100) as f64,
            hrv: 60.0,
            rhr: 50.0,
            strain: 12.0,
            sleep: 85.0,
        };
        insert(&tx, n + 1, "+01:00", &day);
    }
    tx.commit().unwrap();
    let s = whoop::series(&conn, None, date(2026, 11, 1)).unwrap();
    assert_eq!(
        s.from.as_deref(),
        Some("2016-11-02"),
        "all time starts at the first stored day"
    );
    assert!(
        s.x.len() <= whoop::series::MAX_POINTS,
        "{} points is too many to chart",
        s.x.len()
    );
    assert_eq!(s.bucket_days, 28);
    assert_eq!(s.days_with_data, 3652);
    assert!(
        s.hrv.iter().all(|v| *v == Some(60.0)),
        "every bucket has data and its mean"
    );

    let empty = whoop::series(&db(), None, date(2026, 11, 1)).unwrap();
    assert!(
        empty.x.is_empty() && empty.from.is_none(),
        "nothing stored: an empty series, not an error"
    );
    assert!(
        whoop::series(&conn, Some(date(2026, 11, 2)), date(2026, 11, 1)).is_err(),
        "a backwards range is refused"
    );
}

#[test]
fn sleeps_stored_before_schema_9_chart_their_stages_and_odd_values_read_as_missing() {
    use ironkeep::vault::migrate::{self, MIGRATIONS};
    // A vault of schema 8 holding two nights, then the current migrations.
    let mut conn = Connection::open_in_memory().unwrap();
    migrate::run_list(&mut conn, &MIGRATIONS[..8]).unwrap();
    for n in 0..2i64 {
        insert(&conn, 100 + n, "-05:00", &september_night(n));
    }
    // WHOOP sent the second night's REM as text: it must not stop the chart.
    conn.execute(
        "UPDATE whoop_sleep SET raw = json_set(raw, '$.score.stage_summary.total_rem_sleep_time_milli', '2h')
         WHERE cycle_id = 101",
        [],
    )
    .unwrap();
    assert_eq!(migrate::run(&mut conn).unwrap(), migrate::LATEST);

    let s = whoop::series(&conn, Some(date(2026, 9, 1)), date(2026, 9, 2)).unwrap();
    assert_eq!(s.sleep_light_hours, [Some(4.0), Some(4.0)]);
    assert_eq!(s.sleep_deep_hours, [Some(1.5), Some(1.5)]);
    assert_eq!(s.sleep_rem_hours, [Some(2.0), None]);
    assert_eq!(s.sleep_awake_hours, [Some(0.5), Some(0.5)]);
    assert_eq!(
        s.sleep_obtained_hours,
        [Some(7.5), None],
        "obtained needs every stage"
    );
    assert_eq!(s.sleep_need_hours, [None, None], "these records state no need");
    assert_eq!(s.recovery, [Some(60.0), Some(60.0)]);
    assert_eq!(s.strain, [Some(10.0), Some(10.0)]);
}
