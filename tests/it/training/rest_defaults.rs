//! The rest timer's defaults (issue 11): stored in the vault's settings, typed as people
//! write a rest ("2:30"), bounded, and a refused change leaves the stored ones as they were.

use ironkeep::training::settings::{RestDefaults, Settings};

use super::db;

#[test]
fn rest_defaults_are_stored_as_typed_and_bounded() {
    let conn = db();
    let settings = Settings::new(&conn);
    assert_eq!(
        settings.rest_defaults().unwrap(),
        RestDefaults {
            working_seconds: 90,
            warmup_seconds: 0
        },
        "90 s after a working set and no timer after a warm-up, until changed"
    );

    let typed = RestDefaults::from_typed("2:30", "45s").unwrap();
    assert_eq!(
        typed,
        RestDefaults {
            working_seconds: 150,
            warmup_seconds: 45
        },
        "minutes:seconds and seconds with a unit both read"
    );
    settings.set_rest_defaults(&typed).unwrap();
    assert_eq!(
        Settings::new(&conn).rest_defaults().unwrap(),
        typed,
        "the defaults are a stored preference"
    );
    assert_eq!(
        RestDefaults::from_typed("3min", " ").unwrap().warmup_seconds,
        0,
        "an empty warm-up rest means none"
    );

    for (working, warmup) in [("61:00", "0"), ("2:30", "1:00:01"), ("soon", "0"), ("", "30")] {
        assert!(
            RestDefaults::from_typed(working, warmup).is_err(),
            "{working:?} / {warmup:?} is refused"
        );
    }
    let too_long = RestDefaults {
        working_seconds: 3601,
        warmup_seconds: 0,
    };
    assert!(
        settings.set_rest_defaults(&too_long).is_err(),
        "more than an hour is refused"
    );
    assert_eq!(
        settings.rest_defaults().unwrap(),
        typed,
        "a refused change leaves the stored defaults as they were"
    );
}

#[test]
fn a_stored_rest_that_does_not_read_counts_as_unset() {
    let conn = db();
    conn.execute(
        "INSERT INTO training_setting (key, value) VALUES ('rest_working_s', 'x'), ('rest_warmup_s', '99999')",
        [],
    )
    .unwrap();
    assert_eq!(
        Settings::new(&conn).rest_defaults().unwrap(),
        RestDefaults::default(),
        "nothing unreadable or out of bounds reaches the logger"
    );
}

#[test]
fn the_cli_reads_and_sets_the_rest_defaults() {
    let sb = crate::harness::Sandbox::new();
    sb.init();
    let shown = sb.cli(&["--json", "prefs"], "").ok().json();
    assert_eq!(
        shown["rest"],
        serde_json::json!({ "working_seconds": 90, "warmup_seconds": 0 }),
        "the defaults before any change"
    );

    let set = sb.cli(&["prefs", "--rest", "2:30"], "").ok();
    assert!(
        set.stdout
            .contains("Rest          2:30 after a working set, no timer after a warm-up"),
        "the human output reads as a rest: {}",
        set.stdout
    );
    sb.cli(&["prefs", "--warmup-rest", "45s"], "").ok();
    let shown = sb.cli(&["--json", "prefs"], "").ok().json();
    assert_eq!(
        shown["rest"],
        serde_json::json!({ "working_seconds": 150, "warmup_seconds": 45 }),
        "each flag changes its own rest and keeps the other"
    );

    let refused = sb.cli(&["prefs", "--rest", "2 hours"], "").fails();
    assert!(
        refused.errors().contains("rest after a working set"),
        "the error names the rest: {}",
        refused.errors()
    );
    let shown = sb.cli(&["--json", "prefs"], "").ok().json();
    assert_eq!(
        shown["rest"]["working_seconds"], 150,
        "a refused rest changes nothing"
    );
}
