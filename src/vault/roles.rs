//! Connections by role, for a process that keeps the vault open while long work runs
//! beside the short commands a person is waiting for (the desktop app).
//!
//! SQLite in WAL mode lets readers read beside one writer, each seeing the last commit.
//! So a [`VaultRoles`] gives out three kinds of access: a pooled read-only connection
//! ([`VaultRoles::reader`]) that never waits on a writer; the vault itself as the writer
//! ([`VaultRoles::writer`]), held for one short transaction; and, for long work (a WHOOP
//! sync, a backup), a handle of its own ([`VaultRoles::for_long_work`]) that holds no lock
//! across network or file I/O and takes the writer's turn ([`Vault::writer_turn`]) only
//! to commit a page. The turn is first come, first served, so long work committing page
//! after page lets a set being logged in after at most one page.
//!
//! Work that needs the vault alone (restore, key rotation, wipe) takes it back with
//! [`VaultRoles::into_vault`], which closes the readers; handles for long work hold a
//! shared lock of their own, so that work must have ended (or been cancelled) first.

use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::ThreadId;

use rusqlite::Connection;

use super::datadir::VaultMeta;
use super::{Access, DataDir, Vault, VaultError, db, lock::VaultLock};
use crate::keys::DbKey;

/// Read connections kept open between reads; more are opened when reads overlap.
pub const IDLE_READERS: usize = 4;

/// Whose turn it is to write to one vault, shared by every handle of one process: a
/// ticket queue, so turns are given strictly in the order they were asked for (a fair
/// mutex that spins before queueing let a busy loop slip in up to three batches under
/// load). A thread that holds the turn may take it again, so long work run through the
/// writer cannot deadlock on itself.
#[derive(Debug, Clone, Default)]
pub struct WriterTurn(Arc<(Mutex<Queue>, Condvar)>);

/// The tickets handed out and the one being served.
#[derive(Debug, Default)]
struct Queue {
    next: u64,
    serving: u64,
    holder: Option<ThreadId>,
    depth: u32,
}

impl WriterTurn {
    /// Waits for the turn (behind whoever asked first) and holds it until dropped.
    pub(crate) fn take(&self) -> Turn<'_> {
        let (queue, called) = &*self.0;
        let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
        let me = std::thread::current().id();
        if q.holder != Some(me) {
            let ticket = q.next;
            q.next += 1;
            while q.serving != ticket {
                q = called.wait(q).unwrap_or_else(PoisonError::into_inner);
            }
            q.holder = Some(me);
        }
        q.depth += 1;
        Turn {
            turn: self,
            _same_thread: PhantomData,
        }
    }
}

/// A held turn to write; the next in the queue gets it when this drops.
#[derive(Debug)]
pub struct Turn<'a> {
    turn: &'a WriterTurn,
    /// Released on the thread that took it.
    _same_thread: PhantomData<*const ()>,
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let (queue, called) = &*self.turn.0;
        let mut q = queue.lock().unwrap_or_else(PoisonError::into_inner);
        q.depth -= 1;
        if q.depth == 0 {
            q.holder = None;
            q.serving += 1;
            called.notify_all();
        }
    }
}

impl Vault {
    /// Waits for this process's turn to write and holds it until dropped. Long work takes
    /// it around each commit; a lone process (the CLI) never waits on it.
    pub fn writer_turn(&self) -> Turn<'_> {
        self.turn.take()
    }
}

/// An open vault shared by short commands and long work; see the module documentation.
#[derive(Debug)]
pub struct VaultRoles {
    writer: Mutex<Vault>,
    turn: WriterTurn,
    dir: DataDir,
    meta: VaultMeta,
    key: DbKey,
    idle: Mutex<Vec<Connection>>,
}

impl VaultRoles {
    /// Shares `vault`: it becomes the writer, and readers open with its key on demand.
    pub fn new(vault: Vault) -> Self {
        Self {
            turn: vault.turn.clone(),
            dir: vault.dir.clone(),
            meta: vault.meta.clone(),
            key: vault.key.duplicate(),
            writer: Mutex::new(vault),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// The vault's id, without waiting for the writer.
    pub fn id(&self) -> &str {
        &self.meta.vault_id
    }

    /// A read-only connection (`query_only`), seeing the last commit; back to the pool
    /// when dropped.
    pub fn reader(&self) -> Result<Reader<'_>, VaultError> {
        let pooled = self.idle.lock().unwrap_or_else(PoisonError::into_inner).pop();
        let conn = match pooled {
            Some(conn) => conn,
            None => {
                let conn = db::open(&self.dir.database(), &self.key, db::Create::Existing)?;
                conn.execute_batch("PRAGMA query_only = ON;")?;
                conn
            }
        };
        Ok(Reader {
            conn: Some(conn),
            roles: self,
        })
    }

    /// A handle of its own for long work (a sync, a backup): its own connection and shared
    /// lock, the same writer's turn ([`Vault::writer_turn`]). Dropping it closes them.
    pub fn for_long_work(&self) -> Result<Vault, VaultError> {
        let lock = VaultLock::acquire(&self.dir, Access::Shared)?;
        let conn = db::open(&self.dir.database(), &self.key, db::Create::Existing)?;
        Ok(Vault {
            dir: self.dir.clone(),
            meta: self.meta.clone(),
            conn,
            key: self.key.duplicate(),
            access: Access::Shared,
            turn: self.turn.clone(),
            _lock: lock,
        })
    }

    /// The writer, after whoever asked first: hold it for one short transaction.
    pub fn writer(&self) -> Writer<'_> {
        let turn = self.turn.take();
        // A panic in a command cannot leave a transaction half-written (rusqlite rolls an
        // unfinished one back on drop), so a poisoned lock is used as is.
        let vault = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        Writer { vault, _turn: turn }
    }

    /// Closes the readers and gives the vault back, for work that needs it alone.
    pub fn into_vault(self) -> Vault {
        drop(self.idle);
        self.writer.into_inner().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A pooled read-only connection; see [`VaultRoles::reader`].
#[derive(Debug)]
pub struct Reader<'a> {
    conn: Option<Connection>,
    roles: &'a VaultRoles,
}

impl Deref for Reader<'_> {
    type Target = Connection;

    fn deref(&self) -> &Connection {
        self.conn
            .as_ref()
            .expect("a reader holds its connection until dropped")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        let mut idle = self.roles.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < IDLE_READERS {
            idle.push(conn);
        }
    }
}

/// The vault, held as the writer; see [`VaultRoles::writer`].
#[derive(Debug)]
pub struct Writer<'a> {
    vault: MutexGuard<'a, Vault>,
    _turn: Turn<'a>,
}

impl Deref for Writer<'_> {
    type Target = Vault;

    fn deref(&self) -> &Vault {
        &self.vault
    }
}

impl DerefMut for Writer<'_> {
    fn deref_mut(&mut self) -> &mut Vault {
        &mut self.vault
    }
}
