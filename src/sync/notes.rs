//! The notes a merge leaves for the person (`sync_note`), each device its own, listed by
//! `sync status` and Settings → Sync until dismissed: what it settled by itself (a name two
//! computers added, a slot both filled: `sync/unique.rs`) and a field two computers changed
//! beside each other, with the value that was not kept (`sync/merge.rs`).

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::change::Cell;

/// What a person calls a row of `table`.
pub(super) fn noun(table: &str) -> &'static str {
    match table {
        "exercise" => "an exercise",
        "routine" => "a routine",
        "journal_tag" => "a journal tag",
        "program" => "a program",
        "journal_entry" => "journal entry",
        "journal_entry_tag" => "journal tag tick",
        "body_weight" => "weighing",
        "exercise_loading" => "exercise increment",
        "program_run_max" => "training max",
        "program_session" => "program session",
        _ => "row",
    }
}

pub(super) fn shown(value: &Value) -> String {
    match value {
        Value::Text(t) => t.clone(),
        Value::Integer(i) => i.to_string(),
        Value::Real(r) => r.to_string(),
        Value::Blob(b) => hex::encode(b),
        Value::Null => "none".into(),
    }
}

pub(super) fn json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Integer(i) => (*i).into(),
        Value::Real(r) => (*r).into(),
        Value::Text(t) => t.clone().into(),
        Value::Blob(b) => hex::encode(b).into(),
    }
}

/// A field's value as a person reads it: a weight as "102.5 kg", else its columns.
pub(super) fn value_text(columns: &[&str], values: &[Value]) -> String {
    if let (Some(first), [Value::Integer(milli), Value::Text(unit), ..]) = (columns.first(), values)
        && first.ends_with("_milli")
    {
        let amount = format!("{:.3}", *milli as f64 / 1000.0);
        return format!("{} {unit}", amount.trim_end_matches('0').trim_end_matches('.'));
    }
    values.iter().map(shown).collect::<Vec<_>>().join(" ")
}

/// The row `row` of `table` as a person knows it: "a set of Squat (Barbell) on 2026-12-06".
pub(super) fn describe(conn: &Connection, table: &str, row: &Cell) -> rusqlite::Result<String> {
    let row = Value::from(row.clone());
    let found: Option<String> = match table {
        "session_set" => conn
            .query_row(
                "SELECT 'a set of ' || e.name || ' on ' || substr(x.started_at, 1, 10)
                 FROM session_set s JOIN exercise e ON e.id = s.exercise_id JOIN session x ON x.id = s.session_id
                 WHERE s.gid = ?1",
                [&row],
                |r| r.get(0),
            )
            .optional()?,
        "session" => conn
            .query_row(
                "SELECT 'the session “' || coalesce(name, 'Workout') || '” on ' || substr(started_at, 1, 10)
                 FROM session WHERE gid = ?1",
                [&row],
                |r| r.get(0),
            )
            .optional()?,
        "routine" => conn
            .query_row("SELECT 'the routine “' || name || '”' FROM routine WHERE gid = ?1", [&row], |r| {
                r.get(0)
            })
            .optional()?,
        _ => None,
    };
    Ok(found.unwrap_or_else(|| noun(table).to_owned()))
}

/// A merge's time as a note shows it: the clock of the change it settled.
pub(super) fn at_of(clock: super::clock::Hlc) -> String {
    chrono::DateTime::from_timestamp_millis(i64::try_from(clock.millis()).unwrap_or(0))
        .unwrap_or_default()
        .to_rfc3339()
}

/// A field's value as a person reads it; a reference to an exercise by its name.
pub(super) fn field_text(
    conn: &Connection,
    field: &super::tables::Field,
    values: &[Value],
) -> rusqlite::Result<String> {
    if field.refers_to == Some("exercise")
        && let [Value::Integer(id)] = values
    {
        let name: Option<String> = conn
            .query_row("SELECT name FROM exercise WHERE id = ?1", [id], |r| r.get(0))
            .optional()?;
        return Ok(name.unwrap_or_else(|| "an exercise".into()));
    }
    Ok(value_text(&field.columns, values))
}

/// Leaves a note.
pub(super) fn note(
    conn: &Connection,
    at: &str,
    table: &str,
    kind: &str,
    text: &str,
    lost: Option<&serde_json::Value>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO sync_note (at, tbl, kind, text, lost) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![at, table, kind, text, lost.map(ToString::to_string)],
    )?;
    Ok(())
}
