//! `VaultError`: everything that can stop a vault from being created, opened or changed.
//!
//! Each message is one sentence a user can act on, and none carries a key, a passphrase
//! or a kit. [`VaultError::code`] gives a stable code for callers that branch (the CLI's
//! `--json` output and the desktop IPC), so nobody matches on message text.

use std::path::{Path, PathBuf};

use crate::keys::KeyError;
use crate::keys::keychain::KeychainError;
use crate::keys::kit::KitError;
use crate::keys::passphrase::PassphraseError;

/// Why a vault operation failed. Nothing was changed unless the message says otherwise.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum VaultError {
    /// The OS has no data directory for this user and none was given.
    #[error("no data directory could be determined; pass --data-dir or set IRONKEEP_DATA_DIR")]
    NoDataDir,
    /// The folder holds no vault.
    #[error("no Ironkeep vault at {path}; create one with `ironkeep init --kit-out FILE`")]
    NotAVault {
        /// The folder.
        path: PathBuf,
    },
    /// The folder already holds a vault (or part of one).
    #[error("{path} already holds an Ironkeep vault; refusing to overwrite it")]
    AlreadyExists {
        /// The folder.
        path: PathBuf,
    },
    /// The keychain could not be used.
    #[error(transparent)]
    Keychain(#[from] KeychainError),
    /// The keychain answered but holds no key for this vault.
    #[error(
        "the OS keychain holds no key for vault {vault_id}; the vault was left untouched — \
         restore the key with `ironkeep key recover --kit YOUR_KIT_FILE`"
    )]
    KeyMissing {
        /// The vault's id.
        vault_id: String,
    },
    /// The key does not open the database.
    #[error(
        "the key does not open this vault (wrong key, or the database is damaged); nothing \
         was changed — if the keychain entry was replaced, run `ironkeep key recover --kit \
         YOUR_KIT_FILE`"
    )]
    WrongKey,
    /// The passphrase does not unwrap the key.
    #[error("wrong passphrase for this vault; nothing was changed")]
    WrongPassphrase,
    /// A passphrase-mode vault was opened without a passphrase.
    #[error("this vault is protected by a passphrase; enter it to unlock")]
    PassphraseRequired,
    /// A chosen passphrase is too easy to guess.
    #[error("{0}")]
    WeakPassphrase(String),
    /// The database was written by a newer Ironkeep.
    #[error(
        "this vault has schema version {found}, newer than this Ironkeep understands \
         ({supported}); update Ironkeep to open it"
    )]
    NewerSchema {
        /// The vault's schema version.
        found: u32,
        /// The newest this binary knows.
        supported: u32,
    },
    /// Another process holds the vault.
    #[error("{0}")]
    Busy(String),
    /// The recovery kit could not be used.
    #[error(transparent)]
    Kit(#[from] KitError),
    /// Key material could not be made or read.
    #[error(transparent)]
    Key(#[from] KeyError),
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
    /// SQLCipher reported an error.
    #[error("database error: {0}")]
    Database(#[from] rusqlite::Error),
    /// A migration failed; the schema was left as it was.
    #[error("upgrading the vault to schema version {version} failed; nothing was changed: {source}")]
    Migration {
        /// The migration that failed.
        version: u32,
        /// The cause.
        source: rusqlite::Error,
    },
}

impl VaultError {
    pub(crate) fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        VaultError::Io {
            action,
            path: path.to_owned(),
            source,
        }
    }

    /// A stable snake_case code for this error, for callers that branch on it.
    pub fn code(&self) -> &'static str {
        match self {
            VaultError::NoDataDir | VaultError::NotAVault { .. } => "not_a_vault",
            VaultError::AlreadyExists { .. } => "already_exists",
            VaultError::Keychain(KeychainError::Locked | KeychainError::Timeout) => "keychain_locked",
            VaultError::Keychain(_) => "keychain_unavailable",
            VaultError::KeyMissing { .. } => "key_missing",
            VaultError::WrongKey | VaultError::WrongPassphrase => "wrong_key",
            VaultError::PassphraseRequired => "passphrase_required",
            VaultError::WeakPassphrase(_) => "weak_passphrase",
            VaultError::NewerSchema { .. } => "newer_schema",
            VaultError::Busy(_) => "vault_busy",
            VaultError::Kit(_) | VaultError::Key(_) => "kit",
            VaultError::Io { .. } => "io",
            VaultError::Database(_) | VaultError::Migration { .. } => "database",
        }
    }
}

impl From<PassphraseError> for VaultError {
    fn from(err: PassphraseError) -> Self {
        match err {
            PassphraseError::Weak { .. } => VaultError::WeakPassphrase(err.to_string()),
            PassphraseError::Wrong => VaultError::WrongPassphrase,
            PassphraseError::Wrap(_) => VaultError::Kit(KitError::Wrap(err.to_string())),
        }
    }
}
