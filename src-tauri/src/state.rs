//! What the running app remembers between commands.
//!
//! The data directory is resolved once at start-up; the vault is opened lazily by the
//! first command that needs it and then kept open, so one process holds one connection
//! (and the core's lock on the data directory) for its whole life.

use std::sync::{Mutex, MutexGuard, PoisonError};

use ironkeep::{DataDir, RecoveryKit, Vault};

use crate::error::{ErrorCode, IpcError};
use crate::work::Cancels;

/// Shared state behind every command.
pub struct AppState {
    dir: Result<DataDir, IpcError>,
    vault: Mutex<Option<Vault>>,
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
        Self {
            dir: DataDir::resolve(None).map_err(IpcError::from),
            vault: Mutex::new(None),
            unsaved_kit: Mutex::new(None),
            unmapped_import: Mutex::new(None),
            cancels: Cancels::default(),
        }
    }

    /// The data directory, or why it could not be resolved.
    pub fn dir(&self) -> Result<&DataDir, IpcError> {
        self.dir.as_ref().map_err(Clone::clone)
    }

    /// The export waiting for its columns to be mapped.
    pub fn unmapped_import(&self) -> MutexGuard<'_, Option<Vec<u8>>> {
        self.unmapped_import
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// The open vault, if any. A panic in another command cannot leave the vault in a
    /// half-written state (every core call is transactional), so a poisoned lock is used
    /// as is.
    pub fn vault(&self) -> MutexGuard<'_, Option<Vault>> {
        self.vault.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Runs `work` on the open vault; fails with `VaultClosed` before the vault is opened.
    /// The vault stays locked for the call, so commands run one at a time against it.
    pub fn with_vault<T, E>(&self, work: impl FnOnce(&mut Vault) -> Result<T, E>) -> Result<T, IpcError>
    where
        IpcError: From<E>,
    {
        let mut slot = self.vault();
        let vault = slot.as_mut().ok_or_else(|| {
            IpcError::new(
                ErrorCode::VaultClosed,
                "The vault is not open yet; unlock it first.",
            )
        })?;
        work(vault).map_err(IpcError::from)
    }

    /// The cancel flags of long work.
    pub fn cancels(&self) -> &Cancels {
        &self.cancels
    }

    /// A recovery kit that was made with a new vault but could not be saved yet.
    pub fn unsaved_kit(&self) -> MutexGuard<'_, Option<UnsavedKit>> {
        self.unsaved_kit.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
