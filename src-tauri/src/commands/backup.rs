//! Commands for encrypted backups: make, list, verify, restore, prune, the backups folder,
//! a coach's read-only view of an athlete's backup, and restoring on first run.
//!
//! Files are chosen in native dialogs opened here (or named inside the backups folder by
//! their bare file name), so the webview never supplies a path. Restoring needs the vault
//! to itself: the app's shared handle is taken out of its slot, an exclusive one does the
//! work, and a shared one is put back whatever happened. Passphrases and kits stay here.

use std::path::{Path, PathBuf};
use std::sync::MutexGuard;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::Utc;
use ironkeep::backup::{
    BackupError, BackupKey, BackupListing, BackupRequest, MAX_IMAGE_BYTES, Manifest, PrunePlan,
    RestoreReceipt, Retention, Sealing, read_backup,
};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::{ExerciseRecords, History, Records, SessionSummary, TrainingError};
use ironkeep::vault::Access;
use ironkeep::{DataDir, RecoveryKit, Unlock, Vault, VaultError, VaultStatus};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use tauri::ipc::Channel;
use tauri::{State, WebviewWindow};

use crate::dialogs::{self, Purpose};
use crate::error::{ErrorCode, IpcError};
use crate::state::{AppState, UnsavedKit};
use crate::work::Work;

/// The file-type filter of backup dialogs.
const BACKUP_FILTER: dialogs::Filter<'static> = ("Ironkeep backup", &["age", "asc"]);
/// The file-type filter of recovery kit dialogs.
const KIT_FILTER: dialogs::Filter<'static> = ("Recovery kit", &["txt"]);
/// How many of an athlete's sessions the read-only view lists (newest first).
const ATHLETE_SESSIONS: u32 = 100;

/// Where automatic backups go, whether they are made, and how many pruning keeps.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupSettings {
    /// The backups folder (shown, never sent back).
    pub folder: String,
    /// Whether automatic backups are on.
    pub automatic: bool,
    /// The vault's retention policy: what pruning keeps.
    pub retention: Retention,
}

/// One file in the backups folder, as the list shows it.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupFile {
    /// Its file name: what verify and restore take to name it.
    pub name: String,
    /// When it was made, RFC 3339.
    pub created_at: String,
    /// Its size in bytes.
    pub bytes: f64,
    /// How many recipients can read it (0 for a passphrase backup).
    pub recipients: u32,
    /// Whether a passphrase protects it.
    pub passphrase: bool,
    /// Whether it is an automatic backup (prune may delete it).
    pub automatic: bool,
    /// Its schema version, when this vault's kits can read it.
    pub schema_version: Option<u32>,
}

/// How a new backup is made.
// No `Debug`: it may hold a passphrase.
#[derive(Deserialize, specta::Type)]
pub struct NewBackup {
    /// Coach `age1…` recipients, besides the vault's own (ignored with a passphrase).
    pub recipients: Vec<String>,
    /// Protect with this passphrase alone instead of recovery kits.
    pub passphrase: Option<String>,
    /// Write it into the backups folder instead of asking where.
    pub into_folder: bool,
    /// Leave out the audit log (for a coach).
    pub for_coach: bool,
}

/// A backup that was written.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupMade {
    /// Where it was written (shown only).
    pub path: String,
    /// Its size in bytes.
    pub bytes: f64,
    /// How many recipients can read it (0 for a passphrase backup).
    pub recipients: u32,
    /// Its manifest.
    pub manifest: Manifest,
}

/// What opens a backup.
// No `Debug`: it may hold a passphrase.
#[derive(Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BackupUnlock {
    /// The recovery kits this vault has had.
    Vault,
    /// A recovery kit (or any age identity) file, chosen in a dialog.
    KitFile,
    /// The passphrase of a passphrase backup.
    Passphrase {
        /// The passphrase.
        passphrase: String,
    },
}

/// Which backup a command reads.
#[derive(Debug, Clone, Deserialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BackupChoice {
    /// A file chosen in a dialog.
    Chosen,
    /// A file in the backups folder, by its bare name.
    Listed {
        /// The file name, as the list gave it.
        name: String,
    },
}

/// A backup that decrypted and checked out.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct BackupVerdict {
    /// The file's name.
    pub file_name: String,
    /// Its manifest.
    pub manifest: Manifest,
}

/// A coach's read-only view of someone else's backup; nothing of it is stored.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct AthleteBackup {
    /// The backup's file name, for the "read-only view of …" banner.
    pub file_name: String,
    /// Its manifest.
    pub manifest: Manifest,
    /// Its newest sessions.
    pub sessions: Vec<SessionSummary>,
    /// Whether it holds more sessions than listed.
    pub more_sessions: bool,
    /// Its records, by exercise.
    pub records: Vec<ExerciseRecords>,
}

