//! Writing one sync window's pages to the vault, in batches, with the range they prove.
//!
//! WHOOP returns a window newest first. After each page, everything newer than the page's
//! oldest record (down to the window's start on the last page) is known complete: records
//! WHOOP no longer returns there are deleted, and the collection's covered range grows.
//! Pages are buffered and written together (every second or 40 pages, and always before
//! an error is returned), because each commit of the vault is a durable fsync; the covered
//! range is committed in the same transaction as the records it covers, so a crash at any
//! moment leaves a consistent state that the next sync resumes from.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use rusqlite::{Connection, TransactionBehavior};

use super::WhoopError;
use super::models::{Collection, Page, RecordId};
use super::store::{self, Covered};

/// Most pages buffered before a write.
const MAX_PENDING_PAGES: usize = 40;

/// Longest time fetched pages wait before they are written.
const MAX_PENDING_TIME: Duration = Duration::from_secs(1);

/// One window `[ws, we)` of one collection, being fetched.
#[derive(Debug)]
pub(crate) struct WindowBatch {
    collection: Collection,
    ws: i64,
    we: i64,
    /// Everything in `[upper, we)` is written and proven complete.
    upper: i64,
    /// Where `upper` will be once the pending pages are written (for progress).
    tentative: i64,
    seen: HashSet<RecordId>,
    pending: Vec<Page>,
    last_write: Instant,
    /// Records fetched in this window.
    pub fetched: u32,
    /// Records deleted in this window.
    pub deleted: u32,
}

impl WindowBatch {
    pub fn new(collection: Collection, ws: i64, we: i64) -> Self {
        Self {
            collection,
            ws,
            we,
            upper: we,
            tentative: we,
            seen: HashSet::new(),
            pending: Vec::new(),
            last_write: Instant::now(),
            fetched: 0,
            deleted: 0,
        }
    }

    /// The window, `[start, end)` in UTC ms.
    pub fn bounds(&self) -> (i64, i64) {
        (self.ws, self.we)
    }

    /// How much of the window is done, as a span of milliseconds.
    pub fn done_span(&self) -> i64 {
        self.we - self.tentative
    }

    /// Buffers a fetched page.
    pub fn push(&mut self, page: Page) {
        self.fetched += page.records.len() as u32;
        let lowest = page.records.iter().filter_map(|r| r.start_ms).min();
        self.tentative = match (&page.next_token, lowest) {
            (None, _) => self.ws,
            (Some(_), Some(low)) => low.saturating_add(1).clamp(self.ws, self.tentative),
            (Some(_), None) => self.tentative,
        };
        self.pending.push(page);
    }

    /// Whether the buffered pages should be written now.
    pub fn due(&self) -> bool {
        self.pending.len() >= MAX_PENDING_PAGES || self.last_write.elapsed() >= MAX_PENDING_TIME
    }

    /// Writes every buffered page in one transaction: upserts, deletions, covered range.
    pub fn write(&mut self, conn: &Connection, now: DateTime<Utc>) -> Result<(), WhoopError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        for page in std::mem::take(&mut self.pending) {
            let mut lowest: Option<i64> = None;
            for record in &page.records {
                store::upsert(&tx, record)?;
                let start = match record.start_ms {
                    Some(ms) => Some(ms),
                    None => store::stored_start(&tx, self.collection, &record.id)?,
                };
                lowest = match (lowest, start) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                self.seen.insert(record.id.clone());
            }
            let bottom = match (&page.next_token, lowest) {
                (None, _) => self.ws,
                // Records sharing the oldest start may continue on the next page.
                (Some(_), Some(low)) => low.saturating_add(1),
                (Some(_), None) => self.upper,
            }
            .clamp(self.ws, self.upper);
            self.deleted +=
                store::delete_missing(&tx, self.collection, bottom, self.upper, &self.seen)? as u32;
            self.upper = bottom;
        }
        let current = store::covered(&tx, self.collection)?;
        let new = Covered {
            from_ms: self.upper,
            to_ms: self.we,
        };
        store::set_covered(&tx, self.collection, Some(merge(current, new)), now)?;
        tx.commit()?;
        self.tentative = self.upper;
        self.last_write = Instant::now();
        Ok(())
    }
}

/// Joins two covered ranges when they touch; otherwise keeps the older knowledge.
pub(crate) fn merge(current: Option<Covered>, new: Covered) -> Covered {
    match current {
        None => new,
        Some(cur) if new.from_ms <= cur.to_ms && new.to_ms >= cur.from_ms => Covered {
            from_ms: cur.from_ms.min(new.from_ms),
            to_ms: cur.to_ms.max(new.to_ms),
        },
        Some(cur) => cur,
    }
}
