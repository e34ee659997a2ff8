//! `BackupError`: every reason a backup could not be made, read, restored or pruned.
//!
//! Messages are sentences a user can act on; none carries a key, passphrase, kit or a
//! value from inside a backup. [`BackupError::code`] gives a stable code for `--json` and
//! the desktop IPC. Unless a message says otherwise, nothing was changed.

use std::path::{Path, PathBuf};

use crate::vault::VaultError;

/// Why a backup operation failed. Nothing was changed unless the message says otherwise.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BackupError {
    /// The file does not start with an age header.
    #[error("this file is not an Ironkeep backup (it is not an age-encrypted file)")]
    NotABackup,
    /// None of the given identities is a recipient of the backup.
    #[error(
        "this backup was not encrypted to the given recovery kit or identity; try the kit it was made for"
    )]
    WrongKey,
    /// The passphrase does not decrypt the backup.
    #[error("wrong passphrase for this backup; nothing was changed")]
    WrongPassphrase,
    /// The backup is passphrase-protected but a kit was given.
    #[error("this backup is protected by a passphrase; enter it (--passphrase) to read it")]
    NeedsPassphrase,
    /// A passphrase was given for a backup made to age recipients.
    #[error("this backup is encrypted to recovery kits, not a passphrase; use the kit (--kit FILE)")]
    NotPassphrase,
    /// The age header asks for more scrypt work (memory) than Ironkeep allows.
    #[error(
        "this backup asks for scrypt work factor {log_n} (log N), above the limit of {max}; it was refused \
         as possibly hostile (for one you made with another age tool: IRONKEEP_MAX_SCRYPT_LOG_N={log_n}, at most 22)"
    )]
    ExcessiveWork {
        /// The factor the header asks for.
        log_n: u8,
        /// The cap in force.
        max: u8,
    },
    /// Authentication failed while decrypting: the file was cut short or altered.
    #[error(
        "this backup is damaged, truncated or was altered (age authentication failed); nothing was changed"
    )]
    Damaged,
    /// The backup or its image is larger than the cap.
    #[error("this backup is larger than {limit} bytes; it was refused before reading it")]
    TooLarge {
        /// The cap, in bytes.
        limit: usize,
    },
    /// The decrypted contents are not a SQLite database.
    #[error("this backup decrypts, but its contents are not a SQLite database image")]
    NotAnImage,
    /// The image failed `PRAGMA integrity_check`.
    #[error("this backup's database image is corrupt: {0}")]
    Corrupt(String),
    /// The image's schema is not one Ironkeep produces.
    #[error("this backup's schema is not one Ironkeep produces ({0}); it was refused")]
    UnknownSchema(String),
    /// The image was made by a newer Ironkeep.
    #[error(
        "this backup has schema version {found}, newer than this Ironkeep understands ({supported}); update Ironkeep to restore it"
    )]
    NewerSchema {
        /// The backup's version.
        found: u32,
        /// The newest this binary knows.
        supported: u32,
    },
    /// The manifest is missing, malformed, or disagrees with the tables.
    #[error("this backup's manifest does not match its contents ({0}); it was refused")]
    ManifestMismatch(String),
    /// Rows of the image refer to rows it does not hold.
    #[error("this backup's rows refer to rows it does not hold ({0}); it was refused")]
    BrokenReferences(String),
    /// Rows of the image break rules every value Ironkeep stores obeys.
    #[error("this backup holds values Ironkeep never writes ({0}); it was refused")]
    InvalidRows(String),
    /// A coach recipient is not an `age1…` public key.
    #[error("`{0}` is not an age recipient (expected a public key starting with age1)")]
    BadRecipient(String),
    /// age forbids mixing a passphrase with recipients.
    #[error(
        "a passphrase backup cannot also have recipients (age forbids mixing them); drop --recipient or --passphrase"
    )]
    MixedProtection,
    /// A retention count is above its bound.
    #[error(
        "keeping {count} {period} backups is more than Ironkeep allows (at most {max}); nothing was changed"
    )]
    InvalidRetention {
        /// `daily`, `weekly` or `monthly`.
        period: &'static str,
        /// The count asked for.
        count: u32,
        /// The most allowed.
        max: u32,
    },
    /// A passphrase for a backup is too easy to guess.
    #[error("{0}")]
    WeakPassphrase(String),
    /// The path names something other than a regular file (a FIFO, a device, a folder).
    #[error("{0} is not a regular file, so it is not read as a backup")]
    NotAFile(PathBuf),
    /// The output file exists; backups never overwrite.
    #[error("{0} already exists; backups never overwrite a file, choose a new name")]
    Exists(PathBuf),
    /// Adopting a backup's kit was asked for, but the backup was not opened with one kit.
    #[error(
        "only a backup opened with one recovery kit file can give the vault that kit; give the kit (--kit FILE) or keep the vault's own kit"
    )]
    NoKitToAdopt,
    /// The operation needs the vault exclusively.
    #[error(
        "restoring and wiping need the vault to themselves; close the app and other Ironkeep commands and try again"
    )]
    NotExclusive,
    /// The connection given is not an open Ironkeep vault's (no `vault.db` behind it).
    #[error("this database connection is not an Ironkeep vault's; no automatic backup was made")]
    NotAVault,
    /// A vault operation failed.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// SQLite reported an error while building or reading an image.
    #[error("database error while handling the backup: {0}")]
    Database(#[from] rusqlite::Error),
    /// Encrypting failed.
    #[error("could not encrypt the backup: {0}")]
    Encrypt(String),
    /// A file operation failed.
    #[error("could not {action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

impl BackupError {
    pub(crate) fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        BackupError::Io {
            action,
            path: path.to_owned(),
            source,
        }
    }

    /// A stable snake_case code for this error, for callers that branch on it.
    pub fn code(&self) -> &'static str {
        match self {
            BackupError::NotABackup | BackupError::NotAnImage | BackupError::NotAFile(_) => "not_a_backup",
            BackupError::WrongKey | BackupError::WrongPassphrase => "wrong_key",
            BackupError::NeedsPassphrase => "passphrase_required",
            BackupError::NotPassphrase => "kit_required",
            BackupError::ExcessiveWork { .. }
            | BackupError::UnknownSchema(_)
            | BackupError::ManifestMismatch(_)
            | BackupError::BrokenReferences(_)
            | BackupError::InvalidRows(_)
            | BackupError::TooLarge { .. } => "refused",
            BackupError::Damaged | BackupError::Corrupt(_) => "damaged",
            BackupError::NewerSchema { .. } => "newer_schema",
            BackupError::BadRecipient(_)
            | BackupError::MixedProtection
            | BackupError::NoKitToAdopt
            | BackupError::InvalidRetention { .. } => "invalid_input",
            BackupError::WeakPassphrase(_) => "weak_passphrase",
            BackupError::Exists(_) => "already_exists",
            BackupError::NotExclusive => "vault_busy",
            BackupError::NotAVault => "invalid_input",
            BackupError::Vault(err) => err.code(),
            BackupError::Database(_) => "database",
            BackupError::Encrypt(_) | BackupError::Io { .. } => "io",
        }
    }
}
