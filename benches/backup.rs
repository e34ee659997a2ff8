//! Backups at scale, beside the stock tools: a real keychain vault holding the generated
//! ten-year training history (3,000 sessions, 75,000 sets), then the same vault with ten
//! years of WHOOP records synced in from the fake WHOOP. For each, in one run:
//! - `ironkeep backup create` (the release CLI, process start to exit) against the same
//!   work done by stock tools as a pipeline — `secret-tool lookup` for the key, Python's
//!   `sqlcipher3` opening the vault and `sqlcipher_export`ing it to a plain image
//!   (`support/stock_export.py`), `age -r` encrypting that image — rounds interleaved so
//!   both see the same machine;
//! - create, verify and restore in-process, each in its own process so its peak RSS
//!   (`VmHWM`) is its own (it includes opening the vault).
//!
//! Run: `scripts/with-keychain.sh cargo bench --bench backup` (needs `age`, `secret-tool`
//! and a Python with `sqlcipher3`: `IRONKEEP_TEST_PYTHON`, else the venv that
//! `scripts/setup.sh` makes).

#[path = "support/whoop.rs"]
mod connect;
#[path = "../tests/it/whoop/fake.rs"]
#[allow(dead_code)]
mod fake;
mod support;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use ironkeep::backup::{BackupKey, BackupRequest, Sealing, read_backup};
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::vault::Access;
use ironkeep::{DataDir, RecoveryKit, Unlock, Vault};

use support::median;

const ROUNDS: usize = 5;
/// The stock pipeline's SQLCipher step.
const STOCK_EXPORT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/support/stock_export.py");

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

