//! Insights from known training and WHOOP data: the heavy-session comparison, weekly
//! volume against HRV, the last seven days per muscle group, and the empty states.

use chrono::{DateTime, Duration, TimeZone, Utc};
use ironkeep::insights;
use ironkeep::training::{SessionsMut, SetInput, SetsMut, StartSession};
use rusqlite::Connection;

use super::series::{Day, insert};
use crate::training::{db, ex, kg};

/// 30 cycles from 22:00 UTC on 1 October 2026, recovery 70 % and HRV 50 ms, except the
/// cycles after the heavy sessions (3 and 11): 40 % and 50 %.
fn whoop_month(conn: &Connection) {
    for i in 0..30i64 {
        let recovery = match i {
            3 => 40.0,
            11 => 50.0,
            _ => 70.0,
        };
        let day = Day {
            start: Utc.with_ymd_and_hms(2026, 10, 1, 22, 0, 0).unwrap() + Duration::days(i),
            recovery,
            hrv: if i < 14 { 40.0 } else { 60.0 },
            rhr: 50.0,
            strain: 10.0,
            sleep: 85.0,
        };
        insert(conn, 1000 + i, "+00:00", &day);
    }
}

fn session(
    conn: &Connection,
    at: DateTime<Utc>,
    exercise: &str,
    sets: u32,
    weight: &str,
    now: DateTime<Utc>,
) {
    let id = SessionsMut::new(conn)
        .start(
            &StartSession {
                started_at: at,
                ..StartSession::default()
            },
            now,
        )
        .unwrap()
        .session
        .id;
    let exercise = ex(conn, exercise);
    for _ in 0..sets {
        SetsMut::new(conn)
            .log(id, &SetInput::working(exercise, kg(weight), 10))
            .unwrap();
    }
}

#[test]
fn recovery_after_the_heaviest_quarter_of_sessions_is_compared_with_other_days() {
    let conn = db();
    whoop_month(&conn);
    let now = Utc.with_ymd_and_hms(2026, 10, 31, 9, 0, 0).unwrap();
    // Sessions at 18:00 on 2, 4, … 16 October: a session on day k lies in cycle k - 2 (which
    // began the evening before), so the recovery it affects is cycle k - 1's. Six sessions
    // of 1,000 kg, and two heavy ones of 5,000 kg on 4 and 12 October.
    for k in (2..=16u32).step_by(2) {
        let at = Utc.with_ymd_and_hms(2026, 10, k, 18, 0, 0).unwrap();
        let heavy = k == 4 || k == 12;
        session(
            &conn,
            at,
            "Squat (Barbell)",
            if heavy { 5 } else { 1 },
            "100",
            now,
        );
    }
    let got = insights::insights(&conn, None, now).unwrap();
    assert_eq!(got.sessions, 8);
    assert_eq!(got.recovery_days, 30);
    let heavy = got.heavy.as_ref().expect("enough data for the comparison");
    // Volumes sorted: six of 1,000 then two of 5,000; the 75th percentile interpolates to 2,000.
    assert_eq!(heavy.threshold_kg, 2000.0);
    assert_eq!(heavy.heavy_sessions, 2);
    assert_eq!(heavy.after_heavy, 45.0, "cycles 3 and 11: (40 + 50) / 2");
    assert_eq!(heavy.after_heavy_days, 2);
    assert_eq!(heavy.otherwise, 70.0, "every other cycle that has one before it");
    assert_eq!(heavy.otherwise_days, 27);
    assert_eq!(
        got.heavy_caption,
        "On days after your heaviest sessions your recovery averaged 45 %, vs 70 % otherwise \
         (2 sessions above 2000 kg)."
    );
}

