//! Journal tags: the eight built-in ones (alcohol, late meal, caffeine after 2 pm, travel,
//! illness, stress, stretching, sauna), inserted by the migration, and the user's own.
//!
//! A tag is named as typed (trimmed, inner whitespace collapsed, 1 to [`MAX_TAG`]
//! characters, no control characters) and found by its key ([`tag_key`]): lowercase, with
//! `-` and `_` read as spaces, so `late-meal`, `Late meal` and `late_meal` are one tag.
//! Each own tag carries a random 128-bit `gid` (filled by the vault), like every row of
//! user data.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::JournalError;
use super::entries::gid_bytes;

/// The built-in tags, in the order they are offered.
pub const BUILT_IN: [&str; 8] = [
    "alcohol",
    "late meal",
    "caffeine after 2 pm",
    "travel",
    "illness",
    "stress",
    "stretching",
    "sauna",
];

/// The longest tag name, in characters.
pub const MAX_TAG: usize = 40;

/// The most tags of their own a user keeps.
pub const MAX_OWN_TAGS: usize = 100;

/// A tag as the journal offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct JournalTag {
    /// Its name, as typed.
    pub name: String,
    /// One of the eight built-in tags.
    pub builtin: bool,
    /// Journal days it is ticked on.
    pub days: u32,
}

/// One of the user's own tags, as exports carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnTag {
    /// Its global id, 32 hex digits.
    pub gid: String,
    /// Its name, as typed.
    pub name: String,
}

/// The key a tag is found by: lowercase, `-` and `_` as spaces, whitespace collapsed.
pub fn tag_key(name: &str) -> String {
    name.to_lowercase()
        .replace(['-', '_'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks and tidies a tag name: the name to store and its key.
pub fn clean_tag(raw: &str) -> Result<(String, String), JournalError> {
    if raw.chars().any(char::is_control) {
        return Err(JournalError::InvalidTag("contains control characters"));
    }
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    let key = tag_key(&name);
    if key.is_empty() {
        return Err(JournalError::InvalidTag("is empty"));
    }
    if name.chars().count() > MAX_TAG {
        return Err(JournalError::InvalidTag("is longer than 40 characters"));
    }
    Ok((name, key))
}

/// Access to the journal's tags.
#[derive(Debug, Clone, Copy)]
pub struct Tags<'c> {
    conn: &'c Connection,
}

impl<'c> Tags<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Every tag: the built-in ones in their order, then the user's own by name.
    pub fn list(&self) -> Result<Vec<JournalTag>, JournalError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.name, t.builtin, (SELECT count(*) FROM journal_entry_tag et WHERE et.tag_id = t.id)
             FROM journal_tag t ORDER BY t.builtin DESC, CASE WHEN t.builtin = 1 THEN t.id END, t.name_key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(JournalTag {
                name: r.get(0)?,
                builtin: r.get(1)?,
                days: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds a tag of the user's own; refuses a name taken by any tag.
    pub fn create(&self, raw: &str) -> Result<JournalTag, JournalError> {
        self.insert(None, raw)?;
        let (name, _) = clean_tag(raw)?;
        Ok(JournalTag {
            name,
            builtin: false,
            days: 0,
        })
    }

    /// The user's own tags with their global ids, by name (for exports).
    pub fn own(&self) -> Result<Vec<OwnTag>, JournalError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT lower(hex(gid)), name FROM journal_tag WHERE builtin = 0 ORDER BY name_key",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(OwnTag {
                gid: r.get(0)?,
                name: r.get(1)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Adds an own tag from an export, checked like a typed one; returns `false` when a
    /// tag with that name (or id) is already there.
    pub fn restore(&self, tag: &OwnTag) -> Result<bool, JournalError> {
        let gid = gid_bytes(&tag.gid)?;
        let (_, key) = clean_tag(&tag.name)?;
        if self.find(&key)?.is_some() {
            return Ok(false);
        }
        self.insert(Some(gid), &tag.name)
    }

    fn insert(&self, gid: Option<[u8; 16]>, raw: &str) -> Result<bool, JournalError> {
        let (name, key) = clean_tag(raw)?;
        if let Some((_, existing)) = self.find(&key)? {
            return Err(JournalError::TagTaken(existing));
        }
        let own: i64 =
            self.conn
                .query_row("SELECT count(*) FROM journal_tag WHERE builtin = 0", [], |r| {
                    r.get(0)
                })?;
        if own >= MAX_OWN_TAGS as i64 {
            return Err(JournalError::TooManyTags(MAX_OWN_TAGS));
        }
        let added = self.conn.execute(
            "INSERT INTO journal_tag (gid, name, name_key, builtin) VALUES (coalesce(?1, randomblob(16)), ?2, ?3, 0)
             ON CONFLICT DO NOTHING",
            params![gid.map(Vec::from), name, key],
        )?;
        Ok(added == 1)
    }

    /// The id and stored name of the tag named `raw` (by its key).
    pub(crate) fn resolve(&self, raw: &str) -> Result<(i64, String), JournalError> {
        let (name, key) = clean_tag(raw)?;
        self.find(&key)?.ok_or(JournalError::UnknownTag(name))
    }

    fn find(&self, key: &str) -> Result<Option<(i64, String)>, JournalError> {
        Ok(self
            .conn
            .query_row(
                "SELECT id, name FROM journal_tag WHERE name_key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }
}
