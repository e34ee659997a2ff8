//! What the benchmarks share: medians over repeated runs after a warm-up, and a
//! generated Strong export for the ones that import.

use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};

/// The median of `samples`.
pub fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Runs `op` once to warm up, then `rounds` times, and returns the median duration.
#[allow(dead_code)] // not every benchmark measures in-process
pub fn measure(rounds: usize, mut op: impl FnMut()) -> Duration {
    op();
    median(
        (0..rounds)
            .map(|_| {
                let start = Instant::now();
                op();
                start.elapsed()
            })
            .collect(),
    )
}

/// A Strong semicolon export of `rows` sets (with units), about 25 per workout.
#[allow(dead_code)] // only the benchmarks that import use it
pub fn strong_csv(rows: usize) -> Vec<u8> {
    let lifts = [
        "Squat (Barbell)",
        "Bench Press (Barbell)",
        "Deadlift (Barbell)",
        "Overhead Press (Barbell)",
        "Pull Up",
    ];
    let mut out = String::from(
        "Date;Workout Name;Exercise Name;Set Order;Weight;Weight Unit;Reps;RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes;Workout Duration\n",
    );
    let start = Utc.with_ymd_and_hms(2012, 1, 2, 7, 0, 0).unwrap();
    for i in 0..rows {
        let workout = i / 25;
        let at = start + chrono::Duration::hours(29 * workout as i64);
        let lift = lifts[(i / 5 + workout) % lifts.len()];
        let order = if i % 5 == 0 {
            "W".to_owned()
        } else {
            (i % 5).to_string()
        };
        let weight = 40 + (i * 7) % 120;
        out.push_str(&format!(
            "{};Day {};{lift};{order};{weight}{};kg;{};;;;0;;;1h 5m\n",
            at.format("%Y-%m-%d %H:%M:%S"),
            workout % 4 + 1,
            if i % 3 == 0 { ",5" } else { "" },
            3 + i % 8,
        ));
    }
    out.into_bytes()
}
