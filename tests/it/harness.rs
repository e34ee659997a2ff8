//! The shared harness: a temporary data dir per test, the real keychain, the CLI binary,
//! a fixed clock, and readers for what landed on disk.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use chrono::{DateTime, TimeZone, Utc};
use ironkeep::DataDir;

/// A fixed "now" so tests never depend on the clock.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 9, 30, 0).unwrap()
}

/// A strong passphrase for passphrase-mode tests.
pub const STRONG: &str = "plank orbit velvet cactus meadow";

/// One test's private folder: `data/` is the vault, everything else is scratch.
pub struct Sandbox {
    pub tmp: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn data(&self) -> PathBuf {
        self.tmp.path().join("data")
    }

    pub fn dir(&self) -> DataDir {
        DataDir::at(self.data())
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.tmp.path().join(name)
    }

    /// Runs the `ironkeep` binary on this sandbox's vault with `stdin` as input.
    pub fn cli(&self, args: &[&str], stdin: &str) -> Run {
        self.cli_env(args, stdin, &[])
    }

    pub fn cli_env(&self, args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
        let mut cmd = self.command(args);
        for (k, v) in env {
            cmd.env(k, v);
        }
        run(cmd, stdin)
    }

    /// The `ironkeep` command on this sandbox's vault, not yet started.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_ironkeep"));
        cmd.arg("--data-dir").arg(self.data()).args(args);
        cmd.env_remove("IRONKEEP_DATA_DIR").env_remove("IRONKEEP_LOG");
        cmd
    }

    /// `ironkeep init` in keychain mode; returns the kit path.
    pub fn init(&self) -> PathBuf {
        let kit = self.path("kit.txt");
        self.cli(&["init", "--kit-out", kit.to_str().unwrap()], "").ok();
        kit
    }

    /// The vault id from `vault.json`.
    pub fn vault_id(&self) -> String {
        let meta: serde_json::Value =
            serde_json::from_slice(&std::fs::read(self.data().join("vault.json")).unwrap()).unwrap();
        meta["vault_id"].as_str().unwrap().to_owned()
    }

    /// Every file under the data dir, with its bytes.
    pub fn files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        collect(&self.data(), &mut out);
        out
    }
}

fn collect(dir: &Path, out: &mut Vec<(PathBuf, Vec<u8>)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else {
            out.push((path.clone(), std::fs::read(&path).unwrap()));
        }
    }
}

/// A finished command.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns self.
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code,
            Some(0),
            "command failed:\nstdout: {}\nstderr: {}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Asserts failure and returns self.
    pub fn fails(self) -> Self {
        assert_ne!(
            self.code,
            Some(0),
            "command should have failed:\nstdout: {}",
            self.stdout
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(self.stdout.trim()).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.stdout))
    }

    /// stderr without the noise dbus-daemon prints in test sessions.
    pub fn errors(&self) -> String {
        self.stderr
            .lines()
            .filter(|l| !l.starts_with("dbus-daemon"))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub fn run(mut cmd: Command, stdin: &str) -> Run {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("spawn");
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().unwrap();
    Run {
        code: status.code(),
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// The vault key as the keychain holds it, read with the stock `secret-tool`.
pub fn keychain_key(vault_id: &str) -> Option<String> {
    let out = Command::new("secret-tool")
        .args([
            "lookup",
            "service",
            "ironkeep",
            "username",
            &format!("vault-{vault_id}"),
        ])
        .output()
        .expect("secret-tool (libsecret-tools) must be installed");
    let text = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    (out.status.success() && !text.is_empty()).then_some(text)
}

/// Deletes the vault's keychain entry with the stock `secret-tool`.
pub fn clear_keychain(vault_id: &str) {
    let status = Command::new("secret-tool")
        .args([
            "clear",
            "service",
            "ironkeep",
            "username",
            &format!("vault-{vault_id}"),
        ])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The identity line of a kit file.
pub fn kit_identity(kit: &Path) -> String {
    std::fs::read_to_string(kit)
        .unwrap()
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .expect("kit has an identity line")
        .to_owned()
}

#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Presses Ctrl-C on `child` the way a user would during long work: sends SIGINT once
/// the process has installed its handler (read from `/proc`, so there is no race with
/// start-up), failing if the process ends first or never installs one.
pub fn press_ctrl_c(child: &mut std::process::Child) {
    const SIGINT_BIT: u64 = 1 << (2 - 1);
    let status = format!("/proc/{}/status", child.id());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let caught = std::fs::read_to_string(&status)
            .unwrap_or_default()
            .lines()
            .find_map(|l| l.strip_prefix("SigCgt:"))
            .and_then(|mask| u64::from_str_radix(mask.trim(), 16).ok())
            .unwrap_or(0);
        if caught & SIGINT_BIT != 0 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the command ended before it handled Ctrl-C"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "the command never installed a Ctrl-C handler"
        );
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let sent = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success(), "SIGINT delivered");
}
