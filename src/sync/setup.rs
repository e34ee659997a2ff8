//! Sync as the person meets it: turning it on with a folder, a sync run (the step, then a
//! snapshot when one is due), what the device knows of its family, and joining a family on
//! a new machine from the folder's newest snapshot and the kit. The CLI and the app call
//! these; everything below them is the step over the folder.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use secrecy::SecretString;
use serde::Serialize;

use super::devices::{self, Device, SyncNote};
use super::folder::{Refused, StepError, family_dir, file_name, next_sequence, step_in_turns, turn_on};
use super::snapshot;
use crate::backup::{BackupError, BackupKey};
use crate::keys::kit::RecoveryKit;
use crate::vault::{Access, DataDir, Unlock, Vault, VaultError, files, identity};

/// Why sync could not be set up or run. What was committed before stays.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SyncError {
    /// Sync is not turned on for this vault.
    #[error("sync is not turned on for this vault (turn it on with `ironkeep sync folder PATH`)")]
    Off,
    /// Sync is already on.
    #[error("sync is already on for this vault, with the folder {folder}")]
    AlreadyOn {
        /// The folder in use.
        folder: String,
    },
    /// The folder does not exist or is not a folder.
    #[error("{0} is not a folder; create it (or let your file syncer create it) first")]
    NoFolder(PathBuf),
    /// Another member removed this device from the family.
    #[error("this device was removed from its sync family; join the family again to sync")]
    Removed,
    /// The kit given opens nothing this family wrote.
    #[error("this recovery kit opens nothing in this family's sync folder (no snapshot, no log file)")]
    KitOpensNothing,
    /// No note has that number.
    #[error("there is no sync note {0} (see `ironkeep sync status`)")]
    NoNote(u32),
    /// A vault already exists where a device would join.
    #[error("a vault already exists in {0}; joining makes a new vault, so choose an empty data dir")]
    VaultExists(PathBuf),
    /// No snapshot in the folder opens with the kit.
    #[error("no snapshot in {folder} opens with this recovery kit{}", reasons_text(.reasons))]
    NoSnapshot {
        /// The folder searched.
        folder: PathBuf,
        /// Snapshots found and why each was not used.
        reasons: Vec<Refused>,
    },
    /// The step over the folder failed.
    #[error(transparent)]
    Step(#[from] StepError),
    /// A snapshot could not be written or restored.
    #[error(transparent)]
    Backup(#[from] BackupError),
    /// The vault could not be opened or created.
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// The vault could not be read or written.
    #[error("the vault could not be read or written: {0}")]
    Database(#[from] rusqlite::Error),
}

impl SyncError {
    /// A stable code for `--json` and the app.
    pub fn code(&self) -> &'static str {
        match self {
            SyncError::Off => "sync_off",
            SyncError::AlreadyOn { .. } => "sync_already_on",
            SyncError::NoFolder(_) | SyncError::NoNote(_) => "not_found",
            SyncError::Removed => "sync_removed",
            SyncError::KitOpensNothing => "sync_kit_opens_nothing",
            SyncError::VaultExists(_) => "vault_exists",
            SyncError::NoSnapshot { .. } => "sync_no_snapshot",
            SyncError::Step(_) => "sync_folder",
            SyncError::Backup(e) => e.code(),
            SyncError::Vault(e) => e.code(),
            SyncError::Database(_) => "database",
        }
    }
}

/// The exclusive `sync.lock` in the data dir: one writer per device's log, whether the app
/// or the CLI runs the step (as `whoop.lock` keeps one WHOOP refresher). Blocks until held.
struct SyncLock {
    _file: std::fs::File,
}

impl SyncLock {
    fn acquire(vault: &Vault) -> Result<Self, SyncError> {
        let path = vault.dir().path().join(LOCK_FILE);
        let file = files::append_private(&path).map_err(|e| VaultError::io("open", &path, e))?;
        file.lock().map_err(|e| VaultError::io("lock", &path, e))?;
        Ok(Self { _file: file })
    }
}

/// The lock file that keeps one sync writer per data dir.
pub const LOCK_FILE: &str = "sync.lock";

fn reasons_text(reasons: &[Refused]) -> String {
    if reasons.is_empty() {
        return " (there is none: let the syncer finish, or run `ironkeep sync now` on a member first)"
            .into();
    }
    let list: Vec<String> = reasons
        .iter()
        .map(|r| format!("{}: {}", r.file, r.reason))
        .collect();
    format!(" ({})", list.join("; "))
}

/// What this device knows of sync.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncStatus {
    /// Whether sync is on.
    pub on: bool,
    /// The sync folder on this computer.
    pub folder: Option<String>,
    /// The family's id.
    pub family: Option<String>,
    /// This device's id.
    pub device: Option<String>,
    /// Rows changed here and not sent yet.
    pub pending: u32,
    /// Other devices' changes waiting for what they need.
    pub waiting: u32,
    /// The family's devices, this one first.
    pub devices: Vec<Device>,
    /// What merges settled by themselves, not yet dismissed.
    pub notes: Vec<SyncNote>,
}

