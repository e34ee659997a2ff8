//! Sync in the background: every [`POLL`] a thread asks the vault whether a run has
//! anything to do (`sync::has_work`: changes logged here, another device's next file in
//! the folder, a snapshot due) and runs it as long work, which takes the writer's turn
//! only to commit, so a lifter logging a set never waits on it. Polling the exact next
//! file names costs a query and a few `stat`s; a file-system watcher was not used because
//! file syncers deliver by rename into place and network or FUSE folders (Nextcloud,
//! iCloud Drive mounts) do not report changes reliably, while a `stat` sees every file the
//! moment it is whole.
//!
//! One run at a time in this process (a person's "Sync now" waits for the background's);
//! `sync.lock` keeps the CLI out meanwhile. A run that fails, or finds only files it
//! refuses, makes the background wait [`BACKOFF`] before trying again (a "Sync now" does
//! not wait), so a broken file is not decrypted every few seconds.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::Utc;
use ironkeep::sync::{self, SyncRun, SyncStatus};
use tauri::ipc::Channel;

use super::{SyncNews, SyncView};
use crate::error::IpcError;
use crate::state::AppState;

/// How often the background asks whether there is work.
pub const POLL: Duration = Duration::from_secs(2);
/// How long the background waits after a failed or refused-only run.
pub const BACKOFF: Duration = Duration::from_secs(60);

/// The background's state, shared with the commands.
#[derive(Clone, Default)]
pub struct SyncWatch(Arc<Inner>);

#[derive(Default)]
struct Inner {
    listener: Mutex<Option<Channel<SyncNews>>>,
    last: Mutex<Last>,
    running: Mutex<()>,
}

#[derive(Default)]
struct Last {
    at: Option<String>,
    report: Option<SyncRun>,
    error: Option<String>,
    quiet_until: Option<Instant>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl SyncWatch {
    /// Starts the background thread for the life of the process.
    pub fn start(&self, state: AppState) {
        let watch = self.clone();
        let started = std::thread::Builder::new()
            .name("sync-watch".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(POLL);
                    if watch.quiet() || !due(&state) {
                        continue;
                    }
                    if let Err(err) = watch.run_now(&state) {
                        tracing::warn!(code = ?err.code, "background sync failed");
                    }
                }
            });
        if let Err(err) = started {
            tracing::warn!(%err, "could not start background sync");
        }
    }

    /// Runs sync now (after any run in progress) and tells the listener.
    pub fn run_now(&self, state: &AppState) -> Result<SyncRun, IpcError> {
        let _one = lock(&self.0.running);
        let result = state.long_work(|vault| sync::run(vault, Utc::now()));
        let mut last = lock(&self.0.last);
        last.at = Some(Utc::now().to_rfc3339());
        let quiet = match &result {
            Ok(report) => {
                last.report = Some(report.clone());
                last.error = None;
                report.sent.is_none() && report.files_read == 0 && !report.refused.is_empty()
            }
            Err(err) => {
                last.error = Some(err.message.clone());
                true
            }
        };
        last.quiet_until = quiet.then(|| Instant::now() + BACKOFF);
        drop(last);
        if let Ok(report) = &result
            && let Some(listener) = lock(&self.0.listener).as_ref()
            && let Err(err) = listener.send(SyncNews {
                files_read: report.files_read,
                applied: report.applied,
            })
        {
            tracing::debug!(%err, "the window did not take a sync report");
        }
        result
    }

    /// Keeps the window's listener.
    pub fn listen(&self, listener: Channel<SyncNews>) {
        *lock(&self.0.listener) = Some(listener);
    }

    /// The vault's sync state with what the runs of this session saw.
    pub fn view(&self, status: SyncStatus) -> SyncView {
        let last = lock(&self.0.last);
        SyncView {
            status,
            last_run_at: last.at.clone(),
            last_report: last.report.clone(),
            last_error: last.error.clone(),
        }
    }

    fn quiet(&self) -> bool {
        lock(&self.0.last)
            .quiet_until
            .is_some_and(|until| Instant::now() < until)
    }
}

/// Whether the open vault (if any) has sync work; asked on a pooled reader.
fn due(state: &AppState) -> bool {
    let Ok(roles) = state.roles() else {
        return false;
    };
    let Ok(reader) = roles.reader() else {
        return false;
    };
    sync::has_work(&reader, Utc::now()).unwrap_or(false)
}