/// A step of a backup or restore, sent to the progress dialog.
#[derive(Debug, Clone, Copy, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum BackupStep {
    /// Waiting for the person to choose a file.
    Choosing,
    /// Encrypting and writing the backup.
    Writing,
    /// Decrypting and checking the backup.
    Checking,
    /// Creating the new vault (first-run restore).
    Creating,
    /// Replacing the vault's contents (no longer cancellable).
    Restoring,
    /// Opening the restored vault.
    Reopening,
}

/// The backups folder and whether automatic backups are on.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn backup_settings(state: State<'_, AppState>) -> Result<BackupSettings, IpcError> {
    state.with_vault(|vault| settings_of(vault))
}

/// Turns automatic backups on or off.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip(state), err(Debug))]
pub fn backup_set_automatic(state: State<'_, AppState>, enabled: bool) -> Result<BackupSettings, IpcError> {
    state.with_vault(|vault| {
        vault.set_auto_backups(enabled)?;
        settings_of(vault)
    })
}

/// Stores the vault's retention policy; counts above their bounds are refused
/// (`invalid_input`) and nothing changes.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip(state), err(Debug))]
pub fn backup_set_retention(state: State<'_, AppState>, keep: Retention) -> Result<BackupSettings, IpcError> {
    state.with_vault(|vault| {
        vault.set_retention_policy(keep)?;
        settings_of(vault)
    })
}

/// Asks for a new backups folder and uses it.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn backup_choose_folder(
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> Result<BackupSettings, IpcError> {
    let folder = dialogs::folder(&window, Purpose::BackupsFolder)?;
    state.with_vault(|vault| {
        vault.set_backups_folder(Some(&folder))?;
        settings_of(vault)
    })
}

/// Puts the backups folder back inside the data folder.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn backup_reset_folder(state: State<'_, AppState>) -> Result<BackupSettings, IpcError> {
    state.with_vault(|vault| {
        vault.set_backups_folder(None)?;
        settings_of(vault)
    })
}

/// Lists the backups folder, newest first.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn backup_list(state: State<'_, AppState>) -> Result<Vec<BackupFile>, IpcError> {
    let listing = state.with_vault(|vault| vault.list_backups())?;
    Ok(listing.into_iter().map(listed).collect())
}

/// Writes a new encrypted backup, into a chosen file or the backups folder.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn backup_create(
    window: WebviewWindow,
    state: State<'_, AppState>,
    backup: NewBackup,
    progress: Channel<BackupStep>,
) -> Result<BackupMade, IpcError> {
    let cancel = state.cancels().start(Work::Backup);
    let sealing = match backup.passphrase {
        Some(_) if !backup.recipients.is_empty() => return Err(BackupError::MixedProtection.into()),
        Some(pass) => Sealing::Passphrase(SecretString::from(pass)),
        None => Sealing::Recipients(backup.recipients),
    };
    let out = if backup.into_folder {
        None
    } else {
        step(&progress, BackupStep::Choosing);
        let name = format!("ironkeep-backup-{}.age", Utc::now().format("%Y-%m-%d"));
        Some(dialogs::save(
            &window,
            Purpose::SaveBackup,
            &name,
            BACKUP_FILTER,
            false,
        )?)
    };
    stop_if_cancelled(cancel)?;
    step(&progress, BackupStep::Writing);
    let request = BackupRequest {
        sealing,
        out,
        armor: false,
        for_coach: backup.for_coach,
        automatic: false,
    };
    let receipt = state.with_vault(|vault| vault.create_backup(&request, Utc::now()))?;
    Ok(BackupMade {
        path: receipt.path,
        bytes: receipt.bytes as f64,
        recipients: receipt.recipients,
        manifest: receipt.manifest,
    })
}

/// Decrypts and checks a backup without changing anything.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn backup_verify(
    window: WebviewWindow,
    state: State<'_, AppState>,
    choice: BackupChoice,
    unlock: BackupUnlock,
) -> Result<BackupVerdict, IpcError> {
    let (file, bytes) = read_choice(&window, &state, &choice)?;
    let key = backup_key(&window, &state, unlock)?;
    let image = read_backup(&bytes, &key)?;
    Ok(BackupVerdict {
        file_name: file_name(&file),
        manifest: image.manifest,
    })
}

