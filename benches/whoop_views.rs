//! The WHOOP × training views on ten years of both: every WHOOP chart (one series holds all
//! of them), Insights (weekly volume beside strain and recovery, strain per tonne), the
//! weekly report, a session's WHOOP side and the History page that shows strain, and the
//! full refresh of matches that runs after a sync. Query time only (no IPC, no drawing).
//!
//! Run under a real keychain: `scripts/with-keychain.sh cargo bench --bench whoop_views`.
//! The vault holds the generated ten-year training history (3,000 sessions, 75,000 sets)
//! and ten years of WHOOP records backfilled from the fake WHOOP; BENCHMARKS.md records
//! the medians.

#[path = "support/whoop.rs"]
mod connect;
#[path = "../tests/it/whoop/fake.rs"]
#[allow(dead_code)]
mod fake;
#[path = "support/mod.rs"]
mod support;

use std::time::Duration;

use chrono::{Duration as Span, Utc};
use ironkeep::training::History;
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::training::history::HistoryFilter;
use ironkeep::vault::DataDir;
use ironkeep::whoop;
use ironkeep::{insights, matching, report};

const ROUNDS: usize = 31;

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let now = Utc::now();
    let dir = DataDir::at(tmp.path().join("vault"));
    let vault = connect::keychain_vault(&dir, now);
    let conn = vault.conn();
    let start = now - Span::days(3650);
    let (sessions, sets) = generate::history(conn, HistoryShape::ten_years(start)).unwrap();
    let (_fake, report) = connect::backfilled(&vault, fake::History::generate(3650, now, 4), now);
    let cycles: i64 = conn
        .query_row("SELECT count(*) FROM whoop_cycle", [], |r| r.get(0))
        .unwrap();
    let matched: i64 = conn
        .query_row("SELECT count(*) FROM whoop_match", [], |r| r.get(0))
        .unwrap();
    println!(
        "vault: {sessions} sessions, {sets} sets, {cycles} WHOOP cycles, {} WHOOP requests, {matched} workouts matched to sessions",
        report.requests
    );
    let today = now.date_naive();
    let latest: u32 = conn
        .query_row(
            "SELECT id FROM session ORDER BY started_at DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let rows: Vec<(&str, Duration)> = vec![
        (
            "every WHOOP chart, all time (one series, 15 metrics)",
            support::measure(ROUNDS, || {
                whoop::series(conn, None, today).unwrap();
            }),
        ),
        (
            "every WHOOP chart, last year",
            support::measure(ROUNDS, || {
                whoop::series(conn, Some(today - Span::days(365)), today).unwrap();
            }),
        ),
        (
            "Insights, all time (weekly volume, strain and recovery; strain per tonne; the rest)",
            support::measure(ROUNDS, || {
                insights::insights(conn, None, now).unwrap();
            }),
        ),
        (
            "strain per tonne alone, all time",
            support::measure(ROUNDS, || {
                insights::load::strain_per_tonne(conn, now - Span::days(15_000), now).unwrap();
            }),
        ),
        (
            "the weekly report (this week beside the four before)",
            support::measure(ROUNDS, || {
                report::week(conn, today).unwrap();
            }),
        ),
        (
            "a session's WHOOP side (its matches and the workouts nearby)",
            support::measure(ROUNDS, || {
                matching::for_session(conn, latest).unwrap();
                matching::candidates(conn, latest).unwrap();
            }),
        ),
        (
            "the first History page, with strain",
            support::measure(ROUNDS, || {
                History::new(conn)
                    .sessions(&HistoryFilter::default(), None, 50)
                    .unwrap();
            }),
        ),
        (
            "refreshing every match (after a sync)",
            support::measure(5, || {
                matching::refresh(conn, now).unwrap();
            }),
        ),
    ];
    println!("| query | median of {ROUNDS} |");
    println!("|---|---|");
    for (label, took) in rows {
        println!("| {label} | {} |", ms(took));
    }
}
