//! The hybrid logical clock that orders changes across devices: wall-clock milliseconds
//! with a counter for changes within one millisecond, never going back on one device, and
//! always past every clock the device has read from another (so an edit made after seeing
//! another device's change wins over it, whatever the two wall clocks say).
//!
//! Written by hand rather than with `uhlc`, which reads the physical clock through a global
//! function: the core takes `now` as an argument, the tests run devices with skewed clocks
//! side by side, and the clock must resume from the value persisted in the vault.

use std::fmt;

/// How far ahead of this device's wall clock another device's clock may be and still be
/// adopted: a day. A change stamped further ahead is held, so that one device with a wrong
/// clock cannot drag every device's clock into its future.
pub const MAX_AHEAD_MS: u64 = 24 * 60 * 60 * 1000;

/// One reading of the clock: 48 bits of Unix milliseconds and a 16-bit counter, ordered as
/// one 64-bit number (and written as 16 hex digits, which sort the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Hlc(u64);

/// Another device's clock is too far ahead of this one's wall clock to be adopted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "another device's clock is {ahead_ms} ms ahead of this one's; its change waits until the clocks agree"
)]
pub struct ClockAhead {
    /// By how much.
    pub ahead_ms: u64,
}

const COUNTER_BITS: u32 = 16;
const COUNTER_MAX: u64 = (1 << COUNTER_BITS) - 1;
const MILLIS_MAX: u64 = (1 << (64 - COUNTER_BITS)) - 1;

impl Hlc {
    /// The clock at `millis` (Unix milliseconds, clamped to 48 bits) with counter `counter`.
    pub fn new(millis: u64, counter: u16) -> Hlc {
        Hlc((millis.min(MILLIS_MAX) << COUNTER_BITS) | u64::from(counter))
    }

    /// Its wall-clock part, in Unix milliseconds.
    pub fn millis(self) -> u64 {
        self.0 >> COUNTER_BITS
    }

    /// Its counter.
    pub fn counter(self) -> u16 {
        (self.0 & COUNTER_MAX) as u16
    }

    /// As one number, for storage.
    pub fn to_u64(self) -> u64 {
        self.0
    }

    /// From [`Hlc::to_u64`].
    pub fn from_u64(value: u64) -> Hlc {
        Hlc(value)
    }

    /// The stamp for a change made now: past `self` (the last stamp issued or adopted) and
    /// no earlier than the wall clock. When the counter of one millisecond runs out, the
    /// clock borrows the next millisecond.
    pub fn tick(self, now_ms: u64) -> Hlc {
        let now = now_ms.min(MILLIS_MAX);
        if now > self.millis() {
            Hlc::new(now, 0)
        } else {
            Hlc(self.0.saturating_add(1))
        }
    }

    /// The clock after reading `remote` from another device: the larger of the two, unless
    /// `remote` is more than [`MAX_AHEAD_MS`] ahead of the wall clock.
    pub fn observe(self, remote: Hlc, now_ms: u64) -> Result<Hlc, ClockAhead> {
        let ahead_ms = remote.millis().saturating_sub(now_ms);
        if ahead_ms > MAX_AHEAD_MS {
            return Err(ClockAhead { ahead_ms });
        }
        Ok(self.max(remote))
    }
}

impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tick_follows_the_wall_clock_when_it_moves_on() {
        let last = Hlc::new(1_000, 7);
        assert_eq!(last.tick(2_000), Hlc::new(2_000, 0));
    }

    #[test]
    fn a_tick_never_goes_back_when_the_wall_clock_does() {
        let last = Hlc::new(5_000, 3);
        let next = last.tick(4_000);
        assert_eq!(next, Hlc::new(5_000, 4));
        assert!(next > last);
    }

    #[test]
    fn the_counter_borrows_the_next_millisecond_when_it_runs_out() {
        let last = Hlc::new(5_000, u16::MAX);
        let next = last.tick(5_000);
        assert_eq!(next, Hlc::new(5_001, 0));
        assert!(next > last);
    }

    #[test]
    fn reading_a_later_clock_puts_every_later_stamp_past_it() {
        let mine = Hlc::new(1_000, 0);
        let theirs = Hlc::new(60_000, 2);
        let seen = mine.observe(theirs, 1_000).unwrap();
        assert!(
            seen.tick(1_001) > theirs,
            "an edit after seeing theirs wins over it"
        );
        assert_eq!(mine.observe(Hlc::new(10, 0), 1_000).unwrap(), mine);
    }

    #[test]
    fn a_clock_more_than_a_day_ahead_is_not_adopted() {
        let mine = Hlc::new(1_000, 0);
        let ahead = Hlc::new(1_000 + MAX_AHEAD_MS + 1, 0);
        assert_eq!(
            mine.observe(ahead, 1_000),
            Err(ClockAhead {
                ahead_ms: MAX_AHEAD_MS + 1
            })
        );
        let a_day = Hlc::new(1_000 + MAX_AHEAD_MS, 0);
        assert_eq!(mine.observe(a_day, 1_000), Ok(a_day));
    }

    #[test]
    fn stamps_sort_as_their_text_does() {
        let stamps = [
            Hlc::new(1, 0),
            Hlc::new(1, 1),
            Hlc::new(2, 0),
            Hlc::new(0xffff_ffff_ffff, 9),
        ];
        for pair in stamps.windows(2) {
            assert!(pair[0] < pair[1]);
            assert!(pair[0].to_string() < pair[1].to_string());
        }
        assert_eq!(Hlc::from_u64(stamps[2].to_u64()), stamps[2]);
        assert_eq!(Hlc::new(u64::MAX, 0).millis(), MILLIS_MAX, "clamped to 48 bits");
    }
}
