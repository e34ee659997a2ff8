//! What changes next time: the sentences shown when a session of a program is finished.
//!
//! The lifter should see why each weight moved ("Squat: next time 102.5 kg", "Bench:
//! stays, 2 misses before deload"), so [`next_time`] compares the derived state before
//! and after the session, lift by lift, and says what the rule did.

use serde::Serialize;

use super::format::{Program, Progression};
use super::state::ProgramState;

/// One lift's change after a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct NextTime {
    /// The lift id.
    pub lift: String,
    /// The exercise, as the program names it.
    pub exercise: String,
    /// What changes, as a sentence fragment ("next time 102.5 kg").
    pub message: String,
}

/// For each lift of week `week`, day `day` (from 0), what the session changed.
pub fn next_time(
    program: &Program,
    week: u32,
    day: u32,
    before: &ProgramState,
    after: &ProgramState,
) -> Vec<NextTime> {
    let Some(spec) = program
        .weeks
        .get(week as usize)
        .and_then(|w| w.days.get(day as usize))
    else {
        return Vec::new();
    };
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for slot in &spec.exercises {
        if seen.contains(&slot.lift.as_str()) {
            continue;
        }
        seen.push(&slot.lift);
        let (Some(lift), Some(old), Some(new)) = (
            program.lift(&slot.lift),
            before.lifts.get(&slot.lift),
            after.lifts.get(&slot.lift),
        ) else {
            continue;
        };
        let message = match &lift.progression {
            Progression::Stages { stages, .. }
                if new.stage != old.stage || new.training_max.kg() < old.training_max.kg() =>
            {
                let stage = stages[(new.stage as usize).min(stages.len() - 1)];
                let plus = if stage.amrap_last { "+" } else { "" };
                let why = if new.stage == 0 {
                    "starts over at"
                } else {
                    "moves to"
                };
                format!(
                    "{why} {}×{}{plus} at {}",
                    stage.sets, stage.reps, new.training_max
                )
            }
            Progression::Double { .. }
                if new.training_max == old.training_max && new.target_reps != old.target_reps =>
            {
                format!("next time {} reps at {}", new.target_reps, new.training_max)
            }
            Progression::Linear { .. } if new.training_max.kg() < old.training_max.kg() => {
                format!("deload: next time {}", new.training_max)
            }
            Progression::Cycle { .. } if new.training_max == old.training_max => {
                "training max stays until the cycle ends".to_owned()
            }
            Progression::Cycle { .. } => format!("new cycle: training max {}", new.training_max),
            _ if new.training_max != old.training_max => format!("next time {}", new.training_max),
            Progression::Linear { deload_after, .. } if *deload_after > 0 && new.misses > 0 => {
                let left = deload_after.saturating_sub(new.misses);
                let s = if left == 1 { "" } else { "es" };
                format!("stays, {left} miss{s} before deload")
            }
            _ => format!("stays at {}", new.training_max),
        };
        out.push(NextTime {
            lift: lift.id.clone(),
            exercise: lift.exercise.clone(),
            message,
        });
    }
    out
}
