//! The logger's drafts in a real vault (SQLCipher, keychain): kept whole across a
//! relaunch, replaced whole, deleted when empty, never in a file in the clear; a save
//! that breaks a bound is refused with nothing written, and stored drafts that break one
//! read as none.

use ironkeep::training::drafts::{self, Draft, Drafts, MAX_ROWS};
use ironkeep::training::{TrainingError, Unit};
use ironkeep::vault::{Unlock, Vault};

use crate::harness::{Sandbox, now};

fn draft(weight: &str, unit: Unit, reps: &str, rpe: &str) -> Draft {
    Draft {
        weight: weight.into(),
        unit,
        reps: reps.into(),
        rpe: rpe.into(),
    }
}

fn session_drafts(session: &str, rows: Vec<(&str, Draft)>) -> Drafts {
    Drafts {
        session: session.into(),
        rows: rows.into_iter().map(|(k, d)| (k.to_owned(), d)).collect(),
    }
}

fn open(sb: &Sandbox) -> Vault {
    Vault::open(&sb.dir(), Unlock::Keychain, now()).expect("the vault opens")
}

/// Rows of `vault_meta` holding drafts.
fn stored_keys(vault: &Vault) -> u32 {
    vault
        .conn()
        .query_row(
            "SELECT count(*) FROM vault_meta WHERE key = 'logger_drafts'",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn drafts_survive_a_relaunch_inside_the_vault_and_bad_ones_change_nothing() {
    let sb = Sandbox::new();
    sb.init();
    // Float noise, a decimal comma and a value on its way to a number: kept as typed.
    let typed = session_drafts(
        "3@2024-03-04T18:02:00Z",
        vec![
            ("next:12", draft("102,5", Unit::Kg, "5", "8.5")),
            ("set:40", draft("225.00000001", Unit::Lb, "", "")),
            ("set:41", draft("61.", Unit::Kg, "8", "")),
        ],
    );
    {
        let vault = open(&sb);
        assert_eq!(drafts::read(vault.conn()).unwrap(), None);
        drafts::replace(vault.conn(), &typed).unwrap();
    }

    // A relaunch reads them back from the vault.
    let vault = open(&sb);
    assert_eq!(drafts::read(vault.conn()).unwrap().as_ref(), Some(&typed));
    // ... and no file in the data dir holds them in the clear.
    let needle = b"225.00000001";
    for (path, bytes) in sb.files() {
        assert!(
            !bytes.windows(needle.len()).any(|w| w == needle),
            "{} holds a draft in the clear",
            path.display()
        );
    }

    // Each refused save is a typed error and leaves the stored drafts as they were.
    let many = Drafts {
        session: typed.session.clone(),
        rows: (0..=MAX_ROWS as u32)
            .map(|i| (format!("set:{i}"), draft("100", Unit::Kg, "5", "")))
            .collect(),
    };
    let refused = [
        session_drafts(
            &typed.session,
            vec![("next:12", draft("1000000000000", Unit::Kg, "", ""))],
        ),
        session_drafts(
            &typed.session,
            vec![("next:12", draft("100", Unit::Kg, "1234567", ""))],
        ),
        session_drafts(
            &typed.session,
            vec![("next:12", draft("100", Unit::Kg, "5", "8.50000"))],
        ),
        session_drafts(
            &"9".repeat(81),
            vec![("next:12", draft("100", Unit::Kg, "5", ""))],
        ),
        session_drafts(
            &typed.session,
            vec![("notes:12", draft("100", Unit::Kg, "5", ""))],
        ),
        many,
    ];
    for bad in &refused {
        let err = drafts::replace(vault.conn(), bad).expect_err("a draft past a bound is refused");
        assert!(
            matches!(
                err,
                TrainingError::TooLong { .. }
                    | TrainingError::TooMany { .. }
                    | TrainingError::InvalidDraft(_)
            ),
            "{err:?}"
        );
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(
            drafts::read(vault.conn()).unwrap().as_ref(),
            Some(&typed),
            "a refused save wrote something"
        );
    }

    // A save replaces the drafts whole: another session's drafts are gone.
    let next = session_drafts(
        "4@2024-03-06T07:30:00Z",
        vec![("next:3", draft("60", Unit::Kg, "10", ""))],
    );
    drafts::replace(vault.conn(), &next).unwrap();
    assert_eq!(drafts::read(vault.conn()).unwrap(), Some(next.clone()));

    // Drafts that no longer pass the checks (written into the vault by hand) read as none.
    for stored in [
        "not json",
        r#"{"session":"4@x","rows":{"next:3":{"weight":"1234567890123","unit":"kg","reps":"","rpe":""}}}"#,
    ] {
        vault
            .conn()
            .execute(
                "UPDATE vault_meta SET value = ?1 WHERE key = 'logger_drafts'",
                [stored],
            )
            .unwrap();
        assert_eq!(drafts::read(vault.conn()).unwrap(), None, "{stored}");
    }

    // Saving none deletes them.
    drafts::replace(vault.conn(), &session_drafts(&next.session, vec![])).unwrap();
    assert_eq!(drafts::read(vault.conn()).unwrap(), None);
    assert_eq!(stored_keys(&vault), 0);
}
