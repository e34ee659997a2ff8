//! Prescriptions: a program day with its weights, as the lifter will load them.
//!
//! A [`Planner`] holds a program and how each of its lifts is rounded (see
//! [`Loading`]); given the derived [`ProgramState`] it turns a day's set specifications
//! into sets with weights: a percentage of the training max, a fixed amount in the
//! user's unit, or an RPE/RIR target (the training max taken as a one-rep max and the
//! app's Epley formula inverted for reps + reps in reserve, RIR = 10 − RPE). A stage
//! lift's sets come from its current stage, a double-progression lift's reps from its rep
//! target. Barbell lifts marked for it get the logger's warm-up ramp before the first
//! working set.

use std::collections::BTreeMap;

use serde::Serialize;

use super::error::ProgramError;
use super::format::{Load, Program, Progression, SetSpec};
use super::rounding::Loading;
use super::state::{LiftState, ProgramState};
use crate::training::plates::PlateSet;
use crate::training::records::e1rm_epley;
use crate::training::units::Weight;
use crate::training::warmup;

/// One prescribed set.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlannedSet {
    /// The weight, rounded to what loads, in the user's unit.
    pub weight: Weight,
    /// Reps (at least this many for an AMRAP set).
    pub reps: u32,
    /// As many reps as possible (`5+`).
    pub amrap: bool,
    /// The weight the rule asked for before rounding, in kg (why the weight is what it
    /// is; a set loaded in the other unit is judged against it).
    pub target_kg: f64,
}

/// One exercise of a planned day.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlannedExercise {
    /// The program's lift id.
    pub lift: String,
    /// The exercise (catalog slug or name, as the program states it).
    pub exercise: String,
    /// Warm-ups before the first working set (planned, not counted).
    pub warmups: Vec<PlannedSet>,
    /// The working sets.
    pub sets: Vec<PlannedSet>,
    /// The lift's training max now.
    pub training_max: Weight,
}

/// A program day with its weights.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct DayPlan {
    /// The week, from 1.
    pub week: u32,
    /// The day of the week, from 1.
    pub day: u32,
    /// The cycle (times through the whole program), from 1.
    pub cycle: u32,
    /// The day's name.
    pub name: String,
    /// Its exercises.
    pub exercises: Vec<PlannedExercise>,
}

/// A program with the rounding of each of its lifts.
#[derive(Debug, Clone)]
pub struct Planner<'p> {
    program: &'p Program,
    loadings: BTreeMap<String, Loading>,
}

