//! `ironkeep routine …`: workout templates.

use super::*;

#[derive(Debug, Subcommand)]
pub enum RoutineCommand {
    /// List routines.
    List,
    /// Show one routine.
    Show {
        /// Its name.
        name: String,
    },
    /// Create a routine from entries like 'Squat (Barbell): 3x5 100kg rest=180 ss=1'.
    Create {
        /// Its name.
        name: String,
        /// An entry, in order: 'EXERCISE: SETSxREPS[-MAX] [WEIGHT] [rest=SECONDS] [ss=GROUP]'.
        #[arg(long = "entry", value_name = "ENTRY")]
        entries: Vec<String>,
        /// Notes.
        #[arg(long, default_value = "")]
        notes: String,
    },
    /// Change a routine: rename, notes, replace entries, reorder, or duplicate it.
    Edit {
        /// Its name.
        name: String,
        /// A new name.
        #[arg(long)]
        rename: Option<String>,
        /// New notes.
        #[arg(long)]
        notes: Option<String>,
        /// Replace all entries with these.
        #[arg(long = "entry", value_name = "ENTRY")]
        entries: Vec<String>,
        /// A new order, as current positions from 0: e.g. 2,0,1.
        #[arg(long, value_delimiter = ',')]
        order: Vec<usize>,
        /// Instead of changing it, copy it under this name.
        #[arg(long, value_name = "NEW_NAME")]
        duplicate_as: Option<String>,
    },
    /// Delete a routine (sessions started from it keep their sets).
    Delete {
        /// Its name.
        name: String,
        /// Do not ask.
        #[arg(long)]
        yes: bool,
    },
}

pub(super) fn run(
    conn: &rusqlite::Connection,
    cmd: RoutineCommand,
    now: DateTime<Utc>,
    out: &Output,
) -> anyhow::Result<()> {
    let read = Routines::new(conn);
    let write = RoutinesMut::new(conn);
    let find = |name: &str| -> anyhow::Result<ironkeep::training::Routine> {
        read.by_name(name)?
            .with_context(|| format!("no routine is named \"{name}\"; see `ironkeep routine list`"))
    };
    let show = |r: &ironkeep::training::Routine| -> anyhow::Result<String> {
        let mut text = r.name.clone();
        for (i, e) in r.entries.iter().enumerate() {
            let name = Exercises::new(conn).get(e.exercise_id)?.name;
            let reps = match (e.reps_min, e.reps_max) {
                (Some(a), Some(b)) if a != b => format!("{a}-{b}"),
                (Some(a), _) | (None, Some(a)) => a.to_string(),
                (None, None) => "?".to_owned(),
            };
            text.push_str(&format!("\n  {i}. {name}: {}x{reps}", e.target_sets));
            if let Some(w) = e.weight {
                text.push_str(&format!(" @ {w}"));
            }
            if let Some(rest) = e.rest_seconds {
                text.push_str(&format!(", rest {rest}s"));
            }
            if let Some(ss) = e.superset {
                text.push_str(&format!(", superset {ss}"));
            }
        }
        Ok(text)
    };
    match cmd {
        RoutineCommand::List => {
            let list = read.list()?;
            let human = list
                .iter()
                .map(|r| format!("{} ({} exercises)", r.name, r.entries.len()))
                .collect::<Vec<_>>()
                .join("\n");
            out.print(&human, json!({ "routines": list }));
        }
        RoutineCommand::Show { name } => {
            let r = find(&name)?;
            out.print(&show(&r)?, json!({ "routine": r }));
        }
        RoutineCommand::Create { name, entries, notes } => {
            let unit = Settings::new(conn).display_unit()?;
            let entries = entries
                .iter()
                .map(|e| parse_entry(conn, e, unit))
                .collect::<anyhow::Result<_>>()?;
            let r = write.create(&RoutineInput { name, notes, entries }, now)?;
            out.print(&format!("Created {}", show(&r)?), json!({ "routine": r }));
        }
        RoutineCommand::Edit {
            name,
            rename,
            notes,
            entries,
            order,
            duplicate_as,
        } => {
            let current = find(&name)?;
            let r = if let Some(new_name) = duplicate_as {
                write.duplicate(current.id, &new_name, now)?
            } else if !order.is_empty() {
                write.reorder(current.id, &order, now)?
            } else {
                let unit = Settings::new(conn).display_unit()?;
                let entries = if entries.is_empty() {
                    current.entries
                } else {
                    entries
                        .iter()
                        .map(|e| parse_entry(conn, e, unit))
                        .collect::<anyhow::Result<_>>()?
                };
                let input = RoutineInput {
                    name: rename.unwrap_or(current.name),
                    notes: notes.unwrap_or(current.notes),
                    entries,
                };
                write.edit(current.id, &input, now)?
            };
            out.print(&show(&r)?, json!({ "routine": r }));
        }
        RoutineCommand::Delete { name, yes } => {
            let r = find(&name)?;
            confirm(&format!("Delete the routine \"{}\"?", r.name), yes)?;
            write.delete(r.id)?;
            out.print(
                &format!("Deleted the routine \"{}\".", r.name),
                json!({ "deleted": r.id }),
            );
        }
    }
    Ok(())
}

/// Parses 'EXERCISE: SETSxREPS[-MAX] [WEIGHT] [rest=SECONDS] [ss=GROUP]'.
fn parse_entry(conn: &rusqlite::Connection, text: &str, unit: Unit) -> anyhow::Result<RoutineEntry> {
    let (name, spec) = text
        .rsplit_once(':')
        .with_context(|| format!("\"{text}\": write an entry as 'EXERCISE: 3x5 100kg rest=180'"))?;
    let exercise = Exercises::new(conn).by_name(name)?;
    let mut entry = RoutineEntry {
        exercise_id: exercise.id,
        target_sets: 1,
        reps_min: None,
        reps_max: None,
        weight: None,
        rest_seconds: None,
        superset: None,
    };
    for token in spec.split([' ', ',']).filter(|t| !t.is_empty()) {
        if let Some(rest) = token.strip_prefix("rest=") {
            entry.rest_seconds = Some(units::parse_duration(rest)?);
        } else if let Some(group) = token.strip_prefix("ss=") {
            entry.superset = Some(
                group
                    .parse()
                    .with_context(|| format!("\"{group}\" is not a superset group"))?,
            );
        } else if let Some((sets, reps)) = token.split_once('x') {
            entry.target_sets = sets
                .parse()
                .with_context(|| format!("\"{sets}\" is not a number of sets"))?;
            let (min, max) = reps.split_once('-').unwrap_or((reps, reps));
            entry.reps_min = Some(
                min.parse()
                    .with_context(|| format!("\"{min}\" is not a number of reps"))?,
            );
            entry.reps_max = Some(
                max.parse()
                    .with_context(|| format!("\"{max}\" is not a number of reps"))?,
            );
        } else {
            entry.weight = Some(parse_weight(token.trim_start_matches('@'), unit)?);
        }
    }
    Ok(entry)
}
