//! `ProgramError`: why a program file, a training max or a prescription was refused.
//!
//! A program may come from a coach's file, so every message names the place in the
//! document and what is wrong with it, never echoing raw bytes from the file (a hostile
//! file could carry terminal escapes).

use crate::training::TrainingError;

/// Why a program operation failed. Nothing was written when one is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProgramError {
    /// The document is larger than a program can be.
    #[error("the program file is too large: at most {max} bytes")]
    TooLarge {
        /// The limit in bytes.
        max: usize,
    },
    /// The document is not JSON of the program shape.
    #[error("the program file is not a valid program: {0}")]
    Syntax(String),
    /// The document's `version` is not one this Ironkeep reads.
    #[error("the program file has version {found}; this Ironkeep reads version {supported}")]
    UnsupportedVersion {
        /// The version the file states.
        found: u64,
        /// The version read.
        supported: u32,
    },
    /// A value in the document is out of bounds or inconsistent.
    #[error("{at}: {reason}")]
    Invalid {
        /// Where in the document (`weeks[1].days[0].exercises[2]`).
        at: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// Several values in the document are out of bounds or inconsistent, grouped by the
    /// lift or day they are in.
    #[error("{}", grouped(.0))]
    Problems(Vec<Problem>),
    /// A lift named on the command line or in an override is not one of the program's.
    #[error("the program has no lift \"{0}\"")]
    UnknownLift(String),
    /// A lift has no training max, so its weights cannot be prescribed.
    #[error("no training max for \"{0}\"; set one with `ironkeep program tm`")]
    MissingTrainingMax(String),
    /// Another program already has this name (compared ignoring case).
    #[error("there is already a program named \"{0}\" (names are compared ignoring case)")]
    NameTaken(String),
    /// No program of the user's or built-in has this name.
    #[error("no program is named \"{0}\"; see `ironkeep program list`")]
    UnknownProgram(String),
    /// The operation does not fit the current state (e.g. no program is running).
    #[error("{0}")]
    Refused(&'static str),
    /// SQLCipher reported an error.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// A weight, plate set or setting was refused by the training log's checks.
    #[error(transparent)]
    Training(#[from] TrainingError),
}

impl ProgramError {
    /// A stable snake_case code for this error, for callers that branch on it.
    pub fn code(&self) -> &'static str {
        match self {
            ProgramError::UnknownLift(_) | ProgramError::UnknownProgram(_) => "not_found",
            ProgramError::NameTaken(_) => "name_taken",
            ProgramError::Refused(_) => "refused",
            ProgramError::Database(_) => "database",
            ProgramError::Training(e) => e.code(),
            ProgramError::MissingTrainingMax(_) => "refused",
            _ => "invalid_input",
        }
    }

    pub(crate) fn invalid(at: impl Into<String>, reason: &'static str) -> ProgramError {
        ProgramError::Invalid {
            at: at.into(),
            reason,
        }
    }
}

/// One problem in a program document: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Problem {
    /// Where in the document (`lifts[0].progression.increment.upper.kg`).
    pub at: String,
    /// What is wrong.
    pub reason: &'static str,
}

/// At most this many groups are listed in a [`ProgramError::Problems`] message.
const GROUPS_SHOWN: usize = 10;

/// The part of a place that names its group: a lift (`lifts[0]`), a day
/// (`weeks[1].days[0]`), or the program itself for top-level fields.
fn group_of(at: &str) -> (&str, &str) {
    let close = |from: usize| at[from..].find(']').map(|i| from + i + 1);
    let end = if at.starts_with("lifts[") {
        close(0)
    } else if at.starts_with("weeks[") {
        close(0).map(|e| {
            if at[e..].starts_with(".days[") {
                close(e).unwrap_or(e)
            } else {
                e
            }
        })
    } else {
        None
    };
    match end {
        Some(end) => (&at[..end], at[end..].trim_start_matches('.')),
        None => ("program", at),
    }
}

/// "the program has 3 problems:" and one line per group, each listing its fields.
fn grouped(problems: &[Problem]) -> String {
    let mut groups: Vec<(&str, Vec<String>)> = Vec::new();
    for problem in problems {
        let (group, field) = group_of(&problem.at);
        let said = format!("{field} {}", problem.reason);
        match groups.iter_mut().find(|(g, _)| *g == group) {
            Some((_, fields)) => fields.push(said),
            None => groups.push((group, vec![said])),
        }
    }
    let mut text = format!("the program has {} problems:", problems.len());
    for (group, fields) in groups.iter().take(GROUPS_SHOWN) {
        text.push_str(&format!("\n  {group}: {}", fields.join("; ")));
    }
    if groups.len() > GROUPS_SHOWN {
        text.push_str(&format!(
            "\n  … and problems in {} more places",
            groups.len() - GROUPS_SHOWN
        ));
    }
    text
}

/// A parser's message without control characters (a hostile file's field names are echoed
/// by serde), cut to a readable length.
pub(crate) fn tidy_message(message: &str) -> String {
    message
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(300)
        .collect()
}
