//! WHOOP security: secrets never leave the vault, the listener is loopback-only and
//! short-lived, forged callbacks never reach the token endpoint, the base URL cannot be
//! pointed away from WHOOP, and disconnecting revokes and wipes.

use super::e2e::CliWorld;
use super::fake::{self, CLIENT_SECRET};
use crate::harness::now;

/// LISTEN sockets on `port`, as (local address hex, is IPv6) from /proc/net/tcp{,6}.
fn listening(port: u16) -> Vec<String> {
    let mut found = Vec::new();
    for file in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let text = std::fs::read_to_string(file).unwrap_or_default();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            let (Some(local), Some(state)) = (cols.get(1), cols.get(3)) else {
                continue;
            };
            let Some((addr, p)) = local.split_once(':') else {
                continue;
            };
            if *state == "0A" && u16::from_str_radix(p, 16).ok() == Some(port) {
                found.push(addr.to_owned());
            }
        }
    }
    found
}

fn port_of(url: &str) -> u16 {
    url::Url::parse(url).unwrap().port().unwrap()
}

#[test]
fn secrets_never_reach_output_logs_or_any_file_in_plaintext() {
    let world = CliWorld::new(20);
    let mut captured = world.connect();
    let env = [
        ("IRONKEEP_WHOOP_BASE_URL", world.fake.base.as_str()),
        ("IRONKEEP_LOG", "trace"),
    ];
    for args in [
        &["whoop", "sync"][..],
        &["--json", "whoop", "sync"],
        &["whoop", "status"],
        &["--json", "whoop", "status"],
        &["--json", "status"],
        &["--json", "audit"],
    ] {
        let run = world.sandbox.cli_env(args, "", &env).ok();
        captured.push_str(&run.stdout);
        captured.push_str(&run.stderr);
    }
    // A failing command's error output too (WHOOP refusing, with trace logging).
    world.fake.with(|s| s.faults.forbidden = true);
    let run = world
        .sandbox
        .cli_env(&["--json", "whoop", "sync"], "", &env)
        .fails();
    captured.push_str(&run.stdout);
    captured.push_str(&run.stderr);
    let secrets = world.fake.with(|s| s.issued.clone());
    assert!(secrets.len() >= 3, "the fake issued a code and a token pair");
    let files = world.sandbox.files();
    assert!(
        files
            .iter()
            .any(|(p, _)| p.to_string_lossy().contains("ironkeep.log")),
        "a log file was written"
    );
    for secret in secrets.iter().map(String::as_str).chain([CLIENT_SECRET]) {
        assert!(
            !captured.contains(secret),
            "a secret reached CLI output or logs: {secret}"
        );
        for (path, bytes) in &files {
            let hit = bytes.windows(secret.len()).any(|w| w == secret.as_bytes());
            assert!(!hit, "a secret is readable in {}", path.display());
        }
    }
    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    assert_eq!(
        status["credentials"], "configured",
        "status says only 'configured'"
    );
}

#[test]
fn the_listener_binds_loopback_only_refuses_forgeries_and_closes() {
    let world = CliWorld::new(3);
    let checked = world.fake.with(|s| s.token_requests); // setup checked the credentials
    let port = port_of(&world.redirect);
    let (mut child, url, mut stdout) = world.start_connect();
    let bound = listening(port);
    assert_eq!(
        bound,
        vec!["0100007F".to_owned()],
        "the listener binds 127.0.0.1 only: {bound:?}"
    );
    let state: String = url::Url::parse(&url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    assert!(
        state.len() >= 16
            && state
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
        "state is ≥16 URL-safe chars"
    );
    let base = format!("http://127.0.0.1:{port}");
    for forged in [
        format!("{base}/callback?code=stolen&state=wrong-state-value"),
        format!("{base}/callback?code=stolen"),
        format!("{base}/callback?state={state}"),
        format!("{base}/callback?error=access_denied&state={state}"),
        format!("{base}/other?code=stolen&state={state}"),
        format!("{base}/callback?code=a&code=b&state={state}"),
    ] {
        let (status, _, page) = fake::http_get(&forged).expect("the listener answers");
        assert_eq!(status, 400, "a forged callback is refused: {forged} → {page}");
        assert!(
            child.try_wait().unwrap().is_none(),
            "a refused callback does not end the flow"
        );
    }
    let answer = answer_to_long_request(port, "GET /callback?code=stolen HTTP/1.1\r\n")
        .expect("a request with long headers gets its answer, not a reset");
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(child.try_wait().unwrap().is_none());
    assert_eq!(
        world.fake.with(|s| s.token_requests),
        checked,
        "no forged callback reached the token endpoint"
    );

    let (status, location, _) = fake::http_get(&url).unwrap();
    assert_eq!(status, 302);
    let location = location.unwrap();
    let (status, _, _) = fake::http_get(&location).unwrap();
    assert_eq!(status, 200, "the genuine callback completes the flow");
    child.wait().unwrap();
    let _ = finish_quietly(&mut stdout);
    assert_eq!(
        world.fake.with(|s| s.token_requests),
        checked + 1,
        "exactly one code exchange"
    );
    assert!(listening(port).is_empty(), "the listener is gone after the flow");
    assert!(
        fake::http_get(&location).is_err(),
        "a second callback finds nothing listening"
    );
}

#[test]
fn ctrl_c_while_waiting_for_sign_in_stops_and_closes_the_listener() {
    let world = CliWorld::new(1);
    let checked = world.fake.with(|s| s.token_requests); // setup checked the credentials
    let port = port_of(&world.redirect);
    let (mut child, _url, _stdout) = world.start_connect();
    assert_eq!(listening(port).len(), 1, "the listener is up");
    crate::harness::press_ctrl_c(&mut child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "stopped by Ctrl-C: {stderr}");
    assert!(stderr.contains("did not complete: cancelled"), "{stderr}");
    assert!(listening(port).is_empty(), "the listener is gone");
    assert_eq!(
        world.fake.with(|s| s.token_requests),
        checked,
        "no code was exchanged"
    );
    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    assert_ne!(status["state"], "connected", "{status}");
}

#[test]
fn a_busy_sign_in_port_is_explained_and_nothing_changes() {
    let world = CliWorld::new(1);
    let checked = world.fake.with(|s| s.token_requests); // setup checked the credentials
    let port = port_of(&world.redirect);
    let squatter = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
    let run = world
        .cli(
            &["--json", "whoop", "connect", "--no-browser", "--timeout", "5"],
            "",
        )
        .fails();
    let error = &run.json()["error"];
    assert_eq!(error["code"], "whoop_listener", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains(&format!("port {port} is in use")) && message.contains("redirect URI"),
        "the message says what is wrong and what to do: {message}"
    );
    drop(squatter);
    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    assert_ne!(status["state"], "connected", "{status}");
    assert_eq!(
        world.fake.with(|s| s.token_requests),
        checked,
        "no code was exchanged"
    );
}

/// Sends a request with long headers in one write and reads the whole answer. A listener
/// that closes with bytes still unread makes the kernel reset the connection, and the
/// client then gets an error instead of the page.
fn answer_to_long_request(port: u16, request_line: &str) -> std::io::Result<String> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port))?;
    stream.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    let padding = "p".repeat(12_000);
    stream.write_all(format!("{request_line}Host: 127.0.0.1\r\nX-Padding: {padding}\r\n\r\n").as_bytes())?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    Ok(answer)
}

