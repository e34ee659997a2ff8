//! CSV export in Strong's semicolon layout with explicit units, so a lifter can take their
//! history to any app that reads Strong files (and back into Ironkeep).
//!
//! Columns: `Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Weight Unit;Reps;
//! RPE;Distance;Distance Unit;Seconds;Notes;Workout Notes`. Times are written in the given
//! zone without an offset (as Strong does). What this CSV cannot carry, and only the JSON
//! export keeps: routines, sets not marked done (left out), superset groups, record flags,
//! exercise kinds, muscle groups, equipment, archived or merged exercises, the body-weight
//! log, the journal, preferences, and each session's source. Text cells that a spreadsheet would run
//! as formulas get an apostrophe (see `cells`), which the import removes again.

use chrono::{DateTime, Local, Utc};
use rusqlite::Connection;

use super::cells::neutralise;
use super::{ImportError, Zone};
use crate::training::units::format_milli;
use crate::training::{SetKind, parse_stamp};

/// The header row.
pub const HEADER: [&str; 14] = [
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Weight Unit",
    "Reps",
    "RPE",
    "Distance",
    "Distance Unit",
    "Seconds",
    "Notes",
    "Workout Notes",
];

fn local(at: DateTime<Utc>, zone: Zone) -> String {
    match zone {
        Zone::Local => at.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S").to_string(),
        Zone::Fixed(offset) => at.with_timezone(&offset).format("%Y-%m-%d %H:%M:%S").to_string(),
        Zone::Named(tz) => at.with_timezone(&tz).format("%Y-%m-%d %H:%M:%S").to_string(),
    }
}

/// Writes every done set, oldest session first.
pub fn export(conn: &Connection, zone: Zone, out: impl std::io::Write) -> Result<u64, ImportError> {
    let mut writer = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
    let csv_err = |e: csv::Error| ImportError::Csv(e.to_string());
    writer.write_record(HEADER).map_err(csv_err)?;
    let mut stmt = conn.prepare(
        "SELECT x.started_at, x.ended_at, x.name, x.notes, e.name, s.kind, s.weight_milli, s.weight_unit, s.reps,
                s.rpe_half, s.distance_milli, s.distance_unit, s.duration_s, s.notes, s.session_id, s.exercise_id
         FROM session_set s JOIN session x ON x.id = s.session_id JOIN exercise e ON e.id = s.exercise_id
         WHERE s.done = 1 ORDER BY x.started_at, x.id, s.position",
    )?;
    let mut rows = stmt.query([])?;
    let mut written = 0u64;
    let mut counter: Option<(u32, u32, u32)> = None;
    while let Some(r) = rows.next()? {
        let started = parse_stamp(&r.get::<_, String>(0)?)?;
        let duration = match r.get::<_, Option<String>>(1)? {
            Some(end) => {
                let minutes = (parse_stamp(&end)? - started).num_minutes();
                if minutes >= 60 {
                    format!("{}h {}m", minutes / 60, minutes % 60)
                } else {
                    format!("{minutes}m")
                }
            }
            None => String::new(),
        };
        let kind: SetKind = r.get(5)?;
        let (session, exercise): (u32, u32) = (r.get(14)?, r.get(15)?);
        let n = match counter {
            Some((s, e, n)) if s == session && e == exercise => n + 1,
            _ => 1,
        };
        counter = Some((session, exercise, n));
        let order = match kind {
            SetKind::Warmup => "W".to_owned(),
            SetKind::Drop => "D".to_owned(),
            SetKind::Failure => "F".to_owned(),
            SetKind::Working => n.to_string(),
        };
        let opt = |v: Option<u32>| v.map(|v| v.to_string()).unwrap_or_default();
        let text = |i: usize| r.get::<_, String>(i).map(|t| neutralise(&t).into_owned());
        let record = [
            local(started, zone),
            text(2)?,
            duration,
            text(4)?,
            order,
            r.get::<_, Option<u32>>(6)?
                .map(|m| format_milli(u64::from(m)))
                .unwrap_or_default(),
            r.get::<_, Option<String>>(7)?.unwrap_or_default(),
            opt(r.get(8)?),
            r.get::<_, Option<u32>>(9)?
                .map(|h| format_milli(u64::from(h) * 500))
                .unwrap_or_default(),
            r.get::<_, Option<u32>>(10)?
                .map(|m| format_milli(u64::from(m)))
                .unwrap_or_default(),
            r.get::<_, Option<String>>(11)?.unwrap_or_default(),
            opt(r.get(12)?),
            text(13)?,
            text(3)?,
        ];
        writer.write_record(&record).map_err(csv_err)?;
        written += 1;
    }
    writer.flush().map_err(|e| ImportError::Csv(e.to_string()))?;
    Ok(written)
}
