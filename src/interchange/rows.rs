//! One CSV row to one typed set: every value checked with the same bounds as typed input,
//! every failure a sentence for the problem report, tagged with the value it is about so
//! the report can group a thousand alike problems into one line. Numbers are read by the
//! rule in `numbers`; a workout longer than a day was left running and has no known end;
//! a set with nothing filled in is counted, not imported.

use super::csv_in::{add_seconds, parse_when};

use super::csv_in::ImportRow;
use super::headers::Columns;
use super::numbers::{self, Unreadable};
use super::{Format, MAX_FIELD};
use crate::training::units::{format_milli, parse_duration};
use crate::training::{Distance, DistanceUnit, Rpe, SetKind, TrainingError, Unit, Weight};

/// Why a row could not be read: which value (the kind problems are grouped by) and a
/// sentence saying what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bad {
    /// The value at fault, e.g. `weight`.
    pub kind: &'static str,
    /// What is wrong, e.g. `"abc" is not a weight`.
    pub reason: String,
}

fn bad(kind: &'static str, reason: impl Into<String>) -> Bad {
    Bad {
        kind,
        reason: reason.into(),
    }
}

/// What one row is.
pub(super) enum Outcome {
    /// A set.
    Set(Box<ImportRow>),
    /// Not a set (a rest timer or a note).
    NotASet,
    /// A set that was planned and never filled in: no weight, reps, distance or time.
    Empty,
}

fn field<'r>(cols: &Columns, record: &'r csv::StringRecord, name: &'static str) -> Result<&'r str, Bad> {
    let value = cols.get(name).and_then(|&i| record.get(i)).unwrap_or("").trim();
    if value.len() > MAX_FIELD {
        return Err(bad(
            "length",
            format!("the {name} field is longer than {MAX_FIELD} bytes"),
        ));
    }
    Ok(value)
}

/// Reads one row. `tolerated` in the result says whether it needed a tolerance that
/// earlier versions lacked (float noise, decimals in whole-number columns, a workout left
/// running), i.e. whether those versions refused it.
pub(super) fn read_row(
    format: Format,
    cols: &Columns,
    record: &csv::StringRecord,
    unit: Option<Unit>,
    line: u64,
) -> Result<Outcome, Bad> {
    let f = |name| field(cols, record, name);
    let mut tolerated = false;
    let order = f("set_order")?;
    if order.eq_ignore_ascii_case("rest timer")
        || order.eq_ignore_ascii_case("pausen-timer")
        || order.eq_ignore_ascii_case("note")
    {
        return Ok(Outcome::NotASet);
    }
    let exercise = f("exercise")?;
    if exercise.is_empty() {
        return Err(bad("exercise", "the exercise name is empty"));
    }
    let started = parse_when(f("date")?).map_err(|r| bad("date", r))?;
    let ended = match f("end")? {
        "" => match read_duration(f("duration")?)? {
            Span::None => None,
            Span::Seconds(seconds, lenient) => {
                tolerated |= lenient;
                Some(add_seconds(started, seconds))
            }
            Span::LeftRunning => {
                tolerated = true;
                None
            }
        },
        text => Some(parse_when(text).map_err(|r| bad("end time", r))?),
    };
    let kind = match format {
        Format::Hevy => match f("set_type")?.to_ascii_lowercase().as_str() {
            "" | "normal" => SetKind::Working,
            "warmup" => SetKind::Warmup,
            "dropset" => SetKind::Drop,
            "failure" => SetKind::Failure,
            other => return Err(bad("set type", format!("unknown set type \"{other}\""))),
        },
        _ => match order.to_ascii_uppercase().as_str() {
            "W" => SetKind::Warmup,
            "D" => SetKind::Drop,
            "F" => SetKind::Failure,
            "" => SetKind::Working,
            n if n.parse::<u32>().is_ok() => SetKind::Working,
            n if numbers::whole(n).is_ok() => {
                tolerated = true;
                SetKind::Working
            }
            other => return Err(bad("set order", format!("unknown set order \"{other}\""))),
        },
    };
    let weight = read_weight(cols, record, unit, format, &mut tolerated)?;
    let reps = match f("reps")? {
        "" => None,
        text => Some(read_reps(text, &mut tolerated)?),
    };
    let rpe = read_rpe(f("rpe")?, &mut tolerated)?;
    let distance = read_distance(cols, record)?;
    let duration_s = read_seconds(f("seconds")?, &mut tolerated)?;
    let weight = weight.filter(|w| w.milli() > 0 || reps.is_some());
    if weight.is_none() && reps.is_none() && distance.is_none() && duration_s.is_none() {
        return Ok(Outcome::Empty);
    }
    Ok(Outcome::Set(Box::new(ImportRow {
        line,
        started,
        ended,
        workout: bounded(f("workout")?, "workout name", 80)?,
        workout_notes: bounded(f("workout_notes")?, "workout notes", 2000)?,
        exercise: exercise.to_owned(),
        kind,
        weight,
        reps,
        rpe,
        distance,
        duration_s,
        notes: bounded(f("notes")?, "note", 500)?,
        superset: Some(f("superset")?.to_owned()).filter(|s| !s.is_empty()),
        tolerated,
    })))
}

