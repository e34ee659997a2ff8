//! Properties of prescriptions: whatever the plates, training maxes and per-lift maximum,
//! every prescribed weight can be loaded, is never negative and never above the maximum;
//! and the display unit never drifts a training max.

use std::collections::BTreeMap;

use ironkeep::programs::{
    DoneSet, Event, Loading, Planner, ProgramState, builtin, rounding::default_increment_milli,
};
use ironkeep::training::plates::PlateSet;
use ironkeep::training::{Unit, Weight};
use proptest::prelude::*;

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![Just(Unit::Kg), Just(Unit::Lb)]
}

/// A bar and 1 to 6 plate sizes, in thousandths of the unit.
fn plates() -> impl Strategy<Value = PlateSet> {
    (
        unit(),
        prop_oneof![Just(0u32), 5_000u32..=25_000],
        prop::collection::vec(
            prop_oneof![Just(1_250u32), Just(2_500), Just(5_000), 500u32..=50_000],
            1..=6,
        ),
    )
        .prop_map(|(unit, bar, plates_milli)| PlateSet {
            unit,
            bar_milli: bar,
            plates_milli,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_prescription_loads_and_respects_the_maximum(
        set in plates(),
        program in 0usize..4,
        tm_milli in 0u32..=400_000,
        tm_unit in unit(),
        max_over_bar in prop::option::of(0u32..=300_000),
        sessions in 0usize..10,
    ) {
        let program = builtin::all().unwrap().swap_remove(program).program;
        let max = max_over_bar.map(|extra| Weight::from_milli(set.bar_milli + extra, set.unit).unwrap());
        let barbell = Loading::barbell(&set, max).unwrap();
        let loadings: BTreeMap<String, Loading> = program
            .lifts
            .iter()
            .map(|lift| {
                let loading = if lift.exercise.ends_with("-barbell") {
                    barbell.clone()
                } else {
                    Loading::increment(set.unit, default_increment_milli(set.unit), max).unwrap()
                };
                (lift.id.clone(), loading)
            })
            .collect();
        let planner = Planner::new(&program, loadings.clone()).unwrap();
        let tm = Weight::from_milli(tm_milli, tm_unit).unwrap();
        let start: BTreeMap<String, Weight> = program.lifts.iter().map(|l| (l.id.clone(), tm)).collect();
        let mut events = Vec::new();
        for _ in 0..=sessions {
            let state = ProgramState::derive(&planner, &start, &events).unwrap();
            let plan = planner.next(&state).unwrap();
            let mut done = Vec::new();
            for exercise in &plan.exercises {
                let loading = &loadings[&exercise.lift];
                for set in exercise.sets.iter().chain(&exercise.warmups) {
                    prop_assert!(loading.loads(set.weight), "{} cannot be loaded", set.weight);
                    if let Some(max) = max {
                        prop_assert!(set.weight.kg() <= max.kg() + 1e-9, "{} is above {max}", set.weight);
                    }
                }
                done.extend(exercise.sets.iter().map(|s| DoneSet {
                    exercise: exercise.exercise.clone(),
                    weight: s.weight,
                    reps: s.reps,
                }));
            }
            events.push(Event::Finished { week: plan.week - 1, day: plan.day - 1, sets: done });
        }
    }

    #[test]
    fn the_display_unit_never_drifts_a_training_max(
        tm_milli in 20_000u32..=200_000,
        tm_unit in unit(),
        shown in prop::collection::vec(unit(), 1..12),
    ) {
        // The linear program, every session a success, the display unit switching between
        // sessions: the training max is the start plus one increment of its own unit per
        // session, exactly.
        let program = builtin::find("linear-beginner").unwrap().unwrap().program;
        let tm = Weight::from_milli(tm_milli, tm_unit).unwrap();
        let start: BTreeMap<String, Weight> = program.lifts.iter().map(|l| (l.id.clone(), tm)).collect();
        let planner_in = |unit: Unit| {
            let plates = match unit { Unit::Kg => PlateSet::standard_kg(), Unit::Lb => PlateSet::standard_lb() };
            let loadings = program.lifts.iter().map(|l| (l.id.clone(), Loading::barbell(&plates, None).unwrap())).collect();
            Planner::new(&program, loadings).unwrap()
        };
        let mut events = Vec::new();
        for (i, &unit) in shown.iter().enumerate() {
            let planner = planner_in(unit);
            let state = ProgramState::derive(&planner, &start, &events).unwrap();
            let squat = state.lifts["squat"].training_max;
            let step = match tm_unit { Unit::Kg => 2_500, Unit::Lb => 5_000 };
            prop_assert_eq!(squat.unit(), tm_unit);
            prop_assert_eq!(squat.milli(), tm_milli + step * i as u32, "after {} sessions", i);
            let plan = planner.next(&state).unwrap();
            let sets = plan.exercises.iter().flat_map(|e| e.sets.iter().map(|s| DoneSet {
                exercise: e.exercise.clone(), weight: s.weight, reps: s.reps,
            })).collect();
            events.push(Event::Finished { week: plan.week - 1, day: plan.day - 1, sets });
        }
    }
}
