//! Simulated training: each built-in program run for 12 to 16 weeks with scripted
//! successes and misses, against golden tables worked out by hand from the programs'
//! published rules (the rule behind each row is beside it). The state is derived from
//! scratch before every session, as the app does, so these also exercise derivation.

use std::collections::BTreeMap;

use ironkeep::programs::{DayPlan, DoneSet, Event, Planner, Program, ProgramState, builtin, next_time};
use ironkeep::training::{Unit, Weight};

use super::standard_loadings;

/// What the lifter does with one lift in one session.
#[derive(Debug, Clone)]
enum Did {
    /// Every set as prescribed (an AMRAP set at its minimum).
    Hit,
    /// Every set, but the last one rep short.
    Miss,
    /// Every set as prescribed, the AMRAP set(s) with this many reps.
    Amrap(u32),
    /// These reps on the sets, in order.
    Reps(Vec<u32>),
}

fn kg(amount: f64) -> Weight {
    Weight::from_milli((amount * 1000.0).round() as u32, Unit::Kg).unwrap()
}

fn maxes(pairs: &[(&str, f64)]) -> BTreeMap<String, Weight> {
    pairs.iter().map(|&(id, w)| (id.to_owned(), kg(w))).collect()
}

/// One simulated session: the plan it followed and what the lifter did.
struct Session {
    plan: DayPlan,
    events_before: usize,
}

/// Trains `sessions` sessions of `program`, asking `script` what the lifter does with
/// each lift (by lift id and the how-many-th time that lift comes up, from 1).
fn train(
    program: &Program,
    start: &BTreeMap<String, Weight>,
    sessions: usize,
    script: impl Fn(&str, usize) -> Did,
) -> (Vec<Session>, Vec<Event>) {
    let planner = Planner::new(program, standard_loadings(program, Unit::Kg)).unwrap();
    let mut events: Vec<Event> = Vec::new();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut log = Vec::new();
    for _ in 0..sessions {
        let state = ProgramState::derive(&planner, start, &events).unwrap();
        let plan = planner.next(&state).unwrap();
        let mut sets = Vec::new();
        for exercise in &plan.exercises {
            let n = seen.entry(exercise.lift.clone()).or_default();
            *n += 1;
            let did = script(&exercise.lift, *n);
            let count = exercise.sets.len();
            for (i, set) in exercise.sets.iter().enumerate() {
                let reps = match &did {
                    Did::Hit => set.reps,
                    Did::Miss if i + 1 == count => set.reps - 1,
                    Did::Miss => set.reps,
                    Did::Amrap(n) if set.amrap => *n,
                    Did::Amrap(_) => set.reps,
                    Did::Reps(reps) => reps[i],
                };
                sets.push(DoneSet {
                    exercise: exercise.exercise.clone(),
                    weight: set.weight,
                    reps,
                });
            }
        }
        log.push(Session {
            events_before: events.len(),
            plan: plan.clone(),
        });
        events.push(Event::Finished {
            week: plan.week - 1,
            day: plan.day - 1,
            sets,
        });
    }
    (log, events)
}

/// The first working weight (kg) and reps of `lift` in each session it appears in.
fn track(log: &[Session], lift: &str) -> Vec<(f64, String)> {
    log.iter()
        .filter_map(|s| s.plan.exercises.iter().find(|e| e.lift == lift))
        .map(|e| {
            let first = e.sets[0];
            let scheme = format!(
                "{}x{}{}",
                e.sets.len(),
                first.reps,
                if e.sets.last().is_some_and(|s| s.amrap) {
                    "+"
                } else {
                    ""
                }
            );
            (first.weight.kg(), scheme)
        })
        .collect()
}

fn weights(rows: &[(f64, String)]) -> Vec<f64> {
    rows.iter().map(|r| r.0).collect()
}

