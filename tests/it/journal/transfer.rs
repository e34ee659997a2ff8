//! The journal leaves the vault in JSON exports (version 2; every older version still
//! reads) and in backups, and comes back unchanged; forged entries are refused whole.

use ironkeep::backup::{BackupKey, read_backup};
use ironkeep::interchange::json;
use ironkeep::journal::{Journal, Tags};
use ironkeep::vault::Access;
use ironkeep::{RecoveryKit, Unlock, Vault};
use rusqlite::Connection;

use super::{date, db, now};
use crate::harness::Sandbox;

fn fill(conn: &Connection) {
    Tags::new(conn).create("Cold plunge").unwrap();
    let journal = Journal::new(conn);
    let tags = |names: &[&str]| names.iter().map(|n| (*n).to_owned()).collect::<Vec<_>>();
    journal
        .add(
            date(2026, 10, 2),
            &tags(&["alcohol", "late meal"]),
            Some("wedding\nlate night"),
            now(),
        )
        .unwrap();
    journal
        .add(date(2026, 10, 3), &tags(&["cold plunge"]), None, now())
        .unwrap();
    journal
        .add(date(2026, 10, 4), &[], Some("rest day"), now())
        .unwrap();
}

fn count(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn the_json_export_carries_the_journal_and_a_re_import_adds_no_day_twice() {
    let conn = db();
    fill(&conn);
    let export = json::export(&conn).unwrap();
    assert!(
        export.version >= 2,
        "the journal raised the export's version to 2"
    );
    assert_eq!(export.journal.len(), 3);
    assert_eq!(
        export.journal_tags.len(),
        1,
        "only the user's own tags travel by name and id"
    );
    let text = serde_json::to_string(&export).unwrap();

    let other = db();
    let parsed = json::parse(text.as_bytes()).unwrap();
    let first = json::import(&other, &parsed, false, now()).unwrap();
    let again = json::import(&other, &parsed, false, now()).unwrap();
    assert_eq!((first.journal_days_added, again.journal_days_added), (3, 0));
    assert_eq!(
        Journal::new(&other).all().unwrap(),
        export.journal,
        "the same days, ids, tags and notes"
    );
    assert_eq!(Tags::new(&other).own().unwrap(), export.journal_tags);
    assert_eq!(
        json::export(&other).unwrap(),
        export,
        "export → import → export is lossless"
    );
}

#[test]
fn every_older_export_version_still_imports() {
    // Written by the release before the journal (export version 1).
    let v1 = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/journal/fixtures/export-v1.json"),
    )
    .unwrap();
    let parsed = json::parse(&v1).expect("a version 1 export reads");
    assert_eq!(parsed.version, 1);
    let conn = db();
    let report = json::import(&conn, &parsed, false, now()).unwrap();
    assert!(report.sessions_added > 0 && report.sets_added > 0, "{report:?}");
    assert_eq!(report.journal_days_added, 0);
    assert_eq!(count(&conn, "journal_entry"), 0);

    let mut newer: serde_json::Value = serde_json::from_slice(&v1).unwrap();
    newer["version"] = serde_json::json!(json::VERSION + 1);
    let err = json::parse(newer.to_string().as_bytes()).expect_err("a newer version is refused");
    assert!(
        err.to_string()
            .contains(&format!("version 1 to {}", json::VERSION)),
        "{err}"
    );
}

#[test]
fn a_forged_journal_in_an_export_is_refused_and_nothing_is_written() {
    let conn = db();
    fill(&conn);
    let text = serde_json::to_string(&json::export(&conn).unwrap()).unwrap();
    let cases = [
        ("/journal/0/note", serde_json::json!("\u{1b}[2J")),
        ("/journal/0/day", serde_json::json!("2026-02-30")),
        ("/journal/0/gid", serde_json::json!("zz")),
        ("/journal/1/tags/0", serde_json::json!("not a tag anyone made")),
        ("/journal_tags/0/name", serde_json::json!("plunge\u{7}")),
    ];
    for (pointer, value) in cases {
        let mut forged: serde_json::Value = serde_json::from_str(&text).unwrap();
        *forged.pointer_mut(pointer).unwrap() = value;
        let fresh = db();
        let parsed = json::parse(forged.to_string().as_bytes()).unwrap();
        assert!(json::import(&fresh, &parsed, false, now()).is_err(), "{pointer}");
        assert_eq!(
            (
                count(&fresh, "journal_entry"),
                count(&fresh, "session"),
                count(&fresh, "journal_tag")
            ),
            (0, 0, 8),
            "{pointer}: nothing written"
        );
    }
}

#[test]
fn a_backup_restores_the_journal_as_it_was() {
    let sb = Sandbox::new();
    let (mut v, kit) = crate::backup::vault(&sb);
    fill(v.conn());
    let before = (
        Journal::new(v.conn()).all().unwrap(),
        Tags::new(v.conn()).list().unwrap(),
    );
    let file = sb.path("journal.age");
    crate::backup::backup(&mut v, &file, &[], false);
    v.conn()
        .execute_batch("DELETE FROM journal_entry; DELETE FROM journal_tag WHERE builtin = 0;")
        .unwrap();
    drop(v);
    let bytes = std::fs::read(&file).unwrap();
    let key = || BackupKey::Kits(vec![RecoveryKit::read(&kit).unwrap()]);
    let image = read_backup(&bytes, &key()).expect("the backup vets");
    assert_eq!(
        Journal::new(image.conn()).all().unwrap(),
        before.0,
        "the image holds the journal"
    );
    drop(image);
    let vault = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    vault.restore_backup(&bytes, key(), None, now()).expect("restore");
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    assert_eq!(
        (
            Journal::new(v.conn()).all().unwrap(),
            Tags::new(v.conn()).list().unwrap()
        ),
        before,
        "every day, tag, note and id is back"
    );
}
