//! Programs and progression: Ironkeep tells the lifter what to lift today.
//!
//! A program ([`mod@format`]) is declarative data: lifts with progression rules, and weeks of
//! days of prescribed sets. Where the lifter is and every training max are derived
//! ([`state`]) from the program, the sessions finished from it and the lifter's
//! overrides, never kept as counters. [`plan`] turns a day into sets with weights that
//! [`rounding`] makes loadable with the user's bar and plates; [`builtin`] holds the
//! programs that ship with Ironkeep, as data files. [`store`] and [`run`] keep the user's
//! programs and the running one in the vault; [`transfer`] seals a program for an athlete
//! and opens one from a coach.

pub mod builtin;
pub mod changes;
mod error;
pub mod exchange;
pub mod format;
pub mod plan;
pub mod rounding;
pub mod run;
pub mod state;
pub mod store;
pub mod transfer;

pub use changes::{NextTime, next_time};
pub use error::{Problem, ProgramError};
pub use format::{FORMAT_VERSION, Program};
pub use plan::{DayPlan, PlannedExercise, PlannedSet, Planner};
pub use rounding::Loading;
pub use run::{ActiveRun, ExerciseLoading, Finished, Runs, Today};
pub use state::{DoneSet, Event, LiftState, ProgramState};
pub use store::{Programs, Source, StoredProgram};
