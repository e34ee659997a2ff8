//! The comparison on constructed data whose effect is known: a clear next-day drop, a gap
//! within the day-to-day spread (which must read as no clear difference), the minimum
//! sample sizes, and what is said when data are missing.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use ironkeep::journal::{Journal, JournalInsights, MIN_DAYS, Metric, TagComparison, Verdict, compare};
use rusqlite::Connection;

use super::{date, db, now, whoop_day};

/// The WHOOP day after journal day `day`, in a zone five hours behind UTC: its cycle
/// starts at 22:30 local on `day` (03:30 UTC the next morning).
fn next_day(conn: &Connection, id: i64, day: NaiveDate, values: [f64; 3]) {
    let start = Utc
        .from_utc_datetime(&day.and_hms_opt(22, 30, 0).unwrap())
        .checked_add_signed(chrono::Duration::hours(5))
        .unwrap();
    whoop_day(conn, id, start, "-05:00", values);
}

fn tag<'a>(insights: &'a JournalInsights, name: &str) -> &'a TagComparison {
    insights
        .tags
        .iter()
        .find(|t| t.tag == name)
        .unwrap_or_else(|| panic!("{name} is compared"))
}

fn tick(conn: &Connection, day: NaiveDate, tags: &[&str]) {
    let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
    Journal::new(conn).add(day, &tags, None, now()).unwrap();
}

#[test]
fn a_known_next_day_drop_is_reported_with_its_size_and_sample_sizes() {
    let conn = db();
    let first = date(2026, 6, 1);
    // 64 days; alcohol on every fourth, logged on those days only (and an empty entry on
    // the last day): a day without an entry inside the journal's span is a day without
    // it. Day-to-day noise (±4 by block of four days, and -2/0/+2 inside a block) averages
    // to nothing on either side, so the effect is exactly the one built in: 12 recovery
    // points, 8 ms of HRV, 10 sleep points.
    for i in 0..64u32 {
        let day = first + Days::new(u64::from(i));
        let alcohol = i % 4 == 0;
        if alcohol {
            tick(&conn, day, &["alcohol"]);
        } else if i == 63 {
            tick(&conn, day, &[]);
        }
        let noise = if (i / 4) % 2 == 0 { 4.0 } else { -4.0 } + [0.0, -2.0, 0.0, 2.0][i as usize % 4];
        let drop = if alcohol { 1.0 } else { 0.0 };
        next_day(
            &conn,
            i64::from(i),
            day,
            [
                60.0 + noise - 12.0 * drop,
                50.0 + noise - 8.0 * drop,
                80.0 + noise - 10.0 * drop,
            ],
        );
    }
    let insights = compare(&conn).unwrap();
    assert_eq!(
        (insights.days, insights.entries, insights.with_recovery),
        (64, 17, 64)
    );
    let alcohol = tag(&insights, "alcohol");
    assert_eq!((alcohol.days_with, alcohol.days_without), (16, 48));
    let sentences: Vec<&str> = alcohol.metrics.iter().map(|m| m.sentence.as_str()).collect();
    assert_eq!(
        sentences,
        [
            "On the 16 days after you logged alcohol, your recovery averaged 12 points lower than on the 48 \
             days without it (48 % vs 60 %).",
            "On the 16 days after you logged alcohol, your HRV averaged 8 ms lower than on the 48 days without \
             it (42 ms vs 50 ms).",
            "On the 16 days after you logged alcohol, your sleep performance averaged 10 points lower than on \
             the 48 days without it (70 % vs 80 %).",
        ],
        "the next day's values (the cycle that starts with that night's sleep), not the same day's"
    );
    let recovery = &alcohol.metrics[0];
    assert_eq!(recovery.metric, Metric::Recovery);
    assert_eq!(recovery.verdict, Verdict::Lower);
    assert_eq!((recovery.with_days, recovery.without_days), (16, 48));
    assert!((recovery.difference.unwrap() + 12.0).abs() < 1e-9);
    assert!(
        recovery.noise.unwrap() > 0.0 && recovery.noise.unwrap() < 6.0,
        "the spread it was judged against is reported"
    );
    for m in &alcohol.metrics {
        assert!(
            !m.sentence.contains("caus"),
            "never a claim of cause: {}",
            m.sentence
        );
    }
}

/// The generator of the no-effect test: a linear congruential sequence's high bits.
struct Draws(u64);

impl Draws {
    fn next(&mut self) -> u64 {
        self.0 = (self.0 * 1_103_515_245 + 12_345) % (1 << 31);
        self.0 >> 16
    }
}

