//! Sync steps over a real folder: two devices of one family exchange a logged set and an
//! edit; a syncer's leftovers are never read; a tampered file stops only its device's log;
//! a step that crashed after writing its file but before committing sends its changes
//! again in the next file, and the other device ends the same.

use ironkeep::RecoveryKit;
use ironkeep::sync::{family_dir, step, turn_on};
use ironkeep::training::{SetInput, SetsMut};
use rusqlite::Connection;

use crate::training::{db, ex, kg, session};

const NOW_MS: u64 = 1_790_000_000_000;
const FAMILY: [u8; 16] = [5; 16];

fn device() -> Connection {
    let conn = db();
    turn_on(&conn, Some(FAMILY)).unwrap();
    conn
}

fn sets(conn: &Connection) -> Vec<(i64, i64)> {
    conn.prepare("SELECT weight_milli, reps FROM session_set ORDER BY gid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn two_devices_exchange_a_set_and_an_edit_through_the_folder() {
    let folder = tempfile::tempdir().unwrap();
    let kit = RecoveryKit::generate();
    let (a, b) = (device(), device());
    let id = session(&a, 0);
    let logged = SetsMut::new(&a)
        .log(id, &SetInput::working(ex(&a, "Squat (Barbell)"), kg("100"), 5))
        .unwrap();
    let sent = step(&a, folder.path(), &kit, NOW_MS).unwrap();
    assert_eq!(sent.sent, Some(1));
    let got = step(&b, folder.path(), &kit, NOW_MS + 1).unwrap();
    assert_eq!((got.sent, got.files_read), (None, 1));
    assert_eq!(sets(&b), [(100_000, 5)]);

    let on_b: u32 = b
        .query_row("SELECT id FROM session_set", [], |r| r.get(0))
        .unwrap();
    let squat = ex(&b, "Squat (Barbell)");
    SetsMut::new(&b)
        .edit(on_b, &SetInput::working(squat, kg("100"), 6))
        .unwrap();
    assert_eq!(step(&b, folder.path(), &kit, NOW_MS + 2).unwrap().sent, Some(1));
    let back = step(&a, folder.path(), &kit, NOW_MS + 3).unwrap();
    assert_eq!((back.sent, back.files_read), (None, 1));
    assert_eq!(sets(&a), [(100_000, 6)]);
    let same_row: u32 = a
        .query_row("SELECT id FROM session_set", [], |r| r.get(0))
        .unwrap();
    assert_eq!(same_row, logged.set.id, "the edit landed on a's own row");
    // Nothing new: nothing sent, nothing read.
    let quiet = step(&b, folder.path(), &kit, NOW_MS + 4).unwrap();
    assert_eq!((quiet.sent, quiet.files_read), (None, 0));
}

#[test]
fn leftovers_are_never_read_and_a_tampered_file_stops_only_its_devices_log() {
    let folder = tempfile::tempdir().unwrap();
    let kit = RecoveryKit::generate();
    let (a, b, c) = (device(), device(), device());
    session(&a, 0);
    step(&a, folder.path(), &kit, NOW_MS).unwrap();
    session(&c, 1);
    step(&c, folder.path(), &kit, NOW_MS).unwrap();
    let dir = family_dir(folder.path(), &FAMILY);
    let device_of = |conn: &Connection| -> String {
        hex::encode(
            conn.query_row("SELECT device FROM sync_state", [], |r| r.get::<_, Vec<u8>>(0))
                .unwrap(),
        )
    };
    let a_dir = dir.join(device_of(&a));
    for junk in [
        "00000002.age.tmp",
        ".syncthing.00000002.age.tmp",
        "00000002 (conflicted copy).age",
        "00000002.sync-conflict-20261207-101010-ABCDEF.age",
    ] {
        std::fs::write(a_dir.join(junk), b"junk").unwrap();
    }
    // c's second file is altered on the way.
    session(&c, 2);
    step(&c, folder.path(), &kit, NOW_MS + 1).unwrap();
    let c_second = dir.join(device_of(&c)).join("00000002.age");
    let mut bytes = std::fs::read(&c_second).unwrap();
    let at = bytes.len() - 10;
    bytes[at] ^= 0x40;
    std::fs::write(&c_second, bytes).unwrap();

    let got = step(&b, folder.path(), &kit, NOW_MS + 2).unwrap();
    assert_eq!(got.files_read, 2, "a's file and c's first");
    assert_eq!(got.refused.len(), 1, "{:?}", got.refused);
    assert!(got.refused[0].file.ends_with("/00000002.age"));
    assert!(
        got.refused[0].reason.contains("recovery kit"),
        "{}",
        got.refused[0].reason
    );
    let sessions: i64 = b
        .query_row("SELECT count(*) FROM session", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 2);
}

#[test]
fn a_step_that_crashed_before_its_commit_sends_again_in_the_next_file() {
    let folder = tempfile::tempdir().unwrap();
    let kit = RecoveryKit::generate();
    let (a, b) = (device(), device());
    let id = session(&a, 0);
    SetsMut::new(&a)
        .log(id, &SetInput::working(ex(&a, "Squat (Barbell)"), kg("80"), 8))
        .unwrap();
    // As if the step had written its file and died: the file is there, the seal undone.
    let marks: Vec<(String, Vec<u8>, String)> = a
        .prepare("SELECT tbl, row, field FROM sync_dirty")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(step(&a, folder.path(), &kit, NOW_MS).unwrap().sent, Some(1));
    a.execute("UPDATE sync_state SET sequence = 0, last_hash = NULL", [])
        .unwrap();
    a.execute("DELETE FROM sync_clock", []).unwrap();
    for (tbl, row, field) in &marks {
        a.execute(
            "INSERT INTO sync_dirty (tbl, row, field) VALUES (?1, ?2, ?3)",
            (tbl, row, field),
        )
        .unwrap();
    }
    assert_eq!(
        step(&a, folder.path(), &kit, NOW_MS + 1).unwrap().sent,
        Some(2),
        "the next number"
    );
    let got = step(&b, folder.path(), &kit, NOW_MS + 2).unwrap();
    assert_eq!(got.files_read, 2);
    assert!(got.refused.is_empty(), "{:?}", got.refused);
    assert_eq!(sets(&b), [(80_000, 8)]);
}

#[test]
fn a_merged_set_gets_its_record_flags_on_the_device_it_lands_on() {
    let folder = tempfile::tempdir().unwrap();
    let kit = RecoveryKit::generate();
    let (a, b) = (device(), device());
    let squat = ex(&a, "Squat (Barbell)");
    SetsMut::new(&a)
        .log(session(&a, 3), &SetInput::working(squat, kg("100"), 5))
        .unwrap();
    step(&a, folder.path(), &kit, NOW_MS).unwrap();
    step(&b, folder.path(), &kit, NOW_MS + 1).unwrap();
    let squat_b = ex(&b, "Squat (Barbell)");
    SetsMut::new(&b)
        .log(session(&b, 1), &SetInput::working(squat_b, kg("110"), 5))
        .unwrap();
    step(&b, folder.path(), &kit, NOW_MS + 2).unwrap();
    step(&a, folder.path(), &kit, NOW_MS + 3).unwrap();
    let flags = |conn: &Connection| -> Vec<(i64, i64)> {
        conn.prepare("SELECT weight_milli, record_flags FROM session_set ORDER BY weight_milli")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(flags(&a), flags(&b), "both devices flag the same records");
    assert!(
        flags(&a)[1].1 != 0,
        "the heavier set is a record on a too: {:?}",
        flags(&a)
    );
    let best = ironkeep::training::Records::new(&a).of_exercise(squat).unwrap();
    assert_eq!(best.heaviest.map(|r| r.value), Some(110.0), "a's records know it");
}

#[test]
fn a_device_a_day_behind_still_wins_with_an_edit_made_after_it_read_the_other() {
    const DAY_MS: u64 = 86_400_000;
    let folder = tempfile::tempdir().unwrap();
    let kit = RecoveryKit::generate();
    let (a, b) = (device(), device());
    let squat = ex(&a, "Squat (Barbell)");
    SetsMut::new(&a)
        .log(session(&a, 0), &SetInput::working(squat, kg("100"), 5))
        .unwrap();
    step(&a, folder.path(), &kit, NOW_MS).unwrap();
    // b's wall clock is a day behind: it reads a's set, then edits it.
    step(&b, folder.path(), &kit, NOW_MS - DAY_MS).unwrap();
    let on_b: u32 = b
        .query_row("SELECT id FROM session_set", [], |r| r.get(0))
        .unwrap();
    SetsMut::new(&b)
        .edit(on_b, &SetInput::working(ex(&b, "Squat (Barbell)"), kg("100"), 8))
        .unwrap();
    step(&b, folder.path(), &kit, NOW_MS - DAY_MS + 1).unwrap();
    step(&a, folder.path(), &kit, NOW_MS + 2).unwrap();
    assert_eq!(
        sets(&a),
        [(100_000, 8)],
        "the edit made after reading wins, whatever b's clock says"
    );
    assert_eq!(sets(&b), sets(&a));
}

#[test]
fn a_newer_ironkeeps_file_waits_unread_until_this_one_is_updated() {
    use sha2::{Digest, Sha256};
    let folder = tempfile::tempdir().unwrap();
    let kit = RecoveryKit::generate();
    let (a, b) = (device(), device());
    session(&a, 0);
    step(&a, folder.path(), &kit, NOW_MS).unwrap();
    // a's next file, as a newer Ironkeep would write it.
    let id = session(&a, 1);
    SetsMut::new(&a)
        .log(id, &SetInput::working(ex(&a, "Squat (Barbell)"), kg("90"), 5))
        .unwrap();
    let batch = ironkeep::sync::seal(&a, NOW_MS + 1).unwrap().unwrap();
    let own = family_dir(folder.path(), &FAMILY).join(hex::encode(batch.device));
    let first = std::fs::read(own.join("00000001.age")).unwrap();
    let newer = ironkeep::sync::LogFile {
        family: FAMILY,
        sequence: 2,
        schema: ironkeep::vault::migrate::LATEST + 1,
        previous: Some(Sha256::digest(&first).into()),
        batch,
    };
    std::fs::write(
        own.join("00000002.age"),
        ironkeep::sync::write_log_file(&newer, &kit),
    )
    .unwrap();
    for at in [NOW_MS + 2, NOW_MS + 3] {
        let got = step(&b, folder.path(), &kit, at).unwrap();
        assert!(
            got.refused.iter().any(|r| r.reason.contains("newer Ironkeep")),
            "{:?}",
            got.refused
        );
        assert!(sets(&b).is_empty(), "not applied");
    }
    let cursor: i64 = b
        .query_row("SELECT sequence FROM sync_cursor", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        cursor, 1,
        "read up to the file before it: it is read again after an update"
    );
}
