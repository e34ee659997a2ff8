//! Writing parsed rows into the vault: sessions, exercises, sets — every row checked
//! first, then written in short batches that an interrupted import leaves behind nowhere
//! ([`super::runs`]).
//!
//! Rows are grouped into sessions by (start, workout name). Each set gets an import key, a
//! digest of its content and its ordinal among the same exercise's rows in that session:
//! re-importing a cumulative export finds every key already stored and adds only what is
//! new, while three identical rows (3×5 at 100 kg, as FitNotes writes them) stay three
//! sets because their ordinals differ. Rows that earlier versions refused (float noise,
//! decimals in whole-number columns, workouts left running) are numbered apart, so a file
//! first imported with `--skip-invalid` re-imports without duplicates. Exercise names are matched in `exercise_names`;
//! progress and cancelling are [`super::progress`]'s.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::atomic::AtomicBool;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::csv_in::{ImportRow, Parsed, Problem, When};
use super::exercise_names::map_exercise;
use super::problems::ProblemGroup;
use super::progress::{ImportProgress, Pace};
use super::runs::Run;
use super::{ImportError, Zone};
use crate::training::records::{self, Cached, refresh};
use crate::training::sets::{Origin, write_row};
use crate::training::{SetInput, check_time, clean_name, stamp};
use crate::vault::Vault;

/// How to import.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    /// How to read zone-less times.
    pub zone: Zone,
    /// Import the good rows and count the bad ones, instead of refusing the file.
    pub skip_invalid: bool,
    /// Report what would be imported and write nothing.
    pub dry_run: bool,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ImportReport {
    /// The format read.
    pub format: String,
    /// Whether nothing was written.
    pub dry_run: bool,
    /// Sets in the file.
    pub sets_in_file: u64,
    /// New sets written.
    pub sets_added: u64,
    /// Sets already in the vault from an earlier import.
    pub sets_already_present: u64,
    /// New sessions written.
    pub sessions_added: u64,
    /// Custom exercises created (marked for review).
    pub exercises_created: Vec<String>,
    /// New sessions whose end the file did not say (FitNotes, a zero duration, a
    /// workout left running); they are finished, not in progress.
    pub sessions_end_unknown: u64,
    /// Non-set rows skipped (e.g. rest timers).
    pub non_set_rows_skipped: u64,
    /// Sets that were planned and never filled in, skipped.
    pub empty_sets_skipped: u64,
    /// Problem rows skipped (only with `skip_invalid`).
    pub invalid_rows_skipped: u64,
    /// The problem rows, grouped by kind.
    pub problems: Vec<ProblemGroup>,
}

/// Imports parsed rows into a connection nothing else writes to (a test's, a tool's). In
/// a dry run the same work happens inside a transaction that is rolled back, so the
/// report is exact.
pub fn import(
    conn: &Connection,
    parsed: &Parsed,
    options: ImportOptions,
    now: DateTime<Utc>,
) -> Result<ImportReport, ImportError> {
    import_watched(conn, parsed, options, now, &mut |_| {}, &AtomicBool::new(false))
}

