//! The CLI's contract: one-line errors, JSON for every command, no secret in any output,
//! and an audit trail of security events.

use ironkeep::keys::DbKey;
use ironkeep::keys::keychain::{Slot, VaultKeychain};

use crate::harness::{Sandbox, keychain_key, kit_identity};

#[test]
fn errors_are_one_line_without_secrets() {
    let sb = Sandbox::new();
    let kit = sb.path("kit.txt");
    let kit_s = kit.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["status"], "no Ironkeep vault"),
        (vec!["init"], "init needs --kit-out FILE"),
        (
            vec!["init", "--kit-out", "/nonexistent-dir/kit.txt"],
            "does not exist",
        ),
    ];
    for (args, expected) in &cases {
        let run = sb.cli(args, "").fails();
        let errors = run.errors();
        assert_eq!(errors.lines().count(), 1, "{args:?}: one line, got: {errors}");
        assert!(
            errors.starts_with("error: ") && errors.contains(expected),
            "{args:?}: {errors}"
        );
        assert!(
            !errors.contains("panicked") && !errors.contains("backtrace"),
            "{errors}"
        );
        let json = sb.cli(&[&["--json"][..], args].concat(), "").fails().json();
        assert!(
            json["error"]["code"].is_string() && json["error"]["message"].is_string(),
            "{json}"
        );
    }
    sb.cli(&["init", "--kit-out", kit_s], "").ok();
    let key = keychain_key(&sb.vault_id()).unwrap();
    let identity = kit_identity(&kit);
    VaultKeychain::new(&sb.vault_id())
        .set(Slot::Current, &DbKey::generate().unwrap().to_hex())
        .unwrap();
    let wrong = VaultKeychain::new(&sb.vault_id())
        .get(Slot::Current)
        .unwrap()
        .unwrap();
    let secret_cases: Vec<Vec<&str>> = vec![
        vec!["status"],
        vec!["init", "--kit-out", kit_s],
        vec!["key", "kit", "--out", kit_s],
        vec!["key", "rotate"],
    ];
    for args in secret_cases {
        let run = sb.cli(&args, "").fails();
        let errors = run.errors();
        assert_eq!(errors.lines().count(), 1, "{args:?}: {errors}");
        for secret in [
            key.as_str(),
            identity.as_str(),
            secrecy::ExposeSecret::expose_secret(&wrong),
        ] {
            assert!(
                !errors.contains(secret) && !run.stdout.contains(secret),
                "{args:?} leaked a secret"
            );
        }
    }
}

#[test]
fn json_output_never_contains_secrets() {
    let sb = Sandbox::new();
    let kit = sb.path("kit.txt");
    let init = sb
        .cli(&["--json", "init", "--kit-out", kit.to_str().unwrap()], "")
        .ok()
        .json();
    let id = sb.vault_id();
    assert_eq!(init["vault_id"], id.as_str());
    assert!(init["recipient"].as_str().unwrap().starts_with("age1"));
    let mut keys = vec![keychain_key(&id).unwrap()];
    let mut docs = vec![init];
    for args in [
        vec!["--json", "status"],
        vec!["--json", "doctor"],
        vec!["--json", "key", "recipient"],
        vec!["--json", "key", "rotate"],
        vec!["--json", "audit"],
        vec![
            "--json",
            "key",
            "kit",
            "--out",
            sb.path("again.txt").to_str().unwrap(),
        ],
        vec![
            "--json",
            "key",
            "rotate-kit",
            "--kit-out",
            sb.path("new-kit.txt").to_str().unwrap(),
        ],
        vec![
            "--json",
            "key",
            "recover",
            "--kit",
            sb.path("new-kit.txt").to_str().unwrap(),
        ],
    ] {
        docs.push(sb.cli(&args, "").ok().json());
        keys.push(keychain_key(&id).unwrap());
    }
    let identities = [kit_identity(&kit), kit_identity(&sb.path("new-kit.txt"))];
    for doc in &docs {
        let text = doc.to_string();
        for key in &keys {
            assert!(
                !text.contains(key.as_str()),
                "a key reached --json output: {text}"
            );
        }
        for identity in &identities {
            assert!(!text.contains(identity.as_str()), "a kit reached --json output");
        }
    }
    assert_eq!(
        docs[3]["recipient"], docs[1]["recipient"],
        "key recipient matches status"
    );
    assert_ne!(identities[0], identities[1], "rotate-kit makes a new identity");
}

