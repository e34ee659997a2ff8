//! Order inside a parent (a session's sets, a routine's entries) across devices. Locally a
//! position is unique per parent; between devices, rows are ordered by (position as sent,
//! clock, device, identity), and each device stores the rank as its local position.
//!
//! For that order to match what the lifter sees on the device that wrote it, positions are
//! sent increasing in local order: a row sealed with a new position is sent
//! `max(its local position, the previous row's sent position + 1)`, and a later row whose
//! sent position would no longer follow is sent again with its position. Rows synced from
//! before sync was on keep their local position as their sent one.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::change::{Cell, Change, ChangeKind};
use super::tables::Table;

/// Gives every row of `table` sealed with a position, and every row after it that needs
/// one, a sent position that follows the rows before it in local order.
pub(crate) fn positions_to_send(
    conn: &Connection,
    table: &Table,
    changes: &mut Vec<Change>,
) -> rusqlite::Result<()> {
    let Some(parent) = table.ordered_in else {
        return Ok(());
    };
    let identity = table.shared_identity();
    let mut parents = BTreeSet::new();
    for change in changes
        .iter()
        .filter(|c| c.table == table.name && c.fields.contains_key("position"))
    {
        let id: Option<i64> = conn
            .prepare_cached(&format!(
                "SELECT {parent} FROM {} WHERE {identity} = ?1",
                table.name
            ))?
            .query_row([Value::from(change.row.clone())], |r| r.get(0))
            .optional()?;
        parents.extend(id);
    }
    for parent_id in parents {
        let rows: Vec<(Value, i64, Option<i64>)> = conn
            .prepare_cached(&format!(
                "SELECT t.{identity}, t.position, c.value FROM {name} t
                   LEFT JOIN sync_clock c ON c.tbl = '{name}' AND c.row = t.{identity} AND c.field = 'position'
                  WHERE t.{parent} = ?1 ORDER BY t.position",
                name = table.name
            ))?
            .query_map([parent_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<Result<_, _>>()?;
        let mut previous: i64 = -1;
        for (row, local, sent) in rows {
            let row = Cell::from(row);
            let at = changes
                .iter()
                .position(|c| c.table == table.name && c.row == row && c.fields.contains_key("position"));
            let known = sent.unwrap_or(local);
            if at.is_none() && known > previous {
                previous = known;
                continue;
            }
            let value = local.max(previous + 1);
            previous = value;
            match at {
                Some(i) => {
                    changes[i]
                        .fields
                        .insert("position".into(), vec![Cell::Int(value)]);
                }
                None => changes.push(Change {
                    table: table.name.to_owned(),
                    row,
                    kind: ChangeKind::Updated,
                    fields: [("position".to_owned(), vec![Cell::Int(value)])].into(),
                    base: BTreeMap::new(),
                }),
            }
        }
    }
    Ok(())
}

/// The parent of the row `row` of an ordered table, if the row exists.
pub(crate) fn parent_of(conn: &Connection, table: &Table, row: &Cell) -> rusqlite::Result<Option<i64>> {
    let Some(parent) = table.ordered_in else {
        return Ok(None);
    };
    conn.prepare_cached(&format!(
        "SELECT {parent} FROM {} WHERE {} = ?1",
        table.name,
        table.shared_identity()
    ))?
    .query_row([Value::from(row.clone())], |r| r.get(0))
    .optional()
}

/// Orders the rows of parent `parent_id` by (position as sent, clock, device, identity)
/// and stores each one's rank as its local position, the same on every device.
pub(crate) fn renumber(conn: &Connection, table: &Table, parent_id: i64) -> rusqlite::Result<()> {
    let Some(parent) = table.ordered_in else {
        return Ok(());
    };
    let identity = table.shared_identity();
    let order = format!(
        "SELECT t.rowid FROM {name} t
           LEFT JOIN sync_clock p ON p.tbl = '{name}' AND p.row = t.{identity} AND p.field = 'position'
           LEFT JOIN sync_clock c ON c.tbl = '{name}' AND c.row = t.{identity} AND c.field = '+'
          WHERE t.{parent} = ?1
          ORDER BY coalesce(p.value, t.position), coalesce(p.clock, c.clock, 0),
                   coalesce(p.device, c.device, x''), t.{identity}",
        name = table.name
    );
    let rows: Vec<i64> = conn
        .prepare_cached(&order)?
        .query_map([parent_id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    // Two steps, so that no two rows hold one position in between.
    conn.prepare_cached(&format!(
        "UPDATE {} SET position = position + 1000000000 WHERE {parent} = ?1",
        table.name
    ))?
    .execute([parent_id])?;
    let mut place = conn.prepare_cached(&format!(
        "UPDATE {} SET position = ?1 WHERE rowid = ?2",
        table.name
    ))?;
    for (rank, rowid) in rows.iter().enumerate() {
        place.execute(params![rank as i64, rowid])?;
    }
    Ok(())
}
