//! Sync between one person's devices through a folder they already replicate, with no
//! server (docs/sync.md). Each device appends age-encrypted change files to its own
//! directory there and merges the others' deterministically, last writer wins per field.
//!
//! What has landed: the global ids that name rows across devices (migration 11); which
//! tables and fields travel ([`TABLES`]) and the triggers that mark what changed while the
//! device captures (migration 12); sealing the marks into [`Change`]s stamped with the
//! hybrid logical clock that orders every change ([`seal()`], [`Hlc`]); merging another
//! device's changes ([`merge()`]); the encrypted, MAC'd log file a batch travels in
//! ([`LogFile`]); the sync step over the folder ([`step`]); the family's devices and their
//! removal ([`devices()`], [`remove_device`]); snapshots a new device starts from, and
//! turning sync on, running it and joining a family ([`start`], [`run`], [`join`]); what a
//! restore keeps of this device's sync state. The app's side is next.

mod change;
mod clock;
mod devices;
mod file;
mod folder;
mod merge;
mod notes;
mod order;
mod restore;
mod seal;
mod setup;
mod snapshot;
mod tables;
mod unique;

pub use change::{Cell, Change, ChangeKind};
pub use clock::{ClockAhead, Hlc, MAX_AHEAD_MS};
pub(crate) use devices::hold_whoop;
pub use devices::{
    Device, RemoveError, SyncNote, computer_name, devices, notes, remove as remove_device, whoop_elsewhere,
};
pub use file::{LogFile, LogFileError, MAX_FILE_BYTES, read as read_log_file, write as write_log_file};
pub use folder::{Refused, Step, StepError, family_dir, step, turn_on};
pub use merge::{MergeError, Merged, merge};
pub(crate) use restore::carry_over;
pub use seal::{Sealed, seal};
pub(crate) use setup::farewell;
pub use setup::{
    Joined, LOCK_FILE, SyncError, SyncRun, SyncStatus, adopt_kit, dismiss_note, has_work, join, leave, run,
    start, status,
};
pub use tables::{Field, LOCAL_TABLES, TABLES, Table, capture_triggers};
