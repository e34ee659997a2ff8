//! The overlap rule: which lifting session a WHOOP workout belongs to, if any.
//!
//! Everything is compared in UTC milliseconds; a record's `timezone_offset` is only for
//! showing it and for grouping it by day, so time zones and daylight-saving changes cannot
//! move a match. A session with a recorded end matches the WHOOP workouts that overlap it
//! (a workout that started before the session or ended after it, because the lifter
//! finished late or started the strap early, still overlaps). A session with no recorded
//! end (an import that did not say, or a workout still in progress) matches the workouts
//! that start from 15 minutes before its start to 3 hours after. When a workout fits more
//! than one session, the one it overlaps longest wins, then the one whose start is nearest,
//! then the older session id, so the answer never depends on the order of the inputs.

/// How long before an open session's start a WHOOP workout may start and still match.
pub const OPEN_BEFORE_MS: i64 = 15 * 60 * 1000;

/// How long after an open session's start a WHOOP workout may start and still match.
pub const OPEN_AFTER_MS: i64 = 3 * 60 * 60 * 1000;

/// A lifting session's time span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionSpan {
    /// The session's local id.
    pub id: u32,
    /// Its start, UTC ms.
    pub start_ms: i64,
    /// Its end, UTC ms, when one was recorded.
    pub end_ms: Option<i64>,
}

/// A WHOOP workout's time span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkoutSpan {
    /// Its start, UTC ms.
    pub start_ms: i64,
    /// Its end, UTC ms.
    pub end_ms: i64,
}

/// How well `workout` fits `session`: the milliseconds they share, or `None` when the rule
/// does not match them at all. A zero-length workout fits a session it falls inside.
pub fn fit(session: SessionSpan, workout: WorkoutSpan) -> Option<i64> {
    let shared = |from: i64, to: i64| workout.end_ms.min(to) - workout.start_ms.max(from);
    match session.end_ms {
        Some(end) => {
            let overlap = shared(session.start_ms, end);
            let inside = workout.start_ms == workout.end_ms
                && workout.start_ms >= session.start_ms
                && workout.start_ms <= end;
            (overlap > 0 || inside).then_some(overlap.max(0))
        }
        None => {
            // Only the workout's start decides; the time it shares with the window ranks it.
            let from = session.start_ms - OPEN_BEFORE_MS;
            let to = session.start_ms + OPEN_AFTER_MS;
            (workout.start_ms >= from && workout.start_ms <= to).then(|| shared(from, to).max(0))
        }
    }
}

