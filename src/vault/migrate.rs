//! Schema migrations: append-only SQL files in `migrations/`, embedded at compile time.
//!
//! All pending migrations run in one transaction, so a failure leaves the schema exactly as
//! it was. The version is kept twice: in `PRAGMA user_version` (what SQLite checks cheaply)
//! and in the `vault_meta` table (what survives `sqlcipher_export` into a backup). A vault
//! whose version is newer than [`LATEST`] is refused untouched.

use rusqlite::Connection;

use super::VaultError;

/// One migration file.
#[derive(Debug)]
pub struct Migration {
    /// Its version, counting from 1.
    pub version: u32,
    /// The SQL it runs.
    pub sql: &'static str,
}

/// Every migration, in order. Never edit one that has shipped; add a new file.
pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: include_str!("../../migrations/0001_vault.sql"),
    },
    Migration {
        version: 2,
        sql: include_str!("../../migrations/0002_training.sql"),
    },
    Migration {
        version: 3,
        sql: include_str!("../../migrations/0003_whoop.sql"),
    },
    Migration {
        version: 4,
        sql: include_str!("../../migrations/0004_catalog.sql"),
    },
    Migration {
        version: 5,
        sql: include_str!("../../migrations/0005_body.sql"),
    },
    Migration {
        version: 6,
        sql: include_str!("../../migrations/0006_import_runs.sql"),
    },
    Migration {
        version: 7,
        sql: include_str!("../../migrations/0007_whoop_match.sql"),
    },
    Migration {
        version: 8,
        sql: include_str!("../../migrations/0008_journal.sql"),
    },
    Migration {
        version: 9,
        sql: include_str!("../../migrations/0009_whoop_reads.sql"),
    },
    Migration {
        version: 10,
        sql: include_str!("../../migrations/0010_programs.sql"),
    },
];

/// The schema version this binary writes.
pub const LATEST: u32 = MIGRATIONS[MIGRATIONS.len() - 1].version;

/// The schema version of an open database.
pub fn version(conn: &Connection) -> Result<u32, VaultError> {
    Ok(conn.query_row("PRAGMA user_version", [], |row| row.get(0))?)
}

/// Brings the schema up to [`LATEST`]; refuses a newer one.
pub fn run(conn: &mut Connection) -> Result<u32, VaultError> {
    run_list(conn, MIGRATIONS)
}

/// Applies `migrations` past the current version, all or nothing.
pub fn run_list(conn: &mut Connection, migrations: &[Migration]) -> Result<u32, VaultError> {
    let current = version(conn)?;
    let latest = migrations.last().map_or(0, |m| m.version);
    if current > latest {
        return Err(VaultError::NewerSchema {
            found: current,
            supported: latest,
        });
    }
    if current == latest {
        return Ok(current);
    }
    let tx = conn.transaction()?;
    for migration in migrations.iter().filter(|m| m.version > current) {
        tx.execute_batch(migration.sql)
            .and_then(|()| {
                tx.execute(
                    "INSERT INTO vault_meta (key, value) VALUES ('schema_version', ?1)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    [migration.version.to_string()],
                )
            })
            .and_then(|_| tx.pragma_update(None, "user_version", migration.version))
            .map_err(|source| VaultError::Migration {
                version: migration.version,
                source,
            })?;
    }
    tx.commit()?;
    Ok(latest)
}
