//! The program format: a training program as declarative, versioned JSON data.
//!
//! A program is a list of lifts (each a catalog exercise with a progression rule) and
//! weeks of days, each day a list of prescribed exercises. Nothing in it is code: the
//! rules are a closed set of shapes ([`Progression`]) that the core evaluates. Amounts are
//! unit-agnostic pairs (`{"kg": 2.5, "lb": 5}`) so one program serves a kg gym and an lb
//! gym. A document is parsed strictly (unknown fields are refused) and bounded in size,
//! counts and ranges by [`Program::parse`], because a coach's file is untrusted input.
//! `docs/programs.md` documents the shape for people writing programs by hand.

use serde::{Deserialize, Serialize};

use super::error::{Problem, ProgramError, tidy_message};
use crate::training::Unit;
use crate::training::records::E1RM_MAX_REPS;

/// The format version this Ironkeep writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest program document, in bytes.
pub const MAX_BYTES: usize = 256 * 1024;
/// At most this many lifts in a program.
pub const MAX_LIFTS: usize = 32;
/// At most this many weeks in a program.
pub const MAX_WEEKS: usize = 16;
/// At most this many days in a week.
pub const MAX_DAYS: usize = 7;
/// At most this many exercises in a day.
pub const MAX_EXERCISES: usize = 16;
/// At most this many working sets for one exercise of a day.
pub const MAX_SETS: u32 = 30;
/// At most this many failure stages.
pub const MAX_STAGES: usize = 6;
/// The most reps a prescribed set asks for.
pub const MAX_REPS: u32 = 100;

/// A training program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Program {
    /// The format version ([`FORMAT_VERSION`]).
    pub version: u32,
    /// The program's name.
    pub name: String,
    /// Who wrote it, as the document states (never verified).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// A few sentences on what it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The percentage of a lift's estimated one-rep max that makes its starting training
    /// max (90 for 5/3/1); 100 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub training_max_percent: Option<u32>,
    /// The lifts and how each progresses.
    pub lifts: Vec<Lift>,
    /// The weeks, in order; after the last week the program starts over (a new cycle).
    pub weeks: Vec<Week>,
}

/// One lift of a program: a catalog exercise with its own training max and rule. The same
/// exercise can be two lifts (GZCLP's squat as tier 1 and as tier 2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Lift {
    /// The lift's id inside the program (`squat`, `squat-t2`): lowercase letters, digits,
    /// `-` and `_`.
    pub id: String,
    /// The exercise: a catalog slug (`squat-barbell`) or an exercise's name.
    pub exercise: String,
    /// Upper or lower body, for rules that add different amounts to each.
    pub group: BodyGroup,
    /// How its training max moves.
    pub progression: Progression,
}

/// Upper or lower body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum BodyGroup {
    /// Presses, rows, pulls, arms.
    Upper,
    /// Squats, deadlifts, legs.
    Lower,
}

/// A weight given for both units, so a program works in either: `{"kg": 2.5, "lb": 5}`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// In kilograms (at most three decimals, 0 to 100).
    pub kg: f64,
    /// In pounds (at most three decimals, 0 to 220).
    pub lb: f64,
}

impl Amount {
    /// Thousandths of `unit` (the document is checked, so this is exact).
    pub fn milli(self, unit: Unit) -> u32 {
        let value = match unit {
            Unit::Kg => self.kg,
            Unit::Lb => self.lb,
        };
        (value * 1000.0).round().clamp(0.0, f64::from(u32::MAX)) as u32
    }
}

/// An amount for upper-body lifts and one for lower-body lifts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct ByGroup {
    /// For upper-body lifts.
    pub upper: Amount,
    /// For lower-body lifts.
    pub lower: Amount,
}

impl ByGroup {
    /// The amount for `group`.
    pub fn of(self, group: BodyGroup) -> Amount {
        match group {
            BodyGroup::Upper => self.upper,
            BodyGroup::Lower => self.lower,
        }
    }
}

