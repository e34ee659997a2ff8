//! The Exercises screen's search (issue 11), through the one ranking of every picker: the
//! exact name, then names starting with the query, the lifter's own and the common lifts
//! first, never a plain alphabetical list of 748 lifts.

use ironkeep::training::search::search;
use ironkeep::training::{SetInput, SetsMut};

use super::{db, ex, kg, session};

fn names(conn: &rusqlite::Connection, query: &str, limit: u32) -> Vec<String> {
    search(conn, query, false, limit)
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect()
}

#[test]
fn the_plain_staple_lift_comes_before_its_variations() {
    let conn = db();
    let squat = names(&conn, "squat", 6);
    assert_eq!(squat[0], "Squat (Barbell)", "{squat:?}");
    assert!(
        squat[1..]
            .iter()
            .all(|n| !n.contains("Chains") && !n.contains("Frankenstein")),
        "the staples come next: {squat:?}"
    );
    assert_eq!(
        names(&conn, "  PRESS bench ", 1),
        ["Bench Press (Barbell)"],
        "any word order and case"
    );
    assert_eq!(names(&conn, "plank", 1), ["Plank"], "the exact name first");
    assert!(names(&conn, "zzz nothing", 5).is_empty());
}

#[test]
fn a_lift_the_lifter_logs_ranks_with_the_staples() {
    let conn = db();
    let before = names(&conn, "squat", 300);
    let box_squat = before.iter().position(|n| n == "Box Squat with Chains").unwrap();
    assert!(box_squat > 10, "an unused variation starts far down: {box_squat}");
    let chains = ex(&conn, "Box Squat with Chains");
    SetsMut::new(&conn)
        .log(session(&conn, 1), &SetInput::working(chains, kg("100"), 3))
        .unwrap();
    let after = names(&conn, "squat", 8);
    assert_eq!(
        after[0], "Squat (Barbell)",
        "a staple starting with the query stays first"
    );
    assert!(
        after.contains(&"Box Squat with Chains".to_owned()),
        "the lifter's own lift is near the top now: {after:?}"
    );
}
