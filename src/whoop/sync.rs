//! The sync engine: every WHOOP collection into the vault, resumable from time.
//!
//! Timed collections are read newest first in one window per gap, 25 records a page, so a
//! backfill costs the fewest requests the page size allows. Each page is committed with
//! the range it proves complete (everything after its oldest record, down to the window's
//! start on the last page): records WHOOP no longer returns there are deleted, and the
//! collection's covered range grows. An interrupted sync therefore resumes from time, never
//! from a stored `nextToken`. Later syncs re-read a trailing window (rescored records) and
//! whatever older span is still uncovered. A first sync reads the newest three days of every
//! timed collection before any backfill, so today's figures arrive within seconds.

use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{DateTime, Duration, SecondsFormat, TimeZone, Utc};
use secrecy::ExposeSecret;
use serde::Serialize;
use url::Url;

use super::http::{Attempt, RetryPolicy, Transport};
use super::models::{self, Collection, ParseError};
use super::store;
use super::tokens::Auth;
use super::window::WindowBatch;
use super::{WhoopBase, WhoopError};
use crate::vault::Vault;

/// Page size: WHOOP's maximum.
pub const PAGE_SIZE: u32 = 25;

/// Most pages read from one window (a quarter of a million records): a guard against a
/// server that never stops paginating.
pub const MAX_PAGES_PER_WINDOW: u32 = 10_000;

/// How a sync behaves. [`SyncOptions::new`] is what users get.
#[derive(Debug, Clone)]
pub struct SyncOptions {
    /// Retries, backoff and timeouts (tests pass tiny ones).
    pub policy: RetryPolicy,
    /// How far back each incremental sync re-reads, to catch rescored records.
    pub trailing: Duration,
}

impl SyncOptions {
    /// Defaults: [`RetryPolicy::default`] and a 7-day trailing window.
    pub fn new() -> Self {
        Self {
            policy: RetryPolicy::default(),
            trailing: Duration::days(7),
        }
    }
}

impl Default for SyncOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// Progress of one collection, for a progress bar or a desktop event.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Progress {
    /// The collection.
    pub collection: Collection,
    /// Records fetched so far in this run (u32: crosses IPC as a plain number).
    pub fetched: u32,
    /// How much of the time span this run must cover is done, 0.0 to 1.0.
    pub fraction: f64,
    /// Whether the collection is finished.
    pub done: bool,
    /// Whether the newest days of every timed collection are in the vault (a first sync
    /// reads them before the backfill), so today's figures can be shown.
    pub newest_in: bool,
}

/// What one collection's sync did.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CollectionReport {
    /// The collection.
    pub collection: Collection,
    /// Records fetched (and upserted).
    pub fetched: u32,
    /// Records deleted because WHOOP no longer returns them.
    pub deleted: u32,
    /// Requests sent for it (including retries and refreshes).
    pub requests: u32,
}

/// What a whole sync did.
#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct SyncReport {
    /// One entry per collection, in sync order.
    pub collections: Vec<CollectionReport>,
    /// Requests sent in all.
    pub requests: u32,
    /// What matching the workouts to lifting sessions changed.
    pub matches: crate::matching::Refreshed,
}

/// The earliest time a backfill asks for (WHOOP's first members joined after it).
pub fn history_start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2012, 1, 1, 0, 0, 0).unwrap()
}

struct Run<'a> {
    vault: &'a Vault,
    transport: Transport,
    auth: Auth,
    now: DateTime<Utc>,
    cancel: &'a AtomicBool,
    newest_in: bool,
}

/// How far back a first sync reads every timed collection before the backfill.
const NEWEST: Duration = Duration::days(3);

