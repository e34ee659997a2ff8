//! `ironkeep program`: list, show, start and stop programs, set a training max or an
//! exercise's rounding and maximum, see today's day with its weights, skip it; copy a
//! program, export it as JSON to edit, import an edited or hand-written one, and send or
//! import a program as an age file.
//! Every rule lives in `ironkeep::programs`; a session is started from the program with
//! `ironkeep session start --program`.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use chrono::Utc;
use clap::Subcommand;
use serde_json::json;

use ironkeep::RecoveryKit;
use ironkeep::programs::plan::PlannedSet;
use ironkeep::programs::transfer::{self, MAX_FILE_BYTES};
use ironkeep::programs::{
    DayPlan, ExerciseLoading, Program, Programs, Runs, Source, builtin, run::exercise_of,
};
use ironkeep::training::Weight;
use ironkeep::training::settings::Settings;
use ironkeep::vault::{Access, DataDir};
use rusqlite::Connection;

use crate::commands::open;
use crate::output::Output;
use crate::training::parse::parse_weight;

/// The program commands.
#[derive(Debug, Subcommand)]
pub enum ProgramCommand {
    /// The built-in programs and your own.
    List,
    /// A program's lifts, rules and days.
    Show {
        /// The program's name (yours or a built-in).
        name: String,
    },
    /// Start a program (a built-in is copied to your programs first).
    Start {
        /// The program's name.
        name: String,
        /// A training max, "LIFT=WEIGHT" (e.g. "squat=100", "bench=225lb"); a lift given
        /// none starts from its best e1RM in your log × the program's percentage.
        #[arg(long = "tm", value_name = "LIFT=WEIGHT")]
        maxes: Vec<String>,
    },
    /// Set a lift's training max by hand, from now on.
    Tm {
        /// The lift (its id in the program, or its exercise).
        lift: String,
        /// The training max ("102.5", "225lb"; the display unit when none is given).
        weight: String,
    },
    /// How an exercise's prescriptions are rounded: its increment (other than a barbell,
    /// 2.5 kg / 5 lb unless set) and the heaviest weight to prescribe; "none" clears one.
    Limit {
        /// The exercise.
        exercise: String,
        /// The heaviest weight to prescribe ("100", "225lb", "none").
        #[arg(long)]
        max: Option<String>,
        /// The increment for equipment other than a barbell ("1", "2.5lb", "none").
        #[arg(long)]
        increment: Option<String>,
    },
    /// The next day of the running program, with its weights.
    Today,
    /// Skip the next day of the running program.
    Skip,
    /// Seal a program for an athlete: an age file encrypted to their recipient.
    Send {
        /// The program's name.
        name: String,
        /// The athlete's recipient (`age1…`; `ironkeep key recipient` prints theirs).
        #[arg(long, value_name = "RECIPIENT")]
        to: String,
        /// The file to write (a new file).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Copy a program (yours or a built-in) under a new name, to edit.
    Copy {
        /// The program to copy.
        name: String,
        /// The copy's name.
        new_name: String,
    },
    /// A program as its JSON document (docs/programs.md), to edit or to read.
    Export {
        /// The program's name (yours or a built-in).
        name: String,
        /// Write it to this new file instead of printing it.
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Import a program: a JSON document you wrote or edited, or an age file a coach sent
    /// you (opened with your kit, or any age identity file).
    Import {
        /// The program file (JSON, or age-encrypted).
        file: PathBuf,
        /// Your recovery kit, for an age-encrypted file.
        #[arg(long, alias = "identity", value_name = "FILE")]
        kit: Option<PathBuf>,
        /// Replace your program of this name with the file's (a program you have trained
        /// keeps its lifts, rules and days: only its name, author and description change).
        #[arg(long, value_name = "NAME")]
        replace: Option<String>,
    },
    /// Stop the running program (its sessions stay in your log).
    Stop,
}

pub fn run(dir: &DataDir, command: ProgramCommand, out: &Output) -> anyhow::Result<()> {
    let vault = open(dir, Access::Shared)?;
    let conn = vault.conn();
    let now = Utc::now();
    let programs = Programs::new(conn);
    let runs = Runs::new(conn);
    match command {
        ProgramCommand::List => {
            let running = runs.active()?.map(|r| r.stored.id);
            let mut human = Vec::new();
            let mut list = Vec::new();
            for b in builtin::all()? {
                human.push(format!("{:<46} built-in", b.program.name));
                list.push(json!({ "name": b.program.name, "slug": b.slug, "source": "builtin", "author": b.program.author }));
            }
            for p in programs.list()? {
                let author = p.author_label().map(|a| format!(", by {a}")).unwrap_or_default();
                let mark = if running == Some(p.id) { "  (running)" } else { "" };
                human.push(format!(
                    "{:<46} {}{author}{mark}",
                    p.program.name,
                    source_label(p.source)
                ));
                list.push(json!({
                    "name": p.program.name, "source": p.source, "author": p.program.author,
                    "author_verified": p.author_verified(), "running": running == Some(p.id),
                }));
            }
            out.print(&human.join("\n"), json!({ "programs": list }));
        }
        ProgramCommand::Show { name } => {
            let (program, label) = find(conn, &name)?;
            out.print(
                &describe(&program, label.as_deref()),
                json!({ "program": program }),
            );
        }
        ProgramCommand::Start { name, maxes } => {
            let unit = Settings::new(conn).display_unit()?;
            let maxes = maxes
                .iter()
                .map(|pair| {
                    let (lift, weight) = pair
                        .split_once('=')
                        .with_context(|| format!("\"{pair}\": give a training max as LIFT=WEIGHT"))?;
                    Ok((lift.trim().to_owned(), parse_weight(weight, unit)?))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            let run = runs.start(&name, &maxes, now)?;
            let today = runs.today()?;
            out.print(
                &format!(
                    "Started {}.\n{}",
                    run.stored.program.name,
                    day_text(conn, &today.plan)
                ),
                json!({ "program": run.stored.program.name, "today": today.plan }),
            );
        }
        ProgramCommand::Tm { lift, weight } => {
            let weight = parse_weight(&weight, Settings::new(conn).display_unit()?)?;
            let lift = runs.set_training_max(&lift, weight, now)?;
            out.print(
                &format!("Training max of {lift} set to {weight}."),
                json!({ "lift": lift, "training_max": weight }),
            );
        }
        ProgramCommand::Limit {
            exercise,
            max,
            increment,
        } => {
            let unit = Settings::new(conn).display_unit()?;
            let exercise = exercise_of(conn, &exercise)?;
            let mut setting = ExerciseLoading::of(conn, exercise.id)?;
            let typed = |text: &str| -> anyhow::Result<Option<Weight>> {
                match text.trim() {
                    "none" => Ok(None),
                    text => Ok(Some(parse_weight(text, unit)?)),
                }
            };
            if let Some(max) = max {
                setting.max = typed(&max)?;
            }
            if let Some(increment) = increment {
                setting.increment = typed(&increment)?;
            }
            setting.set(conn, exercise.id)?;
            let show = |w: Option<Weight>| w.map_or_else(|| "none".to_owned(), |w| w.to_string());
            out.print(
                &format!(
                    "{}: maximum {}, increment {}.",
                    exercise.name,
                    show(setting.max),
                    show(setting.increment)
                ),
                json!({ "exercise": exercise.name, "loading": setting }),
            );
        }
        ProgramCommand::Today => {
            let today = runs.today()?;
            out.print(
                &format!("{}\n{}", today.program, day_text(conn, &today.plan)),
                json!({ "program": today.program, "today": today.plan }),
            );
        }
        ProgramCommand::Skip => {
            let today = runs.skip(now)?;
            out.print(
                &format!("Skipped. Next:\n{}", day_text(conn, &today.plan)),
                json!({ "program": today.program, "today": today.plan }),
            );
        }
        ProgramCommand::Send { name, to, out: path } => {
            let (program, _) = find(conn, &name)?;
            let sealed = transfer::seal(&program, &to)?;
            write_new(&path, &sealed)?;
            out.print(
                &format!(
                    "Sealed \"{}\" to {} in {}.",
                    program.name,
                    to.trim(),
                    path.display()
                ),
                json!({ "program": program.name, "file": path }),
            );
        }
        ProgramCommand::Copy { name, new_name } => {
            let copy = programs.copy(&name, &new_name, now)?;
            out.print(
                &format!(
                    "Copied {name} as \"{}\". Edit it with `ironkeep program export` and `ironkeep program import --replace`.",
                    copy.program.name
                ),
                json!({ "program": copy.program.name, "source": copy.source }),
            );
        }
        ProgramCommand::Export { name, out: path } => {
            let (program, _) = find(conn, &name)?;
            let document = program.to_json();
            match path {
                None => out.print(&document, json!({ "program": program })),
                Some(path) => {
                    write_new(&path, format!("{document}\n").as_bytes())?;
                    out.print(
                        &format!("Wrote \"{}\" to {}.", program.name, path.display()),
                        json!({ "program": program.name, "file": path }),
                    );
                }
            }
        }
        ProgramCommand::Import { file, kit, replace } => {
            let len = std::fs::metadata(&file)
                .with_context(|| format!("could not read {}", file.display()))?
                .len();
            if len > MAX_FILE_BYTES as u64 {
                anyhow::bail!("{} is too large for a program file", file.display());
            }
            let bytes = std::fs::read(&file).with_context(|| format!("could not read {}", file.display()))?;
            let (program, source) = if transfer::is_sealed(&bytes) {
                let kit =
                    kit.context("this program file is age-encrypted: give your recovery kit with --kit")?;
                (
                    transfer::open(&bytes, &RecoveryKit::read(&kit)?)?,
                    Source::Imported,
                )
            } else {
                (Program::parse(&bytes)?, Source::Own)
            };
            let (stored, verb) = match replace {
                None => (programs.save(&program, source, now)?, "Imported"),
                Some(name) => {
                    let old = programs
                        .by_name(&name)?
                        .ok_or_else(|| ironkeep::programs::ProgramError::UnknownProgram(name.clone()))?;
                    (programs.replace(old.id, &program, now)?, "Replaced with")
                }
            };
            let author = stored.author_label().unwrap_or_else(|| "no author stated".into());
            let warning = if source == Source::Imported {
                " Age does not say who sent a file: check with the sender."
            } else {
                ""
            };
            out.print(
                &format!("{verb} \"{}\" by {author}.{warning}", stored.program.name),
                json!({
                    "program": stored.program.name, "source": stored.source,
                    "author": stored.program.author, "author_verified": stored.author_verified(),
                }),
            );
        }
        ProgramCommand::Stop => {
            let stopped = runs.stop(now)?;
            out.print(
                &format!("Stopped {}.", stopped.program.name),
                json!({ "stopped": stopped.program.name }),
            );
        }
    }
    Ok(())
}

/// Writes `bytes` to `path`, which must be a new file.
fn write_new(path: &std::path::Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("could not create {} (it must be a new file)", path.display()))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .with_context(|| format!("could not write {}", path.display()))
}

/// The user's program of this name, else the built-in; with its author label.
fn find(conn: &Connection, name: &str) -> anyhow::Result<(Program, Option<String>)> {
    if let Some(stored) = Programs::new(conn).by_name(name)? {
        let label = stored.author_label();
        return Ok((stored.program, label));
    }
    let found =
        builtin::find(name)?.ok_or_else(|| ironkeep::programs::ProgramError::UnknownProgram(name.into()))?;
    let label = found.program.author.clone();
    Ok((found.program, label))
}

fn source_label(source: Source) -> &'static str {
    match source {
        Source::BuiltinCopy => "copy of a built-in",
        Source::Own => "your own",
        Source::Imported => "imported",
    }
}

fn describe(program: &Program, author: Option<&str>) -> String {
    let mut text = program.name.clone();
    if let Some(author) = author {
        text.push_str(&format!(" (by {author})"));
    }
    if let Some(description) = &program.description {
        text.push_str(&format!("\n{description}"));
    }
    text.push_str("\nLifts:");
    for lift in &program.lifts {
        text.push_str(&format!("\n  {:<16} {}", lift.id, lift.exercise));
    }
    for (w, week) in program.weeks.iter().enumerate() {
        for (d, day) in week.days.iter().enumerate() {
            let lifts: Vec<&str> = day.exercises.iter().map(|e| e.lift.as_str()).collect();
            text.push_str(&format!(
                "\nWeek {} day {}: {} — {}",
                w + 1,
                d + 1,
                day.name,
                lifts.join(", ")
            ));
        }
    }
    text
}

fn sets_text(sets: &[PlannedSet]) -> String {
    sets.iter()
        .map(|s| format!("{}×{}{}", s.weight, s.reps, if s.amrap { "+" } else { "" }))
        .collect::<Vec<_>>()
        .join(", ")
}

fn day_text(conn: &Connection, plan: &DayPlan) -> String {
    let mut text = format!(
        "Week {}, day {} (cycle {}): {}",
        plan.week, plan.day, plan.cycle, plan.name
    );
    for exercise in &plan.exercises {
        let name =
            exercise_of(conn, &exercise.exercise).map_or_else(|_| exercise.exercise.clone(), |e| e.name);
        text.push_str(&format!("\n  {name}: {}", sets_text(&exercise.sets)));
        if !exercise.warmups.is_empty() {
            text.push_str(&format!("  (warm-up {})", sets_text(&exercise.warmups)));
        }
    }
    text
}
