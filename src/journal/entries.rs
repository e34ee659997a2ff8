//! Journal entries: per local calendar day, the tags ticked and a note of at most
//! [`MAX_NOTE`] characters.
//!
//! A day is the user's own date (`YYYY-MM-DD`), as their calendar shows it, so the CLI
//! and the window pass it in; the core checks it is a real date from 1970 on and not past
//! tomorrow (UTC), which every time zone's today satisfies. An entry that exists is a
//! "journal day": the comparison counts a day without a tag only when it was journaled.
//! Each entry and each ticked tag carry a random 128-bit `gid`.

use chrono::{DateTime, Days, NaiveDate, Utc};
use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::JournalError;
use super::tags::Tags;
use crate::training::stamp;

/// The longest note, in characters.
pub const MAX_NOTE: usize = 500;

/// The most tags ticked on one day.
pub const MAX_TAGS_PER_DAY: usize = 30;

/// One day's entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalEntry {
    /// Its global id, 32 hex digits.
    pub gid: String,
    /// The local calendar day, `YYYY-MM-DD`.
    pub day: String,
    /// The tags ticked, by name, in the order the journal offers them.
    pub tags: Vec<String>,
    /// The note ("" when none).
    pub note: String,
}

/// Reads a `YYYY-MM-DD` day and checks it is plausible: from 1970, not after tomorrow.
pub fn parse_day(text: &str, now: DateTime<Utc>) -> Result<NaiveDate, JournalError> {
    let bad = |reason| JournalError::InvalidDay {
        text: text.chars().filter(|c| !c.is_control()).take(40).collect(),
        reason,
    };
    let day = (text.len() == 10)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| bad("is not a date: use YYYY-MM-DD"))?;
    check_day(day, now).map_err(|_| bad("is before 1970 or in the future"))?;
    Ok(day)
}

/// Checks a day is from 1970 on and not after tomorrow (UTC).
fn check_day(day: NaiveDate, now: DateTime<Utc>) -> Result<(), JournalError> {
    let earliest = NaiveDate::from_ymd_opt(crate::training::EARLIEST_YEAR, 1, 1).unwrap_or_default();
    let latest = now
        .date_naive()
        .checked_add_days(Days::new(1))
        .unwrap_or(now.date_naive());
    if day < earliest || day > latest {
        return Err(JournalError::InvalidDay {
            text: day.to_string(),
            reason: "is before 1970 or in the future",
        });
    }
    Ok(())
}

/// Checks a note: at most [`MAX_NOTE`] characters, no control characters but line
/// breaks; returns it trimmed.
fn clean_note(raw: &str) -> Result<String, JournalError> {
    if raw.chars().any(|c| c.is_control() && c != '\n') {
        return Err(JournalError::InvalidNote("cannot hold control characters"));
    }
    if raw.chars().count() > MAX_NOTE {
        return Err(JournalError::InvalidNote("is too long: at most 500 characters"));
    }
    Ok(raw.trim().to_owned())
}

/// Reads a global id written as 32 hex digits.
pub(crate) fn gid_bytes(text: &str) -> Result<[u8; 16], JournalError> {
    crate::gid::parse(text).ok_or(JournalError::Malformed(
        "has a global id that is not 32 hex digits",
    ))
}

/// Access to the journal's entries.
#[derive(Debug, Clone, Copy)]
pub struct Journal<'c> {
    conn: &'c Connection,
}

