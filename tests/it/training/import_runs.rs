//! Imports committed in batches (issue 13): a set being logged waits for one batch at
//! most, Cancel removes every batch already committed and nothing else, and an import
//! whose process died is removed on the next open of the vault, unless its process is
//! still alive. Real vaults, real keychain, the writer's turn shared as the app shares it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;

use ironkeep::interchange::{self, ImportError, ImportOptions, ParseOptions, Parsed, Zone};
use ironkeep::training::{Exercises, ExercisesMut, NewExercise, SetInput, SetsMut};
use ironkeep::vault::{Unlock, Vault, VaultRoles, files};
use rusqlite::Connection;

use super::{count, kg, session};
use crate::harness::{Sandbox, now};
use crate::upgrade::{Rows, columns, rows, unchanged_user_rows};
use chrono::TimeZone;
use chrono::Utc;

fn options() -> ImportOptions {
    ImportOptions {
        zone: Zone::parse("UTC").unwrap(),
        skip_invalid: false,
        dry_run: false,
    }
}

/// Imports `parsed` on a handle for long work, as the app does, and sends on `under_way`
/// once 2,000 rows are in.
fn import_saying_when_under_way(
    roles: &VaultRoles,
    parsed: &Parsed,
    under_way: &mpsc::Sender<()>,
) -> interchange::ImportReport {
    let long = roles.for_long_work().unwrap();
    interchange::import_into(
        &long,
        parsed,
        options(),
        now(),
        &mut |p| {
            if p.rows_done == 2000 {
                let _ = under_way.send(());
            }
        },
        &AtomicBool::new(false),
    )
    .unwrap()
}

/// A Strong export of `rows` sets, fifty a day from 2020-01-06 (all before [`now`]): half
/// squats, half a lift no catalog knows (the import creates it).
fn parsed(rows: usize) -> Parsed {
    let mut out = String::from(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n",
    );
    let start = Utc.with_ymd_and_hms(2020, 1, 6, 7, 0, 0).unwrap();
    for i in 0..rows {
        let at = start + chrono::Duration::days((i / 50) as i64);
        let lift = if i % 2 == 0 { "Squat (Barbell)" } else { CUSTOM };
        out.push_str(&format!(
            "{};Day;{lift};{};{};kg;5;;;;0;;;1h\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            i % 25 + 1,
            60 + i % 50
        ));
    }
    interchange::parse(out.as_bytes(), &ParseOptions::default()).unwrap()
}

/// The lift the import creates.
const CUSTOM: &str = "Homemade Sled Drag Q";

fn open(sb: &Sandbox) -> Vault {
    Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap()
}

/// A vault holding what a lifter typed: a custom lift and a session with two sets.
/// Returns the session and the squat's id.
fn typed(vault: &Vault) -> (u32, u32) {
    let conn = vault.conn();
    let squat = Exercises::new(conn).by_name("Squat (Barbell)").unwrap().id;
    ExercisesMut::new(conn)
        .add(&NewExercise {
            name: "Landmine Press ½-kneeling".into(),
            kind: ironkeep::training::exercises::ExerciseKind::WeightReps,
            muscle: None,
            equipment: ironkeep::training::exercises::Equipment::Barbell,
        })
        .unwrap();
    let at = session(conn, 1);
    for weight in ["100", "110"] {
        SetsMut::new(conn)
            .log(at, &SetInput::working(squat, kg(weight), 5))
            .unwrap();
    }
    (at, squat)
}

/// Every user row, leaving out the records cache (derived, dropped by triggers and
/// rebuilt on the next read).
fn user_rows(conn: &Connection) -> Rows {
    let mut shape = columns(conn);
    shape.remove("exercise_record");
    rows(conn, &shape)
}

