//! `doctor`: every check that can tell a user their vault is not as it should be.
//!
//! File modes are read before the vault is opened (opening repairs them), then the
//! keychain, the key, SQLite's and SQLCipher's integrity checks, foreign keys, the schema
//! version, and whether the recovery kit's wrapped key still matches the key that opens
//! the database.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{DataDir, KeyMode, Unlock, Vault, VaultError, files, identity, migrate};
use crate::keys::keychain;

/// One check and its outcome.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Check {
    /// What was checked.
    pub name: String,
    /// Whether it passed.
    pub ok: bool,
    /// What was found.
    pub detail: String,
}

/// Every check, in order.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DoctorReport {
    /// The checks.
    pub checks: Vec<Check>,
}

impl DoctorReport {
    /// Whether every check passed.
    pub fn ok(&self) -> bool {
        self.checks.iter().all(|c| c.ok)
    }

    fn push(&mut self, name: &str, outcome: Result<String, String>) {
        let (ok, detail) = match outcome {
            Ok(detail) => (true, detail),
            Err(detail) => (false, detail),
        };
        self.checks.push(Check {
            name: name.to_owned(),
            ok,
            detail,
        });
    }
}

/// Runs every check on the vault in `dir`.
pub fn run(dir: &DataDir, unlock: Unlock, now: DateTime<Utc>) -> Result<DoctorReport, VaultError> {
    let meta = dir.read_meta()?;
    let mut report = DoctorReport { checks: Vec::new() };
    let drift = files::mode_drift(dir.path()).map_err(|e| VaultError::io("inspect", dir.path(), e))?;
    report.push(
        "file modes",
        if drift.is_empty() {
            Ok("folder 0700, every file 0600".to_owned())
        } else {
            Err(drift
                .iter()
                .map(|d| format!("{} is {:o}, should be {:o}", d.path.display(), d.mode, d.expected))
                .collect::<Vec<_>>()
                .join("; ")
                + " (repaired on open)")
        },
    );
    if meta.key_mode == KeyMode::Keychain {
        report.push(
            "keychain",
            keychain::probe()
                .map(|()| "reachable".to_owned())
                .map_err(|e| e.to_string()),
        );
    }
    let vault = match Vault::open(dir, unlock, now) {
        Ok(vault) => {
            report.push(
                "unlock",
                Ok(format!("the {} key opens the database", meta.key_mode)),
            );
            vault
        }
        Err(err) => {
            report.push("unlock", Err(err.to_string()));
            return Ok(report);
        }
    };
    report.push("integrity", integrity(&vault));
    report.push("cipher integrity", cipher_integrity(&vault));
    report.push("foreign keys", foreign_keys(&vault));
    report.push(
        "schema",
        match migrate::version(vault.conn()) {
            Ok(v) if v == migrate::LATEST => Ok(format!("version {v}")),
            Ok(v) => Err(format!("version {v}, expected {}", migrate::LATEST)),
            Err(e) => Err(e.to_string()),
        },
    );
    report.push("recovery kit", kit_matches(&vault));
    Ok(report)
}

fn integrity(vault: &Vault) -> Result<String, String> {
    let result: String = vault
        .conn()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if result == "ok" {
        Ok("ok".to_owned())
    } else {
        Err(result)
    }
}

/// Every reference resolves (a row restored or written with foreign keys off could dangle).
fn foreign_keys(vault: &Vault) -> Result<String, String> {
    let mut stmt = vault
        .conn()
        .prepare("SELECT \"table\", count(*) FROM pragma_foreign_key_check GROUP BY 1 ORDER BY 1 LIMIT 10")
        .map_err(|e| e.to_string())?;
    let dangling: Vec<String> = stmt
        .query_map([], |r| {
            Ok(format!("{} in {}", r.get::<_, i64>(1)?, r.get::<_, String>(0)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| e.to_string())?;
    if dangling.is_empty() {
        Ok("every reference resolves".to_owned())
    } else {
        Err(format!(
            "rows refer to rows that do not exist: {}",
            dangling.join(", ")
        ))
    }
}

fn cipher_integrity(vault: &Vault) -> Result<String, String> {
    let mut stmt = vault
        .conn()
        .prepare("PRAGMA cipher_integrity_check")
        .map_err(|e| e.to_string())?;
    let problems: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .and_then(|rows| rows.collect())
        .map_err(|e| e.to_string())?;
    if problems.is_empty() {
        Ok("every page authenticates".to_owned())
    } else {
        Err(problems.join("; "))
    }
}

fn kit_matches(vault: &Vault) -> Result<String, String> {
    let kit = identity::active(vault.conn()).map_err(|e| e.to_string())?;
    let wrapped = std::fs::read(vault.dir().kit_wrapped_key()).map_err(|e| format!("key.kit.age: {e}"))?;
    match kit.unwrap(&wrapped) {
        Ok(key) if key.same_as(&vault.key) => {
            Ok(format!("key.kit.age opens the vault ({})", kit.recipient()))
        }
        Ok(_) => Err("key.kit.age holds a different key than the one that opens the vault".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}
