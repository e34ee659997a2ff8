//! WHOOP workouts matched to lifting sessions: each session with the strain, heart rate,
//! energy and heart-rate zones WHOOP measured while the lifter trained.
//!
//! [`rules`] decides which session a WHOOP workout belongs to, from the two time spans
//! alone. [`refresh`] applies it to the vault: it runs after a WHOOP sync and after a
//! session is finished, edited or imported, and keeps one row per matched workout in
//! `whoop_match` (migration 6), with the workout's figures copied in, so that a match
//! survives WHOOP rescoring or deleting the record. The lifter can confirm a match, move a
//! workout to another session, or undo a match; those decisions are never overridden by
//! the rule. [`for_session`] reads what a session shows.

mod error;
pub mod rules;
mod store;

pub use error::MatchError;
pub use store::{
    Decision, Refreshed, SessionEffort, WorkoutCandidate, assign, candidates, check_restored, confirm,
    for_session, refresh, refresh_around, reject, restore,
};
