//! The exercise pickers' ranking over the real catalog: a few letters put the lift most
//! lifters mean first, the lifter's own lifts go ahead of it, every common lift is in the
//! catalog, and a search past its bounds is refused.

use ironkeep::training::search::{COMMON, MAX_MATCHES, search};
use ironkeep::training::{SetInput, SetsMut, TrainingError};

use super::{db, ex, kg, session};

fn first(conn: &rusqlite::Connection, text: &str) -> String {
    search(conn, text, false, 5).unwrap()[0].name.clone()
}

#[test]
fn a_few_letters_find_the_common_lift_in_the_real_catalog() {
    let conn = db();
    assert_eq!(first(&conn, "squ"), "Squat (Barbell)");
    assert_eq!(first(&conn, "bench"), "Bench Press (Barbell)");
    assert_eq!(first(&conn, "ov"), "Overhead Press (Barbell)");
    assert_eq!(first(&conn, "dead"), "Deadlift (Barbell)");
    assert_eq!(first(&conn, "row barb"), "Bent Over Row (Barbell)");
    // The exact name wins over a common lift that starts the same way.
    assert_eq!(first(&conn, "Squat (Smith Machine)"), "Squat (Smith Machine)");
    for slug in COMMON {
        let found: u32 = conn
            .query_row("SELECT count(*) FROM exercise WHERE slug = ?1", [slug], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(found, 1, "{slug} is a catalog lift");
    }
}

#[test]
fn the_lifters_own_lift_goes_first() {
    let conn = db();
    let smith = ex(&conn, "Squat (Smith Machine)");
    for days_ago in [3, 5] {
        let id = session(&conn, days_ago);
        SetsMut::new(&conn)
            .log(id, &SetInput::working(smith, kg("60"), 8))
            .unwrap();
    }
    let names: Vec<String> = search(&conn, "squ", false, 3)
        .unwrap()
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(
        names,
        [
            "Squat (Smith Machine)",
            "Squat (Barbell)",
            "Front Squat (Barbell)"
        ],
        "the lifter's own squat, then the common lifts, then the other names"
    );
}

#[test]
fn a_search_past_its_bounds_is_refused() {
    let conn = db();
    assert!(matches!(
        search(&conn, &"a".repeat(81), false, 5),
        Err(TrainingError::TooLong { max: 80, .. })
    ));
    for limit in [0, MAX_MATCHES as u32 + 1] {
        assert!(matches!(
            search(&conn, "squ", false, limit),
            Err(TrainingError::OutOfRange { .. })
        ));
    }
}