/// How a lift's training max moves; evaluated each time a session of the program is
/// finished (and, for [`Progression::Cycle`], when the last day of the last week is).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Progression {
    /// Add `increment` after a session where every set met its reps; repeat the weight
    /// after a miss; after `deload_after` misses in a row (0: never) take
    /// `deload_percent` % off. With `amrap_reps_to_progress`, success means the AMRAP set
    /// reached that many reps (GZCLP's tier 3: 25).
    Linear {
        /// Added after a success.
        increment: ByGroup,
        /// Misses in a row that trigger a deload (0: never).
        #[serde(default)]
        deload_after: u32,
        /// How much a deload takes off, in percent.
        #[serde(default)]
        deload_percent: u32,
        /// Reps the AMRAP set must reach for a success, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amrap_reps_to_progress: Option<u32>,
    },
    /// Work up a rep range at one weight (one rep more on every set after a success);
    /// when every set reached `max_reps`, add `increment` and return to `min_reps`.
    Double {
        /// The bottom of the range.
        min_reps: u32,
        /// The top of the range.
        max_reps: u32,
        /// Added when the top is reached.
        increment: ByGroup,
    },
    /// Raise the training max once per cycle (after the last week's last day); with
    /// `amrap_tm_percent`, the next training max is that percentage of the best Epley
    /// e1RM of the cycle's AMRAP sets instead.
    Cycle {
        /// Added per cycle.
        increment: ByGroup,
        /// Sets the next training max from the cycle's AMRAP sets, when given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amrap_tm_percent: Option<u32>,
    },
    /// A set scheme per stage (GZCLP: 5×3+, 6×2+, 10×1+). A success adds `increment` and
    /// keeps the stage; a miss moves to the next stage at the same weight; a miss in the
    /// last stage returns to the first at the weight `reset` gives.
    Stages {
        /// The stages, first to last.
        stages: Vec<Stage>,
        /// Added after a success.
        increment: ByGroup,
        /// The weight to start over with after the last stage was missed.
        reset: Reset,
    },
}

impl Progression {
    /// What the rule adds, by body group.
    pub fn increment(&self) -> ByGroup {
        match self {
            Progression::Linear { increment, .. }
            | Progression::Double { increment, .. }
            | Progression::Cycle { increment, .. }
            | Progression::Stages { increment, .. } => *increment,
        }
    }

    fn increment_mut(&mut self) -> &mut ByGroup {
        match self {
            Progression::Linear { increment, .. }
            | Progression::Double { increment, .. }
            | Progression::Cycle { increment, .. }
            | Progression::Stages { increment, .. } => increment,
        }
    }
}

/// One stage's sets: `sets` × `reps`, the last one AMRAP when `amrap_last`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// How many sets.
    pub sets: u32,
    /// Reps per set.
    pub reps: u32,
    /// Whether the last set is as many reps as possible.
    #[serde(default)]
    pub amrap_last: bool,
}

/// Where a [`Progression::Stages`] lift starts over.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Reset {
    /// This percentage of the weight of the missed session.
    PercentOfFailed(u32),
    /// The weight last used in the first stage, plus this.
    FirstStagePlus(Amount),
}

/// One week of a program.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Week {
    /// Its days, in order.
    pub days: Vec<Day>,
}

/// One training day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Day {
    /// Its name ("Day 1", "Heavy squat").
    pub name: String,
    /// The exercises, in order.
    pub exercises: Vec<Slot>,
}

/// One exercise of a day: a lift and its prescribed sets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct Slot {
    /// The lift's id.
    pub lift: String,
    /// Whether to ramp up to the first working set (see `training::warmup`).
    #[serde(default)]
    pub warmup: bool,
    /// The working sets. Empty for a [`Progression::Stages`] lift (its stage gives them);
    /// a [`Progression::Double`] lift's sets leave out `reps` (its rep target gives them).
    #[serde(default)]
    pub sets: Vec<SetSpec>,
}

