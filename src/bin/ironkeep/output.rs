//! Human or JSON output, and the one-line error format.

use serde_json::{Value, json};

use ironkeep::VaultError;
use ironkeep::interchange::ImportError;
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
            println!("{data}");
        } else {
            println!("{}", printable(human));
        }
    }

    /// Prints an error on one line: text on stderr, or JSON `{"error": …}` on stdout.
    pub fn error(&self, err: &anyhow::Error) {
        let message = printable(&format!("{err:#}").replace(['\n', '\r'], " ")).into_owned();
        let code = err
            .downcast_ref::<VaultError>()
            .map(VaultError::code)
            .or_else(|| err.downcast_ref::<WhoopError>().map(WhoopError::code))
            .or_else(|| err.downcast_ref::<TrainingError>().map(TrainingError::code))
            .or_else(|| err.downcast_ref::<ImportError>().map(ImportError::code))
            .or_else(|| {
                err.downcast_ref::<ironkeep::backup::BackupError>()
                    .map(ironkeep::backup::BackupError::code)
            })
            .unwrap_or("error");
        if self.json {
            println!("{}", json!({ "error": { "code": code, "message": message } }));
        } else {
            eprintln!("error: {message}");
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
