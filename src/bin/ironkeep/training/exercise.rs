//! `ironkeep exercise …`: the catalog and your own exercises.

use ironkeep::training::catalog::suggestions;

use super::*;

#[derive(Debug, Subcommand)]
pub enum ExerciseCommand {
    /// List exercises.
    List {
        /// Include archived ones.
        #[arg(long)]
        all: bool,
    },
    /// Add your own exercise.
    Add {
        /// Its name (unique ignoring case).
        name: String,
        /// weight_reps, bodyweight, timed or cardio.
        #[arg(long, default_value = "weight_reps")]
        kind: String,
        /// The main muscle group (e.g. chest, quads).
        #[arg(long)]
        muscle: Option<String>,
        /// barbell, dumbbell, machine, cable, bodyweight, kettlebell, band or other.
        #[arg(long, default_value = "other")]
        equipment: String,
    },
    /// Rename an exercise.
    Rename {
        /// Its current name.
        name: String,
        /// The new name.
        new_name: String,
    },
    /// Merge one exercise into another: its sets and routine entries move.
    Merge {
        /// The exercise to merge away.
        from: String,
        /// The exercise to keep.
        into: String,
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
    /// Archive (hide) an exercise, or bring it back with --undo.
    Archive {
        /// Its name.
        name: String,
        /// Unarchive.
        #[arg(long)]
        undo: bool,
    },
    /// One exercise's sets, session by session, newest first, a page at a time.
    History {
        /// The exercise.
        name: String,
        /// Sessions per page (1-100).
        #[arg(long, default_value_t = 10)]
        limit: u32,
        /// The cursor printed after the previous page.
        #[arg(long)]
        cursor: Option<String>,
    },
    /// Catalog lifts offered for your own exercises: list them, or accept or dismiss one.
    Suggestions {
        /// Accept the suggestion for this exercise (take the lift's muscle group and
        /// equipment, or merge into the lift).
        #[arg(long, conflicts_with = "dismiss")]
        accept: Option<String>,
        /// Dismiss the suggestion for this exercise; it is not offered again.
        #[arg(long)]
        dismiss: Option<String>,
        /// Do not ask before a merge.
        #[arg(long)]
        yes: bool,
    },
    /// Assign a muscle group (clears the "review" mark of imported exercises).
    Muscle {
        /// The exercise.
        name: String,
        /// The muscle group.
        muscle: String,
    },
}

pub(super) fn run(conn: &rusqlite::Connection, cmd: ExerciseCommand, out: &Output) -> anyhow::Result<()> {
    let read = Exercises::new(conn);
    let write = ExercisesMut::new(conn);
    match cmd {
        ExerciseCommand::List { all } => {
            let list = read.list(all)?;
            let mut human = list.iter().map(describe).collect::<Vec<_>>().join("\n");
            let offered = suggestions::list(conn)?.len();
            if offered > 0 {
                human.push_str(&format!(
                    "\n{offered} catalog suggestion(s) for your exercises: `ironkeep exercise suggestions`"
                ));
            }
            out.print(&human, json!({ "exercises": list, "suggestions": offered }));
        }
        ExerciseCommand::Add {
            name,
            kind,
            muscle,
            equipment,
        } => {
            let new = NewExercise {
                name,
                kind: ExerciseKind::parse(&kind)
                    .with_context(|| choices("kind", &kind, ExerciseKind::ALL))?,
                muscle: muscle.as_deref().map(parse_muscle).transpose()?,
                equipment: Equipment::parse(&equipment)
                    .with_context(|| choices("equipment", &equipment, Equipment::ALL))?,
            };
            let added = write.add(&new)?;
            out.print(
                &format!("Added {}", describe(&added)),
                json!({ "exercise": added }),
            );
        }
        ExerciseCommand::Rename { name, new_name } => {
            let renamed = write.rename(read.by_name(&name)?.id, &new_name)?;
            out.print(
                &format!("Renamed to {}", renamed.name),
                json!({ "exercise": renamed }),
            );
        }
        ExerciseCommand::Merge { from, into, yes } => {
            let (from, into) = (read.by_name(&from)?, read.by_name(&into)?);
            confirm(
                &format!(
                    "Merge \"{}\" into \"{}\" (its sets and routine entries move)?",
                    from.name, into.name
                ),
                yes,
            )?;
            let moved = write.merge(from.id, into.id)?;
            out.print(
                &format!(
                    "Merged \"{}\" into \"{}\": {moved} set(s) moved.",
                    from.name, into.name
                ),
                json!({ "merged": from.id, "into": into.id, "sets_moved": moved }),
            );
        }
        ExerciseCommand::Archive { name, undo } => {
            let found = match read.find(&name)? {
                Some(e) => e,
                None => bail!("no exercise is named \"{name}\""),
            };
            let changed = write.archive(found.id, !undo)?;
            let verb = if undo { "Unarchived" } else { "Archived" };
            out.print(
                &format!("{verb} {}", changed.name),
                json!({ "exercise": changed }),
            );
        }
        ExerciseCommand::History { name, limit, cursor } => {
            let exercise = read.by_name(&name)?;
            let page = History::new(conn).exercise(exercise.id, cursor.as_deref(), limit)?;
            let mut human = exercise.name.clone();
            for day in &page.items {
                let sets: Vec<String> = day
                    .sets
                    .iter()
                    .map(|s| {
                        format!(
                            "{}x{}{}",
                            s.input.weight.map_or("-".to_owned(), |w| w.to_string()),
                            s.input.reps.map_or("-".to_owned(), |r| r.to_string()),
                            if s.input.kind == SetKind::Warmup {
                                " (w)"
                            } else {
                                ""
                            }
                        )
                    })
                    .collect();
                human.push_str(&format!("\n  {}  {}", day.started_at, sets.join(", ")));
            }
            if let Some(next) = &page.next {
                human.push_str(&format!("\nmore: --cursor {next}"));
            }
            out.print(&human, serde_json::to_value(&page)?);
        }
        ExerciseCommand::Suggestions { accept, dismiss, yes } => {
            super::suggest::run(conn, accept, dismiss, yes, out)?;
        }
        ExerciseCommand::Muscle { name, muscle } => {
            let changed = write.set_muscle(read.by_name(&name)?.id, parse_muscle(&muscle)?)?;
            out.print(&describe(&changed), json!({ "exercise": changed }));
        }
    }
    Ok(())
}

fn describe(e: &Exercise) -> String {
    format!(
        "{:<40} {:<12} {:<11} {}{}{}",
        e.name,
        e.muscle.map_or("(unassigned)", Muscle::as_str),
        e.equipment.as_str(),
        e.kind.as_str(),
        if e.archived { " [archived]" } else { "" },
        if e.needs_review { " [review]" } else { "" },
    )
}