/// Syncs every collection. Stops at the first collection that fails, keeping what was
/// fetched (and noting the error in its sync state); running again resumes.
pub fn sync(
    vault: &Vault,
    base: &WhoopBase,
    now: DateTime<Utc>,
    options: &SyncOptions,
    cancel: &AtomicBool,
    progress: &mut dyn FnMut(&Progress),
) -> Result<SyncReport, WhoopError> {
    let mut run = Run {
        vault,
        transport: Transport::new(base.clone(), options.policy.clone())?,
        auth: Auth::new(now),
        now,
        cancel,
        newest_in: false,
    };
    let timed = || Collection::ALL.into_iter().filter(|c| c.is_timed());
    let mut uncovered = Vec::new();
    for collection in timed() {
        if store::covered(vault.conn(), collection)?.is_none() {
            uncovered.push(collection);
        }
    }
    // A first sync reads the newest days of each collection first: today's recovery, sleep
    // and strain are in within seconds, while years of history follow.
    let mut first_pass = Vec::new();
    for collection in &uncovered {
        let span = (now - NEWEST).timestamp_millis();
        first_pass.push(run.fetch_windows(*collection, vec![(span, now.timestamp_millis())], progress)?);
    }
    run.newest_in = true;
    let mut report = SyncReport::default();
    for collection in Collection::ALL {
        let before = run.transport.requests();
        let result = if collection.is_timed() {
            // What the first pass just read needs no second reading.
            let trailing = if uncovered.contains(&collection) {
                Duration::zero()
            } else {
                options.trailing
            };
            run.timed(collection, trailing, progress)
        } else {
            run.single(collection, progress)
        };
        let earlier = uncovered
            .iter()
            .position(|c| *c == collection)
            .map_or((0, 0), |i| first_pass[i]);
        match result.map(|(fetched, deleted)| (fetched + earlier.0, deleted + earlier.1)) {
            Ok((fetched, deleted)) => report.collections.push(CollectionReport {
                collection,
                fetched,
                deleted,
                requests: run.transport.requests() - before,
            }),
            Err(err) => {
                let _turn = vault.writer_turn();
                let _ = store::set_error(vault.conn(), collection, &err.to_string());
                // The workouts already committed still find their sessions.
                if let Ok(tx) = rusqlite::Transaction::new_unchecked(
                    vault.conn(),
                    rusqlite::TransactionBehavior::Immediate,
                ) && crate::matching::refresh(&tx, now).is_ok()
                {
                    let _ = tx.commit();
                }
                tracing::warn!(
                    collection = collection.name(),
                    code = err.code(),
                    "WHOOP sync stopped"
                );
                return Err(err);
            }
        }
    }
    report.requests = run.transport.requests();
    {
        let _turn = vault.writer_turn();
        // Immediate: another process (the CLI beside the app) may be writing; wait for it
        // rather than fail upgrading a read to a write.
        let tx =
            rusqlite::Transaction::new_unchecked(vault.conn(), rusqlite::TransactionBehavior::Immediate)?;
        report.matches = crate::matching::refresh(&tx, now)?;
        tx.commit()?;
    }
    tracing::info!(requests = report.requests, "WHOOP sync finished");
    Ok(report)
}

