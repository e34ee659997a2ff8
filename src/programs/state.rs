//! Where a lifter is in a program, derived: never a stored counter.
//!
//! The state (the next day, the cycle, each lift's training max, misses in a row, stage
//! and rep target) is recomputed from three things: the program, the training maxes it
//! was started with, and the [`Event`]s since, in the order they happened: finished
//! sessions tagged with the program day they came from, training maxes set by hand and
//! skipped days. Editing or deleting a session, or one arriving late from another
//! device, therefore changes the answer the next time it is derived, with no counter to
//! repair. Each finished day is judged against what was prescribed *then*: a lift's
//! session is a success when it has at least the prescribed working sets, each with at
//! least the prescribed reps at no less than the prescribed weight (or within rounding of
//! the rule's weight, so a set loaded with the other unit's plates counts).

use std::collections::BTreeMap;

use serde::Serialize;

use super::error::ProgramError;
use super::format::{Amount, BodyGroup, Program, Progression, Reset};
use super::plan::{PlannedSet, Planner};
use crate::training::records::e1rm_epley;
use crate::training::units::{MAX_KG, Weight};

/// How far below the rule's unrounded weight a set may be and still count: half the
/// step of the standard kg plates (a pair of 1.25 kg), which is more than half the lb
/// plates' step (a pair of 2.5 lb).
const ROUNDING_SLACK_KG: f64 = 1.25;

/// One lift's derived state.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LiftState {
    /// The training max (the working weight for linear, double and stage rules), exact
    /// and in the unit it was set in: rounding happens only when a set is prescribed.
    pub training_max: Weight,
    /// Sessions in a row whose prescription was missed (linear rules).
    pub misses: u32,
    /// The current stage, from 0 (stage rules).
    pub stage: u32,
    /// The current rep target (double progression).
    pub target_reps: u32,
    /// The weight last used in the first stage (stage rules reset from it).
    pub first_stage_weight: Weight,
    /// The best Epley e1RM (kg) of this cycle's AMRAP sets.
    pub cycle_best_e1rm_kg: Option<f64>,
}

/// Where the lifter is.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProgramState {
    /// The next week to train, from 0.
    pub week: u32,
    /// The next day of that week, from 0.
    pub day: u32,
    /// Completed passes through the whole program.
    pub cycle: u32,
    /// Each lift's state, by lift id.
    pub lifts: BTreeMap<String, LiftState>,
}

/// A set the lifter did: done, not a warm-up.
#[derive(Debug, Clone, PartialEq)]
pub struct DoneSet {
    /// The exercise, as the program's lifts name it.
    pub exercise: String,
    /// The weight lifted.
    pub weight: Weight,
    /// The reps done.
    pub reps: u32,
}

/// Something that moves a program's state, in the order it happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A session started from week `week`, day `day` (from 0) was finished with `sets`.
    Finished {
        /// The week, from 0.
        week: u32,
        /// The day, from 0.
        day: u32,
        /// Its done working sets, in the order they were logged.
        sets: Vec<DoneSet>,
    },
    /// The lifter set a training max by hand.
    TrainingMax {
        /// The lift id.
        lift: String,
        /// The new training max.
        weight: Weight,
    },
    /// The lifter skipped week `week`, day `day`.
    Skipped {
        /// The week, from 0.
        week: u32,
        /// The day, from 0.
        day: u32,
    },
}

/// How one lift did in a finished session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Success,
    Miss,
}

impl ProgramState {
    /// The state at the start: week 1, day 1, with these training maxes (every lift needs
    /// one).
    pub fn start(program: &Program, maxes: &BTreeMap<String, Weight>) -> Result<ProgramState, ProgramError> {
        if let Some(extra) = maxes.keys().find(|id| program.lift(id).is_none()) {
            return Err(ProgramError::UnknownLift(extra.clone()));
        }
        let mut lifts = BTreeMap::new();
        for lift in &program.lifts {
            let training_max = *maxes
                .get(&lift.id)
                .ok_or_else(|| ProgramError::MissingTrainingMax(lift.id.clone()))?;
            let target_reps = match lift.progression {
                Progression::Double { min_reps, .. } => min_reps,
                _ => 0,
            };
            lifts.insert(
                lift.id.clone(),
                LiftState {
                    training_max,
                    misses: 0,
                    stage: 0,
                    target_reps,
                    first_stage_weight: training_max,
                    cycle_best_e1rm_kg: None,
                },
            );
        }
        Ok(ProgramState {
            week: 0,
            day: 0,
            cycle: 0,
            lifts,
        })
    }

    /// The state after `events`, from the start.
    pub fn derive(
        planner: &Planner<'_>,
        maxes: &BTreeMap<String, Weight>,
        events: &[Event],
    ) -> Result<ProgramState, ProgramError> {
        let mut state = ProgramState::start(planner.program(), maxes)?;
        for event in events {
            state.apply(planner, event)?;
        }
        Ok(state)
    }

