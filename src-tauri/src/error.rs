//! The one error type that crosses the IPC boundary.
//!
//! Every command returns `Result<T, IpcError>`. The UI branches on `code` (a closed enum,
//! exported to TypeScript) and only ever shows `message` to the person; it never parses
//! message text. Core errors become an `IpcError` through `From`, using the stable code
//! the core gives each error, so a new core variant can never leak a free-form string.

use serde::Serialize;

/// Why a command failed, as a stable tag the UI may branch on.
///
/// Mirrors the codes of `ironkeep::VaultError::code`, plus the few failures that only the
/// shell can produce. A variant exists only because the UI reacts to it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// There is no usable OS keychain (for example a headless Linux session).
    KeychainUnavailable,
    /// The keychain exists but is locked.
    KeychainLocked,
    /// The keychain holds no key for this vault.
    KeyMissing,
    /// The key or passphrase does not open the vault.
    WrongKey,
    /// The vault is in passphrase mode and no passphrase was given.
    PassphraseRequired,
    /// The data directory holds something that is not an Ironkeep vault.
    NotAVault,
    /// A vault (or the chosen kit file) already exists.
    AlreadyExists,
    /// The vault was written by a newer Ironkeep.
    NewerSchema,
    /// Another Ironkeep process holds the vault.
    VaultBusy,
    /// The chosen passphrase is too easy to guess.
    WeakPassphrase,
    /// A file could not be read or written.
    Io,
    /// The database reported an error.
    Database,
    /// The recovery kit could not be made or saved.
    Kit,
    /// The person closed the file dialog without choosing a file; nothing was changed.
    Cancelled,
    /// The chosen export's columns were not understood: the window asks which column
    /// holds what (`training_import_preview`, then `training_import_mapped`).
    ColumnsUnknown,
    /// The vault has been created but its recovery kit is not saved yet.
    KitNotSaved,
    /// A command needs the open vault, and it is not open yet.
    VaultClosed,
    /// The chosen file is not an Ironkeep backup.
    NotABackup,
    /// The backup is encrypted to recovery kits; a kit (not a passphrase) opens it.
    KitRequired,
    /// The change or file was refused: a backup as hostile or foreign (bad manifest,
    /// unknown schema, too large), or a training change that makes no sense (e.g. merging
    /// an exercise into itself).
    Refused,
    /// The backup is damaged, truncated or altered.
    Damaged,
    /// A value the person typed is out of range or malformed (for example a recipient
    /// that is not `age1…`); the message says which.
    InvalidInput,
    /// WHOOP is not set up yet: the connect wizard starts at the app credentials.
    WhoopNotSetUp,
    /// WHOOP is set up but not signed in.
    WhoopNotConnected,
    /// WHOOP refused the stored tokens: sign in again (the data is kept).
    WhoopNeedsSignIn,
    /// Any other WHOOP failure (unreachable, refused sign-in, bad answer); the message says which.
    Whoop,
    /// A failure the shell does not know a code for (a core code newer than this shell).
    Unknown,
    /// A training record (exercise, routine, session, set) does not exist.
    NotFound,
    /// The name is already used by another exercise or routine.
    NameTaken,
    /// The exercise is archived or merged into another one.
    Unavailable,
    /// An import file is larger than Ironkeep accepts.
    TooLarge,
    /// An import file does not say whether its weights are kg or lb.
    UnitNeeded,
    /// Some rows of an import file could not be read; nothing was written.
    BadRows,
    /// An import file is not a known export, or is malformed.
    BadFile,
    /// Sync between devices could not run or be set up; the message says why.
    Sync,
}

impl ErrorCode {
    /// Maps a core error code (`VaultError::code`, `TrainingError::code`, `ImportError::code`)
    /// to its IPC tag.
    fn from_core(code: &str) -> Self {
        match code {
            "keychain_unavailable" => Self::KeychainUnavailable,
            "keychain_locked" => Self::KeychainLocked,
            "key_missing" => Self::KeyMissing,
            "wrong_key" => Self::WrongKey,
            "passphrase_required" => Self::PassphraseRequired,
            "not_a_vault" => Self::NotAVault,
            "already_exists" => Self::AlreadyExists,
            "newer_schema" => Self::NewerSchema,
            "vault_busy" => Self::VaultBusy,
            "weak_passphrase" => Self::WeakPassphrase,
            "io" => Self::Io,
            "database" => Self::Database,
            "kit" => Self::Kit,
            "not_a_backup" => Self::NotABackup,
            "kit_required" => Self::KitRequired,
            "refused" => Self::Refused,
            "damaged" => Self::Damaged,
            "invalid_input" => Self::InvalidInput,
            "cancelled" => Self::Cancelled,
            "not_found" => Self::NotFound,
            "name_taken" => Self::NameTaken,
            "unavailable" => Self::Unavailable,
            "too_large" => Self::TooLarge,
            "unit_needed" => Self::UnitNeeded,
            "bad_rows" => Self::BadRows,
            "bad_file" => Self::BadFile,
            _ => Self::Unknown,
        }
    }
}

/// A failed command: a tag to branch on and one sentence to show.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct IpcError {
    /// What kind of failure this is.
    pub code: ErrorCode,
    /// One user-facing sentence; it never contains a secret.
    pub message: String,
}

impl IpcError {
    /// An error the shell itself raises.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }
}

impl From<ironkeep::VaultError> for IpcError {
    fn from(err: ironkeep::VaultError) -> Self {
        Self::new(ErrorCode::from_core(err.code()), err.to_string())
    }
}

impl From<ironkeep::backup::BackupError> for IpcError {
    fn from(err: ironkeep::backup::BackupError) -> Self {
        Self::new(ErrorCode::from_core(err.code()), err.to_string())
    }
}

