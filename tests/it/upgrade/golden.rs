//! The generator of the golden vault for this release: runs once per release when the
//! tests run with `IRONKEEP_UPDATE_SNAPSHOTS=1` (it writes only a version that has no
//! golden vault yet),
//! then commit `fixtures/vault-v{N}.db` and `.key`. Its data is what the next migration
//! must carry over untouched; the names collide on purpose with catalog lifts that schema
//! 4 adds ("Lat Pulldown - Close Grip (Cable)") or already had under another spelling
//! ("Face Pull"). From schema 5 on it also holds body weights and measurements, each row
//! with its global id; from schema 7 on, two WHOOP workouts matched to the typed session,
//! one by the overlap rule and one the lifter kept; from schema 8 on, journal days and a
//! tag of the user's own; from schema 10 on, GZCLP running with a session trained from it,
//! a training max set by hand, and an exercise's own increment and maximum; from schema 13
//! on, sync turned on with one file sent and a set logged since.

use chrono::{Duration, TimeZone, Utc};
use ironkeep::journal::{Journal, Tags};
use ironkeep::keys::DbKey;
use ironkeep::programs::{ExerciseLoading, Runs};
use ironkeep::training::catalog::Catalog;
use ironkeep::training::exercises::{Equipment, ExerciseKind};
use ironkeep::training::settings::Settings;
use ironkeep::training::{
    BodyMeasures, BodyWeights, ExercisesMut, LengthUnit, Measurements, Muscle, NewExercise, RoutineEntry,
    RoutineInput, RoutinesMut, SessionsMut, SetInput, SetsMut, StartSession, Unit, Weight,
};
use ironkeep::vault::db::{self, Create};
use ironkeep::vault::migrate;
use rusqlite::Connection;

use super::{fixtures, import_hevy_history};

fn id(conn: &Connection, name: &str) -> u32 {
    Catalog::new(conn)
        .resolve(name)
        .unwrap()
        .unwrap_or_else(|| panic!("{name} is in the vault"))
        .id
}

