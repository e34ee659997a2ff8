//! `ironkeep sync …`: turn sync on with a folder, run it, see the family's devices, remove
//! one, join a family on a new machine, leave it. Every rule lives in `ironkeep::sync`; this
//! file resolves the vault, names the computer, and prints.

use std::path::{Path, PathBuf};

use chrono::Utc;
use clap::Subcommand;
use serde_json::json;

use ironkeep::RecoveryKit;
use ironkeep::sync::{self, Device, SyncRun, SyncStatus};
use ironkeep::vault::{Access, DataDir};

use crate::commands::open;
use crate::output::Output;
use crate::prompt;

/// The sync commands.
#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Turn sync on: this vault starts a family in FOLDER (a folder your file syncer
    /// replicates, e.g. a Syncthing folder), writes its changes and a snapshot there.
    Folder {
        /// The folder (it must exist).
        path: PathBuf,
        /// What to call this computer (default: its host name).
        #[arg(long)]
        name: Option<String>,
    },
    /// Send this device's changes and merge the other devices' now.
    Now,
    /// Whether sync is on, the folder, what waits, and the family's devices.
    Status,
    /// The family's devices and the last file read from each.
    Devices,
    /// Take the kit another computer of the family rotated to (`key rotate-kit` there).
    AdoptKit {
        /// The new recovery kit file.
        #[arg(long, value_name = "FILE")]
        kit: PathBuf,
    },
    /// Stop syncing (the vault keeps everything); `sync folder` then starts a new family.
    Leave,
    /// Dismiss a note a merge left (`sync status` lists them with their numbers).
    Dismiss {
        /// The note's number.
        id: u32,
    },
    /// Stop reading a device's later files (then rotate the kit: it still holds it).
    RemoveDevice {
        /// The device's id (from `sync devices`).
        id: String,
    },
    /// On a new machine: make a vault from the newest snapshot in FOLDER that opens with
    /// the kit, and join that family.
    Join {
        /// The synced folder.
        folder: PathBuf,
        /// The family's recovery kit file.
        #[arg(long, value_name = "FILE")]
        kit: PathBuf,
        /// What to call this computer (default: its host name).
        #[arg(long)]
        name: Option<String>,
        /// Protect the new vault's key with a passphrase instead of the OS keychain.
        #[arg(long)]
        passphrase: bool,
    },
}

pub fn run(dir: &DataDir, command: SyncCommand, out: &Output) -> anyhow::Result<()> {
    match command {
        SyncCommand::Folder { path, name } => {
            let vault = open(dir, Access::Shared)?;
            let device = sync::start(vault.conn(), &path, &computer(name), Utc::now())?;
            let report = sync::run(&vault, Utc::now())?;
            out.print(
                &format!(
                    "Sync is on: this device ({}) writes to {}.\n{}\nOn your other computer: \
                     ironkeep sync join FOLDER --kit YOUR-KIT-FILE",
                    hex::encode(device),
                    path.display(),
                    report_text(&report)
                ),
                json!({ "device": hex::encode(device), "report": report }),
            );
        }
        SyncCommand::Now => {
            let vault = open(dir, Access::Shared)?;
            let report = sync::run(&vault, Utc::now())?;
            out.print(&report_text(&report), json!(report));
        }
        SyncCommand::Status => {
            let vault = open(dir, Access::Shared)?;
            let status = sync::status(vault.conn())?;
            out.print(&status_text(&status), json!(status));
        }
        SyncCommand::Devices => {
            let vault = open(dir, Access::Shared)?;
            let devices = sync::devices(vault.conn())?;
            out.print(&devices_text(&devices), json!({ "devices": devices }));
        }
        SyncCommand::AdoptKit { kit } => {
            let vault = open(dir, Access::Shared)?;
            let kit = RecoveryKit::read(&kit)?;
            sync::adopt_kit(&vault, &kit, Utc::now())?;
            let report = sync::run(&vault, Utc::now())?;
            out.print(
                &format!(
                    "This vault now uses the family's new recovery kit ({}).\n{}",
                    kit.recipient(),
                    report_text(&report)
                ),
                json!({ "recipient": kit.recipient(), "report": report }),
            );
        }
        SyncCommand::Leave => {
            let vault = open(dir, Access::Shared)?;
            sync::leave(vault.conn())?;
            out.print(
                "Sync is off; the vault keeps everything. Start a new family with: ironkeep sync folder PATH",
                json!({ "left": true }),
            );
        }
        SyncCommand::Dismiss { id } => {
            let vault = open(dir, Access::Shared)?;
            sync::dismiss_note(vault.conn(), id)?;
            out.print(&format!("Dismissed note {id}."), json!({ "dismissed": id }));
        }
        SyncCommand::RemoveDevice { id } => {
            let vault = open(dir, Access::Shared)?;
            sync::remove_device(vault.conn(), &id, Utc::now())?;
            let report = sync::run(&vault, Utc::now())?;
            out.print(
                &format!(
                    "Removed device {id}: its later files are ignored by every device.\n\
                     It still holds the recovery kit: rotate the kit now (ironkeep key rotate-kit).\n{}",
                    report_text(&report)
                ),
                json!({ "removed": id, "report": report }),
            );
        }
        SyncCommand::Join {
            folder,
            kit,
            name,
            passphrase,
        } => join(dir, &folder, &kit, name, passphrase, out)?,
    }
    Ok(())
}

