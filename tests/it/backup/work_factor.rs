//! Passphrase backups: a lifter's usual passphrase does not protect one (item 7), they are
//! written with a fixed scrypt work factor, and a header that asks for more than the cap
//! is refused before any scrypt work (issue 14, item 8).

use base64::Engine;
use base64::engine::general_purpose::STANDARD_NO_PAD;
use ironkeep::backup::{BackupError, BackupKey, BackupRequest, MAX_SCRYPT_ENV, Sealing, read_backup};

use super::vault;
use crate::harness::{STRONG, Sandbox, now};

/// The log N of a binary age file's scrypt stanza.
fn scrypt_log_n(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).into_owned();
    let line = text.lines().find(|l| l.starts_with("-> scrypt "))?;
    line.split(' ').nth(3).map(str::to_owned)
}

#[test]
fn passphrase_backups_are_written_with_log_n_18() {
    let sb = Sandbox::new();
    let (mut v, _) = vault(&sb);
    let out = sb.path("p.age");
    v.create_backup(
        &BackupRequest {
            sealing: Sealing::Passphrase(STRONG.to_owned().into()),
            out: Some(out.clone()),
            armor: false,
            for_coach: false,
            automatic: false,
        },
        now(),
    )
    .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(
        scrypt_log_n(&bytes).as_deref(),
        Some("18"),
        "a fixed work factor, whatever the machine"
    );

    let run = sb.cli_env(
        &[
            "--json",
            "backup",
            "verify",
            "--passphrase",
            out.to_str().unwrap(),
        ],
        &format!("{STRONG}\n"),
        &[(MAX_SCRYPT_ENV, "17")],
    );
    let message = run.fails().json()["error"]["message"]
        .as_str()
        .unwrap_or("")
        .to_owned();
    assert!(
        message.contains("work factor 18") && message.contains("limit of 17"),
        "the override is read and the error names the factor: {message}"
    );
}

#[test]
fn a_header_asking_for_more_than_log_n_20_is_refused_at_once() {
    let mut hostile = format!(
        "age-encryption.org/v1\n-> scrypt {} 21\n{}\n--- {}\n",
        STANDARD_NO_PAD.encode([7u8; 16]),
        STANDARD_NO_PAD.encode([9u8; 32]),
        STANDARD_NO_PAD.encode([1u8; 32]),
    )
    .into_bytes();
    hostile.extend([0u8; 64]);
    let started = std::time::Instant::now();
    let err = read_backup(&hostile, &BackupKey::Passphrase(STRONG.to_owned().into())).unwrap_err();
    assert!(
        matches!(err, BackupError::ExcessiveWork { log_n: 21, max: 20 }),
        "{err:?}"
    );
    assert!(err.to_string().contains("work factor 21"), "{err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(2),
        "refused before any scrypt work"
    );
}

#[test]
fn a_lifters_usual_passphrase_does_not_protect_a_backup() {
    let sb = Sandbox::new();
    sb.init();
    for weak in ["Squat2024!", "gymrat4life", "Deadlift#2024"] {
        let out = sb.path("weak.age");
        let run = sb
            .cli(
                &[
                    "--json",
                    "backup",
                    "create",
                    "--passphrase",
                    "--out",
                    out.to_str().unwrap(),
                ],
                &format!("{weak}\n"),
            )
            .fails();
        assert_eq!(
            run.json()["error"]["code"],
            "weak_passphrase",
            "{weak}: {}",
            run.stdout
        );
        assert!(!out.exists(), "{weak}: nothing is written");
    }
}
