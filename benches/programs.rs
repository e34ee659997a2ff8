//! Programs: the state is derived, never stored, so `program today` and finishing a
//! session replay the whole run each time. This measures that replay in a SQLCipher vault
//! (raw key, the vault's pragmas) after one and two years of 5/3/1 trained from the
//! program (4 sessions a week, every set done as prescribed).
//!
//! Run: `cargo bench --bench programs` (no keychain needed). Prints medians;
//! BENCHMARKS.md records the figures.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use ironkeep::keys::DbKey;
use ironkeep::programs::Runs;
use ironkeep::training::sets::SetsMut;
use ironkeep::training::{Sessions, SessionsMut, Unit, Weight};
use ironkeep::vault::{db, migrate};

#[path = "support/mod.rs"]
mod support;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let mut conn = db::open(
        &dir.path().join("programs.db"),
        &DbKey::generate().unwrap(),
        db::Create::New,
    )
    .unwrap();
    migrate::run(&mut conn).unwrap();
    let begin = Utc.with_ymd_and_hms(2024, 1, 1, 17, 0, 0).unwrap();
    let now = begin + chrono::Duration::days(800);
    let runs = Runs::new(&conn);
    let maxes: Vec<(String, Weight)> = [
        ("press", "40"),
        ("deadlift", "140"),
        ("bench", "70"),
        ("squat", "120"),
    ]
    .into_iter()
    .map(|(lift, kg)| (lift.to_owned(), Weight::parse(kg, Unit::Kg).unwrap()))
    .collect();
    runs.start("5/3/1", &maxes, begin).unwrap();
    let sets = SetsMut::new(&conn);
    let mut trained = 0;
    for weeks in [52, 104] {
        while trained < weeks * 4 {
            let start = begin + chrono::Duration::hours(42 * (trained as i64 + 1));
            let detail = runs.start_session(start, now).unwrap();
            for set in Sessions::new(&conn).detail(detail.session.id).unwrap().sets {
                let mut input = set.input.clone();
                input.done = true;
                sets.edit(set.id, &input).unwrap();
            }
            SessionsMut::new(&conn)
                .finish(
                    detail.session.id,
                    start + chrono::Duration::minutes(60),
                    false,
                    now,
                )
                .unwrap();
            trained += 1;
        }
        let last = Sessions::new(&conn).in_progress().unwrap();
        assert!(last.is_none());
        let today: Duration = support::measure(15, || {
            runs.today().unwrap();
        });
        let latest: u32 = conn
            .query_row("SELECT max(session_id) FROM program_session", [], |r| r.get(0))
            .unwrap();
        let finished: Duration = support::measure(15, || {
            runs.finished(latest).unwrap().unwrap();
        });
        let plan = runs.today().unwrap().plan;
        println!(
            "{trained} sessions ({weeks} weeks, cycle {}): program today {:.1} ms, what changed after finishing {:.1} ms",
            plan.cycle,
            today.as_secs_f64() * 1000.0,
            finished.as_secs_f64() * 1000.0
        );
    }
}
