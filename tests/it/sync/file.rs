//! The log file: what one device writes, another holding the same kit reads back exactly;
//! a file for another kit, one altered on the way, one encrypted to the family's public
//! recipient by someone without the kit, and one whose content is not a log are each
//! refused with their own error.

use ironkeep::RecoveryKit;
use ironkeep::sync::{LogFile, LogFileError, read_log_file, seal, write_log_file};
use ironkeep::training::{SetInput, SetsMut};

use crate::training::{db, ex, lb, session};

fn a_file() -> LogFile {
    let conn = db();
    conn.execute("INSERT INTO sync_state (id) VALUES (1)", [])
        .unwrap();
    let id = session(&conn, 0);
    SetsMut::new(&conn)
        .log(id, &SetInput::working(ex(&conn, "Squat (Barbell)"), lb("225"), 5))
        .unwrap();
    LogFile {
        family: [7; 16],
        sequence: 3,
        schema: ironkeep::vault::migrate::LATEST,
        previous: Some([9; 32]),
        batch: seal(&conn, 1_790_000_000_000).unwrap().unwrap(),
    }
}

#[test]
fn a_log_file_reads_back_exactly_with_the_same_kit() {
    let kit = RecoveryKit::generate();
    let file = a_file();
    let bytes = write_log_file(&file, &kit);
    assert_eq!(read_log_file(&bytes, &kit).unwrap(), file);
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("squat"), "nothing readable without the kit");
}

#[test]
fn a_file_for_another_kit_or_altered_on_the_way_is_refused() {
    let kit = RecoveryKit::generate();
    let bytes = write_log_file(&a_file(), &kit);
    assert_eq!(
        read_log_file(&bytes, &RecoveryKit::generate()),
        Err(LogFileError::NotForThisKit)
    );
    let mut altered = bytes.clone();
    let last = altered.len() - 20;
    altered[last] ^= 1;
    assert_eq!(read_log_file(&altered, &kit), Err(LogFileError::NotForThisKit));
    assert_eq!(
        read_log_file(b"not age at all", &kit),
        Err(LogFileError::NotForThisKit)
    );
    assert_eq!(
        read_log_file(&bytes[..bytes.len() / 2], &kit),
        Err(LogFileError::NotForThisKit),
        "a file cut short (a syncer's partial copy)"
    );
}

#[test]
fn a_file_encrypted_to_the_public_recipient_without_the_kit_fails_its_mac() {
    let kit = RecoveryKit::generate();
    let recipient: age::x25519::Recipient = kit.recipient().parse().unwrap();
    let mut forged = b"ironkeep-sync 1\n".to_vec();
    forged.extend_from_slice(&[0u8; 64]);
    let bytes = age::encrypt(&recipient, &forged).unwrap();
    assert_eq!(read_log_file(&bytes, &kit), Err(LogFileError::BadMac));
    let short = age::encrypt(&recipient, b"tiny").unwrap();
    assert_eq!(read_log_file(&short, &kit), Err(LogFileError::BadMac));
}
