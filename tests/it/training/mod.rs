//! The training log: every rule of issue 3, against a migrated in-memory database for the
//! core and the real binary (real keychain) for the CLI.

mod body_measures;
mod catalog;
mod cli;
mod coverage;
mod drafts;
mod exercise_search;
mod formulas;
mod history;
mod import_quirks;
mod import_runs;
mod import_variants;
mod insights;
pub(crate) mod interchange;
mod json_progress;
mod record_flags;
mod records;
mod references;
mod reorder;
mod repeated;
mod rest_defaults;
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

/// What the import tests compare of one set: exercise, weight milli, unit, reps, kind, RPE
/// halves, seconds, and its session's start.
pub type SetFacts = (
    String,
    Option<u32>,
    Option<String>,
    Option<u32>,
    String,
    Option<u32>,
    Option<u32>,
    String,
);

/// Every set as stored, in log order (session start, then position).
pub fn stored_sets(conn: &Connection) -> Vec<SetFacts> {
    conn.prepare(
        "SELECT e.name, s.weight_milli, s.weight_unit, s.reps, s.kind, s.rpe_half, s.duration_s,
                x.started_at
         FROM session_set s JOIN session x ON x.id = s.session_id JOIN exercise e ON e.id = s.exercise_id
         ORDER BY x.started_at, s.position",
    )
    .unwrap()
    .query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}
