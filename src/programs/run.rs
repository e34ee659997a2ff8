//! Running a program in the vault: start it with training maxes, see today's day, start
//! a session pre-filled from it, finish and see what changes, override a training max,
//! skip a day, stop.
//!
//! Only facts are stored (the run's start and starting maxes, the overrides and skips as
//! dated events, and which session came from which program day); [`Runs::state`]
//! replays them with the finished sessions' done working sets, in time order, every time.
//! Rounding comes from the vault's settings: barbell lifts use the plate set of the
//! display unit, other lifts their increment (2.5 kg / 5 lb unless set), and a lift's
//! maximum caps every prescription.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use super::changes::{NextTime, next_time};
use super::error::{ProgramError, tidy_message};
use super::format::Program;
use super::plan::{DayPlan, Planner};
use super::rounding::{Loading, default_increment_milli};
use super::state::{DoneSet, Event, ProgramState};
use super::store::{Programs, StoredProgram};
use crate::training::catalog::Catalog;
use crate::training::exercises::{Equipment, Exercise};
use crate::training::records::Records;
use crate::training::sessions::SessionDetail;
use crate::training::sets::{SetInput, SetKind, SetsMut};
use crate::training::settings::Settings;
use crate::training::units::{Unit, Weight};
use crate::training::{Atomic, Sessions, SessionsMut, StartSession, stamp};

/// The program being run.
#[derive(Debug, Clone)]
pub struct ActiveRun {
    /// The run's id.
    pub id: u32,
    /// When it started, RFC 3339.
    pub started_at: String,
    /// The program.
    pub stored: StoredProgram,
    /// The training maxes it started with, by lift id.
    pub maxes: BTreeMap<String, Weight>,
}

/// Today's day of the active program.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Today {
    /// The program's name.
    pub program: String,
    /// The day with its weights.
    pub plan: DayPlan,
}

/// A session finished from a program, and what it changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Finished {
    /// For each lift of the day, what changes next time.
    pub next_time: Vec<NextTime>,
}

/// Access to the active run.
#[derive(Debug, Clone, Copy)]
pub struct Runs<'c> {
    conn: &'c Connection,
}

