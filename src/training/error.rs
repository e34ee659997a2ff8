//! `TrainingError`: why a training-log operation was refused.
//!
//! Every input from a user, a file or the desktop is checked in the core before anything
//! is written (the first review's H-005), and every reference to a routine, exercise or
//! session is looked up first (C-003, H-002), so callers get a sentence naming the problem
//! rather than a constraint failure. [`TrainingError::code`] gives a stable code to branch on.

/// Why a training-log operation failed. Nothing was written when one is returned.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TrainingError {
    /// A referenced routine, exercise, session or set does not exist.
    #[error("no {what} with id {id}")]
    NotFound {
        /// What was looked up ("exercise", "routine", "session", "set").
        what: &'static str,
        /// The id asked for.
        id: u32,
    },
    /// No exercise has this name.
    #[error("no exercise is named \"{0}\"; see `ironkeep exercise list`")]
    UnknownExercise(String),
    /// A name is empty, too long or has control characters.
    #[error("the {what} name {reason}")]
    InvalidName {
        /// What is being named.
        what: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// Another exercise or routine already has this name (compared case-insensitively).
    #[error(
        "there is already {} named \"{name}\" (names are compared ignoring case)",
        with_article(what)
    )]
    NameTaken {
        /// "exercise" or "routine".
        what: &'static str,
        /// The existing name.
        name: String,
    },
    /// A weight is not a number with at most three decimals.
    #[error("\"{0}\" is not a weight: use a number with at most three decimals, e.g. 102.5")]
    InvalidWeight(String),
    /// A weight is outside 0-1000 kg (or its equivalent in lb).
    #[error("{0} is out of range: weights must be between 0 and 1000 kg (2204.62 lb)")]
    WeightOutOfRange(String),
    /// A number is outside its allowed range.
    #[error("{what} must be between {min} and {max}; got {got}")]
    OutOfRange {
        /// What the number is.
        what: &'static str,
        /// The smallest allowed.
        min: i64,
        /// The largest allowed.
        max: i64,
        /// What was given.
        got: i64,
    },
    /// A number could not be read.
    #[error("\"{text}\" is not a valid {what}")]
    InvalidNumber {
        /// What the number is.
        what: &'static str,
        /// What was given.
        text: String,
    },
    /// An RPE is not between 1 and 10 in steps of 0.5.
    #[error("\"{0}\" is not an RPE: use 1 to 10 in steps of 0.5, e.g. 8.5")]
    InvalidRpe(String),
    /// A text field is too long.
    #[error("the {what} is too long: at most {max} characters")]
    TooLong {
        /// Which field.
        what: &'static str,
        /// The limit.
        max: usize,
    },
    /// A list has too many items.
    #[error("too many {what}: at most {max}")]
    TooMany {
        /// What the list holds.
        what: &'static str,
        /// The limit.
        max: usize,
    },
    /// A date is implausible (before 1970, or in the future).
    #[error("the {what} {reason}")]
    InvalidDate {
        /// Which date.
        what: &'static str,
        /// What is wrong.
        reason: &'static str,
    },
    /// A body measurement is outside what a human body measures.
    #[error("{what} must be between {range}; got {got}")]
    Measurement {
        /// Which measurement, with its unit ("the waist in cm").
        what: &'static str,
        /// The allowed range, in words.
        range: &'static str,
        /// What was given.
        got: String,
    },
    /// A set has nothing in it.
    #[error("a set needs at least one of weight, reps, duration or distance")]
    EmptySet,
    /// The exercise was merged into another one and takes no new sets.
    #[error("\"{name}\" was merged into \"{into}\"; use that instead")]
    Merged {
        /// The merged exercise.
        name: String,
        /// Where its sets went.
        into: String,
    },
    /// The exercise is archived.
    #[error("\"{0}\" is archived; unarchive it to use it again")]
    Archived(String),
    /// The operation makes no sense for these arguments (e.g. merging an exercise into itself).
    #[error("{0}")]
    Refused(&'static str),
    /// The logger's drafts hold something it never types (see `training::drafts`).
    #[error("the logger's draft {0}")]
    InvalidDraft(&'static str),
    /// A paging cursor was not one this vault handed out.
    #[error("the paging cursor is not valid; start again without one")]
    BadCursor,
    /// SQLCipher reported an error.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

impl TrainingError {
    /// A stable snake_case code for this error, for callers that branch on it.
    pub fn code(&self) -> &'static str {
        match self {
            TrainingError::NotFound { .. } | TrainingError::UnknownExercise(_) => "not_found",
            TrainingError::NameTaken { .. } => "name_taken",
            TrainingError::Merged { .. } | TrainingError::Archived(_) => "unavailable",
            TrainingError::Refused(_) => "refused",
            TrainingError::Database(_) => "database",
            _ => "invalid_input",
        }
    }
}

/// The longest exercise or routine name.
pub const MAX_NAME: usize = 80;
/// The longest session or routine note.
pub const MAX_NOTES: usize = 2000;
/// The longest set note.
pub const MAX_SET_NOTES: usize = 500;

/// Checks and tidies a name: trimmed, inner whitespace collapsed, 1-80 characters, no
/// control characters. Returns the name to store and its comparison key.
pub fn clean_name(what: &'static str, raw: &str) -> Result<(String, String), TrainingError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(TrainingError::InvalidName {
            what,
            reason: "is empty",
        });
    }
    if name.chars().count() > MAX_NAME {
        return Err(TrainingError::InvalidName {
            what,
            reason: "is longer than 80 characters",
        });
    }
    if name.chars().any(char::is_control) {
        return Err(TrainingError::InvalidName {
            what,
            reason: "contains control characters",
        });
    }
    let key = name.to_lowercase();
    Ok((name, key))
}

/// Checks a free-text field's length and strips control characters other than newlines.
pub fn clean_text(what: &'static str, raw: &str, max: usize) -> Result<String, TrainingError> {
    if raw.chars().count() > max {
        return Err(TrainingError::TooLong { what, max });
    }
    Ok(raw
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>()
        .trim()
        .to_owned())
}

/// Checks that `got` lies in `min..=max`.
pub fn in_range(what: &'static str, got: i64, min: i64, max: i64) -> Result<(), TrainingError> {
    if (min..=max).contains(&got) {
        Ok(())
    } else {
        Err(TrainingError::OutOfRange { what, min, max, got })
    }
}

/// "an exercise", "a routine": the noun with its indefinite article.
fn with_article(noun: &str) -> String {
    let article = if noun.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {noun}")
}

#[cfg(test)]
mod tests {
    use super::TrainingError;

    #[test]
    fn a_taken_name_reads_as_english() {
        let taken = |what| TrainingError::NameTaken {
            what,
            name: "Face Pull".into(),
        };
        assert_eq!(
            taken("exercise").to_string(),
            "there is already an exercise named \"Face Pull\" (names are compared ignoring case)"
        );
        assert!(
            taken("routine")
                .to_string()
                .starts_with("there is already a routine named")
        );
    }
}