/// One or more identical prescribed sets.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(deny_unknown_fields)]
pub struct SetSpec {
    /// How many such sets (1 when absent).
    #[serde(default = "one")]
    pub count: u32,
    /// Reps per set (absent only for a double-progression lift).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reps: Option<u32>,
    /// As many reps as possible, at least `reps` (`5+`).
    #[serde(default)]
    pub amrap: bool,
    /// The weight.
    pub load: Load,
}

fn one() -> u32 {
    1
}

/// How a set's weight is found.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Load {
    /// A percentage of the lift's training max.
    Percent(f64),
    /// A fixed weight.
    Fixed(Amount),
    /// The weight that leaves this RPE: the training max as a one-rep max, Epley inverted
    /// for reps + (10 − RPE).
    Rpe(f64),
    /// The weight that leaves this many reps in reserve (Epley inverted for reps + RIR).
    Rir(f64),
}

impl Program {
    /// Parses and checks a program document (untrusted: bounded, strict, versioned).
    pub fn parse(bytes: &[u8]) -> Result<Program, ProgramError> {
        if bytes.len() > MAX_BYTES {
            return Err(ProgramError::TooLarge { max: MAX_BYTES });
        }
        #[derive(Deserialize)]
        struct Versioned {
            version: Option<serde_json::Value>,
        }
        let versioned: Versioned =
            serde_json::from_slice(bytes).map_err(|e| ProgramError::Syntax(tidy_message(&e.to_string())))?;
        match versioned.version.as_ref().and_then(serde_json::Value::as_u64) {
            Some(v) if v == u64::from(FORMAT_VERSION) => {}
            Some(found) => {
                return Err(ProgramError::UnsupportedVersion {
                    found,
                    supported: FORMAT_VERSION,
                });
            }
            None => {
                return Err(ProgramError::invalid(
                    "version",
                    "is missing or not a whole number",
                ));
            }
        }
        let program: Program =
            serde_json::from_slice(bytes).map_err(|e| ProgramError::Syntax(tidy_message(&e.to_string())))?;
        program.check()?;
        Ok(program)
    }

    /// The document as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The lift with this id.
    pub fn lift(&self, id: &str) -> Option<&Lift> {
        self.lifts.iter().find(|lift| lift.id == id)
    }

    /// Finds a lift by its id, or by its exercise, ignoring case (`squat`, `Squat-Barbell`).
    pub fn find_lift(&self, text: &str) -> Result<&Lift, ProgramError> {
        let key = text.trim().to_lowercase();
        self.lifts
            .iter()
            .find(|lift| lift.id == key)
            .or_else(|| {
                let mut by_exercise = self.lifts.iter().filter(|l| l.exercise.to_lowercase() == key);
                let first = by_exercise.next();
                // An exercise that is two lifts (tier 1 and tier 2) must be named by id.
                first.filter(|_| by_exercise.next().is_none())
            })
            .ok_or_else(|| ProgramError::UnknownLift(tidy_message(text)))
    }

    /// What lift `id`'s rule adds to it (its group's increment), in `unit`.
    pub fn increment(&self, id: &str, unit: Unit) -> Result<crate::training::Weight, ProgramError> {
        let lift = self.find_lift(id)?;
        let milli = lift.progression.increment().of(lift.group).milli(unit);
        Ok(crate::training::Weight::from_milli(milli, unit)?)
    }

    /// Sets what lift `id`'s rule adds to it, in the weight's unit (the other unit's
    /// amount is left as written); [`Program::check`] then bounds it like any document.
    pub fn set_increment(&mut self, id: &str, weight: crate::training::Weight) -> Result<(), ProgramError> {
        let id = self.find_lift(id)?.id.clone();
        let lift = self
            .lifts
            .iter_mut()
            .find(|l| l.id == id)
            .ok_or_else(|| ProgramError::UnknownLift(tidy_message(&id)))?;
        let amounts = lift.progression.increment_mut();
        let amount = match lift.group {
            BodyGroup::Upper => &mut amounts.upper,
            BodyGroup::Lower => &mut amounts.lower,
        };
        let value = f64::from(weight.milli()) / 1000.0;
        match weight.unit() {
            Unit::Kg => amount.kg = value,
            Unit::Lb => amount.lb = value,
        }
        Ok(())
    }

