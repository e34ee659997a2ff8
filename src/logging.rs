//! Logging that cannot leak: `tracing` to stderr and to a size-bounded file, both behind a
//! redaction pass.
//!
//! Secrets are already types that refuse to print, and no code logs health values; the
//! redaction pass is the second wall. Every formatted event is scanned before it is
//! written, and anything shaped like a key (`x'…'`, 64 hex digits), a recovery identity
//! (`AGE-SECRET-KEY-1…`), a bearer token, or a `token=` / `secret=` / `password=` value is
//! replaced. The log file lives in the vault's `logs/` folder, `0600`, and rolls over to a
//! single `.1` file at [`MAX_LOG_BYTES`].

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use regex::Regex;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

use crate::vault::files;

/// Size at which the log file rolls over.
pub const MAX_LOG_BYTES: u64 = 1024 * 1024;

/// The environment variable holding a `tracing` filter (e.g. `debug`), for both outputs.
pub const LOG_ENV: &str = "IRONKEEP_LOG";

/// Dependencies that may never log below `warn`.
const QUIET: &str = "zbus=warn,secret_service=warn,keyring_core=warn,zbus_secret_service_keyring_store=warn,\
    async_io=warn,polling=warn,age=warn,rusqlite=warn";

/// Starts logging: to stderr at `error` (or `IRONKEEP_LOG`), and, when `logs_dir` is given,
/// to `logs_dir/ironkeep.log` at `info` (or `IRONKEEP_LOG`). Calling it twice is harmless.
pub fn init(logs_dir: Option<&Path>) {
    let filter = |default: &str| {
        let wanted = std::env::var(LOG_ENV).unwrap_or_else(|_| default.to_owned());
        // Crates that speak to the keychain stay at `warn` whatever is asked: their traces
        // would carry D-Bus messages, and this log is never the place for those.
        EnvFilter::try_new(format!("{wanted},{QUIET}"))
            .unwrap_or_else(|_| EnvFilter::new(format!("{default},{QUIET}")))
    };
    let stderr = tracing_subscriber::fmt::layer()
        .with_writer(Redacting::new(Target::Stderr))
        .with_target(false)
        .with_filter_layer(filter("error"));
    let file = logs_dir.and_then(|dir| {
        files::create_private_dir(dir).ok()?;
        let sink = BoundedFile::new(dir.join("ironkeep.log"));
        Some(
            tracing_subscriber::fmt::layer()
                .with_writer(Redacting::new(Target::File(Arc::new(Mutex::new(sink)))))
                .with_ansi(false)
                .with_filter_layer(filter("info")),
        )
    });
    let _ = tracing_subscriber::registry().with(stderr).with(file).try_init();
}

/// Small helper trait so both layers read the same.
trait WithFilter<S>: Sized {
    fn with_filter_layer(self, filter: EnvFilter)
    -> tracing_subscriber::filter::Filtered<Self, EnvFilter, S>;
}

impl<S, L> WithFilter<S> for L
where
    L: tracing_subscriber::Layer<S>,
    S: tracing::Subscriber,
{
    fn with_filter_layer(
        self,
        filter: EnvFilter,
    ) -> tracing_subscriber::filter::Filtered<Self, EnvFilter, S> {
        tracing_subscriber::Layer::with_filter(self, filter)
    }
}

static PATTERNS: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        (r"AGE-SECRET-KEY-1[0-9A-Za-z]+", "[redacted identity]"),
        (r"(?i)x'[0-9a-f]{16,}'", "[redacted key]"),
        (r"(?i)\b[0-9a-f]{40,}\b", "[redacted hex]"),
        (r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]+", "Bearer [redacted]"),
        (
            r#"(?i)\b((?:access|refresh|id)_token|client_secret|secret|password|passphrase|authorization|code)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+"#,
            "$1$2[redacted]",
        ),
    ]
    .into_iter()
    .map(|(pattern, replacement)| (Regex::new(pattern).expect("redaction patterns are valid"), replacement))
    .collect()
});

/// Replaces anything shaped like a secret in `text`.
pub fn redact(text: &str) -> String {
    PATTERNS.iter().fold(text.to_owned(), |acc, (re, rep)| {
        re.replace_all(&acc, *rep).into_owned()
    })
}

