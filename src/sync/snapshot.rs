//! Snapshots: the whole vault as a backup to the family's kit, which a new device starts
//! from before it reads the logs. A member writes one into `<family>/snapshot/` when the
//! newest there is a day old (or there is none), named by its time and its writer
//! (`20261207T231500Z-<device>.age`), with a MAC keyed from the kit beside it
//! (`….age.mac`): age proves nothing about who wrote a file, and a snapshot replaces a new
//! device's vault, so only one a kit holder wrote for this family is ever restored. The
//! writer then removes its own older snapshots (one writer per file, as for the logs).
//! Which changes a snapshot holds is inside it: its writer's sequence and read cursors.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use hmac::Mac;

use super::file::{MacPurpose, mac};
use crate::backup::{BackupError, BackupRequest, Sealing, Source};
use crate::keys::kit::RecoveryKit;
use crate::vault::{Vault, files};

/// The folder of a family's snapshots.
const SNAPSHOTS: &str = "snapshot";
/// How old the newest snapshot may get before a member writes another.
const EVERY: TimeDelta = TimeDelta::days(1);
const STAMP: &str = "%Y%m%dT%H%M%SZ";

fn mac_of(kit: &RecoveryKit, family: &[u8; 16], bytes: &[u8]) -> hmac::Hmac<sha2::Sha256> {
    let mut mac = mac(kit, MacPurpose::Snapshot);
    mac.update(family);
    mac.update(bytes);
    mac
}

/// The family's snapshots, newest first, each with its time and writer. Names that are
/// not exactly a snapshot's (a syncer's temporary files and conflict copies) are skipped.
pub(crate) fn listed(family_dir: &Path) -> Vec<(PathBuf, DateTime<Utc>, [u8; 16])> {
    let Ok(entries) = std::fs::read_dir(family_dir.join(SNAPSHOTS)) else {
        return Vec::new();
    };
    let mut found: Vec<_> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let (stamp, device) = name.strip_suffix(".age")?.split_once('-')?;
            let at = NaiveDateTime::parse_from_str(stamp, STAMP).ok()?.and_utc();
            let mut id = [0u8; 16];
            hex::decode_to_slice(device, &mut id).ok()?;
            Some((entry.path(), at, id))
        })
        .collect();
    found.sort_by_key(|f| std::cmp::Reverse((f.1, f.2)));
    found
}

/// Whether the family's newest snapshot is a day old, or there is none.
pub(crate) fn due(family_dir: &Path, now: DateTime<Utc>) -> bool {
    listed(family_dir)
        .first()
        .is_none_or(|(_, at, _)| now - *at >= EVERY)
}

/// Writes a snapshot of `vault` to the family's folder, then removes this
/// device's older ones. Returns its path.
pub(crate) fn write(
    vault: &Vault,
    family_dir: &Path,
    family: &[u8; 16],
    device: &[u8; 16],
    kit: &RecoveryKit,
    now: DateTime<Utc>,
) -> Result<PathBuf, BackupError> {
    let dir = family_dir.join(SNAPSHOTS);
    files::create_private_dir(&dir).map_err(|e| BackupError::io("create", &dir, e))?;
    let name = format!("{}-{}.age", now.format(STAMP), hex::encode(device));
    let path = dir.join(&name);
    let request = BackupRequest {
        sealing: Sealing::Recipients(Vec::new()),
        out: Some(path.clone()),
        armor: false,
        // The audit log is what happened to this device's vault; it stays here.
        for_coach: true,
        automatic: false,
    };
    Source::of(vault).create(&request, now)?;
    let bytes = std::fs::read(&path).map_err(|e| BackupError::io("read", &path, e))?;
    let mac_path = dir.join(format!("{name}.mac"));
    let tag = hex::encode(mac_of(kit, family, &bytes).finalize().into_bytes());
    files::write_atomic(&mac_path, tag.as_bytes()).map_err(|e| BackupError::io("write", &mac_path, e))?;
    for (old, _, writer) in listed(family_dir) {
        if writer == *device && old != path {
            let old_mac = PathBuf::from(format!("{}.mac", old.display()));
            for file in [&old, &old_mac] {
                if let Err(err) = std::fs::remove_file(file) {
                    tracing::warn!(%err, "could not remove an older snapshot of this device");
                }
            }
        }
    }
    Ok(path)
}

/// The bytes of the snapshot at `path` when its MAC proves a holder of `kit` wrote it for
/// `family`; why not otherwise.
pub(crate) fn read_verified(
    path: &Path,
    family: &[u8; 16],
    kit: &RecoveryKit,
) -> Result<Vec<u8>, &'static str> {
    let bytes = crate::backup::read_backup_file(path).map_err(|_| "it could not be read")?;
    let mac = std::fs::read_to_string(format!("{}.mac", path.display()))
        .map_err(|_| "its MAC file is missing (still arriving, or not written by a device of this family)")?;
    let tag = hex::decode(mac.trim()).unwrap_or_default();
    // `verify_slice` compares in constant time.
    match mac_of(kit, family, &bytes).verify_slice(&tag) {
        Ok(()) => Ok(bytes),
        Err(_) => {
            Err("its MAC does not match: not written by a holder of the kit for this family, or altered")
        }
    }
}
