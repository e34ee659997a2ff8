//! The workout logger's drafts: what the lifter typed in a set's row (weight, unit, reps,
//! RPE) and has not logged yet, kept so that a redraw, a visit to another screen or a
//! relaunch never throws it away.
//!
//! Drafts are training data, so they live inside the encrypted vault, not in the web
//! view's storage (a plaintext file). They belong to one session in progress at a time and
//! are kept whole under one `vault_meta` key: each save replaces them, and saving none
//! deletes the key. They are checked here like any other input from the desktop, with
//! bounds on every string, and a refused save writes nothing. What is kept is the text as
//! typed (it may not parse yet: "102," on the way to "102,5"); it becomes a set only when
//! logged, through the usual checks.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{TrainingError, Unit};

/// The `vault_meta` key holding the drafts, as JSON.
const SETTING: &str = "logger_drafts";

/// The longest name of the session the drafts belong to (the logger uses `id@start`).
pub const MAX_SESSION: usize = 80;
/// The most rows with a draft.
pub const MAX_ROWS: usize = 500;
/// The longest row name (`set:<id>` or `next:<exercise id>`).
pub const MAX_ROW: usize = 24;
/// The longest weight as typed.
pub const MAX_WEIGHT: usize = 12;
/// The longest reps or RPE as typed.
pub const MAX_COUNT: usize = 6;

/// What one row holds as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Draft {
    /// The weight as typed (at most 12 characters).
    pub weight: String,
    /// The unit the weight is typed in.
    pub unit: Unit,
    /// The reps as typed (at most 6 characters).
    pub reps: String,
    /// The RPE as typed (at most 6 characters).
    pub rpe: String,
}

/// The drafts of one session in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Drafts {
    /// The session they belong to, as the logger names it (at most 80 characters).
    pub session: String,
    /// Each row's draft by row name: `set:<set id>` or `next:<exercise id>`.
    pub rows: BTreeMap<String, Draft>,
}

impl Drafts {
    /// Checks every bound; the first problem found is the error.
    pub fn check(&self) -> Result<(), TrainingError> {
        plain("session name of the drafts", &self.session, MAX_SESSION)?;
        if self.session.is_empty() {
            return Err(TrainingError::InvalidDraft("names no session"));
        }
        if self.rows.len() > MAX_ROWS {
            return Err(TrainingError::TooMany {
                what: "rows with a draft",
                max: MAX_ROWS,
            });
        }
        for (row, draft) in &self.rows {
            if !is_row_name(row) {
                return Err(TrainingError::InvalidDraft(
                    "names a row other than set:<id> or next:<exercise id>",
                ));
            }
            plain("weight in a draft", &draft.weight, MAX_WEIGHT)?;
            plain("number of reps in a draft", &draft.reps, MAX_COUNT)?;
            plain("RPE in a draft", &draft.rpe, MAX_COUNT)?;
        }
        Ok(())
    }
}

/// A typed text within `max` characters and free of control characters.
fn plain(what: &'static str, text: &str, max: usize) -> Result<(), TrainingError> {
    if text.chars().count() > max {
        return Err(TrainingError::TooLong { what, max });
    }
    if text.chars().any(char::is_control) {
        return Err(TrainingError::InvalidDraft("contains control characters"));
    }
    Ok(())
}

