//! Reading weights, distances, times and answers typed on the command line.

use super::*;

/// `100kg`, `225 lb`, or a bare number in `default`.
pub(crate) fn parse_weight(text: &str, default: Unit) -> anyhow::Result<Weight> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit = if unit.is_empty() { default } else { unit.parse()? };
    Ok(Weight::parse(number, unit)?)
}

pub(super) fn parse_distance(text: &str) -> anyhow::Result<ironkeep::training::Distance> {
    let text = text.trim();
    let split = text.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit = ironkeep::training::DistanceUnit::parse(unit)
        .with_context(|| format!("\"{text}\": give the distance with a unit, e.g. 5km, 3.1mi or 400m"))?;
    Ok(ironkeep::training::Distance::parse(number, unit)?)
}

pub(super) fn parse_muscle(text: &str) -> anyhow::Result<Muscle> {
    Muscle::parse(text).with_context(|| choices("muscle group", text, Muscle::ALL))
}

pub(super) fn choices<T: std::fmt::Display>(what: &str, given: &str, all: &[T]) -> String {
    let list = all.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    format!("\"{given}\" is not a {what}; choose one of: {list}")
}

/// RFC 3339, or `YYYY-MM-DD HH:MM[:SS]` / `YYYY-MM-DD` in local time.
pub(super) fn parse_time(text: &str) -> anyhow::Result<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    let naive = [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
    .or_else(|| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .ok()
            .and_then(|d| d.and_hms_opt(0, 0, 0))
    })
    .with_context(|| format!("\"{text}\" is not a time: use e.g. 2026-11-01 18:30 or RFC 3339"))?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
        .with_context(|| format!("{text} does not exist in the local time zone"))
}

/// Asks on a terminal; elsewhere, refuses unless `--yes` was given.
pub(super) fn confirm(question: &str, yes: bool) -> anyhow::Result<()> {
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        bail!("{question} This cannot be undone: pass --yes to confirm when not on a terminal");
    }
    eprint!("{question} [y/N] ");
    let mut answer = String::new();
    std::io::stdin()
        .read_line(&mut answer)
        .context("could not read the answer")?;
    if matches!(answer.trim(), "y" | "Y" | "yes") {
        Ok(())
    } else {
        bail!("cancelled; nothing was changed")
    }
}
