//! An import as a run of short batches, so a set being logged never waits for more than
//! one of them, and the bookkeeping that keeps "an interrupted import writes nothing"
//! true although batches are committed one by one.
//!
//! A `Run` is one `import_run` row, `running` from its first batch until its last one
//! marks it `done` in the same transaction; the sessions, sets and exercises it creates
//! carry its id. Each batch takes the writer's turn ([`Vault::writer_turn`]) and commits
//! after [`BATCH_ROWS`] rows or [`BATCH_BUDGET`] of work, whichever comes first. While a
//! run is alive its process holds an exclusive lock on `import-<token>.lock` in the data
//! directory. Cancelling, or an error after the first batch, removes what the batches
//! wrote in one transaction (`undo`); a process that dies mid-import leaves its run
//! `running` and its lock file unheld, and the next open of the vault removes it
//! (`settle`). A dry run is one batch that is never committed.

use std::fs::{File, TryLockError};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, ErrorCode, params};

use super::{Format, ImportError};
use crate::training::records::refresh;
use crate::training::{Atomic, TrainingError, stamp};
use crate::vault::{Turn, Vault, files};

/// The most rows one batch writes.
pub const BATCH_ROWS: usize = 1000;
/// The most work one batch does before it commits (checked between rows).
pub const BATCH_BUDGET: Duration = Duration::from_millis(10);

/// One import being written; see the module documentation.
pub(crate) struct Run<'v> {
    conn: &'v Connection,
    vault: Option<&'v Vault>,
    id: i64,
    dry_run: bool,
    lock: Option<RunLock>,
    open: Option<Batch<'v>>,
    relaxed: Option<Relaxed<'v>>,
}

/// A batch being written, and the writer's turn, held until it commits (dropped
/// unfinished, it rolls back before the turn is given back).
struct Batch<'v> {
    tx: Atomic<'v>,
    _turn: Option<Turn<'v>>,
    since: Instant,
    rows: usize,
}

