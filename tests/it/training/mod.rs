//! The training log: every rule of issue 3, against a migrated in-memory database for the
//! core and the real binary (real keychain) for the CLI.

mod catalog;
mod cli;
mod coverage;
mod drafts;
mod formulas;
mod history;
mod import_quirks;
mod import_variants;
mod interchange;
mod json_progress;
mod record_flags;
mod records;
mod references;
mod reorder;
mod repeated;
mod search;
mod sessions;
mod units;
mod validation;
mod warmups;

use chrono::{DateTime, Duration, Utc};
use ironkeep::training::{Exercises, SessionsMut, StartSession, Unit, Weight};
use ironkeep::vault::migrate;
use rusqlite::Connection;

/// A fresh database with every migration applied and foreign keys on, as a vault has.
pub fn db() -> Connection {
    let mut conn = Connection::open_in_memory().expect("in-memory database");
    conn.execute_batch("PRAGMA foreign_keys = ON;").unwrap();
    migrate::run(&mut conn).expect("migrations run");
    conn
}

/// A fixed "now".
pub fn now() -> DateTime<Utc> {
    crate::harness::now()
}

/// The id of a catalog exercise.
pub fn ex(conn: &Connection, name: &str) -> u32 {
    Exercises::new(conn)
        .by_name(name)
        .unwrap_or_else(|e| panic!("{name} should be in the catalog: {e}"))
        .id
}

pub fn kg(text: &str) -> Weight {
    Weight::parse(text, Unit::Kg).unwrap()
}

pub fn lb(text: &str) -> Weight {
    Weight::parse(text, Unit::Lb).unwrap()
}

/// Starts an empty session `days_ago` days before [`now`].
pub fn session(conn: &Connection, days_ago: i64) -> u32 {
    SessionsMut::new(conn)
        .start(
            &StartSession {
                started_at: now() - Duration::days(days_ago),
                ..StartSession::default()
            },
            now(),
        )
        .unwrap()
        .session
        .id
}

/// Counts the rows of a table.
pub fn count(conn: &Connection, table: &str) -> u32 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}
