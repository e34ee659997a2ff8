//! The sync folder: each device's log under `ironkeep-sync/<family>/<device>/`, one file
//! per sealed batch named by its sequence number (`00000001.age`), written whole under a
//! temporary name and renamed, never rewritten. A sync step seals this device's changes
//! into its next file, then merges every other device's files it has not read, in
//! sequence, each merge committed with its cursor.
//!
//! The folder is untrusted: only the exact name of a device's next file is ever opened, so
//! a syncer's temporary files and conflict copies are never read; a file that does not open, fails its
//! MAC, names another family, device or sequence than its place, or does not follow the
//! device's previous file is reported and stops that device's log there (the files after
//! it wait), never the others'. A crash between writing a file and committing the seal
//! leaves the file and the marks: the next step seals them again into the next file, and
//! merging the same changes twice changes nothing.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};

use super::devices;
use super::file::{LogFile, LogFileError, MAX_FILE_BYTES, read, write};
use super::merge::{MergeError, Merged, merge};
use super::seal::seal;
use crate::keys::kit::RecoveryKit;
use crate::vault::{WriterTurn, files};

/// What a sync step did.
#[derive(Debug, Default)]
pub struct Step {
    /// The number of the file this device wrote, if it had changes.
    pub sent: Option<u64>,
    /// Other devices' files merged.
    pub files_read: usize,
    /// What the merges did.
    pub merged: Merged,
    /// Files left alone, and why.
    pub refused: Vec<Refused>,
}

/// A file of the folder that was not merged.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Refused {
    /// Its path inside the family's folder.
    pub file: String,
    /// Why.
    pub reason: String,
}

/// Why a sync step stopped. What it committed before stays.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StepError {
    /// Sync is not turned on for this vault.
    #[error("sync is not turned on for this vault")]
    Off,
    /// The folder could not be read or written.
    #[error("the sync folder could not be {action}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The cause.
        source: std::io::Error,
    },
    /// A merge failed.
    #[error(transparent)]
    Merge(#[from] MergeError),
    /// The vault could not be read or written.
    #[error("the vault could not be read or written: {0}")]
    Database(#[from] rusqlite::Error),
}

fn io(action: &'static str) -> impl FnOnce(std::io::Error) -> StepError {
    move |source| StepError::Io { action, source }
}

/// Turns sync on for this vault in `family` (a new one when `None`); returns this device's
/// id. Changes made from now on are captured.
pub fn turn_on(conn: &Connection, family: Option<[u8; 16]>) -> rusqlite::Result<[u8; 16]> {
    match family {
        Some(family) => conn.execute(
            "INSERT INTO sync_state (id, family) VALUES (1, ?1) ON CONFLICT (id) DO NOTHING",
            [&family[..]],
        )?,
        None => conn.execute(
            "INSERT INTO sync_state (id) VALUES (1) ON CONFLICT (id) DO NOTHING",
            [],
        )?,
    };
    let device: Vec<u8> = conn.query_row("SELECT device FROM sync_state", [], |r| r.get(0))?;
    device
        .try_into()
        .map_err(|_| rusqlite::Error::IntegralValueOutOfRange(0, 16))
}

/// The family's folder inside the user's sync folder.
pub fn family_dir(folder: &Path, family: &[u8; 16]) -> PathBuf {
    folder.join("ironkeep-sync").join(hex::encode(family))
}

/// The name of a device's log file number `sequence`.
pub(crate) fn file_name(sequence: u64) -> String {
    format!("{sequence:08}.age")
}

/// This device's sync state: family, device, last sequence and its file's hash.
type State = (Vec<u8>, Vec<u8>, i64, Option<Vec<u8>>);

/// One sync step: seal and send this device's changes, then merge what the others sent.
pub fn step(conn: &Connection, folder: &Path, kit: &RecoveryKit, now_ms: u64) -> Result<Step, StepError> {
    step_in_turns(conn, folder, std::slice::from_ref(kit), now_ms, None)
}

/// [`step()`], taking the process's writer turn around each transaction (the desktop app
/// runs sync beside the commands a person waits for; see `vault::roles`).
pub(crate) fn step_in_turns(
    conn: &Connection,
    folder: &Path,
    kits: &[RecoveryKit],
    now_ms: u64,
    turn: Option<&WriterTurn>,
) -> Result<Step, StepError> {
    let state: Option<State> = conn
        .query_row(
            "SELECT family, device, sequence, last_hash FROM sync_state",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let (family, device, sequence, last_hash) = state.ok_or(StepError::Off)?;
    let family: [u8; 16] = family.try_into().map_err(|_| StepError::Off)?;
    let device: [u8; 16] = device.try_into().map_err(|_| StepError::Off)?;
    let dir = family_dir(folder, &family);
    let mut step = Step {
        sent: {
            let _turn = turn.map(WriterTurn::take);
            send(
                conn, &dir, &family, &device, sequence, last_hash, &kits[0], now_ms,
            )?
        },
        ..Step::default()
    };
    let others = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let mut id = [0u8; 16];
                hex::decode_to_slice(&name, &mut id).ok().map(|()| id)
            })
            .filter(|id| *id != device)
            .collect::<Vec<_>>(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(io("read")(e)),
    };
    for other in others {
        let last = devices::last_kept(conn, &other)?;
        receive(conn, &dir, &family, &other, last, kits, now_ms, turn, &mut step)?;
    }
    // After a restore this device reads its own log again from where the backup had read
    // it (a cursor for its own id), up to its last file; then the cursor goes.
    let rereading: bool = conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_cursor WHERE device = ?1)",
        [&device[..]],
        |r| r.get(0),
    )?;
    if rereading {
        let written: i64 = conn.query_row("SELECT sequence FROM sync_state", [], |r| r.get(0))?;
        let written = u64::try_from(written).unwrap_or(0);
        receive(
            conn,
            &dir,
            &family,
            &device,
            Some(written),
            kits,
            now_ms,
            turn,
            &mut step,
        )?;
        let _turn = turn.map(WriterTurn::take);
        conn.execute(
            "DELETE FROM sync_cursor WHERE device = ?1 AND sequence >= ?2",
            params![&device[..], written as i64],
        )?;
    }
    Ok(step)
}