#[test]
fn linear_beginner_adds_2_5_kg_a_session_and_deloads_after_three_misses() {
    let program = builtin::find("linear-beginner").unwrap().unwrap().program;
    let start = maxes(&[
        ("squat", 60.0),
        ("bench", 40.0),
        ("row", 40.0),
        ("press", 30.0),
        ("deadlift", 80.0),
    ]);
    // 12 weeks × 3 sessions. The squat misses its 20th, 21st and 22nd sessions; the bench
    // misses its 5th.
    let (log, events) = train(&program, &start, 36, |lift, n| match (lift, n) {
        ("squat", 20..=22) | ("bench", 5) => Did::Miss,
        _ => Did::Hit,
    });
    #[rustfmt::skip]
    let squat: Vec<f64> = vec![
        // +2.5 kg after every session where all 3×5 were done.
        60.0, 62.5, 65.0, 67.5, 70.0, 72.5, 75.0, 77.5, 80.0, 82.5, 85.0, 87.5, 90.0, 92.5, 95.0,
        97.5, 100.0, 102.5, 105.0,
        // A miss repeats the weight: three misses in a row at 107.5.
        107.5, 107.5, 107.5,
        // Deload 10 %: 107.5 × 0.9 = 96.75, down to the 2.5 kg increment: 95.
        95.0,
        // Then +2.5 kg a session again.
        97.5, 100.0, 102.5, 105.0, 107.5, 110.0, 112.5, 115.0, 117.5, 120.0, 122.5, 125.0, 127.5,
    ];
    assert_eq!(weights(&track(&log, "squat")), squat);
    // Workouts alternate A and B, so the bench (A only) comes up 18 times.
    #[rustfmt::skip]
    let bench: Vec<f64> = vec![
        40.0, 42.5, 45.0, 47.5,
        50.0, // missed: the weight repeats
        50.0, 52.5, 55.0, 57.5, 60.0, 62.5, 65.0, 67.5, 70.0, 72.5, 75.0, 77.5, 80.0,
    ];
    assert_eq!(weights(&track(&log, "bench")), bench);
    assert!(
        track(&log, "squat").iter().all(|r| r.1 == "3x5"),
        "3×5 throughout"
    );

    // What the 9th session (bench's miss) says when it is finished.
    let planner = Planner::new(&program, standard_loadings(&program, Unit::Kg)).unwrap();
    let at = &log[8];
    let before = ProgramState::derive(&planner, &start, &events[..at.events_before]).unwrap();
    let after = ProgramState::derive(&planner, &start, &events[..=at.events_before]).unwrap();
    let said: Vec<(String, String)> = next_time(&program, at.plan.week - 1, at.plan.day - 1, &before, &after)
        .into_iter()
        .map(|n| (n.lift, n.message))
        .collect();
    assert_eq!(
        said,
        [
            ("squat".to_owned(), "next time 82.5 kg".to_owned()),
            ("bench".to_owned(), "stays, 2 misses before deload".to_owned()),
            ("row".to_owned(), "next time 52.5 kg".to_owned()),
        ]
    );
}

