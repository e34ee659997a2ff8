//! Automatic backups and their pruning. An automatic backup is made when automatic
//! backups are on (the default; the setting lives in `vault_meta`) and this vault's newest
//! one is a day old or more. Only regular files named after this vault, dated in the past
//! and starting with a valid age header count; pruning keeps the newest per day, week and
//! month bucket and deletes only this vault's automatic backups.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

use super::create::Source;
use super::folder::{auto_time, backups_dir, backups_dir_of};
use super::{BackupError, BackupReceipt, BackupRequest, Retention, Sealing, crypt, file};
use crate::vault::{Vault, files};

/// The `vault_meta` key that is `off` when automatic backups are turned off.
const AUTO_SETTING: &str = "backup_auto";
/// How much of a file is read to check its age header.
pub(super) const HEADER_PEEK: u64 = 64 * 1024;

/// Whether automatic backups are on (the default; `backup auto --disable` turns them off).
fn auto_enabled(conn: &Connection) -> Result<bool, BackupError> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM vault_meta WHERE key = ?1",
            [AUTO_SETTING],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.as_deref() != Some("off"))
}

/// The automatic-backup check: a new automatic backup when automatic backups are on and
/// the newest one of this vault is a day old or more (or missing).
pub(crate) fn auto_check(
    source: &Source<'_>,
    now: DateTime<Utc>,
) -> Result<Option<BackupReceipt>, BackupError> {
    if !auto_enabled(source.conn)? {
        return Ok(None);
    }
    let folder = backups_dir_of(source.conn, &source.root)?;
    let newest = automatic_backups(&folder, &source.vault_id, Some(now))
        .into_iter()
        .map(|(_, t)| t)
        .max();
    if newest.is_some_and(|t| now - t < TimeDelta::days(1)) {
        return Ok(None);
    }
    let request = BackupRequest {
        sealing: Sealing::Recipients(Vec::new()),
        out: None,
        armor: false,
        for_coach: false,
        automatic: true,
    };
    source.create(&request, now).map(Some)
}

/// The automatic-backup check for code that holds only a vault's connection (the CLI
/// after `session finish`): the same rules as [`Vault::auto_backup`].
pub fn auto_backup_for(conn: &Connection, now: DateTime<Utc>) -> Result<Option<BackupReceipt>, BackupError> {
    auto_check(&Source::from_conn(conn)?, now)
}

/// What `prune` keeps and deletes.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PrunePlan {
    /// Kept files.
    pub keep: Vec<String>,
    /// Deleted files (or, in a dry run, the ones that would be).
    pub delete: Vec<String>,
}

impl Vault {
    /// Deletes this vault's automatic backups that `keep` does not retain (not with
    /// `dry_run`); counts above their bounds are refused and nothing is deleted.
    pub fn prune_backups(&self, keep: Retention, dry_run: bool) -> Result<PrunePlan, BackupError> {
        keep.check()?;
        let folder = backups_dir(self)?;
        let mut autos = automatic_backups(&folder, self.id(), None);
        autos.sort_by_key(|a| std::cmp::Reverse(a.1));
        let plan = plan_prune(&autos, keep);
        if !dry_run {
            for path in &plan.delete {
                std::fs::remove_file(path).map_err(|e| BackupError::io("delete", Path::new(path), e))?;
            }
            files::sync_dir(&folder).map_err(|e| BackupError::io("sync", &folder, e))?;
        }
        Ok(plan)
    }

    /// Makes an automatic backup when automatic backups are on and the newest one is a
    /// day old or more (or missing): checked when the app starts, when a session is
    /// finished, and by `backup auto`.
    pub fn auto_backup(&mut self, now: DateTime<Utc>) -> Result<Option<BackupReceipt>, BackupError> {
        auto_check(&Source::of(self), now)
    }

    /// Whether automatic backups are on (they are unless turned off).
    pub fn auto_backups_enabled(&self) -> Result<bool, BackupError> {
        auto_enabled(&self.conn)
    }

    /// Turns automatic backups on or off (stored in the vault, so the CLI and the app
    /// both respect it).
    pub fn set_auto_backups(&self, enabled: bool) -> Result<(), BackupError> {
        if enabled {
            self.conn
                .execute("DELETE FROM vault_meta WHERE key = ?1", [AUTO_SETTING])?;
        } else {
            self.conn.execute(
                "INSERT INTO vault_meta (key, value) VALUES (?1, 'off') ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [AUTO_SETTING],
            )?;
        }
        Ok(())
    }
}

/// This vault's automatic backups in `folder`, with the times their names give: only
/// regular files that start with a valid age header, and none named after `not_after`.
/// A name alone proves nothing (clock skew, another machine syncing the folder, anyone
/// who can write there), and a future one would make every backup look fresh.
fn automatic_backups(
    folder: &Path,
    vault_id: &str,
    not_after: Option<DateTime<Utc>>,
) -> Vec<(PathBuf, DateTime<Utc>)> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let time = auto_time(vault_id, &e.file_name().to_string_lossy())?;
            if not_after.is_some_and(|limit| time > limit) || !e.file_type().ok()?.is_file() {
                return None;
            }
            let (head, _) = file::read_head(&e.path(), HEADER_PEEK).ok()?;
            crypt::read_header(&head).ok()?;
            Some((e.path(), time))
        })
        .collect()
}

/// Keeps the newest backup per day/week/month bucket, up to the counts; newest first in.
fn plan_prune(newest_first: &[(PathBuf, DateTime<Utc>)], keep: Retention) -> PrunePlan {
    let mut plan = PrunePlan::default();
    let (mut days, mut weeks, mut months) = (Vec::new(), Vec::new(), Vec::new());
    for (index, (path, time)) in newest_first.iter().enumerate() {
        let day = time.date_naive();
        let week = (time.iso_week().year(), time.iso_week().week());
        let month = (time.year(), time.month());
        let mut kept = index == 0;
        for (seen, key, limit) in [
            (&mut days, (day.year(), day.ordinal()), keep.daily),
            (&mut weeks, week, keep.weekly),
            (&mut months, (month.0, month.1), keep.monthly),
        ] {
            if !seen.contains(&key) && seen.len() < limit as usize {
                seen.push(key);
                kept = true;
            }
        }
        let name = path.display().to_string();
        if kept {
            plan.keep.push(name);
        } else {
            plan.delete.push(name);
        }
    }
    plan
}