/// Seals this device's changes into its next file; the seal commits only once the file
/// is in place.
#[allow(clippy::too_many_arguments)]
fn send(
    conn: &Connection,
    dir: &Path,
    family: &[u8; 16],
    device: &[u8; 16],
    sequence: i64,
    last_hash: Option<Vec<u8>>,
    kit: &RecoveryKit,
    now_ms: u64,
) -> Result<Option<u64>, StepError> {
    let tx = conn.unchecked_transaction()?;
    let Some(batch) = seal(&tx, now_ms)? else {
        return Ok(None);
    };
    let own = dir.join(hex::encode(device));
    files::create_private_dir(&own).map_err(io("created"))?;
    let (next, left) = next_sequence(&own, u64::try_from(sequence).unwrap_or(0));
    let previous = left.or_else(|| last_hash.and_then(|h| h.try_into().ok()));
    let file = LogFile {
        family: *family,
        sequence: next,
        schema: crate::vault::migrate::LATEST,
        previous,
        batch,
    };
    let bytes = write(&file, kit);
    files::write_atomic(&own.join(file_name(next)), &bytes).map_err(io("written"))?;
    let hash: [u8; 32] = Sha256::digest(&bytes).into();
    tx.execute(
        "UPDATE sync_state SET sequence = ?1, last_hash = ?2",
        params![next as i64, &hash[..]],
    )?;
    tx.commit()?;
    Ok(Some(next))
}

/// The number of this device's next file in its directory `own`, after `sequence` (the
/// last one committed): a file left by a step that crashed before its seal committed keeps
/// its number, so the next one follows it. Also the hash of such a leftover, if any.
pub(crate) fn next_sequence(own: &Path, sequence: u64) -> (u64, Option<[u8; 32]>) {
    let mut next = sequence + 1;
    let mut previous = None;
    while let Ok(bytes) = std::fs::read(own.join(file_name(next))) {
        previous = Some(Sha256::digest(&bytes).into());
        next += 1;
    }
    (next, previous)
}

