//! The private journal: what the user did each day (tags ticked, a short note), and what
//! the next day's WHOOP recovery says about it.
//!
//! WHOOP's own Journal is not in its API, so no WHOOP client offers one offline; Ironkeep
//! holds both sides. An entry belongs to a local calendar day (`YYYY-MM-DD`, the user's
//! own date, not UTC). Tags are the eight built-in ones plus the user's own ([`tags`]);
//! entries are read and written through [`Journal`] ([`entries`]); [`compare`](mod@compare) sets the
//! days after a tag against the days without it. Every input is checked here, and
//! a refused one changes nothing.

pub mod compare;
pub mod entries;
mod error;
pub mod tags;

pub use compare::{JournalInsights, MIN_DAYS, Metric, MetricComparison, TagComparison, Verdict, compare};
pub use entries::{Journal, JournalEntry, MAX_NOTE, parse_day};
pub use error::JournalError;
pub use tags::{BUILT_IN, JournalTag, MAX_OWN_TAGS, MAX_TAG, OwnTag, Tags, tag_key};