/// Fills a fresh vault the way a user of this release would have.
fn seed(conn: &Connection) {
    let now = Utc.with_ymd_and_hms(2026, 4, 20, 18, 0, 0).unwrap();
    // A real-shaped Hevy export: names Hevy uses that schema 3's catalog lacks.
    import_hevy_history(conn, now);

    // Typed by hand: a custom lift, a session, a routine on the imported "Face Pull".
    let write = ExercisesMut::new(conn);
    let landmine = write
        .add(&NewExercise {
            name: "Landmine Press ½-kneeling".into(),
            kind: ExerciseKind::WeightReps,
            muscle: Some(Muscle::Shoulders),
            equipment: Equipment::Barbell,
        })
        .unwrap();
    let face_pull = id(conn, "Face Pull");
    let session = SessionsMut::new(conn)
        .start(
            &StartSession {
                name: Some("Rücken & Schultern".into()),
                started_at: now - Duration::days(2),
                routine_id: None,
                notes: "shoulder felt good".into(),
            },
            now,
        )
        .unwrap()
        .session
        .id;
    let sets = SetsMut::new(conn);
    for (exercise, kg, reps) in [
        (face_pull, "20", 15),
        (face_pull, "22.5", 12),
        (landmine.id, "30", 8),
    ] {
        sets.log(
            session,
            &SetInput::working(exercise, Weight::parse(kg, Unit::Kg).unwrap(), reps),
        )
        .unwrap();
    }
    let session_start = now - Duration::days(2);
    for (workout, minutes, strain) in [
        ("0c1d2e3f-golden-0001", 5, 9.25),
        ("0c1d2e3f-golden-0002", 40, 4.5),
    ] {
        let start = session_start + Duration::minutes(minutes);
        let end = start + Duration::minutes(30);
        conn.execute(
            "INSERT INTO whoop_workout (id, user_id, start, \"end\", start_ms, end_ms, timezone_offset, sport_name,
                 score_state, strain, average_heart_rate, max_heart_rate, kilojoule, created_at, updated_at, raw)
             VALUES (?1, 7, ?2, ?3, ?4, ?5, '+02:00', 'weightlifting', 'SCORED', ?6, 121, 168, 980.5, ?3, ?3,
                     '{\"score\": {\"zone_durations\": {\"zone_zero_milli\": 60000, \"zone_one_milli\": 300000,
                      \"zone_two_milli\": 600000, \"zone_three_milli\": 600000, \"zone_four_milli\": 240000,
                      \"zone_five_milli\": 0}}}')",
            rusqlite::params![
                workout,
                start.to_rfc3339(),
                end.to_rfc3339(),
                start.timestamp_millis(),
                end.timestamp_millis(),
                strain
            ],
        )
        .unwrap();
    }
    SessionsMut::new(conn)
        .finish(session, session_start + Duration::minutes(75), false, now)
        .unwrap();
    ironkeep::matching::confirm(conn, "0c1d2e3f-golden-0002", now).unwrap();
    let entry = |exercise_id, target_sets| RoutineEntry {
        exercise_id,
        target_sets,
        reps_min: Some(10),
        reps_max: Some(15),
        weight: Some(Weight::parse("22.5", Unit::Kg).unwrap()),
        rest_seconds: Some(90),
        superset: None,
    };
    RoutinesMut::new(conn)
        .create(
            &RoutineInput {
                name: "Pull B".into(),
                notes: "face pulls every pull day".into(),
                entries: vec![
                    entry(face_pull, 3),
                    entry(id(conn, "Lat Pulldown - Close Grip (Cable)"), 4),
                ],
            },
            now,
        )
        .unwrap();

    // Catalog lifts the user made their own: renamed, re-muscled, archived, merged into.
    write
        .rename(id(conn, "Chin Up"), "Chin-Up (neutral grip)")
        .unwrap();
    write
        .set_muscle(id(conn, "Deadlift (Barbell)"), Muscle::Hamstrings)
        .unwrap();
    write.archive(id(conn, "Snatch"), true).unwrap();
    let dup = write
        .add(&NewExercise {
            name: "Flat Barbell Bench".into(),
            kind: ExerciseKind::WeightReps,
            muscle: Some(Muscle::Chest),
            equipment: Equipment::Barbell,
        })
        .unwrap();
    write.merge(dup.id, id(conn, "Bench Press (Barbell)")).unwrap();

    BodyWeights::new(conn)
        .log(
            now - Duration::days(1),
            Weight::parse("181.4", Unit::Lb).unwrap(),
            false,
            now,
        )
        .unwrap();
    BodyWeights::new(conn)
        .log(
            now - Duration::days(8),
            Weight::parse("182.2", Unit::Lb).unwrap(),
            false,
            now,
        )
        .unwrap();
    let body = BodyMeasures::new(conn);
    for (days, unit, waist, fat, note) in [
        (8, LengthUnit::In, Some(33_500), Some(17_800), "before the trip"),
        (1, LengthUnit::Cm, Some(84_250), None, "morning, fasted"),
        (0, LengthUnit::Cm, None, Some(16_900), ""),
    ] {
        body.log(
            now - Duration::days(days),
            &Measurements {
                unit,
                waist_milli: waist,
                chest_milli: Some(if unit == LengthUnit::In { 41_000 } else { 104_000 }),
                arms_milli: None,
                thighs_milli: None,
                body_fat_milli: fat,
                note: note.into(),
            },
            now,
        )
        .unwrap();
    }
    Settings::new(conn).set_display_unit(Unit::Lb).unwrap();

    // The journal: a tag of the user's own, two days with tags and a note, one with a note only.
    Tags::new(conn).create("Cold plunge").unwrap();
    let journal = Journal::new(conn);
    for (days, tags, note) in [
        (
            3,
            &["alcohol", "late meal"][..],
            Some("Geburtstag — spät ins Bett"),
        ),
        (2, &["Cold plunge", "sauna"][..], None),
        (1, &[][..], Some("rest day")),
    ] {
        let tags: Vec<String> = tags.iter().map(|t| (*t).to_owned()).collect();
        let day = (now - Duration::days(days)).date_naive();
        journal.add(day, &tags, note, now).unwrap();
    }

    // Programs: GZCLP started three days ago (training maxes in lb, the display unit),
    // yesterday's session from it done as prescribed, a training max set by hand today.
    let runs = Runs::new(conn);
    let maxes: Vec<(String, Weight)> = [
        ("squat-t1", "185"),
        ("bench-t1", "135"),
        ("press-t1", "95"),
        ("deadlift-t1", "225"),
        ("squat-t2", "135"),
        ("bench-t2", "95"),
        ("press-t2", "65"),
        ("deadlift-t2", "185"),
        ("pulldown-t3", "80"),
        ("row-t3", "40"),
    ]
    .into_iter()
    .map(|(lift, lb)| (lift.to_owned(), Weight::parse(lb, Unit::Lb).unwrap()))
    .collect();
    runs.start("gzclp", &maxes, now - Duration::days(3)).unwrap();
    let trained = runs.start_session(now - Duration::days(1), now).unwrap();
    for set in &trained.sets {
        let input = SetInput {
            done: true,
            ..set.input.clone()
        };
        sets.edit(set.id, &input).unwrap();
    }
    SessionsMut::new(conn)
        .finish(
            trained.session.id,
            now - Duration::days(1) + Duration::minutes(70),
            false,
            now,
        )
        .unwrap();
    runs.set_training_max("press-t1", Weight::parse("100", Unit::Lb).unwrap(), now)
        .unwrap();
    ExerciseLoading {
        increment: Some(Weight::parse("2", Unit::Lb).unwrap()),
        max: Some(Weight::parse("60", Unit::Lb).unwrap()),
    }
    .set(conn, id(conn, "Bicep Curl (Dumbbell)"))
    .unwrap();

    // Sync: turned on in a folder, its first file written (the device's own row, the
    // clocks of what it sent), then a set logged and not yet sent.
    let folder = tempfile::tempdir().unwrap();
    ironkeep::sync::start(conn, folder.path(), "Golden laptop", now).unwrap();
    ironkeep::sync::step(
        conn,
        folder.path(),
        &ironkeep::RecoveryKit::generate(),
        u64::try_from(now.timestamp_millis()).unwrap(),
    )
    .unwrap();
    sets.log(
        session,
        &SetInput::working(face_pull, Weight::parse("25", Unit::Kg).unwrap(), 10),
    )
    .unwrap();
}

/// Writes the golden vault of this release if asked to (`IRONKEEP_UPDATE_SNAPSHOTS=1`)
/// and none exists yet.
pub fn write_if_asked() {
    let path = fixtures().join(format!("vault-v{}.db", migrate::LATEST));
    if std::env::var_os("IRONKEEP_UPDATE_SNAPSHOTS").is_none() || path.exists() {
        return;
    }
    let key = DbKey::generate().unwrap();
    let mut conn = db::open(&path, &key, Create::New).unwrap();
    migrate::run(&mut conn).unwrap();
    seed(&conn);
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE;")
        .unwrap();
    drop(conn);
    std::fs::write(
        fixtures().join(format!("vault-v{}.key", migrate::LATEST)),
        format!("{}\n", secrecy::ExposeSecret::expose_secret(&key.to_hex())),
    )
    .unwrap();
}
