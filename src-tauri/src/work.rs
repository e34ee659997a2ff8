//! Long work (import, WHOOP sync, backup, restore): one cancel flag per kind.
//!
//! A long command takes a `tauri::ipc::Channel` for its progress and reads its kind's
//! cancel flag from [`Cancels`]; the UI's Cancel button calls [`work_cancel`]. Only one
//! job of a kind runs at a time (each holds the vault), so a flag per kind is enough; it
//! is cleared when the job starts, so a late click cannot cancel the next one.

use std::sync::atomic::{AtomicBool, Ordering};

use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::IpcError;
use crate::state::AppState;

/// A kind of long work the person can cancel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum Work {
    /// Importing a training export.
    Import,
    /// Syncing WHOOP.
    Sync,
    /// Writing a backup.
    Backup,
    /// Restoring a backup.
    Restore,
    /// Waiting for the WHOOP sign-in in the browser.
    SignIn,
}

/// The cancel flags, one per [`Work`].
#[derive(Debug, Default)]
pub struct Cancels {
    import: AtomicBool,
    sync: AtomicBool,
    backup: AtomicBool,
    restore: AtomicBool,
    sign_in: AtomicBool,
}

impl Cancels {
    /// The flag of one kind of work.
    pub fn flag(&self, work: Work) -> &AtomicBool {
        match work {
            Work::Import => &self.import,
            Work::Sync => &self.sync,
            Work::Backup => &self.backup,
            Work::Restore => &self.restore,
            Work::SignIn => &self.sign_in,
        }
    }

    /// Clears a kind's flag as its job starts, and returns it for the core to poll.
    pub fn start(&self, work: Work) -> &AtomicBool {
        let flag = self.flag(work);
        flag.store(false, Ordering::SeqCst);
        flag
    }
}

/// Asks the running job of a kind to stop; the job ends with a `cancelled` error and
/// keeps nothing half-done. Setting a flag touches no disk, network or lock, so it runs
/// where it is called.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip(state), err(Debug))]
pub fn work_cancel(state: State<'_, AppState>, work: Work) -> Result<(), IpcError> {
    state.cancels().flag(work).store(true, Ordering::SeqCst);
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;

    use super::{Cancels, Work};

    #[test]
    fn a_cancel_reaches_only_its_own_kind_and_a_new_job_starts_clear() {
        let cancels = Cancels::default();
        cancels.flag(Work::Sync).store(true, Ordering::SeqCst);
        assert!(cancels.flag(Work::Sync).load(Ordering::SeqCst));
        assert!(!cancels.flag(Work::Import).load(Ordering::SeqCst));
        assert!(!cancels.start(Work::Sync).load(Ordering::SeqCst));
    }
}
