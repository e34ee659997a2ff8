//! `backup create`: image in memory, sealed with age, written to a temp file beside the
//! target, fsynced, renamed into place, `0600`.
//!
//! The vault's own recovery recipient always receives the backup, unless it is a
//! passphrase backup (age forbids mixing scrypt with recipients); coach recipients are
//! added on request. The temp file only ever holds ciphertext.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use serde::Serialize;

use super::image::{self, ManifestFacts};
use super::{BackupError, Manifest, crypt, folder};
use crate::keys::passphrase;
use crate::vault::audit::{self, AuditEvent};
use crate::vault::{Vault, WriterTurn, files, identity};

/// The write buffer between age's 64 KiB chunks and the file: few, large `write`s.
const WRITE_BUFFER: usize = 1 << 20;
/// The most coach recipients one backup may have.
pub const MAX_RECIPIENTS: usize = 32;

/// How a new backup is protected.
#[derive(Debug)]
pub enum Sealing {
    /// To the vault's own recovery recipient plus these coach `age1…` recipients.
    Recipients(Vec<String>),
    /// With a passphrase alone.
    Passphrase(SecretString),
}

/// What to back up, and where.
#[derive(Debug)]
pub struct BackupRequest {
    /// How it is sealed.
    pub sealing: Sealing,
    /// The file to write; `None` for a new file in the backups folder.
    pub out: Option<PathBuf>,
    /// ASCII armor (for mail).
    pub armor: bool,
    /// Leave out the audit log (a backup for a coach).
    pub for_coach: bool,
    /// An automatic backup (named so that `prune` may delete it).
    pub automatic: bool,
}

/// A backup that was written.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct BackupReceipt {
    /// Where it was written.
    pub path: String,
    /// Its size in bytes (f64-safe: far below 2^53).
    pub bytes: u64,
    /// How many age recipients can read it (0 for a passphrase backup).
    pub recipients: u32,
    /// Its manifest.
    pub manifest: Manifest,
}

/// Parses coach recipients (bounded, each an X25519 `age1…` key).
pub fn parse_recipients(list: &[String]) -> Result<Vec<age::x25519::Recipient>, BackupError> {
    if list.len() > MAX_RECIPIENTS {
        return Err(BackupError::BadRecipient(format!(
            "{} recipients (at most {MAX_RECIPIENTS})",
            list.len()
        )));
    }
    list.iter()
        .map(|r| {
            let r = r.trim();
            r.parse::<age::x25519::Recipient>()
                .map_err(|_| BackupError::BadRecipient(r.chars().take(80).collect()))
        })
        .collect()
}

impl Vault {
    /// Writes a new encrypted backup of the vault.
    pub fn create_backup(
        &mut self,
        request: &BackupRequest,
        now: DateTime<Utc>,
    ) -> Result<BackupReceipt, BackupError> {
        Source::of(self).create(request, now)
    }
}

/// What a backup is made from: the vault's connection, its data dir and its id, and the
/// writer's turn of its process. Code that holds only the connection (the CLI's training
/// commands, a lone process) builds one with [`Source::from_conn`].
pub(crate) struct Source<'a> {
    pub conn: &'a rusqlite::Connection,
    pub root: PathBuf,
    pub vault_id: String,
    /// Taken around the audit row: a backup runs as long work beside the writer (the
    /// desktop app), and a write outside the turn makes a set being logged at that moment
    /// fail with "database is locked" (its transaction has read already, so SQLite cannot
    /// wait for the lock) — BENCHMARKS.md, "Beside long work".
    pub turn: Option<&'a WriterTurn>,
}

impl<'a> Source<'a> {
    /// The source of an open vault.
    pub fn of(vault: &'a Vault) -> Self {
        Self {
            conn: &vault.conn,
            root: vault.dir.path().to_path_buf(),
            vault_id: vault.meta.vault_id.clone(),
            turn: Some(&vault.turn),
        }
    }

