//! `ironkeep session …`: start, log, finish, list, show, edit, reorder, delete.

use super::*;

#[derive(Debug, Subcommand)]
pub enum SessionCommand {
    /// Start a session, empty or from a routine.
    Start {
        /// Pre-fill from this routine and your last performance.
        #[arg(long, conflicts_with = "program")]
        routine: Option<String>,
        /// Pre-fill with the next day of the running program (see `ironkeep program today`).
        #[arg(long)]
        program: bool,
        /// A name.
        #[arg(long)]
        name: Option<String>,
        /// When it started (default now).
        #[arg(long)]
        at: Option<String>,
        /// Notes.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Log a set (to the session in progress unless --session is given).
    Log(LogArgs),
    /// Finish a session.
    Finish {
        /// The session (default: the one in progress).
        #[arg(long)]
        session: Option<u32>,
        /// When it ended (default now).
        #[arg(long)]
        at: Option<String>,
        /// Drop planned sets that were never marked done.
        #[arg(long)]
        discard_undone: bool,
    },
    /// List sessions, newest first, a page at a time.
    List {
        /// Only sessions with this exercise.
        #[arg(long)]
        exercise: Option<String>,
        /// From this date (YYYY-MM-DD).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Until this date, exclusive.
        #[arg(long)]
        to: Option<NaiveDate>,
        /// Page size (1-100).
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// The cursor printed after the previous page.
        #[arg(long)]
        cursor: Option<String>,
    },
    /// Show a session and its sets.
    Show {
        /// The session's id.
        id: u32,
    },
    /// Change a session's name, notes or times, or one of its sets.
    Edit {
        /// The session's id.
        id: u32,
        /// A new name.
        #[arg(long)]
        name: Option<String>,
        /// New notes.
        #[arg(long)]
        notes: Option<String>,
        /// A new start time.
        #[arg(long)]
        start: Option<String>,
        /// A new end time.
        #[arg(long)]
        end: Option<String>,
        /// Replace this set with the values given below (exercise, weight, reps, ...).
        #[arg(long, value_name = "SET_ID")]
        set: Option<u32>,
        /// Delete this set.
        #[arg(long, value_name = "SET_ID")]
        delete_set: Option<u32>,
        /// The set's new values (with --set).
        #[command(flatten)]
        values: Option<SetArgs>,
    },
    /// Put a session's exercises in a new order (superset groups move as one).
    Reorder {
        /// The session's id.
        id: u32,
        /// Every exercise logged in the session, each once, in the new order.
        #[arg(required = true)]
        exercises: Vec<String>,
    },
    /// The WHOOP workouts matched to a session; confirm, move or undo a match.
    Whoop(super::session_whoop::WhoopArgs),
    /// Delete a session and all its sets.
    Delete {
        /// The session's id.
        id: u32,
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// The session (default: the one in progress).
    #[arg(long)]
    session: Option<u32>,
    #[command(flatten)]
    values: SetArgs,
}

#[derive(Debug, Args)]
pub struct SetArgs {
    /// The exercise's name.
    #[arg(long, short = 'e')]
    exercise: String,
    /// The weight with its unit, e.g. 100kg or 225lb (no unit: the display unit).
    #[arg(long, short = 'w')]
    weight: Option<String>,
    /// Repetitions.
    #[arg(long, short = 'r')]
    reps: Option<u32>,
    /// RPE, 1-10 in steps of 0.5.
    #[arg(long)]
    rpe: Option<String>,
    /// warmup, working, drop or failure.
    #[arg(long, default_value = "working")]
    kind: String,
    /// Log it as planned, not yet done.
    #[arg(long)]
    undone: bool,
    /// Duration, e.g. 90, 1:30, 38min, 1h 17m.
    #[arg(long)]
    duration: Option<String>,
    /// Distance with its unit, e.g. 5km, 3.1mi, 400m.
    #[arg(long)]
    distance: Option<String>,
    /// Superset group (1-50).
    #[arg(long)]
    superset: Option<u8>,
    /// A note.
    #[arg(long, default_value = "")]
    note: String,
}

pub(super) fn run(
    conn: &rusqlite::Connection,
    cmd: SessionCommand,
    now: DateTime<Utc>,
    out: &Output,
) -> anyhow::Result<()> {
    let read = Sessions::new(conn);
    let write = SessionsMut::new(conn);
    let current = |given: Option<u32>| -> anyhow::Result<u32> {
        match given {
            Some(id) => Ok(id),
            None => Ok(read
                .in_progress()?
                .context("no session is in progress; start one with `ironkeep session start`")?
                .id),
        }
    };
    match cmd {
        SessionCommand::Start {
            program: true, at, ..
        } => {
            let started = at.as_deref().map(parse_time).transpose()?.unwrap_or(now);
            let detail = ironkeep::programs::Runs::new(conn).start_session(started, now)?;
            out.print(
                &format!(
                    "Started session {} ({}) at {} with {} planned set(s) from the program.",
                    detail.session.id,
                    detail.session.name,
                    detail.session.started_at,
                    detail.sets.len()
                ),
                serde_json::to_value(&detail)?,
            );
        }
        SessionCommand::Start {
            routine,
            name,
            at,
            notes,
            program: false,
        } => {
            let routine_id = match routine {
                Some(name) => Some(
                    Routines::new(conn)
                        .by_name(&name)?
                        .with_context(|| format!("no routine is named \"{name}\""))?
                        .id,
                ),
                None => None,
            };
            let start = StartSession {
                name,
                started_at: at.as_deref().map(parse_time).transpose()?.unwrap_or(now),
                routine_id,
                notes,
            };
            let detail = write.start(&start, now)?;
            out.print(
                &format!(
                    "Started session {} at {} with {} planned set(s).",
                    detail.session.id,
                    detail.session.started_at,
                    detail.sets.len()
                ),
                serde_json::to_value(&detail)?,
            );
        }
        SessionCommand::Log(args) => {
            let session = current(args.session)?;
            let input = set_input(conn, &args.values)?;
            let logged = SetsMut::new(conn).log(session, &input)?;
            let flags = logged.set.records;
            let mut human = format!("Logged set {} in session {session}", logged.set.id);
            if flags.any() {
                human.push_str(" — new record!");
            }
            out.print(&human, serde_json::to_value(&logged)?);
        }
        SessionCommand::Finish {
            session,
            at,
            discard_undone,
        } => {
            let id = current(session)?;
            let end = at.as_deref().map(parse_time).transpose()?.unwrap_or(now);
            let s = write.finish(id, end, discard_undone, now)?;
            let program = ironkeep::programs::Runs::new(conn).finished(s.id)?;
            let mut human = format!("Finished session {} at {}.", s.id, end.to_rfc3339());
            for change in program.iter().flat_map(|p| &p.next_time) {
                let name = ironkeep::programs::run::exercise_of(conn, &change.exercise)
                    .map_or_else(|_| change.exercise.clone(), |e| e.name);
                human.push_str(&format!("\n  {name}: {}", change.message));
            }
            out.print(&human, json!({ "session": s, "program": program }));
            crate::backup::after_session_finish(conn, now);
        }
        SessionCommand::List {
            exercise,
            from,
            to,
            limit,
            cursor,
        } => {
            let filter = HistoryFilter {
                exercise_id: exercise
                    .map(|n| Exercises::new(conn).by_name(&n))
                    .transpose()?
                    .map(|e| e.id),
                from: from.map(ironkeep::training::day_start),
                to: to.map(ironkeep::training::day_start),
            };
            let page = History::new(conn).sessions(&filter, cursor.as_deref(), limit)?;
            let mut human = page
                .items
                .iter()
                .map(|s| {
                    format!(
                        "{:>6}  {}  {:<20} {:>3} sets {:>9.1} kg",
                        s.id, s.started_at, s.name, s.sets, s.volume_kg
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            if let Some(next) = &page.next {
                human.push_str(&format!("\nmore: --cursor {next}"));
            }
            out.print(&human, serde_json::to_value(&page)?);
        }
        SessionCommand::Show { id } => {
            let detail = read.detail(id)?;
            let mut human = format!(
                "Session {} {} ({} – {})",
                detail.session.id,
                detail.session.name,
                detail.session.started_at,
                match (&detail.session.ended_at, detail.session.in_progress) {
                    (Some(end), _) => end.as_str(),
                    (None, true) => "in progress",
                    (None, false) => "end unknown",
                }
            );
            for s in &detail.sets {
                let name = Exercises::new(conn).get(s.input.exercise_id)?.name;
                human.push_str(&format!(
                    "\n  [{}] {name}: {} x {} {}{}",
                    s.id,
                    s.input.weight.map_or("-".to_owned(), |w| w.to_string()),
                    s.input.reps.map_or("-".to_owned(), |r| r.to_string()),
                    s.input.kind,
                    if s.input.done { "" } else { " (planned)" }
                ));
            }
            let efforts = ironkeep::matching::for_session(conn, id)?;
            human.push_str(&super::session_whoop::effort_lines(&efforts));
            let mut json = serde_json::to_value(&detail)?;
            json["whoop"] = serde_json::to_value(&efforts)?;
            out.print(&human, json);
        }
        SessionCommand::Whoop(args) => super::session_whoop::run(conn, args, now, out)?,
        SessionCommand::Edit {
            id,
            name,
            notes,
            start,
            end,
            set,
            delete_set,
            values,
        } => {
            read.get(id)?;
            if let Some(set_id) = delete_set {
                check_set_in(conn, set_id, id)?;
                SetsMut::new(conn).delete(set_id)?;
            }
            if let Some(set_id) = set {
                check_set_in(conn, set_id, id)?;
                let values =
                    values.context("--set needs the set's new values, e.g. --exercise and --weight")?;
                SetsMut::new(conn).edit(set_id, &set_input(conn, &values)?)?;
            }
            let edit = SessionEdit {
                name,
                notes,
                started_at: start.as_deref().map(parse_time).transpose()?,
                ended_at: end.as_deref().map(parse_time).transpose()?,
            };
            write.edit(id, &edit, now)?;
            let detail = read.detail(id)?;
            out.print(&format!("Updated session {id}."), serde_json::to_value(&detail)?);
        }
        SessionCommand::Reorder { id, exercises } => {
            let names = Exercises::new(conn);
            let ids = exercises
                .iter()
                .map(|name| names.by_name(name).map(|e| e.id))
                .collect::<Result<Vec<_>, _>>()?;
            let detail = write.reorder_exercises(id, &ids)?;
            out.print(
                &format!("Session {id} is now in this order: {}.", exercises.join(", ")),
                serde_json::to_value(&detail)?,
            );
        }
        SessionCommand::Delete { id, yes } => {
            let detail = read.detail(id)?;
            confirm(
                &format!(
                    "Delete session {id} ({}) and its {} set(s)?",
                    detail.session.started_at,
                    detail.sets.len()
                ),
                yes,
            )?;
            write.delete(id)?;
            out.print(&format!("Deleted session {id}."), json!({ "deleted": id }));
        }
    }
    Ok(())
}

fn check_set_in(conn: &rusqlite::Connection, set_id: u32, session_id: u32) -> anyhow::Result<()> {
    if Sets::new(conn).get(set_id)?.session_id != session_id {
        bail!("set {set_id} is not in session {session_id}");
    }
    Ok(())
}

fn set_input(conn: &rusqlite::Connection, args: &SetArgs) -> anyhow::Result<SetInput> {
    let unit = Settings::new(conn).display_unit()?;
    Ok(SetInput {
        exercise_id: Exercises::new(conn).by_name(&args.exercise)?.id,
        weight: args
            .weight
            .as_deref()
            .map(|w| parse_weight(w, unit))
            .transpose()?,
        reps: args.reps,
        rpe: args.rpe.as_deref().map(Rpe::parse).transpose()?,
        kind: SetKind::parse(&args.kind).with_context(|| choices("set kind", &args.kind, SetKind::ALL))?,
        done: !args.undone,
        duration_s: args.duration.as_deref().map(units::parse_duration).transpose()?,
        distance: args.distance.as_deref().map(parse_distance).transpose()?,
        superset: args.superset,
        notes: args.note.clone(),
    })
}