/// [`import`], reporting progress every [`PROGRESS_EVERY`](super::progress::PROGRESS_EVERY)
/// rows and once at the end, and stopping with [`ImportError::Cancelled`] once `cancel` is
/// set (checked at each report and before the last batch): the batches already committed
/// are removed, so nothing is written.
pub fn import_watched(
    conn: &Connection,
    parsed: &Parsed,
    options: ImportOptions,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportReport, ImportError> {
    write(conn, None, parsed, options, now, progress, cancel)
}

/// [`import_watched`] into a vault that other work shares (the app's, the CLI's): every
/// batch waits for the vault's writer's turn, so a set being logged waits for one batch
/// at most, and if the process dies mid-import the next open of the vault removes what
/// it committed (see [`super::runs`]).
pub fn import_into(
    vault: &Vault,
    parsed: &Parsed,
    options: ImportOptions,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportReport, ImportError> {
    write(vault.conn(), Some(vault), parsed, options, now, progress, cancel)
}

/// A row checked and ready to write: its times and the set as typed input would give it.
struct Ready<'p> {
    row: &'p ImportRow,
    start: String,
    end: Option<String>,
    input: SetInput,
    notes: String,
}

/// Checks every row, then writes them in batches (see [`super::runs`]).
fn write(
    conn: &Connection,
    vault: Option<&Vault>,
    parsed: &Parsed,
    options: ImportOptions,
    now: DateTime<Utc>,
    progress: &mut dyn FnMut(ImportProgress),
    cancel: &AtomicBool,
) -> Result<ImportReport, ImportError> {
    let mut report = ImportReport {
        format: parsed.format.as_str().to_owned(),
        dry_run: options.dry_run,
        sets_in_file: parsed.rows.len() as u64,
        non_set_rows_skipped: parsed.skipped,
        empty_sets_skipped: parsed.empty_sets,
        ..ImportReport::default()
    };
    // Resolve times and check every row before writing anything.
    let mut problems = parsed.problems.clone();
    let mut rows = Vec::with_capacity(parsed.rows.len());
    for row in &parsed.rows {
        match ready(row, options.zone, now)? {
            Ok(ready) => rows.push(ready),
            Err(problem) => problems.push(problem),
        }
    }
    problems.sort_by_key(|p| p.line);
    if !problems.is_empty() && !options.skip_invalid {
        return Err(ImportError::BadRows(problems));
    }
    report.invalid_rows_skipped = problems.len() as u64;
    report.problems = super::problems::group(&problems);
    let _cache = BigCache::hold(conn, rows.len())?;
    let mut run = Run::start(conn, vault, parsed.format, options.dry_run, now)?;
    let mut pace = Pace::new(progress, cancel, rows.len());
    let mut writer = Writer {
        conn,
        run: run.id(),
        source: parsed.format.as_str(),
        exercise_ids: HashMap::new(),
        sessions: HashMap::new(),
        ordinals: HashMap::new(),
        supersets: HashMap::new(),
        touched: Vec::new(),
        new_sessions: Vec::new(),
        caches: HashMap::new(),
    };
    let total = rows.len();
    for (done, ready) in rows.into_iter().enumerate() {
        if pace.at(done) {
            return run.abandon(ImportError::Cancelled);
        }
        if let Err(err) = run
            .row_with(|| writer.keep_caches())
            .and_then(|()| writer.set(&ready, &mut report))
        {
            return run.abandon(err);
        }
    }
    if let Err(err) = writer.keep_caches() {
        return run.abandon(err);
    }
    // Record flags are recomputed one exercise at a time, in batches like the rows.
    writer.touched.sort_unstable();
    writer.touched.dedup();
    for &exercise in &writer.touched {
        if let Err(err) = run.row().and_then(|()| Ok(refresh(conn, &[exercise])?)) {
            return run.abandon(err);
        }
    }
    if total > 0 && pace.at(total) {
        return run.abandon(ImportError::Cancelled);
    }
    let new_sessions = std::mem::take(&mut writer.new_sessions);
    run.finish(now, |conn| {
        drop_empty_sessions(conn, &new_sessions, &mut report)?;
        if pace.finish() {
            return Err(ImportError::Cancelled);
        }
        Ok(report)
    })
}

/// `row` checked as typed input would be, or the problem it has (a row whose set the
/// parser let through but typed input refuses fails the whole import, as it always has).
#[allow(clippy::type_complexity)]
fn ready(row: &ImportRow, zone: Zone, now: DateTime<Utc>) -> Result<Result<Ready<'_>, Problem>, ImportError> {
    let problem = |kind, reason: String| Problem {
        line: row.line,
        kind,
        reason,
    };
    if let Err(err) = clean_name("exercise", &row.exercise) {
        return Ok(Err(problem("exercise", err.to_string())));
    }
    let (start, end) = match resolve(row, zone, now) {
        Ok(times) => times,
        Err(reason) => return Ok(Err(problem("date", reason))),
    };
    let input = SetInput {
        exercise_id: 0,
        weight: row.weight,
        reps: row.reps,
        rpe: row.rpe,
        kind: row.kind,
        done: true,
        duration_s: row.duration_s,
        distance: row.distance,
        superset: None,
        notes: row.notes.clone(),
    };
    let notes = input.check()?;
    Ok(Ok(Ready {
        row,
        start,
        end,
        input,
        notes,
    }))
}

/// What an import keeps across its batches: the exercises and sessions it found or
/// made, how it numbered rows, and what it touched.
struct Writer<'c> {
    conn: &'c Connection,
    run: i64,
    source: &'static str,
    exercise_ids: HashMap<String, u32>,
    sessions: HashMap<(String, String), (u32, u32)>,
    ordinals: HashMap<(String, String, String), Ordinals>,
    supersets: HashMap<(String, String, String), u8>,
    touched: Vec<u32>,
    new_sessions: Vec<u32>,
    /// The record cache entry of each exercise this batch wrote to, as it was before the
    /// batch's first set of it (whose trigger drops it), with the batch's sets folded into
    /// its bests; `None` when the cache held none.
    caches: HashMap<u32, Option<Cached>>,
}

