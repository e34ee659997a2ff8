//! Programs in the JSON export (version 3): a program with its run, overrides, skips and
//! session links, and an exercise's rounding, survive export → import → export; a second
//! import adds nothing; a version 2 export (no programs) still imports; CSV has none.

use chrono::Duration;
use ironkeep::interchange::json;
use ironkeep::programs::{ExerciseLoading, Programs, Runs};
use ironkeep::training::sets::SetsMut;
use ironkeep::training::{Sessions, SessionsMut};

use crate::training::{db, ex, kg, now};

fn filled() -> rusqlite::Connection {
    let conn = db();
    let runs = Runs::new(&conn);
    let maxes: Vec<_> = [
        ("squat", "60"),
        ("bench", "40"),
        ("row", "40"),
        ("press", "30"),
        ("deadlift", "80"),
    ]
    .into_iter()
    .map(|(l, w)| (l.to_owned(), kg(w)))
    .collect();
    runs.start("linear-beginner", &maxes, now() - Duration::days(5))
        .unwrap();
    let start = now() - Duration::days(4);
    let detail = runs.start_session(start, now()).unwrap();
    let sets = SetsMut::new(&conn);
    for set in Sessions::new(&conn).detail(detail.session.id).unwrap().sets {
        let mut input = set.input.clone();
        input.done = true;
        sets.edit(set.id, &input).unwrap();
    }
    SessionsMut::new(&conn)
        .finish(detail.session.id, start + Duration::minutes(50), false, now())
        .unwrap();
    runs.skip(now() - Duration::days(2)).unwrap();
    runs.set_training_max("press", kg("35"), now() - Duration::days(1))
        .unwrap();
    ExerciseLoading {
        increment: None,
        max: Some(kg("140")),
    }
    .set(&conn, ex(&conn, "Squat (Barbell)"))
    .unwrap();
    conn
}

#[test]
fn programs_and_their_runs_survive_export_and_import() {
    let conn = filled();
    let export = json::export(&conn).unwrap();
    assert_eq!(export.version, 3, "programs raised the export's version");
    assert_eq!(export.programs.len(), 1);
    assert_eq!(export.programs[0].runs[0].sessions.len(), 1);
    assert_eq!(
        export.programs[0].runs[0].events.len(),
        2,
        "a skip and a training max"
    );
    let text = serde_json::to_string(&export).unwrap();

    let other = db();
    let parsed = json::parse(text.as_bytes()).unwrap();
    let first = json::import(&other, &parsed, false, now()).unwrap();
    let again = json::import(&other, &parsed, false, now()).unwrap();
    assert_eq!((first.programs.programs, first.programs.runs), (1, 1));
    assert_eq!(
        (again.programs.programs, again.programs.runs),
        (0, 0),
        "nothing twice"
    );
    assert_eq!(
        json::export(&other).unwrap(),
        export,
        "export → import → export is lossless"
    );
    assert_eq!(
        Runs::new(&other).today().unwrap(),
        Runs::new(&conn).today().unwrap(),
        "the same day and weights, derived again from the imported facts"
    );
    assert_eq!(Programs::new(&other).list().unwrap().len(), 1);
}

#[test]
fn a_version_2_export_without_programs_still_imports() {
    let conn = filled();
    let mut value = serde_json::to_value(json::export(&conn).unwrap()).unwrap();
    value["version"] = 2.into();
    let object = value.as_object_mut().unwrap();
    object.remove("programs");
    object.remove("exercise_loading");
    let parsed = json::parse(value.to_string().as_bytes()).expect("a version 2 export reads");
    let other = db();
    let report = json::import(&other, &parsed, false, now()).unwrap();
    assert_eq!(report.sessions_added, 1);
    assert_eq!(report.programs.programs, 0);
    assert!(Runs::new(&other).active().unwrap().is_none());
}