/// Merges the files of device `other` after the last one read, in sequence, each with its
/// cursor, up to its file `last` when it was removed; stops at the first missing or
/// refused file.
#[allow(clippy::too_many_arguments)]
fn receive(
    conn: &Connection,
    dir: &Path,
    family: &[u8; 16],
    other: &[u8; 16],
    last_kept: Option<u64>,
    kits: &[RecoveryKit],
    now_ms: u64,
    turn: Option<&WriterTurn>,
    step: &mut Step,
) -> Result<(), StepError> {
    let cursor: Option<(i64, Option<Vec<u8>>)> = conn
        .query_row(
            "SELECT sequence, hash FROM sync_cursor WHERE device = ?1",
            [&other[..]],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (mut read_to, mut last) = match cursor {
        Some((n, hash)) => (
            u64::try_from(n).unwrap_or(0),
            hash.and_then(|h| h.try_into().ok()),
        ),
        None => (0, None),
    };
    let own = dir.join(hex::encode(other));
    loop {
        let name = file_name(read_to + 1);
        let path = own.join(&name);
        let shown = format!("{}/{name}", hex::encode(other));
        if last_kept.is_some_and(|last| read_to >= last) {
            if path.exists() {
                step.refused
                    .push(refused(&shown, "its device was removed from the family"));
            }
            return Ok(());
        }
        let bytes = match std::fs::metadata(&path) {
            Ok(meta) if meta.len() > MAX_FILE_BYTES as u64 => {
                step.refused
                    .push(refused(&shown, &LogFileError::TooLarge.to_string()));
                return Ok(());
            }
            Ok(_) => std::fs::read(&path).map_err(io("read"))?,
            Err(_) => return Ok(()),
        };
        let hash: [u8; 32] = Sha256::digest(&bytes).into();
        let file = match read_with_any(&bytes, kits) {
            Ok(file) => file,
            Err(LogFileError::NotForThisKit) => {
                step.refused.push(refused(
                    &shown,
                    "it does not open with this vault's recovery kit: if the family's kit was \
                     rotated on another computer, take the new kit here (ironkeep sync adopt-kit --kit FILE)",
                ));
                return Ok(());
            }
            Err(e) => {
                step.refused.push(refused(&shown, &e.to_string()));
                return Ok(());
            }
        };
        if let Some(reason) = misplaced(&file, family, other, read_to + 1, last) {
            step.refused.push(refused(&shown, reason));
            return Ok(());
        }
        // A newer Ironkeep's changes wait, unread, until this one is updated: they are
        // neither applied by rules this version does not know nor dropped.
        if file.schema > crate::vault::migrate::LATEST {
            step.refused.push(refused(
                &shown,
                "it was written by a newer Ironkeep: update Ironkeep on this computer to read it",
            ));
            return Ok(());
        }
        let _turn = turn.map(WriterTurn::take);
        let tx = conn.unchecked_transaction()?;
        let merged = match merge(&tx, &file.batch, now_ms) {
            Ok(merged) => merged,
            Err(MergeError::ClockAhead(e)) => {
                step.refused.push(refused(&shown, &e.to_string()));
                return Ok(());
            }
            // The lifter logged something since this step sealed: the next step seals it
            // first, then merges.
            Err(MergeError::Unsealed) => return Ok(()),
            Err(e) => return Err(e.into()),
        };
        tx.execute(
            "INSERT INTO sync_cursor (device, sequence, hash) VALUES (?1, ?2, ?3)
             ON CONFLICT (device) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash",
            params![&other[..], (read_to + 1) as i64, &hash[..]],
        )?;
        tx.commit()?;
        step.files_read += 1;
        step.merged.applied += merged.applied;
        step.merged.dropped += merged.dropped;
        step.merged.waiting = merged.waiting;
        read_to += 1;
        last = Some(hash);
    }
}

/// Reads a log file with the first of `kits` that opens it: the active kit, then retired
/// ones (a member that has not taken a rotated kit yet still writes to the old one).
fn read_with_any(bytes: &[u8], kits: &[RecoveryKit]) -> Result<LogFile, LogFileError> {
    for kit in kits {
        match read(bytes, kit) {
            Err(LogFileError::NotForThisKit) => continue,
            other => return other,
        }
    }
    Err(LogFileError::NotForThisKit)
}

fn refused(file: &str, reason: &str) -> Refused {
    Refused {
        file: file.to_owned(),
        reason: reason.to_owned(),
    }
}

/// Why a file that opened does not belong where it lies, if it does not.
fn misplaced(
    file: &LogFile,
    family: &[u8; 16],
    device: &[u8; 16],
    sequence: u64,
    previous: Option<[u8; 32]>,
) -> Option<&'static str> {
    if file.family != *family {
        Some("it belongs to another family of devices")
    } else if file.batch.device != *device || file.sequence != sequence {
        Some("it names another device or number than its place")
    } else if previous.is_some() && file.previous != previous {
        Some("it does not follow the device's previous file (replaced or replayed)")
    } else {
        None
    }
}
