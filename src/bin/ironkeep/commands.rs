//! One function per command: resolve the vault, call the core once, print the result.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use chrono::Utc;
use serde_json::json;

use ironkeep::vault::doctor;
use ironkeep::vault::{Access, DataDir, KeyMode, Presence, Unlock, Vault};
use ironkeep::{RecoveryKit, logging};

use crate::args::{Cli, Command, KeyCommand};
use crate::output::Output;
use crate::prompt;

const KIT_REQUIRED: &str = "init needs --kit-out FILE: the recovery kit is your only way back into \
    the vault if this computer's keychain is lost or reset, and it opens your backups; choose a \
    new file to save it to (then keep a copy offline, e.g. on a USB stick or in a password manager)";

pub fn run(cli: Cli, out: &Output) -> anyhow::Result<ExitCode> {
    let dir = DataDir::resolve(cli.data_dir)?;
    let presence = dir.presence();
    logging::init(
        matches!(presence, Presence::Vault { .. })
            .then(|| dir.logs())
            .as_deref(),
    );
    match cli.command {
        Command::Init { kit_out, passphrase } => init(&dir, kit_out.as_deref(), passphrase, out),
        Command::Status => status(&dir, out),
        Command::Doctor => doctor(&dir, out),
        Command::Audit { limit } => audit(&dir, limit, out),
        Command::Key(key) => match key {
            KeyCommand::Rotate => rotate(&dir, out),
            KeyCommand::Recover { kit } => recover(&dir, &kit, out),
            KeyCommand::Recipient => recipient(&dir, out),
            KeyCommand::Kit { out: path } => export_kit(&dir, &path, out),
            KeyCommand::RotateKit { kit_out } => rotate_kit(&dir, &kit_out, out),
        },
        Command::Training(command) => crate::training::run(&dir, command, out).map(|()| ExitCode::SUCCESS),
        Command::Program(command) => crate::program::run(&dir, command, out).map(|()| ExitCode::SUCCESS),
        Command::Journal(command) => crate::journal::run(&dir, command, out).map(|()| ExitCode::SUCCESS),
        Command::Whoop(command) => crate::whoop::run(command, || open(&dir, Access::Shared), out),
        Command::Sync(command) => crate::sync::run(&dir, command, out).map(|()| ExitCode::SUCCESS),
        Command::Backup(command) => crate::backup::run(&dir, command, out),
        Command::Wipe(args) => crate::wipe::run(&dir, &args, out),
    }
}

fn init(dir: &DataDir, kit_out: Option<&Path>, passphrase: bool, out: &Output) -> anyhow::Result<ExitCode> {
    let Some(kit_out) = kit_out else {
        bail!(KIT_REQUIRED)
    };
    check_new_file(kit_out)?;
    let pass = if passphrase {
        Some(prompt::passphrase("New vault passphrase: ", true)?)
    } else {
        None
    };
    let now = Utc::now();
    let (vault, kit) = Vault::create(dir, pass, now)?;
    kit.save(kit_out, vault.id(), now).with_context(|| {
        "the vault was created but the recovery kit could not be saved; save it now with \
         `ironkeep key kit --out FILE`"
    })?;
    let human = format!(
        "Created vault {id} in {dir} ({mode} mode).\n\
         Recovery kit saved to {kit} (readable only by you).\n\
         Keep a copy of it offline: it is the only way back in if this computer's keychain is lost.",
        id = vault.id(),
        dir = dir.path().display(),
        mode = vault.key_mode(),
        kit = kit_out.display(),
    );
    out.print(
        &human,
        json!({
            "vault_id": vault.id(),
            "data_dir": dir.path(),
            "key_mode": vault.key_mode(),
            "kit_path": kit_out,
            "recipient": kit.recipient(),
        }),
    );
    Ok(ExitCode::SUCCESS)
}

fn status(dir: &DataDir, out: &Output) -> anyhow::Result<ExitCode> {
    let vault = open(dir, Access::Shared)?;
    let status = vault.status()?;
    let mut human = format!(
        "Vault      {}\nVault id   {}\nUnlock     {} ({})\nSchema     version {}\nCreated    {}\nRecipient  {}\nRecords",
        status.data_dir,
        status.vault_id,
        status.key_mode,
        status.keychain,
        status.schema_version,
        status.created_at,
        status.recipient,
    );
    for count in &status.counts {
        human.push_str(&format!("\n  {:<16} {}", count.kind, count.count));
    }
    out.print(&human, serde_json::to_value(&status)?);
    Ok(ExitCode::SUCCESS)
}

