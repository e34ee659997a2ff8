//! The fake WHOOP of the integration tests, as a process, for the desktop end-to-end test.
//!
//! `cargo run --example fake_whoop -- PORT [DAYS]` serves `DAYS` days of deterministic
//! history (default 400) ending now on `127.0.0.1:PORT`, with the test client id and
//! secret and the default redirect URI, prints `fake WHOOP ready on http://127.0.0.1:PORT`
//! once it accepts connections, and runs until killed. The server itself is
//! `tests/it/whoop/fake.rs`, included here rather than copied.

use std::process::ExitCode;

#[path = "../tests/it/whoop/fake.rs"]
#[allow(dead_code)] // The fault-injection and inspection helpers serve the Rust tests only.
mod fake;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let port = args.next().and_then(|p| p.parse::<u16>().ok());
    let days = args.next().map_or(Some(400), |d| d.parse::<u32>().ok());
    let (Some(port), Some(days)) = (port, days.filter(|d| (1..=5000).contains(d))) else {
        eprintln!("usage: fake_whoop PORT [DAYS (1-5000, default 400)]");
        return ExitCode::from(2);
    };
    let history = fake::History::generate(days, chrono::Utc::now(), 4);
    let server = fake::Fake::start_on(port, history, ironkeep::whoop::DEFAULT_REDIRECT_URI);
    println!("fake WHOOP ready on {}", server.base);
    loop {
        std::thread::park();
    }
}
