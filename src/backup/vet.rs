//! A backup's rows, re-checked with the rules typed input obeys, and its derived data
//! recomputed, before anything reads or restores them.
//!
//! A backup's schema can match exactly and its rows still be forged: anyone can encrypt
//! an image to a public recipient. `integrity_check` already enforces the schema's
//! `CHECK` constraints; this adds what those cannot say. Every foreign key must resolve
//! (`foreign_key_check`: a set pointing at a missing exercise would silently vanish from
//! exports); names must be what [`clean_name`] keeps, and notes and times what typed
//! input allows (no control characters or terminal escapes, RFC 3339 times); journal
//! tags what [`clean_tag`] keeps, found by their own key, and journal days real dates; no
//! import may be marked running (a backup leaves a running import out, and on the restored
//! vault's first open a running import's rows would be removed). Problems are
//! counted per column and refused in one short sentence. Then what is derived from the
//! sets — each set's weight in kilograms, its record flags and the records cache — is
//! thrown away and recomputed, so a forged record never reaches the coach view or a
//! restored vault.

use rusqlite::Connection;

use super::BackupError;
use crate::journal::tag_key;
use crate::journal::tags::clean_tag;
use crate::training::{MAX_NAME, Unit, Weight, clean_name, parse_stamp};

/// Names that must be exactly what [`clean_name`] keeps: (table, column). A session's
/// name is not among them: an import keeps the name its file gave ("Upper  A "), and the
/// re-import of a newer export finds the session by it, so it is only checked for length
/// and control characters (see [`session_name_ok`]).
const NAMES: [(&str, &str); 2] = [("exercise", "name"), ("routine", "name")];
/// Free text that may hold line breaks and tabs but no other control character.
const NOTES: [(&str, &str); 8] = [
    ("session", "notes"),
    ("routine", "notes"),
    ("session_set", "notes"),
    ("body_measurement", "note"),
    ("journal_entry", "note"),
    ("whoop_match", "workout_id"),
    ("whoop_match", "sport_name"),
    ("whoop_match", "timezone_offset"),
];
/// Times that must be RFC 3339, as Ironkeep writes them.
const TIMES: [(&str, &str); 9] = [
    ("session", "started_at"),
    ("session", "ended_at"),
    ("body_weight", "measured_at"),
    ("body_measurement", "measured_at"),
    ("import_run", "started_at"),
    ("import_run", "finished_at"),
    ("whoop_match", "decided_at"),
    ("whoop_match", "seen_at"),
    ("journal_entry", "updated_at"),
];

/// Refuses an image whose rows break a rule, then recomputes its derived data. `conn` is
/// the image's own writable, in-memory connection (triggers disabled).
pub(super) fn vet(conn: &Connection) -> Result<(), BackupError> {
    references(conn)?;
    let mut problems = Vec::new();
    for (table, column) in NAMES {
        let bad = count_bad(conn, table, column, |name| {
            clean_name("name", name).is_ok_and(|(clean, _)| clean == name)
        })?;
        note(&mut problems, bad, table, column, "not a valid name");
    }
    let bad = count_bad(conn, "session", "name", session_name_ok)?;
    note(&mut problems, bad, "session", "name", "not a valid name");
    let bad = count_bad(conn, "journal_tag", "name", |name| {
        clean_tag(name).is_ok_and(|(clean, _)| clean == name)
    })?;
    note(&mut problems, bad, "journal_tag", "name", "not a valid tag");
    note(
        &mut problems,
        tag_keys_bad(conn)?,
        "journal_tag",
        "name_key",
        "not the name's key",
    );
    let bad = count_bad(conn, "journal_entry", "day", |day| {
        chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok()
    })?;
    note(&mut problems, bad, "journal_entry", "day", "not a date");
    for (table, column) in NOTES {
        let bad = count_bad(conn, table, column, |text| {
            !text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        })?;
        note(&mut problems, bad, table, column, "control characters");
    }
    for (table, column) in TIMES {
        let bad = count_bad(conn, table, column, |at| parse_stamp(at).is_ok())?;
        note(&mut problems, bad, table, column, "not a time");
    }
    // A backup never holds an import still running (it is left out when the backup is
    // made): one that does was forged, and the first open of the restored vault would
    // remove every row tagged with it.
    let bad = count_bad(conn, "import_run", "state", |state| state == "done")?;
    note(
        &mut problems,
        bad,
        "import_run",
        "state",
        "an import still running",
    );
    if !problems.is_empty() {
        return Err(BackupError::InvalidRows(problems.join(", ")));
    }
    recompute(conn)
}