impl<'v> Run<'v> {
    /// Starts an import into `conn`: `vault` gives the writer's turn and the data
    /// directory for the lock file (a bare connection that nothing else uses has
    /// neither).
    pub fn start(
        conn: &'v Connection,
        vault: Option<&'v Vault>,
        format: Format,
        dry_run: bool,
        now: DateTime<Utc>,
    ) -> Result<Run<'v>, ImportError> {
        let token = crate::keys::random_hex(8).map_err(|e| ImportError::Lock(e.to_string()))?;
        let lock = match vault {
            Some(vault) if !dry_run => Some(RunLock::take(vault, &token)?),
            _ => None,
        };
        let mut run = Run {
            conn,
            vault,
            id: 0,
            dry_run,
            lock,
            open: None,
            relaxed: None,
        };
        run.open()?;
        conn.execute(
            "INSERT INTO import_run (token, format, state, started_at) VALUES (?1, ?2, 'running', ?3)",
            params![token, format.as_str(), stamp(now)],
        )?;
        run.id = conn.last_insert_rowid();
        if !dry_run {
            run.commit()?;
            // Batches need not reach the disk one by one: the run is `running` until
            // its last batch, which commits with the usual `synchronous = FULL`, and a
            // run that a power cut left `running` is removed on the next open.
            run.relaxed = Some(Relaxed::hold(conn)?);
        }
        Ok(run)
    }

    /// The run's id, the tag on every row it creates.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// Before writing one row: opens a batch if none is open (waiting for the writer's
    /// turn), after committing the open one when it is full.
    pub fn row(&mut self) -> Result<(), ImportError> {
        self.row_with(|| Ok(()))
    }

    /// [`row`](Self::row), running `before_commit` in the open batch just before it is
    /// committed (for what the batch must leave behind, such as the record cache).
    pub fn row_with(
        &mut self,
        before_commit: impl FnOnce() -> Result<(), ImportError>,
    ) -> Result<(), ImportError> {
        if let Some(batch) = &self.open
            && !self.dry_run
            && (batch.rows >= BATCH_ROWS || batch.since.elapsed() >= BATCH_BUDGET)
        {
            before_commit()?;
            self.commit()?;
        }
        if self.open.is_none() {
            self.open()?;
        }
        if let Some(batch) = &mut self.open {
            batch.rows += 1;
        }
        Ok(())
    }

    /// Commits the open batch, if any, and gives the turn back.
    pub fn pause(&mut self) -> Result<(), ImportError> {
        if !self.dry_run && self.open.is_some() {
            self.commit()?;
        }
        Ok(())
    }

    /// The last batch: `last` runs in it, then the run is marked done and committed (in
    /// a dry run, everything is rolled back instead).
    pub fn finish<T>(
        mut self,
        now: DateTime<Utc>,
        last: impl FnOnce(&Connection) -> Result<T, ImportError>,
    ) -> Result<T, ImportError> {
        self.pause()?;
        self.relaxed = None;
        if self.open.is_none() {
            self.open()?;
        }
        let result = last(self.conn).and_then(|value| {
            self.conn.execute(
                "UPDATE import_run SET state = 'done', finished_at = ?2 WHERE id = ?1",
                params![self.id, stamp(now)],
            )?;
            // Imported sessions find the WHOOP workouts recorded during them.
            crate::matching::refresh(self.conn, now).map_err(crate::training::TrainingError::from)?;
            Ok(value)
        });
        match result {
            Ok(value) if self.dry_run => {
                self.rollback()?;
                Ok(value)
            }
            Ok(value) => {
                self.commit()?;
                if let Some(lock) = self.lock.take() {
                    lock.release();
                }
                Ok(value)
            }
            Err(err) => self.abandon(err),
        }
    }

    /// Ends the run with `err`, removing every batch it committed in one transaction.
    pub fn abandon<T>(mut self, err: ImportError) -> Result<T, ImportError> {
        if self.open.is_some() {
            self.rollback()?;
        }
        self.relaxed = None;
        if !self.dry_run {
            let _turn = self.vault.map(Vault::writer_turn);
            let tx = Atomic::begin(self.conn)?;
            undo(self.conn, self.id)?;
            tx.commit()?;
        }
        if let Some(lock) = self.lock.take() {
            lock.release();
        }
        Err(err)
    }

    fn open(&mut self) -> Result<(), ImportError> {
        let turn = self.vault.map(Vault::writer_turn);
        let tx = Atomic::begin(self.conn)?;
        if self.id != 0 {
            // The first statement writes, so the batch holds SQLite's write lock from its
            // start (no snapshot to go stale beside another process).
            self.conn.execute(
                "UPDATE import_run SET batches = batches + 1 WHERE id = ?1",
                [self.id],
            )?;
        }
        self.open = Some(Batch {
            tx,
            _turn: turn,
            since: Instant::now(),
            rows: 0,
        });
        Ok(())
    }

    fn commit(&mut self) -> Result<(), ImportError> {
        if let Some(batch) = self.open.take() {
            batch.tx.commit()?;
        }
        Ok(())
    }

    fn rollback(&mut self) -> Result<(), ImportError> {
        if let Some(batch) = self.open.take() {
            batch.tx.rollback()?;
        }
        Ok(())
    }
}

/// Removes what the run `id` wrote and the run itself (the caller holds a transaction):
/// its sets; its sessions and exercises, unless something else now uses them (a set
/// logged into an imported session since, a routine naming an imported exercise), in
/// which case they stay, untagged; then record flags of the exercises it touched are
/// recomputed. Returns how many sets it removed.
pub(crate) fn undo(conn: &Connection, id: i64) -> Result<usize, ImportError> {
    let touched: Vec<u32> = conn
        .prepare("SELECT DISTINCT exercise_id FROM session_set WHERE import_run = ?1")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let sets = conn.execute("DELETE FROM session_set WHERE import_run = ?1", [id])?;
    conn.execute(
        "DELETE FROM session WHERE import_run = ?1
           AND NOT EXISTS (SELECT 1 FROM session_set s WHERE s.session_id = session.id)",
        [id],
    )?;
    conn.execute("UPDATE session SET import_run = NULL WHERE import_run = ?1", [id])?;
    let exercises: Vec<u32> = conn
        .prepare("SELECT id FROM exercise WHERE import_run = ?1 ORDER BY id DESC")?
        .query_map([id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for exercise in exercises {
        match conn.execute("DELETE FROM exercise WHERE id = ?1", [exercise]) {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _)) if e.code == ErrorCode::ConstraintViolation => {
                conn.execute("UPDATE exercise SET import_run = NULL WHERE id = ?1", [exercise])?;
            }
            Err(e) => return Err(e.into()),
        }
    }
    conn.execute("DELETE FROM import_run WHERE id = ?1", [id])?;
    refresh(conn, &touched)?;
    Ok(sets)
}

