//! `ironkeep exercise suggestions`: catalog lifts offered for your own exercises — the
//! lifts a catalog update could not add because you had their names, and your imported
//! exercises the catalog knows under another spelling. Nothing changes until you accept.

use ironkeep::training::catalog::suggestions::{self, SuggestedAction, Suggestion};

use super::*;

pub(super) fn run(
    conn: &rusqlite::Connection,
    accept: Option<String>,
    dismiss: Option<String>,
    yes: bool,
    out: &Output,
) -> anyhow::Result<()> {
    let read = Exercises::new(conn);
    if let Some(name) = dismiss {
        let exercise = read.by_name(&name)?;
        suggestions::dismiss(conn, exercise.id)?;
        out.print(
            &format!("Dismissed the catalog suggestion for \"{}\".", exercise.name),
            json!({ "dismissed": exercise.id }),
        );
        return Ok(());
    }
    if let Some(name) = accept {
        let exercise = read.by_name(&name)?;
        let offered = suggestions::list(conn)?
            .into_iter()
            .find(|s| s.exercise.id == exercise.id)
            .with_context(|| format!("there is no catalog suggestion for \"{}\"", exercise.name))?;
        if offered.action == SuggestedAction::Merge {
            confirm(
                &format!("{} (its sets and routine entries move)?", sentence(&offered)),
                yes,
            )?;
        }
        let kept = suggestions::accept(conn, exercise.id)?;
        out.print(
            &format!("Done: {}.", sentence(&offered)),
            json!({ "accepted": offered, "exercise": kept }),
        );
        return Ok(());
    }
    let list = suggestions::list(conn)?;
    let human = if list.is_empty() {
        "No catalog suggestions.".to_owned()
    } else {
        let lines: Vec<String> = list.iter().map(sentence).collect();
        format!(
            "{}\naccept one with --accept NAME, or --dismiss NAME",
            lines.join("\n")
        )
    };
    out.print(&human, json!({ "suggestions": list }));
    Ok(())
}

/// What accepting does, as a sentence: "Merge "Face Pull" into "Face Pull (Cable)" (shoulders, cable)".
fn sentence(s: &Suggestion) -> String {
    let (lift, muscle, equipment) = (&s.lift.name, s.lift.muscle, s.lift.equipment);
    match s.action {
        SuggestedAction::Adopt => format!(
            "Link \"{}\" to the catalog lift \"{lift}\" ({muscle}, {equipment})",
            s.exercise.name
        ),
        SuggestedAction::Merge => format!(
            "Merge \"{}\" into \"{lift}\" ({muscle}, {equipment})",
            s.exercise.name
        ),
    }
}
