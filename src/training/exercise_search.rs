//! Finding an exercise among 748 by typing part of its name, the likely one first.
//!
//! A plain alphabetical filter buries "Squat (Barbell)" under "Barbell Full Squat" and a
//! dozen variations. Results rank: the exact name; then the lifts this lifter has logged
//! and the staples every gym has (the 80 lifts of the first catalog, below); then names
//! starting with the query; then the lifts logged most; then shorter names (the plain
//! lift before its variations); then alphabetical. Every word of the query must appear in
//! the name, in any order, ignoring case.

use rusqlite::Connection;

use super::TrainingError;
use super::exercises::{COLUMNS, Exercise};

/// The most results one search returns.
pub const MAX_RESULTS: u32 = 300;

/// The staples: the lifts the first catalog shipped, by slug.
const STAPLES: &[&str] = &[
    "bench-press-barbell",
    "incline-bench-press-barbell",
    "decline-bench-press-barbell",
    "close-grip-bench-press-barbell",
    "squat-barbell",
    "front-squat-barbell",
    "deadlift-barbell",
    "sumo-deadlift-barbell",
    "romanian-deadlift-barbell",
    "overhead-press-barbell",
    "bent-over-row-barbell",
    "pendlay-row-barbell",
    "hip-thrust-barbell",
    "bicep-curl-barbell",
    "skullcrusher-barbell",
    "shrug-barbell",
    "lunge-barbell",
    "good-morning-barbell",
    "power-clean",
    "clean-and-jerk",
    "snatch",
    "bench-press-dumbbell",
    "incline-bench-press-dumbbell",
    "chest-fly-dumbbell",
    "shoulder-press-dumbbell",
    "lateral-raise-dumbbell",
    "front-raise-dumbbell",
    "bicep-curl-dumbbell",
    "hammer-curl-dumbbell",
    "triceps-extension-dumbbell",
    "bent-over-one-arm-row-dumbbell",
    "goblet-squat-dumbbell",
    "lunge-dumbbell",
    "romanian-deadlift-dumbbell",
    "shrug-dumbbell",
    "wrist-curl-dumbbell",
    "leg-press-machine",
    "leg-extension-machine",
    "lying-leg-curl-machine",
    "seated-leg-curl-machine",
    "standing-calf-raise-machine",
    "seated-calf-raise-machine",
    "chest-press-machine",
    "shoulder-press-machine",
    "hack-squat-machine",
    "hip-abductor-machine",
    "seated-row-machine",
    "lat-pulldown-cable",
    "seated-row-cable",
    "triceps-pushdown-cable",
    "face-pull-cable",
    "cable-crossover",
    "bicep-curl-cable",
    "crunch-cable",
    "kettlebell-swing",
    "goblet-squat-kettlebell",
    "turkish-get-up-kettlebell",
    "pull-up",
    "chin-up",
    "push-up",
    "triceps-dip",
    "inverted-row",
    "sit-up",
    "hanging-leg-raise",
    "back-extension",
    "pistol-squat",
    "glute-bridge",
    "plank",
    "side-plank",
    "dead-hang",
    "wall-sit",
    "farmers-walk",
    "running",
    "cycling",
    "rowing-machine",
    "elliptical-trainer",
    "stair-climber",
    "jump-rope",
    "walking",
    "swimming",
];

/// The exercises whose name holds every word of `query`, the likely ones first (at most
/// `limit`, 1-300). An empty query lists everything in that order.
pub fn search(
    conn: &Connection,
    query: &str,
    include_archived: bool,
    limit: u32,
) -> Result<Vec<Exercise>, TrainingError> {
    super::in_range(
        "the number of results",
        i64::from(limit),
        1,
        i64::from(MAX_RESULTS),
    )?;
    if query.chars().count() > super::MAX_NAME {
        return Err(TrainingError::TooLong {
            what: "search",
            max: super::MAX_NAME,
        });
    }
    let wanted = query
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let words: Vec<&str> = wanted.split(' ').filter(|w| !w.is_empty()).collect();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS}, name_key, slug,
                (SELECT count(*) FROM session_set s WHERE s.exercise_id = e.id)
         FROM exercise e WHERE merged_into IS NULL AND (?1 OR archived = 0)"
    ))?;
    let mut found = Vec::new();
    let mut rows = stmt.query([include_archived])?;
    while let Some(row) = rows.next()? {
        let key: String = row.get(9)?;
        if !words.iter().all(|w| key.contains(w)) {
            continue;
        }
        let slug: Option<String> = row.get(10)?;
        let used: u32 = row.get(11)?;
        let staple = slug.as_deref().is_some_and(|s| STAPLES.contains(&s));
        let rank = (
            key != wanted,
            used == 0 && !staple,
            !key.starts_with(&wanted),
            std::cmp::Reverse(used),
            key.chars().count(),
            key,
        );
        found.push((rank, Exercise::from_row(row)?));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(found.into_iter().take(limit as usize).map(|(_, e)| e).collect())
}