#[test]
fn weekly_volume_meets_weekly_mean_hrv_and_the_last_week_meets_today() {
    let conn = db();
    whoop_month(&conn);
    let now = Utc.with_ymd_and_hms(2026, 10, 31, 9, 0, 0).unwrap();
    // Week of Monday 5 October: 3,000 kg; week of 19 October: 1,000 kg; 26 October onwards
    // (the last 7 days): bench 2 sets and squat 1 set.
    session(
        &conn,
        Utc.with_ymd_and_hms(2026, 10, 6, 18, 0, 0).unwrap(),
        "Squat (Barbell)",
        3,
        "100",
        now,
    );
    session(
        &conn,
        Utc.with_ymd_and_hms(2026, 10, 20, 18, 0, 0).unwrap(),
        "Squat (Barbell)",
        1,
        "100",
        now,
    );
    session(
        &conn,
        Utc.with_ymd_and_hms(2026, 10, 27, 18, 0, 0).unwrap(),
        "Bench Press (Barbell)",
        2,
        "60",
        now,
    );
    session(
        &conn,
        Utc.with_ymd_and_hms(2026, 10, 28, 18, 0, 0).unwrap(),
        "Squat (Barbell)",
        1,
        "120",
        now,
    );
    let got = insights::insights(&conn, Some(now - Duration::days(60)), now).unwrap();

    let week = |monday: &str| got.weeks.iter().find(|w| w.week == monday).unwrap();
    assert_eq!(week("2026-10-05").volume_kg, 3000.0);
    // Cycle days 2–31 October; HRV 40 for cycles 0–13 (days 2–15), 60 from day 16.
    assert_eq!(week("2026-10-05").mean_hrv, Some(40.0));
    assert_eq!(week("2026-10-19").volume_kg, 1000.0);
    assert_eq!(week("2026-10-19").mean_hrv, Some(60.0));
    assert_eq!(week("2026-10-26").volume_kg, 1200.0 + 1200.0);
    assert_eq!(
        got.weeks_caption,
        "In your higher-volume weeks your HRV averaged 50 ms, vs 60 ms in lower-volume weeks (3 weeks)."
    );

    assert_eq!(got.muscles.len(), 2);
    assert_eq!(got.muscles[0].muscle, "chest");
    assert_eq!((got.muscles[0].sets, got.muscles[0].volume_kg), (2, 1200.0));
    assert_eq!(got.muscles[1].muscle, "quads");
    assert_eq!((got.muscles[1].sets, got.muscles[1].volume_kg), (1, 1200.0));
    // The newest cycle began at 22:00 on 30 October, eleven hours before now.
    assert_eq!(got.today_recovery, Some(70.0));
    assert_eq!(
        got.muscles_caption,
        "3 sets in the last 7 days, most for chest (2 sets); today's recovery is 70 %."
    );
    assert!(got.heavy.is_none(), "four sessions are too few to compare");
    assert!(
        got.heavy_caption.contains("(4 so far in this range)"),
        "{}",
        got.heavy_caption
    );
}

#[test]
fn no_whoop_data_and_no_training_are_plain_empty_states() {
    let conn = db();
    let now = Utc.with_ymd_and_hms(2026, 10, 31, 9, 0, 0).unwrap();
    let got = insights::insights(&conn, None, now).unwrap();
    assert_eq!((got.sessions, got.recovery_days), (0, 0));
    assert!(got.heavy.is_none() && got.weeks.is_empty() && got.muscles.is_empty());
    assert_eq!(got.muscles_caption, "No sets logged in the last 7 days.");
    assert!(got.today_recovery.is_none());
    assert!(
        insights::insights(&conn, Some(now), now).is_err(),
        "an empty range is refused"
    );
}

#[test]
fn sessions_tied_at_the_percentile_are_not_all_heavy() {
    let conn = db();
    whoop_month(&conn);
    let now = Utc.with_ymd_and_hms(2026, 10, 31, 9, 0, 0).unwrap();
    for k in (2..=20u32).step_by(2) {
        let at = Utc.with_ymd_and_hms(2026, 10, k, 18, 0, 0).unwrap();
        session(&conn, at, "Squat (Barbell)", 2, "100", now);
    }
    let got = insights::insights(&conn, None, now).unwrap();
    assert_eq!(got.sessions, 10);
    assert!(got.heavy.is_none(), "ten equal sessions have no heaviest quarter");
    assert_eq!(
        got.heavy_caption,
        "Your sessions in this range are all about the same volume (up to 2000 kg), so none stands out as heavy."
    );
}