impl Writer<'_> {
    /// Writes one checked row (or counts it as already present).
    fn set(&mut self, ready: &Ready<'_>, report: &mut ImportReport) -> Result<(), ImportError> {
        let Ready { row, start, end, .. } = ready;
        let conn = self.conn;
        let exercise_id = match self.exercise_ids.get(&row.exercise.to_lowercase()) {
            Some(&id) => id,
            None => {
                let id = map_exercise(conn, row, self.run, report)?;
                self.exercise_ids.insert(row.exercise.to_lowercase(), id);
                id
            }
        };
        let session_key = (start.clone(), row.workout.clone());
        let (session_id, next_position) = match self.sessions.entry(session_key) {
            Entry::Occupied(entry) => entry.into_mut(),
            Entry::Vacant(entry) => {
                let (id, next, added) =
                    find_or_add_session(conn, row, start, end.as_deref(), self.source, self.run)?;
                if added {
                    self.new_sessions.push(id);
                }
                entry.insert((id, next))
            }
        };
        let ordinal_key = (start.clone(), row.workout.clone(), row.exercise.to_lowercase());
        let ordinal = self.ordinals.entry(ordinal_key).or_default().next(row.tolerated);
        let superset = match &row.superset {
            Some(id) => {
                let count = self.supersets.len();
                Some(
                    *self
                        .supersets
                        .entry((start.clone(), row.workout.clone(), id.clone()))
                        .or_insert((count % 50 + 1) as u8),
                )
            }
            None => None,
        };
        let input = SetInput {
            exercise_id,
            superset,
            ..ready.input.clone()
        };
        let key = import_key(self.source, start, row, ordinal);
        let origin = Origin {
            key: Some(&key[..]),
            run: Some(self.run),
        };
        if let Entry::Vacant(entry) = self.caches.entry(exercise_id) {
            entry.insert(records::cached(conn, exercise_id)?);
        }
        let added = write_row(conn, *session_id, *next_position, &input, &ready.notes, 0, origin)?;
        if added == 1 {
            if let Some(Some(cache)) = self.caches.get_mut(&exercise_id) {
                // Bests only grow; the records themselves are recomputed at the end.
                cache.bests.fold_input(&input);
                cache.records = None;
            }
            *next_position += 1;
            report.sets_added += 1;
            self.touched.push(exercise_id);
        } else {
            report.sets_already_present += 1;
        }
        Ok(())
    }

    /// Puts back the cache entries of the exercises this batch wrote to, their bests
    /// brought up to date, so that a set logged between two batches compares with a few
    /// numbers instead of the exercise's whole history; called before each batch commits.
    fn keep_caches(&mut self) -> Result<(), ImportError> {
        for entry in self.caches.drain().filter_map(|(_, entry)| entry) {
            records::store(self.conn, &entry)?;
        }
        Ok(())
    }
}

/// Drops sessions this import created that ended up empty, and counts the others.
fn drop_empty_sessions(conn: &Connection, ids: &[u32], report: &mut ImportReport) -> Result<(), ImportError> {
    for &id in ids {
        let dropped = conn.execute(
            "DELETE FROM session WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM session_set s WHERE s.session_id = ?1)",
            [id],
        )?;
        report.sessions_added += 1 - dropped as u64;
        if dropped == 0 {
            let open: bool =
                conn.query_row("SELECT ended_at IS NULL FROM session WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
            report.sessions_end_unknown += u64::from(open);
        }
    }
    Ok(())
}

/// A page cache big enough for the whole import transaction, for its duration. With the
/// default 2 MiB cache a large import spills dirty pages mid-transaction and reads them
/// back, and under SQLCipher every spill and re-read is a page encryption or decryption
/// (plus its HMAC): keeping them in memory until the commit encrypts each page once.
struct BigCache<'c> {
    conn: &'c Connection,
    before: i64,
}

/// The most cache (KiB) an import asks for: 256 MiB (it asks for 512 bytes per row, at
/// least 8 MiB; a 100,000-row import holds about 20 MiB of pages).
const MAX_IMPORT_CACHE_KIB: usize = 256 * 1024;

impl<'c> BigCache<'c> {
    fn hold(conn: &'c Connection, rows: usize) -> rusqlite::Result<BigCache<'c>> {
        let before: i64 = conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        let kib = (rows / 2).clamp(8 * 1024, MAX_IMPORT_CACHE_KIB);
        conn.execute_batch(&format!("PRAGMA cache_size = -{kib}"))?;
        Ok(BigCache { conn, before })
    }
}

impl Drop for BigCache<'_> {
    fn drop(&mut self) {
        let _ = self
            .conn
            .execute_batch(&format!("PRAGMA cache_size = {}", self.before));
    }
}

