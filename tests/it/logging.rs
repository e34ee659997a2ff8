//! Logs never hold a key, a kit, a passphrase or a token, whatever the log level.

use crate::harness::{STRONG, Sandbox, keychain_key, kit_identity};

#[test]
fn logs_never_contain_secrets() {
    let trace = [("IRONKEEP_LOG", "trace")];
    let sb = Sandbox::new();
    let kit = sb.path("kit.txt");
    let mut outputs = Vec::new();
    let mut keys = Vec::new();
    let mut record = |run: crate::harness::Run| outputs.push(format!("{}\n{}", run.stdout, run.stderr));
    record(
        sb.cli_env(&["init", "--kit-out", kit.to_str().unwrap()], "", &trace)
            .ok(),
    );
    let id = sb.vault_id();
    keys.push(keychain_key(&id).unwrap());
    record(sb.cli_env(&["status"], "", &trace).ok());
    record(sb.cli_env(&["key", "rotate"], "", &trace).ok());
    keys.push(keychain_key(&id).unwrap());
    record(sb.cli_env(&["doctor"], "", &trace).ok());
    record(
        sb.cli_env(
            &["key", "kit", "--out", sb.path("kit2.txt").to_str().unwrap()],
            "",
            &trace,
        )
        .ok(),
    );
    record(
        sb.cli_env(&["key", "recover", "--kit", kit.to_str().unwrap()], "", &trace)
            .ok(),
    );
    record(sb.cli_env(&["--json", "key", "rotate"], "", &trace).ok());
    keys.push(keychain_key(&id).unwrap());

    let pass = Sandbox::new();
    let pkit = pass.path("kit.txt");
    record(
        pass.cli_env(
            &["init", "--passphrase", "--kit-out", pkit.to_str().unwrap()],
            &format!("{STRONG}\n"),
            &trace,
        )
        .ok(),
    );
    record(
        pass.cli_env(&["status"], "wrong horse battery staple x\n", &trace)
            .fails(),
    );
    record(
        pass.cli_env(&["key", "rotate"], &format!("{STRONG}\n"), &trace)
            .ok(),
    );

    let log =
        std::fs::read_to_string(sb.data().join("logs/ironkeep.log")).expect("the CLI writes a log file");
    assert!(
        log.contains("database key rotated"),
        "the log is really written: {log}"
    );
    let plog = std::fs::read_to_string(pass.data().join("logs/ironkeep.log")).unwrap();
    outputs.push(log);
    outputs.push(plog);
    let identities = [kit_identity(&kit), kit_identity(&pkit)];
    for text in &outputs {
        for key in &keys {
            assert!(
                !text.contains(key.as_str()),
                "a database key reached a log or output"
            );
        }
        for identity in &identities {
            assert!(
                !text.contains(identity.as_str()),
                "a recovery identity reached a log or output"
            );
        }
        assert!(!text.contains(STRONG), "a passphrase reached a log or output");
        assert!(
            !text.contains("AGE-SECRET-KEY"),
            "kit material reached a log or output"
        );
    }
}
