//! The first review's M-008 (lists returned everything): history is keyset-paginated,
//! bounded, stable under inserts, and filterable by exercise and date range.

use std::collections::HashSet;

use chrono::{Duration, TimeZone, Utc};
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::{History, SessionsMut, StartSession};

use super::{db, ex, now};

fn walk(history: &History<'_>, filter: &HistoryFilter, limit: u32) -> Vec<u32> {
    let mut ids = Vec::new();
    let mut cursor = None;
    loop {
        let page = history.sessions(filter, cursor.as_deref(), limit).unwrap();
        assert!(
            page.items.len() <= limit as usize,
            "a page never exceeds its limit"
        );
        ids.extend(page.items.iter().map(|s| s.id));
        match page.next {
            Some(next) => cursor = Some(next),
            None => return ids,
        }
    }
}

#[test]
fn pages_cover_everything_once_in_order_and_stay_stable() {
    let conn = db();
    let start = Utc.with_ymd_and_hms(2024, 1, 1, 7, 0, 0).unwrap();
    generate::history(
        &conn,
        HistoryShape {
            sessions: 240,
            sets_per_session: 4,
            start,
            seed: 7,
        },
    )
    .unwrap();
    // Two sessions at the same instant: the id breaks the tie.
    let write = SessionsMut::new(&conn);
    for _ in 0..2 {
        write
            .start(
                &StartSession {
                    started_at: start + Duration::days(30),
                    ..StartSession::default()
                },
                now(),
            )
            .unwrap();
    }
    let history = History::new(&conn);
    let all: Vec<u32> = conn
        .prepare("SELECT id FROM session ORDER BY started_at DESC, id DESC")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(
        walk(&history, &HistoryFilter::default(), 7),
        all,
        "pages of 7 list every session once, newest first"
    );

    let first = history.sessions(&HistoryFilter::default(), None, 10).unwrap();
    write
        .start(
            &StartSession {
                started_at: now(),
                ..StartSession::default()
            },
            now(),
        )
        .unwrap();
    let second = history
        .sessions(&HistoryFilter::default(), first.next.as_deref(), 10)
        .unwrap();
    let seen: HashSet<u32> = first.items.iter().map(|s| s.id).collect();
    assert!(
        second.items.iter().all(|s| !seen.contains(&s.id)),
        "a new session does not shift items into the next page"
    );
    assert_eq!(
        second.items[0].id, all[10],
        "the next page continues where the cursor left off"
    );
}

#[test]
fn filters_by_exercise_and_date_range_and_per_exercise_history() {
    let conn = db();
    let start = Utc.with_ymd_and_hms(2025, 1, 1, 7, 0, 0).unwrap();
    generate::history(
        &conn,
        HistoryShape {
            sessions: 120,
            sets_per_session: 5,
            start,
            seed: 3,
        },
    )
    .unwrap();
    let history = History::new(&conn);
    let deadlift = ex(&conn, "Deadlift (Barbell)");
    let filter = HistoryFilter {
        exercise_id: Some(deadlift),
        ..HistoryFilter::default()
    };
    let with_deadlift = walk(&history, &filter, 25);
    let expected: u32 = conn
        .query_row(
            "SELECT count(DISTINCT session_id) FROM session_set WHERE exercise_id = ?1",
            [deadlift],
            |r| r.get(0),
        )
        .unwrap();
    assert!(expected > 0, "the generator uses deadlifts");
    assert_eq!(
        with_deadlift.len() as u32,
        expected,
        "the exercise filter finds exactly its sessions"
    );

    let (from, to) = (start + Duration::days(30), start + Duration::days(60));
    let ranged = history
        .sessions(
            &HistoryFilter {
                from: Some(from),
                to: Some(to),
                ..HistoryFilter::default()
            },
            None,
            100,
        )
        .unwrap();
    assert!(!ranged.items.is_empty());
    assert!(
        ranged
            .items
            .iter()
            .all(|s| s.started_at >= ironkeep::training::stamp(from)
                && s.started_at < ironkeep::training::stamp(to)),
        "the date range filter holds"
    );

    let page = history.exercise(deadlift, None, 5).unwrap();
    assert_eq!(page.items.len(), 5);
    assert!(
        page.items
            .iter()
            .all(|day| !day.sets.is_empty() && day.sets.iter().all(|s| s.input.exercise_id == deadlift)),
        "per-exercise history holds only that exercise's sets"
    );
    assert!(page.next.is_some(), "and is paginated too");
}

#[test]
fn month_counts_match_the_pages_month_by_month() {
    let conn = db();
    let start = Utc.with_ymd_and_hms(2025, 1, 30, 23, 30, 0).unwrap();
    generate::history(
        &conn,
        HistoryShape {
            sessions: 90,
            sets_per_session: 4,
            start,
            seed: 11,
        },
    )
    .unwrap();
    let history = History::new(&conn);
    let deadlift = ex(&conn, "Deadlift (Barbell)");
    for filter in [
        HistoryFilter::default(),
        HistoryFilter {
            exercise_id: Some(deadlift),
            from: Some(start + Duration::days(20)),
            ..HistoryFilter::default()
        },
    ] {
        let mut by_month: Vec<(String, u32)> = Vec::new();
        let mut cursor = None;
        loop {
            let page = history.sessions(&filter, cursor.as_deref(), 17).unwrap();
            for s in &page.items {
                let month = s.started_at[..7].to_owned();
                match by_month.last_mut() {
                    Some((m, n)) if *m == month => *n += 1,
                    _ => by_month.push((month, 1)),
                }
            }
            match page.next {
                Some(next) => cursor = Some(next),
                None => break,
            }
        }
        let counted: Vec<(String, u32)> = history
            .months(&filter)
            .unwrap()
            .into_iter()
            .map(|m| (m.month, m.sessions))
            .collect();
        assert!(by_month.len() > 1, "the history spans several months");
        assert_eq!(
            counted, by_month,
            "each month's count is what its pages hold, newest first"
        );
    }
}