/// A text field within its limit, never silently shortened.
fn bounded(text: &str, what: &'static str, max: usize) -> Result<String, Bad> {
    if text.chars().count() > max {
        return Err(bad(what, format!("the {what} is longer than {max} characters")));
    }
    Ok(text.to_owned())
}

/// A workout's length as a file gives it.
enum Span {
    /// No length (empty or zero).
    None,
    /// Seconds, and whether reading them needed a tolerance (`3600.0`).
    Seconds(u32, bool),
    /// Longer than a day: the lifter forgot to press finish, so the end is unknown.
    LeftRunning,
}

fn read_duration(text: &str) -> Result<Span, Bad> {
    if matches!(text, "" | "0") {
        return Ok(Span::None);
    }
    match parse_duration(text) {
        Ok(0) => Ok(Span::None),
        Ok(seconds) => Ok(Span::Seconds(seconds, false)),
        Err(TrainingError::OutOfRange { .. }) => Ok(Span::LeftRunning),
        Err(err) => match numbers::whole(text) {
            Ok(read) if read.value == 0 => Ok(Span::None),
            Ok(read) if read.value > 86_400 => Ok(Span::LeftRunning),
            Ok(read) => Ok(Span::Seconds(read.value as u32, true)),
            Err(_) => Err(bad("workout duration", err.to_string())),
        },
    }
}

/// A set's time: `90`, `1:30`, `90.0`; zero is none.
fn read_seconds(text: &str, tolerated: &mut bool) -> Result<Option<u32>, Bad> {
    if matches!(text, "" | "0") {
        return Ok(None);
    }
    match parse_duration(text) {
        Ok(seconds) => Ok(Some(seconds)),
        Err(err) => match numbers::whole(text) {
            Ok(read) if read.value <= 86_400 => {
                *tolerated = true;
                Ok(Some(read.value as u32).filter(|&s| s > 0))
            }
            _ => Err(bad("time", err.to_string())),
        },
    }
}

fn read_reps(text: &str, tolerated: &mut bool) -> Result<u32, Bad> {
    let read = numbers::whole(text).map_err(|why| match why {
        Unreadable::NotWhole => bad("reps", format!("reps must be a whole number; got {text}")),
        _ => bad("reps", format!("\"{text}\" is not a number of reps")),
    })?;
    if read.value > 1000 {
        return Err(bad(
            "reps",
            format!("reps must be a whole number from 0 to 1000; got {text}"),
        ));
    }
    // Earlier versions read reps as a float and refused any fraction, noise included.
    *tolerated |= text
        .replace(',', ".")
        .parse::<f64>()
        .is_ok_and(|v| v.fract() != 0.0);
    Ok(read.value as u32)
}

