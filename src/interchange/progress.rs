//! How an import reports its progress and notices a cancel, for the CSV and JSON
//! importers alike: a report every [`PROGRESS_EVERY`] items and one at the end, each
//! followed by a look at the cancel flag; a cancelled import removes what it wrote
//! (see [`super::runs`]).

use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

/// How far an import has come, for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportProgress {
    /// Set rows written or found already present so far.
    pub rows_done: u32,
    /// Set rows to go through in all (the file's valid set rows).
    pub rows_total: u32,
}

/// How many rows pass between two progress reports (and cancel checks).
pub const PROGRESS_EVERY: usize = 1000;

/// Paces an import's progress: a report every [`PROGRESS_EVERY`] items and one at the
/// end, each followed by a look at the cancel flag. Shared by the CSV and JSON importers.
pub(crate) struct Pace<'a> {
    progress: &'a mut dyn FnMut(ImportProgress),
    cancel: &'a AtomicBool,
    total: u32,
}

impl<'a> Pace<'a> {
    pub fn new(progress: &'a mut dyn FnMut(ImportProgress), cancel: &'a AtomicBool, total: usize) -> Self {
        let total = u32::try_from(total).unwrap_or(u32::MAX);
        Self {
            progress,
            cancel,
            total,
        }
    }

    /// Reports `done` items when it is a multiple of [`PROGRESS_EVERY`]; true once cancelled.
    pub fn at(&mut self, done: usize) -> bool {
        done.is_multiple_of(PROGRESS_EVERY) && self.report(u32::try_from(done).unwrap_or(u32::MAX))
    }

    /// Reports the end; true once cancelled.
    pub fn finish(&mut self) -> bool {
        self.report(self.total)
    }

    fn report(&mut self, done: u32) -> bool {
        (self.progress)(ImportProgress {
            rows_done: done,
            rows_total: self.total,
        });
        self.cancel.load(Ordering::Relaxed)
    }
}