    /// The number of days in the whole program (all weeks).
    pub fn day_count(&self) -> usize {
        self.weeks.iter().map(|w| w.days.len()).sum()
    }

    /// Checks every bound and reference; [`Program::parse`] calls it. Every part of the
    /// document is checked, so one error lists all the problems (one per field group):
    /// [`ProgramError::Invalid`] for one, [`ProgramError::Problems`] for more.
    pub fn check(&self) -> Result<(), ProgramError> {
        if self.version != FORMAT_VERSION {
            return Err(ProgramError::UnsupportedVersion {
                found: u64::from(self.version),
                supported: FORMAT_VERSION,
            });
        }
        let mut found = Problems::default();
        found.note(check_text("name", &self.name, 1, 80));
        if let Some(author) = &self.author {
            found.note(check_text("author", author, 1, 80));
        }
        if let Some(description) = &self.description {
            found.note(check_text("description", description, 0, 2000));
        }
        if let Some(p) = self.training_max_percent {
            found.note(check_range("training_max_percent", f64::from(p), 50.0, 100.0));
        }
        if self.lifts.is_empty() || self.lifts.len() > MAX_LIFTS {
            found.note(Err(ProgramError::invalid("lifts", "give 1 to 32 lifts")));
        }
        for (i, lift) in self.lifts.iter().enumerate().take(MAX_LIFTS) {
            let at = format!("lifts[{i}]");
            found.note(check_id(&format!("{at}.id"), &lift.id));
            if self.lifts[..i].iter().any(|other| other.id == lift.id) {
                found.note(Err(ProgramError::invalid(
                    format!("{at}.id"),
                    "is used by another lift",
                )));
            }
            found.note(check_text(&format!("{at}.exercise"), &lift.exercise, 1, 80));
            found.note(check_progression(&format!("{at}.progression"), &lift.progression));
        }
        if self.weeks.is_empty() || self.weeks.len() > MAX_WEEKS {
            found.note(Err(ProgramError::invalid("weeks", "give 1 to 16 weeks")));
        }
        for (w, week) in self.weeks.iter().enumerate().take(MAX_WEEKS) {
            if week.days.is_empty() || week.days.len() > MAX_DAYS {
                found.note(Err(ProgramError::invalid(
                    format!("weeks[{w}].days"),
                    "give 1 to 7 days",
                )));
            }
            for (d, day) in week.days.iter().enumerate().take(MAX_DAYS) {
                let at = format!("weeks[{w}].days[{d}]");
                found.note(check_text(&format!("{at}.name"), &day.name, 1, 80));
                if day.exercises.is_empty() || day.exercises.len() > MAX_EXERCISES {
                    found.note(Err(ProgramError::invalid(
                        format!("{at}.exercises"),
                        "give 1 to 16 exercises",
                    )));
                }
                for (s, slot) in day.exercises.iter().enumerate().take(MAX_EXERCISES) {
                    found.note(self.check_slot(&format!("{at}.exercises[{s}]"), slot));
                }
            }
        }
        found.into_result()
    }

