//! Reading Strong, Hevy and FitNotes CSV exports into typed rows — a pure function over
//! bytes, with no database, clock or file system, so it can be fuzzed.
//!
//! The format is detected from the header (comma or semicolon, English or German column
//! names); each row becomes an [`ImportRow`] with its line number, or a [`Problem`] naming
//! the line and the reason. Non-set rows (Strong's rest-timer rows) are counted, not
//! imported. Weights keep the unit the file states; files that state none (classic
//! Strong) need [`ParseOptions::unit`], and without it parsing stops with a suggestion
//! guessed from the values (45, 135 and 225 suggest pounds).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde::Serialize;

use super::cells::restore_record;
use super::columns::{ColumnMap, read_table, recognise};
use super::headers::{Columns, detect};
use super::numbers;
use super::rows::{Bad, Outcome, read_row};
use super::{Format, ImportError};
use crate::training::{Distance, Rpe, SetKind, Unit, Weight};

/// How to parse.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// The format; detected from the header when `None`.
    pub format: Option<Format>,
    /// The weight unit for files that do not state one.
    pub unit: Option<Unit>,
    /// What columns hold, where the header and the values do not say.
    pub columns: ColumnMap,
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
    /// Whether reading it needed a tolerance earlier versions lacked (float noise, a
    /// decimal in a whole-number column, a workout left running): those versions refused
    /// the row, so it must not shift the import keys of rows they did import.
    pub tolerated: bool,
}

/// A row that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Problem {
    /// The 1-based line.
    pub line: u64,
    /// The value at fault (`weight`, `reps`, `date`…); problems are grouped by it.
    pub kind: &'static str,
    /// Why, as a sentence.
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
    /// Sets that were planned and never filled in (no weight, reps, distance or time),
    /// skipped.
    pub empty_sets: u64,
}

/// Parses a CSV export. Fails only when the file as a whole cannot be read; bad rows are
/// listed in [`Parsed::problems`].
pub fn parse(bytes: &[u8], options: &ParseOptions) -> Result<Parsed, ImportError> {
    let (header, records) = read_table(bytes)?;
    let cols = recognise(&header, &records, &options.columns)?;
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
    let measured = [
        "weight",
        "weight_kg",
        "weight_lb",
        "reps",
        "distance",
        "distance_m",
        "distance_km",
        "distance_mi",
        "seconds",
    ]
    .iter()
    .any(|c| cols.contains_key(c));
    // A file whose columns were recognised by their values or mapped by hand is read as
    // one set per row, the way Strong writes it.
    let generic =
        (cols.contains_key("date") && cols.contains_key("exercise") && measured).then_some(Format::Strong);
    let format = match options.format.or_else(|| detect(&cols)).or(generic) {
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
    if !measured {
        return Err(ImportError::MissingColumn {
            format: format.as_str(),
            column: "weight, reps, distance or seconds",
        });
    }
    let unit = file_unit(&cols, &records, options.unit)?;
    let mut parsed = Parsed {
        format,
        rows: Vec::with_capacity(records.len()),
        problems: Vec::new(),
        skipped: 0,
        empty_sets: 0,
    };
    for record in &records {
        let line = record.position().map_or(0, csv::Position::line);
        let record = restore_record(format, &cols, record);
        match read_row(format, &cols, &record, unit, line) {
            Ok(Outcome::Set(row)) => parsed.rows.push(*row),
            Ok(Outcome::NotASet) => parsed.skipped += 1,
            Ok(Outcome::Empty) => parsed.empty_sets += 1,
            Err(Bad { kind, reason }) => parsed.problems.push(Problem { line, kind, reason }),
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
    let read = |text: &str| numbers::milli(text).ok().map(|m| m.value);
    for value in records.iter().filter_map(|r| r.get(i)).filter_map(read) {
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

/// Reads the date formats the three apps write.
pub(super) fn parse_when(text: &str) -> Result<When, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(When::Utc(t.with_timezone(&Utc)));
    }
    const FORMATS: &[&str] = &[
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d %b %Y, %H:%M",
        "%d %b %Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
    ];
    if let Some(t) = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    {
        return Ok(When::Naive(t));
    }
    // Date-only rows (FitNotes): noon, so no zone moves them to another day.
    ["%Y-%m-%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(When::Naive)
        .ok_or_else(|| format!("\"{}\" is not a date", text.chars().take(40).collect::<String>()))
}

pub(super) fn add_seconds(when: When, seconds: u32) -> When {
    let d = chrono::Duration::seconds(i64::from(seconds));
    match when {
        When::Naive(t) => When::Naive(t + d),
        When::Utc(t) => When::Utc(t + d),
    }
}
