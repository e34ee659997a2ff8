//! Sync between one person's devices through a folder they already replicate, with no
//! server (docs/sync.md). Each device appends age-encrypted change files to its own
//! directory there and merges the others' deterministically, last writer wins per field.
//!
//! What has landed: the global ids that name rows across devices (migration 11); which
//! tables and fields travel ([`TABLES`]) and the triggers that mark what changed while the
//! device captures (migration 12); sealing the marks into [`Change`]s stamped with the
//! hybrid logical clock that orders every change ([`seal()`], [`Hlc`]); merging another
//! device's changes ([`merge()`]); the encrypted, MAC'd log file a batch travels in
//! ([`LogFile`]); the sync step over the folder ([`step`]). Joining a device, the commands
//! and the app are next.

mod change;
mod clock;
mod file;
mod folder;
mod merge;
mod order;
mod seal;
mod tables;

pub use change::{Cell, Change, ChangeKind};
pub use clock::{ClockAhead, Hlc, MAX_AHEAD_MS};
pub use file::{LogFile, LogFileError, MAX_FILE_BYTES, read as read_log_file, write as write_log_file};
pub use folder::{Refused, Step, StepError, family_dir, step, turn_on};
pub use merge::{MergeError, Merged, merge};
pub use seal::{Sealed, seal};
pub use tables::{Field, LOCAL_TABLES, TABLES, Table, capture_triggers};