fn resolve(row: &ImportRow, zone: Zone, now: DateTime<Utc>) -> Result<(String, Option<String>), String> {
    let instant = |when: When| match when {
        When::Utc(t) => Some(t),
        When::Naive(t) => zone.resolve(t),
    };
    let start = instant(row.started).ok_or("the start time does not exist in the time zone")?;
    check_time("start time", start, now).map_err(|e| e.to_string())?;
    let end = row.ended.and_then(instant).filter(|end| *end >= start);
    Ok((stamp(start), end.map(stamp)))
}

fn find_or_add_session(
    conn: &Connection,
    row: &ImportRow,
    start: &str,
    end: Option<&str>,
    source: &str,
    run: i64,
) -> Result<(u32, u32, bool), ImportError> {
    // A name or note is stored without the control characters a file may carry (a backup
    // holding them would be refused as hostile); line breaks and tabs stay in notes. The
    // session is found by the stored name, or by the raw one an earlier version stored.
    let name = without_controls(&row.workout, &[]);
    let notes = without_controls(&row.workout_notes, &['\n', '\r', '\t']);
    let existing: Option<u32> = conn
        .prepare_cached(
            "SELECT id FROM session WHERE started_at = ?1 AND name IN (?2, ?3) AND source = ?4 ORDER BY id LIMIT 1",
        )?
        .query_row(params![start, name, row.workout, source], |r| r.get(0))
        .optional()?;
    let (id, added) = match existing {
        Some(id) => (id, false),
        None => {
            // Found by its global id when the user has since renamed or moved it.
            let gid = session_gid(source, start, &name);
            let added = conn
                .prepare_cached(
                    "INSERT INTO session (name, started_at, ended_at, notes, source, import_run, gid)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT (gid) DO NOTHING",
                )?
                .execute(params![name, start, end, notes, source, run, &gid[..]])?;
            let id: i64 = conn
                .prepare_cached("SELECT id FROM session WHERE gid = ?1")?
                .query_row([&gid[..]], |r| r.get(0))?;
            let id = u32::try_from(id)
                .map_err(|_| crate::training::TrainingError::Refused("too many sessions"))?;
            (id, added == 1)
        }
    };
    let next: u32 = conn
        .prepare_cached("SELECT coalesce(max(position) + 1, 0) FROM session_set WHERE session_id = ?1")?
        .query_row([id], |r| r.get(0))?;
    Ok((id, next, added))
}

/// The numbers of the same exercise's rows in one session. Rows earlier versions read are
/// numbered among themselves, exactly as those versions numbered them, so the sets they
/// imported keep their import keys; rows they refused (now tolerated) are numbered apart,
/// from [`TOLERATED_FROM`], so their keys never meet those.
#[derive(Debug, Default)]
struct Ordinals {
    read_before: u32,
    tolerated: u32,
}

/// Where the numbers of tolerated rows start (far above the 500 sets a session holds).
const TOLERATED_FROM: u32 = 1_000_000;

impl Ordinals {
    /// Counts the next row and returns its number.
    fn next(&mut self, tolerated: bool) -> u32 {
        if tolerated {
            self.tolerated += 1;
            TOLERATED_FROM + self.tolerated
        } else {
            self.read_before += 1;
            self.read_before
        }
    }
}

/// `text` without control characters other than those in `keep`.
fn without_controls(text: &str, keep: &[char]) -> String {
    text.chars()
        .filter(|c| !c.is_control() || keep.contains(c))
        .collect()
}

/// The global id of an imported session: a digest of what identifies it in the file, so
/// that every device importing the same export names the same session.
fn session_gid(source: &str, start: &str, name: &str) -> [u8; 16] {
    let digest = Sha256::digest(format!("session\u{1f}{source}\u{1f}{start}\u{1f}{name}").as_bytes());
    let mut gid = [0u8; 16];
    gid.copy_from_slice(&digest[..16]);
    gid
}

/// The digest that identifies an imported set by its content and ordinal.
fn import_key(source: &str, start: &str, row: &ImportRow, ordinal: u32) -> [u8; 16] {
    let text = format!(
        "{source}\u{1f}{start}\u{1f}{}\u{1f}{}\u{1f}{ordinal}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{:?}\u{1f}{}",
        row.workout,
        row.exercise.to_lowercase(),
        row.weight.map(|w| (w.milli(), w.unit())),
        row.reps,
        row.rpe.map(|r| r.halves()),
        row.kind,
        row.duration_s,
        row.distance.map(|d| (d.milli, d.unit)),
        row.notes,
    );
    let digest = Sha256::digest(text.as_bytes());
    let mut key = [0u8; 16];
    key.copy_from_slice(&digest[..16]);
    key
}
