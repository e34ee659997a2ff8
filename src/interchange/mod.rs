//! Import and export: the files lifters bring from Strong, Hevy and FitNotes, and the
//! JSON and CSV they take with them when they leave.
//!
//! Importing is two steps. [`parse`] is a pure function from bytes to typed rows (and a
//! list of every problem row with its line number) — it touches no database and is the
//! fuzzing entry point. [`apply::import`] then checks every row and writes them in short
//! batches ([`runs`]: a set being logged waits for one batch at most, and a cancelled or
//! interrupted import leaves nothing behind): grouping them into sessions, mapping
//! exercise names onto the catalog, and skipping sets already imported (exports are
//! cumulative), so re-importing adds only what is new.
//! Every file is untrusted input: sizes, row counts and field lengths are capped (the
//! first review's M-005), and every value goes through the same bounds as typed input.

pub mod apply;
mod cells;
pub mod columns;
pub mod csv_in;
pub mod csv_out;
mod exercise_names;
mod headers;
pub mod json;
mod json_in;
mod numbers;
pub mod problems;
pub mod progress;
mod rows;
pub mod runs;

use chrono::{DateTime, FixedOffset, Local, NaiveDateTime, TimeZone, Utc};
use serde::Serialize;

use crate::training::{TrainingError, Unit};

pub use apply::{ImportOptions, ImportReport, import, import_into, import_watched};
pub use columns::{ColumnChoice, ColumnMap, ColumnPreview, Preview, preview};
pub use csv_in::{ImportRow, ParseOptions, Parsed, Problem, When, parse};
pub use problems::ProblemGroup;
pub use progress::ImportProgress;

/// The largest file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;
/// The most rows accepted in one file.
pub const MAX_ROWS: usize = 2_000_000;
/// The longest field accepted, in bytes.
pub const MAX_FIELD: usize = 4000;

/// A file format Ironkeep reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Strong's CSV export (comma or semicolon, with or without unit columns).
    Strong,
    /// Hevy's CSV export.
    Hevy,
    /// FitNotes' CSV export.
    Fitnotes,
    /// Ironkeep's own JSON export.
    Json,
}

impl Format {
    /// The name used on the command line and stored as a session's source.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Strong => "strong",
            Format::Hevy => "hevy",
            Format::Fitnotes => "fitnotes",
            Format::Json => "json",
        }
    }

    /// Parses `strong`, `hevy`, `fitnotes` or `json`.
    pub fn parse(text: &str) -> Option<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "strong" => Some(Format::Strong),
            "hevy" => Some(Format::Hevy),
            "fitnotes" => Some(Format::Fitnotes),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// How to read times that carry no zone (Strong, Hevy and FitNotes write local times).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Zone {
    /// This computer's local zone (with its daylight-saving rules).
    Local,
    /// A fixed offset from UTC.
    Fixed(FixedOffset),
    /// An IANA zone such as `Europe/Berlin`, with its daylight-saving history.
    Named(chrono_tz::Tz),
}

impl Zone {
    /// Parses `local`, `UTC`, `Z`, an offset such as `+02:00` / `-0500`, or an IANA zone
    /// name such as `Europe/Berlin` (exact spelling, as in the tz database).
    pub fn parse(text: &str) -> Option<Zone> {
        let text = text.trim();
        match text.to_ascii_lowercase().as_str() {
            "local" => return Some(Zone::Local),
            "utc" | "z" | "gmt" => return FixedOffset::east_opt(0).map(Zone::Fixed),
            _ => {}
        }
        if text.len() <= 64
            && let Ok(named) = text.parse::<chrono_tz::Tz>()
        {
            return Some(Zone::Named(named));
        }
        let sign = match text.chars().next()? {
            '+' => 1,
            '-' => -1,
            _ => return None,
        };
        let digits: String = text[1..].chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 4 && digits.len() != 2 {
            return None;
        }
        let hours: i32 = digits[..2].parse().ok()?;
        let minutes: i32 = digits
            .get(2..)
            .filter(|m| !m.is_empty())
            .map_or(Some(0), |m| m.parse().ok())?;
        if hours > 14 || minutes > 59 {
            return None;
        }
        FixedOffset::east_opt(sign * (hours * 3600 + minutes * 60)).map(Zone::Fixed)
    }

