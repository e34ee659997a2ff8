//! `ironkeep training measure`: log a tape measurement or body fat, or list recent ones.

use ironkeep::training::units::parse_milli;
use ironkeep::training::{BodyMeasures, LengthUnit, Measurements};

use super::*;

/// What `training measure` was given.
#[derive(Debug, Args)]
pub struct MeasureArgs {
    /// Waist, e.g. 84.5.
    #[arg(long)]
    waist: Option<String>,
    /// Chest.
    #[arg(long)]
    chest: Option<String>,
    /// Upper arm.
    #[arg(long)]
    arms: Option<String>,
    /// Thigh.
    #[arg(long)]
    thighs: Option<String>,
    /// Body fat in percent, e.g. 18.2.
    #[arg(long)]
    body_fat: Option<String>,
    /// The unit of the lengths: cm or in.
    #[arg(long, default_value = "cm")]
    unit: String,
    /// When it was measured (default now).
    #[arg(long)]
    at: Option<String>,
    /// A note, e.g. "morning, fasted".
    #[arg(long, default_value = "")]
    note: String,
}

/// Reads one typed number into thousandths.
fn milli(what: &str, text: Option<&String>) -> anyhow::Result<Option<u32>> {
    text.map(|t| {
        parse_milli(t)
            .and_then(|m| u32::try_from(m).ok())
            .with_context(|| format!("\"{}\" is not a {what}: use a number like 84.5", t.trim()))
    })
    .transpose()
}

pub(super) fn run(
    conn: &rusqlite::Connection,
    args: MeasureArgs,
    now: DateTime<Utc>,
    out: &Output,
) -> anyhow::Result<()> {
    let body = BodyMeasures::new(conn);
    let values = Measurements {
        unit: LengthUnit::parse(&args.unit)?,
        waist_milli: milli("waist", args.waist.as_ref())?,
        chest_milli: milli("chest measurement", args.chest.as_ref())?,
        arms_milli: milli("arm measurement", args.arms.as_ref())?,
        thighs_milli: milli("thigh measurement", args.thighs.as_ref())?,
        body_fat_milli: milli("body fat", args.body_fat.as_ref())?,
        note: args.note,
    };
    let typed = [
        values.waist_milli,
        values.chest_milli,
        values.arms_milli,
        values.thighs_milli,
        values.body_fat_milli,
    ];
    if typed.iter().any(Option::is_some) {
        let at = args.at.as_deref().map(parse_time).transpose()?.unwrap_or(now);
        body.log(at, &values, now)?;
    }
    let recent = body.recent(10)?;
    let show = |label: &str, value: Option<u32>, unit: &str| {
        value.map(|m| format!(" {label} {}{unit}", units::format_milli(u64::from(m))))
    };
    let human = recent
        .iter()
        .map(|m| {
            let unit = m.values.unit.as_str();
            let parts: String = [
                show("waist", m.values.waist_milli, unit),
                show("chest", m.values.chest_milli, unit),
                show("arms", m.values.arms_milli, unit),
                show("thighs", m.values.thighs_milli, unit),
                show("body fat", m.values.body_fat_milli, "%"),
            ]
            .into_iter()
            .flatten()
            .collect();
            format!("{}{parts}", m.measured_at)
        })
        .collect::<Vec<_>>()
        .join("\n");
    out.print(&human, json!({ "body_measurements": recent }));
    Ok(())
}
