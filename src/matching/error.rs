//! What can go wrong matching WHOOP workouts to sessions.

/// A match could not be read or changed.
#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    /// No WHOOP workout with this id is in the vault (or was ever matched).
    #[error("no WHOOP workout with id {0} is in the vault")]
    UnknownWorkout(String),
    /// No session with this id.
    #[error("no session with id {0}")]
    UnknownSession(u32),
    /// A match read from an export breaks the rules a match obeys.
    #[error("the WHOOP match of workout \"{0}\" in the export is not valid")]
    Invalid(String),
    /// A stored time could not be read back.
    #[error("a stored time is not valid: {0}")]
    BadTime(String),
    /// SQLCipher reported an error.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
}

impl MatchError {
    /// A stable snake_case code for this error, for callers that branch on it.
    pub fn code(&self) -> &'static str {
        match self {
            MatchError::UnknownWorkout(_) | MatchError::UnknownSession(_) => "not_found",
            MatchError::Invalid(_) => "invalid_input",
            MatchError::BadTime(_) | MatchError::Database(_) => "database",
        }
    }
}

impl From<MatchError> for crate::training::TrainingError {
    fn from(err: MatchError) -> Self {
        use crate::training::TrainingError;
        match err {
            MatchError::Database(err) => TrainingError::Database(err),
            MatchError::UnknownSession(id) => TrainingError::NotFound { what: "session", id },
            MatchError::UnknownWorkout(_) => TrainingError::Refused("no such WHOOP workout is in the vault"),
            MatchError::Invalid(_) => TrainingError::Refused("a WHOOP match in the export is not valid"),
            MatchError::BadTime(_) => TrainingError::InvalidDate {
                what: "stored time",
                reason: "is not valid",
            },
        }
    }
}