    fn check_slot(&self, at: &str, slot: &Slot) -> Result<(), ProgramError> {
        let lift = self
            .lift(&slot.lift)
            .ok_or_else(|| ProgramError::invalid(format!("{at}.lift"), "names no lift of the program"))?;
        let staged = matches!(lift.progression, Progression::Stages { .. });
        let double = matches!(lift.progression, Progression::Double { .. });
        if staged != slot.sets.is_empty() {
            return Err(ProgramError::invalid(
                format!("{at}.sets"),
                "must be empty exactly when the lift's rule has stages",
            ));
        }
        let mut total = 0u32;
        for (i, set) in slot.sets.iter().enumerate() {
            let at = format!("{at}.sets[{i}]");
            check_range(
                &format!("{at}.count"),
                f64::from(set.count),
                1.0,
                f64::from(MAX_SETS),
            )?;
            total = total.saturating_add(set.count);
            match (double, set.reps) {
                (true, Some(_)) => {
                    return Err(ProgramError::invalid(
                        format!("{at}.reps"),
                        "must be left out: a double-progression lift's rep target gives it",
                    ));
                }
                (false, None) => return Err(ProgramError::invalid(format!("{at}.reps"), "is missing")),
                (_, Some(reps)) => {
                    check_range(&format!("{at}.reps"), f64::from(reps), 1.0, f64::from(MAX_REPS))?
                }
                (true, None) => {}
            }
            check_load(&format!("{at}.load"), set.load, set.reps.unwrap_or(1))?;
        }
        if total > MAX_SETS {
            return Err(ProgramError::invalid(
                format!("{at}.sets"),
                "at most 30 working sets",
            ));
        }
        Ok(())
    }
}

fn check_load(at: &str, load: Load, reps: u32) -> Result<(), ProgramError> {
    let reserve = match load {
        Load::Percent(p) => return check_decimal(at, p, 1.0, 200.0, 1),
        Load::Fixed(amount) => return check_amount(at, amount),
        Load::Rpe(rpe) => {
            check_decimal(at, rpe, 5.0, 10.0, 1)?;
            if (rpe * 2.0).fract() != 0.0 {
                return Err(ProgramError::invalid(at, "an RPE goes in steps of 0.5"));
            }
            10.0 - rpe
        }
        Load::Rir(rir) => {
            check_decimal(at, rir, 0.0, 5.0, 1)?;
            if (rir * 2.0).fract() != 0.0 {
                return Err(ProgramError::invalid(at, "reps in reserve go in steps of 0.5"));
            }
            rir
        }
    };
    if f64::from(reps) + reserve > f64::from(E1RM_MAX_REPS) {
        return Err(ProgramError::invalid(
            at,
            "reps plus reps in reserve must be at most 12 (where Epley's estimate holds)",
        ));
    }
    Ok(())
}

fn check_progression(at: &str, rule: &Progression) -> Result<(), ProgramError> {
    match rule {
        Progression::Linear {
            increment,
            deload_after,
            deload_percent,
            amrap_reps_to_progress,
        } => {
            check_by_group(&format!("{at}.increment"), *increment)?;
            check_range(&format!("{at}.deload_after"), f64::from(*deload_after), 0.0, 20.0)?;
            check_range(
                &format!("{at}.deload_percent"),
                f64::from(*deload_percent),
                0.0,
                90.0,
            )?;
            if let Some(reps) = amrap_reps_to_progress {
                check_range(
                    &format!("{at}.amrap_reps_to_progress"),
                    f64::from(*reps),
                    1.0,
                    200.0,
                )?;
            }
        }
        Progression::Double {
            min_reps,
            max_reps,
            increment,
        } => {
            check_range(
                &format!("{at}.min_reps"),
                f64::from(*min_reps),
                1.0,
                f64::from(MAX_REPS),
            )?;
            check_range(
                &format!("{at}.max_reps"),
                f64::from(*max_reps),
                f64::from(*min_reps),
                f64::from(MAX_REPS),
            )?;
            check_by_group(&format!("{at}.increment"), *increment)?;
        }
        Progression::Cycle {
            increment,
            amrap_tm_percent,
        } => {
            check_by_group(&format!("{at}.increment"), *increment)?;
            if let Some(p) = amrap_tm_percent {
                check_range(&format!("{at}.amrap_tm_percent"), f64::from(*p), 50.0, 100.0)?;
            }
        }
        Progression::Stages {
            stages,
            increment,
            reset,
        } => {
            if stages.is_empty() || stages.len() > MAX_STAGES {
                return Err(ProgramError::invalid(
                    format!("{at}.stages"),
                    "give 1 to 6 stages",
                ));
            }
            for (i, stage) in stages.iter().enumerate() {
                let at = format!("{at}.stages[{i}]");
                check_range(
                    &format!("{at}.sets"),
                    f64::from(stage.sets),
                    1.0,
                    f64::from(MAX_SETS),
                )?;
                check_range(
                    &format!("{at}.reps"),
                    f64::from(stage.reps),
                    1.0,
                    f64::from(MAX_REPS),
                )?;
            }
            check_by_group(&format!("{at}.increment"), *increment)?;
            match reset {
                Reset::PercentOfFailed(p) => {
                    check_range(
                        &format!("{at}.reset.percent_of_failed"),
                        f64::from(*p),
                        10.0,
                        100.0,
                    )?;
                }
                Reset::FirstStagePlus(amount) => {
                    check_amount(&format!("{at}.reset.first_stage_plus"), *amount)?
                }
            }
        }
    }
    Ok(())
}

