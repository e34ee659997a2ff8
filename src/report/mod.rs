//! The weekly report: one week of training and recovery, each figure beside the lifter's
//! own previous four weeks.
//!
//! A week runs Monday to Sunday. Training is placed by the session's start (UTC days, as
//! the weekly volume does); WHOOP figures by their WHOOP day (see
//! [`crate::whoop::cycle_day`]). "The previous four weeks" is the mean of the four weeks
//! before, counting a week with nothing logged as zero for training and leaving days
//! without WHOOP data out of WHOOP means. Journal tags count the days each was ticked, by
//! the user's own dates. It reads only: the CLI's `report week`, the desktop's Report
//! screen and its printable page show what [`week()`] returns.

mod week;

pub use week::{Compared, MuscleWeek, TagWeek, WeekRecord, WeekReport, week};