/// Replaces the vault's contents with a backup, then opens the restored vault. In
/// passphrase mode the vault's passphrase is needed (to open it exclusively and to wrap
/// its new key).
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn backup_restore(
    window: WebviewWindow,
    state: State<'_, AppState>,
    choice: BackupChoice,
    unlock: BackupUnlock,
    vault_passphrase: Option<String>,
    progress: Channel<BackupStep>,
) -> Result<RestoreReceipt, IpcError> {
    let cancel = state.cancels().start(Work::Restore);
    let vault_pass = vault_passphrase.map(SecretString::from);
    step(&progress, BackupStep::Choosing);
    let (_, bytes) = read_choice(&window, &state, &choice)?;
    let key = backup_key(&window, &state, unlock)?;
    step(&progress, BackupStep::Checking);
    read_backup(&bytes, &key)?;
    stop_if_cancelled(cancel)?;
    step(&progress, BackupStep::Restoring);
    let dir = state.dir()?.clone();
    let mut slot = state.vault();
    let vault = take_exclusive(&mut slot, &dir, vault_pass.as_ref())?;
    let restored = vault.restore_backup(&bytes, key, vault_pass.as_ref(), Utc::now());
    step(&progress, BackupStep::Reopening);
    let reopened = put_back(&mut slot, &dir, vault_pass.as_ref());
    let receipt = restored?;
    reopened?;
    Ok(receipt)
}

/// Deletes old automatic backups beyond what `keep` retains; with `dry_run`, only says
/// which it would delete.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip(state), err(Debug))]
pub fn backup_prune(
    state: State<'_, AppState>,
    keep: Retention,
    dry_run: bool,
) -> Result<PrunePlan, IpcError> {
    state.with_vault(|vault| vault.prune_backups(keep, dry_run))
}

/// Opens someone else's backup with the coach's own kit, read-only: it is never merged
/// into this vault, and nothing of it is kept once shown.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn backup_open_athlete(window: WebviewWindow) -> Result<AthleteBackup, IpcError> {
    let file = dialogs::open(&window, Purpose::OpenBackup, BACKUP_FILTER)?;
    let bytes = read_file(&file)?;
    let kit = choose_kit(&window)?;
    let image = read_backup(&bytes, &BackupKey::Kits(vec![kit]))?;
    let page = History::new(image.conn())
        .sessions(&HistoryFilter::default(), None, ATHLETE_SESSIONS)
        .map_err(training)?;
    let records = Records::new(image.conn()).all().map_err(training)?;
    Ok(AthleteBackup {
        file_name: file_name(&file),
        manifest: image.manifest.clone(),
        more_sessions: page.next.is_some(),
        sessions: page.items,
        records,
    })
}

