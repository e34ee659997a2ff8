//! Commands for programs on Today and in the finish summary: the catalog to pick from,
//! starting one with training maxes, today's day with its weights, starting a session
//! pre-filled from it, what a finished session changes next time, and steering the
//! running program (a training max by hand, skip the day, stop). [`edit`] copies and
//! edits programs; [`file`] opens a program file (a coach's, or the lifter's JSON).
//!
//! The core (`ironkeep::programs`) decides every weight; these commands only add the
//! vault's exercise names beside the program's catalog slugs, so the window shows
//! "Squat (barbell)" rather than `squat-barbell`.

use chrono::Utc;
use ironkeep::programs::run::exercise_of;
use ironkeep::programs::{DayPlan, NextTime, ProgramError, Programs, Runs, Source, builtin};
use ironkeep::training::Weight;
use ironkeep::training::sessions::SessionDetail;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use tauri::State;

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;

pub mod edit;
pub mod file;

/// The vault's name for a program's exercise (catalog slug or name), else the text itself.
fn exercise_name(conn: &Connection, exercise: &str) -> String {
    exercise_of(conn, exercise).map_or_else(|_| exercise.to_owned(), |e| e.name)
}

/// One lift of a program, as the picker asks for its training max.
#[derive(Debug, Serialize, specta::Type)]
pub struct ProgramLift {
    /// The program's lift id (what a training max is given for).
    pub id: String,
    /// The exercise's name in this vault.
    pub exercise: String,
}

/// A program the lifter can start.
#[derive(Debug, Serialize, specta::Type)]
pub struct ProgramChoice {
    /// Its name (what `program_start` takes).
    pub name: String,
    /// Ships with Ironkeep (starting it makes the user's copy).
    pub builtin: bool,
    /// The author the document states; "(not verified)" for an imported file.
    pub author: Option<String>,
    /// A few sentences on what it is for.
    pub description: Option<String>,
    /// It is the running program.
    pub running: bool,
    /// It is in the lifter's programs (a copy, their own or imported), so it can be edited.
    pub mine: bool,
    /// Its lifts, in the program's order.
    pub lifts: Vec<ProgramLift>,
}

/// The running program's next day.
#[derive(Debug, Serialize, specta::Type)]
pub struct ProgramToday {
    /// The program's name.
    pub program: String,
    /// The day with its weights, in the user's display unit.
    pub plan: DayPlan,
    /// The vault's name of each of the plan's exercises, in the plan's order.
    pub names: Vec<String>,
}

/// One lift's change after a finished session, with the exercise's name.
#[derive(Debug, Serialize, specta::Type)]
pub struct ProgramChange {
    /// The exercise's name in this vault.
    pub exercise: String,
    /// What changes ("next time 102.5 kg").
    pub message: String,
}

/// A training max the lifter typed for one lift.
#[derive(Debug, Deserialize, specta::Type)]
pub struct TrainingMax {
    /// The lift id (or exercise) it is for.
    pub lift: String,
    /// The weight, in the unit the lifter typed it in.
    pub weight: Weight,
}

/// The built-in programs and the user's, built-ins first; a built-in the user already
/// copied is listed once, as the user's.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_list(state: State<'_, AppState>) -> Result<Vec<ProgramChoice>, IpcError> {
    state
        .read(move |conn| {
            let running = Runs::new(conn).active()?.map(|r| r.stored.id);
            let stored = Programs::new(conn).list()?;
            let lifts = |program: &ironkeep::programs::Program| {
                program
                    .lifts
                    .iter()
                    .map(|l| ProgramLift {
                        id: l.id.clone(),
                        exercise: exercise_name(conn, &l.exercise),
                    })
                    .collect()
            };
            let mut out = Vec::new();
            for b in builtin::all()? {
                let copied = stored
                    .iter()
                    .any(|s| s.program.name.to_lowercase() == b.program.name.to_lowercase());
                if !copied {
                    out.push(ProgramChoice {
                        name: b.program.name.clone(),
                        builtin: true,
                        author: b.program.author.clone(),
                        description: b.program.description.clone(),
                        running: false,
                        mine: false,
                        lifts: lifts(&b.program),
                    });
                }
            }
            for s in &stored {
                out.push(ProgramChoice {
                    name: s.program.name.clone(),
                    builtin: s.source == Source::BuiltinCopy,
                    author: s.author_label(),
                    description: s.program.description.clone(),
                    running: running == Some(s.id),
                    mine: true,
                    lifts: lifts(&s.program),
                });
            }
            Ok::<_, IpcError>(out)
        })
        .await
}

