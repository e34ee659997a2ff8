//! Schema 11 gives the training log's first tables a global id: every row of a vault of
//! the previous release gets one, an imported set takes its import key, and two vaults
//! importing the same export name its sessions and sets alike.

use std::collections::BTreeSet;

use ironkeep::keys::DbKey;
use ironkeep::vault::db::{self, Create};
use ironkeep::vault::migrate::{self, Migration};
use rusqlite::Connection;

use super::{Golden, import_hevy_history};
use crate::harness::now;

const TABLES: [&str; 5] = [
    "exercise",
    "routine",
    "routine_exercise",
    "session",
    "session_set",
];

fn gids(conn: &Connection, table: &str) -> Vec<Vec<u8>> {
    let mut stmt = conn
        .prepare(&format!("SELECT gid FROM {table} ORDER BY id"))
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn every_row_of_a_schema_10_vault_gets_a_global_id_and_imported_sets_their_import_key() {
    let mut golden = Golden::open(10).expect("the golden vault of schema 10 exists");
    let sets_before = count(&golden.conn, "SELECT count(*) FROM session_set");
    let imported = count(
        &golden.conn,
        "SELECT count(*) FROM session_set WHERE import_key IS NOT NULL",
    );
    assert!(imported > 0, "the golden vault holds imported sets");
    migrate::run(&mut golden.conn).unwrap();
    for table in TABLES {
        let all = gids(&golden.conn, table);
        assert!(!all.is_empty(), "{table} has rows");
        assert!(
            all.iter().all(|g| g.len() == 16),
            "{table}: every gid is 128 bits"
        );
        let distinct: BTreeSet<_> = all.iter().collect();
        assert_eq!(distinct.len(), all.len(), "{table}: gids are distinct");
    }
    assert_eq!(
        count(&golden.conn, "SELECT count(*) FROM session_set"),
        sets_before
    );
    assert_eq!(
        count(
            &golden.conn,
            "SELECT count(*) FROM session_set WHERE gid = import_key"
        ),
        imported,
        "an imported set's gid is its import key"
    );
}

fn fresh_vault(dir: &std::path::Path) -> Connection {
    let key = DbKey::generate().unwrap();
    let mut conn = db::open(&dir.join("vault.db"), &key, Create::New).unwrap();
    migrate::run(&mut conn).unwrap();
    conn
}

#[test]
fn two_vaults_importing_the_same_export_name_its_sessions_and_sets_alike() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (one, two) = (fresh_vault(a.path()), fresh_vault(b.path()));
    import_hevy_history(&one, now());
    import_hevy_history(&two, now());
    let ids =
        |conn: &Connection, table: &str| -> BTreeSet<Vec<u8>> { gids(conn, table).into_iter().collect() };
    for table in ["session", "session_set"] {
        assert!(!ids(&one, table).is_empty());
        assert_eq!(
            ids(&one, table),
            ids(&two, table),
            "{table}: same export, same gids"
        );
    }
    // A session typed on each is its own.
    for conn in [&one, &two] {
        conn.execute(
            "INSERT INTO session (name, started_at) VALUES ('Typed', '2026-12-01T10:00:00Z')",
            [],
        )
        .unwrap();
    }
    let typed = |conn: &Connection| -> Vec<u8> {
        conn.query_row("SELECT gid FROM session WHERE name = 'Typed'", [], |r| r.get(0))
            .unwrap()
    };
    assert_ne!(typed(&one), typed(&two));
}

#[test]
fn importing_again_after_renaming_an_imported_session_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let conn = fresh_vault(dir.path());
    import_hevy_history(&conn, now());
    let sessions = count(&conn, "SELECT count(*) FROM session");
    let sets = count(&conn, "SELECT count(*) FROM session_set");
    conn.execute("UPDATE session SET name = 'Renamed ' || id", [])
        .unwrap();
    let again = import_hevy_history(&conn, now());
    assert_eq!(again.sets_added, 0);
    assert_eq!(count(&conn, "SELECT count(*) FROM session"), sessions);
    assert_eq!(count(&conn, "SELECT count(*) FROM session_set"), sets);
}

#[test]
fn a_migration_that_leaves_a_reference_dangling_is_refused_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = fresh_vault(dir.path());
    let latest = migrate::LATEST;
    conn.execute(
        "INSERT INTO session (name, started_at) VALUES ('Kept', '2026-12-01T10:00:00Z')",
        [],
    )
    .unwrap();
    // A set pointing at the session makes the dropped table's loss visible to the check.
    let exercise = count(&conn, "SELECT min(id) FROM exercise");
    conn.execute(
        "INSERT INTO session_set (session_id, exercise_id, position, reps) VALUES (1, ?1, 0, 5)",
        [exercise],
    )
    .unwrap();
    let mut list: Vec<Migration> = migrate::MIGRATIONS
        .iter()
        .map(|m| Migration {
            version: m.version,
            sql: m.sql,
        })
        .collect();
    list.push(Migration {
        version: latest + 1,
        sql: "DROP TABLE session; CREATE TABLE session (id INTEGER PRIMARY KEY) STRICT;
              INSERT INTO routine (name, name_key, created_at, updated_at) VALUES ('R', 'r', 'x', 'x');",
    });
    let err = migrate::run_list(&mut conn, &list).unwrap_err();
    assert!(err.to_string().contains("does not exist"), "{err}");
    assert_eq!(migrate::version(&conn).unwrap(), latest, "nothing was applied");
    assert_eq!(
        count(&conn, "SELECT count(*) FROM session WHERE name = 'Kept'"),
        1
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM routine"), 0);
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0)).unwrap();
    assert!(enforced, "foreign keys are on again");
}
