//! The fake WHOOP of the integration tests, as a process, for the desktop end-to-end test.
//!
//! `cargo run --example fake_whoop -- PORT [DAYS] [LIMIT/SECONDS]` serves `DAYS` days of
//! deterministic history (default 400) ending now on `127.0.0.1:PORT`, with the test client
//! id and secret and the default redirect URI, allowing `LIMIT` requests per `SECONDS`
//! (announced in WHOOP's rate-limit headers, 429 past it; default: no real limit), prints
//! `fake WHOOP workouts [...]` (each workout's id, sport, start, end and strain, as one JSON
//! line, so a journey can log sessions that line up with them), then
//! `fake WHOOP ready on http://127.0.0.1:PORT` once it accepts connections, and runs until
//! killed. The server itself is
//! `tests/it/whoop/fake.rs`, included here rather than copied.

use std::process::ExitCode;

#[path = "../tests/it/whoop/fake.rs"]
#[allow(dead_code)] // The fault-injection and inspection helpers serve the Rust tests only.
mod fake;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let port = args.next().and_then(|p| p.parse::<u16>().ok());
    let days = args.next().map_or(Some(400), |d| d.parse::<u32>().ok());
    let quota = args.next().map(|q| {
        q.split_once('/')
            .and_then(|(limit, seconds)| Some((limit.parse::<u32>().ok()?, seconds.parse::<u64>().ok()?)))
            .filter(|&(limit, seconds)| limit > 0 && seconds > 0)
    });
    let (Some(port), Some(days), Some(quota)) = (
        port,
        days.filter(|d| (1..=5000).contains(d)),
        quota.map_or(Some(None), |q| q.map(Some)),
    ) else {
        eprintln!("usage: fake_whoop PORT [DAYS (1-5000, default 400)] [LIMIT/SECONDS, e.g. 100/60]");
        return ExitCode::from(2);
    };
    let history = fake::History::generate(days, chrono::Utc::now(), 4);
    let workouts: Vec<serde_json::Value> = history
        .workouts
        .iter()
        .map(|w| {
            serde_json::json!({"id": w["id"], "sport_name": w["sport_name"], "start": w["start"],
                "end": w["end"], "strain": w["score"]["strain"]})
        })
        .collect();
    println!("fake WHOOP workouts {}", serde_json::Value::Array(workouts));
    let server = fake::Fake::start_on(port, history, ironkeep::whoop::DEFAULT_REDIRECT_URI);
    if let Some((limit, seconds)) = quota {
        server.with(|state| {
            state.rate_limit = limit;
            state.rate_window = std::time::Duration::from_secs(seconds);
        });
    }
    println!("fake WHOOP ready on {}", server.base);
    loop {
        std::thread::park();
    }
}