    /// The source behind a vault connection: its data dir is the folder of its
    /// `vault.db`, its id the one recorded there.
    pub fn from_conn(conn: &'a rusqlite::Connection) -> Result<Self, BackupError> {
        let database = conn
            .path()
            .filter(|p| !p.is_empty())
            .map(PathBuf::from)
            .filter(|p| p.file_name().is_some_and(|n| n == "vault.db"))
            .ok_or(BackupError::NotAVault)?;
        let root = database.parent().ok_or(BackupError::NotAVault)?.to_path_buf();
        let vault_id = crate::vault::DataDir::at(root.clone()).read_meta()?.vault_id;
        Ok(Self {
            conn,
            root,
            vault_id,
            turn: None,
        })
    }

    /// Writes a new encrypted backup.
    pub fn create(&self, request: &BackupRequest, now: DateTime<Utc>) -> Result<BackupReceipt, BackupError> {
        let conn = self.conn;
        let mut recipients = Vec::new();
        match &request.sealing {
            Sealing::Recipients(coaches) => {
                let own = identity::active(conn)?.recipient();
                recipients = parse_recipients(&[vec![own], coaches.clone()].concat())?;
                let mut seen = std::collections::BTreeSet::new();
                recipients.retain(|r| seen.insert(r.to_string()));
            }
            Sealing::Passphrase(pass) => passphrase::check_strength(pass, &[&self.vault_id], now)
                .map_err(|e| BackupError::WeakPassphrase(e.to_string()))?,
        }
        let target = match &request.out {
            Some(path) => path.clone(),
            None => {
                let folder = folder::backups_dir_of(conn, &self.root)?;
                folder::prepare_folder(&folder)?;
                folder.join(folder::file_name(
                    &self.vault_id,
                    request.automatic,
                    request.armor,
                    now,
                ))
            }
        };
        if target.exists() {
            return Err(BackupError::Exists(target));
        }
        let facts = ManifestFacts {
            vault_id: &self.vault_id,
            created_at: now.to_rfc3339(),
            for_coach: request.for_coach,
        };
        let db = image::ImageDb::new()?;
        let sealed = image::build(conn, &db, &facts).and_then(|manifest| {
            let seal = match &request.sealing {
                Sealing::Recipients(_) => crypt::Seal::Recipients(&recipients),
                Sealing::Passphrase(pass) => crypt::Seal::Passphrase(pass),
            };
            let mut reader = db.reader()?;
            let plain = reader.serialize("main")?;
            write_sealed(&target, &plain, seal, request.armor).map(|bytes| (manifest, bytes))
        });
        let detached = conn.execute_batch("DETACH DATABASE image;");
        let (manifest, bytes) = sealed?;
        detached?;
        let count = u32::try_from(recipients.len()).unwrap_or(u32::MAX);
        let turn = self.turn.map(WriterTurn::take);
        audit::record(
            conn,
            now,
            &AuditEvent::BackupCreated {
                recipients: recipients.len(),
            },
        )?;
        drop(turn);
        tracing::info!(
            recipients = count,
            bytes,
            for_coach = request.for_coach,
            "backup written"
        );
        Ok(BackupReceipt {
            path: target.display().to_string(),
            bytes,
            recipients: count,
            manifest,
        })
    }
}

/// Encrypts into `target.tmp` (0600), fsyncs, renames. Removes the temp file on failure.
fn write_sealed(target: &Path, plain: &[u8], seal: crypt::Seal<'_>, armor: bool) -> Result<u64, BackupError> {
    let tmp = files::sibling(target, ".tmp");
    let file = files::create_private(&tmp).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => BackupError::Exists(tmp.clone()),
        _ => BackupError::io("create", &tmp, e),
    })?;
    let result = crypt::seal(plain, seal, armor, BufWriter::with_capacity(WRITE_BUFFER, file)).and_then(
        |mut writer| {
            writer.flush().map_err(|e| BackupError::io("write", &tmp, e))?;
            let file = writer
                .into_inner()
                .map_err(|e| BackupError::io("write", &tmp, e.into_error()))?;
            file.sync_all().map_err(|e| BackupError::io("sync", &tmp, e))?;
            let len = file
                .metadata()
                .map_err(|e| BackupError::io("inspect", &tmp, e))?
                .len();
            files::rename_durably(&tmp, target).map_err(|e| BackupError::io("rename", target, e))?;
            Ok(len)
        },
    );
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
