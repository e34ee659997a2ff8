//! Migration 0004 on the golden vault of schema 3: the catalog grows around what the user
//! has. A new lift whose name the user's exercise already has is not inserted; the user's
//! row stays and the lift is suggested for it. A v3 backup restores into the grown catalog.

use ironkeep::backup::BackupKey;
use ironkeep::training::catalog::Catalog;
use ironkeep::training::catalog::suggestions::{self, SuggestedAction};
use ironkeep::training::{Exercises, Muscle, Routines, TrainingError};
use ironkeep::vault::migrate;
use ironkeep::{RecoveryKit, Unlock, Vault};
use rusqlite::Connection;

use super::Golden;
use crate::backup::{has_exercise, vault};
use crate::harness::{Sandbox, now};

/// Names the v3 vault got from its Hevy import that 0004's catalog also has.
const TAKEN: &[(&str, &str)] = &[
    (
        "Lat Pulldown - Close Grip (Cable)",
        "lat-pulldown-close-grip-cable",
    ),
    ("Preacher Curl (Barbell)", "preacher-curl-barbell"),
    ("Triceps Kickback (Dumbbell)", "triceps-kickback-dumbbell"),
    ("Butterfly (Pec Deck)", "butterfly-pec-deck"),
];

fn upgraded() -> Golden {
    let mut golden = Golden::open(3).expect("the golden vault of schema 3 is committed");
    assert_eq!(migrate::run(&mut golden.conn).unwrap(), migrate::LATEST);
    golden
}

fn sets_on(conn: &Connection, id: u32) -> u32 {
    conn.query_row(
        "SELECT count(*) FROM session_set WHERE exercise_id = ?1",
        [id],
        |r| r.get(0),
    )
    .unwrap()
}

fn id(conn: &Connection, name: &str) -> u32 {
    Exercises::new(conn).by_name(name).unwrap().id
}

