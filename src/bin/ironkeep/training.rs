//! The training-log commands: exercises, routines, sessions, records, body weight and
//! measurements, plates, import and export. Each parses its arguments into core types, calls the core once and
//! prints the result; every rule lives in `ironkeep::training`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone, Utc};
use clap::{Args, Subcommand};
use serde_json::json;

use ironkeep::interchange::{self, ColumnChoice, ColumnMap, Format, ImportOptions, ParseOptions, Zone};
use ironkeep::training::exercises::{Equipment, ExerciseKind, Muscle};
use ironkeep::training::history::HistoryFilter;
use ironkeep::training::settings::{RestDefaults, Settings};
use ironkeep::training::{
    BodyWeights, Exercise, Exercises, ExercisesMut, History, NewExercise, Records, RoutineEntry,
    RoutineInput, Routines, RoutinesMut, Rpe, SessionEdit, Sessions, SessionsMut, SetInput, SetKind, Sets,
    SetsMut, StartSession, Unit, Weight, plates, units, volume,
};
use ironkeep::vault::{Access, DataDir, files};

use crate::commands::open;
use crate::output::Output;

/// The training-log commands, flattened into the top-level grammar.
#[derive(Debug, Subcommand)]
pub enum TrainingCommand {
    /// Exercises: the built-in catalog and your own.
    #[command(subcommand)]
    Exercise(ExerciseCommand),
    /// Routines (workout templates).
    #[command(subcommand)]
    Routine(RoutineCommand),
    /// Sessions and their sets.
    #[command(subcommand)]
    Session(Box<SessionCommand>),
    /// Personal records (best e1RM by Epley, heaviest, reps at weight, volume).
    Records {
        /// Only this exercise.
        #[arg(long)]
        exercise: Option<String>,
    },
    /// Weekly volume per muscle group.
    Volume {
        /// From this date (YYYY-MM-DD; default 12 weeks ago).
        #[arg(long)]
        from: Option<NaiveDate>,
        /// Until this date, exclusive (default tomorrow).
        #[arg(long)]
        to: Option<NaiveDate>,
    },
    /// Log or list body weight.
    Body {
        /// A weight to log, e.g. 82.4kg (omit to list recent measurements).
        weight: Option<String>,
        /// When it was measured (default now).
        #[arg(long)]
        at: Option<String>,
    },
    /// Log or list body measurements: waist, chest, arms, thighs (cm or in), body fat %.
    Measure(measure::MeasureArgs),
    /// Reports: `report week`, one week beside the four before it.
    #[command(subcommand)]
    Report(report::ReportCommand),
    /// Which plates to load per side for a target weight.
    Plates {
        /// The target, e.g. 142.5kg or 315lb.
        target: String,
    },
    /// Show or change training preferences: the display unit, the bar and plates, and the
    /// rest timer's defaults.
    Prefs {
        /// Show weights in kg or lb (what you type is stored as typed either way).
        #[arg(long)]
        display_unit: Option<String>,
        /// The rest after a working set when a routine plans none, e.g. 2:30 or 90 (0: no timer).
        #[arg(long)]
        rest: Option<String>,
        /// The rest after a warm-up set, e.g. 45s (0: no timer).
        #[arg(long)]
        warmup_rest: Option<String>,
        /// The bar for the plate calculator, with its unit, e.g. 20kg or 45lb.
        #[arg(long)]
        bar: Option<String>,
        /// The plate sizes in the bar's unit, e.g. 25,20,15,10,5,2.5,1.25.
        #[arg(long, value_delimiter = ',')]
        plates: Vec<String>,
    },
    /// Import a Strong, Hevy or FitNotes CSV export, or an Ironkeep JSON export.
    Import {
        /// The file.
        file: PathBuf,
        /// strong, hevy, fitnotes or json (detected when omitted).
        #[arg(long)]
        format: Option<String>,
        /// The weight unit, for files that do not say (classic Strong): kg or lb.
        #[arg(long)]
        unit: Option<String>,
        /// The zone of times written without one: local (default), UTC, an offset like +02:00, or an IANA name like Europe/Berlin.
        #[arg(long, default_value = "local")]
        tz: String,
        /// Report what would be imported; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the valid rows and count the rest, instead of refusing the file.
        #[arg(long)]
        skip_invalid: bool,
        /// Say what a column holds, by header or 1-based number: --map Peso=weight
        /// --map 7=reps (fields: date, workout, duration, exercise, set_order, weight,
        /// weight_unit, reps, rpe, distance, distance_unit, seconds, notes, ignore, …).
        #[arg(long, value_name = "COLUMN=field")]
        map: Vec<String>,
        /// Show each column, its first values and the field it will be read as; import nothing.
        #[arg(long)]
        preview: bool,
    },
    /// Export the training log as JSON (everything) or CSV (Strong's layout, with units).
    Export {
        /// json or csv.
        what: String,
        /// A new file to write (0600); standard output when omitted.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The zone for CSV times: local (default), UTC, an offset like +02:00, or an IANA name like Europe/Berlin.
        #[arg(long, default_value = "local")]
        tz: String,
    },
}

mod exercise;
mod measure;
pub(crate) mod parse;
mod report;
mod routine;
mod session;
mod session_whoop;
mod stats;
mod suggest;
mod transfer;

pub use exercise::ExerciseCommand;
use parse::{choices, confirm, parse_distance, parse_muscle, parse_time, parse_weight};
pub use routine::RoutineCommand;
pub use session::SessionCommand;

pub fn run(dir: &DataDir, command: TrainingCommand, out: &Output) -> anyhow::Result<()> {
    let vault = open(dir, Access::Shared)?;
    let conn = vault.conn();
    let now = Utc::now();
    match command {
        TrainingCommand::Exercise(cmd) => exercise::run(conn, cmd, out),
        TrainingCommand::Routine(cmd) => routine::run(conn, cmd, now, out),
        TrainingCommand::Session(cmd) => session::run(conn, *cmd, now, out),
        TrainingCommand::Records { exercise } => stats::records(conn, exercise, out),
        TrainingCommand::Volume { from, to } => stats::volume(conn, from, to, now, out),
        TrainingCommand::Body { weight, at } => stats::body(conn, weight, at, now, out),
        TrainingCommand::Measure(args) => measure::run(conn, args, now, out),
        TrainingCommand::Report(cmd) => report::run(conn, cmd, now, out),
        TrainingCommand::Prefs {
            display_unit,
            rest,
            warmup_rest,
            bar,
            plates,
        } => stats::prefs(conn, display_unit, (rest, warmup_rest), bar, plates, out),
        TrainingCommand::Plates { target } => stats::plate_load(conn, target, out),
        TrainingCommand::Import {
            file,
            format,
            unit,
            tz,
            dry_run,
            skip_invalid,
            map,
            preview,
        } => {
            let map = ColumnMap(
                map.iter()
                    .map(|m| ColumnChoice::parse(m))
                    .collect::<Result<_, _>>()?,
            );
            if preview {
                return transfer::preview(&file, &map, out);
            }
            let request = transfer::Request {
                format: format.as_deref(),
                unit: unit.as_deref(),
                tz: &tz,
                dry_run,
                skip_invalid,
                map,
            };
            transfer::import(&vault, &file, request, now, out)
        }
        TrainingCommand::Export { what, out: path, tz } => {
            transfer::export(conn, &what, path.as_deref(), &tz, out)
        }
    }
}
