//! Schema migrations: append-only SQL files in `migrations/`, embedded at compile time.
//!
//! All pending migrations run in one transaction, so a failure leaves the schema exactly as
//! it was. The version is kept twice: in `PRAGMA user_version` (what SQLite checks cheaply)
//! and in the `vault_meta` table (what survives `sqlcipher_export` into a backup). A vault
//! whose version is newer than [`LATEST`] is refused untouched.
//!
//! Foreign keys are off while migrations run, as SQLite's procedure for rebuilding a table
//! requires (with them on, dropping the old copy of a referenced table would cascade its
//! deletes into the tables that reference it); `PRAGMA foreign_key_check` must find nothing
//! before the transaction commits, and the connection's setting is restored after.

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
    Migration {
        version: 11,
        sql: include_str!("../../migrations/0011_global_ids.sql"),
    },
    Migration {
        version: 12,
        sql: include_str!("../../migrations/0012_sync_capture.sql"),
    },
    Migration {
        version: 13,
        sql: include_str!("../../migrations/0013_sync_devices.sql"),
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
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |row| row.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let applied = apply(conn, migrations, current);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    applied?;
    Ok(latest)
}

/// Runs the migrations past `current` in one transaction, with foreign keys off, and commits
/// only if they left no reference dangling that was not dangling before.
fn apply(conn: &mut Connection, migrations: &[Migration], current: u32) -> Result<(), VaultError> {
    let tx = conn.transaction()?;
    let dangling_before = dangling_references(&tx)?;
    let mut last = current;
    for migration in migrations.iter().filter(|m| m.version > current) {
        last = migration.version;
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
    if dangling_references(&tx)? > dangling_before {
        return Err(VaultError::Migration {
            version: last,
            source: rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some("the migration left a row referencing a row that does not exist".into()),
            ),
        });
    }
    tx.commit()?;
    Ok(())
}

/// How many rows reference a row that does not exist (foreign keys are checked on every
/// write, so this is 0 unless the vault was damaged outside the app).
fn dangling_references(conn: &Connection) -> rusqlite::Result<usize> {
    let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while rows.next()?.is_some() {
        count += 1;
    }
    Ok(count)
}
