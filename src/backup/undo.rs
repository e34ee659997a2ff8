//! The backup a restore keeps of what it replaces, so that a restore can be undone.
//!
//! Before a restore changes anything, the vault as it is gets written to the backups
//! folder like any backup (to its own recovery recipient), named
//! `ironkeep-<vault id>-before-restore-<UTC time>.age`. Restoring that file undoes the
//! restore. It is not an automatic backup, so pruning never deletes it; the user does.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use super::create::Source;
use super::folder::{self, TIME_FORMAT, backups_dir};
use super::{BackupError, BackupRequest, Sealing};
use crate::vault::Vault;

impl Vault {
    /// Writes the backup that undoes a restore; returns its path.
    pub(crate) fn write_undo_backup(&self, now: DateTime<Utc>) -> Result<PathBuf, BackupError> {
        let folder = backups_dir(self)?;
        folder::prepare_folder(&folder)?;
        let target = free_name(&folder, self.id(), now);
        Source::of(self).create(
            &BackupRequest {
                sealing: Sealing::Recipients(Vec::new()),
                out: Some(target.clone()),
                armor: false,
                for_coach: false,
                automatic: false,
            },
            now,
        )?;
        Ok(target)
    }
}

/// The first unused name for an undo backup made at `now` (two restores within one
/// second get `-2`, `-3`, …).
fn free_name(folder: &Path, vault_id: &str, now: DateTime<Utc>) -> PathBuf {
    let stamp = now.format(TIME_FORMAT);
    (1u32..)
        .map(|n| {
            let suffix = if n == 1 { String::new() } else { format!("-{n}") };
            folder.join(format!("ironkeep-{vault_id}-before-restore-{stamp}{suffix}.age"))
        })
        .find(|path| !path.exists())
        .unwrap_or_else(|| folder.join(format!("ironkeep-{vault_id}-before-restore.age")))
}