fn finish_quietly(stdout: &mut std::io::BufReader<std::process::ChildStdout>) -> String {
    let mut rest = String::new();
    let _ = std::io::Read::read_to_string(stdout, &mut rest);
    rest
}

#[test]
fn the_base_url_override_accepts_only_loopback_hosts() {
    let world = CliWorld::new(1);
    for bad in [
        "https://evil.example",
        "http://api.prod.whoop.com",
        "http://127.0.0.1.evil.example:80",
        "http://10.1.2.3:80",
    ] {
        let run = world
            .sandbox
            .cli_env(
                &["--json", "whoop", "status"],
                "",
                &[("IRONKEEP_WHOOP_BASE_URL", bad)],
            )
            .fails();
        assert_eq!(
            run.json()["error"]["code"],
            "whoop_bad_base_url",
            "{bad} is refused before anything runs"
        );
    }
}

#[test]
fn setup_refuses_secrets_in_arguments_and_plain_http_redirects() {
    let world = CliWorld::new(1);
    world
        .cli(
            &["whoop", "setup", "--client-id", "x", "--client-secret", "s"],
            "",
        )
        .fails();
    let run = world
        .cli(
            &[
                "--json",
                "whoop",
                "setup",
                "--client-id",
                "x",
                "--redirect-uri",
                "http://example.com/cb",
            ],
            "secret\n",
        )
        .fails();
    assert_eq!(
        run.json()["error"]["code"],
        "whoop_invalid",
        "plain http off loopback is refused"
    );
}

#[test]
fn disconnect_revokes_at_whoop_wipes_tokens_and_can_forget_data() {
    let world = CliWorld::new(15);
    world.connect();
    world.cli(&["whoop", "sync"], "").ok();
    world.cli(&["whoop", "disconnect"], "").ok();
    assert!(
        world.fake.with(|s| s.revoked),
        "DELETE /developer/v2/user/access was called"
    );
    let vault = ironkeep::Vault::open(&world.sandbox.dir(), ironkeep::Unlock::Keychain, now()).unwrap();
    let (access, refresh): (Option<String>, Option<String>) = vault
        .conn()
        .query_row("SELECT access_token, refresh_token FROM whoop_account", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    assert!(
        access.is_none() && refresh.is_none(),
        "tokens wiped from the vault"
    );
    let cycles: i64 = vault
        .conn()
        .query_row("SELECT count(*) FROM whoop_cycle", [], |r| r.get(0))
        .unwrap();
    assert!(cycles > 0, "plain disconnect keeps the data");
    let events: Vec<String> = vault
        .audit_log(50)
        .unwrap()
        .into_iter()
        .map(|e| e.event)
        .collect();
    for wanted in ["whoop_set_up", "whoop_connected", "whoop_disconnected"] {
        assert!(
            events.iter().any(|e| e == wanted),
            "audit log records {wanted}: {events:?}"
        );
    }
    drop(vault);
    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    assert_eq!(status["state"], "not_connected");

    world.cli(&["whoop", "disconnect", "--forget-data"], "").fails();
    world
        .cli(&["whoop", "disconnect", "--forget-data", "--yes"], "")
        .ok();
    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    for c in status["collections"].as_array().unwrap() {
        assert_eq!(c["count"], 0, "--forget-data deleted {c}");
    }
}

#[test]
fn wipe_revokes_whoop_access_before_erasing() {
    let world = CliWorld::new(5);
    world.connect();
    let wiped = world.cli(&["--json", "wipe", "--yes"], "").ok().json();
    assert!(
        world.fake.with(|s| s.revoked),
        "wipe must call DELETE /developer/v2/user/access while the tokens still exist"
    );
    assert_eq!(
        wiped["whoop_revocation"], "Ironkeep's WHOOP access was revoked first.",
        "the user is told the access was revoked: {wiped}"
    );
    assert!(
        !world.sandbox.data().join("vault.db").exists(),
        "the database is gone"
    );
}