/// What a sync run did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncRun {
    /// The number of the file this device wrote, if it had changes.
    pub sent: Option<u32>,
    /// Other devices' files merged.
    pub files_read: u32,
    /// Changes applied from them.
    pub applied: u32,
    /// Changes dropped (they edit a row some device deleted).
    pub dropped: u32,
    /// Changes waiting for what they need.
    pub waiting: u32,
    /// Files left alone, and why.
    pub refused: Vec<Refused>,
    /// The snapshot written, when one was due.
    pub snapshot: Option<String>,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Turns sync on with `folder` (which must exist): a new family, this device its first
/// member under `name`. The first run writes its first file and a snapshot of the vault,
/// from which other devices join.
pub fn start(
    conn: &Connection,
    folder: &Path,
    name: &str,
    now: DateTime<Utc>,
) -> Result<[u8; 16], SyncError> {
    if !folder.is_dir() {
        return Err(SyncError::NoFolder(folder.to_owned()));
    }
    let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_owned());
    let tx = conn.unchecked_transaction()?;
    let existing: Option<Option<String>> = tx
        .query_row("SELECT folder FROM sync_state", [], |r| r.get(0))
        .optional()?;
    if let Some(existing) = existing {
        return Err(SyncError::AlreadyOn {
            folder: existing.unwrap_or_default(),
        });
    }
    // What a restored backup of another family left is not this new family's.
    tx.execute_batch(
        "DELETE FROM sync_cursor; DELETE FROM sync_clock; DELETE FROM sync_held; DELETE FROM sync_device;",
    )?;
    let device = turn_on(&tx, None)?;
    tx.execute(
        "UPDATE sync_state SET folder = ?1",
        [folder.display().to_string()],
    )?;
    devices::announce(&tx, &device, name, now)?;
    let whoop: bool = tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM whoop_account WHERE access_token IS NOT NULL)",
        [],
        |r| r.get(0),
    )?;
    devices::hold_whoop(&tx, whoop)?;
    tx.commit()?;
    Ok(device)
}

/// One sync run: seal and send this device's changes, merge the others', then write a
/// snapshot when the family's newest is a day old.
pub fn run(vault: &Vault, now: DateTime<Utc>) -> Result<SyncRun, SyncError> {
    let conn = vault.conn();
    let state: Option<(Option<String>, Vec<u8>, Vec<u8>)> = conn
        .query_row("SELECT folder, family, device FROM sync_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((Some(folder), family, device)) = state else {
        return Err(SyncError::Off);
    };
    let removed: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_device WHERE gid = ?1 AND removed_at IS NOT NULL)",
        [&device],
        |r| r.get(0),
    )?;
    if removed {
        return Err(SyncError::Removed);
    }
    let (Ok(family), Ok(device)) = (<[u8; 16]>::try_from(family), <[u8; 16]>::try_from(device)) else {
        return Err(SyncError::Off);
    };
    let folder = PathBuf::from(folder);
    if !folder.is_dir() {
        return Err(SyncError::NoFolder(folder));
    }
    let _lock = SyncLock::acquire(vault)?;
    // The active kit first (it writes), then retired ones (they still read the files of a
    // member that has not taken a rotated kit yet).
    let kits = identity::all(conn)?;
    let now_ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
    let done = step_in_turns(conn, &folder, &kits, now_ms, Some(&vault.turn))?;
    let dir = family_dir(&folder, &family);
    let snapshot = if snapshot::due(&dir, now) {
        Some(
            snapshot::write(vault, &dir, &family, &device, &kits[0], now)?
                .display()
                .to_string(),
        )
    } else {
        None
    };
    Ok(SyncRun {
        sent: done.sent.map(|n| u32::try_from(n).unwrap_or(u32::MAX)),
        files_read: count(done.files_read),
        applied: count(done.merged.applied),
        dropped: count(done.merged.dropped),
        waiting: count(done.merged.waiting),
        refused: done.refused,
        snapshot,
    })
}

