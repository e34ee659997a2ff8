//! Sealing: turning the rows and fields the capture triggers marked into the changes of
//! the next log file. The marks name rows by this device's identity; sealing reads each
//! marked field's current value, writes references and rows by the identity every device
//! shares, stamps them all with one tick of the device's clock, keeps each field's clock
//! for later merges, and clears the marks — all inside the caller's transaction, so the
//! marks and the file it writes commit together.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::change::{Cell, Change, ChangeKind, Writer};
use super::clock::Hlc;
use super::order::positions_to_send;
use super::tables::{TABLES, Table};

/// The changes of one seal, stamped with one clock reading of one device.
#[derive(Debug, Clone, PartialEq)]
pub struct Sealed {
    /// The device that made them.
    pub device: [u8; 16],
    /// Their clock.
    pub clock: Hlc,
    /// The changes, parents before the rows that refer to them.
    pub changes: Vec<Change>,
}

/// Seals every marked change; `None` when sync is off or nothing is marked. The caller
/// holds a transaction and commits it once the changes are safely written.
pub fn seal(conn: &Connection, now_ms: u64) -> rusqlite::Result<Option<Sealed>> {
    let state: Option<(Vec<u8>, i64)> = conn
        .query_row("SELECT device, clock FROM sync_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((device, last)) = state else {
        return Ok(None);
    };
    let device: [u8; 16] = device
        .try_into()
        .map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, 16))?;
    let clock = Hlc::from_u64(u64::try_from(last).unwrap_or(0)).tick(now_ms);
    let mut changes = Vec::new();
    for table in TABLES {
        for (row, marks) in marks_of(conn, table)? {
            if let Some(change) = change_of(conn, table, row, &marks)? {
                changes.push(change);
            }
        }
    }
    for table in TABLES {
        positions_to_send(conn, table, &mut changes)?;
    }
    if changes.is_empty() {
        conn.execute("DELETE FROM sync_dirty", [])?;
        return Ok(None);
    }
    // What each edit replaced, read before this seal's clocks overwrite it.
    for change in &mut changes {
        if change.kind == ChangeKind::Updated {
            for field in change.fields.keys() {
                if let Some(writer) = last_writer(conn, &change.table, &change.row, field)? {
                    change.base.insert(field.clone(), writer);
                }
            }
        }
    }
    for change in &changes {
        let fields: Vec<&str> = match change.kind {
            ChangeKind::Created => vec!["+"],
            ChangeKind::Deleted => vec!["-"],
            ChangeKind::Updated => change.fields.keys().map(String::as_str).collect(),
        };
        for field in fields {
            keep_clock(conn, change, field, clock, &device)?;
        }
        if let Some(position) = change.fields.get("position") {
            keep_position(conn, change, &position[0], clock, &device)?;
        }
    }
    conn.execute("DELETE FROM sync_dirty", [])?;
    conn.execute("UPDATE sync_state SET clock = ?1", [clock_value(clock)])?;
    Ok(Some(Sealed {
        device,
        clock,
        changes,
    }))
}

/// The last writer of `field` of a row as this device knows it: the field's own clock, or
/// the row's creation when the field has not changed since.
pub(crate) fn last_writer(
    conn: &Connection,
    table: &str,
    row: &Cell,
    field: &str,
) -> rusqlite::Result<Option<Writer>> {
    conn.prepare_cached(
        "SELECT clock, device FROM sync_clock WHERE tbl = ?1 AND row = ?2 AND field IN (?3, '+')
         ORDER BY clock DESC, device DESC LIMIT 1",
    )?
    .query_row(params![table, Value::from(row.clone()), field], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?))
    })
    .optional()
    .map(|found| {
        found.and_then(|(clock, device)| {
            Some(Writer {
                clock: u64::try_from(clock).ok()?,
                device: device.try_into().ok()?,
            })
        })
    })
}

/// A clock as SQLite stores it (an integer below 2^63 until the year 6429).
pub(crate) fn clock_value(clock: Hlc) -> i64 {
    i64::try_from(clock.to_u64()).unwrap_or(i64::MAX)
}

/// Records that `field` of the change's row was last set at `clock` by `device`, unless a
/// later writer is already recorded.
pub(crate) fn keep_clock(
    conn: &Connection,
    change: &Change,
    field: &str,
    clock: Hlc,
    device: &[u8; 16],
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_clock (tbl, row, field, clock, device) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (tbl, row, field) DO UPDATE SET clock = excluded.clock, device = excluded.device
         WHERE (excluded.clock, excluded.device) > (sync_clock.clock, sync_clock.device)",
    )?
    .execute(params![
        change.table,
        Value::from(change.row.clone()),
        field,
        clock_value(clock),
        &device[..]
    ])?;
    Ok(())
}

