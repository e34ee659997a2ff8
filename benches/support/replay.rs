//! For the sync benchmarks (each includes it with `#[path]`): workouts of the generated
//! history, logged again through the app's own write path (start a session, log each set,
//! finish it; a body weight where the history has one), so that sync's capture triggers
//! see them as they see a lifter's. The generator itself writes a whole history in one
//! transaction, which would travel as one file; a lifter's workouts travel as they are
//! logged. After each write the caller is told what happened and when, and decides
//! whether a sync run follows.

use chrono::{DateTime, Utc};
use ironkeep::keys::DbKey;
use ironkeep::training::generate::{self, HistoryShape};
use ironkeep::training::{
    BodyWeights, Exercises, Rpe, SessionsMut, SetInput, SetKind, SetsMut, StartSession, Unit, Weight,
    parse_stamp,
};
use ironkeep::vault::{db, migrate};
use rusqlite::Connection;

/// One generated workout, as a lifter would enter it.
pub struct Workout {
    name: String,
    started_at: DateTime<Utc>,
    ended_at: DateTime<Utc>,
    body: Option<Weight>,
    /// Each set's exercise by name (ids differ between vaults) and what was entered.
    sets: Vec<(String, SetInput)>,
}

/// A write a lifter makes, after which the app's watcher may run sync.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Logged {
    /// A session was started (with the body weight, when the workout has one).
    Started,
    /// A set was logged.
    Set,
    /// The session was finished.
    Finished,
}

/// The workouts of `shape`, generated into a scratch vault and read back in order.
pub fn generated(shape: HistoryShape) -> Vec<Workout> {
    let tmp = tempfile::tempdir().unwrap();
    let mut conn = db::open(
        &tmp.path().join("scratch.db"),
        &DbKey::generate().unwrap(),
        db::Create::New,
    )
    .unwrap();
    migrate::run(&mut conn).unwrap();
    generate::history(&conn, shape).unwrap();
    let mut workouts: Vec<Workout> = conn
        .prepare(
            "SELECT s.name, s.started_at, s.ended_at, b.weight_milli FROM session s
             LEFT JOIN body_weight b ON b.measured_at = s.started_at ORDER BY s.id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<u32>>(3)?,
            ))
        })
        .unwrap()
        .map(|row| {
            let (name, started, ended, body) = row.unwrap();
            Workout {
                name,
                started_at: parse_stamp(&started).unwrap(),
                ended_at: parse_stamp(&ended).unwrap(),
                body: body.map(|milli| Weight::from_milli(milli, Unit::Kg).unwrap()),
                sets: Vec::new(),
            }
        })
        .collect();
    let mut sets = conn
        .prepare(
            "SELECT st.session_id, e.name, st.weight_milli, st.weight_unit, st.reps, st.rpe_half, st.kind
             FROM session_set st JOIN exercise e ON e.id = st.exercise_id ORDER BY st.session_id, st.position",
        )
        .unwrap();
    let rows = sets
        .query_map([], |r| {
            Ok((
                r.get::<_, u32>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u32>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, u8>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .unwrap();
    for row in rows {
        let (session, exercise, milli, unit, reps, rpe, kind) = row.unwrap();
        let weight = Weight::from_milli(milli, unit.parse().unwrap()).unwrap();
        let mut input = SetInput::working(0, weight, reps);
        input.rpe = Some(Rpe::from_halves(rpe).unwrap());
        if kind == "warmup" {
            input.kind = SetKind::Warmup;
        }
        // Session ids start at 1 in the scratch vault, in the order read above.
        workouts[session as usize - 1].sets.push((exercise, input));
    }
    workouts
}

/// Logs `workout` into `conn` through the app's write path, calling `after` with each
/// write and its time (the sets evenly spread over the session).
pub fn log(conn: &Connection, workout: &Workout, mut after: impl FnMut(Logged, DateTime<Utc>)) {
    let at = workout.started_at;
    let session = SessionsMut::new(conn)
        .start(
            &StartSession {
                name: Some(workout.name.clone()),
                started_at: at,
                ..StartSession::default()
            },
            at,
        )
        .unwrap()
        .session
        .id;
    if let Some(weight) = workout.body {
        BodyWeights::new(conn).log(at, weight, false, at).unwrap();
    }
    after(Logged::Started, at);
    let every = (workout.ended_at - at) / i32::try_from(workout.sets.len() + 1).unwrap();
    for (n, (exercise, input)) in workout.sets.iter().enumerate() {
        let mut input = input.clone();
        input.exercise_id = Exercises::new(conn).by_name(exercise).unwrap().id;
        SetsMut::new(conn).log(session, &input).unwrap();
        after(Logged::Set, at + every * i32::try_from(n + 1).unwrap());
    }
    SessionsMut::new(conn)
        .finish(session, workout.ended_at, false, workout.ended_at)
        .unwrap();
    after(Logged::Finished, workout.ended_at);
}

/// The sets of `workouts`.
pub fn sets(workouts: &[Workout]) -> usize {
    workouts.iter().map(|w| w.sets.len()).sum()
}
