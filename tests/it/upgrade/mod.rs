//! Upgrades of real vaults: every migration is tested on a vault made by the release
//! before it.
//!
//! `fixtures/vault-v{N}.db` is a SQLCipher vault that the release writing schema `N` made
//! (with `fixtures/vault-v{N}.key`, its raw test key in hex), holding the kind of data
//! users have: a Hevy import, typed sessions, a routine, a renamed, an archived and a
//! re-muscled catalog lift, a merged alias. Each test opens a copy with today's code,
//! migrates it, and compares every user row before and after: an upgrade may add catalog
//! rows but never change one thing the user typed or imported.

mod catalog;
mod global_ids;
mod golden;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use ironkeep::interchange::{self, ImportOptions, ImportReport, ParseOptions, Zone};
use ironkeep::keys::DbKey;
use ironkeep::vault::db::{self, Create};
use ironkeep::vault::migrate;
use rusqlite::Connection;
use rusqlite::types::Value;

/// Where the golden vaults live.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/upgrade/fixtures")
}

/// Imports `fixtures/hevy_history.csv` (written as if in UTC+2).
pub fn import_hevy_history(conn: &Connection, now: DateTime<Utc>) -> ImportReport {
    let csv = std::fs::read(fixtures().join("hevy_history.csv")).unwrap();
    let parsed = interchange::parse(&csv, &ParseOptions::default()).unwrap();
    let options = ImportOptions {
        zone: Zone::Fixed(FixedOffset::east_opt(2 * 3600).unwrap()),
        skip_invalid: false,
        dry_run: false,
    };
    interchange::import(conn, &parsed, options, now).unwrap()
}

/// A private copy of the golden vault of schema `version`, opened (not yet migrated).
pub struct Golden {
    _tmp: tempfile::TempDir,
    pub conn: Connection,
}

impl Golden {
    /// Copies `vault-v{version}.db` to a temp dir and opens it with its key; `None` when no
    /// golden vault exists for that version.
    pub fn open(version: u32) -> Option<Golden> {
        let src = fixtures().join(format!("vault-v{version}.db"));
        if !src.exists() {
            return None;
        }
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("vault.db");
        std::fs::copy(&src, &path).unwrap();
        let hex = std::fs::read_to_string(fixtures().join(format!("vault-v{version}.key"))).unwrap();
        let key = DbKey::from_hex(&hex).unwrap();
        let conn = db::open(&path, &key, Create::Existing).expect("the golden vault opens with its key");
        assert_eq!(
            migrate::version(&conn).unwrap(),
            version,
            "vault-v{version}.db is at its schema version"
        );
        Some(Golden { _tmp: tmp, conn })
    }
}

/// Every row of every table, by table and rowid, reading only the columns each table has
/// now (so columns a later migration adds are left out when comparing).
pub type Rows = BTreeMap<String, BTreeMap<i64, Vec<Value>>>;

/// The tables of `conn` with their column lists. The shipped catalog's reference tables
/// (`WITHOUT ROWID`, never written by the app) are left out: they hold no user row.
pub fn columns(conn: &Connection) -> BTreeMap<String, Vec<String>> {
    let tables: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
               AND sql NOT LIKE '%WITHOUT ROWID%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    tables
        .into_iter()
        .map(|table| {
            let cols: Vec<String> = conn
                .prepare(&format!(
                    "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
                ))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (table, cols)
        })
        .collect()
}

