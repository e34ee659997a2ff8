//! `ironkeep report week [--week DATE]`: one week's sessions, volume per muscle, records,
//! WHOOP strain, recovery and sleep, and the journal's tags, each beside the mean of the four weeks before.

use super::*;
use ironkeep::report::{self, Compared};

/// The reports.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The week holding a day (default: this week), beside the four weeks before it.
    Week {
        /// Any day of the week (YYYY-MM-DD).
        #[arg(long)]
        week: Option<NaiveDate>,
    },
}

/// "12,400 (4 weeks before: 10,950)" with `digits` decimals and a unit.
fn compared(value: Compared, digits: usize, unit: &str) -> String {
    let show = |v: Option<f64>| v.map_or("–".to_owned(), |v| format!("{v:.digits$}{unit}"));
    format!(
        "{} (previous 4 weeks: {})",
        show(value.this_week),
        show(value.previous)
    )
}

pub(super) fn run(
    conn: &rusqlite::Connection,
    cmd: ReportCommand,
    now: DateTime<Utc>,
    out: &Output,
) -> anyhow::Result<()> {
    let ReportCommand::Week { week } = cmd;
    let day = week.unwrap_or_else(|| now.with_timezone(&Local).date_naive());
    let r = report::week(conn, day)?;
    let mut human = format!("Week of {}", r.week);
    human.push_str(&format!("\n  sessions: {}", compared(r.session_count, 1, "")));
    for s in &r.sessions {
        human.push_str(&format!(
            "\n    {} {} — {} sets, {:.0} kg{}",
            s.started_at,
            if s.name.is_empty() { "Workout" } else { &s.name },
            s.sets,
            s.volume_kg,
            s.whoop_strain
                .map(|x| format!(", strain {x:.1}"))
                .unwrap_or_default()
        ));
    }
    human.push_str(&format!("\n  volume: {}", compared(r.volume_kg, 0, " kg")));
    for m in &r.muscles {
        human.push_str(&format!(
            "\n    {}: {}",
            m.muscle.replace('_', " "),
            compared(m.volume_kg, 0, " kg")
        ));
    }
    human.push_str(&format!("\n  records: {}", r.records.len()));
    for rec in &r.records {
        human.push_str(&format!(
            "\n    {} {} x {} ({})",
            rec.exercise,
            rec.weight.map_or("-".to_owned(), |w| w.to_string()),
            rec.reps.map_or("-".to_owned(), |n| n.to_string()),
            rec.kinds.join(", ")
        ));
    }
    human.push_str(&format!("\n  day strain: {}", compared(r.strain, 1, "")));
    human.push_str(&format!("\n  recovery: {}", compared(r.recovery, 0, " %")));
    human.push_str(&format!(
        "\n  sleep performance: {}",
        compared(r.sleep_performance, 0, " %")
    ));
    human.push_str(&format!("\n  sleep: {}", compared(r.sleep_hours, 1, " h")));
    human.push_str(&format!("\n  journal days: {}", compared(r.journal_days, 1, "")));
    for t in &r.tags {
        human.push_str(&format!("\n    {}: {}", t.tag, compared(t.days, 1, " days")));
    }
    out.print(&human, serde_json::to_value(&r)?);
    Ok(())
}
