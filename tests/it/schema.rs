//! The schema: a snapshot of what all migrations produce, and all-or-nothing upgrades.

use ironkeep::vault::VaultError;
use ironkeep::vault::migrate::{self, MIGRATIONS, Migration};
use rusqlite::Connection;

fn dump(conn: &Connection) -> String {
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| {
            Ok(format!(
                "-- {} {}\n{};\n",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?
            ))
        })
        .unwrap();
    rows.map(Result::unwrap).collect()
}

#[test]
fn final_schema_snapshot() {
    let mut conn = Connection::open_in_memory().unwrap();
    assert_eq!(migrate::run(&mut conn).unwrap(), migrate::LATEST);
    let schema = dump(&conn);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/snapshots/schema.sql");
    if std::env::var_os("IRONKEEP_UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &schema).unwrap();
    }
    let expected =
        std::fs::read_to_string(&path).expect("snapshot exists (IRONKEEP_UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(
        schema, expected,
        "the schema changed: add a migration and update the snapshot deliberately"
    );
    let stored: String = conn
        .query_row(
            "SELECT value FROM vault_meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        stored,
        migrate::LATEST.to_string(),
        "the version is also kept in a table, for backups"
    );
}

#[test]
fn failed_migration_leaves_nothing() {
    let mut conn = Connection::open_in_memory().unwrap();
    migrate::run(&mut conn).unwrap();
    let before = dump(&conn);
    let next = migrate::LATEST + 1;
    let mut broken: Vec<Migration> = MIGRATIONS
        .iter()
        .map(|m| Migration {
            version: m.version,
            sql: m.sql,
        })
        .collect();
    broken.push(Migration {
        version: next,
        sql: "CREATE TABLE half_done (x INTEGER); CREATE TABLE broken (;",
    });
    let err = migrate::run_list(&mut conn, &broken).unwrap_err();
    assert!(
        matches!(err, VaultError::Migration { version, .. } if version == next),
        "got {err:?}"
    );
    assert_eq!(
        dump(&conn),
        before,
        "a failed migration must leave the schema exactly as it was"
    );
    assert_eq!(migrate::version(&conn).unwrap(), migrate::LATEST);
}
