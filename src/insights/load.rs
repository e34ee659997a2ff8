//! Strain per tonne: what the same kind of session costs the lifter's heart over time.
//!
//! For every session with a WHOOP workout matched to it (see [`crate::matching`]; an undone
//! match does not count) and some volume, the WHOOP strain of the match (the highest, when
//! two are matched) is divided by the session's volume in tonnes (weight × reps of done,
//! non-warm-up sets). Sessions are grouped by their name ("Upper A", "Legs"), which is how
//! lifters name a kind of session; unnamed ones form one group. A group's caption compares
//! its later half with its earlier half and calls it a change only when the difference is
//! more than twice its standard error (from the spread of all the group's values); otherwise
//! it says there is no clear change. It never says why.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;

use crate::training::stamp;
use crate::whoop::WhoopError;

/// Fewest matched sessions of one kind before its trend is described.
pub const MIN_SESSIONS: usize = 6;

/// One kind of session's strain per tonne, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StrainPerTonne {
    /// The sessions' name ("" for unnamed sessions).
    pub name: String,
    /// Each session's start at its second, Unix seconds (for charts).
    pub x: Vec<u32>,
    /// Each session's WHOOP strain divided by its volume in tonnes.
    pub values: Vec<f64>,
    /// One sentence about the trend, or why there is none.
    pub caption: String,
}

/// Mean and (population) standard deviation.
fn spread(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

/// The sentence for one kind of session.
fn caption(name: &str, values: &[f64]) -> String {
    let label = if name.is_empty() { "Unnamed sessions" } else { name };
    if values.len() < MIN_SESSIONS {
        return format!(
            "{label}: {} session{} with WHOOP so far; a trend needs {MIN_SESSIONS}.",
            values.len(),
            if values.len() == 1 { "" } else { "s" }
        );
    }
    let half = values.len() / 2;
    let (before, _) = spread(&values[..half]);
    let (after, _) = spread(&values[values.len() - half..]);
    let (_, sd) = spread(values);
    // Standard error of the difference of two means of `half` values each.
    let noise = sd * (2.0 / half as f64).sqrt();
    let change = after - before;
    if change.abs() <= 2.0 * noise {
        format!(
            "{label}: about {after:.2} strain per tonne in your last {half} sessions and {before:.2} in the {half} \
             before; no clear change."
        )
    } else {
        format!(
            "{label}: {after:.2} strain per tonne in your last {half} sessions against {before:.2} in the {half} before; \
             the same work has cost your heart {} lately.",
            if change < 0.0 { "less" } else { "more" }
        )
    }
}

/// Strain per tonne for sessions starting in `[from, to)`, per session name (most sessions
/// first), and a sentence for the whole.
pub fn strain_per_tonne(
    conn: &Connection,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<(Vec<StrainPerTonne>, String), WhoopError> {
    let mut stmt = conn.prepare_cached(
        "SELECT x.name, x.started_at, m.strain,
                (SELECT coalesce(sum(s.weight_kg * s.reps), 0.0) FROM session_set s
                  WHERE s.session_id = x.id AND s.done = 1 AND s.kind <> 'warmup')
         FROM session x
         JOIN (SELECT session_id, max(strain) AS strain FROM whoop_match
                WHERE decision <> 'rejected' AND strain IS NOT NULL GROUP BY session_id) m
           ON m.session_id = x.id
         WHERE x.started_at >= ?1 AND x.started_at < ?2
         ORDER BY x.started_at, x.id",
    )?;
    let rows = stmt.query_map(params![stamp(from), stamp(to)], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, f64>(2)?,
            r.get::<_, f64>(3)?,
        ))
    })?;
    let mut groups: Vec<StrainPerTonne> = Vec::new();
    for row in rows {
        let (name, started, strain, volume_kg) = row?;
        let Ok(at) = DateTime::parse_from_rfc3339(&started) else {
            continue;
        };
        if volume_kg <= 0.0 {
            continue;
        }
        let name = name.trim().to_owned();
        let index = match groups.iter().position(|g| g.name == name) {
            Some(i) => i,
            None => {
                groups.push(StrainPerTonne {
                    name,
                    x: Vec::new(),
                    values: Vec::new(),
                    caption: String::new(),
                });
                groups.len() - 1
            }
        };
        groups[index].x.push(u32::try_from(at.timestamp()).unwrap_or(0));
        groups[index].values.push(strain / (volume_kg / 1000.0));
    }
    for group in &mut groups {
        group.caption = caption(&group.name, &group.values);
    }
    groups.sort_by(|a, b| {
        b.values
            .len()
            .cmp(&a.values.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    let whole = if groups.is_empty() {
        "Strain per tonne needs sessions with a WHOOP workout matched to them: wear WHOOP while you lift and sync."
            .to_owned()
    } else {
        let sessions: usize = groups.iter().map(|g| g.values.len()).sum();
        format!(
            "{sessions} session{} with WHOOP strain, in {} kind{} of session.",
            if sessions == 1 { "" } else { "s" },
            groups.len(),
            if groups.len() == 1 { "" } else { "s" }
        )
    };
    Ok((groups, whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clear_drop_is_called_less_and_noise_is_called_no_clear_change() {
        let falling = [1.2, 1.25, 1.18, 1.22, 0.9, 0.88, 0.92, 0.91];
        assert!(
            caption("Upper A", &falling).contains("cost your heart less"),
            "{}",
            caption("Upper A", &falling)
        );
        let noisy = [1.0, 1.3, 0.8, 1.2, 0.9, 1.25, 0.85, 1.15];
        assert!(
            caption("Upper A", &noisy).contains("no clear change"),
            "{}",
            caption("Upper A", &noisy)
        );
        let rising = [0.5, 0.52, 0.49, 0.8, 0.82, 0.79];
        assert!(caption("", &rising).starts_with("Unnamed sessions:"));
        assert!(caption("", &rising).contains("cost your heart more"));
    }

    #[test]
    fn too_few_sessions_say_how_many_are_needed() {
        assert_eq!(
            caption("Legs", &[1.0, 1.1]),
            format!("Legs: 2 sessions with WHOOP so far; a trend needs {MIN_SESSIONS}.")
        );
    }
}
