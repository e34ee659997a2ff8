//! The weekly report from known data: this week's sessions, volume per muscle, records and
//! WHOOP means, each beside the mean of the four weeks before.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use ironkeep::report;
use ironkeep::training::{SessionsMut, SetInput, SetsMut, StartSession};

use super::series::{Day, insert};
use crate::training::{db, ex, kg};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_week_is_compared_with_the_four_weeks_before() {
    let conn = db();
    let now = Utc.with_ymd_and_hms(2026, 10, 31, 12, 0, 0).unwrap();
    let squat = ex(&conn, "Squat (Barbell)");
    let bench = ex(&conn, "Bench Press (Barbell)");
    // Four earlier weeks (from Monday 21 September): one squat session a week, 3 × 5 × 100 kg.
    // The report's week (Monday 19 October): two sessions, squats at 110 kg (a record) and bench.
    let monday = Utc.with_ymd_and_hms(2026, 9, 21, 17, 0, 0).unwrap();
    let log = |at: chrono::DateTime<Utc>, sets: &[(u32, &str)]| {
        let id = SessionsMut::new(&conn)
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
        for (exercise, weight) in sets {
            SetsMut::new(&conn)
                .log(id, &SetInput::working(*exercise, kg(weight), 5))
                .unwrap();
        }
        SessionsMut::new(&conn)
            .finish(id, at + Duration::hours(1), false, now)
            .unwrap();
    };
    for week in 0..4 {
        log(
            monday + Duration::weeks(week),
            &[(squat, "100"), (squat, "100"), (squat, "100")],
        );
    }
    let this = monday + Duration::weeks(4);
    log(this, &[(squat, "110"), (squat, "110"), (squat, "110")]);
    log(this + Duration::days(2), &[(bench, "80"), (bench, "80")]);
    // WHOOP: recovery 70 % every day before, 50 % this week (cycles start 22:00 UTC).
    for n in 0..35 {
        let start = Utc.with_ymd_and_hms(2026, 9, 20, 22, 0, 0).unwrap() + Duration::days(n);
        let recovery = if n < 28 { 70.0 } else { 50.0 };
        let day = Day {
            start,
            recovery,
            hrv: 50.0,
            rhr: 50.0,
            strain: 10.0 + (n / 28) as f64,
            sleep: 80.0,
        };
        insert(&conn, 500 + n, "+00:00", &day);
    }

    let r = report::week(&conn, date(2026, 10, 21)).unwrap();
    assert_eq!(r.week, "2026-10-19", "any day finds its Monday");
    assert_eq!(r.sessions.len(), 2);
    assert!(
        r.sessions[0].started_at < r.sessions[1].started_at,
        "oldest first"
    );
    assert_eq!(r.session_count.this_week, Some(2.0));
    assert_eq!(r.session_count.previous, Some(1.0));
    assert_eq!(r.volume_kg.this_week, Some(3.0 * 5.0 * 110.0 + 2.0 * 5.0 * 80.0));
    assert_eq!(r.volume_kg.previous, Some(1500.0));
    let legs = r
        .muscles
        .iter()
        .find(|m| m.muscle == "quads")
        .expect("squats count for the quads");
    assert_eq!(
        (legs.sets, legs.volume_kg.this_week, legs.volume_kg.previous),
        (3, Some(1650.0), Some(1500.0))
    );
    let chest = r.muscles.iter().find(|m| m.muscle == "chest").unwrap();
    assert_eq!(chest.volume_kg.previous, None, "never trained before this week");
    assert!(
        r.records
            .iter()
            .any(|rec| rec.exercise == "Squat (Barbell)" && rec.kinds.contains(&"heaviest".to_owned())),
        "the 110 kg squat is a record: {:?}",
        r.records
    );
    assert_eq!(r.recovery.this_week, Some(50.0));
    assert_eq!(r.recovery.previous, Some(70.0));
    assert_eq!(r.strain.this_week, Some(11.0));
    assert_eq!(r.strain.previous, Some(10.0));
    assert_eq!(r.sleep_performance.previous, Some(80.0));
    assert_eq!(r.sleep_hours.this_week, Some(7.5), "light + deep + REM");

    // A week with nothing logged and no WHOOP data says so rather than inventing numbers.
    let empty = report::week(&conn, date(2027, 3, 3)).unwrap();
    assert!(empty.sessions.is_empty());
    assert_eq!(empty.volume_kg.this_week, Some(0.0));
    assert_eq!(
        empty.recovery,
        report::Compared {
            this_week: None,
            previous: None
        }
    );
}

#[test]
fn the_weeks_journal_tags_are_counted_beside_the_four_weeks_before() {
    let conn = db();
    let now = Utc.with_ymd_and_hms(2026, 10, 31, 12, 0, 0).unwrap();
    let journal = ironkeep::journal::Journal::new(&conn);
    let tick = |day: NaiveDate, tags: &[&str]| {
        let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
        journal.add(day, &tags, None, now).unwrap();
    };
    // The four weeks before (from Monday 21 September): alcohol on 8 days (2 a week) and
    // travel once. The report's week (Monday 19 October): alcohol on 3 days, sauna twice,
    // and one day with only a note. A tag ticked the Sunday before the five weeks and the
    // Monday after them counts nowhere.
    for week in 0..4 {
        let monday = date(2026, 9, 21) + Duration::weeks(week);
        tick(monday + Duration::days(4), &["alcohol"]);
        tick(monday + Duration::days(5), &["alcohol"]);
    }
    tick(date(2026, 9, 30), &["travel"]);
    tick(date(2026, 10, 19), &["alcohol", "sauna"]);
    tick(date(2026, 10, 23), &["alcohol"]);
    tick(date(2026, 10, 24), &["alcohol", "sauna"]);
    journal
        .add(date(2026, 10, 25), &[], Some("slept badly"), now)
        .unwrap();
    tick(date(2026, 9, 20), &["stress"]);
    tick(date(2026, 10, 26), &["stress"]);

    let r = report::week(&conn, date(2026, 10, 25)).unwrap();
    let days: Vec<(&str, Option<f64>, Option<f64>)> = r
        .tags
        .iter()
        .map(|t| (t.tag.as_str(), t.days.this_week, t.days.previous))
        .collect();
    assert_eq!(
        days,
        vec![
            ("alcohol", Some(3.0), Some(2.0)),
            ("sauna", Some(2.0), Some(0.0)),
            ("travel", Some(0.0), Some(0.25)),
        ],
        "most days this week first; stress fell outside the five weeks"
    );
    assert_eq!(
        r.journal_days.this_week,
        Some(4.0),
        "the day with only a note counts"
    );
    assert_eq!(r.journal_days.previous, Some(9.0 / 4.0));

    let quiet = report::week(&conn, date(2027, 3, 3)).unwrap();
    assert!(quiet.tags.is_empty());
    assert_eq!(quiet.journal_days.this_week, Some(0.0));
}
