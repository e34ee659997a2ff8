//! Merging one device's changes into another: a change that needs a row not yet here
//! waits and applies once it arrives; a clock more than a day ahead, a vault without sync
//! and unsealed own changes are refused with nothing changed.

use ironkeep::sync::{Hlc, MAX_AHEAD_MS, MergeError, Sealed, merge, seal};
use ironkeep::training::{SetInput, SetsMut};
use rusqlite::Connection;

use crate::training::{db, ex, kg, session};

const NOW_MS: u64 = 1_790_000_000_000;

fn device(n: u8) -> Connection {
    let conn = db();
    conn.execute(
        "INSERT INTO sync_state (id, device) VALUES (1, ?1)",
        [vec![n; 16]],
    )
    .unwrap();
    conn
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Device `a` starts a session (first file) and logs a set into it (second file).
fn two_files() -> (Sealed, Sealed) {
    let a = device(1);
    let id = session(&a, 0);
    let first = seal(&a, NOW_MS).unwrap().unwrap();
    SetsMut::new(&a)
        .log(id, &SetInput::working(ex(&a, "Squat (Barbell)"), kg("100"), 5))
        .unwrap();
    let second = seal(&a, NOW_MS + 1).unwrap().unwrap();
    (first, second)
}

#[test]
fn a_set_that_arrives_before_its_session_waits_for_it() {
    let (first, second) = two_files();
    let b = device(2);
    let merged = merge(&b, &second, NOW_MS).unwrap();
    assert_eq!((merged.applied, merged.waiting), (0, 1));
    assert_eq!(count(&b, "SELECT count(*) FROM session_set"), 0);
    let merged = merge(&b, &first, NOW_MS).unwrap();
    assert_eq!(
        (merged.applied, merged.waiting),
        (2, 0),
        "the session, then the set that waited"
    );
    assert_eq!(
        count(
            &b,
            "SELECT count(*) FROM session_set WHERE reps = 5 AND weight_milli = 100000"
        ),
        1
    );
    assert_eq!(
        count(&b, "SELECT count(*) FROM sync_dirty"),
        0,
        "nothing to send back"
    );
    // The same files again change nothing.
    merge(&b, &first, NOW_MS).unwrap();
    merge(&b, &second, NOW_MS).unwrap();
    assert_eq!(count(&b, "SELECT count(*) FROM session_set"), 1);
}

#[test]
fn a_clock_more_than_a_day_ahead_is_refused_and_changes_nothing() {
    let (first, _) = two_files();
    let b = device(2);
    let ahead = Sealed {
        clock: Hlc::new(NOW_MS + MAX_AHEAD_MS + 60_000, 0),
        ..first
    };
    assert!(matches!(
        merge(&b, &ahead, NOW_MS),
        Err(MergeError::ClockAhead(_))
    ));
    assert_eq!(count(&b, "SELECT count(*) FROM session"), 0);
    assert_eq!(
        count(&b, "SELECT clock FROM sync_state"),
        0,
        "the clock was not adopted"
    );
}

#[test]
fn own_changes_are_sealed_before_others_are_merged_and_a_vault_without_sync_merges_nothing() {
    let (first, _) = two_files();
    let b = device(2);
    session(&b, 1);
    assert!(matches!(merge(&b, &first, NOW_MS), Err(MergeError::Unsealed)));
    let off = db();
    assert!(matches!(merge(&off, &first, NOW_MS), Err(MergeError::Off)));
    assert_eq!(count(&off, "SELECT count(*) FROM session"), 0);
}