impl<'p> Planner<'p> {
    /// Plans `program`; `loadings` must hold every lift's rounding, by lift id.
    pub fn new(
        program: &'p Program,
        loadings: BTreeMap<String, Loading>,
    ) -> Result<Planner<'p>, ProgramError> {
        if let Some(lift) = program.lifts.iter().find(|l| !loadings.contains_key(&l.id)) {
            return Err(ProgramError::invalid(
                format!("lift {}", lift.id),
                "has no rounding (internal: every lift needs one)",
            ));
        }
        Ok(Planner { program, loadings })
    }

    /// The program.
    pub fn program(&self) -> &'p Program {
        self.program
    }

    /// The next day to train, with its weights.
    pub fn next(&self, state: &ProgramState) -> Result<DayPlan, ProgramError> {
        self.day(state, state.week, state.day)
    }

    /// Week `week`, day `day` (from 0) with the weights `state` gives.
    pub fn day(&self, state: &ProgramState, week: u32, day: u32) -> Result<DayPlan, ProgramError> {
        let spec = self
            .program
            .weeks
            .get(week as usize)
            .and_then(|w| w.days.get(day as usize))
            .ok_or_else(|| {
                ProgramError::invalid(
                    format!("week {} day {}", week + 1, day + 1),
                    "is not in the program",
                )
            })?;
        let mut exercises = Vec::with_capacity(spec.exercises.len());
        for slot in &spec.exercises {
            let lift = self.program.find_lift(&slot.lift)?;
            let now = state
                .lifts
                .get(&lift.id)
                .ok_or_else(|| ProgramError::MissingTrainingMax(lift.id.clone()))?;
            let loading = &self.loadings[&lift.id];
            let sets = self.sets(&lift.progression, &slot.sets, now, loading);
            let warmups = match (slot.warmup, loading.plates(), sets.first()) {
                (true, Some(plates), Some(first)) => warmups(first.weight, plates, loading),
                _ => Vec::new(),
            };
            exercises.push(PlannedExercise {
                lift: lift.id.clone(),
                exercise: lift.exercise.clone(),
                warmups,
                sets,
                training_max: now.training_max,
            });
        }
        Ok(DayPlan {
            week: week + 1,
            day: day + 1,
            cycle: state.cycle + 1,
            name: spec.name.clone(),
            exercises,
        })
    }

    /// The working sets of one slot.
    pub(crate) fn sets(
        &self,
        rule: &Progression,
        specs: &[SetSpec],
        now: &LiftState,
        loading: &Loading,
    ) -> Vec<PlannedSet> {
        let tm_kg = now.training_max.kg();
        if let Progression::Stages { stages, .. } = rule {
            let stage = stages[(now.stage as usize).min(stages.len() - 1)];
            let weight = loading.round_kg(tm_kg);
            return (0..stage.sets)
                .map(|i| PlannedSet {
                    weight,
                    reps: stage.reps,
                    amrap: stage.amrap_last && i + 1 == stage.sets,
                    target_kg: tm_kg,
                })
                .collect();
        }
        let mut sets = Vec::new();
        for spec in specs {
            let reps = spec.reps.unwrap_or(now.target_reps);
            let kg = match spec.load {
                Load::Percent(p) => tm_kg * p / 100.0,
                Load::Fixed(amount) => {
                    f64::from(amount.milli(loading.unit())) / 1000.0 * loading.unit().kg_factor()
                }
                Load::Rpe(rpe) => tm_kg / epley_factor(f64::from(reps) + 10.0 - rpe),
                Load::Rir(rir) => tm_kg / epley_factor(f64::from(reps) + rir),
            };
            let weight = loading.round_kg(kg);
            for _ in 0..spec.count {
                sets.push(PlannedSet {
                    weight,
                    reps,
                    amrap: spec.amrap,
                    target_kg: kg,
                });
            }
        }
        sets
    }

    pub(crate) fn loading(&self, lift: &str) -> Option<&Loading> {
        self.loadings.get(lift)
    }
}

/// The logger's warm-up ramp to `working`, each step rounded to what `loading` can load
/// (the ramp rounds to a pair of the lightest plate, which an unusual plate set may not
/// make), keeping only steps that climb and stay below the working weight.
fn warmups(working: Weight, plates: &PlateSet, loading: &Loading) -> Vec<PlannedSet> {
    let mut out: Vec<PlannedSet> = Vec::new();
    for step in warmup::ramp(working, plates).unwrap_or_default() {
        let weight = loading.round_kg(step.weight.kg());
        let climbs = out.last().is_none_or(|last| weight.milli() > last.weight.milli());
        if climbs && weight.milli() < working.milli() {
            out.push(PlannedSet {
                weight,
                reps: step.reps,
                amrap: false,
                target_kg: step.weight.kg(),
            });
        }
    }
    out
}

/// How many times a one-rep max a weight lifted for `reps` (whole or half) is, by the
/// app's Epley formula ([`e1rm_epley`]), between whole rep counts linearly.
pub fn epley_factor(reps: f64) -> f64 {
    let reps = reps.clamp(1.0, 12.0);
    let low = reps.floor() as u32;
    let high = reps.ceil() as u32;
    let at = |r: u32| e1rm_epley(1.0, r).unwrap_or(1.0);
    at(low) + (at(high) - at(low)) * (reps - f64::from(low))
}

#[cfg(test)]
mod tests {
    use super::epley_factor;
    use crate::training::records::e1rm_epley;

    #[test]
    fn the_rpe_weight_is_epley_inverted() {
        for reps in 1..=12 {
            let weight = 100.0 / epley_factor(f64::from(reps));
            let back = e1rm_epley(weight, reps).unwrap();
            assert!((back - 100.0).abs() < 1e-9, "{reps} reps: {back}");
        }
        // 5 reps at RPE 8 is 7 reps' worth: 100 / (1 + 7/30).
        assert!((100.0 / epley_factor(5.0 + 2.0) - 81.081).abs() < 1e-3);
    }
}
