//! One CSV row to one typed set: every value checked with the same bounds as typed input,
//! every failure a sentence for the problem report.

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::csv_in::{ImportRow, When};
use super::headers::Columns;
use super::{Format, MAX_FIELD};
use crate::training::units::{parse_duration, parse_milli};
use crate::training::{Distance, DistanceUnit, Rpe, SetKind, Unit, Weight};

fn field<'r>(cols: &Columns, record: &'r csv::StringRecord, name: &str) -> Result<&'r str, String> {
    let value = cols.get(name).and_then(|&i| record.get(i)).unwrap_or("").trim();
    if value.len() > MAX_FIELD {
        return Err(format!("the {name} field is longer than {MAX_FIELD} bytes"));
    }
    Ok(value)
}

pub(super) fn read_row(
    format: Format,
    cols: &Columns,
    record: &csv::StringRecord,
    unit: Option<Unit>,
    line: u64,
) -> Result<Option<ImportRow>, String> {
    let f = |name| field(cols, record, name);
    let order = f("set_order")?;
    if order.eq_ignore_ascii_case("rest timer")
        || order.eq_ignore_ascii_case("pausen-timer")
        || order.eq_ignore_ascii_case("note")
    {
        return Ok(None);
    }
    let exercise = f("exercise")?;
    if exercise.is_empty() {
        return Err("the exercise name is empty".into());
    }
    let started = parse_when(f("date")?)?;
    let ended = match f("end")? {
        "" => match f("duration")? {
            "" | "0" => None,
            text => {
                let seconds = parse_duration(text).map_err(|e| e.to_string())?;
                Some(add_seconds(started, seconds))
            }
        },
        text => Some(parse_when(text)?),
    };
    let kind = match format {
        Format::Hevy => match f("set_type")?.to_ascii_lowercase().as_str() {
            "" | "normal" => SetKind::Working,
            "warmup" => SetKind::Warmup,
            "dropset" => SetKind::Drop,
            "failure" => SetKind::Failure,
            other => return Err(format!("unknown set type \"{other}\"")),
        },
        _ => match order.to_ascii_uppercase().as_str() {
            "W" => SetKind::Warmup,
            "D" => SetKind::Drop,
            "F" => SetKind::Failure,
            "" => SetKind::Working,
            n if n.parse::<u32>().is_ok() => SetKind::Working,
            other => return Err(format!("unknown set order \"{other}\"")),
        },
    };
    let weight = read_weight(cols, record, unit, format)?;
    let reps = match f("reps")? {
        "" => None,
        text => Some(read_count(text, "reps", 1000)?),
    };
    let rpe = match f("rpe")? {
        "" | "0" => None,
        text => Some(Rpe::parse(text).map_err(|e| e.to_string())?),
    };
    let distance = read_distance(cols, record)?;
    let duration_s = match f("seconds")? {
        "" | "0" => None,
        text => Some(parse_duration(text).map_err(|e| e.to_string())?),
    };
    let weight = weight.filter(|w| w.milli() > 0 || reps.is_some());
    if weight.is_none() && reps.is_none() && distance.is_none() && duration_s.is_none() {
        return Err("the row holds no weight, reps, distance or time".into());
    }
    Ok(Some(ImportRow {
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
    }))
}

/// A text field within its limit, never silently shortened.
fn bounded(text: &str, what: &str, max: usize) -> Result<String, String> {
    if text.chars().count() > max {
        return Err(format!("the {what} is longer than {max} characters"));
    }
    Ok(text.to_owned())
}

fn read_weight(
    cols: &Columns,
    record: &csv::StringRecord,
    unit: Option<Unit>,
    format: Format,
) -> Result<Option<Weight>, String> {
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
                .map_err(|_| format!("unknown weight unit \"{u}\""))?,
        };
        (f("weight")?, unit)
    } else {
        return Ok(None);
    };
    // Hevy stores pounds converted to kg with float noise (e.g. 102.05828325): round to
    // the thousandth; everywhere else more than three decimals is a problem row.
    let milli = if format == Format::Hevy {
        round_milli(text)
    } else {
        parse_milli(text)
    }
    .ok_or_else(|| format!("\"{text}\" is not a weight"))?;
    let milli = u32::try_from(milli).map_err(|_| format!("{text} {unit} is out of range"))?;
    Weight::from_milli(milli, unit)
        .map(Some)
        .map_err(|e| e.to_string())
}

fn read_distance(cols: &Columns, record: &csv::StringRecord) -> Result<Option<Distance>, String> {
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
            u => DistanceUnit::parse(u).ok_or_else(|| format!("unknown distance unit \"{u}\""))?,
        };
        (f("distance")?, unit)
    } else {
        return Ok(None);
    };
    let milli = round_milli(text).ok_or_else(|| format!("\"{text}\" is not a distance"))?;
    if milli == 0 {
        return Ok(None);
    }
    let milli = u32::try_from(milli).map_err(|_| format!("the distance {text} is out of range"))?;
    let distance = Distance { milli, unit };
    distance.check().map_err(|e| e.to_string())?;
    Ok(Some(distance))
}

/// A decimal rounded to thousandths (for values that apps wrote with float noise).
fn round_milli(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty()
        || text.len() > 30
        || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let value: f64 = text.replace(',', ".").parse().ok()?;
    (value.is_finite() && (0.0..1e9).contains(&value)).then(|| (value * 1000.0).round() as u64)
}

fn read_count(text: &str, what: &str, max: u32) -> Result<u32, String> {
    let value: f64 = text
        .replace(',', ".")
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number of {what}"))?;
    if value.fract() != 0.0 || !(0.0..=f64::from(max)).contains(&value) {
        return Err(format!(
            "{what} must be a whole number from 0 to {max}; got {text}"
        ));
    }
    Ok(value as u32)
}

/// Reads the date formats the three apps write.
pub fn parse_when(text: &str) -> Result<When, String> {
    let text = text.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(When::Utc(t.with_timezone(&Utc)));
    }
    const FORMATS: &[&str] = &[
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%d %b %Y, %H:%M",
        "%d %b %Y %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
    ];
    if let Some(t) = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    {
        return Ok(When::Naive(t));
    }
    // Date-only rows (FitNotes): noon, so no zone moves them to another day.
    ["%Y-%m-%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(text, f).ok())
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(When::Naive)
        .ok_or_else(|| format!("\"{}\" is not a date", text.chars().take(40).collect::<String>()))
}

fn add_seconds(when: When, seconds: u32) -> When {
    let d = chrono::Duration::seconds(i64::from(seconds));
    match when {
        When::Naive(t) => When::Naive(t + d),
        When::Utc(t) => When::Utc(t + d),
    }
}
