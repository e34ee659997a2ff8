//! Restoring on first run: a new vault filled from a backup, before any vault exists.
//!
//! The backup is checked before anything is created. Opened with its passphrase, the new
//! vault's recovery kit is saved first (in a dialog); if restoring still fails, the new,
//! empty vault is erased again so that first run can be retried.

use chrono::Utc;
use ironkeep::backup::{BackupError, BackupKey, read_backup};
use ironkeep::vault::Access;
use ironkeep::{Vault, VaultStatus};
use secrecy::SecretString;
use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

use super::open::{BACKUP_FILTER, BackupUnlock, KIT_FILTER, backup_key, read_file};
use super::restore::unlock_of;
use super::{BackupStep, step, stop_if_cancelled};
use crate::dialogs::{self, Purpose};
use crate::error::{ErrorCode, IpcError};
use crate::state::{AppState, UnsavedKit};
use crate::work::Work;

/// First run: creates a vault and fills it from a backup, opened with its recovery kit
/// (which then stays the vault's kit) or its passphrase (then the new vault's kit is saved
/// first, in a dialog). The backup is checked before anything is created; if restoring
/// still fails, the new, empty vault is erased again so that first run can be retried.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn vault_create_from_backup(
    window: WebviewWindow,
    state: State<'_, AppState>,
    unlock: BackupUnlock,
    vault_passphrase: Option<String>,
    progress: Channel<BackupStep>,
) -> Result<VaultStatus, IpcError> {
    state
        .blocking(move |state| {
            let cancel = state.cancels().start(Work::Restore);
            let vault_pass = vault_passphrase.map(SecretString::from);
            step(&progress, BackupStep::Choosing);
            let file = dialogs::open(&window, Purpose::OpenBackup, BACKUP_FILTER)?;
            let bytes = read_file(&file)?;
            let key = match unlock {
                BackupUnlock::Vault => {
                    return Err(IpcError::new(
                        ErrorCode::InvalidInput,
                        "There is no vault yet: open the backup with its recovery kit or its passphrase.",
                    ));
                }
                other => backup_key(&window, state, other)?,
            };
            step(&progress, BackupStep::Checking);
            read_backup(&bytes, &key)?;
            let new_kit_path = match &key {
                BackupKey::Passphrase(_) => Some(dialogs::save(
                    &window,
                    Purpose::SaveKit,
                    "ironkeep-recovery-kit.txt",
                    KIT_FILTER,
                    false,
                )?),
                BackupKey::Kits(_) => None,
            };
            stop_if_cancelled(cancel)?;
            step(&progress, BackupStep::Creating);
            let dir = state.dir()?.clone();
            let mut slot = state.slot();
            let (vault, new_kit) = Vault::create(&dir, vault_pass.clone(), Utc::now())?;
            if let Some(path) = &new_kit_path
                && let Err(err) = new_kit.save(path, vault.id(), Utc::now())
            {
                *state.unsaved_kit() = Some(UnsavedKit {
                    kit: new_kit,
                    vault_id: vault.id().to_owned(),
                });
                state.share(&mut slot, vault);
                return Err(IpcError::new(
                    ErrorCode::KitNotSaved,
                    format!(
                        "The vault was created, but its recovery kit could not be saved ({err}), so the \
                     backup was not restored yet. Save the kit, then restore the backup from Backups."
                    ),
                ));
            }
            drop(vault);
            step(&progress, BackupStep::Restoring);
            let exclusive = Vault::open_with(
                &dir,
                unlock_of(vault_pass.as_ref()),
                Access::Exclusive,
                Utc::now(),
            )?;
            if let Err(err) = exclusive.restore_into_new_vault(&bytes, key, vault_pass.as_ref(), Utc::now()) {
                let erased = Vault::open_with(
                    &dir,
                    unlock_of(vault_pass.as_ref()),
                    Access::Exclusive,
                    Utc::now(),
                )
                .map_err(BackupError::from)
                .and_then(|vault| vault.wipe(false, Utc::now()));
                if let Err(wipe_err) = erased {
                    tracing::warn!(
                        code = wipe_err.code(),
                        "could not erase the new vault after a failed restore"
                    );
                }
                return Err(err.into());
            }
            step(&progress, BackupStep::Reopening);
            let vault = Vault::open(&dir, unlock_of(vault_pass.as_ref()), Utc::now())?;
            let status = vault.status()?;
            state.share(&mut slot, vault);
            Ok(status)
        })
        .await
}