/// The session `workout` belongs to among `sessions`, by the rule above.
pub fn best_session(sessions: &[SessionSpan], workout: WorkoutSpan) -> Option<u32> {
    sessions
        .iter()
        .filter_map(|s| fit(*s, workout).map(|shared| (s, shared)))
        .max_by_key(|(s, shared)| {
            (
                *shared,
                -(s.start_ms - workout.start_ms).abs(),
                std::cmp::Reverse(s.id),
            )
        })
        .map(|(s, _)| s.id)
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, FixedOffset, TimeZone, Utc};

    use super::*;

    const MIN: i64 = 60 * 1000;
    const HOUR: i64 = 60 * MIN;

    fn ms(text: &str) -> i64 {
        DateTime::parse_from_rfc3339(text).unwrap().timestamp_millis()
    }

    fn ended(id: u32, start: &str, end: &str) -> SessionSpan {
        SessionSpan {
            id,
            start_ms: ms(start),
            end_ms: Some(ms(end)),
        }
    }

    fn open(id: u32, start: &str) -> SessionSpan {
        SessionSpan {
            id,
            start_ms: ms(start),
            end_ms: None,
        }
    }

    fn workout(start: &str, end: &str) -> WorkoutSpan {
        WorkoutSpan {
            start_ms: ms(start),
            end_ms: ms(end),
        }
    }

    #[test]
    fn a_workout_inside_a_session_matches_it() {
        let s = ended(1, "2026-03-02T17:00:00Z", "2026-03-02T18:10:00Z");
        assert_eq!(
            fit(s, workout("2026-03-02T17:05:00Z", "2026-03-02T18:05:00Z")),
            Some(60 * MIN)
        );
        assert_eq!(
            best_session(&[s], workout("2026-03-02T17:05:00Z", "2026-03-02T18:05:00Z")),
            Some(1)
        );
    }

    #[test]
    fn overlap_on_either_side_matches_but_touching_does_not() {
        let s = ended(1, "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z");
        // Strap started early; the lifter finished late.
        assert_eq!(
            fit(s, workout("2026-03-02T16:30:00Z", "2026-03-02T17:10:00Z")),
            Some(10 * MIN)
        );
        assert_eq!(
            fit(s, workout("2026-03-02T17:50:00Z", "2026-03-02T19:00:00Z")),
            Some(10 * MIN)
        );
        // A run that ended as the session started, and one that started as it ended.
        assert_eq!(
            fit(s, workout("2026-03-02T16:00:00Z", "2026-03-02T17:00:00Z")),
            None
        );
        assert_eq!(
            fit(s, workout("2026-03-02T18:00:00Z", "2026-03-02T18:30:00Z")),
            None
        );
    }

    #[test]
    fn one_workout_may_span_a_session_finished_late() {
        // The session was finished an hour after the last set; WHOOP's workout covers both.
        let s = ended(1, "2026-03-02T17:00:00Z", "2026-03-02T20:00:00Z");
        assert_eq!(
            best_session(&[s], workout("2026-03-02T16:55:00Z", "2026-03-02T18:05:00Z")),
            Some(1)
        );
    }

    #[test]
    fn a_session_without_an_end_takes_workouts_starting_15_min_before_to_3_h_after() {
        let s = open(7, "2026-03-02T17:00:00Z");
        let starting = |at: &str| {
            fit(
                s,
                WorkoutSpan {
                    start_ms: ms(at),
                    end_ms: ms(at) + HOUR,
                },
            )
            .is_some()
        };
        assert!(starting("2026-03-02T16:45:00Z"), "15 min before");
        assert!(!starting("2026-03-02T16:44:59Z"), "just over 15 min before");
        assert!(starting("2026-03-02T20:00:00Z"), "3 h after");
        assert!(!starting("2026-03-02T20:00:01Z"), "just over 3 h after");
        // A workout that started earlier but ran into the session does not count for an open one.
        assert!(!starting("2026-03-02T16:00:00Z"));
    }

    #[test]
    fn two_workouts_in_one_session_both_match_it() {
        let s = ended(3, "2026-03-02T17:00:00Z", "2026-03-02T19:00:00Z");
        let warm_up_row = workout("2026-03-02T17:00:00Z", "2026-03-02T17:12:00Z");
        let lifting = workout("2026-03-02T17:15:00Z", "2026-03-02T18:55:00Z");
        assert_eq!(best_session(&[s], warm_up_row), Some(3));
        assert_eq!(best_session(&[s], lifting), Some(3));
    }

    #[test]
    fn a_session_may_have_none_and_a_workout_may_match_nothing() {
        let s = ended(3, "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z");
        assert_eq!(
            best_session(&[s], workout("2026-03-03T07:00:00Z", "2026-03-03T08:00:00Z")),
            None
        );
        assert_eq!(
            best_session(&[], workout("2026-03-03T07:00:00Z", "2026-03-03T08:00:00Z")),
            None
        );
    }

    #[test]
    fn the_longest_overlap_wins_then_the_nearest_start_whatever_the_order() {
        let morning = ended(1, "2026-03-02T07:00:00Z", "2026-03-02T08:00:00Z");
        let noon = ended(2, "2026-03-02T07:50:00Z", "2026-03-02T09:00:00Z");
        let w = workout("2026-03-02T07:40:00Z", "2026-03-02T08:40:00Z"); // 20 min vs 50 min
        assert_eq!(best_session(&[morning, noon], w), Some(2));
        assert_eq!(best_session(&[noon, morning], w), Some(2));
        // Equal overlap: the nearer start wins; equal again: the older id.
        let a = ended(4, "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z");
        let b = ended(5, "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z");
        let inside = workout("2026-03-02T10:10:00Z", "2026-03-02T10:20:00Z");
        assert_eq!(best_session(&[b, a], inside), Some(4));
        assert_eq!(best_session(&[a, b], inside), Some(4));
    }

    #[test]
    fn time_zones_and_daylight_saving_do_not_move_a_match() {
        // New York's clocks went forward at 2026-03-08 02:00 local. A session typed at 01:30
        // EST (06:30 UTC) lasting 90 min ends at 04:00 EDT (08:00 UTC); WHOOP states the
        // workout with the offset in force at its start. Only the UTC instants count.
        let est = FixedOffset::west_opt(5 * 3600).unwrap();
        let edt = FixedOffset::west_opt(4 * 3600).unwrap();
        let start = est.with_ymd_and_hms(2026, 3, 8, 1, 30, 0).unwrap();
        let end = edt.with_ymd_and_hms(2026, 3, 8, 4, 0, 0).unwrap();
        assert_eq!((end - start).num_minutes(), 90);
        let s = SessionSpan {
            id: 1,
            start_ms: start.timestamp_millis(),
            end_ms: Some(end.timestamp_millis()),
        };
        let w_start = edt.with_ymd_and_hms(2026, 3, 8, 3, 0, 0).unwrap(); // 07:00 UTC
        let w = WorkoutSpan {
            start_ms: w_start.timestamp_millis(),
            end_ms: w_start.timestamp_millis() + 50 * MIN,
        };
        assert_eq!(fit(s, w), Some(50 * MIN));
        // The same instants written in UTC or in Tokyo time are the same match.
        let tokyo = FixedOffset::east_opt(9 * 3600).unwrap();
        assert_eq!(w_start.with_timezone(&tokyo).timestamp_millis(), w.start_ms);
        assert_eq!(
            Utc.timestamp_millis_opt(w.start_ms).unwrap().to_rfc3339(),
            "2026-03-08T07:00:00+00:00"
        );
    }

    #[test]
    fn a_zero_length_workout_inside_a_session_matches() {
        let s = ended(1, "2026-03-02T17:00:00Z", "2026-03-02T18:00:00Z");
        assert_eq!(
            fit(s, workout("2026-03-02T17:30:00Z", "2026-03-02T17:30:00Z")),
            Some(0)
        );
        assert_eq!(
            fit(s, workout("2026-03-02T18:30:00Z", "2026-03-02T18:30:00Z")),
            None
        );
    }
}