fn doctor(dir: &DataDir, out: &Output) -> anyhow::Result<ExitCode> {
    let report = doctor::run(dir, unlock_for(dir)?, Utc::now())?;
    let human = report
        .checks
        .iter()
        .map(|c| {
            format!(
                "{} {:<17} {}",
                if c.ok { "ok  " } else { "FAIL" },
                c.name,
                c.detail
            )
        })
        .collect::<Vec<_>>()
        .join("\n");
    out.print(&human, json!({ "ok": report.ok(), "checks": report.checks }));
    Ok(if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn audit(dir: &DataDir, limit: u32, out: &Output) -> anyhow::Result<ExitCode> {
    let vault = open(dir, Access::Shared)?;
    let entries = vault.audit_log(limit)?;
    let human = entries
        .iter()
        .map(|e| format!("{}  {:<20} {}", e.at, e.event, e.detail))
        .collect::<Vec<_>>()
        .join("\n");
    out.print(&human, json!({ "events": entries }));
    Ok(ExitCode::SUCCESS)
}

fn rotate(dir: &DataDir, out: &Output) -> anyhow::Result<ExitCode> {
    let unlock = unlock_for(dir)?;
    let pass = match &unlock {
        Unlock::Passphrase(p) => Some(p.clone()),
        Unlock::Keychain => None,
    };
    let now = Utc::now();
    let mut vault = Vault::open_with(dir, unlock, Access::Exclusive, now)?;
    vault.rotate_key(pass.as_ref(), now)?;
    out.print(
        "Rotated the vault key: the database is re-encrypted under a new random key.",
        json!({ "rotated": true, "vault_id": vault.id() }),
    );
    Ok(ExitCode::SUCCESS)
}

fn recover(dir: &DataDir, kit_path: &Path, out: &Output) -> anyhow::Result<ExitCode> {
    let kit = RecoveryKit::read(kit_path)?;
    let new_pass = match dir.presence() {
        Presence::Vault {
            key_mode: KeyMode::Passphrase,
        } => Some(prompt::passphrase("New vault passphrase: ", true)?),
        _ => None,
    };
    let vault = Vault::recover(dir, &kit, new_pass, Utc::now())?;
    let human = match vault.key_mode() {
        KeyMode::Keychain => "Recovered: the vault key is back in the OS keychain.",
        KeyMode::Passphrase => "Recovered: the vault key is now protected by the new passphrase.",
    };
    out.print(
        human,
        json!({ "recovered": true, "vault_id": vault.id(), "key_mode": vault.key_mode() }),
    );
    Ok(ExitCode::SUCCESS)
}

fn recipient(dir: &DataDir, out: &Output) -> anyhow::Result<ExitCode> {
    let recipient = open(dir, Access::Shared)?.recipient()?;
    out.print(&recipient, json!({ "recipient": recipient }));
    Ok(ExitCode::SUCCESS)
}

fn export_kit(dir: &DataDir, path: &Path, out: &Output) -> anyhow::Result<ExitCode> {
    check_new_file(path)?;
    let vault = open(dir, Access::Shared)?;
    vault.export_kit(path, Utc::now())?;
    out.print(
        &format!("Recovery kit saved to {} (readable only by you).", path.display()),
        json!({ "kit_path": path }),
    );
    Ok(ExitCode::SUCCESS)
}

fn rotate_kit(dir: &DataDir, path: &Path, out: &Output) -> anyhow::Result<ExitCode> {
    check_new_file(path)?;
    let mut vault = open(dir, Access::Shared)?;
    let kit = vault.rotate_kit(path, Utc::now())?;
    out.print(
        &format!(
            "New recovery kit saved to {} (recipient {}).\n\
             Keep your OLD kit too: backups made before today were encrypted to it and still need it.",
            path.display(),
            kit.recipient()
        ),
        json!({ "kit_path": path, "recipient": kit.recipient(), "old_backups_need_old_kit": true }),
    );
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn open(dir: &DataDir, access: Access) -> anyhow::Result<Vault> {
    Ok(Vault::open_with(dir, unlock_for(dir)?, access, Utc::now())?)
}

/// Keychain vaults unlock by themselves; passphrase vaults ask.
pub(crate) fn unlock_for(dir: &DataDir) -> anyhow::Result<Unlock> {
    Ok(match dir.presence() {
        Presence::Vault {
            key_mode: KeyMode::Passphrase,
        } => Unlock::Passphrase(prompt::passphrase("Vault passphrase: ", false)?),
        _ => Unlock::Keychain,
    })
}

/// Refuses a kit path that exists or whose folder does not, before anything is created.
fn check_new_file(path: &Path) -> anyhow::Result<()> {
    if path.exists() {
        bail!(
            "{} already exists; choose a new file for the recovery kit",
            path.display()
        );
    }
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !parent.is_dir() {
        bail!(
            "the folder {} does not exist; create it or choose another place for the kit",
            parent.display()
        );
    }
    Ok(())
}
