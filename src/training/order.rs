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
    renumber(&tx, session_id, &ordered)?;
    tx.commit()?;
    Ok(())
}

/// Gives the sets of `session_id` the positions 0, 1, 2… in the order of `ordered` (every
/// set of the session, each once). The caller holds a transaction.
pub(crate) fn renumber(conn: &Connection, session_id: u32, ordered: &[u32]) -> Result<(), TrainingError> {
    // Out of the way first, above every current position, so no two sets ever share one.
    let above: u32 = conn
        .prepare_cached("SELECT coalesce(max(position) + 1, 0) FROM session_set WHERE session_id = ?1")?
        .query_row([session_id], |r| r.get(0))?;
    conn.execute(
        "UPDATE session_set SET position = position + ?2 WHERE session_id = ?1",
        params![session_id, above],
    )?;
    let mut update = conn.prepare_cached("UPDATE session_set SET position = ?2 WHERE id = ?1")?;
    for (position, id) in ordered.iter().enumerate() {
        update.execute(params![id, position as u32])?;
    }
    Ok(())
}

/// Moves a set one place up (before the previous set of its exercise in the session) or
/// down (after the next one); sets of other exercises keep their places. Refused at the
/// ends. Record flags are recomputed, as they follow the order of an exercise's sets.
pub(crate) fn move_set(conn: &Connection, set_id: u32, up: bool) -> Result<(), TrainingError> {
    let set = Sets::new(conn).get(set_id)?;
    let sets = Sets::new(conn).of_session(set.session_id)?;
    let exercise = set.input.exercise_id;
    let mine: Vec<u32> = sets
        .iter()
        .filter(|s| s.input.exercise_id == exercise)
        .map(|s| s.id)
        .collect();
    let at = mine.iter().position(|&id| id == set_id).unwrap_or(0);
    let other = if up { at.checked_sub(1) } else { Some(at + 1) };
    let Some(&other) = other.and_then(|i| mine.get(i)) else {
        return Err(TrainingError::Refused(if up {
            "this is already the first set of its exercise"
        } else {
            "this is already the last set of its exercise"
        }));
    };
    // The two sets trade places; everything else stays.
    let ordered: Vec<u32> = sets
        .iter()
        .map(|s| match s.id {
            id if id == set_id => other,
            id if id == other => set_id,
            id => id,
        })
        .collect();
    let tx = Atomic::begin(conn)?;
    renumber(&tx, set.session_id, &ordered)?;
    super::records::refresh(&tx, &[exercise])?;
    tx.commit()?;
    Ok(())
}
