//! Timing helpers shared by the benchmarks: medians over repeated runs after a warm-up.

use std::time::{Duration, Instant};

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
