//! `ironkeep session whoop ID …`: the WHOOP workouts matched to a session (strain, heart
//! rate, energy, heart-rate zones), the ones nearby, and confirming, moving or undoing a
//! match. `session show` prints the same lines; the rule is `ironkeep::matching`'s.

use super::*;
use ironkeep::matching::{self, Decision, SessionEffort};

/// What to do with a session's WHOOP matches.
#[derive(Debug, Args)]
pub struct WhoopArgs {
    /// The session's id.
    id: u32,
    /// Keep this WHOOP workout's match as it is.
    #[arg(long, value_name = "WORKOUT_ID", group = "decision")]
    confirm: Option<String>,
    /// Match this WHOOP workout to the session (moving it from another).
    #[arg(long, value_name = "WORKOUT_ID", group = "decision")]
    assign: Option<String>,
    /// This WHOOP workout is not the session: undo the match.
    #[arg(long, value_name = "WORKOUT_ID", group = "decision")]
    undo: Option<String>,
}

/// Minutes in zones 0-5, e.g. "zones 0:1 1:2 2:5 3:20 4:8 5:1 min".
fn zones(ms: &[u32]) -> String {
    let minutes: Vec<String> = ms
        .iter()
        .enumerate()
        .map(|(zone, ms)| format!("{zone}:{}", (f64::from(*ms) / 60_000.0).round()))
        .collect();
    format!("zones {} min", minutes.join(" "))
}

/// One line per matched WHOOP workout, for people.
pub(super) fn effort_lines(efforts: &[SessionEffort]) -> String {
    let mut out = String::new();
    for e in efforts {
        let mut parts = vec![format!("WHOOP {} ({})", e.sport_name, e.workout_id)];
        if let Some(strain) = e.strain {
            parts.push(format!("strain {strain:.1}"));
        }
        if let (Some(avg), Some(max)) = (e.average_heart_rate, e.max_heart_rate) {
            parts.push(format!("HR avg {avg} max {max}"));
        }
        if let Some(kj) = e.kilojoule {
            parts.push(format!("{kj:.0} kJ"));
        }
        if let Some(ms) = &e.zone_ms {
            parts.push(zones(ms));
        }
        match e.decision {
            Decision::Auto => {}
            Decision::Confirmed => parts.push("confirmed".to_owned()),
            Decision::Rejected => parts.push("undone: not this session".to_owned()),
        }
        if e.deleted_on_whoop {
            parts.push("deleted on WHOOP (last figures seen)".to_owned());
        }
        out.push_str(&format!("\n  {}", parts.join(", ")));
    }
    out
}

pub(super) fn run(
    conn: &rusqlite::Connection,
    args: WhoopArgs,
    now: DateTime<Utc>,
    out: &Output,
) -> anyhow::Result<()> {
    Sessions::new(conn).get(args.id)?;
    let did = if let Some(workout) = &args.confirm {
        ensure_matched_here(conn, args.id, workout)?;
        matching::confirm(conn, workout, now)?;
        Some(format!("Kept WHOOP workout {workout} on session {}.", args.id))
    } else if let Some(workout) = &args.assign {
        matching::assign(conn, workout, args.id, now)?;
        Some(format!("Matched WHOOP workout {workout} to session {}.", args.id))
    } else if let Some(workout) = &args.undo {
        ensure_matched_here(conn, args.id, workout)?;
        matching::reject(conn, workout, now)?;
        Some(format!(
            "WHOOP workout {workout} is no longer matched to session {}.",
            args.id
        ))
    } else {
        None
    };
    let efforts = matching::for_session(conn, args.id)?;
    let nearby = matching::candidates(conn, args.id)?;
    let mut human = did.unwrap_or_else(|| format!("Session {}", args.id));
    human.push_str(&effort_lines(&efforts));
    if efforts.is_empty() {
        human.push_str("\n  no WHOOP workout is matched");
    }
    let others: Vec<_> = nearby
        .iter()
        .filter(|c| {
            !efforts
                .iter()
                .any(|e| e.workout_id == c.workout_id && e.decision != Decision::Rejected)
        })
        .collect();
    if !others.is_empty() {
        human.push_str("\nOther WHOOP workouts within 12 hours (match one with --assign):");
        for c in others {
            human.push_str(&format!(
                "\n  {} {} {} – {}{}",
                c.workout_id,
                c.sport_name,
                c.start,
                c.end,
                c.session_id
                    .map(|s| format!(" (matched to session {s})"))
                    .unwrap_or_default()
            ));
        }
    }
    out.print(
        &human,
        json!({ "session": args.id, "whoop": efforts, "nearby": nearby }),
    );
    Ok(())
}

/// Refuses a decision about a workout that is not matched to this session.
fn ensure_matched_here(conn: &rusqlite::Connection, session: u32, workout: &str) -> anyhow::Result<()> {
    if !matching::for_session(conn, session)?
        .iter()
        .any(|e| e.workout_id == workout)
    {
        bail!(
            "WHOOP workout {workout} is not matched to session {session}; see `ironkeep session whoop {session}`"
        );
    }
    Ok(())
}