fn iso(ms: i64) -> String {
    DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Run<'_> {
    /// GETs `url` and parses the body, with retries; `None` for a 404.
    fn get<T>(
        &mut self,
        url: &Url,
        what: Collection,
        parse: impl Fn(&[u8]) -> Result<T, ParseError>,
    ) -> Result<Option<T>, WhoopError> {
        let mut token = self.auth.token(self.vault, &mut self.transport, self.cancel)?;
        let (mut retry, mut refreshed) = (0, false);
        loop {
            let request = self
                .transport
                .client()
                .get(url.clone())
                .bearer_auth(token.expose_secret());
            let (reason, wait, bad_body) = match self.transport.attempt(request, self.cancel)? {
                Attempt::Retry(reason, wait, _) => (reason, wait, false),
                Attempt::Done(response) => match response.status().as_u16() {
                    200 => match Transport::read_body(response) {
                        Ok(body) => match parse(&body) {
                            Ok(value) => return Ok(Some(value)),
                            Err(ParseError(reason)) => (reason, None, true),
                        },
                        Err(reason) => (reason, None, true),
                    },
                    401 if !refreshed => {
                        refreshed = true;
                        token = self.auth.refresh_after_401(
                            self.vault,
                            &mut self.transport,
                            &token,
                            self.cancel,
                        )?;
                        continue;
                    }
                    401 => return Err(WhoopError::NeedsSignIn),
                    404 => return Ok(None),
                    status => {
                        return Err(WhoopError::BadResponse {
                            collection: what.name().into(),
                            reason: format!("HTTP {status}"),
                        });
                    }
                },
            };
            retry += 1;
            match self
                .transport
                .backoff(retry, wait, &reason, what.name(), self.cancel)
            {
                Err(WhoopError::Unavailable { collection, reason }) if bad_body => {
                    return Err(WhoopError::BadResponse { collection, reason });
                }
                other => other?,
            }
            token = self.auth.token(self.vault, &mut self.transport, self.cancel)?;
        }
    }

    /// Fetches one window page by page into `batch`, writing it whenever it is due.
    fn fetch_window(
        &mut self,
        collection: Collection,
        batch: &mut WindowBatch,
        report: &mut dyn FnMut(&WindowBatch),
    ) -> Result<(), WhoopError> {
        let (ws, we) = batch.bounds();
        let mut next: Option<String> = None;
        for _ in 0..MAX_PAGES_PER_WINDOW {
            if self.cancel.load(Ordering::Relaxed) {
                return Err(WhoopError::Cancelled);
            }
            let mut url = self.transport.base().api(collection.path());
            url.query_pairs_mut()
                .append_pair("start", &iso(ws))
                .append_pair("end", &iso(we))
                .append_pair("limit", &PAGE_SIZE.to_string());
            if let Some(token) = &next {
                url.query_pairs_mut().append_pair("nextToken", token);
            }
            let page = self
                .get(&url, collection, |bytes| models::parse_page(collection, bytes))?
                .ok_or_else(|| WhoopError::BadResponse {
                    collection: collection.name().into(),
                    reason: "HTTP 404".into(),
                })?;
            let token = page.next_token.clone();
            batch.push(page);
            if batch.due() {
                let _turn = self.vault.writer_turn();
                batch.write(self.vault.conn(), self.auth.now())?;
            }
            report(batch);
            match token {
                Some(token) if next.as_deref() == Some(token.as_str()) => {
                    return Err(WhoopError::BadResponse {
                        collection: collection.name().into(),
                        reason: "WHOOP repeated a page token".into(),
                    });
                }
                Some(token) => next = Some(token),
                None => return Ok(()),
            }
        }
        Err(WhoopError::BadResponse {
            collection: collection.name().into(),
            reason: "WHOOP kept sending further pages".into(),
        })
    }

    fn single(
        &mut self,
        collection: Collection,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(u32, u32), WhoopError> {
        let url = self.transport.base().api(collection.path());
        let now = self.now;
        let body = self.get(&url, collection, |bytes| {
            let raw =
                std::str::from_utf8(bytes).map_err(|_| ParseError("the response is not UTF-8".into()))?;
            match collection {
                Collection::Profile => models::parse_profile(bytes).map(|p| (Some(p), None, raw.to_owned())),
                _ => models::parse_body(bytes).map(|b| (None, Some(b), raw.to_owned())),
            }
        })?;
        let conn = self.vault.conn();
        let _turn = self.vault.writer_turn();
        let fetched = match body {
            Some((Some(profile), _, raw)) => store::save_profile(conn, &profile, &raw, now).map(|()| 1)?,
            Some((_, Some(body), raw)) => store::save_body(conn, &body, &raw, now).map(|()| 1)?,
            _ => 0,
        };
        store::set_covered(conn, collection, None, now)?;
        progress(&Progress {
            collection,
            fetched,
            fraction: 1.0,
            done: true,
            newest_in: self.newest_in,
        });
        Ok((fetched, 0))
    }

    fn timed(
        &mut self,
        collection: Collection,
        trailing: Duration,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(u32, u32), WhoopError> {
        let end_ms = self.now.timestamp_millis();
        let start_ms = history_start().timestamp_millis();
        let mut windows = Vec::new();
        match store::covered(self.vault.conn(), collection)? {
            None => windows.push((start_ms, end_ms)),
            Some(c) => {
                let from = (c.to_ms - trailing.num_milliseconds()).max(c.from_ms).min(end_ms);
                if from < end_ms || trailing > Duration::zero() {
                    windows.push((from, end_ms));
                }
                if c.from_ms > start_ms {
                    windows.push((start_ms, c.from_ms));
                }
            }
        }
        self.fetch_windows(collection, windows, progress)
    }

    /// Reads and commits `windows` of a timed collection, newest first in each.
    fn fetch_windows(
        &mut self,
        collection: Collection,
        windows: Vec<(i64, i64)>,
        progress: &mut dyn FnMut(&Progress),
    ) -> Result<(u32, u32), WhoopError> {
        let total: i64 = windows.iter().map(|(a, b)| (b - a).max(1)).sum();
        let newest_in = self.newest_in;
        let (mut fetched, mut deleted, mut done_span) = (0u32, 0u32, 0i64);
        for (ws, we) in windows {
            let mut batch = WindowBatch::new(collection, ws, we);
            let mut report = |batch: &WindowBatch| {
                progress(&Progress {
                    collection,
                    fetched: fetched + batch.fetched,
                    fraction: ((done_span + batch.done_span()) as f64 / total as f64).clamp(0.0, 1.0),
                    done: false,
                    newest_in,
                });
            };
            let result = self.fetch_window(collection, &mut batch, &mut report);
            // What was fetched is written even when the window could not finish.
            let written = {
                let _turn = self.vault.writer_turn();
                batch.write(self.vault.conn(), self.auth.now())
            };
            result?;
            written?;
            fetched += batch.fetched;
            deleted += batch.deleted;
            done_span += (we - ws).max(1);
        }
        progress(&Progress {
            collection,
            fetched,
            fraction: 1.0,
            done: true,
            newest_in: self.newest_in,
        });
        Ok((fetched, deleted))
    }
}
