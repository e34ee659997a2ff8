//! Schema 10 on a vault of the release before it: the golden v9 vault (a Hevy import,
//! typed sessions, lb as the display unit, a merged bench press) upgrades and runs a
//! program at once, its history untouched and its plates in its own unit.

use chrono::Duration;
use ironkeep::programs::{Programs, Runs};
use ironkeep::training::{Unit, Weight};
use ironkeep::vault::migrate;

use crate::harness::now;
use crate::upgrade::Golden;

#[test]
fn a_v9_vault_upgrades_and_runs_a_program() {
    let mut golden = Golden::open(9).expect("the v9 golden vault is committed");
    migrate::run(&mut golden.conn).unwrap();
    let conn = &golden.conn;
    assert_eq!(migrate::version(conn).unwrap(), migrate::LATEST);
    assert!(
        Programs::new(conn).list().unwrap().is_empty(),
        "no program until one is started"
    );
    let runs = Runs::new(conn);
    assert!(runs.active().unwrap().is_none());
    let maxes: Vec<(String, Weight)> = [
        ("squat", "135"),
        ("bench", "95"),
        ("row", "95"),
        ("press", "65"),
        ("deadlift", "185"),
    ]
    .into_iter()
    .map(|(lift, lb)| (lift.to_owned(), Weight::parse(lb, Unit::Lb).unwrap()))
    .collect();
    runs.start("linear-beginner", &maxes, now() - Duration::days(1))
        .unwrap();
    let today = runs.today().unwrap();
    let bench = &today.plan.exercises[1];
    assert_eq!(bench.sets[0].weight.to_string(), "95 lb", "the vault's lb plates");
    let session = runs.start_session(now(), now()).unwrap();
    assert_eq!(session.session.name, "Linear beginner 3×5: Workout A");
}

#[test]
fn the_v10_golden_vault_holds_a_running_program() {
    let mut golden = Golden::open(10).expect("the v10 golden vault is committed");
    // Read through the current code, so upgraded first; its program survives the upgrade.
    migrate::run(&mut golden.conn).unwrap();
    let runs = Runs::new(&golden.conn);
    let run = runs
        .active()
        .unwrap()
        .expect("GZCLP is running in the v10 golden vault");
    assert_eq!(run.stored.program.name, "GZCLP");
    let today = runs.today().unwrap();
    assert_eq!((today.plan.week, today.plan.day), (1, 2), "day 1 was trained");
    let press = &today.plan.exercises[0];
    assert_eq!(press.lift, "press-t1");
    assert_eq!(
        press.training_max,
        Weight::parse("100", Unit::Lb).unwrap(),
        "set by hand"
    );
    let curl = ironkeep::programs::ExerciseLoading::of(
        &golden.conn,
        ironkeep::training::Exercises::new(&golden.conn)
            .by_name("Bicep Curl (Dumbbell)")
            .unwrap()
            .id,
    )
    .unwrap();
    assert_eq!(curl.max, Some(Weight::parse("60", Unit::Lb).unwrap()));
}
