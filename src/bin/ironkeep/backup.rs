//! `ironkeep backup …`: thin wrappers over `ironkeep::backup`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use clap::Subcommand;
use serde_json::json;

use ironkeep::RecoveryKit;
use ironkeep::backup::{
    BackupKey, BackupRequest, MAX_DAILY, MAX_MONTHLY, MAX_WEEKLY, Retention, Sealing, read_backup,
};
use ironkeep::vault::{Access, DataDir, Unlock, Vault};

use crate::commands::{open, unlock_for};
use crate::output::Output;
use crate::prompt;

/// The automatic-backup check after `session finish`: a backup problem never fails the
/// finish; it is reported on stderr (stdout stays the command's own output, JSON or not).
pub(crate) fn after_session_finish(conn: &rusqlite::Connection, now: DateTime<Utc>) {
    match ironkeep::backup::auto_backup_for(conn, now) {
        Ok(Some(receipt)) => eprintln!("Automatic backup written to {}.", receipt.path),
        Ok(None) => {}
        Err(err) => eprintln!(
            "warning: the session is finished, but the automatic backup failed: {err} \
             (try `ironkeep backup auto`)"
        ),
    }
}

/// The largest recipients file read.
const MAX_RECIPIENTS_FILE: u64 = 64 * 1024;

