//! Merging: applying another device's sealed changes so that every device ends in the same
//! state whatever order the files arrive in. Each field takes the value of its last writer
//! by (clock, device); a deletion is final and wins over edits of the row; a change that
//! refers to a row not yet here, or edits a row not yet created here, waits in
//! `sync_held` and is tried again after every merge. Rows kept in order inside a parent (a
//! session's sets, a routine's entries) are ordered by (position as sent, clock, device),
//! so two devices that added a set at the same position agree on which comes first.
//!
//! The merge's own writes are not captured (they are the other device's changes, not this
//! one's). Derived data is not synced: the record flags of every exercise whose sets a
//! merge touched are recomputed here, in time order.

use std::collections::BTreeSet;

use rusqlite::types::Value;
use rusqlite::{Connection, ErrorCode, OptionalExtension, params};

use super::change::{Cell, Change, ChangeKind};
use super::clock::{ClockAhead, Hlc};
use super::notes;
use super::order::{parent_of, renumber};
use super::seal::{Sealed, clock_value, keep_clock, keep_position, last_writer};
use super::tables::{Field, Table};
use super::unique::{Settled, settle};

/// What a merge did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Merged {
    /// Changes applied (whether or not they won over what was here).
    pub applied: usize,
    /// Changes dropped: they edit or refer to a row deleted on some device.
    pub dropped: usize,
    /// Changes waiting, this merge's and older ones.
    pub waiting: usize,
}

/// Why a merge did not run. Nothing was changed when one is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MergeError {
    /// Sync is not turned on for this vault.
    #[error("sync is not turned on for this vault")]
    Off,
    /// This device has changes not yet sealed: a sync step seals them first, so that the
    /// order of a parent's rows is known on both sides.
    #[error("this device's own changes must be sealed before others' are merged")]
    Unsealed,
    /// The other device's clock is too far ahead; its file waits.
    #[error(transparent)]
    ClockAhead(#[from] ClockAhead),
    /// The vault could not be read or written.
    #[error("the vault could not be read or written: {0}")]
    Database(#[from] rusqlite::Error),
    /// The merged sets' record flags could not be recomputed.
    #[error("the records of the merged sets could not be recomputed: {0}")]
    Records(#[from] crate::training::TrainingError),
}

enum Outcome {
    Applied,
    Dropped,
    Held(&'static str),
}

/// Applies one sealed batch of another device's changes inside the caller's transaction.
pub fn merge(conn: &Connection, batch: &Sealed, now_ms: u64) -> Result<Merged, MergeError> {
    let local: Option<i64> = conn
        .query_row("SELECT clock FROM sync_state", [], |r| r.get(0))
        .optional()?;
    let local = Hlc::from_u64(u64::try_from(local.ok_or(MergeError::Off)?).unwrap_or(0));
    let unsealed: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM sync_dirty)", [], |r| r.get(0))?;
    if unsealed {
        return Err(MergeError::Unsealed);
    }
    let clock = local.observe(batch.clock, now_ms)?;
    conn.execute(
        "UPDATE sync_state SET clock = ?1, capturing = 0",
        [clock_value(clock)],
    )?;
    let mut merged = Merged::default();
    let mut lifts = BTreeSet::new();
    for change in &batch.changes {
        lifts.extend(lifts_of(conn, change)?);
        match apply(conn, change, batch.clock, &batch.device)? {
            Outcome::Applied => merged.applied += 1,
            Outcome::Dropped => merged.dropped += 1,
            Outcome::Held(reason) => hold(conn, change, batch.clock, &batch.device, reason)?,
        }
        lifts.extend(lifts_of(conn, change)?);
    }
    retry_held(conn, &mut merged, &mut lifts)?;
    // Record flags are this device's to compute: every exercise whose sets a change added,
    // moved, edited or removed is recomputed in time order, as after an import.
    let lifts: Vec<u32> = lifts.into_iter().collect();
    crate::training::flags::refresh(conn, &lifts)?;
    merged.waiting = conn.query_row("SELECT count(*) FROM sync_held", [], |r| r.get::<_, i64>(0))? as usize;
    conn.execute("UPDATE sync_state SET capturing = 1", [])?;
    Ok(merged)
}

fn hold(
    conn: &Connection,
    change: &Change,
    clock: Hlc,
    device: &[u8; 16],
    reason: &str,
) -> rusqlite::Result<()> {
    let text =
        serde_json::to_string(change).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
    conn.execute(
        "INSERT INTO sync_held (clock, device, change, reason) VALUES (?1, ?2, ?3, ?4)",
        params![clock_value(clock), &device[..], text, reason],
    )?;
    Ok(())
}

/// The exercises whose sets `change` touches as the vault is now: a set's exercise, or
/// the exercises of a session's sets (its time orders them).
fn lifts_of(conn: &Connection, change: &Change) -> rusqlite::Result<Vec<u32>> {
    let sql = match change.table.as_str() {
        "session_set" => "SELECT exercise_id FROM session_set WHERE gid = ?1",
        "session" => {
            "SELECT DISTINCT s.exercise_id FROM session_set s JOIN session x ON x.id = s.session_id
             WHERE x.gid = ?1"
        }
        _ => return Ok(Vec::new()),
    };
    conn.prepare_cached(sql)?
        .query_map([Value::from(change.row.clone())], |r| r.get(0))?
        .collect()
}

/// Tries the waiting changes again, oldest first, until none more applies.
fn retry_held(conn: &Connection, merged: &mut Merged, lifts: &mut BTreeSet<u32>) -> Result<(), MergeError> {
    loop {
        let held: Vec<(i64, i64, Vec<u8>, String)> = conn
            .prepare_cached("SELECT id, clock, device, change FROM sync_held ORDER BY clock, id")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let mut progress = false;
        for (id, clock, device, text) in held {
            let (Ok(change), Ok(device)) = (
                serde_json::from_str::<Change>(&text),
                <[u8; 16]>::try_from(device),
            ) else {
                continue;
            };
            lifts.extend(lifts_of(conn, &change)?);
            let outcome = apply(
                conn,
                &change,
                Hlc::from_u64(u64::try_from(clock).unwrap_or(0)),
                &device,
            )?;
            lifts.extend(lifts_of(conn, &change)?);
            if !matches!(outcome, Outcome::Held(_)) {
                conn.execute("DELETE FROM sync_held WHERE id = ?1", [id])?;
                progress = true;
                match outcome {
                    Outcome::Dropped => merged.dropped += 1,
                    _ => merged.applied += 1,
                }
            }
        }
        if !progress {
            return Ok(());
        }
    }
}

fn tombstoned(conn: &Connection, table: &str, row: &Cell) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM sync_clock WHERE tbl = ?1 AND row = ?2 AND field = '-')",
    )?
    .query_row(params![table, Value::from(row.clone())], |r| r.get(0))
}

