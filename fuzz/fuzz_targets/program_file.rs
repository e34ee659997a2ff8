//! Fuzzes the program file: a coach's program is untrusted input. Whatever parses must
//! also plan and progress without panicking, as the athlete's app will do exactly that.
#![no_main]

use std::collections::BTreeMap;

use ironkeep::programs::{DoneSet, Event, Loading, Planner, Program, ProgramState};
use ironkeep::training::plates::PlateSet;
use ironkeep::training::{Unit, Weight};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(program) = Program::parse(data) else { return };
    let plates = PlateSet::standard_kg();
    let loadings: BTreeMap<String, Loading> = program
        .lifts
        .iter()
        .map(|lift| (lift.id.clone(), Loading::barbell(&plates, None).expect("standard plates load")))
        .collect();
    let planner = Planner::new(&program, loadings).expect("every lift has a loading");
    let tm = Weight::from_milli(100_000, Unit::Kg).expect("100 kg is a weight");
    let start: BTreeMap<String, Weight> = program.lifts.iter().map(|l| (l.id.clone(), tm)).collect();
    let mut events = Vec::new();
    for round in 0..program.day_count().min(12) {
        let state = ProgramState::derive(&planner, &start, &events).expect("a parsed program derives");
        let plan = planner.next(&state).expect("a parsed program plans");
        let sets = plan
            .exercises
            .iter()
            .flat_map(|e| {
                e.sets.iter().map(move |s| DoneSet {
                    exercise: e.exercise.clone(),
                    weight: s.weight,
                    reps: s.reps.saturating_sub(u32::from(round % 2 == 1)),
                })
            })
            .collect();
        events.push(Event::Finished {
            week: plan.week - 1,
            day: plan.day - 1,
            sets,
        });
    }
});
