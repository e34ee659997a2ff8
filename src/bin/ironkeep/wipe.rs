//! `ironkeep wipe`: erase this vault for good, after a typed confirmation, revoking
//! Ironkeep's WHOOP access first when it is connected.

use std::io::BufRead;
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::Utc;
use clap::Args;
use serde_json::json;

use ironkeep::vault::{Access, DataDir, Presence, Vault};

use crate::commands::open;
use crate::output::Output;

#[derive(Debug, Args)]
pub struct WipeArgs {
    /// Also delete this vault's backups in the backups folder.
    #[arg(long)]
    backups: bool,
    /// Skip the typed confirmation (scripts).
    #[arg(long)]
    yes: bool,
}

pub fn run(dir: &DataDir, args: &WipeArgs, out: &Output) -> anyhow::Result<ExitCode> {
    if !matches!(dir.presence(), Presence::Vault { .. }) {
        bail!("no Ironkeep vault at {}; nothing to wipe", dir.path().display());
    }
    let vault = open(dir, Access::Exclusive)?;
    if !args.yes {
        let expected = format!("wipe {}", vault.id());
        eprintln!(
            "This erases vault {} for good: its database, keys and keychain entries{}.\nType `{expected}` to continue:",
            vault.id(),
            if args.backups {
                ", and its backups in the backups folder"
            } else {
                ""
            }
        );
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("could not read the confirmation")?;
        if line.trim() != expected {
            bail!("the confirmation did not match; nothing was erased");
        }
    }
    let revocation = revoke_whoop(&vault);
    let report = vault.wipe(args.backups, Utc::now())?;
    let mut data = serde_json::to_value(&report)?;
    data["whoop_revocation"] = json!(revocation);
    out.print(
        &format!(
            "Erased vault {} ({} file(s), {} backup(s)).{}{}\n{}",
            report.vault_id,
            report.files_deleted,
            report.backups_deleted,
            revocation.map(|r| format!(" {r}")).unwrap_or_default(),
            if report.left_sync_family {
                " The other computers of its sync family were told it left."
            } else {
                ""
            },
            report.remaining_copies
        ),
        data,
    );
    Ok(ExitCode::SUCCESS)
}

/// Revokes Ironkeep's WHOOP access before its tokens are erased, when it is connected. A
/// failure (offline, WHOOP down) does not stop the wipe: the user asked for erasure, and the
/// message tells them to revoke the access in WHOOP's settings instead.
fn revoke_whoop(vault: &Vault) -> Option<String> {
    let state = ironkeep::whoop::status(vault).ok()?.state;
    if state != ironkeep::whoop::ConnectionState::Connected {
        return None;
    }
    let outcome = ironkeep::whoop::WhoopBase::from_override(
        std::env::var(ironkeep::whoop::BASE_URL_ENV).ok().as_deref(),
    )
    .map_err(anyhow::Error::from)
    .and_then(|base| {
        ironkeep::whoop::disconnect(
            vault,
            &base,
            &ironkeep::whoop::RetryPolicy::default(),
            false,
            Utc::now(),
        )
        .map_err(anyhow::Error::from)
    });
    Some(match outcome {
        Ok(done) if done.revoked => "Ironkeep's WHOOP access was revoked first.".to_owned(),
        Ok(_) => "WHOOP already considered Ironkeep's tokens invalid.".to_owned(),
        Err(err) => format!(
            "Ironkeep's WHOOP access could not be revoked ({err:#}); revoke it in your WHOOP account settings."
        ),
    })
}