/// Removes every run still `running` from `conn`, each as [`undo`] does, in one
/// transaction: for a backup's image, which must never hold a half-written import.
pub(crate) fn drop_unfinished(conn: &Connection) -> Result<usize, ImportError> {
    let running: Vec<i64> = conn
        .prepare("SELECT id FROM import_run WHERE state = 'running' ORDER BY id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let tx = Atomic::begin(conn)?;
    let mut sets = 0;
    for id in running {
        sets += undo(conn, id)?;
    }
    tx.commit()?;
    Ok(sets)
}

/// On opening the vault: removes every run left `running` by a process that died (its
/// lock file is not held), each in one transaction, and lock files nobody holds.
pub(crate) fn settle(vault: &Vault) -> Result<(), ImportError> {
    let conn = vault.conn();
    let running: Vec<(i64, String)> = conn
        .prepare("SELECT id, token FROM import_run WHERE state = 'running' ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, token) in running {
        // The schema already refuses any other token; a path is built from it only then.
        if !token_ok(&token) {
            continue;
        }
        let Some(lock) = RunLock::take_over(vault, &token)? else {
            continue;
        };
        let _turn = vault.writer_turn();
        let tx = Atomic::begin(conn)?;
        let sets = undo(conn, id)?;
        tx.commit()?;
        lock.release();
        tracing::warn!(sets, "removed the batches of an import that was interrupted");
    }
    let Ok(entries) = std::fs::read_dir(vault.dir().path()) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let token = name
            .to_str()
            .and_then(|n| n.strip_prefix("import-"))
            .and_then(|n| n.strip_suffix(".lock"));
        if let Some(token) = token.filter(|t| token_ok(t))
            && let Some(lock) = RunLock::take_over(vault, token)?
        {
            let live: bool = conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM import_run WHERE token = ?1 AND state = 'running')",
                [token],
                |r| r.get(0),
            )?;
            if !live {
                lock.release();
            }
        }
    }
    Ok(())
}

/// Sixteen lowercase hex digits, as [`Run::start`] makes them.
fn token_ok(token: &str) -> bool {
    token.len() == 16 && token.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The lock a live run holds on `import-<token>.lock`; the OS lets go when the process
/// dies, which is how the next open tells a crashed run from a running one.
struct RunLock {
    _file: File,
    path: PathBuf,
}

impl RunLock {
    fn path(vault: &Vault, token: &str) -> PathBuf {
        vault.dir().path().join(format!("import-{token}.lock"))
    }

    /// Creates and locks the file of a new run.
    fn take(vault: &Vault, token: &str) -> Result<RunLock, ImportError> {
        Self::take_over(vault, token)?.ok_or(ImportError::Training(TrainingError::Refused(
            "another import holds this import's lock",
        )))
    }

    /// Locks the file of `token` unless a live process holds it.
    fn take_over(vault: &Vault, token: &str) -> Result<Option<RunLock>, ImportError> {
        let path = Self::path(vault, token);
        let file = files::append_private(&path).map_err(|e| ImportError::Lock(e.to_string()))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(RunLock { _file: file, path })),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(ImportError::Lock(e.to_string())),
        }
    }

    /// Removes the file (the run is done or removed), then lets go of the lock.
    fn release(self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// `synchronous = NORMAL` on the import's connection while its batches commit, set back
/// when dropped.
struct Relaxed<'c> {
    conn: &'c Connection,
    before: i64,
}

impl<'c> Relaxed<'c> {
    fn hold(conn: &'c Connection) -> rusqlite::Result<Relaxed<'c>> {
        let before: i64 = conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        Ok(Relaxed { conn, before })
    }
}

impl Drop for Relaxed<'_> {
    fn drop(&mut self) {
        let _ = self
            .conn
            .execute_batch(&format!("PRAGMA synchronous = {}", self.before));
    }
}
