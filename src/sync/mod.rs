//! Sync between one person's devices through a folder they already replicate, with no
//! server (docs/sync.md). Each device appends age-encrypted change files to its own
//! directory there and merges the others' deterministically, last writer wins per field.
//!
//! What has landed: the global ids that name rows across devices (migration 11); which
//! tables and fields travel ([`TABLES`]) and the triggers that mark what changed while the
//! device captures (migration 12); the hybrid logical clock that orders every change
//! ([`Hlc`]).

mod clock;
mod tables;

pub use clock::{ClockAhead, Hlc, MAX_AHEAD_MS};
pub use tables::{Field, LOCAL_TABLES, TABLES, Table, capture_triggers};