fn join(
    dir: &DataDir,
    folder: &Path,
    kit: &Path,
    name: Option<String>,
    passphrase: bool,
    out: &Output,
) -> anyhow::Result<()> {
    let kit = RecoveryKit::read(kit)?;
    let pass = if passphrase {
        Some(prompt::passphrase("New vault passphrase: ", true)?)
    } else {
        None
    };
    let joined = sync::join(dir, folder, &kit, pass, &computer(name), Utc::now())?;
    out.print(
        &format!(
            "Joined family {} as device {} with vault {} in {}.\nStarted from {}.\n{}",
            joined.family,
            joined.device,
            joined.vault_id,
            dir.path().display(),
            joined.snapshot,
            report_text(&joined.report)
        ),
        json!(joined),
    );
    Ok(())
}

/// What this computer is called: `--name`, else its host name.
fn computer(name: Option<String>) -> String {
    name.filter(|s| !s.trim().is_empty())
        .unwrap_or_else(sync::computer_name)
}

fn report_text(report: &SyncRun) -> String {
    let mut text = match report.sent {
        Some(n) => format!("Sent this device's changes (file {n})."),
        None => "Nothing new to send.".to_owned(),
    };
    text.push_str(&format!(
        " Merged {} file(s) from other devices: {} change(s) applied, {} dropped, {} waiting.",
        report.files_read, report.applied, report.dropped, report.waiting
    ));
    if let Some(path) = &report.snapshot {
        text.push_str(&format!("\nWrote a snapshot for new devices: {path}"));
    }
    for refused in &report.refused {
        text.push_str(&format!("\nNot read: {} ({})", refused.file, refused.reason));
    }
    text
}

fn status_text(status: &SyncStatus) -> String {
    if !status.on {
        return "Sync is off. Turn it on with: ironkeep sync folder PATH".to_owned();
    }
    format!(
        "Sync is on.\nFolder   {}\nFamily   {}\nDevice   {}\nPending  {} row(s) changed here, not sent yet\nWaiting  {} change(s) from other devices\n{}",
        status.folder.as_deref().unwrap_or("(none)"),
        status.family.as_deref().unwrap_or(""),
        status.device.as_deref().unwrap_or(""),
        status.pending,
        status.waiting,
        devices_text(&status.devices)
    ) + &notes_text(&status.notes)
}

fn notes_text(notes: &[ironkeep::sync::SyncNote]) -> String {
    let mut text = String::new();
    for note in notes {
        text.push_str(&format!("\nNote {}  {}  {}", note.id, note.at, note.text));
        if let Some(lost) = &note.lost {
            text.push_str(&format!("\n  not kept: {lost}"));
        }
    }
    if !notes.is_empty() {
        text.push_str("\nDismiss a note with: ironkeep sync dismiss NUMBER");
    }
    text
}

fn devices_text(devices: &[Device]) -> String {
    let mut text = String::from("Devices");
    for device in devices {
        text.push_str(&format!(
            "\n  {}  {:<24} {}{}",
            device.id,
            device.name,
            if device.this_device {
                format!("this device, wrote {} file(s)", device.last_file)
            } else {
                format!("read up to file {}", device.last_file)
            },
            device
                .removed_at
                .as_deref()
                .map(|at| format!(", removed {at}"))
                .unwrap_or_default()
        ));
    }
    text
}
