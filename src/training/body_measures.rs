//! Body measurements: waist, chest, arms, thighs and body fat, typed from a tape and a
//! scale, charted beside the body weight.
//!
//! Each entry keeps its numbers exactly as typed (thousandths of the entry's unit, cm or
//! in; body fat in thousandths of a percent), like weights. Any subset may be given, but
//! not none. Each row carries a random 128-bit global id (`gid`, filled by the vault) so
//! a later sync between devices can name it.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::units::format_milli;
use super::{TrainingError, check_time, clean_text, stamp};

/// The longest note on a measurement.
pub const MAX_NOTE: usize = 500;

/// The unit of an entry's lengths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum LengthUnit {
    /// Centimetres.
    Cm,
    /// Inches.
    In,
}

impl LengthUnit {
    /// The unit as stored: `cm` or `in`.
    pub fn as_str(self) -> &'static str {
        match self {
            LengthUnit::Cm => "cm",
            LengthUnit::In => "in",
        }
    }

    /// Parses `cm` or `in` (also `inch`, `inches`).
    pub fn parse(text: &str) -> Result<LengthUnit, TrainingError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "cm" => Ok(LengthUnit::Cm),
            "in" | "inch" | "inches" => Ok(LengthUnit::In),
            _ => Err(TrainingError::InvalidNumber {
                what: "length unit (cm or in)",
                text: text.trim().to_owned(),
            }),
        }
    }
}

/// One entry's numbers, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Measurements {
    /// The unit of the four lengths.
    pub unit: LengthUnit,
    /// Waist, thousandths of `unit`.
    pub waist_milli: Option<u32>,
    /// Chest, thousandths of `unit`.
    pub chest_milli: Option<u32>,
    /// Upper arm, thousandths of `unit`.
    pub arms_milli: Option<u32>,
    /// Thigh, thousandths of `unit`.
    pub thighs_milli: Option<u32>,
    /// Body fat, thousandths of a percent.
    pub body_fat_milli: Option<u32>,
    /// A note ("morning, before breakfast"), at most 500 characters.
    pub note: String,
}

/// One stored entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BodyMeasurement {
    /// Its global id, 32 hex digits.
    pub gid: String,
    /// When, RFC 3339 UTC.
    pub measured_at: String,
    /// The numbers.
    pub values: Measurements,
}

impl Measurements {
    /// Checks every number against what a human body measures, and the note.
    fn check(&self) -> Result<(), TrainingError> {
        let (lo, hi, range) = match self.unit {
            LengthUnit::Cm => (10_000, 300_000, "10 and 300 cm"),
            LengthUnit::In => (4_000, 120_000, "4 and 120 in"),
        };
        let lengths = [
            ("the waist", self.waist_milli),
            ("the chest", self.chest_milli),
            ("the arm", self.arms_milli),
            ("the thigh", self.thighs_milli),
        ];
        for (what, value) in lengths {
            if let Some(milli) = value.filter(|m| !(lo..=hi).contains(m)) {
                return Err(TrainingError::Measurement {
                    what,
                    range,
                    got: format!("{} {}", format_milli(u64::from(milli)), self.unit.as_str()),
                });
            }
        }
        if let Some(milli) = self.body_fat_milli.filter(|m| !(1_000..=75_000).contains(m)) {
            return Err(TrainingError::Measurement {
                what: "body fat",
                range: "1 and 75 %",
                got: format!("{} %", format_milli(u64::from(milli))),
            });
        }
        if lengths.iter().all(|(_, v)| v.is_none()) && self.body_fat_milli.is_none() {
            return Err(TrainingError::Refused(
                "a body measurement needs at least one of waist, chest, arms, thighs or body fat",
            ));
        }
        Ok(())
    }
}

/// Access to the body measurements.
#[derive(Debug, Clone, Copy)]
pub struct BodyMeasures<'c> {
    conn: &'c Connection,
}