#[test]
fn new_lifts_arrive_and_taken_names_stay_the_users_with_a_suggestion() {
    let golden = upgraded();
    let conn = &golden.conn;
    let builtin: u32 = conn
        .query_row("SELECT count(*) FROM exercise WHERE builtin = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    let catalog = Catalog::new(conn).len().unwrap();
    assert!(builtin >= 400, "the catalog grew: {builtin} built-in lifts");
    assert_eq!(
        builtin + TAKEN.len() as u32,
        catalog,
        "every catalog lift is a built-in row, except the ones whose names the user had"
    );
    let list = suggestions::list(conn).unwrap();
    for (name, slug) in TAKEN {
        let rows: Vec<(bool, Option<String>, Option<Muscle>)> = conn
            .prepare("SELECT builtin, slug, muscle FROM exercise WHERE name_key = lower(?1)")
            .unwrap()
            .query_map([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            rows,
            vec![(false, None, None)],
            "{name}: only the user's row, untouched"
        );
        let offered = list
            .iter()
            .find(|s| s.exercise.name == *name)
            .unwrap_or_else(|| panic!("{name}: a suggestion is recorded"));
        assert_eq!(offered.action, SuggestedAction::Adopt);
        assert_eq!(offered.lift.slug, *slug);
    }
    for (name, lift) in [
        ("Face Pull", "Face Pull (Cable)"),
        ("Triceps Pushdown", "Triceps Pushdown (Cable)"),
        ("Hip Adduction (Machine)", "Hip Adductor (Machine)"),
    ] {
        let offered = list
            .iter()
            .find(|s| s.exercise.name == name)
            .unwrap_or_else(|| panic!("{name}: the catalog lift under another spelling is offered"));
        assert_eq!(offered.action, SuggestedAction::Merge, "{name}");
        assert_eq!(offered.lift.name, lift, "{name}");
        assert_eq!(offered.into, Some(id(conn, lift)), "{name}");
    }
    assert!(
        !list
            .iter()
            .any(|s| s.exercise.name == "Landmine Press ½-kneeling"),
        "a custom lift the catalog does not know gets no suggestion"
    );

    // The user's own changes to 0002's lifts hold, and a renamed lift is not re-added.
    let chin = Exercises::new(conn).by_name("Chin-Up (neutral grip)").unwrap();
    let slug: Option<String> = conn
        .query_row("SELECT slug FROM exercise WHERE id = ?1", [chin.id], |r| r.get(0))
        .unwrap();
    assert_eq!(
        slug.as_deref(),
        Some("chin-up"),
        "0002's lifts get their slug by id"
    );
    assert_eq!(
        Catalog::new(conn).resolve("Chin Up").unwrap().map(|e| e.id),
        Some(chin.id),
        "the catalog name still finds the renamed lift; no second Chin Up"
    );
    assert_eq!(
        Exercises::new(conn).by_name("Deadlift (Barbell)").unwrap().muscle,
        Some(Muscle::Hamstrings),
        "the muscle group the user chose stays"
    );
}

#[test]
fn accepting_adopts_or_merges_and_dismissing_is_remembered() {
    let golden = upgraded();
    let conn = &golden.conn;
    let close = id(conn, "Lat Pulldown - Close Grip (Cable)");
    let sets = sets_on(conn, close);
    let adopted = suggestions::accept(conn, close).unwrap();
    assert_eq!(adopted.id, close);
    assert_eq!(adopted.name, "Lat Pulldown - Close Grip (Cable)");
    assert_eq!(adopted.muscle, Some(Muscle::Back));
    assert!(!adopted.needs_review);
    assert_eq!(sets_on(conn, close), sets, "adopting moves no set");
    assert_eq!(
        Catalog::new(conn)
            .resolve("lat pulldown (close grip)")
            .unwrap()
            .map(|e| e.id),
        Some(close),
        "other spellings now land on the adopted row"
    );

    let face = id(conn, "Face Pull");
    let cable = id(conn, "Face Pull (Cable)");
    let (from, to) = (sets_on(conn, face), sets_on(conn, cable));
    assert!(from > 0);
    let kept = suggestions::accept(conn, face).unwrap();
    assert_eq!(kept.id, cable);
    assert_eq!(sets_on(conn, cable), from + to, "merging moves every set");
    let routine = &Routines::new(conn).list().unwrap()[0];
    assert_eq!(routine.entries[0].exercise_id, cable, "and routine entries");

    let kickback = id(conn, "Triceps Kickback (Dumbbell)");
    suggestions::dismiss(conn, kickback).unwrap();
    let list = suggestions::list(conn).unwrap();
    for gone in [close, face, kickback] {
        assert!(
            !list.iter().any(|s| s.exercise.id == gone),
            "{gone} is no longer offered"
        );
    }
    let err = suggestions::accept(conn, kickback).unwrap_err();
    assert!(matches!(err, TrainingError::NotFound { .. }), "{err:?}");
    assert_eq!(
        Exercises::new(conn).get(kickback).unwrap().muscle,
        None,
        "a dismissed suggestion changes nothing"
    );
}

#[test]
fn a_schema_3_backup_restores_into_the_grown_catalog() {
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/backup/fixtures");
    let bytes = std::fs::read(fixtures.join("backup-v3.age")).unwrap();
    let kit = RecoveryKit::read(&fixtures.join("kit-fixture.txt")).unwrap();
    let sb = Sandbox::new();
    let (v, _) = vault(&sb);
    let receipt = v
        .restore_backup(&bytes, BackupKey::Kits(vec![kit]), None, now())
        .expect("a v3 backup restores");
    assert_eq!(receipt.schema_version, migrate::LATEST);
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    assert!(
        has_exercise(&v, "Golden Press"),
        "the backup's own exercise is back"
    );
    let catalog = Catalog::new(v.conn());
    assert!(catalog.len().unwrap() >= 400);
    assert_eq!(
        catalog
            .resolve("Lat Pulldown - Close Grip (Cable)")
            .unwrap()
            .and_then(|e| e.muscle),
        Some(Muscle::Back),
        "the restored vault has the new lifts"
    );
}
