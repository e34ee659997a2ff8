//! Entry point of the Ironkeep desktop app; everything else lives in the library.

// Keep a console window from opening next to the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::process::ExitCode;

fn main() -> ExitCode {
    match ironkeep_desktop::run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("Ironkeep could not start: {err}");
            ExitCode::FAILURE
        }
    }
}
