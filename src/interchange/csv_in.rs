//! Reading Strong, Hevy and FitNotes CSV exports into typed rows — a pure function over
//! bytes, with no database, clock or file system, so it can be fuzzed.
//!
//! The format is detected from the header (comma or semicolon, English or German column
//! names); each row becomes an [`ImportRow`] with its line number, or a [`Problem`] naming
//! the line and the reason. Non-set rows (Strong's rest-timer rows) are counted, not
//! imported. Weights keep the unit the file states; files that state none (classic
//! Strong) need [`ParseOptions::unit`], and without it parsing stops with a suggestion
//! guessed from the values (45, 135 and 225 suggest pounds).

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

use super::cells::restore_record;
use super::headers::{Columns, columns, detect};
use super::rows::read_row;
use super::{Format, ImportError, MAX_FILE_BYTES, MAX_ROWS};
use crate::training::units::parse_milli;
use crate::training::{Distance, Rpe, SetKind, Unit, Weight};

/// How to parse.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions {
    /// The format; detected from the header when `None`.
    pub format: Option<Format>,
    /// The weight unit for files that do not state one.
    pub unit: Option<Unit>,
}

/// A time as the file wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum When {
    /// No zone: local time, resolved with `--tz` on import.
    Naive(NaiveDateTime),
    /// An instant.
    Utc(DateTime<Utc>),
}

/// One set read from a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ImportRow {
    /// The 1-based line it came from.
    pub line: u64,
    /// When its workout started.
    pub started: When,
    /// When its workout ended, if the file says.
    pub ended: Option<When>,
    /// The workout's name.
    pub workout: String,
    /// The workout's notes.
    pub workout_notes: String,
    /// The exercise's name as written.
    pub exercise: String,
    /// The set kind.
    pub kind: SetKind,
    /// The weight as written, in the file's unit.
    pub weight: Option<Weight>,
    /// Reps.
    pub reps: Option<u32>,
    /// RPE.
    pub rpe: Option<Rpe>,
    /// Distance.
    pub distance: Option<Distance>,
    /// Seconds.
    pub duration_s: Option<u32>,
    /// The set's (or exercise's) note.
    pub notes: String,
    /// The file's superset id, if any.
    pub superset: Option<String>,
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Problem {
    /// The 1-based line.
    pub line: u64,
    /// Why.
    pub reason: String,
}

/// What a file holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parsed {
    /// The format.
    pub format: Format,
    /// The sets, in file order.
    pub rows: Vec<ImportRow>,
    /// Every row that could not be read.
    pub problems: Vec<Problem>,
    /// Rows that are not sets (e.g. rest timers), skipped.
    pub skipped: u64,
}

/// Parses a CSV export. Fails only when the file as a whole cannot be read; bad rows are
/// listed in [`Parsed::problems`].
pub fn parse(bytes: &[u8], options: &ParseOptions) -> Result<Parsed, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            max: MAX_FILE_BYTES,
            rows: MAX_ROWS,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| ImportError::Csv(e.to_string()))?
        .clone();
    let cols = columns(&header);
    let shown = || {
        header
            .iter()
            .take(8)
            .collect::<Vec<_>>()
            .join(",")
            .chars()
            .take(120)
            .collect()
    };
    let format = match options.format.or_else(|| detect(&cols)) {
        Some(Format::Json) | None => return Err(ImportError::UnknownFormat(shown())),
        Some(format) => format,
    };
    for column in ["date", "exercise"] {
        if !cols.contains_key(column) {
            return Err(ImportError::MissingColumn {
                format: format.as_str(),
                column,
            });
        }
    }
    let records: Vec<csv::StringRecord> = reader
        .records()
        .take(MAX_ROWS + 1)
        .collect::<Result<_, _>>()
        .map_err(|e| ImportError::Csv(e.to_string()))?;
    if records.len() > MAX_ROWS {
        return Err(ImportError::TooLarge {
            max: MAX_FILE_BYTES,
            rows: MAX_ROWS,
        });
    }
    let unit = file_unit(&cols, &records, options.unit)?;
    let mut parsed = Parsed {
        format,
        rows: Vec::with_capacity(records.len()),
        problems: Vec::new(),
        skipped: 0,
    };
    for record in &records {
        let line = record.position().map_or(0, csv::Position::line);
        let record = restore_record(format, &cols, record);
        match read_row(format, &cols, &record, unit, line) {
            Ok(Some(row)) => parsed.rows.push(row),
            Ok(None) => parsed.skipped += 1,
            Err(reason) => parsed.problems.push(Problem { line, reason }),
        }
    }
    Ok(parsed)
}

/// The unit for a plain "Weight" column without a unit column: the given one, or refuse
/// with a guess.
fn file_unit(
    cols: &Columns,
    records: &[csv::StringRecord],
    given: Option<Unit>,
) -> Result<Option<Unit>, ImportError> {
    let Some(&i) = cols.get("weight") else {
        return Ok(None);
    };
    if cols.contains_key("weight_unit") {
        return Ok(None);
    }
    if given.is_some() {
        return Ok(given);
    }
    // Pounds show as whole numbers ending in 5 (45, 135, 185, 225), best of all the bar
    // plus pairs of 45 lb plates; kilograms as quarter and half steps (102.5) and round
    // twenties (60, 100, 140).
    let (mut lb, mut kg) = (0u32, 0u32);
    for value in records.iter().filter_map(|r| r.get(i)).filter_map(parse_milli) {
        let (whole, frac) = (value / 1000, value % 1000);
        if frac == 0 && whole >= 45 && whole % 10 == 5 {
            lb += 1 + u32::from((whole - 45) % 90 == 0);
        }
        if matches!(frac, 250 | 500 | 750) {
            kg += 2;
        } else if frac == 0 && whole > 0 && whole % 20 == 0 {
            kg += 1;
        }
    }
    Err(ImportError::UnitNeeded {
        suggestion: if lb > kg { Unit::Lb } else { Unit::Kg },
    })
}
