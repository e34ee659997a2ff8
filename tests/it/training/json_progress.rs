//! A JSON import reports progress in sets like a CSV import, and Cancel rolls the whole
//! import back: no sessions, sets, exercises or routines from the file stay behind.

use std::sync::atomic::{AtomicBool, Ordering};

use ironkeep::interchange::{self, ImportError, ParseOptions, json};
use ironkeep::training::{RoutineEntry, RoutineInput, RoutinesMut};
use rusqlite::Connection;

use super::interchange::many_rows;
use super::{count, db, ex, now, session};

/// An Ironkeep JSON export of `sets` sets (10 per session, half of them of a custom
/// exercise) and one routine.
fn export_of(sets: usize) -> json::Export {
    let conn = db();
    let parsed = interchange::parse(&many_rows(sets), &ParseOptions::default()).unwrap();
    interchange::import(
        &conn,
        &parsed,
        interchange::ImportOptions {
            zone: interchange::Zone::parse("UTC").unwrap(),
            skip_invalid: false,
            dry_run: false,
        },
        now(),
    )
    .unwrap();
    RoutinesMut::new(&conn)
        .create(
            &RoutineInput {
                name: "Legs".into(),
                notes: String::new(),
                entries: vec![RoutineEntry {
                    exercise_id: ex(&conn, "Squat (Barbell)"),
                    target_sets: 3,
                    reps_min: Some(5),
                    reps_max: Some(5),
                    weight: None,
                    rest_seconds: None,
                    superset: None,
                }],
            },
            now(),
        )
        .unwrap();
    json::export(&conn).unwrap()
}

/// (sessions, sets, exercises, routines) in a vault.
fn counts(conn: &Connection) -> (u32, u32, u32, u32) {
    (
        count(conn, "session"),
        count(conn, "session_set"),
        count(conn, "exercise"),
        count(conn, "routine"),
    )
}

#[test]
fn a_json_import_reports_progress_in_sets() {
    let export = export_of(3500);
    let conn = db();
    let mut seen = Vec::new();
    let report = json::import_watched(
        &conn,
        &export,
        false,
        now(),
        &mut |p| seen.push((p.rows_done, p.rows_total)),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!((report.sessions_added, report.sets_added), (350, 3500));
    assert!(
        seen.iter().all(|&(_, total)| total == 3500),
        "every report carries the total: {seen:?}"
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 <= w[1].0),
        "progress never goes back: {seen:?}"
    );
    assert!(seen.len() >= 4, "a report at least every 1,000 sets: {seen:?}");
    assert_eq!(seen.first(), Some(&(0, 3500)), "the first report comes at once");
    assert_eq!(
        seen.last(),
        Some(&(3500, 3500)),
        "the last says every set is done"
    );

    // Again: every session is already there, and progress still runs to the end.
    seen.clear();
    let again = json::import_watched(
        &conn,
        &export,
        false,
        now(),
        &mut |p| seen.push((p.rows_done, p.rows_total)),
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!((again.sessions_already_present, again.sets_added), (350, 0));
    assert_eq!(seen.last(), Some(&(3500, 3500)));
}

#[test]
fn a_cancelled_json_import_leaves_the_vault_as_it_was() {
    let export = export_of(3500);
    let conn = db();
    // A vault with something in it already, which must stay exactly as it is.
    let own = session(&conn, 3);
    let before = counts(&conn);
    let cancel = AtomicBool::new(false);
    let err = json::import_watched(
        &conn,
        &export,
        false,
        now(),
        &mut |p| {
            if p.rows_done >= 2000 {
                cancel.store(true, Ordering::Relaxed);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Cancelled), "{err:?}");
    assert_eq!(err.code(), "cancelled");
    assert_eq!(
        counts(&conn),
        before,
        "no session, set, exercise (the custom lift) or routine from the file stays"
    );
    assert!(ironkeep::training::Sessions::new(&conn).get(own).is_ok());

    // Cancelled before it starts: same. Cancelled only after the last set: still nothing.
    let err =
        json::import_watched(&conn, &export, false, now(), &mut |_| {}, &AtomicBool::new(true)).unwrap_err();
    assert!(matches!(err, ImportError::Cancelled));
    let late = AtomicBool::new(false);
    let err = json::import_watched(
        &conn,
        &export,
        false,
        now(),
        &mut |p| {
            if p.rows_done == p.rows_total {
                late.store(true, Ordering::Relaxed);
            }
        },
        &late,
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Cancelled));
    assert_eq!(counts(&conn), before);

    // Not cancelled, the same import goes through.
    json::import(&conn, &export, false, now()).unwrap();
    assert_eq!(counts(&conn).1, before.1 + 3500);
}
