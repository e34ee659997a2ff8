//! Human or JSON output, and the one-line error format.
//!
//! Everything bound for standard output goes through [`stdout`], so that a reader that
//! stops early (`ironkeep exercise list | head`) ends the command quietly, as it ends
//! other command-line tools, instead of a panic about a broken pipe.

use std::io::{ErrorKind, Write};

use serde_json::{Value, json};

use ironkeep::VaultError;
use ironkeep::interchange::ImportError;
use ironkeep::journal::JournalError;
use ironkeep::training::TrainingError;
use ironkeep::whoop::WhoopError;

/// How results are printed.
pub struct Output {
    json: bool,
}

impl Output {
    pub fn new(json: bool) -> Self {
        Self { json }
    }

    /// Whether `--json` was given.
    pub fn is_json(&self) -> bool {
        self.json
    }

    /// Prints a result: `human` as text, or `data` as one JSON document.
    pub fn print(&self, human: &str, data: Value) {
        if self.json {
            stdout(format!("{data}\n").as_bytes());
        } else {
            stdout(format!("{}\n", printable(human)).as_bytes());
        }
    }

    /// Prints an error on one line: text on stderr, or JSON `{"error": …}` on stdout. An
    /// import's problem rows follow, grouped, one kind a line (in JSON: `problems`).
    pub fn error(&self, err: &anyhow::Error) {
        let problems = match err.downcast_ref::<ImportError>() {
            Some(ImportError::BadRows(rows)) => ironkeep::interchange::problems::group(rows),
            _ => Vec::new(),
        };
        let message = printable(&format!("{err:#}")).into_owned();
        let message = match message.split_once('\n') {
            Some((first, _)) if !problems.is_empty() => first.to_owned(),
            _ => message,
        }
        .replace(['\n', '\r'], " ");
        let code = err
            .downcast_ref::<VaultError>()
            .map(VaultError::code)
            .or_else(|| err.downcast_ref::<WhoopError>().map(WhoopError::code))
            .or_else(|| err.downcast_ref::<TrainingError>().map(TrainingError::code))
            .or_else(|| err.downcast_ref::<ImportError>().map(ImportError::code))
            .or_else(|| err.downcast_ref::<JournalError>().map(JournalError::code))
            .or_else(|| {
                err.downcast_ref::<ironkeep::programs::ProgramError>()
                    .map(ironkeep::programs::ProgramError::code)
            })
            .or_else(|| {
                err.downcast_ref::<ironkeep::backup::BackupError>()
                    .map(ironkeep::backup::BackupError::code)
            })
            .or_else(|| {
                err.downcast_ref::<ironkeep::sync::SyncError>()
                    .map(ironkeep::sync::SyncError::code)
            })
            .or_else(|| {
                err.downcast_ref::<ironkeep::sync::RemoveError>()
                    .map(ironkeep::sync::RemoveError::code)
            })
            .unwrap_or("error");
        if self.json {
            let mut error = json!({ "code": code, "message": message });
            if !problems.is_empty() {
                error["problems"] = json!(problems);
            }
            stdout(format!("{}\n", json!({ "error": error })).as_bytes());
        } else {
            eprintln!("error: {message}");
            for group in &problems {
                eprintln!("  {}", printable(&group.to_string()));
            }
        }
    }
}

/// Writes `bytes` to standard output. A reader that went away ends the process at once
/// with success (what was asked for is done; nobody reads the rest); any other failure
/// (a full disk behind a redirect) ends it with one error line.
pub fn stdout(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => {}
        Err(err) if err.kind() == ErrorKind::BrokenPipe => std::process::exit(0),
        Err(err) => {
            eprintln!("error: could not write to standard output: {err}");
            std::process::exit(1);
        }
    }
}

/// Text for a terminal: control characters other than line breaks and tabs (terminal
/// escapes among them) become U+FFFD, so that a name from someone else's backup or
/// import cannot move the cursor, rewrite the screen or set the window title. JSON output
/// needs no such care: serde escapes them.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && !matches!(c, '\n' | '\t');
    if text.chars().any(unsafe_char) {
        text.chars()
            .map(|c| if unsafe_char(c) { '\u{fffd}' } else { c })
            .collect::<String>()
            .into()
    } else {
        text.into()
    }
}
