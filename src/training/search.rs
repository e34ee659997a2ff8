//! Finding an exercise from a few typed letters: one ranking for every exercise picker in
//! the app (the logger's "add an exercise", the Exercises screen's search), so "squ" puts
//! the barbell squat first wherever the lifter types it.
//!
//! A name matches when it is the text (ignoring case and spacing), starts with it, has a
//! word starting with it, or has, for every typed word, a word starting with that word
//! ("row barb" finds "Bent Over Row (Barbell)"). The exact name comes first; then the
//! exercises the lifter has logged and the common lifts, so a lift someone logs every week
//! is never buried under a dozen variations that merely start with the text; then the
//! rest. Within each, matches rank in the order above, then by workouts logged (most
//! first), then in [`COMMON`]'s order, then by name. [`rank`] is pure;
//! [`search`] feeds it the vault's exercises and how often each was logged.

use std::collections::HashMap;

use rusqlite::Connection;

use super::error::MAX_NAME;
use super::{Exercise, Exercises, TrainingError};

/// Catalog lifts most lifters mean, most likely first (by slug, which no rename changes).
pub const COMMON: &[&str] = &[
    "squat-barbell",
    "bench-press-barbell",
    "deadlift-barbell",
    "overhead-press-barbell",
    "bent-over-row-barbell",
    "pull-up",
    "chin-up",
    "romanian-deadlift-barbell",
    "front-squat-barbell",
    "incline-bench-press-barbell",
    "bench-press-dumbbell",
    "incline-bench-press-dumbbell",
    "lat-pulldown-cable",
    "seated-row-cable",
    "leg-press-machine",
    "hip-thrust-barbell",
    "triceps-dip",
    "push-up",
    "bicep-curl-barbell",
    "bicep-curl-dumbbell",
    "lateral-raise-dumbbell",
    "triceps-pushdown-cable",
    "face-pull-cable",
    "plank",
];

/// The most matches one search returns (the Exercises screen lists them all).
pub const MAX_MATCHES: usize = 300;

/// What puts an exercise ahead of others that match as well.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Standing {
    /// In how many workouts the lifter logged it.
    pub workouts: u32,
    /// Its place in [`COMMON`], when it is a common lift.
    pub common: Option<usize>,
}

/// Lower case, words split at anything but letters and digits.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How well `name` matches the typed text (0 best), or `None` when it does not.
fn tier(name: &str, typed: &str, typed_words: &[String]) -> Option<u8> {
    let folded = name
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    if folded == typed {
        return Some(0);
    }
    if folded.starts_with(typed) {
        return Some(1);
    }
    let name_words = words(name);
    let starts = |w: &String| name_words.iter().any(|n| n.starts_with(w.as_str()));
    if typed_words.is_empty() || !typed_words.iter().all(starts) {
        return None;
    }
    Some(if typed_words.len() == 1 { 2 } else { 3 })
}