/// What every way of storing a session's name guarantees: at most [`MAX_NAME`]
/// characters, none of them a control character.
fn session_name_ok(name: &str) -> bool {
    name.chars().count() <= MAX_NAME && !name.chars().any(char::is_control)
}

/// How many journal tags are not found by their own name's key (none before the journal).
fn tag_keys_bad(conn: &Connection) -> Result<usize, BackupError> {
    let present: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'journal_tag'",
        [],
        |r| r.get(0),
    )?;
    if !present {
        return Ok(0);
    }
    let mut stmt = conn.prepare("SELECT CAST(name_key AS BLOB), CAST(name AS BLOB) FROM journal_tag")?;
    let mut rows = stmt.query([])?;
    let mut bad = 0;
    while let Some(row) = rows.next()? {
        let (key, name): (Vec<u8>, Vec<u8>) = (row.get(0)?, row.get(1)?);
        if std::str::from_utf8(&name)
            .map(tag_key)
            .ok()
            .as_deref()
            .map(str::as_bytes)
            != Some(key.as_slice())
        {
            bad += 1;
        }
    }
    Ok(bad)
}

/// Refuses dangling foreign keys, naming each table and how many of its rows dangle.
fn references(conn: &Connection) -> Result<(), BackupError> {
    let mut stmt = conn
        .prepare("SELECT \"table\", count(*) FROM pragma_foreign_key_check GROUP BY 1 ORDER BY 1 LIMIT 10")?;
    let dangling: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!("{} in {}", r.get::<_, i64>(1)?, r.get::<_, String>(0)?))
        })?
        .collect::<Result<_, _>>()?;
    if dangling.is_empty() {
        Ok(())
    } else {
        Err(BackupError::BrokenReferences(dangling.join(", ")))
    }
}

/// How many non-null values of `table.column` fail `ok` (none when an older schema has
/// no such table).
fn count_bad(
    conn: &Connection,
    table: &str,
    column: &str,
    ok: impl Fn(&str) -> bool,
) -> Result<usize, BackupError> {
    let present: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get(0),
    )?;
    if !present {
        return Ok(0);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT CAST(\"{column}\" AS BLOB) FROM \"{table}\" WHERE \"{column}\" IS NOT NULL"
    ))?;
    let mut rows = stmt.query([])?;
    let mut bad = 0;
    while let Some(row) = rows.next()? {
        let bytes: Vec<u8> = row.get(0)?;
        if !std::str::from_utf8(&bytes).is_ok_and(&ok) {
            bad += 1;
        }
    }
    Ok(bad)
}

fn note(problems: &mut Vec<String>, bad: usize, table: &str, column: &str, why: &str) {
    if bad > 0 {
        problems.push(format!("{bad} {table}.{column} ({why})"));
    }
}

/// Recomputes every set's weight in kilograms, then the record flags and the records
/// cache of every exercise, as if each set had been logged in turn.
fn recompute(conn: &Connection) -> Result<(), BackupError> {
    let derived = |e: crate::training::TrainingError| BackupError::InvalidRows(e.to_string());
    let weights: Vec<(i64, u32, String)> = conn
        .prepare("SELECT id, weight_milli, weight_unit FROM session_set WHERE weight_milli IS NOT NULL")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    let mut update = conn.prepare("UPDATE session_set SET weight_kg = ?2 WHERE id = ?1")?;
    for (id, milli, unit) in weights {
        let unit: Unit = unit.parse().map_err(derived)?;
        update.execute((id, Weight::from_milli(milli, unit).map_err(derived)?.kg()))?;
    }
    conn.execute("DELETE FROM exercise_record", [])?;
    let exercises: Vec<u32> = conn
        .prepare("SELECT id FROM exercise ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    crate::training::flags::refresh(conn, &exercises).map_err(derived)
}