impl<'c> BodyMeasures<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Records an entry taken at `at`; refuses it whole if any number is implausible.
    pub fn log(
        &self,
        at: DateTime<Utc>,
        values: &Measurements,
        now: DateTime<Utc>,
    ) -> Result<BodyMeasurement, TrainingError> {
        self.insert(None, at, values, now)?
            .ok_or(TrainingError::Refused("the measurement was not stored"))
    }

    /// Records an entry that already has a global id (from an export), checked like a
    /// typed one; returns `false` when the vault holds that id already (a re-import).
    pub fn restore(&self, entry: &BodyMeasurement, now: DateTime<Utc>) -> Result<bool, TrainingError> {
        let gid = gid_bytes(&entry.gid)?;
        let at = super::parse_stamp(&entry.measured_at)?;
        Ok(self.insert(Some(gid), at, &entry.values, now)?.is_some())
    }

    fn insert(
        &self,
        gid: Option<[u8; 16]>,
        at: DateTime<Utc>,
        values: &Measurements,
        now: DateTime<Utc>,
    ) -> Result<Option<BodyMeasurement>, TrainingError> {
        check_time("measurement time", at, now)?;
        values.check()?;
        if values.note.chars().any(|c| c.is_control() && c != '\n') {
            return Err(TrainingError::Refused("a note cannot hold control characters"));
        }
        let note = clean_text("note", &values.note, MAX_NOTE)?;
        let gid: Option<String> = self
            .conn
            .query_row(
                "INSERT INTO body_measurement (gid, measured_at, length_unit, waist_milli, chest_milli,
                     arms_milli, thighs_milli, body_fat_milli, note)
                 VALUES (coalesce(?1, randomblob(16)), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (gid) DO NOTHING RETURNING lower(hex(gid))",
                params![
                    gid.map(Vec::from),
                    stamp(at),
                    values.unit.as_str(),
                    values.waist_milli,
                    values.chest_milli,
                    values.arms_milli,
                    values.thighs_milli,
                    values.body_fat_milli,
                    note
                ],
                |r| r.get(0),
            )
            .optional()?;
        Ok(gid.map(|gid| BodyMeasurement {
            gid,
            measured_at: stamp(at),
            values: Measurements {
                note,
                ..values.clone()
            },
        }))
    }

    /// Every entry, oldest first (for exports).
    pub fn all(&self) -> Result<Vec<BodyMeasurement>, TrainingError> {
        let mut entries = self.read(u32::MAX)?;
        entries.reverse();
        Ok(entries)
    }

    /// The newest `limit` entries (at most 1000), newest first.
    pub fn recent(&self, limit: u32) -> Result<Vec<BodyMeasurement>, TrainingError> {
        super::in_range("the number of measurements", i64::from(limit), 1, 1000)?;
        self.read(limit)
    }

    /// The newest `limit` entries, newest first.
    fn read(&self, limit: u32) -> Result<Vec<BodyMeasurement>, TrainingError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT lower(hex(gid)), measured_at, length_unit, waist_milli, chest_milli, arms_milli,
                    thighs_milli, body_fat_milli, note
             FROM body_measurement ORDER BY measured_at DESC, id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            let unit: String = r.get(2)?;
            let unit = LengthUnit::parse(&unit).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
            })?;
            Ok(BodyMeasurement {
                gid: r.get(0)?,
                measured_at: r.get(1)?,
                values: Measurements {
                    unit,
                    waist_milli: r.get(3)?,
                    chest_milli: r.get(4)?,
                    arms_milli: r.get(5)?,
                    thighs_milli: r.get(6)?,
                    body_fat_milli: r.get(7)?,
                    note: r.get(8)?,
                },
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

/// Reads a global id written as 32 hex digits.
fn gid_bytes(text: &str) -> Result<[u8; 16], TrainingError> {
    crate::gid::parse(text).ok_or(TrainingError::Refused("a global id must be 32 hex digits"))
}
