//! Catalog lifts offered for the user's own exercises, which the user accepts or dismisses.
//!
//! Two kinds. When the catalog grew and a new lift's name was already one of the user's
//! exercises, the migration kept the user's row and recorded the lift: accepting *adopts*
//! it (the row takes the lift's slug, muscle group and equipment; its name, sets and
//! routines stay). And a custom exercise whose name the catalog recognises under another
//! spelling ("Face Pull" for "Face Pull (Cable)", left by an older import) is offered for
//! a *merge* into that lift, found afresh each time. Nothing changes until the user says
//! so; a dismissed suggestion is remembered and not offered again.

use rusqlite::{Connection, params};
use serde::Serialize;

use super::{Catalog, CatalogEntry};
use crate::training::{Atomic, Exercise, Exercises, ExercisesMut, TrainingError, sql_enum};

sql_enum! {
    /// What accepting a suggestion does.
    SuggestedAction {
        /// The user's exercise takes the catalog lift's slug, muscle group and equipment.
        Adopt => "adopt",
        /// The user's exercise is merged into the catalog lift (sets and routines move).
        Merge => "merge",
    }
}

/// One catalog lift offered for one of the user's exercises.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Suggestion {
    /// The user's exercise.
    pub exercise: Exercise,
    /// The catalog lift offered.
    pub lift: CatalogEntry,
    /// What accepting does.
    pub action: SuggestedAction,
    /// For a merge: the exercise the sets would move to.
    pub into: Option<u32>,
}

/// Every open suggestion, by the user's exercise name.
pub fn list(conn: &Connection) -> Result<Vec<Suggestion>, TrainingError> {
    let catalog = Catalog::new(conn);
    let read = Exercises::new(conn);
    let mut out = Vec::new();
    let stored: Vec<(u32, String)> = conn
        .prepare_cached(
            "SELECT s.exercise_id, s.slug FROM catalog_suggestion s JOIN exercise e ON e.id = s.exercise_id
             WHERE s.dismissed = 0 AND e.merged_into IS NULL AND e.slug IS NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, slug) in stored {
        if let Some(lift) = catalog.entry(&slug)? {
            out.push(Suggestion {
                exercise: read.get(id)?,
                lift,
                action: SuggestedAction::Adopt,
                into: None,
            });
        }
    }
    let names = catalog.names()?;
    let customs: Vec<Exercise> = read.list(true)?.into_iter().filter(|e| !e.builtin).collect();
    let decided: Vec<u32> = conn
        .prepare_cached("SELECT exercise_id FROM catalog_suggestion")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for exercise in customs.into_iter().filter(|e| !decided.contains(&e.id)) {
        let Some(slug) = names.slug_for(&exercise.name) else {
            continue;
        };
        let Some(target) = catalog.exercise_for(slug)? else {
            continue;
        };
        if target.id == exercise.id || target.archived {
            continue;
        }
        if let Some(lift) = catalog.entry(slug)? {
            out.push(Suggestion {
                exercise,
                lift,
                action: SuggestedAction::Merge,
                into: Some(target.id),
            });
        }
    }
    out.sort_by(|a, b| {
        a.exercise
            .name
            .to_lowercase()
            .cmp(&b.exercise.name.to_lowercase())
    });
    Ok(out)
}

/// The open suggestion for exercise `id`.
fn find(conn: &Connection, id: u32) -> Result<Suggestion, TrainingError> {
    list(conn)?
        .into_iter()
        .find(|s| s.exercise.id == id)
        .ok_or(TrainingError::NotFound {
            what: "catalog suggestion for exercise",
            id,
        })
}

/// Accepts the suggestion for exercise `id` (adopt or merge, all or nothing); returns the
/// exercise that now holds its sets.
pub fn accept(conn: &Connection, id: u32) -> Result<Exercise, TrainingError> {
    let suggestion = find(conn, id)?;
    let tx = Atomic::begin(conn)?;
    let kept = match (suggestion.action, suggestion.into) {
        (SuggestedAction::Merge, Some(into)) => {
            ExercisesMut::new(&tx).merge(id, into)?;
            into
        }
        _ => {
            let lift = &suggestion.lift;
            tx.execute(
                "UPDATE exercise SET slug = ?2, muscle = ?3, equipment = ?4, needs_review = 0 WHERE id = ?1",
                params![id, lift.slug, lift.muscle, lift.equipment],
            )?;
            id
        }
    };
    tx.execute("DELETE FROM catalog_suggestion WHERE exercise_id = ?1", [id])?;
    tx.commit()?;
    Exercises::new(conn).get(kept)
}

/// Dismisses the suggestion for exercise `id`; it is not offered again.
pub fn dismiss(conn: &Connection, id: u32) -> Result<(), TrainingError> {
    let suggestion = find(conn, id)?;
    conn.execute(
        "INSERT INTO catalog_suggestion (exercise_id, slug, dismissed) VALUES (?1, ?2, 1)
         ON CONFLICT (exercise_id) DO UPDATE SET slug = excluded.slug, dismissed = 1",
        params![id, suggestion.lift.slug],
    )?;
    Ok(())
}