/// Whether a sync run has anything to do: changes to send, another device's next file in
/// the folder, this device's own log to read again after a restore, or a snapshot due.
/// Cheap (two queries and a few `stat`s), so the app can ask every few seconds; a folder
/// that cannot be read counts as work, so that the run reports why.
pub fn has_work(conn: &Connection, now: DateTime<Utc>) -> rusqlite::Result<bool> {
    let state: Option<(Option<String>, Vec<u8>, Vec<u8>)> = conn
        .query_row("SELECT folder, family, device FROM sync_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let Some((Some(folder), family, device)) = state else {
        return Ok(false);
    };
    let Ok(family) = <[u8; 16]>::try_from(family) else {
        return Ok(false);
    };
    let marked: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_dirty) OR EXISTS (SELECT 1 FROM sync_cursor WHERE device = ?1)",
        [&device],
        |r| r.get(0),
    )?;
    let dir = family_dir(Path::new(&folder), &family);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(true);
    };
    if marked || snapshot::due(&dir, now) {
        return Ok(true);
    }
    let mut read = conn.prepare_cached("SELECT sequence FROM sync_cursor WHERE device = ?1")?;
    for entry in entries.filter_map(Result::ok) {
        let mut other = [0u8; 16];
        let name = entry.file_name();
        if hex::decode_to_slice(name.to_string_lossy().as_ref(), &mut other).is_err()
            || other[..] == device[..]
        {
            continue;
        }
        let last: i64 = read
            .query_row([&other[..]], |r| r.get(0))
            .optional()?
            .unwrap_or(0);
        let kept = devices::last_kept(conn, &other)?;
        let next = u64::try_from(last).unwrap_or(0) + 1;
        if kept.is_none_or(|kept| next <= kept) && entry.path().join(file_name(next)).exists() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Stops syncing: this vault keeps everything, captures nothing more, and leaves its
/// family (a new `start` makes a new one, e.g. after the sync folder was lost).
pub fn leave(conn: &Connection) -> Result<(), SyncError> {
    let tx = conn.unchecked_transaction()?;
    if tx.execute("DELETE FROM sync_state", [])? == 0 {
        return Err(SyncError::Off);
    }
    tx.execute_batch("DELETE FROM sync_dirty; DELETE FROM sync_cursor;")?;
    tx.commit()?;
    Ok(())
}

/// Takes the kit another member rotated the family to (`key rotate-kit` there), after
/// checking that it opens something this family wrote: a snapshot, or a log file. The
/// rotated kit does not travel through the folder (docs/sync.md, "Devices": encrypted to
/// the old kit, it would reach the device the rotation is meant to shut out); the person
/// carries it, as they carried the kit to join.
pub fn adopt_kit(vault: &Vault, kit: &RecoveryKit, now: DateTime<Utc>) -> Result<(), SyncError> {
    let conn = vault.conn();
    let state: Option<(Option<String>, Vec<u8>)> = conn
        .query_row("SELECT folder, family FROM sync_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?;
    let Some((Some(folder), family)) = state else {
        return Err(SyncError::Off);
    };
    let family: [u8; 16] = family.try_into().map_err(|_| SyncError::Off)?;
    if identity::active(conn)?.recipient() == kit.recipient() {
        return Ok(());
    }
    let dir = family_dir(Path::new(&folder), &family);
    let opens_a_snapshot = snapshot::listed(&dir)
        .iter()
        .any(|(path, _, _)| snapshot::read_verified(path, &family, kit).is_ok());
    if !opens_a_snapshot && !opens_a_log_file(&dir, kit) {
        return Err(SyncError::KitOpensNothing);
    }
    vault.take_kit(kit, now)?;
    Ok(())
}

/// Whether `kit` opens (and its MAC proves) the first file of some device of the family.
fn opens_a_log_file(dir: &Path, kit: &RecoveryKit) -> bool {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return false;
    };
    entries.filter_map(Result::ok).any(|entry| {
        let Ok(files) = std::fs::read_dir(entry.path()) else {
            return false;
        };
        files.filter_map(Result::ok).any(|file| {
            std::fs::metadata(file.path()).is_ok_and(|m| m.len() <= super::MAX_FILE_BYTES as u64)
                && std::fs::read(file.path()).is_ok_and(|bytes| super::read_log_file(&bytes, kit).is_ok())
        })
    })
}

/// Where this device's log is: folder, family, device, last file written.
type Place = (Option<String>, Vec<u8>, Vec<u8>, i64);

/// Before a wipe: tells the family this device is leaving (its own row removed, keeping the
/// file this writes, which carries the news), so the others stop waiting for its files.
/// Best effort: a folder out of reach is logged and the wipe goes on. Whether it was told.
pub(crate) fn farewell(vault: &Vault, now: DateTime<Utc>) -> bool {
    let told =
        || -> Result<bool, SyncError> {
            let conn = vault.conn();
            let state: Option<Place> = conn
                .query_row(
                    "SELECT folder, family, device, sequence FROM sync_state",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            let Some((Some(folder), family, device, sequence)) = state else {
                return Ok(false);
            };
            let (Ok(family), Ok(device)) = (<[u8; 16]>::try_from(family), <[u8; 16]>::try_from(device))
            else {
                return Ok(false);
            };
            let folder = PathBuf::from(folder);
            let own = family_dir(&folder, &family).join(hex::encode(device));
            let last = next_sequence(&own, u64::try_from(sequence).unwrap_or(0)).0;
            let _lock = SyncLock::acquire(vault)?;
            conn.execute(
            "UPDATE sync_device SET removed_at = ?2, last_kept = ?3 WHERE gid = ?1 AND removed_at IS NULL",
            params![&device[..], now.to_rfc3339(), i64::try_from(last).unwrap_or(i64::MAX)],
        )?;
            let kits = identity::all(conn)?;
            let now_ms = u64::try_from(now.timestamp_millis()).unwrap_or(0);
            Ok(step_in_turns(conn, &folder, &kits, now_ms, Some(&vault.turn))?.sent == Some(last))
        };
    match told() {
        Ok(told) => told,
        Err(err) => {
            tracing::warn!(
                code = err.code(),
                "could not tell the sync family this device is leaving"
            );
            false
        }
    }
}

/// Dismisses the note numbered `id`.
pub fn dismiss_note(conn: &Connection, id: u32) -> Result<(), SyncError> {
    match conn.execute("DELETE FROM sync_note WHERE id = ?1", [id])? {
        0 => Err(SyncError::NoNote(id)),
        _ => Ok(()),
    }
}

/// What this device knows of sync and its family.
pub fn status(conn: &Connection) -> Result<SyncStatus, SyncError> {
    let state: Option<(Option<String>, Vec<u8>, Vec<u8>)> = conn
        .query_row("SELECT folder, family, device FROM sync_state", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    let pending: i64 = conn.query_row(
        "SELECT count(*) FROM (SELECT DISTINCT tbl, row FROM sync_dirty)",
        [],
        |r| r.get(0),
    )?;
    let waiting: i64 = conn.query_row("SELECT count(*) FROM sync_held", [], |r| r.get(0))?;
    Ok(SyncStatus {
        on: state.is_some(),
        folder: state.as_ref().and_then(|s| s.0.clone()),
        family: state.as_ref().map(|s| hex::encode(&s.1)),
        device: state.as_ref().map(|s| hex::encode(&s.2)),
        pending: u32::try_from(pending).unwrap_or(u32::MAX),
        waiting: u32::try_from(waiting).unwrap_or(u32::MAX),
        devices: devices::devices(conn)?,
        notes: devices::notes(conn)?,
    })
}

/// What joining did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Joined {
    /// The new vault's id.
    pub vault_id: String,
    /// The family joined.
    pub family: String,
    /// This device's new id.
    pub device: String,
    /// The snapshot the vault started from.
    pub snapshot: String,
    /// The first sync run after it.
    pub report: SyncRun,
}

/// Joins the family whose newest snapshot in `folder` opens with `kit`: creates a vault in
/// `dir` (which must hold none), fills it from that snapshot (the kit becomes its kit),
/// gives this device its own id under `name`, then runs sync to read the logs written
/// after the snapshot. If the snapshot cannot be restored, the new vault is erased again.
pub fn join(
    dir: &DataDir,
    folder: &Path,
    kit: &RecoveryKit,
    pass: Option<SecretString>,
    name: &str,
    now: DateTime<Utc>,
) -> Result<Joined, SyncError> {
    if dir.meta_file().exists() || dir.database().exists() {
        return Err(SyncError::VaultExists(dir.path().to_owned()));
    }
    if !folder.is_dir() {
        return Err(SyncError::NoFolder(folder.to_owned()));
    }
    let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_owned());
    let (family, path, bytes) = newest_snapshot(&folder, kit)?;
    let key = || BackupKey::Kits(vec![copy(kit)]);
    let unlock = || match &pass {
        Some(p) => Unlock::Passphrase(p.clone()),
        None => Unlock::Keychain,
    };
    let (vault, _fresh_kit) = Vault::create(dir, pass.clone(), now)?;
    drop(vault);
    let exclusive = Vault::open_with(dir, unlock(), Access::Exclusive, now)?;
    if let Err(err) = exclusive.restore_into_new_vault(&bytes, key(), pass.as_ref(), now) {
        let erased = Vault::open_with(dir, unlock(), Access::Exclusive, now)
            .map_err(BackupError::from)
            .and_then(|vault| vault.wipe(false, now));
        if let Err(wipe_err) = erased {
            tracing::warn!(
                code = wipe_err.code(),
                "could not erase the new vault after a failed join"
            );
        }
        return Err(err.into());
    }
    let vault = Vault::open(dir, unlock(), now)?;
    let conn = vault.conn();
    let tx = conn.unchecked_transaction()?;
    // The restore left this vault outside any family, with a cursor for the snapshot's
    // writer (its log read up to the snapshot) and the writer's for the others. It becomes
    // a new member: its own id, no file written yet, its clock not behind any it holds.
    tx.execute(
        "INSERT INTO sync_state (id, family, clock, folder)
         VALUES (1, ?1, (SELECT coalesce(max(clock), 0) FROM sync_clock), ?2)",
        params![&family[..], folder.display().to_string()],
    )?;
    let device: Vec<u8> = tx.query_row("SELECT device FROM sync_state", [], |r| r.get(0))?;
    let device: [u8; 16] = device.try_into().map_err(|_| SyncError::Off)?;
    devices::announce(&tx, &device, name, now)?;
    tx.commit()?;
    let report = run(&vault, now)?;
    Ok(Joined {
        vault_id: vault.id().to_owned(),
        family: hex::encode(family),
        device: hex::encode(device),
        snapshot: path.display().to_string(),
        report,
    })
}

/// The newest snapshot in `folder` whose MAC proves a holder of `kit` wrote it for its
/// family, with the family. (Whether it is a backup Ironkeep reads, the restore checks.)
fn newest_snapshot(folder: &Path, kit: &RecoveryKit) -> Result<([u8; 16], PathBuf, Vec<u8>), SyncError> {
    let root = folder.join("ironkeep-sync");
    let families: Vec<[u8; 16]> = std::fs::read_dir(&root)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| {
                    let mut id = [0u8; 16];
                    hex::decode_to_slice(e.file_name().to_string_lossy().as_ref(), &mut id)
                        .ok()
                        .map(|()| id)
                })
                .collect()
        })
        .unwrap_or_default();
    let mut candidates: Vec<_> = families
        .iter()
        .flat_map(|family| {
            snapshot::listed(&family_dir(folder, family))
                .into_iter()
                .map(move |(path, at, _)| (at, *family, path))
        })
        .collect();
    candidates.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mut reasons = Vec::new();
    for (_, family, path) in candidates {
        match snapshot::read_verified(&path, &family, kit) {
            Ok(bytes) => return Ok((family, path, bytes)),
            Err(reason) => reasons.push(Refused {
                file: path.display().to_string(),
                reason: reason.into(),
            }),
        }
    }
    Err(SyncError::NoSnapshot {
        folder: folder.to_owned(),
        reasons,
    })
}

fn copy(kit: &RecoveryKit) -> RecoveryKit {
    RecoveryKit::parse(&kit.secret()).expect("a parsed kit parses")
}