fn check_by_group(at: &str, amounts: ByGroup) -> Result<(), ProgramError> {
    check_amount(&format!("{at}.upper"), amounts.upper)?;
    check_amount(&format!("{at}.lower"), amounts.lower)
}

fn check_amount(at: &str, amount: Amount) -> Result<(), ProgramError> {
    check_decimal(&format!("{at}.kg"), amount.kg, 0.0, 100.0, 3)?;
    check_decimal(&format!("{at}.lb"), amount.lb, 0.0, 220.0, 3)
}

/// A finite number in `min..=max` with at most `decimals` decimals.
fn check_decimal(at: &str, value: f64, min: f64, max: f64, decimals: i32) -> Result<(), ProgramError> {
    check_range(at, value, min, max)?;
    let scaled = value * 10f64.powi(decimals);
    if (scaled - scaled.round()).abs() > 1e-6 {
        return Err(ProgramError::invalid(at, "has too many decimals"));
    }
    Ok(())
}

fn check_range(at: &str, value: f64, min: f64, max: f64) -> Result<(), ProgramError> {
    if !value.is_finite() || value < min || value > max {
        return Err(ProgramError::invalid(
            at,
            "is out of range (see docs/programs.md)",
        ));
    }
    Ok(())
}

fn check_text(at: &str, text: &str, min: usize, max: usize) -> Result<(), ProgramError> {
    let len = text.trim().chars().count();
    if len < min || text.chars().count() > max {
        return Err(ProgramError::invalid(at, "is empty or too long"));
    }
    if text.chars().any(|c| c.is_control() && c != '\n') {
        return Err(ProgramError::invalid(at, "contains control characters"));
    }
    Ok(())
}

fn check_id(at: &str, id: &str) -> Result<(), ProgramError> {
    let ok = (1..=40).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(ProgramError::invalid(
            at,
            "must be 1 to 40 lowercase letters, digits, `-` or `_`",
        ))
    }
}

/// The problems found while checking a document, in document order.
#[derive(Default)]
struct Problems {
    found: Vec<Problem>,
    other: Option<ProgramError>,
}

impl Problems {
    fn note(&mut self, checked: Result<(), ProgramError>) {
        match checked {
            Ok(()) => {}
            Err(ProgramError::Invalid { at, reason }) => self.found.push(Problem { at, reason }),
            Err(other) => {
                self.other.get_or_insert(other);
            }
        }
    }

    fn into_result(mut self) -> Result<(), ProgramError> {
        if let Some(other) = self.other {
            return Err(other);
        }
        match self.found.len() {
            0 => Ok(()),
            1 => {
                let Problem { at, reason } = self.found.remove(0);
                Err(ProgramError::Invalid { at, reason })
            }
            _ => Err(ProgramError::Problems(self.found)),
        }
    }
}
