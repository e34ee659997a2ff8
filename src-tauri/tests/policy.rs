//! The desktop shell's security policy, checked from its committed configuration: the
//! content security policy, the capabilities the webview is granted, and the build
//! features that would weaken a release (devtools, the e2e dialog seam).
//!
//! These files are what Tauri compiles into the app (`generate_context!`), so a change
//! that loosens them fails here before it can ship.

use std::path::Path;

use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn read_json(relative: &str) -> Result<Value, Box<dyn std::error::Error>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    Ok(serde_json::from_str(&std::fs::read_to_string(path)?)?)
}

/// The CSP's directives as (name, sources) pairs.
fn directives(csp: &str) -> Vec<(String, Vec<String>)> {
    csp.split(';')
        .filter_map(|directive| {
            let mut words = directive.split_whitespace();
            let name = words.next()?.to_owned();
            Some((name, words.map(str::to_owned).collect()))
        })
        .collect()
}

fn sources<'a>(parsed: &'a [(String, Vec<String>)], name: &str) -> Option<&'a [String]> {
    parsed
        .iter()
        .find(|(directive, _)| directive == name)
        .map(|(_, list)| list.as_slice())
}

#[test]
fn the_release_csp_allows_only_the_app_itself_and_its_ipc() -> TestResult {
    let config = read_json("tauri.conf.json")?;
    let csp = config["app"]["security"]["csp"]
        .as_str()
        .ok_or("tauri.conf.json has no app.security.csp string")?;
    let parsed = directives(csp);

    for (name, list) in &parsed {
        for source in list {
            assert!(
                !matches!(
                    source.as_str(),
                    "'unsafe-inline'" | "'unsafe-eval'" | "'unsafe-hashes'" | "*" | "data:"
                ) || (name == "img-src" && source == "data:"),
                "{name} must not allow {source}"
            );
            let remote =
                source.starts_with("http:") || source.starts_with("https:") || source.starts_with("ws");
            assert!(
                !remote || source == "http://ipc.localhost",
                "{name} must not allow the remote origin {source}"
            );
        }
    }
    assert_eq!(sources(&parsed, "default-src"), Some(&["'self'".to_owned()][..]));
    assert_eq!(sources(&parsed, "script-src"), Some(&["'self'".to_owned()][..]));
    assert_eq!(sources(&parsed, "style-src"), Some(&["'self'".to_owned()][..]));
    assert_eq!(
        sources(&parsed, "connect-src"),
        Some(&["ipc:".to_owned(), "http://ipc.localhost".to_owned()][..]),
        "the webview may talk to the app's IPC and nothing else"
    );
    for directive in ["object-src", "frame-ancestors", "base-uri", "form-action"] {
        assert_eq!(
            sources(&parsed, directive),
            Some(&["'none'".to_owned()][..]),
            "{directive} must be 'none'"
        );
    }
    assert_eq!(config["app"]["withGlobalTauri"], Value::Bool(false));
    assert_eq!(config["app"]["security"]["freezePrototype"], Value::Bool(true));
    Ok(())
}

#[test]
fn the_webview_may_call_only_the_apps_own_commands() -> TestResult {
    let config = read_json("tauri.conf.json")?;
    assert_eq!(
        config["app"]["security"]["capabilities"],
        serde_json::json!(["main"]),
        "one capability, for the main window"
    );
    let capability = read_json("capabilities/main.json")?;
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert!(
        capability.get("remote").is_none(),
        "no remote URL may use the IPC"
    );
    let permissions = capability["permissions"]
        .as_array()
        .ok_or("capabilities/main.json has no permissions list")?;
    assert!(!permissions.is_empty());
    for permission in permissions {
        let name = permission
            .as_str()
            .ok_or("a permission is not a plain identifier")?;
        // The app's own commands are `allow-<command>`; plugin and core permissions are
        // `<plugin>:<permission>` — none is granted (dialogs are opened from Rust).
        assert!(
            name.starts_with("allow-") && !name.contains(':'),
            "the webview is granted {name}, which is not one of the app's own commands"
        );
    }
    Ok(())
}

#[test]
fn a_release_build_has_no_devtools_and_no_test_seam() -> TestResult {
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"))?;
    let tauri = manifest
        .lines()
        .find(|line| line.starts_with("tauri ="))
        .ok_or("Cargo.toml has no tauri dependency line")?;
    assert!(
        !tauri.contains("devtools"),
        "tauri's devtools feature must stay off: {tauri}"
    );
    let default = manifest.lines().find(|line| line.starts_with("default ="));
    assert!(
        default.is_none_or(|line| !line.contains("e2e")),
        "the e2e dialog seam must never be a default feature"
    );
    let config = read_json("tauri.conf.json")?;
    for window in config["app"]["windows"].as_array().ok_or("no windows")? {
        assert_ne!(
            window["devtools"],
            Value::Bool(true),
            "no window may force devtools on"
        );
    }
    Ok(())
}