/// First run: creates a vault and fills it from a backup, opened with its recovery kit
/// (which then stays the vault's kit) or its passphrase (then the new vault's kit is saved
/// first, in a dialog). The backup is checked before anything is created; if restoring
/// still fails, the new, empty vault is erased again so that first run can be retried.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub fn vault_create_from_backup(
    window: WebviewWindow,
    state: State<'_, AppState>,
    unlock: BackupUnlock,
    vault_passphrase: Option<String>,
    progress: Channel<BackupStep>,
) -> Result<VaultStatus, IpcError> {
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
        other => backup_key(&window, &state, other)?,
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
    let mut slot = state.vault();
    let (vault, new_kit) = Vault::create(&dir, vault_pass.clone(), Utc::now())?;
    if let Some(path) = &new_kit_path
        && let Err(err) = new_kit.save(path, vault.id(), Utc::now())
    {
        *state.unsaved_kit() = Some(UnsavedKit {
            kit: new_kit,
            vault_id: vault.id().to_owned(),
        });
        *slot = Some(vault);
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
    if let Err(err) = exclusive.restore_backup(&bytes, key, vault_pass.as_ref(), Utc::now()) {
        let erased = Vault::open_with(
            &dir,
            unlock_of(vault_pass.as_ref()),
            Access::Exclusive,
            Utc::now(),
        )
        .map_err(BackupError::from)
        .and_then(|vault| vault.wipe(false));
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
    slot.insert(vault).status().map_err(Into::into)
}

/// Takes the app's shared vault out of `slot` and opens it exclusively; on failure a
/// shared one is put back, so the app keeps working.
pub(crate) fn take_exclusive(
    slot: &mut MutexGuard<'_, Option<Vault>>,
    dir: &DataDir,
    pass: Option<&SecretString>,
) -> Result<Vault, IpcError> {
    let shared = slot.take().ok_or_else(|| {
        IpcError::new(
            ErrorCode::VaultClosed,
            "The vault is not open yet; unlock it first.",
        )
    })?;
    drop(shared);
    match Vault::open_with(dir, unlock_of(pass), Access::Exclusive, Utc::now()) {
        Ok(vault) => Ok(vault),
        Err(err) => {
            put_back(slot, dir, pass)?;
            Err(err.into())
        }
    }
}

/// Opens the vault for ordinary (shared) use again and puts it in `slot`.
pub(crate) fn put_back(
    slot: &mut MutexGuard<'_, Option<Vault>>,
    dir: &DataDir,
    pass: Option<&SecretString>,
) -> Result<(), IpcError> {
    **slot = Some(Vault::open(dir, unlock_of(pass), Utc::now())?);
    Ok(())
}

/// How to unlock: with the passphrase when one was given, else from the keychain.
fn unlock_of(pass: Option<&SecretString>) -> Unlock {
    pass.map_or(Unlock::Keychain, |p| Unlock::Passphrase(p.clone()))
}

fn settings_of(vault: &Vault) -> Result<BackupSettings, BackupError> {
    Ok(BackupSettings {
        folder: vault.backups_folder()?.display().to_string(),
        automatic: vault.auto_backups_enabled()?,
        retention: vault.retention_policy()?,
    })
}

fn listed(file: BackupListing) -> BackupFile {
    BackupFile {
        name: file_name(Path::new(&file.path)),
        created_at: file.created_at,
        bytes: file.bytes as f64,
        recipients: file.recipients,
        passphrase: file.passphrase,
        automatic: file.automatic,
        schema_version: file.schema_version,
    }
}

/// Reads the chosen backup: from a dialog, or by bare name from the backups folder.
fn read_choice(
    window: &WebviewWindow,
    state: &AppState,
    choice: &BackupChoice,
) -> Result<(PathBuf, Vec<u8>), IpcError> {
    let file = match choice {
        BackupChoice::Chosen => dialogs::open(window, Purpose::OpenBackup, BACKUP_FILTER)?,
        BackupChoice::Listed { name } => in_folder(&state.with_vault(|vault| vault.backups_folder())?, name)?,
    };
    let bytes = read_file(&file)?;
    Ok((file, bytes))
}

/// The file `name` in the backups folder; refuses anything but a bare file name, so the
/// window can name a listed backup but never point outside the folder.
fn in_folder(folder: &Path, name: &str) -> Result<PathBuf, IpcError> {
    let bare = Path::new(name).file_name().is_some_and(|n| n == name) && name != "..";
    if !bare {
        return Err(IpcError::new(
            ErrorCode::InvalidInput,
            "That is not the name of a file in the backups folder.",
        ));
    }
    Ok(folder.join(name))
}

/// Reads a backup file, refusing one too large to be an Ironkeep backup before reading it.
fn read_file(path: &Path) -> Result<Vec<u8>, IpcError> {
    let io =
        |e: std::io::Error| IpcError::new(ErrorCode::Io, format!("Could not read {}: {e}", path.display()));
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_IMAGE_BYTES as u64 * 2 {
        return Err(BackupError::TooLarge {
            limit: MAX_IMAGE_BYTES,
        }
        .into());
    }
    std::fs::read(path).map_err(io)
}

fn backup_key(window: &WebviewWindow, state: &AppState, unlock: BackupUnlock) -> Result<BackupKey, IpcError> {
    Ok(match unlock {
        BackupUnlock::Vault => BackupKey::Kits(state.with_vault(|vault| vault.recovery_kits())?),
        BackupUnlock::KitFile => BackupKey::Kits(vec![choose_kit(window)?]),
        BackupUnlock::Passphrase { passphrase } => BackupKey::Passphrase(SecretString::from(passphrase)),
    })
}

fn choose_kit(window: &WebviewWindow) -> Result<RecoveryKit, IpcError> {
    let path = dialogs::open(window, Purpose::OpenKit, KIT_FILTER)?;
    RecoveryKit::read(&path).map_err(|e| VaultError::from(e).into())
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn training(err: TrainingError) -> IpcError {
    let code = match err.code() {
        "database" => ErrorCode::Database,
        _ => ErrorCode::Refused,
    };
    IpcError::new(code, err.to_string())
}

fn step(progress: &Channel<BackupStep>, step: BackupStep) {
    if let Err(err) = progress.send(step) {
        tracing::debug!(%err, "a progress step was not delivered");
    }
}

/// The work stops here when Cancel was pressed; past this point it runs to the end.
fn stop_if_cancelled(cancel: &AtomicBool) -> Result<(), IpcError> {
    if cancel.load(Ordering::SeqCst) {
        return Err(IpcError::new(
            ErrorCode::Cancelled,
            "Cancelled; nothing was changed.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::in_folder;
    use crate::error::ErrorCode;

    #[test]
    fn a_listed_backup_is_named_only_by_a_bare_file_name_inside_the_folder() {
        let folder = Path::new("/data/backups");
        let named = in_folder(folder, "ironkeep-ab12-20260101T000000Z.age").ok();
        assert_eq!(
            named.as_deref(),
            Some(Path::new("/data/backups/ironkeep-ab12-20260101T000000Z.age"))
        );
        for outside in ["", ".", "..", "../vault.db", "/etc/passwd", "sub/x.age", "x.age/"] {
            let refused = in_folder(folder, outside).err().map(|e| e.code);
            assert_eq!(
                refused,
                Some(ErrorCode::InvalidInput),
                "{outside:?} must be refused"
            );
        }
    }
}