/// The local rowid of the row every device names `row`.
fn local_id(conn: &Connection, table: &Table, row: &Cell) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(&format!(
        "SELECT rowid FROM {} WHERE {} = ?1",
        table.name,
        table.shared_identity()
    ))?
    .query_row([Value::from(row.clone())], |r| r.get(0))
    .optional()
}

/// Whether (clock, device) is later than the clock of `field` of the row (or of the row's
/// creation, for a field not changed since).
fn wins(
    conn: &Connection,
    change: &Change,
    field: &str,
    clock: Hlc,
    device: &[u8; 16],
) -> rusqlite::Result<bool> {
    let current: Option<(i64, Vec<u8>)> = conn
        .prepare_cached(
            "SELECT clock, device FROM sync_clock WHERE tbl = ?1 AND row = ?2 AND field IN (?3, '+')
             ORDER BY clock DESC, device DESC LIMIT 1",
        )?
        .query_row(
            params![change.table, Value::from(change.row.clone()), field],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match current {
        None => true,
        Some((at, by)) => (clock_value(clock), &device[..]) > (at, by.as_slice()),
    })
}

fn apply(conn: &Connection, change: &Change, clock: Hlc, device: &[u8; 16]) -> Result<Outcome, MergeError> {
    let Some(table) = Table::named(&change.table) else {
        return Ok(Outcome::Held("a table this version does not know"));
    };
    if tombstoned(conn, table.name, &change.row)? {
        return Ok(Outcome::Dropped);
    }
    if change.kind == ChangeKind::Deleted {
        keep_clock(conn, change, "-", clock, device)?;
        let parent = parent_of(conn, table, &change.row)?;
        conn.execute(
            &format!(
                "DELETE FROM {} WHERE {} = ?1",
                table.name,
                table.shared_identity()
            ),
            [Value::from(change.row.clone())],
        )?;
        if let Some(parent) = parent {
            renumber(conn, table, parent)?;
        }
        return Ok(Outcome::Applied);
    }
    let fields = table.fields();
    let mut resolved: Vec<(&Field, Vec<Value>)> = Vec::new();
    for (name, cells) in &change.fields {
        let Some(field) = fields.iter().find(|f| f.name == name) else {
            return Ok(Outcome::Held("a field this version does not know"));
        };
        if cells.len() != field.columns.len() {
            return Ok(Outcome::Held("a field with a different number of columns"));
        }
        let values = match (field.refers_to.and_then(Table::named), &cells[0]) {
            (Some(_), Cell::Null) | (None, _) => cells.iter().cloned().map(Value::from).collect(),
            (Some(target), reference) => match local_id(conn, target, reference)? {
                Some(id) => vec![Value::Integer(id)],
                None if tombstoned(conn, target.name, reference)? => {
                    // A row created under a deleted parent never exists anywhere: it counts
                    // as deleted, so later edits of it are dropped too.
                    if change.kind == ChangeKind::Created && local_id(conn, table, &change.row)?.is_none() {
                        keep_clock(conn, change, "-", clock, device)?;
                    }
                    return Ok(Outcome::Dropped);
                }
                None => return Ok(Outcome::Held("waits for the row it refers to")),
            },
        };
        resolved.push((field, values));
    }
    let outcome = match local_id(conn, table, &change.row)? {
        None => insert(conn, table, change, &resolved, clock, device)?,
        Some(rowid) => update(conn, table, change, &resolved, rowid, clock, device)?,
    };
    if !matches!(outcome, Outcome::Applied) {
        return Ok(outcome);
    }
    if change.kind == ChangeKind::Created {
        keep_clock(conn, change, "+", clock, device)?;
    }
    if let Some(parent) = parent_of(conn, table, &change.row)? {
        renumber(conn, table, parent)?;
    }
    Ok(Outcome::Applied)
}

