//! Commands for the training screens: Today, the workout logger, History, Exercises,
//! Routines, and import/export in Settings.
//!
//! Each command calls one core function over the open vault's connection and reads the
//! clock here, at the edge. The few shell-side types exist only where a core type cannot
//! cross IPC as is (64-bit counts, or a filter the core does not deserialize).

pub mod body;
pub mod drafts;
pub mod exercises;
pub mod gym;
pub mod import_map;
pub mod prefs;
pub mod rest;
pub mod routines;
pub mod session_whoop;
pub mod sessions;
pub mod today;
pub mod transfer;

use chrono::{DateTime, NaiveDate, Utc};
use ironkeep::training::day_start;

use crate::error::{ErrorCode, IpcError};

/// Reads a `YYYY-MM-DD` day from the UI as the start of that UTC day.
fn parse_day(what: &str, text: &str) -> Result<DateTime<Utc>, IpcError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(day_start)
        .map_err(|_| {
            IpcError::new(
                ErrorCode::InvalidInput,
                format!("The {what} date must look like 2024-03-31."),
            )
        })
}

/// A count the core keeps as 64 bits, for IPC (counts this large never happen in a log
/// that is capped at millions of rows; saturating keeps the type honest anyway).
fn count(n: u64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::{count, parse_day};
    use crate::error::ErrorCode;

    #[test]
    fn a_day_is_read_as_the_start_of_that_utc_day_and_anything_else_is_refused() {
        let day = parse_day("from", " 2024-03-31 ").map(|d| d.to_rfc3339());
        assert_eq!(day.ok().as_deref(), Some("2024-03-31T00:00:00+00:00"));
        for bad in ["31/03/2024", "2024-02-30", "", "2024-03-31T10:00"] {
            let err = parse_day("from", bad).err().map(|e| e.code);
            assert_eq!(err, Some(ErrorCode::InvalidInput), "{bad:?} must be refused");
        }
    }

    #[test]
    fn counts_saturate_instead_of_wrapping() {
        assert_eq!(count(7), 7);
        assert_eq!(count(u64::MAX), u32::MAX);
    }
}
