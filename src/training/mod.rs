//! The training log: exercises, routines, sessions, sets, records, volume, body weight
//! and history — what a lifter uses every day.
//!
//! Each module keeps its tables' SQL beside its row types and offers a read-only handle
//! (e.g. [`Exercises`]) and a mutating one (e.g. [`ExercisesMut`]) over the vault's
//! `&Connection`. Every input is bounded and checked here, in the core, and every
//! referenced routine, exercise or session is looked up before anything is written, so the
//! CLI and the desktop shell stay thin and cannot forget a check.

mod bests;
pub mod body;
pub mod body_measures;
pub mod catalog;
pub mod drafts;
mod error;
pub mod exercises;
pub(crate) mod flags;
pub mod generate;
pub mod history;
mod measures;
mod order;
pub mod plates;
pub mod records;
pub mod rep_max;
pub mod repeated;
pub mod routines;
pub mod search;
pub mod sessions;
pub mod sets;
pub mod settings;
pub mod units;
pub mod volume;
pub mod warmup;

use chrono::{DateTime, NaiveDate, SecondsFormat, TimeZone, Utc};

pub use body::{BodyWeight, BodyWeights};
pub use body_measures::{BodyMeasurement, BodyMeasures, LengthUnit, Measurements};
pub use error::{MAX_NAME, MAX_NOTES, MAX_SET_NOTES, TrainingError, clean_name, clean_text, in_range};
pub use exercises::{Equipment, Exercise, ExerciseKind, Exercises, ExercisesMut, Muscle, NewExercise};
pub use history::{History, Page, SessionSummary};
pub use records::{ExerciseRecords, Records, e1rm_epley};
pub use routines::{Routine, RoutineEntry, RoutineInput, Routines, RoutinesMut};
pub use sessions::{Session, SessionEdit, Sessions, SessionsMut, StartSession};
pub use sets::{LoggedSet, SetInput, SetKind, SetRow, Sets, SetsMut};
pub use units::{Distance, DistanceUnit, Rpe, Unit, Weight};

/// The earliest date accepted for a session or measurement.
pub const EARLIEST_YEAR: i32 = 1970;

/// Formats a time the way the training tables store it: UTC, whole seconds, `Z`.
pub fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// Reads a stored time back.
pub fn parse_stamp(text: &str) -> Result<DateTime<Utc>, TrainingError> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| TrainingError::InvalidDate {
            what: "stored time",
            reason: "is not RFC 3339",
        })
}

/// Checks that a time is plausible: not before 1970 and at most a day after `now`.
pub fn check_time(what: &'static str, at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), TrainingError> {
    let earliest = Utc.with_ymd_and_hms(EARLIEST_YEAR, 1, 1, 0, 0, 0).single();
    if earliest.is_some_and(|e| at < e) {
        return Err(TrainingError::InvalidDate {
            what,
            reason: "is before 1970",
        });
    }
    if at > now + chrono::Duration::days(1) {
        return Err(TrainingError::InvalidDate {
            what,
            reason: "is in the future",
        });
    }
    Ok(())
}

/// The start of a UTC day, for date-range filters.
pub fn day_start(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(0, 0, 0)
        .map(|t| Utc.from_utc_datetime(&t))
        .unwrap_or_default()
}

/// An all-or-nothing unit of work over a shared `&Connection`. Outside a transaction it
/// is one that takes the write lock at once (`BEGIN IMMEDIATE`): a transaction that read
/// first and then wrote could not wait for another process's write to end (SQLite
/// refuses that upgrade at once with "database is locked"), while this one waits in the
/// busy timeout like any writer. Inside one it is a savepoint, so it nests (an import may
/// create a routine, which is atomic by itself). Rolls back when dropped without
/// [`Atomic::commit`].
pub(crate) struct Atomic<'c> {
    conn: &'c rusqlite::Connection,
    done: bool,
    outermost: bool,
}

impl<'c> Atomic<'c> {
    /// Starts the unit of work.
    pub(crate) fn begin(conn: &'c rusqlite::Connection) -> rusqlite::Result<Atomic<'c>> {
        let outermost = conn.is_autocommit();
        conn.execute_batch(if outermost {
            "BEGIN IMMEDIATE"
        } else {
            "SAVEPOINT ironkeep_atomic"
        })?;
        Ok(Atomic {
            conn,
            done: false,
            outermost,
        })
    }

    /// Keeps everything done since [`Atomic::begin`].
    pub(crate) fn commit(mut self) -> rusqlite::Result<()> {
        self.done = true;
        self.conn.execute_batch(if self.outermost {
            "COMMIT"
        } else {
            "RELEASE ironkeep_atomic"
        })
    }

    /// Undoes everything done since [`Atomic::begin`].
    pub(crate) fn rollback(mut self) -> rusqlite::Result<()> {
        self.done = true;
        self.undo()
    }

    fn undo(&self) -> rusqlite::Result<()> {
        self.conn.execute_batch(if self.outermost {
            "ROLLBACK"
        } else {
            "ROLLBACK TO ironkeep_atomic; RELEASE ironkeep_atomic"
        })
    }
}

impl std::ops::Deref for Atomic<'_> {
    type Target = rusqlite::Connection;
    fn deref(&self) -> &rusqlite::Connection {
        self.conn
    }
}

impl Drop for Atomic<'_> {
    fn drop(&mut self) {
        if !self.done {
            let _ = self.undo();
        }
    }
}

/// A closed enum stored as text: serde, SQL conversion, parsing and display in one place.
macro_rules! sql_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "specta", derive(specta::Type))]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stored text.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// Parses the stored text (ignoring case, `-` read as `_`).
            pub fn parse(text: &str) -> Option<$name> {
                let text = text.trim().to_ascii_lowercase().replace('-', "_");
                match text.as_str() {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(self.as_str().into())
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| {
                    rusqlite::types::FromSqlError::Other(format!("unknown {} {text:?}", stringify!($name)).into())
                })
            }
        }
    };
}
pub(crate) use sql_enum;

impl rusqlite::ToSql for Unit {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(self.as_str().into())
    }
}

impl rusqlite::types::FromSql for Unit {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        value
            .as_str()?
            .parse()
            .map_err(|_| rusqlite::types::FromSqlError::InvalidType)
    }
}
