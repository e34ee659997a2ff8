//! Encrypted backups: one `age` file holding a plain SQLite image of the vault.
//!
//! A backup is made in memory (`sqlcipher_export` into an unkeyed in-memory attachment,
//! secrets blanked, a manifest added, serialized) and streamed through the `age`
//! encryptor, so plaintext never touches the disk. Anyone holding the recovery kit can
//! read it with the stock `age` and `sqlite3` tools. Reading a backup treats it as hostile
//! input (anyone can encrypt to a public recipient): sizes are capped, the image is opened
//! defensively, and its schema must match one Ironkeep produces, exactly. Restoring builds
//! a new database under a fresh key beside the old one and swaps it in crash-safely.

mod automatic;
mod create;
mod crypt;
mod error;
mod file;
mod folder;
mod image;
mod restore;
mod retention;
mod undo;
mod vet;
mod wipe;

use secrecy::SecretString;
use serde::Serialize;

pub use automatic::{PrunePlan, auto_backup_for};
pub(crate) use create::Source;
pub use create::parse_recipients;
pub use create::{BackupReceipt, BackupRequest, Sealing};
pub use crypt::{HeaderInfo, MAX_SCRYPT_ENV, MAX_SCRYPT_LOG_N, read_header};
pub use error::BackupError;
pub use file::{MAX_FILE_BYTES, read_backup_file};
pub use folder::BackupListing;
pub(crate) use folder::count_of;
pub use image::{BackupImage, SchemaRow, expected_schema};
pub(crate) use restore::clean_stale;
pub use restore::{RestoreMode, RestoreReceipt, RestoreStep};
pub use retention::{MAX_DAILY, MAX_MONTHLY, MAX_WEEKLY, Retention};
pub use wipe::WipeReport;

use crate::keys::kit::RecoveryKit;

/// The largest decrypted image Ironkeep reads (1 GiB); larger backups are refused early.
pub const MAX_IMAGE_BYTES: usize = 1 << 30;

/// The name of the manifest table added to every backup image.
pub const MANIFEST_TABLE: &str = "backup_manifest";

/// What decrypts a backup.
#[derive(Debug)]
pub enum BackupKey {
    /// One or more age X25519 identities (a recovery kit, a coach's kit, the vault's own).
    Kits(Vec<RecoveryKit>),
    /// The passphrase of a passphrase backup.
    Passphrase(SecretString),
}

/// What a backup says about itself (its manifest table), safe to show anywhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Manifest {
    /// The Ironkeep version that wrote it.
    pub app_version: String,
    /// The schema version of the image.
    pub schema_version: u32,
    /// The public id of the vault it was made from.
    pub vault_id: String,
    /// When it was made, RFC 3339.
    pub created_at: String,
    /// Whether it was made for a coach (no audit log).
    pub for_coach: bool,
    /// Rows per table, sorted by table name.
    pub counts: Vec<TableCount>,
}

/// How many rows one table of a backup holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct TableCount {
    /// The table.
    pub table: String,
    /// Its rows (u32: crosses IPC as a plain number; larger tables are refused).
    pub rows: u32,
}

/// Decrypts and verifies a backup held in memory: the pure, untrusted-input entry point
/// (and the fuzz target). Nothing is written anywhere.
pub fn read_backup(bytes: &[u8], key: &BackupKey) -> Result<BackupImage, BackupError> {
    let plain = crypt::decrypt(bytes, key)?;
    image::open_verified(plain)
}

/// Verifies a decrypted backup image held in memory: every check [`read_backup`] runs once
/// the age layer is off (schema, integrity, manifest, rows, recomputation), for the
/// `backup_image` fuzz target. Nothing is written anywhere.
#[cfg(feature = "fuzzing")]
pub fn read_image(plain: &[u8]) -> Result<BackupImage, BackupError> {
    image::open_verified(zeroize::Zeroizing::new(plain.to_vec()))
}