#[test]
fn five_three_one_runs_four_cycles_of_its_percentages() {
    let program = builtin::find("5/3/1").unwrap().unwrap().program;
    let start = maxes(&[
        ("press", 40.0),
        ("deadlift", 140.0),
        ("bench", 70.0),
        ("squat", 120.0),
    ]);
    // 16 weeks, 4 days each; a couple of missed AMRAPs change nothing in 5/3/1.
    let (log, _) = train(&program, &start, 64, |lift, n| match (lift, n) {
        ("squat", 3) | ("bench", 7) => Did::Miss,
        _ => Did::Amrap(8),
    });
    let squat: Vec<f64> = log
        .iter()
        .filter_map(|s| s.plan.exercises.iter().find(|e| e.lift == "squat"))
        .flat_map(|e| e.sets.iter().map(|s| s.weight.kg()))
        .collect();
    // Each weight is the week's percentage of the training max, to the nearest 2.5 kg
    // (a tie to the lighter). Training max +5 kg (lower body) per cycle.
    #[rustfmt::skip]
    let expected: Vec<f64> = vec![
        // Cycle 1, TM 120: 65/75/85 % = 78, 90, 102; 70/80/90 % = 84, 96, 108;
        // 75/85/95 % = 90, 102, 114; deload 40/50/60 % = 48, 60, 72.
        77.5, 90.0, 102.5,   85.0, 95.0, 107.5,   90.0, 102.5, 115.0,   47.5, 60.0, 72.5,
        // Cycle 2, TM 125: 81.25, 93.75, 106.25 (ties); 87.5, 100, 112.5;
        // 93.75, 106.25, 118.75 (ties); 50, 62.5, 75.
        80.0, 92.5, 105.0,   87.5, 100.0, 112.5,  92.5, 105.0, 117.5,   50.0, 62.5, 75.0,
        // Cycle 3, TM 130: 84.5, 97.5, 110.5; 91, 104, 117; 97.5, 110.5, 123.5; 52, 65, 78.
        85.0, 97.5, 110.0,   90.0, 105.0, 117.5,  97.5, 110.0, 122.5,   52.5, 65.0, 77.5,
        // Cycle 4, TM 135: 87.75, 101.25, 114.75; 94.5, 108, 121.5; 101.25, 114.75,
        // 128.25; 54, 67.5, 81.
        87.5, 100.0, 115.0,  95.0, 107.5, 122.5,  100.0, 115.0, 127.5,  55.0, 67.5, 80.0,
    ];
    assert_eq!(squat, expected);
    let tms = |lift: &str| -> Vec<f64> {
        log.iter()
            .filter_map(|s| s.plan.exercises.iter().find(|e| e.lift == lift))
            .step_by(4)
            .map(|e| e.training_max.kg())
            .collect()
    };
    assert_eq!(
        tms("press"),
        [40.0, 42.5, 45.0, 47.5],
        "+2.5 kg upper body per cycle"
    );
    assert_eq!(
        tms("bench"),
        [70.0, 72.5, 75.0, 77.5],
        "+2.5 kg upper body per cycle"
    );
    assert_eq!(
        tms("deadlift"),
        [140.0, 145.0, 150.0, 155.0],
        "+5 kg lower body per cycle"
    );
    let amrap: Vec<String> = log[0].plan.exercises[0]
        .sets
        .iter()
        .map(|s| format!("{}{}", s.reps, if s.amrap { "+" } else { "" }))
        .collect();
    assert_eq!(amrap, ["5", "5", "5+"], "week 1: 5, 5, 5+");
    assert_eq!(log[48].plan.cycle, 4, "the 49th session starts the fourth cycle");
}

#[test]
fn gzclp_moves_through_its_failure_stages() {
    let program = builtin::find("gzclp").unwrap().unwrap().program;
    #[rustfmt::skip]
    let start = maxes(&[
        ("squat-t1", 100.0), ("bench-t1", 60.0), ("press-t1", 40.0), ("deadlift-t1", 120.0),
        ("squat-t2", 70.0), ("bench-t2", 45.0), ("press-t2", 30.0), ("deadlift-t2", 85.0),
        ("pulldown-t3", 40.0), ("row-t3", 20.0),
    ]);
    // 16 weeks × 3 sessions = 48 sessions: 12 times through the 4-day rotation.
    let (log, _) = train(&program, &start, 48, |lift, n| match (lift, n) {
        ("squat-t1", 3 | 5 | 7) => Did::Miss,
        ("squat-t2", 2 | 4 | 5) => Did::Miss,
        ("pulldown-t3", 1..=3) => Did::Amrap(20),
        ("pulldown-t3", 4) => Did::Amrap(25),
        ("pulldown-t3", 5) => Did::Amrap(18),
        ("pulldown-t3", 6) => Did::Amrap(30),
        ("pulldown-t3", _) => Did::Amrap(15),
        _ => Did::Hit,
    });
    let rows = |lift| -> Vec<(f64, &'static str)> {
        track(&log, lift)
            .into_iter()
            .map(|(w, s)| (w, &*Box::leak(s.into_boxed_str())))
            .collect()
    };
    #[rustfmt::skip]
    let squat_t1 = vec![
        (100.0, "5x3+"), (105.0, "5x3+"), // success: +5 kg (lower body)
        (110.0, "5x3+"),                  // missed: next stage at the same weight
        (110.0, "6x2+"),                  // success: +5 kg, same stage
        (115.0, "6x2+"),                  // missed: last stage
        (115.0, "10x1+"),                 // success: +5 kg
        (120.0, "10x1+"),                 // missed the last stage: back to 5×3+ at 85 %:
        (100.0, "5x3+"),                  //   120 × 0.85 = 102, down to the 5 kg increment
        (105.0, "5x3+"), (110.0, "5x3+"), (115.0, "5x3+"), (120.0, "5x3+"),
    ];
    assert_eq!(rows("squat-t1"), squat_t1);
    #[rustfmt::skip]
    let squat_t2 = vec![
        (70.0, "3x10"),  // success: +5 kg
        (75.0, "3x10"),  // missed: 3×8 at the same weight
        (75.0, "3x8"),   // success: +5 kg
        (80.0, "3x8"),   // missed: 3×6
        (80.0, "3x6"),   // missed the last stage: 3×10 at the last 3×10 weight (75) + 7.5
        (82.5, "3x10"), (87.5, "3x10"), (92.5, "3x10"), (97.5, "3x10"), (102.5, "3x10"),
        (107.5, "3x10"), (112.5, "3x10"),
    ];
    assert_eq!(rows("squat-t2"), squat_t2);
    // Tier 3 (twice per rotation): +2.5 kg only after 25 reps on the last set.
    #[rustfmt::skip]
    let pulldown: Vec<f64> = vec![
        40.0, 40.0, 40.0, 40.0, // 20, 20, 20 reps, then 25: progress
        42.5, 42.5,             // 18, then 30: progress
        45.0, 45.0, 45.0, 45.0, 45.0, 45.0, 45.0, 45.0, 45.0, 45.0, 45.0, 45.0,
        45.0, 45.0, 45.0, 45.0, 45.0, 45.0,
    ];
    assert_eq!(weights(&track(&log, "pulldown-t3")), pulldown);
    assert!(track(&log, "pulldown-t3").iter().all(|r| r.1 == "3x15+"));
    // Bench tier 1 never misses: +2.5 kg (upper body) each time.
    let bench: Vec<f64> = (0..12).map(|k| 60.0 + 2.5 * f64::from(k)).collect();
    assert_eq!(weights(&track(&log, "bench-t1")), bench);
}

