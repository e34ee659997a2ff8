//! Commands for the vault: is there one, create it, unlock it, show its status.
//!
//! Creating a vault also saves its recovery kit: the file dialog opens first, and the
//! vault is created only once the person has chosen where the kit goes. The clock is
//! read here, at the edge, and passed into the core.

use chrono::Utc;
use ironkeep::{Presence, Unlock, Vault, VaultStatus};
use secrecy::SecretString;
use tauri::{State, WebviewWindow};

use crate::dialogs::{self, Purpose};
use crate::error::{ErrorCode, IpcError};
use crate::state::{AppState, UnsavedKit};

/// Tells the UI which screen to show first.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn vault_presence(state: State<'_, AppState>) -> Result<Presence, IpcError> {
    state.blocking(move |state| Ok(state.dir()?.presence())).await
}

/// Opens the vault with the key from the OS keychain (once per process) and reports it.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn vault_status(state: State<'_, AppState>) -> Result<VaultStatus, IpcError> {
    state
        .blocking(move |state| open_once(state, || Unlock::Keychain))
        .await
}

/// Opens a passphrase-mode vault and reports it.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn vault_unlock(state: State<'_, AppState>, passphrase: String) -> Result<VaultStatus, IpcError> {
    state
        .blocking(move |state| {
            let passphrase = SecretString::from(passphrase);
            open_once(state, || Unlock::Passphrase(passphrase))
        })
        .await
}

/// Asks where to save the recovery kit, then creates the vault (keychain mode, or
/// passphrase mode when a passphrase is given) and saves its kit there.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn vault_create(
    window: WebviewWindow,
    state: State<'_, AppState>,
    passphrase: Option<String>,
) -> Result<VaultStatus, IpcError> {
    state
        .blocking(move |state| {
            let passphrase = passphrase.map(SecretString::from);
            let kit_path = choose_kit_path(&window)?;
            let mut slot = state.slot();
            let (vault, kit) = Vault::create(state.dir()?, passphrase, Utc::now())?;
            let status = vault.status()?;
            let vault_id = vault.id().to_owned();
            state.share(&mut slot, vault);
            if let Err(err) = kit.save(&kit_path, &vault_id, Utc::now()) {
                *state.unsaved_kit() = Some(UnsavedKit { kit, vault_id });
                return Err(kit_not_saved(&err));
            }
            Ok(status)
        })
        .await
}

/// Saves the recovery kit of the vault just created, after saving it failed the first time.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn vault_save_kit(window: WebviewWindow, state: State<'_, AppState>) -> Result<(), IpcError> {
    state
        .blocking(move |state| {
            let mut unsaved = state.unsaved_kit();
            let Some(pending) = unsaved.as_ref() else {
                return Err(IpcError::new(
                    ErrorCode::Kit,
                    "There is no unsaved recovery kit in this window.",
                ));
            };
            let kit_path = choose_kit_path(&window)?;
            pending
                .kit
                .save(&kit_path, &pending.vault_id, Utc::now())
                .map_err(|err| kit_not_saved(&err))?;
            *unsaved = None;
            Ok(())
        })
        .await
}

/// Opens the vault unless this process already has it open, then reports its status.
fn open_once(state: &AppState, unlock: impl FnOnce() -> Unlock) -> Result<VaultStatus, IpcError> {
    let mut slot = state.slot();
    if let Some(roles) = slot.as_ref() {
        return roles.writer().status().map_err(Into::into);
    }
    let vault = Vault::open(state.dir()?, unlock(), Utc::now())?;
    let status = vault.status()?;
    state.share(&mut slot, vault);
    drop(slot);
    // The automatic backup (opt-out) is checked when the app starts, in the background;
    // a problem with it is logged, never shown as a failure to open.
    let background = state.clone();
    std::thread::spawn(
        move || match background.long_work(|vault| vault.auto_backup(Utc::now())) {
            Ok(Some(receipt)) => tracing::info!(bytes = receipt.bytes, "automatic backup written"),
            Ok(None) => {}
            Err(err) => tracing::warn!(code = ?err.code, "automatic backup failed"),
        },
    );
    Ok(status)
}

/// Asks where the recovery kit goes; an existing file is never overwritten, and refusing
/// before anything is created keeps the vault and its kit together.
fn choose_kit_path(window: &WebviewWindow) -> Result<std::path::PathBuf, IpcError> {
    dialogs::save(
        window,
        Purpose::SaveKit,
        "ironkeep-recovery-kit.txt",
        ("Text file", &["txt"]),
        false,
    )
}

fn kit_not_saved(err: &impl std::fmt::Display) -> IpcError {
    IpcError::new(
        ErrorCode::KitNotSaved,
        format!(
            "The vault was created, but its recovery kit could not be saved ({err}). \
             Choose another place for it now."
        ),
    )
}
