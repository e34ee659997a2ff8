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
            println!("{human}");
        }
    }

    /// Prints an error on one line: text on stderr, or JSON `{"error": …}` on stdout. An
    /// import's problem rows follow, grouped, one kind a line (in JSON: `problems`).
    pub fn error(&self, err: &anyhow::Error) {
        let problems = match err.downcast_ref::<ImportError>() {
            Some(ImportError::BadRows(rows)) => ironkeep::interchange::problems::group(rows),
            _ => Vec::new(),
        };
        let message = format!("{err:#}");
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
            .or_else(|| {
                err.downcast_ref::<ironkeep::backup::BackupError>()
                    .map(ironkeep::backup::BackupError::code)
            })
            .unwrap_or("error");
        if self.json {
            let mut error = json!({ "code": code, "message": message });
            if !problems.is_empty() {
                error["problems"] = json!(problems);
            }
            println!("{}", json!({ "error": error }));
        } else {
            eprintln!("error: {message}");
            for group in &problems {
                eprintln!("  {group}");
            }
        }
    }
}
