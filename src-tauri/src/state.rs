//! What the running app remembers between commands, and where their work runs.
//!
//! The data directory is resolved once at start-up; the vault is opened by the first
//! command that needs it and kept open as [`VaultRoles`]: reads come from a pool of
//! read-only connections, writes take the one writer for a short transaction, and long
//! work (a WHOOP sync, a backup) runs on a handle of its own, so a lifter logging a set
//! never waits on it. Every command's work runs on a blocking thread
//! ([`AppState::read`], [`AppState::write`], [`AppState::blocking`]), never on the async
//! runtime's few workers. Work that needs the vault alone (restore, key rotation, wipe)
//! cancels long work and waits for it to stop ([`AppState::take_alone`]).

use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use ironkeep::{DataDir, RecoveryKit, Vault, vault::VaultRoles};
use rusqlite::Connection;

use crate::error::{ErrorCode, IpcError};
use crate::work::{Cancels, Work};

/// How long work that needs the vault alone waits for cancelled long work to stop.
const STOP_WAIT: Duration = Duration::from_secs(30);

/// The open vault, shared by the commands running now.
pub type Slot = Option<Arc<VaultRoles>>;

/// Shared state behind every command; cheap to clone into a blocking thread.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    dir: Result<DataDir, IpcError>,
    vault: Mutex<Slot>,
    unsaved_kit: Mutex<Option<UnsavedKit>>,
    /// The export whose columns were not understood, kept until the person maps them
    /// (the window never sees the file's path, so it cannot ask for the file again).
    unmapped_import: Mutex<Option<Vec<u8>>>,
    cancels: Cancels,
}

/// A recovery kit made with a new vault whose file could not be written yet.
pub struct UnsavedKit {
    /// The kit itself (its `Debug` is redacted and it never serializes).
    pub kit: RecoveryKit,
    /// The vault it belongs to, named in the kit file's header.
    pub vault_id: String,
}

impl AppState {
    /// Resolves the data directory (`IRONKEEP_DATA_DIR` or the OS default). A failure is
    /// kept and reported by every command, so the window can still explain it.
    pub fn new() -> Self {
        Self(Arc::new(Inner {
            dir: DataDir::resolve(None).map_err(IpcError::from),
            vault: Mutex::new(None),
            unsaved_kit: Mutex::new(None),
            unmapped_import: Mutex::new(None),
            cancels: Cancels::default(),
        }))
    }

    /// The data directory, or why it could not be resolved.
    pub fn dir(&self) -> Result<&DataDir, IpcError> {
        self.0.dir.as_ref().map_err(Clone::clone)
    }

    /// The export waiting for its columns to be mapped.
    pub fn unmapped_import(&self) -> MutexGuard<'_, Option<Vec<u8>>> {
        lock(&self.0.unmapped_import)
    }

    /// The slot holding the open vault, for opening and closing it.
    pub fn slot(&self) -> MutexGuard<'_, Slot> {
        lock(&self.0.vault)
    }

    /// Puts a freshly opened vault in `slot`, shared by the commands from now on.
    pub fn share(&self, slot: &mut MutexGuard<'_, Slot>, vault: Vault) {
        **slot = Some(Arc::new(VaultRoles::new(vault)));
    }

    /// The open vault; fails with `VaultClosed` before it is opened.
    pub fn roles(&self) -> Result<Arc<VaultRoles>, IpcError> {
        self.slot().clone().ok_or_else(closed)
    }

    /// Runs `work` on a pooled read-only connection, off the async runtime.
    pub async fn read<T, E>(
        &self,
        work: impl FnOnce(&Connection) -> Result<T, E> + Send + 'static,
    ) -> Result<T, IpcError>
    where
        T: Send + 'static,
        IpcError: From<E>,
    {
        let roles = self.roles()?;
        off_runtime(move || {
            let reader = roles.reader()?;
            work(&reader).map_err(IpcError::from)
        })
        .await
    }

    /// Runs `work` as the writer (one short transaction), off the async runtime.
    pub async fn write<T, E>(
        &self,
        work: impl FnOnce(&mut Vault) -> Result<T, E> + Send + 'static,
    ) -> Result<T, IpcError>
    where
        T: Send + 'static,
        IpcError: From<E>,
    {
        let state = self.clone();
        off_runtime(move || state.with_vault(work)).await
    }

    /// As [`Self::write`], on the calling thread: for work already off the runtime.
    pub fn with_vault<T, E>(&self, work: impl FnOnce(&mut Vault) -> Result<T, E>) -> Result<T, IpcError>
    where
        IpcError: From<E>,
    {
        work(&mut self.roles()?.writer()).map_err(IpcError::from)
    }

    /// Runs a whole command (dialogs, files, network) off the async runtime.
    pub async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&AppState) -> Result<T, IpcError> + Send + 'static,
    ) -> Result<T, IpcError> {
        let state = self.clone();
        off_runtime(move || work(&state)).await
    }

    /// Runs long work on a vault handle of its own, on the calling (blocking) thread. The
    /// open vault stays counted as in use until it ends, so [`Self::take_alone`] waits.
    pub fn long_work<T, E>(&self, work: impl FnOnce(&mut Vault) -> Result<T, E>) -> Result<T, IpcError>
    where
        IpcError: From<E>,
    {
        let roles = self.roles()?;
        let mut handle = roles.for_long_work()?;
        let result = work(&mut handle).map_err(IpcError::from);
        drop(handle);
        drop(roles);
        result
    }

    /// Takes the open vault out of `slot` for work that needs it alone: cancels long work,
    /// waits for every running command to let go, and closes the readers. On failure the
    /// vault stays in the slot.
    pub fn take_alone(&self, slot: &mut MutexGuard<'_, Slot>) -> Result<Vault, IpcError> {
        let roles = slot.take().ok_or_else(closed)?;
        for work in [Work::Sync, Work::Import, Work::Backup] {
            self.cancels().flag(work).store(true, Ordering::SeqCst);
        }
        let deadline = Instant::now() + STOP_WAIT;
        let mut roles = roles;
        loop {
            match Arc::try_unwrap(roles) {
                Ok(alone) => return Ok(alone.into_vault()),
                Err(shared) if Instant::now() < deadline => {
                    roles = shared;
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(shared) => {
                    **slot = Some(shared);
                    return Err(IpcError::new(
                        ErrorCode::VaultBusy,
                        "Background work on the vault did not stop in time; try again in a moment.",
                    ));
                }
            }
        }
    }

    /// The cancel flags of long work.
    pub fn cancels(&self) -> &Cancels {
        &self.0.cancels
    }

    /// A recovery kit that was made with a new vault but could not be saved yet.
    pub fn unsaved_kit(&self) -> MutexGuard<'_, Option<UnsavedKit>> {
        lock(&self.0.unsaved_kit)
    }
}

/// Runs blocking work on the runtime's blocking pool, so its workers stay free.
pub async fn off_runtime<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, IpcError> + Send + 'static,
) -> Result<T, IpcError> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|_| IpcError::new(ErrorCode::Unknown, "The task stopped unexpectedly."))?
}

/// A panic in another command cannot leave anything half-written (every core call is
/// transactional), so a poisoned lock is used as is.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn closed() -> IpcError {
    IpcError::new(
        ErrorCode::VaultClosed,
        "The vault is not open yet; unlock it first.",
    )
}
