//! The vault shared by short commands and long work (`VaultRoles`): reads never wait on
//! the writer, the writer's turn is first come first served, and long work has a handle of
//! its own that must be gone before the vault can be had alone.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use ironkeep::backup::{BackupRequest, Sealing};
use ironkeep::vault::{Access, Unlock, Vault, VaultError, VaultRoles};

use crate::harness::{Sandbox, now};

fn shared(sb: &Sandbox) -> VaultRoles {
    sb.init();
    VaultRoles::new(Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap())
}

fn events(conn: &rusqlite::Connection, event: &str) -> u32 {
    conn.query_row("SELECT count(*) FROM audit_log WHERE event = ?1", [event], |r| {
        r.get(0)
    })
    .unwrap()
}

#[test]
fn a_read_never_waits_on_the_writer_and_sees_the_last_commit() {
    let sb = Sandbox::new();
    let roles = shared(&sb);
    let (held_tx, held_rx) = mpsc::channel();
    let (read_tx, read_rx) = mpsc::channel::<()>();
    let released = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (roles, released) = (&roles, &released);
        scope.spawn(move || {
            let writer = roles.writer();
            writer
                .conn()
                .execute_batch(
                    "BEGIN IMMEDIATE; INSERT INTO audit_log (at, event) VALUES ('x', 'pending_row');",
                )
                .unwrap();
            held_tx.send(()).unwrap();
            // Hold the write transaction until the read is done (or give up after a while,
            // which the assertion below then reports).
            let _ = read_rx.recv_timeout(Duration::from_secs(20));
            released.store(true, Ordering::SeqCst);
            writer.conn().execute_batch("COMMIT;").unwrap();
        });
        held_rx.recv().unwrap();
        let reader = roles.reader().unwrap();
        let seen = events(&reader, "pending_row");
        assert!(
            !released.load(Ordering::SeqCst),
            "the read finished while the writer still held its transaction"
        );
        assert_eq!(
            seen, 0,
            "a reader sees the last commit, not a transaction in progress"
        );
        read_tx.send(()).unwrap();
    });
    assert_eq!(
        events(&roles.reader().unwrap(), "pending_row"),
        1,
        "and the commit once it lands"
    );
}

#[test]
fn readers_are_read_only() {
    let sb = Sandbox::new();
    let roles = shared(&sb);
    let reader = roles.reader().unwrap();
    let err = reader
        .execute("INSERT INTO audit_log (at, event) VALUES ('x', 'sneaky')", [])
        .unwrap_err();
    assert!(err.to_string().contains("readonly"), "{err}");
}

#[test]
fn long_work_committing_batch_after_batch_lets_a_waiting_write_in_after_one_batch() {
    let sb = Sandbox::new();
    let roles = shared(&sb);
    let long = roles.for_long_work().unwrap();
    let started = AtomicU32::new(0);
    let stop = AtomicBool::new(false);
    let mut overtaken = Vec::new();
    std::thread::scope(|scope| {
        let (started, stop) = (&started, &stop);
        scope.spawn(move || {
            // An import or a sync: commit a batch, and at once ask for the turn again.
            while !stop.load(Ordering::SeqCst) {
                let _turn = long.writer_turn();
                started.fetch_add(1, Ordering::SeqCst);
                let tx = rusqlite::Transaction::new_unchecked(
                    long.conn(),
                    rusqlite::TransactionBehavior::Immediate,
                )
                .unwrap();
                for _ in 0..50 {
                    tx.execute("INSERT INTO audit_log (at, event) VALUES ('x', 'batch')", [])
                        .unwrap();
                }
                tx.commit().unwrap();
            }
        });
        while started.load(Ordering::SeqCst) < 5 {
            std::thread::yield_now();
        }
        for _ in 0..20 {
            let asked = started.load(Ordering::SeqCst);
            let writer = roles.writer();
            // Batches that began after the write asked for its turn.
            overtaken.push(started.load(Ordering::SeqCst) - asked);
            writer
                .conn()
                .execute("INSERT INTO audit_log (at, event) VALUES ('x', 'set_logged')", [])
                .unwrap();
        }
        stop.store(true, Ordering::SeqCst);
    });
    let worst = overtaken.iter().max().copied().unwrap_or(0);
    assert!(
        worst <= 1,
        "a write waited behind {worst} batches that began after it asked (all: {overtaken:?})"
    );
    assert_eq!(events(&roles.reader().unwrap(), "set_logged"), 20);
}

#[test]
fn the_vault_is_had_alone_only_after_long_work_ends() {
    let sb = Sandbox::new();
    let roles = shared(&sb);
    let long = roles.for_long_work().unwrap();
    long.conn()
        .execute(
            "INSERT INTO audit_log (at, event) VALUES ('x', 'from_long_work')",
            [],
        )
        .unwrap();
    assert_eq!(events(&roles.reader().unwrap(), "from_long_work"), 1);
    drop(roles.into_vault());
    let busy = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap_err();
    assert!(matches!(busy, VaultError::Busy(_)), "{busy:?}");
    drop(long);
    Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now())
        .expect("alone once long work ended");
}

#[test]
fn a_backup_on_long_work_writes_its_audit_row_in_the_writers_turn() {
    let sb = Sandbox::new();
    let roles = shared(&sb);
    let out = sb.path("beside.age");
    // A set being logged: the writer's turn, and a transaction that has read already, so
    // SQLite could not wait for a lock another connection took meanwhile.
    let writer = roles.writer();
    writer
        .conn()
        .execute_batch("SAVEPOINT logging; SELECT count(*) FROM audit_log;")
        .unwrap();
    let (done_tx, done_rx) = mpsc::channel();
    std::thread::scope(|scope| {
        let (roles, out) = (&roles, &out);
        scope.spawn(move || {
            let mut long = roles.for_long_work().unwrap();
            let request = BackupRequest {
                sealing: Sealing::Recipients(Vec::new()),
                out: Some(out.clone()),
                armor: false,
                for_coach: false,
                automatic: false,
            };
            done_tx
                .send(long.create_backup(&request, now()).map(|_| ()))
                .unwrap();
        });
        // The backup file is in place: all that is left of the backup is its audit row,
        // which must wait for the writer (without the turn it lands at once).
        while !out.exists() {
            std::thread::sleep(Duration::from_millis(5));
        }
        let early = done_rx.recv_timeout(Duration::from_secs(2));
        assert!(
            early.is_err(),
            "the backup finished while a set was being logged: {early:?}"
        );
        writer
            .conn()
            .execute_batch("INSERT INTO audit_log (at, event) VALUES ('x', 'set_logged'); RELEASE logging;")
            .expect("the set is logged: the backup's audit row did not take the lock under it");
        drop(writer);
        done_rx.recv().unwrap().expect("then the backup finishes");
    });
    let reader = roles.reader().unwrap();
    assert_eq!(events(&reader, "set_logged"), 1);
    assert_eq!(events(&reader, "backup_created"), 1);
}
