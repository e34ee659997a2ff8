//! Ironkeep's core: the encrypted vault, its keys, and (as they land) the training log,
//! WHOOP sync, backups and insights.
//!
//! This crate knows nothing of any user interface: the `ironkeep` CLI (behind the `cli`
//! feature) and the desktop shell in `src-tauri` are thin layers over it. Functions take
//! `now` as an argument instead of reading the clock, and every error is a typed enum whose
//! message reads as a sentence and never carries a secret.

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod backup;
mod gid;
pub mod insights;
pub mod interchange;
pub mod journal;
pub mod keys;
pub mod logging;
pub mod matching;
pub mod programs;
pub mod report;
pub mod sync;
pub mod training;
pub mod vault;
pub mod whoop;

pub use keys::kit::RecoveryKit;
pub use vault::{DataDir, KeyMode, Presence, Unlock, Vault, VaultError, VaultStatus};