fn insert(
    conn: &Connection,
    table: &Table,
    change: &Change,
    resolved: &[(&Field, Vec<Value>)],
    clock: Hlc,
    device: &[u8; 16],
) -> Result<Outcome, MergeError> {
    if change.kind != ChangeKind::Created {
        return Ok(Outcome::Held("waits for the row to be created"));
    }
    if table.shared.is_some() && matches!(change.row, Cell::Text(_)) {
        return Ok(Outcome::Held("a catalog entry this version does not have"));
    }
    let mut columns = vec![table.identity.to_owned()];
    let mut values = vec![Value::from(change.row.clone())];
    for (field, cells) in resolved {
        for (column, value) in field.columns.iter().zip(cells) {
            columns.push((*column).to_owned());
            // A row kept in order goes in at the end for now; `renumber` places it.
            values.push(match (table.ordered_in, *column) {
                (Some(_), "position") => Value::Integer(i64::from(i32::MAX)),
                _ => value.clone(),
            });
        }
    }
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        table.name,
        columns.join(", "),
        vec!["?"; columns.len()].join(", ")
    );
    let mut result = conn.execute(&sql, rusqlite::params_from_iter(values.iter()));
    if refused(&result) {
        match settle(
            conn,
            table,
            &change.row,
            None,
            &columns,
            &mut values,
            clock,
            device,
        )? {
            Settled::Lost => return Ok(Outcome::Dropped),
            Settled::Unknown => {}
            Settled::Retry => result = conn.execute(&sql, rusqlite::params_from_iter(values.iter())),
        }
    }
    match result {
        Ok(_) => {
            if let Some(position) = change.fields.get("position") {
                keep_position(conn, change, &position[0], clock, device)?;
            }
            Ok(Outcome::Applied)
        }
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => {
            Ok(Outcome::Held("conflicts with a row of this device"))
        }
        Err(e) => Err(e.into()),
    }
}

