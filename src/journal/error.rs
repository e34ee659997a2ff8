//! `JournalError`: why a journal operation was refused. Nothing was written when one is
//! returned; [`JournalError::code`] gives the stable code callers branch on.

/// Why a journal operation failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum JournalError {
    /// A tag name is empty, too long or holds control characters.
    #[error("the tag name {0}")]
    InvalidTag(&'static str),
    /// No tag, built-in or the user's own, has this name.
    #[error("there is no journal tag named \"{0}\"; add it as a tag of your own first")]
    UnknownTag(String),
    /// A tag with this name (ignoring case, `-` and `_`) exists already.
    #[error("there is already a journal tag named \"{0}\"")]
    TagTaken(String),
    /// The user has as many tags of their own as the journal keeps.
    #[error("too many tags of your own: at most {0}")]
    TooManyTags(usize),
    /// More tags are ticked on one day than the journal keeps.
    #[error("too many tags on one day: at most {0}")]
    TooManyTicked(usize),
    /// A note is too long or holds control characters.
    #[error("the note {0}")]
    InvalidNote(&'static str),
    /// A day is not a `YYYY-MM-DD` date, is before 1970 or is in the future.
    #[error("\"{text}\" {reason}")]
    InvalidDay {
        /// What was given.
        text: String,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The day has no journal entry.
    #[error("there is no journal entry for {0}")]
    NoEntry(String),
    /// The day's entry does not have this tag ticked.
    #[error("the journal entry for {day} does not have \"{tag}\" ticked")]
    NotTicked {
        /// The day.
        day: String,
        /// The tag.
        tag: String,
    },
    /// A journal entry from an export or a backup is malformed.
    #[error("a journal entry in the file {0}")]
    Malformed(&'static str),
    /// SQLCipher reported an error.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

impl JournalError {
    /// A stable snake_case code for this error, for callers that branch on it.
    pub fn code(&self) -> &'static str {
        match self {
            JournalError::UnknownTag(_) | JournalError::NoEntry(_) | JournalError::NotTicked { .. } => {
                "not_found"
            }
            JournalError::TagTaken(_) => "name_taken",
            JournalError::Database(_) => "database",
            _ => "invalid_input",
        }
    }
}
