//! Training preferences: the display unit and the plate sets for the plate calculator.
//!
//! Preferences change only how things are shown and calculated, never what is stored: a
//! set entered in kg stays in kg whatever the display unit.

use rusqlite::{Connection, OptionalExtension};

use super::TrainingError;
use super::plates::PlateSet;
use super::units::Unit;

/// Access to the training preferences.
#[derive(Debug, Clone, Copy)]
pub struct Settings<'c> {
    conn: &'c Connection,
}

impl<'c> Settings<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    fn get(&self, key: &str) -> Result<Option<String>, TrainingError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM training_setting WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), TrainingError> {
        self.conn.execute(
            "INSERT INTO training_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// The unit to show weights in (kg until changed).
    pub fn display_unit(&self) -> Result<Unit, TrainingError> {
        Ok(self
            .get("display_unit")?
            .and_then(|u| u.parse().ok())
            .unwrap_or(Unit::Kg))
    }

    /// Changes the display unit.
    pub fn set_display_unit(&self, unit: Unit) -> Result<(), TrainingError> {
        self.set("display_unit", unit.as_str())
    }

    /// The bar and plates for `unit` (the standard set until changed).
    pub fn plate_set(&self, unit: Unit) -> Result<PlateSet, TrainingError> {
        let stored = self.get(&format!("plates_{unit}"))?.and_then(|text| {
            let mut numbers = text.split(',').map(|n| n.parse::<u32>().ok());
            let bar = numbers.next()??;
            let plates: Option<Vec<u32>> = numbers.collect();
            Some(PlateSet {
                unit,
                bar_milli: bar,
                plates_milli: plates?,
            })
        });
        Ok(stored.unwrap_or_else(|| match unit {
            Unit::Kg => PlateSet::standard_kg(),
            Unit::Lb => PlateSet::standard_lb(),
        }))
    }

    /// Stores a bar and plate set for its unit.
    pub fn set_plate_set(&self, set: &PlateSet) -> Result<(), TrainingError> {
        set.check()?;
        let text = std::iter::once(set.bar_milli)
            .chain(set.plates_milli.iter().copied())
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(",");
        self.set(&format!("plates_{}", set.unit), &text)
    }
}