/// Leaves a "changed on two devices" note when `change` edits a field that this device
/// (or another it merged) changed too since the value the editing device replaced, to a
/// different value: the later change wins as always, and the other value stays in view.
#[allow(clippy::too_many_arguments)]
fn note_if_concurrent(
    conn: &Connection,
    table: &Table,
    change: &Change,
    field: &Field,
    incoming: &[Value],
    rowid: i64,
    incoming_wins: bool,
    clock: Hlc,
) -> rusqlite::Result<()> {
    let Some(base) = change.base.get(field.name) else {
        return Ok(());
    };
    if last_writer(conn, &change.table, &change.row, field.name)? == Some(*base) {
        return Ok(());
    }
    let here: Vec<Value> = conn.query_row(
        &format!(
            "SELECT {} FROM {} WHERE rowid = ?1",
            field.columns.join(", "),
            table.name
        ),
        [rowid],
        |r| (0..field.columns.len()).map(|i| r.get(i)).collect(),
    )?;
    if here == incoming {
        return Ok(());
    }
    let (kept, lost) = if incoming_wins {
        (incoming, here.as_slice())
    } else {
        (here.as_slice(), incoming)
    };
    let (kept, lost) = (
        notes::field_text(conn, field, kept)?,
        notes::field_text(conn, field, lost)?,
    );
    let what = notes::describe(conn, table.name, &change.row)?;
    notes::note(
        conn,
        &notes::at_of(clock),
        table.name,
        "concurrent",
        &format!(
            "{}: its {} was changed on two computers at once; {kept} was kept (the later change), not {lost}.",
            capitalized(&what),
            field.name.replace('_', " ")
        ),
        Some(&serde_json::json!({ field.name: lost })),
    )
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a write was refused by a constraint (a unique key, most often).
fn refused(result: &rusqlite::Result<usize>) -> bool {
    matches!(result, Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation)
}

fn update(
    conn: &Connection,
    table: &Table,
    change: &Change,
    resolved: &[(&Field, Vec<Value>)],
    rowid: i64,
    clock: Hlc,
    device: &[u8; 16],
) -> Result<Outcome, MergeError> {
    let mut columns: Vec<String> = Vec::new();
    let mut values = Vec::new();
    for (field, cells) in resolved {
        let later = wins(conn, change, field.name, clock, device)?;
        if change.kind == ChangeKind::Updated && field.name != "position" {
            note_if_concurrent(conn, table, change, field, cells, rowid, later, clock)?;
        }
        if !later {
            continue;
        }
        if table.ordered_in.is_some() && field.name == "position" {
            keep_position(conn, change, &change.fields["position"][0], clock, device)?;
            continue;
        }
        if change.kind == ChangeKind::Updated {
            keep_clock(conn, change, field.name, clock, device)?;
        }
        for (column, value) in field.columns.iter().zip(cells) {
            columns.push((*column).to_owned());
            values.push(value.clone());
        }
    }
    if columns.is_empty() {
        return Ok(Outcome::Applied);
    }
    let sets: Vec<String> = columns.iter().map(|c| format!("{c} = ?")).collect();
    let sql = format!("UPDATE {} SET {} WHERE rowid = ?", table.name, sets.join(", "));
    let write = |values: &[Value]| {
        let all = values
            .iter()
            .cloned()
            .chain(std::iter::once(Value::Integer(rowid)));
        conn.execute(&sql, rusqlite::params_from_iter(all))
    };
    let mut result = write(&values);
    // A name another device's row has: renamed as when both were added. (A slot taken by
    // an edit waits: it is rare, and which row should give way is not clear.)
    if refused(&result)
        && columns.iter().any(|c| c == "name_key")
        && let Settled::Retry = settle(
            conn,
            table,
            &change.row,
            Some(rowid),
            &columns,
            &mut values,
            clock,
            device,
        )?
    {
        result = write(&values);
    }
    match result {
        Ok(_) => Ok(Outcome::Applied),
        Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => {
            Ok(Outcome::Held("conflicts with a row of this device"))
        }
        Err(e) => Err(e.into()),
    }
}