/// Where a redacted event goes.
#[derive(Clone)]
enum Target {
    Stderr,
    File(Arc<Mutex<BoundedFile>>),
}

/// A `MakeWriter` that buffers each event and writes it redacted, in one piece.
#[derive(Clone)]
struct Redacting {
    target: Target,
}

impl Redacting {
    fn new(target: Target) -> Self {
        Self { target }
    }
}

impl<'a> MakeWriter<'a> for Redacting {
    type Writer = EventBuffer;
    fn make_writer(&'a self) -> Self::Writer {
        EventBuffer {
            bytes: Vec::new(),
            target: self.target.clone(),
        }
    }
}

/// One event's text, written (redacted) when dropped.
struct EventBuffer {
    bytes: Vec<u8>,
    target: Target,
}

impl Write for EventBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Drop for EventBuffer {
    fn drop(&mut self) {
        if self.bytes.is_empty() {
            return;
        }
        let clean = redact(&String::from_utf8_lossy(&self.bytes));
        let _ = match &self.target {
            Target::Stderr => io::stderr().lock().write_all(clean.as_bytes()),
            Target::File(file) => match file.lock() {
                Ok(mut file) => file.append(clean.as_bytes()),
                Err(_) => Ok(()),
            },
        };
    }
}

/// An append-only file that rolls over to `<name>.1` past [`MAX_LOG_BYTES`].
struct BoundedFile {
    path: PathBuf,
    file: Option<File>,
    len: u64,
}

impl BoundedFile {
    fn new(path: PathBuf) -> Self {
        Self {
            path,
            file: None,
            len: 0,
        }
    }

    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        if self.file.is_none() {
            let file = files::append_private(&self.path)?;
            self.len = file.metadata()?.len();
            self.file = Some(file);
        }
        if self.len + bytes.len() as u64 > MAX_LOG_BYTES {
            self.file = None;
            std::fs::rename(&self.path, files::sibling(&self.path, ".1"))?;
            self.file = Some(files::append_private(&self.path)?);
            self.len = 0;
        }
        if let Some(file) = self.file.as_mut() {
            file.write_all(bytes)?;
            self.len += bytes.len() as u64;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_every_secret_shape() {
        let key = "ab".repeat(32);
        let line = format!(
            "key=\"x'{key}'\" raw {key} AGE-SECRET-KEY-1QQQ9 Authorization: Bearer eyJ.abc \
             refresh_token=r1-secret client_secret: \"cs-123\" password=hunter2 vault 0123456789abcdef01234567"
        );
        let out = redact(&line);
        for secret in [
            key.as_str(),
            "AGE-SECRET-KEY-1QQQ9",
            "eyJ.abc",
            "r1-secret",
            "cs-123",
            "hunter2",
        ] {
            assert!(!out.contains(secret), "{secret} leaked into {out}");
        }
        assert!(
            out.contains("0123456789abcdef01234567"),
            "vault ids (24 hex) stay readable: {out}"
        );
    }

    #[test]
    fn the_log_writer_redacts_what_reaches_it() {
        // Secret types never format their value (the first wall); this is the second: a
        // token that slipped into an event's text anyway is redacted before it is written.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.log");
        let writer = Redacting::new(Target::File(Arc::new(Mutex::new(BoundedFile::new(path.clone())))));
        let mut event = writer.make_writer();
        write!(event, "sync failed: refresh_token=r1-secret AGE-SECRET-KEY-1QQQ9").unwrap();
        drop(event);
        let logged = std::fs::read_to_string(&path).unwrap();
        assert!(
            logged.starts_with("sync failed: "),
            "the event is written: {logged}"
        );
        for secret in ["r1-secret", "AGE-SECRET-KEY-1QQQ9"] {
            assert!(
                !logged.contains(secret),
                "{secret} reached the log file: {logged}"
            );
        }
    }

    #[test]
    fn bounded_file_rolls_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.log");
        let mut file = BoundedFile::new(path.clone());
        let chunk = vec![b'x'; 64 * 1024];
        for _ in 0..40 {
            file.append(&chunk).unwrap();
        }
        let len = std::fs::metadata(&path).unwrap().len();
        assert!(
            len <= MAX_LOG_BYTES,
            "the live log must stay under the bound, was {len}"
        );
        assert!(
            files::sibling(&path, ".1").exists(),
            "the old log must be kept once"
        );
    }
}
