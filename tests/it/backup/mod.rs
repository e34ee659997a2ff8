//! Encrypted backups: round trips for every sealing, interop with the stock `age` and
//! `sqlite3` tools, hostile and damaged input, crash-safe restore, retention, wipe.

mod auto;
mod cli;
mod folder_safety;
mod hostile;
mod hostile_rows;
mod interop;
mod restore;
mod retention;
mod roundtrip;
mod whose_kit;
mod work_factor;

use std::path::{Path, PathBuf};
use std::process::Command;

use ironkeep::backup::{BackupReceipt, BackupRequest, Sealing};
use ironkeep::vault::Access;
use ironkeep::{Unlock, Vault};

use crate::harness::{Sandbox, now};

/// A WHOOP token planted in test vaults; must never appear in a backup image.
pub const TOKEN: &str = "tok-access-never-in-a-backup-7f3a";
/// A WHOOP client secret planted in test vaults.
pub const CLIENT_SECRET: &str = "client-secret-never-in-a-backup-91c2";

/// `init` and open the vault exclusively.
pub fn vault(sb: &Sandbox) -> (Vault, PathBuf) {
    let kit = sb.init();
    let vault =
        Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).expect("open the new vault");
    (vault, kit)
}

/// Plants an exercise, a WHOOP cycle and a WHOOP connection with tokens.
pub fn seed(vault: &Vault, exercise: &str) {
    let conn = vault.conn();
    conn.execute(
        "INSERT INTO exercise (name, name_key, kind, equipment) VALUES (?1, lower(?1), 'weight_reps', 'barbell')",
        [exercise],
    )
    .unwrap();
    conn.execute_batch(&format!(
        "INSERT OR REPLACE INTO whoop_account (id, client_id, client_secret, redirect_uri, state, access_token,
             refresh_token, access_expires_at, updated_at)
         VALUES (1, 'client-id', '{CLIENT_SECRET}', 'http://127.0.0.1/cb', 'connected', '{TOKEN}',
             'refresh-{TOKEN}', '2026-11-02T00:00:00Z', '2026-11-01T00:00:00Z');
         INSERT OR IGNORE INTO whoop_cycle (id, user_id, start, start_ms, timezone_offset, score_state,
             created_at, updated_at, raw)
         VALUES (1, 7, '2026-10-01T00:00:00Z', 1759276800000, '+00:00', 'SCORED', 'x', 'x', '{{}}');"
    ))
    .unwrap();
}

/// Whether the vault holds an exercise of this name.
pub fn has_exercise(vault: &Vault, name: &str) -> bool {
    vault
        .conn()
        .query_row("SELECT count(*) FROM exercise WHERE name = ?1", [name], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap()
        > 0
}

/// Rows in a table.
pub fn rows(conn: &rusqlite::Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

/// A backup to the vault's own recipient (plus `coaches`) at `out`.
pub fn backup(vault: &mut Vault, out: &Path, coaches: &[String], for_coach: bool) -> BackupReceipt {
    let request = BackupRequest {
        sealing: Sealing::Recipients(coaches.to_vec()),
        out: Some(out.to_owned()),
        armor: false,
        for_coach,
        automatic: false,
    };
    vault.create_backup(&request, now()).expect("create a backup")
}

/// Runs a stock tool; panics with its stderr when it fails.
pub fn tool(program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The whole data dir's bytes, to show that nothing changed.
pub fn snapshot(sb: &Sandbox) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = sb.files();
    files.retain(|(p, _)| !p.starts_with(sb.data().join("logs")));
    files.sort();
    files
}