    /// Moves the state by one event. A finished or skipped day that is no longer in the
    /// program (it was edited) and a training max for a lift it no longer has are ignored.
    pub fn apply(&mut self, planner: &Planner<'_>, event: &Event) -> Result<(), ProgramError> {
        let program = planner.program();
        match event {
            Event::TrainingMax { lift, weight } => {
                if let Some(state) = self.lifts.get_mut(lift) {
                    state.training_max = *weight;
                    state.misses = 0;
                    if state.stage == 0 {
                        state.first_stage_weight = *weight;
                    }
                }
            }
            Event::Skipped { week, day } => {
                if day_exists(program, *week, *day) {
                    self.advance(program, *week, *day);
                }
            }
            Event::Finished { week, day, sets } => {
                if !day_exists(program, *week, *day) {
                    return Ok(());
                }
                for (lift_id, judged) in self.judge(planner, *week, *day, sets)? {
                    let Some(lift) = program.lift(&lift_id) else {
                        continue;
                    };
                    let Some(state) = self.lifts.get_mut(&lift_id) else {
                        continue;
                    };
                    if let Some(best) = judged.amrap_best {
                        state.cycle_best_e1rm_kg =
                            Some(state.cycle_best_e1rm_kg.map_or(best, |b| b.max(best)));
                    }
                    progress(state, &lift.progression, lift.group, judged);
                }
                self.advance(program, *week, *day);
            }
        }
        Ok(())
    }

    /// Moves past week `week`, day `day`; past the program's last day a cycle ends.
    fn advance(&mut self, program: &Program, week: u32, day: u32) {
        let days_in_week = program.weeks[week as usize].days.len() as u32;
        if day + 1 < days_in_week {
            (self.week, self.day) = (week, day + 1);
        } else if (week as usize) + 1 < program.weeks.len() {
            (self.week, self.day) = (week + 1, 0);
        } else {
            (self.week, self.day) = (0, 0);
            self.cycle += 1;
            for lift in &program.lifts {
                let Some(state) = self.lifts.get_mut(&lift.id) else {
                    continue;
                };
                if let Progression::Cycle {
                    increment,
                    amrap_tm_percent,
                } = lift.progression
                {
                    let unit = state.training_max.unit();
                    let step = increment.of(lift.group).milli(unit).max(1);
                    let from_amrap = amrap_tm_percent.zip(state.cycle_best_e1rm_kg).map(|(p, kg)| {
                        let milli = (kg / unit.kg_factor() * f64::from(p) * 10.0).floor();
                        milli.clamp(0.0, f64::from(u32::MAX)) as u32 / step * step
                    });
                    let milli = from_amrap.unwrap_or_else(|| {
                        state
                            .training_max
                            .milli()
                            .saturating_add(increment.of(lift.group).milli(unit))
                    });
                    state.training_max = capped(milli, state.training_max);
                }
                state.cycle_best_e1rm_kg = None;
            }
        }
    }

    /// How each lift of the day did against what was prescribed.
    fn judge(
        &self,
        planner: &Planner<'_>,
        week: u32,
        day: u32,
        done: &[DoneSet],
    ) -> Result<BTreeMap<String, Judged>, ProgramError> {
        let program = planner.program();
        let spec = &program.weeks[week as usize].days[day as usize];
        // Which slots each exercise's sets go to: in order, each slot taking as many
        // sets as it prescribes, the last slot of an exercise the rest.
        let mut prescribed: BTreeMap<String, Vec<PlannedSet>> = BTreeMap::new();
        let mut lifted: BTreeMap<String, Vec<&DoneSet>> = BTreeMap::new();
        let mut used: BTreeMap<&str, usize> = BTreeMap::new();
        for (i, slot) in spec.exercises.iter().enumerate() {
            let Some(lift) = program.lift(&slot.lift) else {
                continue;
            };
            let (Some(now), Some(loading)) = (self.lifts.get(&lift.id), planner.loading(&lift.id)) else {
                return Err(ProgramError::MissingTrainingMax(lift.id.clone()));
            };
            let sets = planner.sets(&lift.progression, &slot.sets, now, loading);
            let last_of_exercise = !spec.exercises[i + 1..]
                .iter()
                .any(|s| program.lift(&s.lift).is_some_and(|l| l.exercise == lift.exercise));
            let mine: Vec<&DoneSet> = done.iter().filter(|d| d.exercise == lift.exercise).collect();
            let from = used
                .get(lift.exercise.as_str())
                .copied()
                .unwrap_or(0)
                .min(mine.len());
            let to = if last_of_exercise {
                mine.len()
            } else {
                (from + sets.len()).min(mine.len())
            };
            used.insert(lift.exercise.as_str(), to);
            lifted.entry(lift.id.clone()).or_default().extend(&mine[from..to]);
            prescribed.entry(lift.id.clone()).or_default().extend(sets);
        }
        let mut judged = BTreeMap::new();
        for (id, wanted) in prescribed {
            let got = lifted.remove(&id).unwrap_or_default();
            let Some(lift) = program.lift(&id) else { continue };
            let pairs = || wanted.iter().zip(&got);
            let amrap_best = pairs()
                .filter(|(w, _)| w.amrap)
                .filter_map(|(_, g)| e1rm_epley(g.weight.kg(), g.reps))
                .reduce(f64::max);
            let all_sets = got.len() >= wanted.len();
            // Loaded as prescribed, or within rounding of what the rule asked for (a set
            // loaded with the other unit's plates is rounded differently).
            let slack = planner
                .loading(&id)
                .map_or(0.0, |l| l.step_kg() / 2.0)
                .max(ROUNDING_SLACK_KG)
                + 1e-6;
            let heavy_enough = pairs().all(|(w, g)| {
                let kg = g.weight.kg();
                kg >= w.weight.kg() - 1e-6 || kg + slack >= w.target_kg
            });
            let fewest_reps = if all_sets {
                got.iter().take(wanted.len()).map(|g| g.reps).min().unwrap_or(0)
            } else {
                0
            };
            let reps_met = pairs().all(|(w, g)| g.reps >= w.reps);
            let amrap_met = match lift.progression {
                Progression::Linear {
                    amrap_reps_to_progress: Some(needed),
                    ..
                } => pairs().filter(|(w, _)| w.amrap).all(|(_, g)| g.reps >= needed),
                _ => true,
            };
            let outcome = (!got.is_empty()).then_some(if all_sets && heavy_enough && reps_met && amrap_met {
                Outcome::Success
            } else {
                Outcome::Miss
            });
            judged.insert(
                id,
                Judged {
                    outcome,
                    amrap_best,
                    fewest_reps,
                },
            );
        }
        Ok(judged)
    }
}