/// One operation in this (child) process on the backup `reference`; prints
/// `median_ns<TAB>peak_kib`.
fn child(op: &str, root: &Path, reference: &Path) {
    let dir = DataDir::at(root.join("data"));
    let kit = || RecoveryKit::read(&root.join("kit.txt")).unwrap();
    let mut samples = Vec::new();
    for round in 0..ROUNDS {
        match op {
            "create" => {
                let mut vault = Vault::open(&dir, Unlock::Keychain, Utc::now()).unwrap();
                let request = backup_to(root.join(format!("create-{round}.age")));
                let t = Instant::now();
                vault.create_backup(&request, Utc::now()).unwrap();
                samples.push(t.elapsed());
                std::fs::remove_file(root.join(format!("create-{round}.age"))).unwrap();
            }
            "verify" => {
                let bytes = std::fs::read(reference).unwrap();
                let t = Instant::now();
                drop(read_backup(&bytes, &BackupKey::Kits(vec![kit()])).unwrap());
                samples.push(t.elapsed());
            }
            _ => {
                let bytes = std::fs::read(reference).unwrap();
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

fn backup_to(out: PathBuf) -> BackupRequest {
    BackupRequest {
        sealing: Sealing::Recipients(Vec::new()),
        out: Some(out),
        armor: false,
        for_coach: false,
        automatic: false,
    }
}

fn run_child(op: &str, root: &Path, reference: &Path) -> (Duration, u64) {
    let out = Command::new(std::env::current_exe().unwrap())
        .env("IRONKEEP_BENCH_OP", op)
        .env("IRONKEEP_BENCH_ROOT", root)
        .env("IRONKEEP_BENCH_REFERENCE", reference)
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

/// `ironkeep backup create --out FILE`, process start to exit.
fn ironkeep_cli(root: &Path, out: &Path) -> Duration {
    let t = Instant::now();
    let run = Command::new(env!("CARGO_BIN_EXE_ironkeep"))
        .arg("--data-dir")
        .arg(root.join("data"))
        .args(["backup", "create", "--out"])
        .arg(out)
        .output()
        .unwrap();
    let took = t.elapsed();
    assert!(
        run.status.success(),
        "ironkeep backup create: {}",
        String::from_utf8_lossy(&run.stderr)
    );
    took
}

/// The Python with `sqlcipher3`: `IRONKEEP_TEST_PYTHON`, else the venv `scripts/setup.sh`
/// makes, else `python3`.
fn python() -> PathBuf {
    if let Some(python) = std::env::var_os("IRONKEEP_TEST_PYTHON") {
        return python.into();
    }
    let venv = std::env::var_os("IRONKEEP_PY_VENV")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache/ironkeep/test-venv"))
        });
    venv.map(|v| v.join("bin/python"))
        .filter(|p| p.exists())
        .unwrap_or_else(|| "python3".into())
}

/// What the stock pipeline took: in all, and its export and `age` steps.
struct Stock {
    total: Duration,
    export: Duration,
    age: Duration,
    image_bytes: u64,
}

/// The same work with stock tools: `secret-tool lookup` | `stock_export.py`, then
/// `age -r`, timed from the first process's start to the last one's exit.
fn stock_pipeline(root: &Path, vault_id: &str, recipient: &str, out: &Path) -> Stock {
    let python = python();
    let image = root.join("stock-image.sqlite");
    let t = Instant::now();
    let key = Command::new("secret-tool")
        .args(["lookup", "service", "ironkeep", "username"])
        .arg(format!("vault-{vault_id}"))
        .output()
        .expect("secret-tool (libsecret-tools) must be installed");
    assert!(
        key.status.success() && !key.stdout.is_empty(),
        "secret-tool found no key"
    );
    let export_started = Instant::now();
    let mut export = Command::new(&python)
        .arg(STOCK_EXPORT)
        .arg(root.join("data/vault.db"))
        .arg(&image)
        .stdin(Stdio::piped())
        .spawn()
        .expect("the test venv's Python runs");
    export.stdin.take().unwrap().write_all(&key.stdout).unwrap();
    assert!(
        export.wait().unwrap().success(),
        "stock_export.py failed (is sqlcipher3 installed for {}? run scripts/setup.sh)",
        python.display()
    );
    let export_took = export_started.elapsed();
    let age_started = Instant::now();
    let sealed = Command::new("age")
        .args(["-r", recipient, "-o"])
        .arg(out)
        .arg(&image)
        .status()
        .expect("age must be installed");
    let age_took = age_started.elapsed();
    let total = t.elapsed();
    assert!(sealed.success(), "age -r failed");
    let image_bytes = std::fs::metadata(&image).unwrap().len();
    std::fs::remove_file(&image).unwrap();
    Stock {
        total,
        export: export_took,
        age: age_took,
        image_bytes,
    }
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Measures the vault as it is now, and prints its rows.
fn measure(slug: &str, label: &str, root: &Path, vault_id: &str, recipient: &str) {
    let dir = DataDir::at(root.join("data"));
    let reference = root.join(format!("ref-{slug}.age"));
    let receipt = Vault::open(&dir, Unlock::Keychain, Utc::now())
        .unwrap()
        .create_backup(&backup_to(reference.clone()), Utc::now())
        .unwrap();
    let out = |who: &str, round: usize| root.join(format!("{who}-{slug}-{round}.age"));
    // One warm-up of each, then rounds interleaved: both sides see the same machine.
    ironkeep_cli(root, &out("ironkeep", ROUNDS));
    stock_pipeline(root, vault_id, recipient, &out("stock", ROUNDS));
    let (mut ours, mut stock) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        ours.push(ironkeep_cli(root, &out("ironkeep", round)));
        stock.push(stock_pipeline(root, vault_id, recipient, &out("stock", round)));
    }
    let ours = median(ours);
    let image_bytes = stock[0].image_bytes;
    let export = median(stock.iter().map(|s| s.export).collect());
    let age = median(stock.iter().map(|s| s.age).collect());
    let stock = median(stock.iter().map(|s| s.total).collect());
    let (create, create_kib) = run_child("create", root, &reference);
    let (verify, verify_kib) = run_child("verify", root, &reference);
    let (restore, restore_kib) = run_child("restore", root, &reference);
    println!(
        "\n{label}: plain image {:.1} MB, backup {:.1} MB; medians of {ROUNDS}",
        image_bytes as f64 / 1e6,
        receipt.bytes as f64 / 1e6
    );
    println!("| operation | time | peak RSS of its process |");
    println!("|---|---|---|");
    println!(
        "| stock pipeline (`secret-tool lookup` → `sqlcipher3` `sqlcipher_export` → `age -r`), end to end | {} (export {}, age {}) | — |",
        ms(stock),
        ms(export),
        ms(age)
    );
    println!(
        "| `ironkeep backup create` (the CLI), end to end | {} (**{:.2}× faster** than stock) | — |",
        ms(ours),
        stock.as_secs_f64() / ours.as_secs_f64()
    );
    println!(
        "| `backup create` in-process (vault already open) | {} | {} MiB |",
        ms(create),
        create_kib / 1024
    );
    println!("| `backup verify` | {} | {} MiB |", ms(verify), verify_kib / 1024);
    println!(
        "| `backup restore` | {} | {} MiB |",
        ms(restore),
        restore_kib / 1024
    );
}

fn main() {
    if let (Ok(op), Ok(root), Ok(reference)) = (
        std::env::var("IRONKEEP_BENCH_OP"),
        std::env::var("IRONKEEP_BENCH_ROOT"),
        std::env::var("IRONKEEP_BENCH_REFERENCE"),
    ) {
        child(&op, &PathBuf::from(root), &PathBuf::from(reference));
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    let dir = DataDir::at(root.join("data"));
    let now = Utc::now();
    let (vault, kit) =
        Vault::create(&dir, None, now).expect("create a keychain vault (is a keychain running?)");
    kit.save(&root.join("kit.txt"), vault.id(), now).unwrap();
    let start = Utc.with_ymd_and_hms(2016, 1, 4, 7, 0, 0).unwrap();
    let (sessions, sets) = generate::history(vault.conn(), HistoryShape::ten_years(start)).unwrap();
    let vault_id = vault.id().to_owned();
    let recipient = vault.recipient().unwrap();
    drop(vault);
    measure(
        "training",
        &format!("ten-year training ({sessions} sessions, {sets} sets)"),
        root,
        &vault_id,
        &recipient,
    );

    // The same vault with ten years of WHOOP records, synced from the fake WHOOP.
    let vault = Vault::open(&dir, Unlock::Keychain, now).unwrap();
    let history = fake::History::generate(3650, now, 6);
    let records = history.total_timed();
    let _fake = connect::backfilled(&vault, history, now);
    drop(vault);
    measure(
        "whoop",
        &format!("the same with ten years of WHOOP ({records} records)"),
        root,
        &vault_id,
        &recipient,
    );
}
