//! Opening the SQLCipher database with a raw key, and the pragmas every connection gets.
//!
//! `PRAGMA key` is the first statement on every connection; a wrong key shows up as
//! `SQLITE_NOTADB` on the first read and becomes [`VaultError::WrongKey`] before anything
//! is written. The database file is created `0600` before SQLCipher opens it, and SQLite
//! gives the WAL and SHM files the same mode.
//!
//! `cipher_memory_security` stays at SQLCipher's default (off): locking and wiping every
//! SQLite allocation halved WHOOP ingest speed, while the secrets themselves (the key, the
//! kit, tokens) already live in zeroizing types; a swapped-out page is the OS's to protect
//! (encrypted swap).
//!
//! Each connection keeps up to 8 MiB of decrypted pages (`cache_size`; SQLite's default is
//! 2 MiB). Every page read from disk is decrypted and its HMAC checked, so a view that
//! reads the whole training log (Insights over all time: 75,000 sets in ten years) took
//! about three times as long when its pages did not fit and were decrypted again on every
//! visit (BENCHMARKS.md). The cache fills only with pages actually read.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::{VaultError, files};
use crate::keys::DbKey;

/// How long a connection waits for another writer before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether to create the database file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Create {
    /// Create a new, empty database; it must not exist.
    New,
    /// Open an existing database; never create one.
    Existing,
}

/// Opens the database at `path` with `key` and applies the standard pragmas.
pub fn open(path: &Path, key: &DbKey, create: Create) -> Result<Connection, VaultError> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    match create {
        Create::New => {
            files::create_private(path).map_err(|e| VaultError::io("create", path, e))?;
        }
        Create::Existing if !path.exists() => {
            return Err(VaultError::io(
                "open",
                path,
                std::io::Error::new(std::io::ErrorKind::NotFound, "the database file is missing"),
            ));
        }
        Create::Existing => {}
    }
    flags |= OpenFlags::SQLITE_OPEN_EXRESCODE;
    let conn = Connection::open_with_flags(path, flags)?;
    apply_key(&conn, key)?;
    check_key(&conn)?;
    conn.execute_batch(
        "PRAGMA foreign_keys = ON;
         PRAGMA secure_delete = ON;
         PRAGMA trusted_schema = OFF;
         PRAGMA journal_mode = WAL;
         PRAGMA synchronous = FULL;
         PRAGMA cache_size = -8192;",
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Sets the key; the first statement that touches the database. SQLCipher's own logging
/// is silenced first: it would print page-level noise on stderr for a wrong key.
fn apply_key(conn: &Connection, key: &DbKey) -> Result<(), VaultError> {
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    let statement = zeroize::Zeroizing::new(format!("PRAGMA key = {};", key.pragma_literal().as_str()));
    conn.execute_batch(&statement)?;
    Ok(())
}

/// Reads the schema so a wrong key fails here, before anything is written.
fn check_key(conn: &Connection) -> Result<(), VaultError> {
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |row| {
        row.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(()),
        Err(rusqlite::Error::SqliteFailure(err, _)) if err.code == ErrorCode::NotADatabase => {
            Err(VaultError::WrongKey)
        }
        Err(err) => Err(err.into()),
    }
}

/// Re-encrypts the whole database under `key` (`PRAGMA rekey`).
pub fn rekey(conn: &Connection, key: &DbKey) -> Result<(), VaultError> {
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    let statement = zeroize::Zeroizing::new(format!("PRAGMA rekey = {};", key.pragma_literal().as_str()));
    conn.execute_batch(&statement)?;
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
    Ok(())
}
