//! Warm-up sets in one action: a ramp from the bar to the first working weight, placed
//! before the exercise's working sets.
//!
//! Lifters warm up the same way every time, so typing each warm-up is wasted effort. The
//! ramp is deliberately simple and predictable: the empty bar for 10 (when the bar is
//! lighter than the working weight), then 40 % for 5, 60 % for 3 and 80 % for 2 of the
//! working weight, each rounded *down* to a multiple of what the plates can add (a pair
//! of the lightest plate: 2.5 kg or 5 lb with the standard sets). A step is kept only
//! when it is heavier than the one before and lighter than the working weight, so a light
//! working weight gets fewer warm-ups, never a repeated or a heavier one. The sets are
//! planned (not done): the lifter logs them like any other.

use rusqlite::Connection;

use super::TrainingError;
use super::order::renumber;
use super::plates::PlateSet;
use super::sets::{SetInput, SetKind, SetRow, Sets, SetsMut};
use super::units::Weight;

/// One warm-up of a ramp.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WarmupStep {
    /// The weight, in the working weight's unit.
    pub weight: Weight,
    /// Repetitions.
    pub reps: u32,
}

/// The fractions of the working weight (in percent) and their reps, after the bar.
const STEPS: [(u64, u32); 3] = [(40, 5), (60, 3), (80, 2)];

/// Reps with the empty bar.
const BAR_REPS: u32 = 10;

/// The warm-ups before `working` with these plates (which must be in its unit).
pub fn ramp(working: Weight, plates: &PlateSet) -> Result<Vec<WarmupStep>, TrainingError> {
    plates.check()?;
    if plates.unit != working.unit() {
        return Err(TrainingError::Refused(
            "the plates for a warm-up ramp must be in the unit of the working weight",
        ));
    }
    let step = u64::from(plates.step_milli().max(1));
    let target = u64::from(working.milli());
    let bar = u64::from(plates.bar_milli);
    let mut milli: Vec<(u64, u32)> = Vec::new();
    if bar > 0 && bar < target {
        milli.push((bar, BAR_REPS));
    }
    for (percent, reps) in STEPS {
        let weight = target * percent / 100 / step * step;
        let heavier = milli.last().map_or(weight > 0, |&(last, _)| weight > last);
        if heavier && weight < target {
            milli.push((weight, reps));
        }
    }
    if milli.is_empty() {
        return Err(TrainingError::Refused(
            "this working weight is too light for warm-up sets below it",
        ));
    }
    milli
        .into_iter()
        .map(|(weight, reps)| {
            let weight = u32::try_from(weight).map_err(|_| TrainingError::Refused("weight too large"))?;
            Ok(WarmupStep {
                weight: Weight::from_milli(weight, working.unit())?,
                reps,
            })
        })
        .collect()
}

/// Adds the ramp for `working` as planned warm-up sets of `exercise_id` in `session_id`,
/// just before the exercise's first set (at the end when it has none yet); refused when
/// the exercise already has warm-ups in the session. All or nothing.
pub(crate) fn add(
    conn: &Connection,
    session_id: u32,
    exercise_id: u32,
    working: Weight,
    plates: &PlateSet,
) -> Result<Vec<SetRow>, TrainingError> {
    let steps = ramp(working, plates)?;
    let before = Sets::new(conn).of_session(session_id)?;
    let mine = |set: &&SetRow| set.input.exercise_id == exercise_id;
    if before
        .iter()
        .filter(mine)
        .any(|set| set.input.kind == SetKind::Warmup)
    {
        return Err(TrainingError::Refused(
            "this exercise already has warm-up sets in this workout",
        ));
    }
    // The warm-ups join the exercise's superset group, if it has one.
    let superset = before.iter().find(mine).and_then(|set| set.input.superset);
    let tx = super::Atomic::begin(conn)?;
    let sets = SetsMut::new(conn);
    let mut added = Vec::with_capacity(steps.len());
    for step in &steps {
        let input = SetInput {
            kind: SetKind::Warmup,
            done: false,
            superset,
            ..SetInput::working(exercise_id, step.weight, step.reps)
        };
        added.push(sets.insert(session_id, &input, None)?);
    }
    let first = before.iter().position(|set| set.input.exercise_id == exercise_id);
    let mut order: Vec<u32> = before.iter().map(|set| set.id).collect();
    let at = first.unwrap_or(order.len());
    order.splice(at..at, added.iter().copied());
    renumber(conn, session_id, &order)?;
    tx.commit()?;
    let rows = Sets::new(conn);
    added.iter().map(|&id| rows.get(id)).collect()
}
