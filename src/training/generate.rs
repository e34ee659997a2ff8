//! A generated training history, for benchmarks and for tests of later features (backups,
//! insights) that need a realistic, large vault: ten years by default, about 3,000
//! sessions and 75,000 sets.
//!
//! It is deterministic (a fixed linear congruential generator from a seed), uses the
//! built-in catalog only, and writes rows directly in one transaction — record flags are
//! left unset, because flagging each of 75,000 sets as it is logged is not what is being
//! measured.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, params};

use super::units::{Unit, Weight};
use super::{TrainingError, stamp};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct HistoryShape {
    /// How many sessions.
    pub sessions: u32,
    /// Sets per session.
    pub sets_per_session: u32,
    /// The first session's start; the rest follow about every 1.2 days.
    pub start: DateTime<Utc>,
    /// The seed.
    pub seed: u64,
}

impl HistoryShape {
    /// Ten years from `start`: 3,000 sessions of 25 sets.
    pub fn ten_years(start: DateTime<Utc>) -> HistoryShape {
        HistoryShape {
            sessions: 3000,
            sets_per_session: 25,
            start,
            seed: 0x1F0_2026,
        }
    }
}

const LIFTS: &[&str] = &[
    "Squat (Barbell)",
    "Bench Press (Barbell)",
    "Deadlift (Barbell)",
    "Overhead Press (Barbell)",
    "Bent Over Row (Barbell)",
    "Lat Pulldown (Cable)",
    "Leg Press (Machine)",
    "Bicep Curl (Dumbbell)",
    "Triceps Pushdown (Cable)",
    "Pull Up",
    "Lateral Raise (Dumbbell)",
    "Romanian Deadlift (Barbell)",
];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % below.max(1)
    }
}

/// Writes the history into `conn` (a migrated vault); returns (sessions, sets) written.
pub fn history(conn: &Connection, shape: HistoryShape) -> Result<(u32, u32), TrainingError> {
    let ids: Vec<u32> = LIFTS
        .iter()
        .map(|name| conn.query_row("SELECT id FROM exercise WHERE name = ?1", [name], |r| r.get(0)))
        .collect::<Result<_, _>>()?;
    let mut rng = Lcg(shape.seed);
    let tx = crate::training::Atomic::begin(conn)?;
    let mut session =
        tx.prepare("INSERT INTO session (name, started_at, ended_at, source) VALUES (?1, ?2, ?3, 'manual')")?;
    let mut set = tx.prepare(
        "INSERT INTO session_set (session_id, exercise_id, position, weight_milli, weight_unit, weight_kg, reps,
             rpe_half, kind, done)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 1)",
    )?;
    let mut body = tx.prepare(
        "INSERT OR IGNORE INTO body_weight (measured_at, weight_milli, weight_unit, weight_kg) VALUES (?1, ?2, 'kg', ?3)",
    )?;
    let mut sets = 0;
    for n in 0..shape.sessions {
        let start = shape.start + Duration::minutes(i64::from(n) * 1752 + rng.next(120) as i64);
        let end = start + Duration::minutes(45 + rng.next(60) as i64);
        session.execute(params![format!("Day {}", n % 4 + 1), stamp(start), stamp(end)])?;
        let session_id = tx.last_insert_rowid();
        if n % 5 == 0 {
            let milli = 80_000 + rng.next(4000) as u32;
            body.execute(params![stamp(start), milli, f64::from(milli) / 1000.0])?;
        }
        let progress = f64::from(n) / f64::from(shape.sessions.max(1));
        for position in 0..shape.sets_per_session {
            let lift = (position / 5 + n * 2) as usize % ids.len();
            let unit = if lift % 5 == 4 { Unit::Lb } else { Unit::Kg };
            let base = 40.0 + 60.0 * progress + (lift as f64) * 5.0;
            let kg = (base + rng.next(20) as f64 * 2.5).min(400.0);
            let amount = if unit == Unit::Lb {
                (kg / 0.453_592_37 / 5.0).round() * 5.0
            } else {
                kg
            };
            let weight = Weight::from_milli((amount * 1000.0) as u32, unit)?;
            let warmup = position % 5 == 0;
            set.execute(params![
                session_id,
                ids[lift],
                position,
                weight.milli(),
                unit,
                weight.kg(),
                3 + rng.next(10) as u32,
                14 + rng.next(7) as u8,
                if warmup { "warmup" } else { "working" },
            ])?;
            sets += 1;
        }
    }
    drop((session, set, body));
    tx.commit()?;
    Ok((shape.sessions, sets))
}
