//! Capturing changes: every table and column of the schema is placed (synced, or kept on
//! the device with a reason), the schema holds exactly the triggers the description makes,
//! and while the device captures, every write path marks the rows and fields it changed by
//! the identity every device shares — and nothing at all while sync is off.

use std::collections::{BTreeMap, BTreeSet};

use ironkeep::sync::{LOCAL_TABLES, TABLES, capture_triggers};
use ironkeep::training::{SessionsMut, SetInput, SetsMut};
use rusqlite::Connection;

use crate::training::{db, ex, kg, now, session};
use crate::upgrade::import_hevy_history;

/// The stored (non-generated) columns of each table of a fresh vault.
fn schema_columns(conn: &Connection) -> BTreeMap<String, BTreeSet<String>> {
    let mut stmt = conn
        .prepare(
            "SELECT m.name, p.name FROM sqlite_master m, pragma_table_xinfo(m.name) p
              WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND p.hidden NOT IN (2, 3)",
        )
        .unwrap();
    let mut tables: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for row in stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .unwrap()
    {
        let (table, column) = row.unwrap();
        tables.entry(table).or_default().insert(column);
    }
    tables
}

#[test]
fn every_table_and_column_is_synced_or_kept_on_the_device_with_a_reason() {
    let conn = db();
    let schema = schema_columns(&conn);
    let mut placed = BTreeSet::new();
    for table in TABLES {
        let columns = schema
            .get(table.name)
            .unwrap_or_else(|| panic!("{} is in the schema", table.name));
        let mut listed: Vec<&str> = vec![table.identity];
        listed.extend(table.fields().iter().flat_map(|f| f.columns.clone()));
        listed.extend(table.local);
        let unique: BTreeSet<&str> = listed.iter().copied().collect();
        assert_eq!(
            unique.len(),
            listed.len(),
            "{}: a column is placed twice",
            table.name
        );
        let listed: BTreeSet<String> = unique.into_iter().map(str::to_owned).collect();
        assert_eq!(
            &listed, columns,
            "{}: every column is synced or local, and exists",
            table.name
        );
        for field in table.fields() {
            if let Some(target) = field.refers_to {
                assert!(
                    TABLES.iter().any(|t| t.name == target),
                    "{}.{}: refers to a synced table",
                    table.name,
                    field.name
                );
            }
        }
        placed.insert(table.name);
    }
    for (table, reason) in LOCAL_TABLES {
        assert!(schema.contains_key(*table), "{table} is in the schema");
        assert!(!reason.is_empty());
        assert!(placed.insert(table), "{table} is synced and local at once");
    }
    let unplaced: Vec<&String> = schema.keys().filter(|t| !placed.contains(t.as_str())).collect();
    assert!(
        unplaced.is_empty(),
        "tables neither synced nor kept local: {unplaced:?}"
    );
}

#[test]
fn the_schema_holds_exactly_the_capture_triggers_the_description_makes() {
    let conn = db();
    let mut stmt = conn
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync\\_%' ESCAPE '\\' ORDER BY name")
        .unwrap();
    let found: BTreeSet<String> = stmt
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let made: BTreeSet<String> = TABLES
        .iter()
        .flat_map(|t| {
            capture_triggers(t)
                .split_inclusive("\nEND;")
                .map(|s| s.trim().trim_end_matches(';').to_owned())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(made.len(), 3 * TABLES.len());
    assert_eq!(found, made);
}

fn marks(conn: &Connection) -> BTreeSet<(String, String)> {
    let mut stmt = conn.prepare("SELECT tbl, field FROM sync_dirty").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn mark(table: &str, field: &str) -> (String, String) {
    (table.to_owned(), field.to_owned())
}

#[test]
fn nothing_is_marked_while_sync_is_off() {
    let conn = db();
    let id = session(&conn, 0);
    SetsMut::new(&conn)
        .log(id, &SetInput::working(ex(&conn, "Squat (Barbell)"), kg("100"), 5))
        .unwrap();
    import_hevy_history(&conn, now());
    let count: i64 = conn
        .query_row("SELECT count(*) FROM sync_dirty", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 0);
}

#[test]
fn while_capturing_every_write_marks_its_row_or_the_fields_it_changed() {
    let conn = db();
    conn.execute("INSERT INTO sync_state (id) VALUES (1)", [])
        .unwrap();
    let id = session(&conn, 0);
    let squat = ex(&conn, "Squat (Barbell)");
    let sets = SetsMut::new(&conn);
    let logged = sets.log(id, &SetInput::working(squat, kg("100"), 5)).unwrap();
    assert_eq!(
        marks(&conn),
        BTreeSet::from([mark("session", "+"), mark("session_set", "+")])
    );

    conn.execute("DELETE FROM sync_dirty", []).unwrap();
    sets.edit(logged.set.id, &SetInput::working(squat, kg("102.5"), 5))
        .unwrap();
    assert_eq!(
        marks(&conn),
        BTreeSet::from([mark("session_set", "weight")]),
        "only the weight changed (its record flags are the device's own)"
    );
    let row: Vec<u8> = conn
        .query_row("SELECT row FROM sync_dirty", [], |r| r.get(0))
        .unwrap();
    let gid: Vec<u8> = conn
        .query_row(
            "SELECT gid FROM session_set WHERE id = ?1",
            [logged.set.id],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(row, gid, "a row is marked by its global id");

    conn.execute("DELETE FROM sync_dirty", []).unwrap();
    SessionsMut::new(&conn).finish(id, now(), false, now()).unwrap();
    sets.delete(logged.set.id).unwrap();
    assert_eq!(
        marks(&conn),
        BTreeSet::from([mark("session", "ended_at"), mark("session_set", "-")])
    );

    conn.execute("DELETE FROM sync_dirty", []).unwrap();
    conn.execute("UPDATE sync_state SET capturing = 0", []).unwrap();
    session(&conn, 1);
    assert!(marks(&conn).is_empty(), "a merge's own writes are not captured");
}

#[test]
fn an_import_marks_every_row_it_wrote() {
    let conn = db();
    conn.execute("INSERT INTO sync_state (id) VALUES (1)", [])
        .unwrap();
    let report = import_hevy_history(&conn, now());
    let sets: i64 = conn
        .query_row(
            "SELECT count(*) FROM sync_dirty WHERE tbl = 'session_set' AND field = '+'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sets as u64, report.sets_added);
    let sessions: i64 = conn
        .query_row(
            "SELECT count(*) FROM sync_dirty WHERE tbl = 'session' AND field = '+'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(sessions as u64, report.sessions_added);
}