#[test]
fn double_progression_climbs_the_rep_range_then_adds_weight() {
    let program = builtin::find("hypertrophy-double").unwrap().unwrap().program;
    let start: BTreeMap<String, Weight> = program.lifts.iter().map(|l| (l.id.clone(), kg(20.0))).collect();
    // 12 weeks, 4 days: the dumbbell bench press comes up 12 times.
    let script: Vec<Vec<u32>> = vec![
        vec![8, 8, 8],
        vec![9, 9, 10],
        vec![10, 10, 9],
        vec![12, 12, 12],
        vec![8, 8, 7],
        vec![10, 10, 10],
        vec![11, 11, 11],
        vec![12, 12, 12],
        vec![9, 9, 9],
        vec![10, 10, 10],
        vec![11, 11, 11],
        vec![12, 12, 12],
    ];
    let (log, _) = train(&program, &start, 48, |lift, n| match lift {
        "bench-press" => Did::Reps(script[n - 1].clone()),
        _ => Did::Hit,
    });
    #[rustfmt::skip]
    let expected: Vec<(f64, String)> = [
        (20.0, 8),  // did 8, 8, 8: one more rep next time
        (20.0, 9),  // did 9, 9, 10: the fewest (9) + 1
        (20.0, 10), // did 10, 10, 9: missed, the target stays
        (20.0, 10), // did 12 on every set: the top of 8-12, so +2.5 kg (upper) and back to 8
        (22.5, 8),  // did 8, 8, 7: missed
        (22.5, 8),  // did 10 on every set: 11 next
        (22.5, 11), (22.5, 12), // 12 on every set: +2.5 kg, back to 8
        (25.0, 8), (25.0, 10), (25.0, 11), (25.0, 12),
    ]
    .into_iter()
    .map(|(w, r)| (w, format!("3x{r}")))
    .collect();
    assert_eq!(track(&log, "bench-press"), expected);
    // A lift that always does exactly its target: 8, 9, 10, 11, 12, then +5 kg (lower).
    let leg_press = track(&log, "leg-press");
    assert_eq!(leg_press[5], (25.0, "3x8".to_owned()));
    assert_eq!(leg_press[4], (20.0, "3x12".to_owned()));
}