impl<'c> Journal<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// The entry of `day`, if there is one.
    pub fn entry(&self, day: NaiveDate) -> Result<Option<JournalEntry>, JournalError> {
        Ok(self.list(Some(day), Some(day))?.pop())
    }

    /// The entries of the days `[from, to]` (either end open), oldest first.
    pub fn list(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<JournalEntry>, JournalError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT e.id, lower(hex(e.gid)), e.day, e.note FROM journal_entry e
             WHERE (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2) ORDER BY e.day",
        )?;
        let rows = stmt.query_map(
            params![from.map(|d| d.to_string()), to.map(|d| d.to_string())],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    JournalEntry {
                        gid: r.get(1)?,
                        day: r.get(2)?,
                        tags: Vec::new(),
                        note: r.get(3)?,
                    },
                ))
            },
        )?;
        let mut tags = self.conn.prepare_cached(
            "SELECT t.name FROM journal_entry_tag et JOIN journal_tag t ON t.id = et.tag_id
             WHERE et.entry_id = ?1 ORDER BY t.builtin DESC, CASE WHEN t.builtin = 1 THEN t.id END, t.name_key",
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, mut entry) = row?;
            entry.tags = tags.query_map([id], |r| r.get(0))?.collect::<Result<_, _>>()?;
            out.push(entry);
        }
        Ok(out)
    }

    /// Ticks `tags` on `day` (those already ticked stay) and, when given, replaces the
    /// note; creates the day's entry if needed. All or nothing.
    pub fn add(
        &self,
        day: NaiveDate,
        tags: &[String],
        note: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<JournalEntry, JournalError> {
        let current = self.entry(day)?;
        let mut all: Vec<String> = current.as_ref().map(|e| e.tags.clone()).unwrap_or_default();
        all.extend(tags.iter().cloned());
        let note = match note {
            Some(note) => note.to_owned(),
            None => current.map(|e| e.note).unwrap_or_default(),
        };
        self.write(None, day, &all, &note, now)
    }

    /// Makes `day`'s entry exactly `tags` and `note` (what the window's chips and note
    /// hold); with no tag and an empty note the entry is removed. All or nothing.
    pub fn set(
        &self,
        day: NaiveDate,
        tags: &[String],
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<JournalEntry>, JournalError> {
        if tags.is_empty() && clean_note(note)?.is_empty() {
            check_day(day, now)?;
            self.conn
                .execute("DELETE FROM journal_entry WHERE day = ?1", [day.to_string()])?;
            return Ok(None);
        }
        self.write(None, day, tags, note, now).map(Some)
    }

    /// Removes `day`'s whole entry, or only the tag `tag` from it; returns what is left.
    pub fn remove(&self, day: NaiveDate, tag: Option<&str>) -> Result<Option<JournalEntry>, JournalError> {
        let Some(entry) = self.entry(day)? else {
            return Err(JournalError::NoEntry(day.to_string()));
        };
        let Some(tag) = tag else {
            self.conn
                .execute("DELETE FROM journal_entry WHERE day = ?1", [day.to_string()])?;
            return Ok(None);
        };
        let (tag_id, name) = Tags::new(self.conn).resolve(tag)?;
        let removed = self.conn.execute(
            "DELETE FROM journal_entry_tag WHERE tag_id = ?1
               AND entry_id = (SELECT id FROM journal_entry WHERE day = ?2)",
            params![tag_id, entry.day],
        )?;
        if removed == 0 {
            return Err(JournalError::NotTicked {
                day: entry.day,
                tag: name,
            });
        }
        self.entry(day)
    }

    /// Every entry, oldest first (for exports).
    pub fn all(&self) -> Result<Vec<JournalEntry>, JournalError> {
        self.list(None, None)
    }

    /// Adds an entry from an export, checked like a typed one; returns `false` when the
    /// vault holds that id, or an entry for that day, already (a re-import).
    pub fn restore(&self, entry: &JournalEntry, now: DateTime<Utc>) -> Result<bool, JournalError> {
        let gid = gid_bytes(&entry.gid)?;
        let day = parse_day(&entry.day, now)?;
        let present: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM journal_entry WHERE gid = ?1 OR day = ?2)",
            params![Vec::from(gid), entry.day],
            |r| r.get(0),
        )?;
        if present {
            return Ok(false);
        }
        self.write(Some(gid), day, &entry.tags, &entry.note, now)?;
        Ok(true)
    }

    /// Replaces `day`'s entry with `tags` and `note` after checking all of them.
    fn write(
        &self,
        gid: Option<[u8; 16]>,
        day: NaiveDate,
        tags: &[String],
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<JournalEntry, JournalError> {
        check_day(day, now)?;
        let note = clean_note(note)?;
        let resolver = Tags::new(self.conn);
        let mut ids = Vec::with_capacity(tags.len());
        for tag in tags {
            let (id, _) = resolver.resolve(tag)?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        if ids.len() > MAX_TAGS_PER_DAY {
            return Err(JournalError::TooManyTicked(MAX_TAGS_PER_DAY));
        }
        let tx = crate::training::Atomic::begin(self.conn)?;
        let entry_id: i64 = tx.query_row(
            "INSERT INTO journal_entry (gid, day, note, updated_at) VALUES (coalesce(?1, randomblob(16)), ?2, ?3, ?4)
             ON CONFLICT (day) DO UPDATE SET note = excluded.note, updated_at = excluded.updated_at
             RETURNING id",
            params![gid.map(Vec::from), day.to_string(), note, stamp(now)],
            |r| r.get(0),
        )?;
        let kept = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
        tx.execute(
            &format!("DELETE FROM journal_entry_tag WHERE entry_id = ?1 AND tag_id NOT IN ({kept})"),
            [entry_id],
        )?;
        for id in &ids {
            tx.execute(
                "INSERT INTO journal_entry_tag (entry_id, tag_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                params![entry_id, id],
            )?;
        }
        tx.commit()?;
        self.entry(day)?
            .ok_or_else(|| JournalError::NoEntry(day.to_string()))
    }
}
