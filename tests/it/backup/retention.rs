//! The vault's retention policy: stored in the vault, refused when out of bounds, and
//! what `backup prune` keeps when no `--keep-*` flag overrides it.

use ironkeep::backup::{BackupError, Retention};
use ironkeep::vault::Access;
use ironkeep::{Unlock, Vault};

use super::vault;
use crate::harness::{Sandbox, now};

/// Plants ten daily automatic backups (1–10 January 2026) in the default folder.
fn plant_ten_daily(sb: &Sandbox) {
    let folder = sb.data().join("backups");
    std::fs::create_dir_all(&folder).unwrap();
    for day in 1..=10 {
        let name = format!("ironkeep-{}-auto-202601{day:02}T060000Z.age", sb.vault_id());
        // A well-formed age header: only files with one count as automatic backups.
        let header = b"age-encryption.org/v1\n-> X25519 c2FtcGxl\nYm9keQ\n--- bWFj\n";
        std::fs::write(folder.join(name), header).unwrap();
    }
}

fn files_in_backups(sb: &Sandbox) -> usize {
    std::fs::read_dir(sb.data().join("backups")).unwrap().count()
}

#[test]
fn the_retention_policy_is_kept_in_the_vault_and_bad_counts_change_nothing() {
    let sb = Sandbox::new();
    let (v, _) = vault(&sb);
    assert_eq!(v.retention_policy().unwrap(), Retention::default());
    let policy = Retention {
        daily: 2,
        weekly: 0,
        monthly: 1,
    };
    v.set_retention_policy(policy).unwrap();
    drop(v);

    let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Shared, now()).unwrap();
    assert_eq!(
        v.retention_policy().unwrap(),
        policy,
        "the policy outlives the process"
    );
    for bad in [
        Retention {
            daily: 3651,
            ..policy
        },
        Retention {
            weekly: 521,
            ..policy
        },
        Retention {
            monthly: 1201,
            ..policy
        },
    ] {
        let err = v.set_retention_policy(bad).unwrap_err();
        assert!(matches!(err, BackupError::InvalidRetention { .. }), "{err:?}");
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(
            v.retention_policy().unwrap(),
            policy,
            "a refused policy changes nothing"
        );
    }

    plant_ten_daily(&sb);
    let refused = v.prune_backups(
        Retention {
            daily: u32::MAX,
            ..policy
        },
        false,
    );
    assert!(matches!(refused, Err(BackupError::InvalidRetention { .. })));
    assert_eq!(files_in_backups(&sb), 10, "a refused prune deletes nothing");
}

#[test]
fn cli_prune_keeps_the_saved_policy_unless_a_flag_overrides_it() {
    let sb = Sandbox::new();
    sb.init();
    plant_ten_daily(&sb);
    let dry = |args: &[&str]| {
        let mut all = vec!["--json", "backup", "prune", "--dry-run"];
        all.extend_from_slice(args);
        sb.cli(&all, "").ok().json()
    };

    let default = dry(&[]);
    assert_eq!(default["retention"]["daily"], 7, "{default}");
    // 7 days (4–10 January), and ISO weeks 1 and 2 and January already among them.
    assert_eq!(default["delete"].as_array().unwrap().len(), 3, "{default}");

    let saved = dry(&[
        "--keep-daily",
        "2",
        "--keep-weekly",
        "0",
        "--keep-monthly",
        "0",
        "--save",
    ]);
    assert_eq!(saved["delete"].as_array().unwrap().len(), 8, "{saved}");
    let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Shared, now()).unwrap();
    assert_eq!(
        v.retention_policy().unwrap(),
        Retention {
            daily: 2,
            weekly: 0,
            monthly: 0
        }
    );
    drop(v);

    let by_policy = dry(&[]);
    assert_eq!(
        by_policy["retention"],
        serde_json::json!({"daily": 2, "weekly": 0, "monthly": 0})
    );
    assert_eq!(by_policy["delete"].as_array().unwrap().len(), 8, "{by_policy}");

    let overridden = dry(&["--keep-daily", "5"]);
    assert_eq!(
        overridden["retention"],
        serde_json::json!({"daily": 5, "weekly": 0, "monthly": 0}),
        "a flag overrides its own count only"
    );
    assert_eq!(overridden["delete"].as_array().unwrap().len(), 5);
    let still = dry(&[]);
    assert_eq!(
        still["retention"]["daily"], 2,
        "an override without --save is not stored"
    );

    sb.cli(&["backup", "prune", "--keep-weekly", "521"], "").fails();
    assert_eq!(files_in_backups(&sb), 10, "dry runs and refusals delete nothing");

    let done = sb.cli(&["--json", "backup", "prune"], "").ok().json();
    assert_eq!(done["delete"].as_array().unwrap().len(), 8, "{done}");
    assert_eq!(files_in_backups(&sb), 2);

    let help = sb.cli(&["backup", "prune", "--help"], "").ok().stdout;
    assert!(help.contains("retention policy"), "{help}");
}
