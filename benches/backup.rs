//! Backups at scale: the generated ten-year training history (3,000 sessions, 75,000
//! sets) in a real keychain vault; `backup create` against the stock `age` CLI encrypting
//! the same plaintext image, then verify and restore, each with its peak memory.
//!
//! Run: `scripts/with-keychain.sh cargo bench --bench backup` (needs `age` on PATH).
//! Each operation runs in its own process so its peak RSS (`VmHWM`) is its own.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use ironkeep::backup::{BackupKey, BackupRequest, Sealing, read_backup};
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::vault::Access;
use ironkeep::{DataDir, RecoveryKit, Unlock, Vault};

const ROUNDS: usize = 5;

#[path = "support/mod.rs"]
mod support;
use support::median;

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

/// One operation in this (child) process; prints `median_ns<TAB>peak_kib`.
fn child(op: &str, root: &Path) {
    let dir = DataDir::at(root.join("data"));
    let kit = || RecoveryKit::read(&root.join("kit.txt")).unwrap();
    let backup = root.join("ref.age");
    let mut samples = Vec::new();
    for round in 0..ROUNDS {
        match op {
            "create" => {
                let mut vault = Vault::open(&dir, Unlock::Keychain, Utc::now()).unwrap();
                let request = BackupRequest {
                    sealing: Sealing::Recipients(Vec::new()),
                    out: Some(root.join(format!("create-{round}.age"))),
                    armor: false,
                    for_coach: false,
                    automatic: false,
                };
                let t = Instant::now();
                vault.create_backup(&request, Utc::now()).unwrap();
                samples.push(t.elapsed());
            }
            "verify" => {
                let bytes = std::fs::read(&backup).unwrap();
                let t = Instant::now();
                drop(read_backup(&bytes, &BackupKey::Kits(vec![kit()])).unwrap());
                samples.push(t.elapsed());
            }
            _ => {
                let bytes = std::fs::read(&backup).unwrap();
                let vault = Vault::open_with(&dir, Unlock::Keychain, Access::Exclusive, Utc::now()).unwrap();
                let t = Instant::now();
                vault
                    .restore_backup(&bytes, BackupKey::Kits(vec![kit()]), None, Utc::now())
                    .unwrap();
                samples.push(t.elapsed());
            }
        }
    }
    println!("{}\t{}", median(samples).as_nanos(), peak_rss_kib());
}

fn run_child(op: &str, root: &Path) -> (Duration, u64) {
    let out = Command::new(std::env::current_exe().unwrap())
        .env("IRONKEEP_BENCH_OP", op)
        .env("IRONKEEP_BENCH_ROOT", root)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{op}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let (ns, kib) = text.trim().split_once('\t').unwrap();
    (Duration::from_nanos(ns.parse().unwrap()), kib.parse().unwrap())
}

fn main() {
    if let (Ok(op), Ok(root)) = (
        std::env::var("IRONKEEP_BENCH_OP"),
        std::env::var("IRONKEEP_BENCH_ROOT"),
    ) {
        child(&op, &PathBuf::from(root));
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let dir = DataDir::at(root.join("data"));
    let (mut vault, kit) = Vault::create(&dir, None, Utc::now()).unwrap();
    kit.save(&root.join("kit.txt"), vault.id(), Utc::now()).unwrap();
    let start = Utc.with_ymd_and_hms(2016, 1, 4, 7, 0, 0).unwrap();
    generate::history(vault.conn(), HistoryShape::ten_years(start)).unwrap();
    let request = BackupRequest {
        sealing: Sealing::Recipients(Vec::new()),
        out: Some(root.join("ref.age")),
        armor: false,
        for_coach: false,
        automatic: false,
    };
    let receipt = vault.create_backup(&request, Utc::now()).unwrap();
    let recipient = vault.recipient().unwrap();
    drop(vault);
    // The stock CLI on the same plaintext image (written to the temp dir for it only).
    let image = root.join("image.sqlite");
    let kit_path = root.join("kit.txt");
    let status = Command::new("age")
        .args(["-d", "-i"])
        .arg(&kit_path)
        .arg("-o")
        .arg(&image)
        .arg(root.join("ref.age"))
        .status()
        .unwrap();
    assert!(status.success());
    let image_bytes = std::fs::metadata(&image).unwrap().len();
    let age_cli = median(
        (0..ROUNDS)
            .map(|i| {
                let t = Instant::now();
                let ok = Command::new("age")
                    .args(["-r", &recipient, "-o"])
                    .arg(root.join(format!("cli-{i}.age")))
                    .arg(&image)
                    .status()
                    .unwrap()
                    .success();
                assert!(ok);
                t.elapsed()
            })
            .collect(),
    );
    std::fs::remove_file(&image).unwrap();
    let (create, create_kib) = run_child("create", root);
    let (verify, verify_kib) = run_child("verify", root);
    let (restore, restore_kib) = run_child("restore", root);
    println!("image {image_bytes} bytes, backup {} bytes", receipt.bytes);
    println!("| operation | median of {ROUNDS} | peak RSS of its process |");
    println!("|---|---|---|");
    println!("| `age -r` CLI on the same plaintext image | {age_cli:.2?} | — |");
    println!(
        "| `backup create` | {create:.2?} ({:.2}× the age CLI) | {} MiB |",
        create.as_secs_f64() / age_cli.as_secs_f64(),
        create_kib / 1024
    );
    println!("| `backup verify` | {verify:.2?} | {} MiB |", verify_kib / 1024);
    println!(
        "| `backup restore` | {restore:.2?} | {} MiB |",
        restore_kib / 1024
    );
}
