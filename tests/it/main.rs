//! Ironkeep's integration tests: one binary, one module per area, one shared harness.
//!
//! They run against the real SQLCipher and the real OS keychain (on Linux: gnome-keyring
//! under `dbus-run-session`; see `scripts/with-keychain.sh`). Nothing here mocks the
//! keychain, so a test that needs it fails loudly when no keychain is running.

mod backup;
mod cli;
mod harness;
mod journal;
mod keys;
mod logging;
mod outside;
mod programs;
mod roles;
mod schema;
mod sync;
mod training;
mod upgrade;
mod vault;
mod whoop;
