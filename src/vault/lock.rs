//! One writer per vault: an advisory lock on `ironkeep.lock` in the data directory.
//!
//! Ordinary use (the app, CLI commands) takes the lock shared, so the app and a quick
//! `ironkeep status` can run side by side while SQLite serializes their writes. Key
//! rotation, restore and wipe take it exclusively and refuse, with a clear message, while
//! anyone else holds it. The OS drops the lock when a process dies, so a crash never
//! leaves a vault locked.

use std::fs::{File, TryLockError};

use super::{DataDir, VaultError, files};

/// How a vault is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Ordinary reading and writing, alongside other processes.
    Shared,
    /// Key rotation, restore, wipe: no other process may have the vault open.
    Exclusive,
}

/// A held lock; released on drop.
#[derive(Debug)]
pub struct VaultLock {
    _file: File,
}

impl VaultLock {
    /// Takes the lock without waiting.
    pub fn acquire(dir: &DataDir, access: Access) -> Result<VaultLock, VaultError> {
        let path = dir.lock_file();
        let file = files::append_private(&path).map_err(|e| VaultError::io("open", &path, e))?;
        let attempt = match access {
            Access::Shared => file.try_lock_shared(),
            Access::Exclusive => file.try_lock(),
        };
        match attempt {
            Ok(()) => Ok(VaultLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(VaultError::Busy(match access {
                Access::Shared => "another Ironkeep process is rotating keys, restoring or \
                                   wiping this vault; try again when it has finished"
                    .to_owned(),
                Access::Exclusive => "this vault is open in another Ironkeep window or command; \
                                      close it and try again"
                    .to_owned(),
            })),
            Err(TryLockError::Error(e)) => Err(VaultError::io("lock", &path, e)),
        }
    }
}