#[test]
fn a_gap_within_the_day_to_day_spread_reads_as_no_clear_difference() {
    let conn = db();
    let first = date(2026, 3, 1);
    // Recovery varies ±15 points at random; sauna is ticked at random, unrelated to it.
    // By chance the 13 sauna days average 3.8 points lower: well within the spread.
    let mut draws = Draws(1);
    for i in 0..80u32 {
        let day = first + Days::new(u64::from(i));
        let noise = (draws.next() % 31) as f64 - 15.0;
        let sauna = draws.next().is_multiple_of(4);
        tick(
            &conn,
            day,
            if sauna {
                &["sauna", "stretching"]
            } else {
                &["stretching"]
            },
        );
        next_day(
            &conn,
            i64::from(i),
            day,
            [60.0 + noise, 50.0 + noise / 2.0, 80.0 + noise],
        );
    }
    let insights = compare(&conn).unwrap();
    let sauna = tag(&insights, "sauna");
    assert_eq!((sauna.days_with, sauna.days_without), (13, 67));
    let recovery = &sauna.metrics[0];
    let gap = recovery.difference.unwrap();
    assert!((-4.0..-3.5).contains(&gap), "the gap is there: {gap}");
    for m in &sauna.metrics {
        assert_eq!(m.verdict, Verdict::NoClearDifference, "{}", m.sentence);
        assert!(
            m.sentence.contains("no clear difference") && !m.sentence.contains("lower"),
            "the sentence says so: {}",
            m.sentence
        );
    }
    assert_eq!(
        recovery.sentence,
        "On the 13 days after you logged sauna, your recovery averaged 58 %, against 61 % on the 67 days without \
         it: no clear difference, the gap is within the day-to-day spread."
    );
    let stretching = tag(&insights, "stretching");
    assert_eq!(
        (stretching.days_without, stretching.metrics[0].verdict),
        (0, Verdict::TooFew),
        "a tag ticked every day has nothing to compare with"
    );
}

#[test]
fn fewer_than_ten_days_on_either_side_are_not_compared() {
    let conn = db();
    let first = date(2026, 1, 1);
    for i in 0..40u32 {
        let day = first + Days::new(u64::from(i));
        tick(&conn, day, if i < 9 { &["travel"] } else { &["stress"] });
        // No recovery after day 12: travel days with a next-day value stay at 9.
        if i != 12 {
            next_day(&conn, i64::from(i), day, [70.0, 60.0, 90.0]);
        }
    }
    let travel = |conn: &Connection| {
        let insights = compare(conn).unwrap();
        tag(&insights, "travel").clone()
    };
    let got = travel(&conn);
    assert_eq!(got.metrics[0].verdict, Verdict::TooFew);
    assert_eq!(
        got.metrics[0].sentence,
        format!(
            "Too few days to compare recovery after travel: 9 days with it and 30 without, and at least {MIN_DAYS} \
             of each are needed."
        )
    );
    assert_eq!(
        got.metrics[0].with_mean, None,
        "no numbers are shown for too few days"
    );
    // A tenth travel day whose next day has no recovery does not count.
    tick(&conn, first + Days::new(12), &["travel"]);
    let got = travel(&conn);
    assert_eq!((got.days_with, got.metrics[0].with_days), (10, 9));
    assert_eq!(got.metrics[0].verdict, Verdict::TooFew);
    // A tenth one with a recovery does.
    tick(&conn, first + Days::new(13), &["travel"]);
    let got = travel(&conn);
    assert_eq!((got.metrics[0].with_days, got.metrics[0].without_days), (10, 29));
    assert_ne!(got.metrics[0].verdict, Verdict::TooFew);
    // The other side is held to the same minimum: stress on 31 days, 9 without it.
    let insights = compare(&conn).unwrap();
    let stress = tag(&insights, "stress");
    assert_eq!(stress.metrics[0].verdict, Verdict::TooFew);
    assert_eq!(
        insights.tags.first().map(|t| t.tag.as_str()),
        Some("travel"),
        "compared tags come first"
    );
}

#[test]
fn an_empty_journal_or_no_whoop_data_says_what_is_missing() {
    let conn = db();
    let empty = compare(&conn).unwrap();
    assert!(empty.tags.is_empty());
    assert!(empty.caption.contains("Tick what you did"), "{}", empty.caption);
    tick(&conn, date(2026, 10, 1), &["sauna"]);
    let no_whoop = compare(&conn).unwrap();
    assert_eq!(no_whoop.with_recovery, 0);
    assert!(no_whoop.caption.contains("sync WHOOP"), "{}", no_whoop.caption);
    assert_eq!(no_whoop.tags[0].metrics[0].verdict, Verdict::TooFew);
}