#[test]
fn audit_log_records_security_events() {
    let sb = Sandbox::new();
    let kit = sb.init();
    let id = sb.vault_id();
    let good = keychain_key(&id).unwrap();
    VaultKeychain::new(&id)
        .set(Slot::Current, &DbKey::generate().unwrap().to_hex())
        .unwrap();
    sb.cli(&["status"], "").fails();
    sb.cli(&["status"], "").fails();
    VaultKeychain::new(&id)
        .set(Slot::Current, &secrecy::SecretString::from(good))
        .unwrap();
    sb.cli(&["key", "rotate"], "").ok();
    sb.cli(
        &["key", "kit", "--out", sb.path("copy.txt").to_str().unwrap()],
        "",
    )
    .ok();
    sb.cli(&["key", "recover", "--kit", kit.to_str().unwrap()], "")
        .ok();
    let events = sb.cli(&["--json", "audit"], "").ok().json();
    let names: Vec<&str> = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    for expected in [
        "vault_created",
        "wrong_key_attempts",
        "key_rotated",
        "kit_exported",
        "key_recovered",
    ] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    let attempts = events["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "wrong_key_attempts")
        .unwrap();
    assert_eq!(attempts["detail"], "2 failed unlock attempt(s)");
}

#[test]
fn data_dir_comes_from_flag_then_env_then_os_default() {
    let sb = Sandbox::new();
    let (flag, env, xdg) = (sb.path("flag"), sb.path("env"), sb.path("xdg"));
    let kit = |n: &str| sb.path(n).to_str().unwrap().to_owned();
    let bin = env!("CARGO_BIN_EXE_ironkeep");
    let cmd = |args: &[&str], with_env: bool| {
        let mut cmd = std::process::Command::new(bin);
        cmd.args(args)
            .env("XDG_DATA_HOME", &xdg)
            .env_remove("IRONKEEP_LOG");
        if with_env {
            cmd.env("IRONKEEP_DATA_DIR", &env);
        } else {
            cmd.env_remove("IRONKEEP_DATA_DIR");
        }
        crate::harness::run(cmd, "")
    };
    cmd(
        &[
            "--data-dir",
            flag.to_str().unwrap(),
            "init",
            "--kit-out",
            &kit("k1"),
        ],
        true,
    )
    .ok();
    cmd(&["init", "--kit-out", &kit("k2")], true).ok();
    cmd(&["init", "--kit-out", &kit("k3")], false).ok();
    assert!(
        flag.join("vault.json").exists(),
        "--data-dir wins over IRONKEEP_DATA_DIR"
    );
    assert!(
        env.join("vault.json").exists(),
        "IRONKEEP_DATA_DIR wins over the OS default"
    );
    assert!(
        xdg.join("ironkeep/vault.json").exists(),
        "the OS data dir is the default"
    );
    let status = cmd(&["--json", "status"], true).ok().json();
    assert_eq!(status["data_dir"], env.to_str().unwrap());
}

/// `ironkeep … | head` closes the pipe early: the command ends quietly, as other tools do,
/// instead of panicking with "failed printing to stdout".
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let sb = Sandbox::new();
    sb.init();
    let cases: [&[&str]; 4] = [
        &["exercise", "list"],
        &["--json", "exercise", "list"],
        &["export", "json"],
        &["status"],
    ];
    for args in cases {
        // A pipe whose reading end is already closed: every write to it fails at once.
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = sb
            .command(args)
            .stdout(writer)
            .stderr(std::process::Stdio::piped())
            .output()
            .unwrap();
        let errors = String::from_utf8_lossy(&output.stderr);
        assert!(
            !errors.contains("panicked") && !errors.contains("Broken pipe"),
            "{args:?}: {errors}"
        );
        assert!(errors.is_empty(), "{args:?}: nothing on stderr, got {errors}");
        assert!(output.status.success(), "{args:?}: {:?}", output.status);
    }
}
