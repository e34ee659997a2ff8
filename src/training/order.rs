//! The order of exercises inside a session, kept as the order of each exercise's first set.
//!
//! A lifter who moves an exercise up or down in the logger expects the session to stay in
//! that order, in History and in exports. Sets carry a per-session `position`, so moving an
//! exercise renumbers the session's sets: each exercise's sets move as one block in the
//! order asked for, keeping their order among themselves. A superset group (sets sharing a
//! `superset` number, which alternate) moves as one block too, at the place of its first
//! exercise in the new order, so its sets stay interleaved as they were performed.
//! Records never change: they compare an exercise's sets with each other, whose order
//! this keeps.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};

use super::sets::Sets;
use super::{Atomic, TrainingError};

/// What moves as one: an exercise's sets, or every set of a superset group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Exercise(u32),
    Superset(u8),
}

/// Renumbers the sets of `session_id` so its exercises follow `exercise_ids`, which must
/// list every exercise the session holds sets of, each once. All or nothing.
pub(crate) fn reorder_exercises(
    conn: &Connection,
    session_id: u32,
    exercise_ids: &[u32],
) -> Result<(), TrainingError> {
    super::sessions::Sessions::new(conn).get(session_id)?;
    let sets = Sets::new(conn).of_session(session_id)?;
    // Each exercise's block is the one its first set belongs to.
    let mut block_of: HashMap<u32, Block> = HashMap::new();
    for set in &sets {
        let exercise = set.input.exercise_id;
        let block = set
            .input
            .superset
            .map_or(Block::Exercise(exercise), Block::Superset);
        block_of.entry(exercise).or_insert(block);
    }
    let unique: HashSet<u32> = exercise_ids.iter().copied().collect();
    if unique.len() != exercise_ids.len() {
        return Err(TrainingError::Refused(
            "the new order lists an exercise more than once",
        ));
    }
    if unique.len() != block_of.len() || !unique.iter().all(|id| block_of.contains_key(id)) {
        return Err(TrainingError::Refused(
            "the new order must list every exercise logged in the session, and only those",
        ));
    }
    let mut blocks: Vec<Block> = Vec::new();
    for block in exercise_ids.iter().filter_map(|id| block_of.get(id)) {
        if !blocks.contains(block) {
            blocks.push(*block);
        }
    }
    // A set moves with its exercise's block (a stray set outside the superset group of its
    // exercise's first set included), in the order it had.
    let ordered: Vec<u32> = blocks
        .iter()
        .flat_map(|block| {
            sets.iter()
                .filter(|set| block_of.get(&set.input.exercise_id) == Some(block))
                .map(|set| set.id)
        })
        .collect();
    let tx = Atomic::begin(conn)?;
    // Out of the way first, above every current position, so no two sets ever share one.
    let above: u32 = sets.iter().map(|s| s.position).max().map_or(0, |p| p + 1);
    tx.execute(
        "UPDATE session_set SET position = position + ?2 WHERE session_id = ?1",
        params![session_id, above],
    )?;
    let mut update = tx.prepare_cached("UPDATE session_set SET position = ?2 WHERE id = ?1")?;
    for (position, id) in ordered.iter().enumerate() {
        update.execute(params![id, position as u32])?;
    }
    drop(update);
    tx.commit()?;
    Ok(())
}
