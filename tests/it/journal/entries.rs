//! Entries and tags: kept as typed, one entry per local day, bad input refused whole.

use ironkeep::journal::{BUILT_IN, Journal, JournalError, MAX_NOTE, MAX_OWN_TAGS, Tags, parse_day};
use rusqlite::Connection;

use super::{date, db, now};

fn rows(conn: &Connection) -> (i64, i64, i64) {
    conn.query_row(
        "SELECT (SELECT count(*) FROM journal_entry), (SELECT count(*) FROM journal_entry_tag),
                (SELECT count(*) FROM journal_tag)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

fn tags(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| (*n).to_owned()).collect()
}

#[test]
fn a_day_collects_its_tags_and_note_and_every_row_has_its_own_global_id() {
    let conn = db();
    let journal = Journal::new(&conn);
    let day = date(2026, 10, 30);
    journal.add(day, &tags(&["Alcohol"]), None, now()).unwrap();
    let entry = journal
        .add(
            day,
            &tags(&["late-meal", "alcohol"]),
            Some(" dinner at 22:30 \n with friends "),
            now(),
        )
        .unwrap();
    assert_eq!(entry.day, "2026-10-30");
    assert_eq!(
        entry.tags,
        ["alcohol", "late meal"],
        "ticked once each, named as the journal names them, in its order"
    );
    assert_eq!(entry.note, "dinner at 22:30 \n with friends");
    let kept = journal.add(day, &tags(&["sauna"]), None, now()).unwrap();
    assert_eq!(kept.note, entry.note, "adding a tag keeps the note");
    assert_eq!(kept.gid, entry.gid, "one entry per day");
    let gids: i64 = conn
        .query_row(
            "SELECT count(DISTINCT gid) FROM (SELECT gid FROM journal_entry UNION ALL SELECT gid FROM journal_entry_tag
               UNION ALL SELECT gid FROM journal_tag)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        gids,
        1 + 3 + 8,
        "every entry, ticked tag and tag has its own 128-bit id"
    );

    let left = journal.remove(day, Some("Late Meal")).unwrap().unwrap();
    assert_eq!(left.tags, ["alcohol", "sauna"]);
    assert!(matches!(
        journal.remove(day, Some("travel")),
        Err(JournalError::NotTicked { .. })
    ));
    assert_eq!(journal.remove(day, None).unwrap(), None);
    assert_eq!(
        rows(&conn),
        (0, 0, 8),
        "the entry and its ticks are gone, the tags stay"
    );
    assert!(matches!(journal.remove(day, None), Err(JournalError::NoEntry(_))));
}

#[test]
fn setting_a_day_replaces_its_tags_and_an_empty_day_is_no_entry() {
    let conn = db();
    let journal = Journal::new(&conn);
    let day = date(2026, 10, 31);
    journal
        .set(day, &tags(&["stress", "travel"]), "airport", now())
        .unwrap();
    let entry = journal
        .set(day, &tags(&["travel"]), "airport", now())
        .unwrap()
        .unwrap();
    assert_eq!(entry.tags, ["travel"]);
    assert_eq!(journal.set(day, &[], "  ", now()).unwrap(), None);
    assert_eq!(journal.entry(day).unwrap(), None, "nothing left, nothing kept");
}

#[test]
fn own_tags_are_named_bounded_and_distinct() {
    let conn = db();
    let own = Tags::new(&conn);
    let added = own.create("  Cold   plunge ").unwrap();
    assert_eq!(added.name, "Cold plunge");
    let listed = own.list().unwrap();
    assert_eq!(
        listed.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        [&BUILT_IN[..], &["Cold plunge"]].concat(),
        "built-in first, in their order, then the user's own"
    );
    for (what, name, expect) in [
        (
            "a taken name",
            "cold_PLUNGE",
            "already a journal tag named \"Cold plunge\"",
        ),
        (
            "a built-in one",
            "Late-Meal",
            "already a journal tag named \"late meal\"",
        ),
        ("an empty one", " - ", "is empty"),
        ("a long one", &"x".repeat(41), "longer than 40"),
        ("a terminal escape", "nap\u{1b}[2J", "control characters"),
    ] {
        let err = own.create(name).expect_err(what);
        assert!(err.to_string().contains(expect), "{what}: got `{err}`");
    }
    for i in 1..MAX_OWN_TAGS {
        own.create(&format!("tag {i}")).unwrap();
    }
    assert!(matches!(
        own.create("one more"),
        Err(JournalError::TooManyTags(_))
    ));
    assert_eq!(rows(&conn).2, 8 + MAX_OWN_TAGS as i64, "nothing past the bound");
}

#[test]
fn bad_days_notes_and_tags_change_nothing() {
    let conn = db();
    let journal = Journal::new(&conn);
    let day = date(2026, 10, 29);
    journal.add(day, &tags(&["sauna"]), Some("kept"), now()).unwrap();
    let before = journal.entry(day).unwrap();
    let cases: [(&str, Vec<String>, Option<String>, &str); 3] = [
        (
            "an unknown tag",
            tags(&["sauna", "jacuzzi"]),
            None,
            "no journal tag named \"jacuzzi\"",
        ),
        (
            "a long note",
            tags(&["stress"]),
            Some("x".repeat(MAX_NOTE + 1)),
            "at most 500",
        ),
        (
            "an escape in the note",
            tags(&["stress"]),
            Some("\u{1b}]0;pwned\u{7}".into()),
            "control characters",
        ),
    ];
    for (what, tags, note, expect) in cases {
        let err = journal.add(day, &tags, note.as_deref(), now()).expect_err(what);
        assert!(err.to_string().contains(expect), "{what}: got `{err}`");
        assert_eq!(journal.entry(day).unwrap(), before, "{what}: nothing changed");
    }
    let own = Tags::new(&conn);
    for i in 0..23 {
        own.create(&format!("t{i}")).unwrap();
    }
    let every: Vec<String> = own.list().unwrap().into_iter().map(|t| t.name).collect();
    assert_eq!(every.len(), 31);
    assert!(matches!(
        journal.add(day, &every, None, now()),
        Err(JournalError::TooManyTicked(30))
    ));
    assert_eq!(
        journal.entry(day).unwrap(),
        before,
        "too many ticks: nothing changed"
    );
    for text in [
        "2026-13-01",
        "2026-02-30",
        "30/10/2026",
        "1969-12-31",
        "2026-11-03",
        "2026-1-1",
    ] {
        assert!(
            matches!(parse_day(text, now()), Err(JournalError::InvalidDay { .. })),
            "{text} is refused"
        );
    }
    assert_eq!(
        parse_day("2026-11-02", now()).unwrap(),
        date(2026, 11, 2),
        "tomorrow (UTC) is someone's today"
    );
    let future = journal.add(date(2026, 11, 5), &tags(&["sauna"]), None, now());
    assert!(matches!(future, Err(JournalError::InvalidDay { .. })));
    assert_eq!(rows(&conn).0, 1);
}
