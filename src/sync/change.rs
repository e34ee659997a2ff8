//! A change as it travels between devices: the row it names (by the identity every device
//! shares), the fields it sets with their columns' values, or that the row was deleted.
//! Values keep SQLite's own types so that a merge writes back exactly what was typed.

use std::collections::BTreeMap;

use rusqlite::types::{Value, ValueRef};
use serde::{Deserialize, Serialize};

/// One column's value, as SQLite stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Cell {
    /// NULL.
    Null,
    /// An integer.
    Int(i64),
    /// A real number.
    Real(f64),
    /// Text.
    Text(String),
    /// Bytes, written as hex.
    Blob(#[serde(with = "hex::serde")] Vec<u8>),
}

impl From<ValueRef<'_>> for Cell {
    fn from(value: ValueRef<'_>) -> Cell {
        match value {
            ValueRef::Null => Cell::Null,
            ValueRef::Integer(i) => Cell::Int(i),
            ValueRef::Real(r) => Cell::Real(r),
            ValueRef::Text(t) => Cell::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Cell::Blob(b.to_vec()),
        }
    }
}

impl From<Value> for Cell {
    fn from(value: Value) -> Cell {
        match value {
            Value::Null => Cell::Null,
            Value::Integer(i) => Cell::Int(i),
            Value::Real(r) => Cell::Real(r),
            Value::Text(t) => Cell::Text(t),
            Value::Blob(b) => Cell::Blob(b),
        }
    }
}

impl From<Cell> for Value {
    fn from(cell: Cell) -> Value {
        match cell {
            Cell::Null => Value::Null,
            Cell::Int(i) => Value::Integer(i),
            Cell::Real(r) => Value::Real(r),
            Cell::Text(t) => Value::Text(t),
            Cell::Blob(b) => Value::Blob(b),
        }
    }
}

/// One row's change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The synced table.
    pub table: String,
    /// The row, by the identity every device shares.
    pub row: Cell,
    /// What happened to it.
    pub kind: ChangeKind,
    /// The fields set, each with its columns' values in the order the table lists them
    /// (a reference holds the referenced row's shared identity). Every field for a new
    /// row, none for a deletion.
    pub fields: BTreeMap<String, Vec<Cell>>,
    /// For an edit: each edited field's last writer as the editing device knew it (the
    /// value the edit replaced), so that a merge tells an edit made after another device's
    /// from one made beside it ("changed on two devices").
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub base: BTreeMap<String, Writer>,
}

/// Who last set a field, and when: a clock and a device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Writer {
    /// The clock of the write.
    pub clock: u64,
    /// The device that wrote it.
    #[serde(with = "hex::serde")]
    pub device: [u8; 16],
}

/// What a change does to its row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// The row was created with these fields.
    Created,
    /// These fields of the row changed.
    Updated,
    /// The row was deleted.
    Deleted,
}
