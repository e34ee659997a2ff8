//! Ctrl-C for the long commands (imports, a WHOOP sync, waiting for the WHOOP sign-in).
//!
//! The first press asks the running work to stop at its next safe point: an import rolls
//! back and writes nothing, a sync keeps what it has fetched and resumes next time, a
//! sign-in stops waiting. A second press ends the process at once; the vault's
//! transactions still leave it whole. Short commands never install the handler, so
//! Ctrl-C ends them the usual way.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// Exit status of a command stopped by Ctrl-C (128 + SIGINT), as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;

static STOP: AtomicBool = AtomicBool::new(false);
static INSTALLED: OnceLock<()> = OnceLock::new();

/// The flag a long command passes to the core as its cancel switch; installs the Ctrl-C
/// handler the first time. If the handler cannot be installed, Ctrl-C simply ends the
/// process as it would without one.
pub fn stop_flag() -> &'static AtomicBool {
    INSTALLED.get_or_init(|| {
        let _ = ctrlc::set_handler(|| {
            if STOP.swap(true, Ordering::SeqCst) {
                std::process::exit(i32::from(EXIT_INTERRUPTED));
            }
            eprintln!("\nStopping at the next safe point… (Ctrl-C again to quit at once)");
        });
    });
    &STOP
}

/// Whether Ctrl-C was pressed during this run.
pub fn interrupted() -> bool {
    STOP.load(Ordering::SeqCst)
}