/// How one lift did in a finished session.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Judged {
    /// None when none of its sets were done.
    outcome: Option<Outcome>,
    /// The best Epley e1RM (kg) of its AMRAP sets.
    amrap_best: Option<f64>,
    /// The fewest reps of its prescribed sets (0 when some were not done).
    fewest_reps: u32,
}

/// Applies one session's outcome to a lift's state by its rule.
fn progress(state: &mut LiftState, rule: &Progression, group: BodyGroup, judged: Judged) {
    let Some(outcome) = judged.outcome else { return };
    let tm = state.training_max;
    let unit = tm.unit();
    let plus = |amount: Amount| capped(tm.milli().saturating_add(amount.milli(unit)), tm);
    match rule {
        Progression::Linear {
            increment,
            deload_after,
            deload_percent,
            ..
        } => match outcome {
            Outcome::Success => {
                state.training_max = plus(increment.of(group));
                state.misses = 0;
            }
            Outcome::Miss => {
                state.misses += 1;
                if *deload_after > 0 && state.misses >= *deload_after {
                    state.training_max =
                        percent_of(tm, 100 - (*deload_percent).min(100), increment.of(group));
                    state.misses = 0;
                }
            }
        },
        Progression::Double {
            min_reps,
            max_reps,
            increment,
        } => {
            // A success is every set at the rep target or more; the fewest reps decide.
            if outcome == Outcome::Success {
                if judged.fewest_reps >= *max_reps {
                    state.training_max = plus(increment.of(group));
                    state.target_reps = *min_reps;
                } else {
                    state.target_reps = judged.fewest_reps.saturating_add(1).min(*max_reps);
                }
            }
        }
        Progression::Cycle { .. } => {}
        Progression::Stages {
            stages,
            increment,
            reset,
        } => {
            if state.stage == 0 {
                state.first_stage_weight = tm;
            }
            match outcome {
                Outcome::Success => state.training_max = plus(increment.of(group)),
                Outcome::Miss if (state.stage as usize) + 1 < stages.len() => state.stage += 1,
                Outcome::Miss => {
                    state.stage = 0;
                    state.training_max = match reset {
                        Reset::PercentOfFailed(p) => percent_of(tm, *p, increment.of(group)),
                        Reset::FirstStagePlus(amount) => {
                            let base = state.first_stage_weight;
                            let milli = base.milli().saturating_add(amount.milli(base.unit()));
                            capped(milli, base)
                        }
                    };
                    state.first_stage_weight = state.training_max;
                }
            }
        }
    }
}

/// `percent` % of `weight`, in its unit, rounded down to a multiple of `step` (the
/// lift's increment in that unit; to a thousandth when it is 0).
fn percent_of(weight: Weight, percent: u32, step: Amount) -> Weight {
    let step = u64::from(step.milli(weight.unit()).max(1));
    let milli = u64::from(weight.milli()) * u64::from(percent) / 100 / step * step;
    capped(u32::try_from(milli).unwrap_or(u32::MAX), weight)
}

/// A weight of `milli` in `like`'s unit, held at the heaviest weight Ironkeep stores.
fn capped(milli: u32, like: Weight) -> Weight {
    Weight::from_milli(milli, like.unit()).unwrap_or_else(|_| {
        let heaviest = (MAX_KG / like.unit().kg_factor() * 1000.0).floor() as u32;
        Weight::from_milli(heaviest, like.unit()).unwrap_or(like)
    })
}

fn day_exists(program: &Program, week: u32, day: u32) -> bool {
    program
        .weeks
        .get(week as usize)
        .is_some_and(|w| (day as usize) < w.days.len())
}