/// The marked rows of `table`, each with its marks.
fn marks_of(conn: &Connection, table: &Table) -> rusqlite::Result<Vec<(Value, BTreeSet<String>)>> {
    let mut stmt = conn.prepare_cached("SELECT row, field FROM sync_dirty WHERE tbl = ?1 ORDER BY row")?;
    let mut rows: Vec<(Value, BTreeSet<String>)> = Vec::new();
    let mut marked = stmt.query([table.name])?;
    while let Some(r) = marked.next()? {
        let row: Value = r.get(0)?;
        let field: String = r.get(1)?;
        match rows.last_mut() {
            Some((last, fields)) if *last == row => {
                fields.insert(field);
            }
            _ => rows.push((row, BTreeSet::from([field]))),
        }
    }
    Ok(rows)
}

/// The change one row's marks amount to, or `None` for a row created and deleted since
/// the last seal (nothing of it ever left the device).
fn change_of(
    conn: &Connection,
    table: &Table,
    row: Value,
    marks: &BTreeSet<String>,
) -> rusqlite::Result<Option<Change>> {
    let current = read_row(conn, table, &row)?;
    let Some((shared, values)) = current else {
        if marks.contains("+") {
            return Ok(None);
        }
        return Ok(Some(Change {
            table: table.name.to_owned(),
            // Rows named by a shared key (catalog exercises, built-in tags) are never
            // deleted, so the identity they were marked by is the one every device knows.
            row: Cell::from(row),
            kind: ChangeKind::Deleted,
            fields: BTreeMap::new(),
            base: BTreeMap::new(),
        }));
    };
    // A row deleted and written again under the same identity (an upsert by replace) is
    // sent whole, as a new one.
    let whole = marks.contains("+") || marks.contains("-");
    let fields: BTreeMap<String, Vec<Cell>> = values
        .into_iter()
        .filter(|(name, _)| whole || marks.contains(name))
        .collect();
    Ok(Some(Change {
        table: table.name.to_owned(),
        row: shared,
        kind: if whole {
            ChangeKind::Created
        } else {
            ChangeKind::Updated
        },
        fields,
        base: BTreeMap::new(),
    }))
}

/// A field's name with its columns' values.
type FieldValues = (String, Vec<Cell>);

/// A row's shared identity and every field's values, references written as the
/// referenced row's shared identity; `None` when the row no longer exists.
fn read_row(
    conn: &Connection,
    table: &Table,
    row: &Value,
) -> rusqlite::Result<Option<(Cell, Vec<FieldValues>)>> {
    let fields = table.fields();
    let mut columns = vec![table.shared_identity().to_owned()];
    for field in &fields {
        for column in &field.columns {
            columns.push(match field.refers_to.and_then(Table::named) {
                Some(target) => format!(
                    "(SELECT {} FROM {} WHERE id = t.{column})",
                    target.shared_identity(),
                    target.name
                ),
                None => format!("t.{column}"),
            });
        }
    }
    let sql = format!(
        "SELECT {} FROM {} t WHERE t.{} = ?1",
        columns.join(", "),
        table.name,
        table.identity
    );
    conn.prepare_cached(&sql)?
        .query_row([row], |r| {
            let shared = Cell::from(r.get_ref(0)?);
            let mut at = 1;
            let mut values = Vec::with_capacity(fields.len());
            for field in &fields {
                let mut cells = Vec::with_capacity(field.columns.len());
                for _ in &field.columns {
                    cells.push(Cell::from(r.get_ref(at)?));
                    at += 1;
                }
                values.push((field.name.to_owned(), cells));
            }
            Ok((shared, values))
        })
        .optional()
}

/// Keeps the position a row was sent with, and when, for ordering a parent's rows
/// (`order::renumber`).
pub(crate) fn keep_position(
    conn: &Connection,
    change: &Change,
    position: &Cell,
    clock: Hlc,
    device: &[u8; 16],
) -> rusqlite::Result<()> {
    keep_clock(conn, change, "position", clock, device)?;
    conn.execute(
        "UPDATE sync_clock SET value = ?3 WHERE tbl = ?1 AND row = ?2 AND field = 'position'",
        params![
            change.table,
            Value::from(change.row.clone()),
            Value::from(position.clone())
        ],
    )?;
    Ok(())
}