/// The exercises matching `text`, best first, at most `limit`; an empty text matches every
/// exercise (the lifter's own and the common lifts come first).
pub fn rank(
    exercises: Vec<Exercise>,
    standing: &HashMap<u32, Standing>,
    text: &str,
    limit: usize,
) -> Vec<Exercise> {
    let typed = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let typed_words = words(&typed);
    let mut found: Vec<(u8, Standing, Exercise)> = exercises
        .into_iter()
        .filter_map(|exercise| {
            let tier = if typed.is_empty() {
                0
            } else {
                tier(&exercise.name, &typed, &typed_words)?
            };
            let standing = standing.get(&exercise.id).copied().unwrap_or_default();
            Some((tier, standing, exercise))
        })
        .collect();
    // The exact name first; then the lifter's own and the common lifts; then by tier.
    let unfavoured = |s: &Standing| s.workouts == 0 && s.common.is_none();
    found.sort_by(|(ta, sa, a), (tb, sb, b)| {
        (*ta != 0)
            .cmp(&(*tb != 0))
            .then(unfavoured(sa).cmp(&unfavoured(sb)))
            .then(ta.cmp(tb))
            .then(sb.workouts.cmp(&sa.workouts))
            .then(
                sa.common
                    .unwrap_or(usize::MAX)
                    .cmp(&sb.common.unwrap_or(usize::MAX)),
            )
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    found.into_iter().take(limit).map(|(_, _, e)| e).collect()
}

/// The exercises matching `text` (archived ones too with `include_archived`; a picker
/// wants only usable ones), best first, at most `limit` (1 to [`MAX_MATCHES`]).
pub fn search(
    conn: &Connection,
    text: &str,
    include_archived: bool,
    limit: u32,
) -> Result<Vec<Exercise>, TrainingError> {
    if text.chars().count() > MAX_NAME {
        return Err(TrainingError::TooLong {
            what: "search text",
            max: MAX_NAME,
        });
    }
    super::in_range("the number of matches", i64::from(limit), 1, MAX_MATCHES as i64)?;
    let mut standing: HashMap<u32, Standing> = HashMap::new();
    let mut logged = conn.prepare_cached(
        "SELECT exercise_id, count(DISTINCT session_id) FROM session_set GROUP BY exercise_id",
    )?;
    for row in logged.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, u32>(1)?)))? {
        let (id, workouts) = row?;
        standing.entry(id).or_default().workouts = workouts;
    }
    let mut slugs = conn.prepare_cached("SELECT id, slug FROM exercise WHERE slug IS NOT NULL")?;
    for row in slugs.query_map([], |r| Ok((r.get::<_, u32>(0)?, r.get::<_, String>(1)?)))? {
        let (id, slug) = row?;
        if let Some(place) = COMMON.iter().position(|common| *common == slug) {
            standing.entry(id).or_default().common = Some(place);
        }
    }
    let all = Exercises::new(conn).list(include_archived)?;
    Ok(rank(all, &standing, text, limit as usize))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::training::{Equipment, ExerciseKind};

    fn exercise(id: u32, name: &str) -> Exercise {
        Exercise {
            id,
            gid: format!("{id:032x}"),
            name: name.into(),
            kind: ExerciseKind::WeightReps,
            muscle: None,
            equipment: Equipment::Other,
            builtin: true,
            archived: false,
            needs_review: false,
            merged_into: None,
        }
    }

    /// A small catalog, alphabetical as the vault lists it.
    fn catalog() -> Vec<Exercise> {
        [
            "Bench Dip",
            "Bench Press (Barbell)",
            "Bench Press (Dumbbell)",
            "Bent Over Row (Barbell)",
            "Box Squat",
            "Front Squat (Barbell)",
            "Incline Bench Press (Barbell)",
            "Overhead Squat",
            "Squat (Barbell)",
            "Squat (Smith Machine)",
            "Squat Jump",
        ]
        .iter()
        .zip(1..)
        .map(|(name, id)| exercise(id, name))
        .collect()
    }

    fn id(name: &str) -> u32 {
        catalog().iter().find(|e| e.name == name).map(|e| e.id).unwrap()
    }

    /// The catalog's common lifts as the vault marks them.
    fn common() -> HashMap<u32, Standing> {
        [
            ("Squat (Barbell)", 0),
            ("Bench Press (Barbell)", 1),
            ("Bent Over Row (Barbell)", 4),
            ("Front Squat (Barbell)", 8),
        ]
        .into_iter()
        .map(|(name, place)| {
            (
                id(name),
                Standing {
                    workouts: 0,
                    common: Some(place),
                },
            )
        })
        .collect()
    }

    fn names(text: &str, standing: &HashMap<u32, Standing>, limit: usize) -> Vec<String> {
        rank(catalog(), standing, text, limit)
            .into_iter()
            .map(|e| e.name)
            .collect()
    }

    #[test]
    fn a_few_letters_put_the_common_lift_first() {
        assert_eq!(
            names("squ", &common(), 10),
            [
                "Squat (Barbell)",
                "Front Squat (Barbell)",
                "Squat (Smith Machine)",
                "Squat Jump",
                "Box Squat",
                "Overhead Squat",
            ]
        );
        assert_eq!(
            names("bench", &common(), 2),
            ["Bench Press (Barbell)", "Bench Dip"]
        );
        // Case and spacing do not matter; every typed word must start a word of the name.
        assert_eq!(names("  ROW   barb ", &common(), 10), ["Bent Over Row (Barbell)"]);
        assert_eq!(names("press dumb", &common(), 10), ["Bench Press (Dumbbell)"]);
        assert!(names("xyz", &common(), 10).is_empty());
    }

    #[test]
    fn the_exact_name_wins_then_what_the_lifter_logs() {
        // "Squat Jump" typed whole is first, even though the barbell squat is common.
        assert_eq!(names("squat jump", &common(), 1), ["Squat Jump"]);
        // A lifter who logs the Smith machine squat gets it first; the most logged wins.
        let mut standing = common();
        standing.insert(
            id("Squat (Smith Machine)"),
            Standing {
                workouts: 3,
                common: None,
            },
        );
        standing.insert(
            id("Squat Jump"),
            Standing {
                workouts: 1,
                common: None,
            },
        );
        assert_eq!(
            names("squ", &standing, 3),
            ["Squat (Smith Machine)", "Squat Jump", "Squat (Barbell)"]
        );
        // A name that starts with the text still beats a logged one where only a word does.
        standing.insert(
            id("Front Squat (Barbell)"),
            Standing {
                workouts: 9,
                common: Some(8),
            },
        );
        assert_eq!(names("squ", &standing, 1), ["Squat (Smith Machine)"]);
    }

    #[test]
    fn nothing_typed_offers_the_lifters_own_and_the_common_lifts() {
        let mut standing = common();
        standing.insert(
            id("Box Squat"),
            Standing {
                workouts: 2,
                common: None,
            },
        );
        assert_eq!(
            names("", &standing, 3),
            ["Box Squat", "Squat (Barbell)", "Bench Press (Barbell)"]
        );
    }
}
