//! Where a vault lives and what its folder holds.
//!
//! A data directory holds one vault: the SQLCipher database, the key wrapped to the
//! recovery kit, the lock file, logs, and `vault.json` — the only plaintext file, with
//! nothing in it but the vault's id, how it is unlocked and when it was made. `vault.json`
//! is written last at creation, so its presence means a complete vault.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::VaultError;
use super::files;

/// The environment variable that overrides the default data directory.
pub const DATA_DIR_ENV: &str = "IRONKEEP_DATA_DIR";

/// How the database key is unlocked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum KeyMode {
    /// The key is in the OS keychain.
    Keychain,
    /// The key is wrapped with a passphrase typed at every open.
    Passphrase,
}

impl std::fmt::Display for KeyMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            KeyMode::Keychain => "keychain",
            KeyMode::Passphrase => "passphrase",
        })
    }
}

/// Whether a data directory holds a vault.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Presence {
    /// No vault here yet.
    Empty,
    /// A vault, unlocked this way.
    Vault {
        /// How its key is unlocked.
        key_mode: KeyMode,
    },
}

/// The non-secret facts in `vault.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct VaultMeta {
    pub format: u32,
    pub vault_id: String,
    pub key_mode: KeyMode,
    pub created_at: DateTime<Utc>,
}

/// A resolved data directory.
#[derive(Debug, Clone)]
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    /// `explicit` (the `--data-dir` flag) if given, else `IRONKEEP_DATA_DIR`, else the OS
    /// data directory for Ironkeep (for example `~/.local/share/ironkeep` on Linux).
    pub fn resolve(explicit: Option<PathBuf>) -> Result<DataDir, VaultError> {
        let root = match explicit {
            Some(path) => path,
            None => match std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()) {
                Some(path) => PathBuf::from(path),
                None => directories::ProjectDirs::from("app", "Ironkeep", "Ironkeep")
                    .map(|dirs| dirs.data_dir().to_owned())
                    .ok_or(VaultError::NoDataDir)?,
            },
        };
        Ok(Self::at(root))
    }

    /// A data directory at exactly this path.
    pub fn at(root: impl Into<PathBuf>) -> DataDir {
        DataDir { root: root.into() }
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        &self.root
    }

    /// Whether a vault exists here and how it is unlocked.
    pub fn presence(&self) -> Presence {
        match self.read_meta() {
            Ok(meta) => Presence::Vault {
                key_mode: meta.key_mode,
            },
            Err(_) => Presence::Empty,
        }
    }

    pub(crate) fn database(&self) -> PathBuf {
        self.root.join("vault.db")
    }
    pub(crate) fn meta_file(&self) -> PathBuf {
        self.root.join("vault.json")
    }
    pub(crate) fn kit_wrapped_key(&self) -> PathBuf {
        self.root.join("key.kit.age")
    }
    pub(crate) fn passphrase_wrapped_key(&self) -> PathBuf {
        self.root.join("key.passphrase.age")
    }
    pub(crate) fn lock_file(&self) -> PathBuf {
        self.root.join("ironkeep.lock")
    }
    pub(crate) fn failed_unlocks(&self) -> PathBuf {
        self.root.join("failed-unlocks")
    }
    /// The folder for log files.
    pub fn logs(&self) -> PathBuf {
        self.root.join("logs")
    }

    pub(crate) fn read_meta(&self) -> Result<VaultMeta, VaultError> {
        let path = self.meta_file();
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(VaultError::NotAVault {
                    path: self.root.clone(),
                });
            }
            Err(e) => return Err(VaultError::io("read", &path, e)),
        };
        serde_json::from_str(&text).map_err(|_| VaultError::NotAVault {
            path: self.root.clone(),
        })
    }

    pub(crate) fn write_meta(&self, meta: &VaultMeta) -> Result<(), VaultError> {
        let path = self.meta_file();
        let json = serde_json::to_vec_pretty(meta).expect("vault metadata always serializes");
        files::write_atomic(&path, &json).map_err(|e| VaultError::io("write", &path, e))
    }
}
