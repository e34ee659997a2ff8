//! Derived state: editing, deleting or reordering the sessions of a program, a training
//! max set by hand and a skipped day all give the answer a fresh replay gives, because
//! nothing is kept as a counter.

use std::collections::BTreeMap;

use ironkeep::programs::{DoneSet, Event, Planner, Program, ProgramState, builtin};
use ironkeep::training::{Unit, Weight};

use super::standard_loadings;

fn kg(amount: f64) -> Weight {
    Weight::from_milli((amount * 1000.0).round() as u32, Unit::Kg).unwrap()
}

fn linear() -> (Program, BTreeMap<String, Weight>) {
    let program = builtin::find("linear-beginner").unwrap().unwrap().program;
    let start = [
        ("squat", 60.0),
        ("bench", 40.0),
        ("row", 40.0),
        ("press", 30.0),
        ("deadlift", 80.0),
    ]
    .into_iter()
    .map(|(id, w)| (id.to_owned(), kg(w)))
    .collect();
    (program, start)
}

/// A finished session of week `week`, day `day` (from 0): three squat sets.
fn squat_session(week: u32, day: u32, squat: f64, reps: u32) -> Event {
    Event::Finished {
        week,
        day,
        sets: (0..3)
            .map(|_| DoneSet {
                exercise: "squat-barbell".into(),
                weight: kg(squat),
                reps,
            })
            .collect(),
    }
}

#[test]
fn editing_deleting_and_late_sessions_recompute() {
    let (program, start) = linear();
    let planner = Planner::new(&program, standard_loadings(&program, Unit::Kg)).unwrap();
    let squat = |events: &[Event]| {
        let state = ProgramState::derive(&planner, &start, events).unwrap();
        (state.lifts["squat"].training_max.kg(), state.week, state.day)
    };
    let mut events = vec![squat_session(0, 0, 60.0, 5), squat_session(0, 1, 62.5, 5)];
    assert_eq!(squat(&events), (65.0, 0, 2), "two successes: +5 kg, on to day 3");

    // The second session is edited: its last set had 4 reps. Now it was a miss.
    events[1] = Event::Finished {
        week: 0,
        day: 1,
        sets: vec![
            DoneSet {
                exercise: "squat-barbell".into(),
                weight: kg(62.5),
                reps: 5,
            },
            DoneSet {
                exercise: "squat-barbell".into(),
                weight: kg(62.5),
                reps: 5,
            },
            DoneSet {
                exercise: "squat-barbell".into(),
                weight: kg(62.5),
                reps: 4,
            },
        ],
    };
    assert_eq!(
        squat(&events),
        (62.5, 0, 2),
        "an edited session turns a success into a miss"
    );

    // A set done lighter than prescribed is not a success either.
    events[1] = squat_session(0, 1, 60.0, 5);
    assert_eq!(squat(&events), (62.5, 0, 2));

    // The first session is deleted: the other one, done at 60 kg, is now the first of
    // the program, prescribed 60 kg, so it is a success; the lifter is still on day 3.
    events.remove(0);
    assert_eq!(squat(&events), (62.5, 0, 2));

    // A session from another device arrives late, dated before: replayed in order.
    events.insert(0, squat_session(0, 0, 60.0, 5));
    let late = ProgramState::derive(&planner, &start, &events).unwrap();
    let fresh = ProgramState::derive(
        &planner,
        &start,
        &[squat_session(0, 0, 60.0, 5), squat_session(0, 1, 60.0, 5)],
    )
    .unwrap();
    assert_eq!(late, fresh);
}

#[test]
fn overrides_and_skips_are_events_too() {
    let (program, start) = linear();
    let planner = Planner::new(&program, standard_loadings(&program, Unit::Kg)).unwrap();
    let events = vec![
        squat_session(0, 0, 60.0, 5),
        Event::TrainingMax {
            lift: "squat".into(),
            weight: kg(100.0),
        },
        Event::Skipped { week: 0, day: 1 },
        squat_session(0, 2, 100.0, 5),
        Event::Skipped { week: 1, day: 0 },
        Event::Skipped { week: 1, day: 1 },
    ];
    let state = ProgramState::derive(&planner, &start, &events).unwrap();
    assert_eq!(
        state.lifts["squat"].training_max,
        kg(102.5),
        "a hand-set max, then a success"
    );
    assert_eq!(
        (state.week, state.day, state.cycle),
        (1, 2, 0),
        "skipped days move the lifter on"
    );
    let plan = planner.next(&state).unwrap();
    assert_eq!(plan.name, "Workout B");
    assert_eq!(plan.exercises[0].sets[0].weight, kg(102.5));

    // A training max in pounds stays exact; the plan shows it rounded for the kg plates.
    let lb = Weight::from_milli(225_000, Unit::Lb).unwrap();
    let state = ProgramState::derive(
        &planner,
        &start,
        &[Event::TrainingMax {
            lift: "squat".into(),
            weight: lb,
        }],
    )
    .unwrap();
    assert_eq!(
        state.lifts["squat"].training_max, lb,
        "never converted and stored back"
    );
    let plan = planner.next(&state).unwrap();
    assert_eq!(
        plan.exercises[0].sets[0].weight,
        kg(102.5),
        "225 lb = 102.06 kg, nearest 102.5"
    );
}

#[test]
fn a_program_needs_every_training_max_and_only_its_own() {
    let (program, mut start) = linear();
    start.remove("row");
    assert_eq!(
        ProgramState::start(&program, &start).unwrap_err().to_string(),
        "no training max for \"row\"; set one with `ironkeep program tm`"
    );
    start.insert("row".into(), kg(40.0));
    start.insert("curl".into(), kg(10.0));
    assert!(
        ProgramState::start(&program, &start).is_err(),
        "a lift the program lacks"
    );
}

#[test]
fn warm_ups_ramp_to_the_first_working_set() {
    let (program, start) = linear();
    let planner = Planner::new(&program, standard_loadings(&program, Unit::Kg)).unwrap();
    let state = ProgramState::start(&program, &start).unwrap();
    let plan = planner.next(&state).unwrap();
    let ramp: Vec<(f64, u32)> = plan.exercises[0]
        .warmups
        .iter()
        .map(|w| (w.weight.kg(), w.reps))
        .collect();
    // The bar ×10, then 40/60/80 % of 60 (24, 36, 48) down to 2.5 kg: 22.5, 35, 47.5.
    assert_eq!(ramp, [(20.0, 10), (22.5, 5), (35.0, 3), (47.5, 2)]);
}
