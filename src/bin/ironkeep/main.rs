//! The `ironkeep` command line: a thin layer of argument parsing and output over the core.
//!
//! Every command prints either human text or, with `--json`, one JSON document on stdout.
//! Errors are one line on stderr (or a JSON `{"error": {code, message}}` with `--json`),
//! never a backtrace or a secret, and end the process with a non-zero exit code.

mod args;
mod backup;
mod commands;
mod interrupt;
mod journal;
mod output;
mod program;
mod prompt;
mod sync;
mod training;
mod whoop;
mod wipe;

use std::process::ExitCode;

use clap::Parser;

use args::Cli;
use output::Output;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let out = Output::new(cli.json);
    match commands::run(cli, &out) {
        Ok(code) => code,
        Err(err) => {
            out.error(&err);
            if interrupt::interrupted() {
                ExitCode::from(interrupt::EXIT_INTERRUPTED)
            } else {
                ExitCode::FAILURE
            }
        }
    }
}