impl<'c> Runs<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// The running program, if any.
    pub fn active(&self) -> Result<Option<ActiveRun>, ProgramError> {
        let found: Option<(u32, u32, String)> = self
            .conn
            .prepare_cached("SELECT id, program_id, started_at FROM program_run WHERE stopped_at IS NULL")?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((id, program_id, started_at)) = found else {
            return Ok(None);
        };
        let stored = Programs::new(self.conn).get(program_id)?;
        let mut maxes = BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT lift, weight_milli, weight_unit FROM program_run_max WHERE run_id = ?1",
        )?;
        let mut rows = stmt.query([id])?;
        while let Some(row) = rows.next()? {
            let unit: Unit = row.get(2)?;
            maxes.insert(row.get::<_, String>(0)?, Weight::from_milli(row.get(1)?, unit)?);
        }
        Ok(Some(ActiveRun {
            id,
            started_at,
            stored,
            maxes,
        }))
    }

    fn require(&self) -> Result<ActiveRun, ProgramError> {
        self.active()?.ok_or(ProgramError::Refused(
            "no program is running; start one with `ironkeep program start`",
        ))
    }

    /// Starts `name` (the user's program, else a copy of the built-in) with training
    /// maxes by lift (id or exercise); a lift given none starts from its best Epley e1RM
    /// in the log × the program's `training_max_percent`, and a lift with neither is
    /// refused. Refused while another program runs.
    pub fn start(
        &self,
        name: &str,
        maxes: &[(String, Weight)],
        now: DateTime<Utc>,
    ) -> Result<ActiveRun, ProgramError> {
        let tx = Atomic::begin(self.conn)?;
        if self.active()?.is_some() {
            return Err(ProgramError::Refused(
                "a program is already running; stop it first",
            ));
        }
        let stored = Programs::new(self.conn).find_or_copy(name, now)?;
        let mut by_lift = BTreeMap::new();
        for (lift, weight) in maxes {
            let lift = stored.program.find_lift(lift)?;
            by_lift.insert(lift.id.clone(), *weight);
        }
        // A lift given no training max starts from the best Epley e1RM in the log times
        // the program's training-max percentage, in the display unit.
        let unit = Settings::new(self.conn).display_unit()?;
        let percent = f64::from(stored.program.training_max_percent.unwrap_or(100));
        for lift in &stored.program.lifts {
            if by_lift.contains_key(&lift.id) {
                continue;
            }
            let Ok(exercise) = exercise_of(self.conn, &lift.exercise) else {
                continue;
            };
            let best = Records::new(self.conn).of_exercise(exercise.id)?.best_e1rm;
            if let Some(best) = best {
                let milli = (best.value * percent / 100.0 / unit.kg_factor() * 1000.0).round();
                by_lift.insert(lift.id.clone(), Weight::from_milli(milli as u32, unit)?);
            }
        }
        ProgramState::start(&stored.program, &by_lift)?;
        self.conn
            .prepare_cached("INSERT INTO program_run (program_id, started_at) VALUES (?1, ?2)")?
            .execute(params![stored.id, stamp(now)])?;
        let run = self.conn.last_insert_rowid();
        for (lift, weight) in &by_lift {
            self.conn
                .prepare_cached(
                    "INSERT INTO program_run_max (run_id, lift, weight_milli, weight_unit) VALUES (?1, ?2, ?3, ?4)",
                )?
                .execute(params![run, lift, weight.milli(), weight.unit()])?;
        }
        tx.commit()?;
        self.require()
    }

    /// Stops the running program (its sessions stay in the log).
    pub fn stop(&self, now: DateTime<Utc>) -> Result<StoredProgram, ProgramError> {
        let run = self.require()?;
        self.conn.execute(
            "UPDATE program_run SET stopped_at = max(?1, started_at) WHERE id = ?2",
            params![stamp(now), run.id],
        )?;
        Ok(run.stored)
    }

    /// Sets a lift's training max by hand from now on.
    pub fn set_training_max(
        &self,
        lift: &str,
        weight: Weight,
        now: DateTime<Utc>,
    ) -> Result<String, ProgramError> {
        let run = self.require()?;
        let lift = run.stored.program.find_lift(lift)?.id.clone();
        self.conn.execute(
            "INSERT INTO program_event (run_id, at, kind, lift, weight_milli, weight_unit)
             VALUES (?1, ?2, 'training_max', ?3, ?4, ?5)",
            params![run.id, stamp(now), lift, weight.milli(), weight.unit()],
        )?;
        Ok(lift)
    }

    /// Skips the next day.
    pub fn skip(&self, now: DateTime<Utc>) -> Result<Today, ProgramError> {
        let run = self.require()?;
        let (_, state) = self.state(&run)?;
        self.conn.execute(
            "INSERT INTO program_event (run_id, at, kind, week, day) VALUES (?1, ?2, 'skip', ?3, ?4)",
            params![run.id, stamp(now), state.week, state.day],
        )?;
        self.today()
    }

    /// The next day of the running program with its weights.
    pub fn today(&self) -> Result<Today, ProgramError> {
        let run = self.require()?;
        let (planner, state) = self.state(&run)?;
        Ok(Today {
            program: run.stored.program.name.clone(),
            plan: planner.next(&state)?,
        })
    }

    /// Starts a session from the next day, pre-filled with its warm-ups and working sets
    /// (not done), and links it to that day.
    pub fn start_session(
        &self,
        started_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<SessionDetail, ProgramError> {
        let run = self.require()?;
        let (planner, state) = self.state(&run)?;
        let plan = planner.next(&state)?;
        let tx = Atomic::begin(self.conn)?;
        let session = SessionsMut::new(self.conn).start(
            &StartSession {
                name: Some(format!("{}: {}", run.stored.program.name, plan.name)),
                started_at,
                routine_id: None,
                notes: String::new(),
            },
            now,
        )?;
        let sets = SetsMut::new(self.conn);
        for exercise in &plan.exercises {
            let id = exercise_of(self.conn, &exercise.exercise)?.id;
            let warmups = exercise.warmups.iter().map(|s| (s, SetKind::Warmup));
            for (set, kind) in warmups.chain(exercise.sets.iter().map(|s| (s, SetKind::Working))) {
                let input = SetInput {
                    kind,
                    done: false,
                    ..SetInput::working(id, set.weight, set.reps)
                };
                sets.insert(session.session.id, &input, None)?;
            }
        }
        self.conn.execute(
            "INSERT INTO program_session (session_id, run_id, week, day) VALUES (?1, ?2, ?3, ?4)",
            params![session.session.id, run.id, state.week, state.day],
        )?;
        tx.commit()?;
        Ok(Sessions::new(self.conn).detail(session.session.id)?)
    }

    /// What the finished session `session_id` changed, when it came from the running
    /// program (`None` otherwise).
    pub fn finished(&self, session_id: u32) -> Result<Option<Finished>, ProgramError> {
        let Some(run) = self.active()? else {
            return Ok(None);
        };
        let linked: Option<(u32, u32)> = self
            .conn
            .query_row(
                "SELECT week, day FROM program_session WHERE session_id = ?1 AND run_id = ?2",
                params![session_id, run.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((week, day)) = linked else {
            return Ok(None);
        };
        let planner = Planner::new(&run.stored.program, loadings(self.conn, &run.stored.program)?)?;
        let events = self.events(&run)?;
        let mine = events.iter().position(|(id, _)| *id == Some(session_id));
        let Some(at) = mine else { return Ok(None) };
        let plain: Vec<Event> = events.into_iter().map(|(_, e)| e).collect();
        let before = ProgramState::derive(&planner, &run.maxes, &plain[..at])?;
        let after = ProgramState::derive(&planner, &run.maxes, &plain[..=at])?;
        Ok(Some(Finished {
            next_time: next_time(&run.stored.program, week, day, &before, &after),
        }))
    }

    /// The planner and the derived state of `run`.
    pub fn state<'r>(&self, run: &'r ActiveRun) -> Result<(Planner<'r>, ProgramState), ProgramError> {
        let planner = Planner::new(&run.stored.program, loadings(self.conn, &run.stored.program)?)?;
        let events: Vec<Event> = self.events(run)?.into_iter().map(|(_, e)| e).collect();
        let state = ProgramState::derive(&planner, &run.maxes, &events)?;
        Ok((planner, state))
    }

    /// The run's events in time order: finished linked sessions (with their ids) and the
    /// lifter's overrides and skips.
    fn events(&self, run: &ActiveRun) -> Result<Vec<(Option<u32>, Event)>, ProgramError> {
        let mut dated: Vec<(String, u32, Option<u32>, Event)> = Vec::new();
        let mut stmt = self.conn.prepare_cached(
            "SELECT at, id, kind, lift, weight_milli, weight_unit, week, day FROM program_event WHERE run_id = ?1",
        )?;
        let mut rows = stmt.query([run.id])?;
        while let Some(row) = rows.next()? {
            let kind: String = row.get(2)?;
            let event = if kind == "training_max" {
                let unit: Unit = row.get(5)?;
                Event::TrainingMax {
                    lift: row.get(3)?,
                    weight: Weight::from_milli(row.get(4)?, unit)?,
                }
            } else {
                Event::Skipped {
                    week: row.get(6)?,
                    day: row.get(7)?,
                }
            };
            dated.push((row.get(0)?, row.get(1)?, None, event));
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT x.started_at, x.id, p.week, p.day FROM program_session p JOIN session x ON x.id = p.session_id
             WHERE p.run_id = ?1 AND x.ended_at IS NOT NULL",
        )?;
        let sessions: Vec<(String, u32, u32, u32)> = stmt
            .query_map([run.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<Result<_, _>>()?;
        let mut sets = self.conn.prepare_cached(
            "SELECT e.slug, e.name, s.weight_milli, s.weight_unit, s.reps FROM session_set s
             JOIN exercise e ON e.id = s.exercise_id
             WHERE s.session_id = ?1 AND s.done = 1 AND s.kind <> 'warmup'
               AND s.weight_milli IS NOT NULL AND s.reps IS NOT NULL
             ORDER BY s.position",
        )?;
        for (started_at, id, week, day) in sessions {
            let mut done = Vec::new();
            let mut rows = sets.query([id])?;
            while let Some(row) = rows.next()? {
                let slug: Option<String> = row.get(0)?;
                let name: String = row.get(1)?;
                let unit: Unit = row.get(3)?;
                let weight = Weight::from_milli(row.get(2)?, unit)?;
                let reps: u32 = row.get(4)?;
                // The program names the exercise by slug or by name; give it back the
                // way the program's lift does.
                let exercise = run
                    .stored
                    .program
                    .lifts
                    .iter()
                    .map(|l| &l.exercise)
                    .find(|e| slug.as_deref() == Some(e.as_str()) || e.to_lowercase() == name.to_lowercase())
                    .cloned()
                    .unwrap_or(name);
                done.push(DoneSet {
                    exercise,
                    weight,
                    reps,
                });
            }
            dated.push((
                started_at,
                id,
                Some(id),
                Event::Finished {
                    week,
                    day,
                    sets: done,
                },
            ));
        }
        // Time order; at the same second, sessions before events, then by id.
        dated.sort_by(|a, b| (&a.0, a.2.is_none(), a.1).cmp(&(&b.0, b.2.is_none(), b.1)));
        Ok(dated
            .into_iter()
            .map(|(_, _, session, event)| (session, event))
            .collect())
    }
}

/// The vault's exercise for a program's exercise (catalog slug or name).
pub fn exercise_of(conn: &Connection, exercise: &str) -> Result<Exercise, ProgramError> {
    let catalog = Catalog::new(conn);
    if let Some(found) = catalog.exercise_for(exercise)? {
        return Ok(found);
    }
    catalog
        .resolve(exercise)?
        .ok_or_else(|| crate::training::TrainingError::UnknownExercise(tidy_message(exercise)).into())
}

/// How each lift of `program` is rounded in this vault: in the display unit, barbell lifts
/// with its plate set, others to their increment; capped at each exercise's maximum.
pub fn loadings(conn: &Connection, program: &Program) -> Result<BTreeMap<String, Loading>, ProgramError> {
    let settings = Settings::new(conn);
    let unit = settings.display_unit()?;
    let plates = settings.plate_set(unit)?;
    // Worked out once: what the plates make does not depend on the lift.
    let barbell = Loading::barbell(&plates, None);
    let mut out = BTreeMap::new();
    for lift in &program.lifts {
        let exercise = exercise_of(conn, &lift.exercise).ok();
        let setting = match &exercise {
            Some(e) => ExerciseLoading::of(conn, e.id)?,
            None => ExerciseLoading::default(),
        };
        let loading = if exercise
            .as_ref()
            .is_some_and(|e| e.equipment == Equipment::Barbell)
        {
            match (setting.max, &barbell) {
                (None, Ok(shared)) => Ok(shared.clone()),
                _ => Loading::barbell(&plates, setting.max),
            }
        } else {
            let increment = setting.increment.map_or(default_increment_milli(unit), |w| {
                (w.in_unit(unit) * 1000.0).round() as u32
            });
            Loading::increment(unit, increment, setting.max)
        }?;
        out.insert(lift.id.clone(), loading);
    }
    Ok(out)
}

/// An exercise's rounding settings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ExerciseLoading {
    /// The increment for equipment other than a barbell (2.5 kg / 5 lb when unset).
    pub increment: Option<Weight>,
    /// The heaviest weight to prescribe.
    pub max: Option<Weight>,
}

impl ExerciseLoading {
    /// The settings of exercise `id`.
    pub fn of(conn: &Connection, id: u32) -> Result<ExerciseLoading, ProgramError> {
        Ok(conn
            .prepare_cached(
                "SELECT increment_milli, increment_unit, max_milli, max_unit FROM exercise_loading WHERE exercise_id = ?1",
            )?
            .query_row([id], |r| {
                Ok(ExerciseLoading {
                    increment: weight_at(r, 0)?,
                    max: weight_at(r, 2)?,
                })
            })
            .optional()?
            .unwrap_or_default())
    }

    /// Stores exercise `id`'s settings (an increment must be more than 0 and at most 100;
    /// a barbell lift's maximum at least the bar).
    pub fn set(&self, conn: &Connection, id: u32) -> Result<(), ProgramError> {
        let exercise = crate::training::Exercises::new(conn).get(id)?;
        if let Some(inc) = self.increment {
            Loading::increment(inc.unit(), inc.milli(), None)?;
        }
        if let (Some(max), Equipment::Barbell) = (self.max, exercise.equipment) {
            Loading::barbell(&Settings::new(conn).plate_set(max.unit())?, Some(max))?;
        }
        conn.execute(
            "INSERT INTO exercise_loading (exercise_id, increment_milli, increment_unit, max_milli, max_unit)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (exercise_id) DO UPDATE SET increment_milli = excluded.increment_milli,
                 increment_unit = excluded.increment_unit, max_milli = excluded.max_milli, max_unit = excluded.max_unit",
            params![
                id,
                self.increment.map(Weight::milli),
                self.increment.map(Weight::unit),
                self.max.map(Weight::milli),
                self.max.map(Weight::unit)
            ],
        )?;
        Ok(())
    }
}

/// The weight stored in columns `i` (thousandths) and `i + 1` (unit), if any.
pub(crate) fn weight_at(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Option<Weight>> {
    let milli: Option<u32> = row.get(i)?;
    let unit: Option<Unit> = row.get(i + 1)?;
    milli
        .zip(unit)
        .map(|(m, u)| Weight::from_milli(m, u))
        .transpose()
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Integer, Box::new(e))
        })
}