impl From<ironkeep::training::TrainingError> for IpcError {
    fn from(err: ironkeep::training::TrainingError) -> Self {
        Self::new(ErrorCode::from_core(err.code()), err.to_string())
    }
}

impl From<ironkeep::matching::MatchError> for IpcError {
    fn from(err: ironkeep::matching::MatchError) -> Self {
        Self::new(ErrorCode::from_core(err.code()), err.to_string())
    }
}

impl From<ironkeep::journal::JournalError> for IpcError {
    fn from(err: ironkeep::journal::JournalError) -> Self {
        Self::new(ErrorCode::from_core(err.code()), err.to_string())
    }
}

impl From<ironkeep::interchange::ImportError> for IpcError {
    fn from(err: ironkeep::interchange::ImportError) -> Self {
        Self::new(ErrorCode::from_core(err.code()), err.to_string())
    }
}

impl From<ironkeep::programs::ProgramError> for IpcError {
    fn from(err: ironkeep::programs::ProgramError) -> Self {
        Self::new(ErrorCode::from_core(err.code()), err.to_string())
    }
}

impl From<ironkeep::sync::SyncError> for IpcError {
    fn from(err: ironkeep::sync::SyncError) -> Self {
        // The core's sentences name CLI commands; the window has buttons instead.
        let message = err
            .to_string()
            .replace(" (turn it on with `ironkeep sync folder PATH`)", "")
            .replace(
                "run `ironkeep sync now` on a member first",
                "sync on a member first",
            );
        let code = match err.code() {
            "vault_exists" => ErrorCode::AlreadyExists,
            code if code.starts_with("sync_") => ErrorCode::Sync,
            code => ErrorCode::from_core(code),
        };
        Self::new(code, message)
    }
}

impl From<ironkeep::sync::RemoveError> for IpcError {
    fn from(err: ironkeep::sync::RemoveError) -> Self {
        let code = match err.code() {
            "sync_off" => ErrorCode::Sync,
            code => ErrorCode::from_core(code),
        };
        Self::new(code, err.to_string().replace("(see `ironkeep sync devices`)", ""))
    }
}

impl From<ironkeep::whoop::WhoopError> for IpcError {
    fn from(err: ironkeep::whoop::WhoopError) -> Self {
        // The core's sentences name CLI commands for these; the window has buttons instead.
        let (code, message) = match err.code() {
            "whoop_not_set_up" => (ErrorCode::WhoopNotSetUp, "WHOOP is not set up yet.".to_owned()),
            "whoop_not_connected" => (
                ErrorCode::WhoopNotConnected,
                "WHOOP is not connected yet.".to_owned(),
            ),
            "whoop_needs_sign_in" => (
                ErrorCode::WhoopNeedsSignIn,
                "WHOOP needs you to sign in again; your WHOOP data is kept.".to_owned(),
            ),
            "whoop_cancelled" => (ErrorCode::Cancelled, err.to_string()),
            "whoop_sign_in_timed_out" => (
                ErrorCode::Whoop,
                "The WHOOP sign-in timed out; sign in again.".to_owned(),
            ),
            // "Fetched data is kept; run `ironkeep whoop sync` again": the window's button
            // is Sync now.
            code if code.starts_with("whoop_") => (
                ErrorCode::Whoop,
                err.to_string()
                    .replace("run `ironkeep whoop sync` again", "sync again"),
            ),
            code => (ErrorCode::from_core(code), err.to_string()),
        };
        Self::new(code, message)
    }
}

#[cfg(test)]
mod tests {
    use super::ErrorCode;

    #[test]
    fn every_documented_core_code_reaches_the_ui_unchanged() {
        let codes = [
            "keychain_unavailable",
            "keychain_locked",
            "key_missing",
            "wrong_key",
            "passphrase_required",
            "not_a_vault",
            "already_exists",
            "newer_schema",
            "vault_busy",
            "weak_passphrase",
            "io",
            "database",
            "kit",
            "not_a_backup",
            "kit_required",
            "refused",
            "damaged",
            "invalid_input",
            "cancelled",
            "not_found",
            "name_taken",
            "unavailable",
            "too_large",
            "unit_needed",
            "bad_rows",
            "bad_file",
        ];
        for code in codes {
            let tag = serde_json::to_value(ErrorCode::from_core(code)).ok();
            assert_eq!(
                tag.as_ref().and_then(|tag| tag.as_str()),
                Some(code),
                "core code {code} must reach the UI as the same tag"
            );
        }
        assert_eq!(ErrorCode::from_core("something_new"), ErrorCode::Unknown);
    }

    #[test]
    fn whoop_errors_get_the_codes_the_whoop_screen_branches_on() {
        use ironkeep::whoop::WhoopError;
        let cases = [
            (WhoopError::NotSetUp, ErrorCode::WhoopNotSetUp),
            (WhoopError::NotConnected, ErrorCode::WhoopNotConnected),
            (WhoopError::NeedsSignIn, ErrorCode::WhoopNeedsSignIn),
            (WhoopError::Cancelled, ErrorCode::Cancelled),
            (WhoopError::SignInTimedOut, ErrorCode::Whoop),
            (
                WhoopError::Unavailable {
                    collection: "cycles".into(),
                    reason: "HTTP 503".into(),
                },
                ErrorCode::Whoop,
            ),
        ];
        for (err, code) in cases {
            let ipc = super::IpcError::from(err);
            assert_eq!(ipc.code, code);
            assert!(
                !ipc.message.contains("ironkeep whoop"),
                "no CLI advice in the window: {}",
                ipc.message
            );
        }
    }
}
