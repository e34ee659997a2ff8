//! Insights without WHOOP (issue 11): a training log alone shows consistency, each muscle
//! group's volume trend and the main lifts' strength trend.

use ironkeep::insights::training::training;
use ironkeep::training::{SetInput, SetKind, SetsMut};

use super::{db, ex, kg, now, session};

#[test]
fn a_log_without_whoop_has_consistency_volume_and_strength_trends() {
    let conn = db();
    let squat = ex(&conn, "Squat (Barbell)");
    let bench = ex(&conn, "Bench Press (Barbell)");
    let sets = SetsMut::new(&conn);
    // Sunday 1 Nov 2026 is "now": weeks of 21 Sep, 28 Sep, 19 Oct (twice) and 26 Oct.
    for (days_ago, weight) in [(36, "100"), (29, "105"), (9, "110"), (8, "115"), (1, "120")] {
        let s = session(&conn, days_ago);
        sets.log(s, &SetInput::working(squat, kg(weight), 5)).unwrap();
        sets.log(
            s,
            &SetInput {
                kind: SetKind::Warmup,
                ..SetInput::working(squat, kg("200"), 5)
            },
        )
        .unwrap();
    }
    sets.log(session(&conn, 2), &SetInput::working(bench, kg("80"), 5))
        .unwrap();

    let found = training(&conn, None, now()).unwrap();
    assert_eq!(found.sessions, 6);
    let weeks: Vec<(&str, u32)> = found
        .weeks
        .iter()
        .map(|w| (w.week.as_str(), w.sessions))
        .collect();
    assert_eq!(
        weeks,
        [
            ("2026-09-21", 1),
            ("2026-09-28", 1),
            ("2026-10-05", 0),
            ("2026-10-12", 0),
            ("2026-10-19", 2),
            ("2026-10-26", 2)
        ],
        "every week from the first session, the empty ones too"
    );
    assert_eq!((found.weeks_trained, found.longest_streak), (4, 2));

    let quads = &found.muscles[0];
    assert_eq!(
        quads.muscle, "quads",
        "most recent volume first: {:?}",
        found.muscles
    );
    assert_eq!(
        (quads.recent_kg, quads.before_kg),
        (5.0 * (110.0 + 115.0 + 120.0), 5.0 * (100.0 + 105.0)),
        "the last four weeks against the four before, warm-ups excluded"
    );

    assert_eq!(found.lifts.len(), 1, "a lift with one session has no trend yet");
    let lift = &found.lifts[0];
    assert_eq!((lift.exercise.as_str(), lift.sessions), ("Squat (Barbell)", 5));
    let epley = |kg: f64| kg * (1.0 + 5.0 / 30.0);
    assert!((lift.first_e1rm_kg - epley(102.5)).abs() < 1e-9, "{lift:?}");
    assert!((lift.last_e1rm_kg - epley(117.5)).abs() < 1e-9, "{lift:?}");

    let recent = training(&conn, Some(now() - chrono::Duration::days(10)), now()).unwrap();
    assert_eq!(
        (recent.sessions, recent.weeks.len()),
        (4, 2),
        "a shorter range counts its own sessions and weeks"
    );
}

#[test]
fn an_empty_log_has_one_empty_week_and_no_trends() {
    let conn = db();
    let found = training(&conn, None, now()).unwrap();
    assert_eq!(
        (found.sessions, found.weeks.len(), found.weeks_trained),
        (0, 1, 0)
    );
    assert!(found.muscles.is_empty() && found.lifts.is_empty());
}
