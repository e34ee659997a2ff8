//! The journal's comparison on the ten-year vault: the generated training history (3,000
//! sessions, 75,000 sets), ten years of WHOOP data synced from the fake WHOOP (3,650
//! cycles and recoveries, 4,562 sleeps, 2,190 workouts) and ten years of journal days
//! (3,285 entries, one to three tags each, two of the user's own tags among them).
//!
//! Run under a real keychain: `scripts/with-keychain.sh cargo bench --bench journal`.
//! Prints medians; BENCHMARKS.md records the figures.

#[path = "support/whoop.rs"]
mod connect;
#[path = "../tests/it/whoop/fake.rs"]
#[allow(dead_code)]
mod fake;
#[path = "support/mod.rs"]
mod support;

use std::time::Duration;

use chrono::{Days, Local, TimeZone, Utc};
use ironkeep::journal::{self, BUILT_IN, Journal, Tags};
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::vault::DataDir;

use fake::History;

const ROUNDS: usize = 31;

fn main() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let now = Utc::now();
    let dir = DataDir::at(tmp.path().join("vault"));
    let vault = connect::keychain_vault(&dir, now);
    let conn = vault.conn();

    let start = Utc.with_ymd_and_hms(2016, 1, 4, 7, 0, 0).unwrap();
    let (sessions, sets) = generate::history(conn, HistoryShape::ten_years(start)).unwrap();
    let history = History::generate(3650, now, 6);
    let _fake = connect::backfilled(&vault, history.clone(), now);

    let tags = Tags::new(conn);
    tags.create("cold plunge").unwrap();
    tags.create("late screen time").unwrap();
    let names: Vec<&str> = BUILT_IN
        .iter()
        .copied()
        .chain(["cold plunge", "late screen time"])
        .collect();
    let entries = Journal::new(conn);
    let today = Local::now().date_naive();
    let mut journal_days = 0;
    for i in 0..3650u64 {
        // One day in ten is not journaled; the others tick one to three tags.
        if i % 10 == 7 {
            continue;
        }
        let day = today.checked_sub_days(Days::new(i + 1)).unwrap();
        let ticked: Vec<String> = (0..1 + i % 3)
            .map(|k| names[((i * 7 + k * 3) % names.len() as u64) as usize].to_owned())
            .collect();
        entries.add(day, &ticked, None, now).unwrap();
        journal_days += 1;
    }

    let compared = journal::compare(conn).unwrap();
    let rows: Vec<(&str, Duration)> = vec![
        (
            "journal comparison: every tag, 10 years",
            support::measure(ROUNDS, || drop(journal::compare(conn).unwrap())),
        ),
        (
            "journal: today's and yesterday's entries and the tags",
            support::measure(ROUNDS, || {
                drop(tags.list().unwrap());
                drop(entries.entry(today).unwrap());
                drop(entries.entry(today.pred_opt().unwrap()).unwrap());
            }),
        ),
    ];
    println!(
        "vault: {sessions} sessions, {sets} sets, {} WHOOP records, {journal_days} journal days, {} tags compared, \
         {} followed by a recovery",
        history.total_timed(),
        compared.tags.len(),
        compared.with_recovery
    );
    for (what, took) in rows {
        println!("{what:<56} {:>8.2} ms", took.as_secs_f64() * 1000.0);
    }
}
