//! Unique keys two devices filled independently (docs/sync.md, "Unique names and slots").
//! Each device settles them alike, whatever order the rows arrive in, by comparing the
//! rows' shared identities:
//!
//! - **A name** (an exercise, routine, journal tag or program both computers added): both
//!   rows stay; the one with the larger identity is renamed "Name (2)" (the next free
//!   number) on every device.
//! - **A slot** (a day's journal entry, a weighing at one time, a lift's increment, a
//!   program's training max): the row with the smaller identity keeps it; the other is
//!   removed on every device and counts as deleted, so its later edits are dropped too.
//!
//! Either way a note (`sync_note`) tells the person, and a removed row's values are kept
//! in it, so nothing typed is lost unseen. The renames and removals are the merge's own
//! writes: every device makes them, so none is sent.

use std::cmp::Ordering;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::change::Cell;
use super::clock::Hlc;
use super::notes::{at_of, json, note, noun, shown};
use super::seal::clock_value;
use super::tables::Table;

/// How a row that met a unique key was settled.
pub(super) enum Settled {
    /// The way is clear: insert or update it (with the values as changed here).
    Retry,
    /// It lost its slot: it counts as deleted.
    Lost,
    /// No unique key of the table explains the refusal.
    Unknown,
}

/// Orders two identities the same way on every device: by their bytes.
fn bytes(value: &Value) -> Vec<u8> {
    match value {
        Value::Blob(b) => b.clone(),
        Value::Text(t) => t.as_bytes().to_vec(),
        Value::Integer(i) => i.to_be_bytes().to_vec(),
        Value::Real(r) => r.to_be_bytes().to_vec(),
        Value::Null => Vec::new(),
    }
}

/// Settles the unique keys the row named `row` (its `columns` set to `values`, which a
/// rename changes) shares with another row here; `rowid` is its own local row when it
/// exists (an update).
#[allow(clippy::too_many_arguments)]
pub(super) fn settle(
    conn: &Connection,
    table: &Table,
    row: &Cell,
    rowid: Option<i64>,
    columns: &[String],
    values: &mut [Value],
    clock: Hlc,
    device: &[u8; 16],
) -> rusqlite::Result<Settled> {
    let at = at_of(clock);
    let incoming = Value::from(row.clone());
    for key in table.unique {
        let cols: Vec<&str> = key.split('+').collect();
        let Some(positions) = cols
            .iter()
            .map(|c| columns.iter().position(|have| have == c))
            .collect::<Option<Vec<usize>>>()
        else {
            continue;
        };
        let matching = cols
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{c} IS ?{}", i + 2))
            .collect::<Vec<_>>()
            .join(" AND ");
        let sql = format!(
            "SELECT rowid, {} FROM {} WHERE rowid IS NOT ?1 AND {matching}",
            table.shared_identity(),
            table.name
        );
        let mut args = vec![rowid.map_or(Value::Null, Value::Integer)];
        args.extend(positions.iter().map(|&p| values[p].clone()));
        let other: Option<(i64, Value)> = conn
            .query_row(&sql, rusqlite::params_from_iter(args), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let Some((other_rowid, other)) = other else {
            continue;
        };
        let incoming_larger = bytes(&incoming).cmp(&bytes(&other)) == Ordering::Greater;
        if *key == "name_key" {
            let name_at = columns.iter().position(|c| c == "name");
            let Some(name_at) = name_at else { continue };
            let Value::Text(name) = values[name_at].clone() else {
                continue;
            };
            let renamed = free_name(conn, table, &name)?;
            if incoming_larger {
                values[name_at] = Value::Text(renamed.clone());
                values[positions[0]] = Value::Text(renamed.to_lowercase());
            } else {
                conn.execute(
                    &format!(
                        "UPDATE {} SET name = ?2, name_key = ?3 WHERE rowid = ?1",
                        table.name
                    ),
                    params![other_rowid, renamed, renamed.to_lowercase()],
                )?;
            }
            note(
                conn,
                &at,
                table.name,
                "renamed",
                &format!(
                    "Two computers added “{name}” ({}); one is now called “{renamed}” on every computer.",
                    noun(table.name)
                ),
                None,
            )?;
            continue;
        }
        // A slot: the smaller identity keeps it.
        let what = format!(
            "{} ({})",
            noun(table.name),
            positions
                .iter()
                .map(|&p| shown(&values[p]))
                .collect::<Vec<_>>()
                .join(", ")
        );
        if incoming_larger {
            tombstone(conn, table.name, &incoming, clock, device)?;
            let lost = serde_json::Value::Object(
                columns
                    .iter()
                    .zip(values.iter())
                    .map(|(c, v)| (c.clone(), json(v)))
                    .collect(),
            );
            note(
                conn,
                &at,
                table.name,
                "replaced",
                &format!("Two computers wrote the same {what}; this computer's was kept on every computer."),
                Some(&lost),
            )?;
            return Ok(Settled::Lost);
        }
        let lost = row_json(conn, table.name, other_rowid)?;
        tombstone(conn, table.name, &other, clock, device)?;
        conn.execute(
            &format!("DELETE FROM {} WHERE rowid = ?1", table.name),
            [other_rowid],
        )?;
        note(
            conn,
            &at,
            table.name,
            "replaced",
            &format!("Two computers wrote the same {what}; the other computer's was kept on every computer."),
            Some(&lost),
        )?;
    }
    Ok(if table.unique.is_empty() {
        Settled::Unknown
    } else {
        Settled::Retry
    })
}

/// A local row's columns as JSON (for the note that keeps it).
fn row_json(conn: &Connection, table: &str, rowid: i64) -> rusqlite::Result<serde_json::Value> {
    let mut stmt = conn.prepare(&format!("SELECT * FROM {table} WHERE rowid = ?1"))?;
    let names: Vec<String> = stmt.column_names().map(str::to_owned).collect();
    stmt.query_row([rowid], |r| {
        let mut object = serde_json::Map::new();
        for (i, name) in names.iter().enumerate() {
            object.insert(name.clone(), json(&r.get::<_, Value>(i)?));
        }
        Ok(serde_json::Value::Object(object))
    })
}

/// `name (n)` for the smallest n from 2 that no row of `table` has, within its length.
fn free_name(conn: &Connection, table: &Table, name: &str) -> rusqlite::Result<String> {
    let max = if table.name == "journal_tag" { 40 } else { 80 };
    let mut n = 2u32;
    loop {
        let suffix = format!(" ({n})");
        let base: String = name.chars().take(max - suffix.chars().count()).collect();
        let candidate = format!("{}{suffix}", base.trim_end());
        let taken: bool = conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM {} WHERE name_key = ?1)", table.name),
            [candidate.to_lowercase()],
            |r| r.get(0),
        )?;
        if !taken {
            return Ok(candidate);
        }
        n += 1;
    }
}

/// Marks a row as deleted for good, so that its later changes are dropped.
fn tombstone(
    conn: &Connection,
    table: &str,
    row: &Value,
    clock: Hlc,
    device: &[u8; 16],
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT OR REPLACE INTO sync_clock (tbl, row, field, clock, device) VALUES (?1, ?2, '-', ?3, ?4)",
        params![table, row, clock_value(clock), &device[..]],
    )?;
    Ok(())
}