/// RPE: empty or zero is none; `8.0` and float noise read as meant.
fn read_rpe(text: &str, tolerated: &mut bool) -> Result<Option<Rpe>, Bad> {
    if matches!(text, "" | "0") {
        return Ok(None);
    }
    if let Ok(rpe) = Rpe::parse(text) {
        return Ok(Some(rpe));
    }
    let refused = || {
        bad(
            "RPE",
            format!("\"{text}\" is not an RPE from 1 to 10 in half steps"),
        )
    };
    let read = numbers::milli(text).map_err(|_| refused())?;
    *tolerated = true;
    if read.value == 0 {
        return Ok(None);
    }
    Rpe::parse(&format_milli(read.value))
        .map(Some)
        .map_err(|_| refused())
}

fn read_weight(
    cols: &Columns,
    record: &csv::StringRecord,
    unit: Option<Unit>,
    format: Format,
    tolerated: &mut bool,
) -> Result<Option<Weight>, Bad> {
    let f = |name| field(cols, record, name);
    let (text, unit) = if !f("weight_kg")?.is_empty() {
        (f("weight_kg")?, Unit::Kg)
    } else if !f("weight_lb")?.is_empty() {
        (f("weight_lb")?, Unit::Lb)
    } else if !f("weight")?.is_empty() {
        let unit = match f("weight_unit")? {
            "" => unit.unwrap_or(Unit::Kg),
            u => u
                .parse::<Unit>()
                .map_err(|_| bad("weight unit", format!("unknown weight unit \"{u}\"")))?,
        };
        (f("weight")?, unit)
    } else {
        return Ok(None);
    };
    // Hevy stores pounds converted to kg (e.g. 102.05828325): those are rounded to the
    // gram, as they always were; everywhere else the precision rule of `numbers` holds.
    let milli = if format == Format::Hevy {
        numbers::round_milli(text).ok_or_else(|| bad("weight", format!("\"{text}\" is not a weight")))?
    } else {
        let read = numbers::milli(text).map_err(|why| match why {
            Unreadable::TooPrecise => bad(
                "weight",
                format!("the weight {text} has more than 3 decimals and is not float noise; Ironkeep will not round it"),
            ),
            _ => bad("weight", format!("\"{text}\" is not a weight")),
        })?;
        *tolerated |= !read.exact;
        read.value
    };
    let milli = u32::try_from(milli).map_err(|_| bad("weight", format!("{text} {unit} is out of range")))?;
    Weight::from_milli(milli, unit)
        .map(Some)
        .map_err(|e| bad("weight", e.to_string()))
}

fn read_distance(cols: &Columns, record: &csv::StringRecord) -> Result<Option<Distance>, Bad> {
    let f = |name| field(cols, record, name);
    let (text, unit) = if !f("distance_km")?.is_empty() {
        (f("distance_km")?, DistanceUnit::Km)
    } else if !f("distance_mi")?.is_empty() {
        (f("distance_mi")?, DistanceUnit::Mi)
    } else if !f("distance_m")?.is_empty() {
        (f("distance_m")?, DistanceUnit::M)
    } else if !f("distance")?.is_empty() {
        let unit = match f("distance_unit")? {
            "" => DistanceUnit::M,
            u => DistanceUnit::parse(u)
                .ok_or_else(|| bad("distance unit", format!("unknown distance unit \"{u}\"")))?,
        };
        (f("distance")?, unit)
    } else {
        return Ok(None);
    };
    let milli =
        numbers::round_milli(text).ok_or_else(|| bad("distance", format!("\"{text}\" is not a distance")))?;
    if milli == 0 {
        return Ok(None);
    }
    let milli =
        u32::try_from(milli).map_err(|_| bad("distance", format!("the distance {text} is out of range")))?;
    let distance = Distance { milli, unit };
    distance.check().map_err(|e| bad("distance", e.to_string()))?;
    Ok(Some(distance))
}
