//! Training preferences: the display unit, the plate sets for the plate calculator and
//! the rest timer's defaults.
//!
//! Preferences change only how things are shown, calculated and timed, never what is
//! stored: a set entered in kg stays in kg whatever the display unit.

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::plates::PlateSet;
use super::units::{Unit, parse_duration};
use super::{Atomic, TrainingError, in_range};

/// The longest default rest, as for a routine's planned rest: an hour.
const MAX_REST_SECONDS: u32 = 3600;

/// The rest timer's defaults: what the logger runs after a set when no routine plans the
/// rest of its exercise. A routine's planned rest wins over them; 0 starts no timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct RestDefaults {
    /// Seconds of rest after a working set (or a drop or failure set): 90 until changed.
    pub working_seconds: u32,
    /// Seconds of rest after a warm-up set: none (0) until changed, as warm-ups usually
    /// run straight into the next set.
    pub warmup_seconds: u32,
}

impl Default for RestDefaults {
    fn default() -> Self {
        Self {
            working_seconds: 90,
            warmup_seconds: 0,
        }
    }
}

impl RestDefaults {
    /// The defaults as a person types them: "2:30", "150", "2m30s" (see
    /// [`parse_duration`]); an empty warm-up rest means none. At most an hour each.
    pub fn from_typed(working: &str, warmup: &str) -> Result<RestDefaults, TrainingError> {
        let warmup = if warmup.trim().is_empty() {
            0
        } else {
            parse_duration(warmup)?
        };
        let rest = RestDefaults {
            working_seconds: parse_duration(working)?,
            warmup_seconds: warmup,
        };
        rest.check()?;
        Ok(rest)
    }

    /// Refuses a rest longer than an hour.
    pub fn check(&self) -> Result<(), TrainingError> {
        let max = i64::from(MAX_REST_SECONDS);
        in_range(
            "rest after a working set in seconds",
            i64::from(self.working_seconds),
            0,
            max,
        )?;
        in_range(
            "rest after a warm-up in seconds",
            i64::from(self.warmup_seconds),
            0,
            max,
        )
    }
}

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

    /// The rest timer's defaults (90 s after a working set, none after a warm-up, until
    /// changed). A stored value that does not read as a number of seconds counts as unset.
    pub fn rest_defaults(&self) -> Result<RestDefaults, TrainingError> {
        let standard = RestDefaults::default();
        let seconds = |key: &str, fallback: u32| -> Result<u32, TrainingError> {
            Ok(self
                .get(key)?
                .and_then(|text| text.parse::<u32>().ok())
                .filter(|&s| s <= MAX_REST_SECONDS)
                .unwrap_or(fallback))
        };
        Ok(RestDefaults {
            working_seconds: seconds("rest_working_s", standard.working_seconds)?,
            warmup_seconds: seconds("rest_warmup_s", standard.warmup_seconds)?,
        })
    }

    /// Changes the rest timer's defaults (both, in one transaction).
    pub fn set_rest_defaults(&self, rest: &RestDefaults) -> Result<(), TrainingError> {
        rest.check()?;
        let atomic = Atomic::begin(self.conn)?;
        self.set("rest_working_s", &rest.working_seconds.to_string())?;
        self.set("rest_warmup_s", &rest.warmup_seconds.to_string())?;
        atomic.commit()?;
        Ok(())
    }
}
