//! Real exports import whole; an imported session is never the workout in progress.

use ironkeep::interchange::{self, ImportOptions, ImportReport, ParseOptions, Zone};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::{History, Sessions, Unit};
use rusqlite::Connection;

use super::{count, db, now, session};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/training/fixtures")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn options() -> ImportOptions {
    ImportOptions {
        zone: Zone::parse("UTC").unwrap(),
        skip_invalid: false,
        dry_run: false,
    }
}

fn import_bytes(conn: &Connection, bytes: &[u8], unit: Option<Unit>) -> ImportReport {
    let parsed = interchange::parse(
        bytes,
        &ParseOptions {
            unit,
            ..ParseOptions::default()
        },
    )
    .unwrap();
    interchange::import(conn, &parsed, options(), now()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn an_imported_session_without_an_end_is_never_the_workout_in_progress() {
    let conn = db();
    import_bytes(&conn, &fixture("fitnotes_new.csv"), None);
    let zero = b"Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
        2024-03-04 18:02:11,Push,0,Bench Press (Barbell),1,100,5,0,0,,,\n";
    import_bytes(&conn, zero, Some(Unit::Kg));
    let open: u32 = conn
        .query_row("SELECT count(*) FROM session WHERE ended_at IS NULL", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(open, 3, "FitNotes dates and a zero duration give no end");
    let sessions = Sessions::new(&conn);
    assert_eq!(
        sessions.in_progress().unwrap(),
        None,
        "the logger must not resume an imported workout"
    );
    let page = History::new(&conn)
        .sessions(&HistoryFilter::default(), None, 20)
        .unwrap();
    assert!(
        page.items.iter().all(|s| !s.in_progress),
        "history and Today show imported sessions as ended, end unknown"
    );

    let live = session(&conn, 0);
    let current = sessions
        .in_progress()
        .unwrap()
        .expect("a session started here is in progress");
    assert_eq!(current.id, live);
    assert!(current.in_progress && sessions.get(1).is_ok_and(|s| !s.in_progress));
    assert_eq!(count(&conn, "session"), 4);
}