/// Rows an import left: its run, and every row tagged with one.
fn import_traces(conn: &Connection) -> (u32, u32, u32, u32) {
    let tagged = |table: &str| {
        conn.query_row(
            &format!("SELECT count(*) FROM {table} WHERE import_run IS NOT NULL"),
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    (
        count(conn, "import_run"),
        tagged("session"),
        tagged("session_set"),
        tagged("exercise"),
    )
}

fn lock_files(sb: &Sandbox) -> Vec<String> {
    std::fs::read_dir(sb.data())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("import-"))
        .collect()
}

fn batches(conn: &Connection) -> (u32, bool) {
    conn.query_row(
        "SELECT coalesce(max(batches), 0), coalesce(max(state = 'running'), 0) FROM import_run",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .unwrap()
}

#[test]
fn a_set_logged_during_a_long_import_waits_for_one_batch_at_most() {
    let sb = Sandbox::new();
    sb.init();
    let vault = open(&sb);
    let (at, squat) = typed(&vault);
    let roles = VaultRoles::new(vault);
    let parsed = parsed(40_000);
    let (started_tx, started_rx) = mpsc::channel();
    let mut logged = 0;
    let (roles, parsed) = (&roles, &parsed);
    let waited = std::thread::scope(|scope| {
        // The sender moves into the import's thread: if it fails, the wait below ends.
        let importer = scope.spawn(move || import_saying_when_under_way(roles, parsed, &started_tx));
        started_rx.recv().unwrap();
        // Each set reads how many batches were committed just before it asks for the
        // turn, and again once it has it. It waits for the batch holding the turn when it
        // asked; a batch that committed between the read and the ask (and the next one,
        // which may then have asked first) is why the bound is two, not one: one batch of
        // waiting. Before batches, the whole import was one: the set waited for all of it.
        let mut waited = Vec::new();
        while waited.len() < 40 {
            let (before, _) = batches(&roles.reader().unwrap());
            let writer = roles.writer();
            let (during, running) = batches(writer.conn());
            SetsMut::new(writer.conn())
                .log(at, &SetInput::working(squat, kg("80"), 5))
                .unwrap();
            drop(writer);
            logged += 1;
            if !running {
                break;
            }
            waited.push(during - before);
        }
        let report = importer.join().unwrap();
        assert_eq!(report.sets_added, 40_000);
        waited
    });
    assert!(
        waited.len() >= 5,
        "sets were logged while the import ran: {waited:?}"
    );
    assert!(
        waited.iter().all(|&b| b <= 2),
        "no set waited for more than one batch (batches committed while each waited: {waited:?})"
    );
    let conn = roles.reader().unwrap();
    let in_session: u32 = conn
        .query_row(
            "SELECT count(*) FROM session_set WHERE session_id = ?1",
            [at],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        in_session,
        2 + logged,
        "every set logged during the import is kept"
    );
    assert!(!batches(&conn).1, "the import is marked done");
    assert!(lock_files(&sb).is_empty(), "the run's lock file is gone");
}

#[test]
fn cancel_mid_import_removes_every_batch_it_committed_and_nothing_else() {
    let sb = Sandbox::new();
    sb.init();
    let vault = open(&sb);
    let (at, squat) = typed(&vault);
    let before = user_rows(vault.conn());
    let roles = VaultRoles::new(vault);
    let parsed = parsed(60_000);
    let cancel = AtomicBool::new(false);
    let (progress_tx, progress_rx) = mpsc::channel();
    let (roles, parsed, cancel) = (&roles, &parsed, &cancel);
    let (result, committed, logged) = std::thread::scope(|scope| {
        // The sender moves into the import's thread: if it fails, the wait below ends.
        let importer = scope.spawn(move || {
            let long = roles.for_long_work().unwrap();
            interchange::import_into(
                &long,
                parsed,
                options(),
                now(),
                &mut |p| {
                    let _ = progress_tx.send(p.rows_done);
                },
                cancel,
            )
        });
        while progress_rx.recv().unwrap() < 5000 {}
        let committed: u32 = roles
            .reader()
            .unwrap()
            .query_row(
                "SELECT count(*) FROM session_set WHERE import_run IS NOT NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        // A set the lifter logs while the import runs, into their own session.
        let logged = SetsMut::new(roles.writer().conn())
            .log(at, &SetInput::working(squat, kg("120"), 3))
            .unwrap()
            .set
            .id;
        cancel.store(true, Ordering::SeqCst);
        (importer.join().unwrap(), committed, logged)
    });
    assert!(
        matches!(result, Err(ImportError::Cancelled)),
        "the import stops: {result:?}"
    );
    assert!(committed > 0, "batches had been committed before the cancel");
    let after = user_rows(&roles.reader().unwrap());
    let added = unchanged_user_rows(&before, &after);
    assert_eq!(
        added,
        BTreeMap::from([("session_set".to_owned(), vec![i64::from(logged)])]),
        "only the set logged meanwhile is new; every row the import wrote is gone"
    );
    assert_eq!(import_traces(&roles.reader().unwrap()), (0, 0, 0, 0));
    assert!(lock_files(&sb).is_empty(), "the run's lock file is gone");
}

#[test]
fn an_import_whose_process_died_is_removed_on_the_next_open_unless_it_is_alive() {
    let sb = Sandbox::new();
    sb.init();
    let vault = open(&sb);
    typed(&vault);
    let before = user_rows(vault.conn());
    interchange::import_into(
        &vault,
        &parsed(3000),
        options(),
        now(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    // As if the process had died before its last batch: still marked running.
    let token: String = vault
        .conn()
        .query_row(
            "UPDATE import_run SET state = 'running', finished_at = NULL RETURNING token",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // A set the lifter logged since into a session the import created stays, and so
    // does that session.
    let (imported_session, zercher): (u32, u32) = vault
        .conn()
        .query_row(
            "SELECT s.id, (SELECT id FROM exercise WHERE name = 'Homemade Sled Drag Q') FROM session s
              WHERE s.import_run IS NOT NULL ORDER BY s.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let kept = SetsMut::new(vault.conn())
        .log(imported_session, &SetInput::working(zercher, kg("60"), 8))
        .unwrap()
        .set
        .id;
    drop(vault);

    // Its process still holds its lock: the import is alive, nothing is touched.
    let path = sb.data().join(format!("import-{token}.lock"));
    let held = files::append_private(&path).unwrap();
    held.try_lock().unwrap();
    let vault = open(&sb);
    assert_eq!(
        import_traces(vault.conn()).2,
        3000,
        "a live import's batches stay"
    );
    drop(vault);
    drop(held);

    // The process is gone: the next open removes the import in one transaction.
    let vault = open(&sb);
    let after = user_rows(vault.conn());
    let added = unchanged_user_rows(&before, &after);
    assert_eq!(
        added.keys().collect::<Vec<_>>(),
        ["exercise", "session", "session_set"],
        "what was logged into the import's session is kept: {added:?}"
    );
    assert_eq!(added["session_set"], [i64::from(kept)]);
    assert_eq!(added["session"], [i64::from(imported_session)]);
    assert_eq!(added["exercise"], [i64::from(zercher)]);
    assert_eq!(
        import_traces(vault.conn()),
        (0, 0, 0, 0),
        "the run is gone; what it left in use is no longer tagged"
    );
    assert!(lock_files(&sb).is_empty(), "the dead run's lock file is gone");
}

#[test]
fn a_cancelled_json_import_removes_the_batches_it_committed() {
    // The export of 6,000 imported sets, with a custom lift, imported into a vault that
    // holds what its lifter typed; cancelled once batches are committed.
    let source = super::db();
    interchange::import(&source, &parsed(6000), options(), now()).unwrap();
    let export = interchange::json::export(&source).unwrap();
    let sb = Sandbox::new();
    sb.init();
    let vault = open(&sb);
    typed(&vault);
    let before = user_rows(vault.conn());
    let cancel = AtomicBool::new(false);
    let err = interchange::json::import_into(
        &vault,
        &export,
        false,
        now(),
        &mut |p| {
            if p.rows_done >= 4000 {
                cancel.store(true, Ordering::SeqCst);
            }
        },
        &cancel,
    )
    .unwrap_err();
    assert!(matches!(err, ImportError::Cancelled), "{err:?}");
    let after = user_rows(vault.conn());
    assert!(
        unchanged_user_rows(&before, &after).is_empty(),
        "nothing of the cancelled import is left"
    );
    assert_eq!(import_traces(vault.conn()), (0, 0, 0, 0));
    // Imported whole, it is one finished run whose rows carry its id.
    let report = interchange::json::import_into(
        &vault,
        &export,
        false,
        now(),
        &mut |_| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(report.sets_added, 6000);
    assert_eq!(import_traces(vault.conn()).2, 6000);
    assert!(!batches(vault.conn()).1, "marked done");
    assert!(batches(vault.conn()).0 > 1, "written in more than one batch");
}

#[test]
fn a_set_logged_during_an_import_compares_with_the_batches_committed_before_it() {
    let sb = Sandbox::new();
    sb.init();
    let vault = open(&sb);
    let (at, squat) = typed(&vault);
    let roles = VaultRoles::new(vault);
    let parsed = parsed(40_000);
    let (started_tx, started_rx) = mpsc::channel();
    let (roles, parsed) = (&roles, &parsed);
    let (logged, cold) = std::thread::scope(|scope| {
        let importer = scope.spawn(move || import_saying_when_under_way(roles, parsed, &started_tx));
        started_rx.recv().unwrap();
        let (mut logged, mut cold) = (0, 0);
        // A session holds at most 500 sets.
        for i in 0u32..400 {
            let writer = roles.writer();
            if !batches(writer.conn()).1 {
                break;
            }
            // Heavier and lighter than what the batches bring, at reps that beat some.
            let input = SetInput::working(squat, kg(&format!("{}", 95 + i % 20)), 3 + i % 5);
            let cached: bool = writer
                .conn()
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM exercise_record WHERE exercise_id = ?1)",
                    [squat],
                    |r| r.get(0),
                )
                .unwrap();
            cold += u32::from(!cached);
            let expected = super::record_flags::scanned(writer.conn(), &input);
            let set = SetsMut::new(writer.conn()).log(at, &input).unwrap().set;
            assert_eq!(
                set.records, expected,
                "{input:?}, logged between two batches, is flagged against every set committed so far"
            );
            logged += 1;
        }
        assert_eq!(importer.join().unwrap().sets_added, 40_000);
        (logged, cold)
    });
    assert!(logged >= 5, "sets were logged while the import ran: {logged}");
    assert_eq!(
        cold, 0,
        "every batch leaves the squat's bests cached, so no set logged meanwhile reads the squat's whole history"
    );
}