/// `set:<digits>` or `next:<digits>`, within [`MAX_ROW`] characters.
fn is_row_name(row: &str) -> bool {
    let id = row.strip_prefix("set:").or_else(|| row.strip_prefix("next:"));
    row.len() <= MAX_ROW && id.is_some_and(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
}

/// The stored drafts, or `None` when there are none. Drafts that no longer pass the checks
/// (written by hand into the vault) are treated as none: they are only a convenience.
pub fn read(conn: &Connection) -> Result<Option<Drafts>, TrainingError> {
    let text: Option<String> = conn
        .query_row("SELECT value FROM vault_meta WHERE key = ?1", [SETTING], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(text
        .and_then(|text| serde_json::from_str::<Drafts>(&text).ok())
        .filter(|drafts| drafts.check().is_ok()))
}

/// Replaces the stored drafts with `drafts` (deletes them when it holds no row). Nothing
/// is written when a bound is broken.
pub fn replace(conn: &Connection, drafts: &Drafts) -> Result<(), TrainingError> {
    drafts.check()?;
    if drafts.rows.is_empty() {
        conn.execute("DELETE FROM vault_meta WHERE key = ?1", [SETTING])?;
        return Ok(());
    }
    let text = serde_json::to_string(drafts).map_err(|_| TrainingError::InvalidDraft("cannot be written"))?;
    conn.execute(
        "INSERT INTO vault_meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [SETTING, text.as_str()],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(weight: &str, reps: &str, rpe: &str) -> Draft {
        Draft {
            weight: weight.into(),
            unit: Unit::Kg,
            reps: reps.into(),
            rpe: rpe.into(),
        }
    }

    fn drafts(rows: &[(&str, Draft)]) -> Drafts {
        Drafts {
            session: "7@2024-03-04T18:02:00Z".into(),
            rows: rows.iter().map(|(k, d)| ((*k).to_owned(), d.clone())).collect(),
        }
    }

    #[test]
    fn what_a_lifter_types_passes_as_typed() {
        let typed = drafts(&[
            ("next:12", draft("102,5", "5", "8.5")),
            ("set:40", draft("", "", "")),
            ("set:41", draft("999999999999", "999999", "10.000")),
        ]);
        assert!(typed.check().is_ok());
    }

    #[test]
    fn every_bound_is_refused_with_a_sentence() {
        let long = |n| "1".repeat(n);
        let cases = [
            (
                drafts(&[("next:1", draft(&long(13), "", ""))]),
                "the weight in a draft is too long: at most 12 characters",
            ),
            (
                drafts(&[("next:1", draft("", &long(7), ""))]),
                "the number of reps in a draft is too long: at most 6 characters",
            ),
            (
                drafts(&[("next:1", draft("", "", &long(7)))]),
                "the RPE in a draft is too long: at most 6 characters",
            ),
            (
                drafts(&[("next:1", draft("10\n0", "", ""))]),
                "the logger's draft contains control characters",
            ),
            (
                drafts(&[("note:1", draft("", "", ""))]),
                "the logger's draft names a row other than set:<id> or next:<exercise id>",
            ),
            (
                drafts(&[("set:", draft("", "", ""))]),
                "the logger's draft names a row other than set:<id> or next:<exercise id>",
            ),
            (
                drafts(&[(&format!("set:{}", long(21)), draft("", "", ""))]),
                "the logger's draft names a row other than set:<id> or next:<exercise id>",
            ),
        ];
        for (bad, message) in cases {
            assert_eq!(bad.check().map_err(|e| e.to_string()), Err(message.to_owned()));
        }
        let mut no_session = drafts(&[]);
        no_session.session.clear();
        assert!(matches!(no_session.check(), Err(TrainingError::InvalidDraft(_))));
        let mut long_session = drafts(&[]);
        long_session.session = "s".repeat(MAX_SESSION + 1);
        assert!(matches!(
            long_session.check(),
            Err(TrainingError::TooLong { max: MAX_SESSION, .. })
        ));
        let many = Drafts {
            session: "1@x".into(),
            rows: (0..=MAX_ROWS)
                .map(|i| (format!("set:{i}"), draft("1", "1", "")))
                .collect(),
        };
        assert!(matches!(
            many.check(),
            Err(TrainingError::TooMany { max: MAX_ROWS, .. })
        ));
    }

    #[test]
    fn a_unit_other_than_kg_or_lb_does_not_deserialize() {
        let json = r#"{"session":"1@x","rows":{"next:1":{"weight":"1","unit":"stone","reps":"","rpe":""}}}"#;
        assert!(serde_json::from_str::<Drafts>(json).is_err());
    }
}