/// Reads every row of the tables in `shape`, only their listed columns.
pub fn rows(conn: &Connection, shape: &BTreeMap<String, Vec<String>>) -> Rows {
    shape
        .iter()
        .map(|(table, cols)| {
            let list = cols
                .iter()
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            let mut stmt = conn
                .prepare(&format!("SELECT rowid, {list} FROM \"{table}\""))
                .unwrap();
            let found = stmt
                .query_map([], |r| {
                    let values = (1..=cols.len())
                        .map(|i| r.get::<_, Value>(i))
                        .collect::<Result<_, _>>()?;
                    Ok((r.get::<_, i64>(0)?, values))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            (table.clone(), found)
        })
        .collect()
}

/// Checks that every row in `before` is still in `after`, unchanged; returns the rows
/// that are new, by table. `vault_meta`'s schema version is expected to move.
pub fn unchanged_user_rows(before: &Rows, after: &Rows) -> BTreeMap<String, Vec<i64>> {
    let mut added = BTreeMap::new();
    for (table, old) in before {
        let new = after
            .get(table)
            .unwrap_or_else(|| panic!("the upgrade dropped table {table}"));
        for (rowid, values) in old {
            if table == "vault_meta" && values.first() == Some(&Value::Text("schema_version".into())) {
                continue;
            }
            assert_eq!(
                new.get(rowid),
                Some(values),
                "{table} row {rowid} changed or vanished in the upgrade"
            );
        }
        let extra: Vec<i64> = new.keys().filter(|id| !old.contains_key(id)).copied().collect();
        if !extra.is_empty() {
            added.insert(table.clone(), extra);
        }
    }
    added
}

#[test]
fn every_golden_vault_upgrades_without_changing_a_user_row() {
    golden::write_if_asked();
    let mut seen = 0;
    for version in 1..migrate::LATEST {
        let Some(mut golden) = Golden::open(version) else {
            continue;
        };
        seen += 1;
        let shape = columns(&golden.conn);
        let before = rows(&golden.conn, &shape);
        assert_eq!(migrate::run(&mut golden.conn).unwrap(), migrate::LATEST);
        let after = rows(&golden.conn, &shape);
        let added = unchanged_user_rows(&before, &after);
        for (table, ids) in &added {
            assert_eq!(
                table, "exercise",
                "v{version}: an upgrade adds rows only to the catalog"
            );
            for id in ids {
                let builtin: bool = golden
                    .conn
                    .query_row("SELECT builtin FROM exercise WHERE id = ?1", [id], |r| r.get(0))
                    .unwrap();
                assert!(
                    builtin,
                    "v{version}: exercise {id} added by the upgrade is a catalog lift"
                );
            }
        }
        let check: String = golden
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let broken: i64 = golden
            .conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(broken, 0, "v{version}: no dangling reference after the upgrade");
    }
    // Golden vaults start with schema 3: the first upgrade tested this way is 0004.
    assert!(
        migrate::LATEST <= 3 || seen >= 1,
        "a golden vault of the previous release must exist"
    );
    assert!(
        fixtures().join(format!("vault-v{}.db", migrate::LATEST)).exists(),
        "commit the golden vault of this release (see fixtures/README.md)"
    );
}

/// Rows tagged with an import run, by table, and the runs.
fn import_tags(conn: &Connection) -> (i64, i64, i64, i64) {
    conn.query_row(
        "SELECT (SELECT count(*) FROM import_run),
                (SELECT count(*) FROM session WHERE import_run IS NOT NULL),
                (SELECT count(*) FROM session_set WHERE import_run IS NOT NULL),
                (SELECT count(*) FROM exercise WHERE import_run IS NOT NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )
    .unwrap()
}

#[test]
fn schema_6_tags_no_row_of_an_older_vault_so_no_cleanup_can_remove_one() {
    let mut golden = Golden::open(5).expect("the golden vault of schema 5 exists");
    assert_eq!(migrate::run(&mut golden.conn).unwrap(), migrate::LATEST);
    assert_eq!(
        import_tags(&golden.conn),
        (0, 0, 0, 0),
        "rows imported before schema 6 belong to no import run"
    );
    // The golden vault of schema 6 holds its Hevy import as one finished run.
    let v6 = Golden::open(6).expect("the golden vault of schema 6 exists");
    let (runs, sessions, sets, _) = import_tags(&v6.conn);
    assert_eq!(runs, 1);
    assert!(sessions > 0 && sets > 0, "its import's rows carry the run's id");
    let state: String = v6
        .conn
        .query_row("SELECT state FROM import_run", [], |r| r.get(0))
        .unwrap();
    assert_eq!(state, "done");
}
