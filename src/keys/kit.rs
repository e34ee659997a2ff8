//! The recovery kit: an age X25519 identity that the user keeps outside the machine.
//!
//! At `init` Ironkeep makes one identity, wraps the database key to it as an age file
//! beside the database (`key.kit.age`), keeps the identity inside the vault, and hands it
//! to the user once as a `0600` file. With the kit alone the user can open the live
//! database and every backup made to the vault's recipient — losing the keychain never
//! loses data. The kit file is a standard age identity file: `age -d -i kit.txt` reads
//! anything encrypted to it.

use std::io::Write;
use std::path::Path;

use chrono::{DateTime, Utc};
use secrecy::{ExposeSecret, SecretString};

use super::DbKey;

/// Why a kit could not be read, written or used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum KitError {
    /// The file holds no `AGE-SECRET-KEY-1…` line that parses.
    #[error("this is not an Ironkeep recovery kit (no valid AGE-SECRET-KEY-1 line found)")]
    NotAKit,
    /// The kit is valid but does not open this vault's wrapped key.
    #[error("this recovery kit does not belong to this vault (it cannot unwrap the vault key)")]
    WrongKit,
    /// The file to write already exists; kits are never overwritten.
    #[error("{path} already exists; choose a new file name for the recovery kit")]
    Exists {
        /// The path that exists.
        path: String,
    },
    /// Reading or writing a file failed.
    #[error("could not {action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// age failed to wrap a key.
    #[error("could not wrap the key to the recovery kit: {0}")]
    Wrap(String),
}

/// The user's recovery identity. Redacted in `Debug`, never serialized.
pub struct RecoveryKit {
    identity: age::x25519::Identity,
}

impl RecoveryKit {
    /// A new random identity.
    pub fn generate() -> Self {
        Self {
            identity: age::x25519::Identity::generate(),
        }
    }

    /// Reads a kit from the text of a kit file (comment lines are ignored).
    pub fn parse(text: &SecretString) -> Result<Self, KitError> {
        text.expose_secret()
            .lines()
            .map(str::trim)
            .find(|line| line.starts_with("AGE-SECRET-KEY-1"))
            .and_then(|line| line.parse::<age::x25519::Identity>().ok())
            .map(|identity| Self { identity })
            .ok_or(KitError::NotAKit)
    }

    /// Reads a kit file.
    pub fn read(path: &Path) -> Result<Self, KitError> {
        let text = std::fs::read_to_string(path).map_err(|source| KitError::Io {
            action: "read",
            path: path.display().to_string(),
            source,
        })?;
        Self::parse(&SecretString::from(text))
    }

    /// The public `age1…` recipient: safe to share (coaches, backups).
    pub fn recipient(&self) -> String {
        self.identity.to_public().to_string()
    }

    /// The secret `AGE-SECRET-KEY-1…` line, for storing inside the encrypted vault.
    pub fn secret(&self) -> SecretString {
        SecretString::from(self.identity.to_string().expose_secret().to_owned())
    }

    /// The full text of a kit file: a commented header and the identity line.
    pub fn file_text(&self, vault_id: &str, now: DateTime<Utc>) -> SecretString {
        SecretString::from(format!(
            "# Ironkeep recovery kit\n\
             # vault: {vault_id}\n\
             # created: {}\n\
             # public key: {}\n\
             # Keep this file offline and private. With it you can open your vault and\n\
             # your backups if this computer's keychain is lost:\n\
             #   ironkeep key recover --kit THIS_FILE\n\
             #   age -d -i THIS_FILE backup.age > backup.sqlite\n\
             {}\n",
            now.to_rfc3339(),
            self.recipient(),
            self.identity.to_string().expose_secret(),
        ))
    }

    /// Writes the kit to a new file the user chose, with mode `0600`; never overwrites.
    pub fn save(&self, path: &Path, vault_id: &str, now: DateTime<Utc>) -> Result<(), KitError> {
        let mut file = crate::vault::files::create_private(path).map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                KitError::Exists {
                    path: path.display().to_string(),
                }
            } else {
                KitError::Io {
                    action: "create",
                    path: path.display().to_string(),
                    source,
                }
            }
        })?;
        let text = self.file_text(vault_id, now);
        file.write_all(text.expose_secret().as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|source| KitError::Io {
                action: "write",
                path: path.display().to_string(),
                source,
            })
    }

    /// Wraps a database key to this kit's recipient (an age file's bytes).
    pub fn wrap(&self, key: &DbKey) -> Result<Vec<u8>, KitError> {
        let hex = key.to_hex();
        age::encrypt(&self.identity.to_public(), hex.expose_secret().as_bytes())
            .map_err(|e| KitError::Wrap(e.to_string()))
    }

    /// Unwraps a database key wrapped to this kit.
    pub fn unwrap(&self, wrapped: &[u8]) -> Result<DbKey, KitError> {
        let plain =
            zeroize::Zeroizing::new(age::decrypt(&self.identity, wrapped).map_err(|_| KitError::WrongKit)?);
        let text = std::str::from_utf8(&plain).map_err(|_| KitError::WrongKit)?;
        DbKey::from_hex(text).map_err(|_| KitError::WrongKit)
    }
}

impl std::fmt::Debug for RecoveryKit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RecoveryKit({} / <redacted>)", self.recipient())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_unwrap_and_parse_round_trip() {
        let kit = RecoveryKit::generate();
        let key = DbKey::generate().unwrap();
        let wrapped = kit.wrap(&key).unwrap();
        assert!(kit.unwrap(&wrapped).unwrap().same_as(&key));
        let text = kit.file_text("v1", Utc::now());
        let again = RecoveryKit::parse(&text).unwrap();
        assert_eq!(
            again.recipient(),
            kit.recipient(),
            "a saved kit must parse back to the same identity"
        );
        let other = RecoveryKit::generate();
        assert!(
            matches!(other.unwrap(&wrapped), Err(KitError::WrongKit)),
            "another kit must not unwrap"
        );
        assert!(
            !format!("{kit:?}").contains("AGE-SECRET-KEY"),
            "Debug must not show the identity"
        );
    }
}
