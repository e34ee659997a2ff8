//! The built-in catalog as reference data, and how any spelling of a lift finds it.
//!
//! Migrations ship the catalog: `catalog_exercise` holds every lift with a stable slug,
//! its primary muscle group (the only one weekly volume counts) and equipment, and
//! `catalog_secondary` the muscles it also works. The user's own list is the `exercise`
//! table, where a catalog lift is a row carrying its slug. The two differ in one case:
//! when the catalog grew and the user already had an exercise with a new lift's name, the
//! user's row stays and the lift is offered to the user instead (see [`suggestions`]).
//!
//! [`Catalog::resolve`] maps a name from an export onto an exercise: the exact name
//! (ignoring case, following merges), then the names other apps use (an alias list), then
//! the catalog's names compared by [`MatchKey`] (case, punctuation, word order, plurals,
//! equipment in parentheses). It is deterministic: same vault, same name, same answer.

mod aliases;
pub mod names;
pub mod suggestions;

use std::collections::HashMap;
use std::sync::OnceLock;

use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;

pub use names::{MatchKey, slug};

use super::exercises::{Equipment, ExerciseKind, Muscle};
use super::{Exercise, Exercises, TrainingError};

/// When a name names no equipment, the lift it most likely means, most likely first
/// ("Squat" is the barbell squat; "Crunch" the floor crunch before the cable one).
const USUAL_EQUIPMENT: &[Equipment] = &[
    Equipment::Barbell,
    Equipment::Dumbbell,
    Equipment::Machine,
    Equipment::Bodyweight,
    Equipment::Cable,
    Equipment::Kettlebell,
    Equipment::Band,
    Equipment::Other,
];

/// One lift of the built-in catalog.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct CatalogEntry {
    /// Its stable identifier (lowercase letters, digits, hyphens).
    pub slug: String,
    /// Its name.
    pub name: String,
    /// How it is measured.
    pub kind: ExerciseKind,
    /// The muscle group it mainly trains.
    pub muscle: Muscle,
    /// Equipment.
    pub equipment: Equipment,
    /// The muscle groups it also works (never counted in weekly volume).
    pub secondary: Vec<Muscle>,
}

/// Read access to the catalog.
#[derive(Debug, Clone, Copy)]
pub struct Catalog<'c> {
    conn: &'c Connection,
}

impl<'c> Catalog<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// How many lifts the catalog holds.
    pub fn len(&self) -> Result<u32, TrainingError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM catalog_exercise", [], |r| r.get(0))?)
    }

    /// Whether the catalog is empty (never, after the migrations).
    pub fn is_empty(&self) -> Result<bool, TrainingError> {
        Ok(self.len()? == 0)
    }

    /// The lift with this slug.
    pub fn entry(&self, slug: &str) -> Result<Option<CatalogEntry>, TrainingError> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT slug, name, kind, muscle, equipment FROM catalog_exercise WHERE slug = ?1",
            )?
            .query_row([slug], |r| {
                Ok(CatalogEntry {
                    slug: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    muscle: r.get(3)?,
                    equipment: r.get(4)?,
                    secondary: Vec::new(),
                })
            })
            .optional()?;
        let Some(mut entry) = found else {
            return Ok(None);
        };
        entry.secondary = self
            .conn
            .prepare_cached("SELECT muscle FROM catalog_secondary WHERE slug = ?1 ORDER BY muscle")?
            .query_map([slug], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        Ok(Some(entry))
    }

    /// The exercise a name from an export or a user means, if the vault has it.
    pub fn resolve(&self, name: &str) -> Result<Option<Exercise>, TrainingError> {
        if let Some(found) = Exercises::new(self.conn).find(name)? {
            return Ok(Some(found));
        }
        match self.names()?.slug_for(name) {
            Some(slug) => self.exercise_for(slug),
            None => Ok(None),
        }
    }

    /// The catalog lift a name means: an alias first, then the catalog's own names.
    pub fn slug_for(&self, name: &str) -> Result<Option<String>, TrainingError> {
        Ok(self.names()?.slug_for(name).map(str::to_owned))
    }

    /// Every catalog name, keyed for matching. Built once per process: the catalog is
    /// reference data that this binary's migrations ship, the same in every vault, and an
    /// import matches tens of thousands of names against it.
    pub fn names(&self) -> Result<&'static NameIndex, TrainingError> {
        static NAMES: OnceLock<NameIndex> = OnceLock::new();
        if let Some(names) = NAMES.get() {
            return Ok(names);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT slug, name, equipment FROM catalog_exercise ORDER BY slug")?;
        let mut by_words: HashMap<String, Vec<(Equipment, String)>> = HashMap::new();
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (slug, name, equipment) = row?;
            by_words
                .entry(MatchKey::of(&name).words)
                .or_default()
                .push((equipment, slug));
        }
        Ok(NAMES.get_or_init(|| NameIndex { by_words }))
    }

    /// The user's exercise that stands for the catalog lift `slug`: the row carrying the
    /// slug, or the user's own row that kept the lift's name when the catalog grew.
    pub fn exercise_for(&self, slug: &str) -> Result<Option<Exercise>, TrainingError> {
        let mut id: Option<u32> = self
            .conn
            .prepare_cached("SELECT id FROM exercise WHERE slug = ?1")?
            .query_row([slug], |r| r.get(0))
            .optional()?;
        if id.is_none() {
            id = self
                .conn
                .prepare_cached(
                    "SELECT exercise_id FROM catalog_suggestion WHERE slug = ?1 AND dismissed = 0",
                )?
                .query_row([slug], |r| r.get(0))
                .optional()?;
        }
        let read = Exercises::new(self.conn);
        match id {
            Some(id) => read.follow(id).map(Some),
            None => Ok(None),
        }
    }
}

/// The catalog's names reduced to [`MatchKey`]s, for matching many names in a row.
#[derive(Debug, Clone)]
pub struct NameIndex {
    /// The lifts (equipment, slug; by slug) of each [`MatchKey`]'s words.
    by_words: HashMap<String, Vec<(Equipment, String)>>,
}

impl NameIndex {
    /// The slug of the lift `name` means: an alias with the same key; else the lift with
    /// the same words and the named equipment; else, when no equipment is named, the lift
    /// with the same words and the most usual equipment (barbell first, then dumbbell,
    /// machine, body weight, cable, kettlebell, band, other).
    pub fn slug_for(&self, name: &str) -> Option<&str> {
        let key = MatchKey::of(name);
        if key.words.is_empty() {
            return None;
        }
        if let Some(slug) = aliases::slug_for(&key) {
            return Some(slug);
        }
        let same_words = self.by_words.get(&key.words)?.iter();
        let rank = |e: &Equipment| USUAL_EQUIPMENT.iter().position(|u| u == e);
        let best = match key.equipment {
            Some(wanted) => same_words.into_iter().find(|(e, _)| *e == wanted),
            None => same_words.min_by_key(|(e, _)| rank(e)),
        };
        best.map(|(_, slug)| slug.as_str())
    }
}
