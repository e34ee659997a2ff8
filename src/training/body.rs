//! The body-weight log: typed by hand now, fed by WHOOP's body measurement later.
//!
//! Bodyweight exercises (pull-ups, dips) have no load without it: volume uses the latest
//! body weight at or before the session plus any added weight.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::units::{Unit, Weight};
use super::{TrainingError, check_time, stamp};

/// The latest body weight (kg) at or before the start of session `x`, as SQL.
pub(crate) const BODY_WEIGHT_AT_SESSION: &str =
    "(SELECT b.weight_kg FROM body_weight b WHERE b.measured_at <= x.started_at
   ORDER BY b.measured_at DESC LIMIT 1)";

/// One measurement.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BodyWeight {
    /// When, RFC 3339 UTC.
    pub measured_at: String,
    /// The weight as entered.
    pub weight: Weight,
    /// "manual" or "whoop".
    pub source: String,
}

/// Access to the body-weight log.
#[derive(Debug, Clone, Copy)]
pub struct BodyWeights<'c> {
    conn: &'c Connection,
}

impl<'c> BodyWeights<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Records a measurement (replacing one from the same source at the same instant).
    pub fn log(
        &self,
        at: DateTime<Utc>,
        weight: Weight,
        whoop: bool,
        now: DateTime<Utc>,
    ) -> Result<(), TrainingError> {
        check_time("measurement time", at, now)?;
        if weight.milli() == 0 || weight.kg() < 20.0 || weight.kg() > 500.0 {
            return Err(TrainingError::Refused(
                "a body weight must be between 20 and 500 kg",
            ));
        }
        self.conn.execute(
            "INSERT INTO body_weight (measured_at, weight_milli, weight_unit, weight_kg, source)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (measured_at, source) DO UPDATE SET weight_milli = excluded.weight_milli,
                 weight_unit = excluded.weight_unit, weight_kg = excluded.weight_kg",
            params![
                stamp(at),
                weight.milli(),
                weight.unit(),
                weight.kg(),
                if whoop { "whoop" } else { "manual" }
            ],
        )?;
        Ok(())
    }

    /// The latest measurement at or before `at`.
    pub fn at(&self, at: DateTime<Utc>) -> Result<Option<BodyWeight>, TrainingError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT measured_at, weight_milli, weight_unit, source FROM body_weight
                 WHERE measured_at <= ?1 ORDER BY measured_at DESC LIMIT 1",
            )?
            .query_row([stamp(at)], row)
            .optional()?)
    }

    /// The newest `limit` measurements (at most 1000), newest first.
    pub fn recent(&self, limit: u32) -> Result<Vec<BodyWeight>, TrainingError> {
        super::in_range("the number of measurements", i64::from(limit), 1, 1000)?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT measured_at, weight_milli, weight_unit, source FROM body_weight ORDER BY measured_at DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<BodyWeight> {
    let milli: u32 = r.get(1)?;
    let unit: Unit = r.get(2)?;
    Ok(BodyWeight {
        measured_at: r.get(0)?,
        weight: Weight::from_milli(milli, unit).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Integer, Box::new(e))
        })?,
        source: r.get(3)?,
    })
}
