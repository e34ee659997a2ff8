//! Body measurements (issue 11): kept exactly as typed, each row with its own global id,
//! implausible entries refused whole; and the body-weight rows a v4 vault holds keep every
//! value through the table rebuild that gives them global ids.

use ironkeep::training::body_measures::MAX_NOTE;
use ironkeep::training::units::parse_milli;
use ironkeep::training::{BodyMeasures, LengthUnit, Measurements, TrainingError};
use rusqlite::Connection;

use super::{db, now};
use crate::upgrade::Golden;

/// An entry typed the way people type: decimals with a comma, a stray space.
fn typed(unit: LengthUnit, waist: &str, fat: Option<&str>) -> Measurements {
    let milli = |t: &str| parse_milli(t).map(|m| u32::try_from(m).unwrap());
    Measurements {
        unit,
        waist_milli: milli(waist),
        chest_milli: None,
        arms_milli: milli("38,25"),
        thighs_milli: None,
        body_fat_milli: fat.and_then(milli),
        note: " after the cut ".into(),
    }
}

fn count(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM body_measurement", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn measurements_keep_what_was_typed_and_get_distinct_global_ids() {
    let conn = db();
    let body = BodyMeasures::new(&conn);
    let first = body
        .log(
            now() - chrono::Duration::days(7),
            &typed(LengthUnit::Cm, " 84.5", Some("18.2")),
            now(),
        )
        .unwrap();
    let second = body
        .log(now(), &typed(LengthUnit::In, "33.125", None), now())
        .unwrap();
    let recent = body.recent(10).unwrap();
    assert_eq!(recent, [second.clone(), first.clone()], "newest first, as stored");
    assert_eq!(
        (
            first.values.waist_milli,
            first.values.arms_milli,
            first.values.body_fat_milli
        ),
        (Some(84_500), Some(38_250), Some(18_200))
    );
    assert_eq!(second.values.unit, LengthUnit::In, "inches stay inches");
    assert_eq!(second.values.waist_milli, Some(33_125));
    assert_eq!(first.values.note, "after the cut");
    for gid in [&first.gid, &second.gid] {
        assert!(
            gid.len() == 32 && gid.bytes().all(|b| b.is_ascii_hexdigit()),
            "a 128-bit id in hex: {gid}"
        );
    }
    assert_ne!(first.gid, second.gid);
}

#[test]
fn implausible_or_empty_measurements_are_refused_whole() {
    let conn = db();
    let body = BodyMeasures::new(&conn);
    let empty = Measurements {
        waist_milli: None,
        arms_milli: None,
        ..typed(LengthUnit::Cm, "80", None)
    };
    let cases: [(&str, Measurements, &str); 5] = [
        (
            "a waist typed in mm",
            typed(LengthUnit::Cm, "845", None),
            "the waist must be between 10 and 300 cm; got 845 cm",
        ),
        (
            "a waist in mm with inches chosen",
            typed(LengthUnit::In, "845", None),
            "the waist must be between 4 and 120 in; got 845 in",
        ),
        (
            "body fat as a fraction",
            typed(LengthUnit::Cm, "84", Some("0.18")),
            "body fat must be between 1 and 75 %; got 0.18 %",
        ),
        ("nothing at all", empty, "needs at least one of"),
        (
            "a note with a terminal escape",
            Measurements {
                note: "\u{1b}[2J".into(),
                ..typed(LengthUnit::Cm, "84", None)
            },
            "control characters",
        ),
    ];
    for (what, values, expect) in cases {
        let err = body.log(now(), &values, now()).expect_err(what);
        assert!(
            err.to_string().contains(expect),
            "{what}: expected `{expect}`, got `{err}`"
        );
        assert_eq!(count(&conn), 0, "{what}: nothing is written");
    }
    let long = Measurements {
        note: "x".repeat(MAX_NOTE + 1),
        ..typed(LengthUnit::Cm, "84", None)
    };
    assert!(matches!(
        body.log(now(), &long, now()),
        Err(TrainingError::TooLong { .. })
    ));
    let future = body.log(
        now() + chrono::Duration::days(3),
        &typed(LengthUnit::Cm, "84", None),
        now(),
    );
    assert!(matches!(future, Err(TrainingError::InvalidDate { .. })));
    assert_eq!(count(&conn), 0);
}

/// Every body-weight row's id and typed values.
fn body_weights(conn: &Connection) -> Vec<(i64, String, i64, String, f64, String)> {
    conn.prepare(
        "SELECT id, measured_at, weight_milli, weight_unit, weight_kg, source FROM body_weight ORDER BY id",
    )
    .unwrap()
    .query_map([], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

#[test]
fn a_v4_vaults_body_weights_gain_distinct_global_ids_and_nothing_else() {
    let mut golden = Golden::open(4).expect("the v4 golden vault is committed");
    let before = body_weights(&golden.conn);
    assert!(!before.is_empty(), "the golden vault holds a body weight");
    ironkeep::vault::migrate::run(&mut golden.conn).unwrap();
    let after = body_weights(&golden.conn);
    assert_eq!(after, before, "every typed value and id survives the rebuild");
    let (rows, distinct, sixteen): (i64, i64, i64) = golden
        .conn
        .query_row(
            "SELECT count(*), count(DISTINCT gid), sum(length(gid) = 16 AND typeof(gid) = 'blob') FROM body_weight",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (distinct, sixteen),
        (rows, rows),
        "each row has its own 128-bit id"
    );
}

#[test]
fn the_json_export_carries_measurements_and_a_re_import_adds_none_twice() {
    use ironkeep::interchange::json;
    let conn = db();
    BodyMeasures::new(&conn)
        .log(
            now() - chrono::Duration::days(3),
            &typed(LengthUnit::In, "33.125", Some("17.5")),
            now(),
        )
        .unwrap();
    let export = json::export(&conn).unwrap();
    assert_eq!(export.body_measurements.len(), 1, "the export carries the entry");
    let text = serde_json::to_string(&export).unwrap();

    let other = db();
    let parsed = json::parse(text.as_bytes()).unwrap();
    json::import(&other, &parsed, false, now()).unwrap();
    json::import(&other, &parsed, false, now()).unwrap();
    assert_eq!(
        BodyMeasures::new(&other).recent(10).unwrap(),
        export.body_measurements,
        "the same entry, global id and numbers as typed, once"
    );

    // An export from before measurements existed still reads.
    let mut old: serde_json::Value = serde_json::from_str(&text).unwrap();
    old.as_object_mut().unwrap().remove("body_measurements");
    assert!(json::parse(old.to_string().as_bytes()).is_ok());

    // A forged id or an implausible number is refused, and the import writes nothing.
    for (field, value) in [
        ("gid", serde_json::json!("not-hex")),
        ("measured_at", serde_json::json!("soon")),
    ] {
        let mut forged: serde_json::Value = serde_json::from_str(&text).unwrap();
        forged["body_measurements"][0][field] = value;
        let third = db();
        let parsed = json::parse(forged.to_string().as_bytes()).unwrap();
        assert!(json::import(&third, &parsed, false, now()).is_err(), "{field}");
        assert_eq!(count(&third), 0, "{field}: nothing written");
    }
}
