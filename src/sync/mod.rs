//! Sync between one person's devices through a folder they already replicate, with no
//! server (docs/sync.md). Each device appends age-encrypted change files to its own
//! directory there and merges the others' deterministically, last writer wins per field.
//!
//! What has landed: the hybrid logical clock that orders every change ([`Hlc`]). The
//! global ids that name rows across devices are in the schema (migration 11).

mod clock;

pub use clock::{ClockAhead, Hlc, MAX_AHEAD_MS};