    /// The instant a zone-less time names; a time skipped by a daylight-saving change
    /// moves forward an hour, an ambiguous one takes the earlier instant.
    pub fn resolve(self, naive: NaiveDateTime) -> Option<DateTime<Utc>> {
        match self {
            Zone::Fixed(offset) => offset
                .from_local_datetime(&naive)
                .earliest()
                .map(|t| t.with_timezone(&Utc)),
            Zone::Local => earliest_or_later(&Local, naive),
            Zone::Named(tz) => earliest_or_later(&tz, naive),
        }
    }
}

/// The earliest instant `naive` names in `zone`, or the instant an hour later when a
/// daylight-saving change skips it.
fn earliest_or_later<Z: TimeZone>(zone: &Z, naive: NaiveDateTime) -> Option<DateTime<Utc>> {
    zone.from_local_datetime(&naive)
        .earliest()
        .or_else(|| {
            zone.from_local_datetime(&(naive + chrono::Duration::hours(1)))
                .earliest()
        })
        .map(|t| t.with_timezone(&Utc))
}

/// Why an import or export failed. Nothing was written when one is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// The file is larger than Ironkeep accepts.
    #[error("the file is too large: at most {max} bytes (or {rows} rows) are accepted")]
    TooLarge {
        /// The byte limit.
        max: usize,
        /// The row limit.
        rows: usize,
    },
    /// The file is not UTF-8 text.
    #[error("the file is not UTF-8 text")]
    NotText,
    /// The header row matches no known export and its columns could not be recognised.
    #[error(
        "this does not look like a Strong, Hevy or FitNotes export (header: {0}); pass --format if it is one, \
         or say what its columns hold with --map COLUMN=field (--preview shows them)"
    )]
    UnknownFormat(String),
    /// A column map names a column the file lacks or a field that does not exist.
    #[error("the column map is not usable: {0}")]
    BadMap(String),
    /// A required column is missing.
    #[error(
        "the {format} file has no \"{column}\" column that Ironkeep recognises; say which column holds it \
         with --map COLUMN=field (--preview shows the columns)"
    )]
    MissingColumn {
        /// The detected format.
        format: &'static str,
        /// The column.
        column: &'static str,
    },
    /// The file does not say its weight unit and none was given.
    #[error(
        "this file does not say whether its weights are kg or lb; pass --unit kg or --unit lb \
         (the values look like {suggestion})"
    )]
    UnitNeeded {
        /// The unit the values suggest.
        suggestion: Unit,
    },
    /// Some rows could not be read; nothing was written. Shown grouped by kind, one line
    /// each.
    #[error("{} row(s) could not be imported, nothing was written (use --skip-invalid to import the rest):\n{}",
        .0.len(), problems::summary(.0))]
    BadRows(Vec<Problem>),
    /// The CSV itself is malformed.
    #[error("the file is not valid CSV: {0}")]
    Csv(String),
    /// The JSON export is malformed.
    #[error("the file is not a valid Ironkeep JSON export: {0}")]
    Json(String),
    /// The import was cancelled; nothing was written (batches already committed were
    /// removed).
    #[error("the import was cancelled; nothing was written")]
    Cancelled,
    /// The import's lock file in the data directory could not be made or locked.
    #[error("the import could not mark itself as running in the data directory: {0}")]
    Lock(String),
    /// A value was refused by the training log.
    #[error(transparent)]
    Training(#[from] TrainingError),
    /// A journal entry or tag was refused by the journal.
    #[error(transparent)]
    Journal(#[from] crate::journal::JournalError),
    /// A program, run or rounding setting was refused.
    #[error(transparent)]
    Program(#[from] crate::programs::ProgramError),
}

impl From<rusqlite::Error> for ImportError {
    fn from(err: rusqlite::Error) -> Self {
        ImportError::Training(TrainingError::Database(err))
    }
}

impl ImportError {
    /// A stable snake_case code for this error.
    pub fn code(&self) -> &'static str {
        match self {
            ImportError::TooLarge { .. } => "too_large",
            ImportError::UnitNeeded { .. } => "unit_needed",
            ImportError::BadRows(_) => "bad_rows",
            ImportError::Cancelled => "cancelled",
            ImportError::Lock(_) => "io",
            ImportError::Training(err) => err.code(),
            ImportError::Journal(err) => err.code(),
            ImportError::Program(err) => err.code(),
            _ => "bad_file",
        }
    }
}

/// The fuzzing entry point: parses untrusted bytes as any supported CSV export (weights
/// without a stated unit read as kg). Never panics, whatever the input.
pub fn parse_untrusted(bytes: &[u8]) -> Result<Parsed, ImportError> {
    parse(
        bytes,
        &ParseOptions {
            unit: Some(Unit::Kg),
            ..ParseOptions::default()
        },
    )
}