#[derive(Debug, Subcommand)]
pub enum BackupCommand {
    /// Write an encrypted backup (to the vault's recovery recipient, plus any coaches).
    Create {
        /// The file to write (default: a new file in the backups folder).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// A coach's public `age1…` recipient; repeatable.
        #[arg(long = "recipient", value_name = "AGE1…")]
        recipients: Vec<String>,
        /// A file of `age1…` recipients, one a line (`#` comments allowed).
        #[arg(long, value_name = "FILE")]
        recipients_file: Option<PathBuf>,
        /// Protect with a passphrase alone instead of the recovery kit.
        #[arg(long)]
        passphrase: bool,
        /// ASCII armor, for pasting into mail.
        #[arg(long)]
        armor: bool,
        /// Leave out the audit log (a backup to hand to a coach).
        #[arg(long)]
        for_coach: bool,
    },
    /// List the backups folder.
    List,
    /// Decrypt and check a backup without changing anything.
    Verify {
        /// The backup file.
        file: PathBuf,
        /// Decrypt with this kit instead of the identities kept in the vault.
        #[arg(long, value_name = "FILE", conflicts_with = "passphrase")]
        kit: Option<PathBuf>,
        /// The backup is protected by a passphrase.
        #[arg(long)]
        passphrase: bool,
    },
    /// Replace the vault's contents with a backup.
    Restore {
        /// The backup file.
        file: PathBuf,
        /// Decrypt with this kit (the vault keeps its own recovery kit unless --adopt-kit).
        #[arg(long, value_name = "FILE", conflicts_with = "passphrase")]
        kit: Option<PathBuf>,
        /// The backup is protected by a passphrase.
        #[arg(long)]
        passphrase: bool,
        /// Make the --kit given the vault's recovery kit: your current kit will no longer
        /// open the vault or its new backups, and whoever holds the given kit can read
        /// every backup made from now on. Needs --kit-out.
        #[arg(long, requires_all = ["kit", "kit_out"])]
        adopt_kit: bool,
        /// With --adopt-kit: where to save the adopted kit for this vault (a new file,
        /// written 0600), saved before anything changes.
        #[arg(long, value_name = "FILE", requires = "adopt_kit")]
        kit_out: Option<PathBuf>,
    },
    /// Delete old automatic backups of this vault.
    ///
    /// Without --keep-* flags, prune keeps what the vault's retention policy says (set on
    /// the app's Backups screen, or with --save; 7 daily, 4 weekly and 12 monthly until
    /// set). A --keep-* flag overrides that one count, for this run only unless --save.
    /// Manual backups and other vaults' backups are never deleted.
    Prune {
        /// Daily backups to keep [default: the vault's retention policy].
        #[arg(long, value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_DAILY)))]
        keep_daily: Option<u32>,
        /// Weekly backups to keep [default: the vault's retention policy].
        #[arg(long, value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_WEEKLY)))]
        keep_weekly: Option<u32>,
        /// Monthly backups to keep [default: the vault's retention policy].
        #[arg(long, value_parser = clap::value_parser!(u32).range(0..=i64::from(MAX_MONTHLY)))]
        keep_monthly: Option<u32>,
        /// Also store the counts used as the vault's retention policy.
        #[arg(long)]
        save: bool,
        /// Show what would be deleted, delete nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Make an automatic backup if the newest one is a day old (for a system timer), or
    /// turn automatic backups off or on (they are on unless turned off; the app and
    /// `session finish` respect it).
    Auto {
        /// Turn automatic backups off (no backup is made).
        #[arg(long, conflicts_with = "enable")]
        disable: bool,
        /// Turn automatic backups back on (and make one if due).
        #[arg(long)]
        enable: bool,
    },
    /// Open someone's backup read-only with your own kit (coaches); nothing is merged.
    Open {
        /// The backup file.
        file: PathBuf,
        /// Your kit (or any age identity file).
        #[arg(long, alias = "identity", value_name = "FILE")]
        kit: PathBuf,
    },
    /// Show or set the backups folder.
    Folder {
        /// The new folder (absolute path).
        path: Option<PathBuf>,
        /// Go back to the default folder inside the data dir.
        #[arg(long, conflicts_with = "path")]
        reset: bool,
    },
}

pub fn run(dir: &DataDir, command: BackupCommand, out: &Output) -> anyhow::Result<ExitCode> {
    match command {
        BackupCommand::Create {
            out: file,
            mut recipients,
            recipients_file,
            passphrase,
            armor,
            for_coach,
        } => {
            if let Some(path) = recipients_file {
                recipients.extend(read_recipients(&path)?);
            }
            let sealing = if passphrase {
                if !recipients.is_empty() {
                    Err(ironkeep::backup::BackupError::MixedProtection)?;
                }
                Sealing::Passphrase(prompt::passphrase("Backup passphrase: ", true)?)
            } else {
                Sealing::Recipients(recipients)
            };
            let mut vault = open(dir, Access::Shared)?;
            let request = BackupRequest {
                sealing,
                out: file,
                armor,
                for_coach,
                automatic: false,
            };
            let receipt = vault.create_backup(&request, Utc::now())?;
            out.print(
                &format!(
                    "Backup written to {} ({} bytes, {} recipient(s)).",
                    receipt.path, receipt.bytes, receipt.recipients
                ),
                serde_json::to_value(&receipt)?,
            );
        }
        BackupCommand::List => {
            let list = open(dir, Access::Shared)?.list_backups()?;
            let human = list
                .iter()
                .map(|b| {
                    format!(
                        "{}  {:>10} B  {} recipient(s){}  schema {}  {}",
                        b.created_at,
                        b.bytes,
                        b.recipients,
                        if b.passphrase { " (passphrase)" } else { "" },
                        b.schema_version.map_or("?".to_owned(), |v| v.to_string()),
                        b.path
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.print(
                if list.is_empty() {
                    "No backups yet."
                } else {
                    &human
                },
                json!({ "backups": list }),
            );
        }
        BackupCommand::Verify {
            file,
            kit,
            passphrase,
        } => {
            let bytes = read_file(&file)?;
            let key = backup_key(
                kit,
                passphrase,
                || Ok(open(dir, Access::Shared)?.recovery_kits()?),
            )?;
            let image = read_backup(&bytes, &key)?;
            let m = &image.manifest;
            out.print(
                &format!(
                    "OK: {} is intact (schema version {}, made {} by Ironkeep {}, {} tables).",
                    file.display(),
                    m.schema_version,
                    m.created_at,
                    m.app_version,
                    m.counts.len()
                ),
                json!({ "ok": true, "manifest": m }),
            );
        }
        BackupCommand::Restore {
            file,
            kit,
            passphrase,
            adopt_kit,
            kit_out,
        } => {
            let bytes = read_file(&file)?;
            let unlock = unlock_for(dir)?;
            let vault_pass = match &unlock {
                Unlock::Passphrase(p) => Some(p.clone()),
                Unlock::Keychain => None,
            };
            let now = Utc::now();
            let vault = Vault::open_with(dir, unlock, Access::Exclusive, now)?;
            let key = backup_key(kit.clone(), passphrase, || Ok(vault.recovery_kits()?))?;
            let receipt = match (adopt_kit, &kit, &kit_out) {
                (true, Some(kit), Some(kit_out)) => {
                    eprintln!(
                        "warning: {} becomes this vault's recovery kit: your current kit will no \
                         longer open the vault or its new backups, and whoever else holds {} can \
                         read every backup made from now on.",
                        kit.display(),
                        kit.display()
                    );
                    RecoveryKit::read(kit)?.save(kit_out, vault.id(), now)?;
                    eprintln!("The adopted recovery kit is saved to {}.", kit_out.display());
                    vault.restore_adopting_kit(&bytes, key, vault_pass.as_ref(), now)?
                }
                _ => vault.restore_backup(&bytes, key, vault_pass.as_ref(), now)?,
            };
            out.print(
                &format!(
                    "Restored {} (made {}); the vault is at schema version {} under a new key.{}{}{}",
                    file.display(),
                    receipt.manifest.created_at,
                    receipt.schema_version,
                    if receipt.kept_whoop_connection {
                        " The WHOOP connection was kept."
                    } else {
                        ""
                    },
                    if receipt.adopted_kit {
                        " The vault's recovery kit is now the one given; the previous kit no longer opens it."
                    } else {
                        " The vault kept its own recovery kit."
                    },
                    receipt
                        .undo_backup
                        .as_ref()
                        .map(|p| format!(
                            "\nWhat the vault held before is saved in {p}; restore it to undo this."
                        ))
                        .unwrap_or_default()
                ),
                serde_json::to_value(&receipt)?,
            );
        }
        BackupCommand::Prune {
            keep_daily,
            keep_weekly,
            keep_monthly,
            save,
            dry_run,
        } => {
            let vault = open(dir, Access::Shared)?;
            let policy = vault.retention_policy()?;
            let keep = Retention {
                daily: keep_daily.unwrap_or(policy.daily),
                weekly: keep_weekly.unwrap_or(policy.weekly),
                monthly: keep_monthly.unwrap_or(policy.monthly),
            };
            if save {
                vault.set_retention_policy(keep)?;
            }
            let plan = vault.prune_backups(keep, dry_run)?;
            let verb = if dry_run { "Would delete" } else { "Deleted" };
            out.print(
                &format!(
                    "{verb} {} automatic backup(s); kept {}.",
                    plan.delete.len(),
                    plan.keep.len()
                ),
                json!({ "dry_run": dry_run, "retention": keep, "keep": plan.keep, "delete": plan.delete }),
            );
        }
        BackupCommand::Auto { disable, enable } => {
            let mut vault = open(dir, Access::Shared)?;
            if disable || enable {
                vault.set_auto_backups(enable)?;
            }
            if !vault.auto_backups_enabled()? {
                out.print(
                    "Automatic backups are off (turn them on with `ironkeep backup auto --enable`).",
                    json!({ "enabled": false, "created": null }),
                );
                return Ok(ExitCode::SUCCESS);
            }
            let made = vault.auto_backup(Utc::now())?;
            match made {
                Some(r) => out.print(
                    &format!("Automatic backup written to {}.", r.path),
                    json!({ "enabled": true, "created": r }),
                ),
                None => out.print(
                    "The newest automatic backup is less than a day old; nothing to do.",
                    json!({ "enabled": true, "created": null }),
                ),
            }
        }
        BackupCommand::Open { file, kit } => {
            let bytes = read_file(&file)?;
            let image = read_backup(&bytes, &BackupKey::Kits(vec![RecoveryKit::read(&kit)?]))?;
            let m = &image.manifest;
            let mut human = format!(
                "Backup of vault {} made {} (schema {}{}); read-only, nothing merged.",
                m.vault_id,
                m.created_at,
                m.schema_version,
                if m.for_coach { ", for a coach" } else { "" }
            );
            for c in &m.counts {
                human.push_str(&format!("\n  {:<22} {}", c.table, c.rows));
            }
            out.print(&human, json!({ "manifest": m }));
        }
        BackupCommand::Folder { path, reset } => {
            let vault = open(dir, Access::Shared)?;
            if reset {
                vault.set_backups_folder(None)?;
            } else if let Some(path) = &path {
                let absolute = std::path::absolute(path).context("could not resolve the folder")?;
                vault.set_backups_folder(Some(&absolute))?;
            }
            let folder = vault.backups_folder()?;
            out.print(
                &format!("Backups folder: {}", folder.display()),
                json!({ "folder": folder }),
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The key to open a backup with: the kit given, a passphrase typed now, or else the
/// vault's own recovery kits (current and earlier).
fn backup_key(
    kit: Option<PathBuf>,
    passphrase: bool,
    own_kits: impl FnOnce() -> anyhow::Result<Vec<RecoveryKit>>,
) -> anyhow::Result<BackupKey> {
    Ok(match (kit, passphrase) {
        (Some(path), _) => BackupKey::Kits(vec![RecoveryKit::read(&path)?]),
        (None, true) => BackupKey::Passphrase(prompt::passphrase("Backup passphrase: ", false)?),
        (None, false) => BackupKey::Kits(own_kits()?),
    })
}

fn read_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    Ok(ironkeep::backup::read_backup_file(path)?)
}

fn read_recipients(path: &Path) -> anyhow::Result<Vec<String>> {
    let len = std::fs::metadata(path)
        .with_context(|| format!("could not read {}", path.display()))?
        .len();
    if len > MAX_RECIPIENTS_FILE {
        bail!("{} is too large for a recipients file", path.display());
    }
    let text = std::fs::read_to_string(path).with_context(|| format!("could not read {}", path.display()))?;
    Ok(text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}