/// Starts program `name` with the typed training maxes (a lift given none starts from its
/// best estimated one-rep max in the log); returns today's day.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_start(
    state: State<'_, AppState>,
    name: String,
    maxes: Vec<TrainingMax>,
) -> Result<ProgramToday, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| {
            let conn = vault.conn();
            let pairs: Vec<(String, Weight)> = maxes.into_iter().map(|m| (m.lift, m.weight)).collect();
            match Runs::new(conn).start(&name, &pairs, now) {
                Ok(_) => {}
                // The core's message points at the command line; the window has a field.
                Err(ProgramError::MissingTrainingMax(lift)) => {
                    return Err(IpcError::new(
                        ErrorCode::InvalidInput,
                        format!("Type a training max for {lift}: your log has no sets of it to start from."),
                    ));
                }
                Err(err) => return Err(err.into()),
            }
            today_of(conn)?.ok_or_else(|| ProgramError::Refused("the program did not start").into())
        })
        .await
}

/// The running program's next day with its weights, or none when no program runs.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_today(state: State<'_, AppState>) -> Result<Option<ProgramToday>, IpcError> {
    state.read(today_of).await
}

fn today_of(conn: &Connection) -> Result<Option<ProgramToday>, IpcError> {
    let runs = Runs::new(conn);
    if runs.active()?.is_none() {
        return Ok(None);
    }
    let today = runs.today()?;
    let names = today
        .plan
        .exercises
        .iter()
        .map(|e| exercise_name(conn, &e.exercise))
        .collect();
    Ok(Some(ProgramToday {
        program: today.program,
        plan: today.plan,
        names,
    }))
}

/// Starts a session now from the running program's next day, pre-filled with its
/// warm-ups and working sets (not done); the logger opens it.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_start_session(state: State<'_, AppState>) -> Result<SessionDetail, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| Runs::new(vault.conn()).start_session(now, now))
        .await
}

/// What finished session `session_id` changes next time, lift by lift; empty when the
/// session did not come from the running program.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_finished(
    state: State<'_, AppState>,
    session_id: u32,
) -> Result<Vec<ProgramChange>, IpcError> {
    state
        .read(move |conn| {
            let changes: Vec<NextTime> = Runs::new(conn)
                .finished(session_id)?
                .map(|f| f.next_time)
                .unwrap_or_default();
            Ok::<_, IpcError>(
                changes
                    .into_iter()
                    .map(|c| ProgramChange {
                        exercise: exercise_name(conn, &c.exercise),
                        message: c.message,
                    })
                    .collect(),
            )
        })
        .await
}

/// Sets a lift's training max by hand from now on (in the unit typed); returns today's day.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_set_training_max(
    state: State<'_, AppState>,
    max: TrainingMax,
) -> Result<ProgramToday, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| {
            let conn = vault.conn();
            Runs::new(conn).set_training_max(&max.lift, max.weight, now)?;
            today_of(conn)?.ok_or_else(|| IpcError::from(ProgramError::Refused("no program is running")))
        })
        .await
}

/// Skips the running program's next day; returns the day after it.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_skip(state: State<'_, AppState>) -> Result<ProgramToday, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| {
            let conn = vault.conn();
            Runs::new(conn).skip(now)?;
            today_of(conn)?.ok_or_else(|| IpcError::from(ProgramError::Refused("no program is running")))
        })
        .await
}

/// Stops the running program (its sessions stay in the log); returns its name.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn program_stop(state: State<'_, AppState>) -> Result<String, IpcError> {
    let now = Utc::now();
    state
        .write(move |vault| Ok::<_, IpcError>(Runs::new(vault.conn()).stop(now)?.program.name))
        .await
}
