//! kill -9 of `ironkeep sync now` while it writes a large log file (the laptop sending an
//! imported export's 20,000 sets) and while it merges it (the desktop), at several points:
//! after each kill both vaults open, and once a run finishes the two hold the same sets,
//! every one of them, nothing twice.

use std::process::{Child, Stdio};
use std::time::Duration;

use ironkeep::{Unlock, Vault};

use crate::harness::{Sandbox, now};

/// (sets, their summed weight in grams)
fn contents(sb: &Sandbox) -> (i64, i64) {
    let vault = Vault::open(&sb.dir(), Unlock::Keychain, now()).expect("the vault opens after a kill");
    vault
        .conn()
        .query_row(
            "SELECT count(*), coalesce(sum(weight_milli), 0) FROM session_set",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

fn spawn(sb: &Sandbox, args: &[&str]) -> Child {
    sb.command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Runs `sync now`, kills it after each wait in turn, then lets one run finish.
fn kill_at_each(sb: &Sandbox, waits: &[u64]) -> usize {
    let mut killed_running = 0;
    for &ms in waits {
        let mut child = spawn(sb, &["sync", "now"]);
        std::thread::sleep(Duration::from_millis(ms));
        if child.try_wait().unwrap().is_none() {
            killed_running += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        contents(sb);
    }
    sb.cli(&["sync", "now"], "").ok();
    killed_running
}

#[test]
fn kill_9_while_writing_and_while_merging_loses_nothing_and_sync_goes_on() {
    let (laptop, desktop, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let folder = shared.path().to_str().unwrap();
    let kit = laptop.init();
    laptop
        .cli(&["sync", "folder", folder, "--name", "laptop"], "")
        .ok();
    desktop
        .cli(
            &[
                "sync",
                "join",
                folder,
                "--kit",
                kit.to_str().unwrap(),
                "--name",
                "desktop",
            ],
            "",
        )
        .ok();
    let file = laptop.path("big.csv");
    std::fs::write(&file, crate::training::interchange::many_rows(20_000)).unwrap();
    laptop
        .cli(&["import", file.to_str().unwrap(), "--tz", "UTC"], "")
        .ok();
    let sent = contents(&laptop);
    assert_eq!(sent.0, 20_000);

    let writing = kill_at_each(&laptop, &[30, 150, 400, 900]);
    assert_eq!(contents(&laptop), sent, "nothing of the laptop's changed");
    let merging = kill_at_each(&desktop, &[30, 150, 400, 900, 1_600]);
    assert_eq!(contents(&desktop), sent, "the desktop has every set, once");
    // At least one kill in each landed while the run was going (on a very fast machine
    // the later waits find it finished, which is fine).
    assert!(
        writing >= 1 && merging >= 1,
        "killed mid-run: {writing} writing, {merging} merging"
    );

    // And sync goes on both ways afterwards.
    desktop
        .cli(
            &["exercise", "add", "After The Crash", "--equipment", "barbell"],
            "",
        )
        .ok();
    desktop.cli(&["sync", "now"], "").ok();
    laptop.cli(&["sync", "now"], "").ok();
    let list = laptop.cli(&["exercise", "list"], "").ok();
    assert!(list.stdout.contains("After The Crash"), "{}", list.stdout);
    let status = laptop.cli(&["--json", "sync", "status"], "").ok().json();
    assert_eq!(status["waiting"], 0, "{status}");
}
