//! Writes `migrations/0004_catalog.sql`, the migration that grows the built-in catalog from
//! the 80 lifts of 0002 to every strength, power, strongman, plyometric and cardio
//! exercise of the public-domain free-exercise-db dataset (yuhonas/free-exercise-db,
//! Unlicense), facts only: names, muscles, equipment.
//!
//! Usage (the migration is committed; run this only to regenerate it, and never after it
//! shipped — a later change is a new migration):
//! `cargo run -q --example catalog_migration -- free-exercise-db.facts.json > migrations/0004_catalog.sql`
//! where the file is the dataset's `dist/exercises.json` at commit
//! acd61f751fe15d618862ee3084f27e839222a28f (instructions and images may be left out).
//!
//! Names become the "Lift (Equipment)" style Strong and Hevy use ("Barbell Shrug" →
//! "Shrug (Barbell)"), or the exact spelling those apps use where [`RENAMED`] says so.
//! A dataset exercise that is a lift 0002 already has ([`SAME_AS`], or the same
//! [`MatchKey`] and equipment) adds no row; its secondary muscles go to that lift.

use std::collections::{BTreeSet, HashSet};
use std::fmt::Write as _;

use ironkeep::training::catalog::{MatchKey, slug};
use ironkeep::training::exercises::{Equipment, ExerciseKind, Muscle};
use ironkeep::vault::migrate::{self, MIGRATIONS};
use rusqlite::Connection;
use serde::Deserialize;

/// One exercise of the dataset (only the factual fields are read).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Fact {
    name: String,
    category: String,
    equipment: Option<String>,
    primary_muscles: Vec<String>,
    secondary_muscles: Vec<String>,
}

/// Dataset exercises that are lifts 0002 already has, under another name.
const SAME_AS: &[(&str, &str)] = &[
    ("Barbell Bench Press - Medium Grip", "Bench Press (Barbell)"),
    (
        "Barbell Incline Bench Press - Medium Grip",
        "Incline Bench Press (Barbell)",
    ),
    ("Decline Barbell Bench Press", "Decline Bench Press (Barbell)"),
    (
        "Close-Grip Barbell Bench Press",
        "Close Grip Bench Press (Barbell)",
    ),
    ("Barbell Full Squat", "Squat (Barbell)"),
    ("Front Barbell Squat", "Front Squat (Barbell)"),
    ("Barbell Deadlift", "Deadlift (Barbell)"),
    ("Sumo Deadlift", "Sumo Deadlift (Barbell)"),
    ("Romanian Deadlift", "Romanian Deadlift (Barbell)"),
    ("Standing Military Press", "Overhead Press (Barbell)"),
    ("Bent Over Barbell Row", "Bent Over Row (Barbell)"),
    ("Barbell Hip Thrust", "Hip Thrust (Barbell)"),
    ("Barbell Curl", "Bicep Curl (Barbell)"),
    ("EZ-Bar Skullcrusher", "Skullcrusher (Barbell)"),
    ("Barbell Lunge", "Lunge (Barbell)"),
    ("Incline Dumbbell Press", "Incline Bench Press (Dumbbell)"),
    ("Dumbbell Flyes", "Chest Fly (Dumbbell)"),
    ("Dumbbell Shoulder Press", "Shoulder Press (Dumbbell)"),
    ("Side Lateral Raise", "Lateral Raise (Dumbbell)"),
    ("Front Dumbbell Raise", "Front Raise (Dumbbell)"),
    ("Dumbbell Bicep Curl", "Bicep Curl (Dumbbell)"),
    (
        "Standing Dumbbell Triceps Extension",
        "Triceps Extension (Dumbbell)",
    ),
    ("One-Arm Dumbbell Row", "Bent Over One Arm Row (Dumbbell)"),
    ("Dumbbell Lunges", "Lunge (Dumbbell)"),
    ("Stiff-Legged Dumbbell Deadlift", "Romanian Deadlift (Dumbbell)"),
    (
        "Palms-Up Dumbbell Wrist Curl Over A Bench",
        "Wrist Curl (Dumbbell)",
    ),
    ("Leg Extensions", "Leg Extension (Machine)"),
    ("Lying Leg Curls", "Lying Leg Curl (Machine)"),
    ("Seated Leg Curl", "Seated Leg Curl (Machine)"),
    ("Standing Calf Raises", "Standing Calf Raise (Machine)"),
    ("Seated Calf Raise", "Seated Calf Raise (Machine)"),
    ("Machine Bench Press", "Chest Press (Machine)"),
    ("Machine Shoulder (Military) Press", "Shoulder Press (Machine)"),
    ("Wide-Grip Lat Pulldown", "Lat Pulldown (Cable)"),
    ("Seated Cable Rows", "Seated Row (Cable)"),
    ("Triceps Pushdown", "Triceps Pushdown (Cable)"),
    ("Face Pull", "Face Pull (Cable)"),
    ("Cable Crunch", "Crunch (Cable)"),
    ("Standing Biceps Cable Curl", "Bicep Curl (Cable)"),
    ("One-Arm Kettlebell Swings", "Kettlebell Swing"),
    ("Goblet Squat", "Goblet Squat (Kettlebell)"),
    (
        "Kettlebell Turkish Get-Up (Squat style)",
        "Turkish Get Up (Kettlebell)",
    ),
    ("Pullups", "Pull Up"),
    ("Chin-Up", "Chin Up"),
    ("Pushups", "Push Up"),
    ("Dips - Triceps Version", "Triceps Dip"),
    ("Inverted Row", "Inverted Row"),
    ("Sit-Up", "Sit Up"),
    ("Hanging Leg Raise", "Hanging Leg Raise"),
    ("Hyperextensions (Back Extensions)", "Back Extension"),
    ("Kettlebell Pistol Squat", "Pistol Squat"),
    ("Butt Lift (Bridge)", "Glute Bridge"),
    ("Plank", "Plank"),
    ("Farmer's Walk", "Farmers Walk"),
    ("Rowing, Stationary", "Rowing (Machine)"),
    ("Elliptical Trainer", "Elliptical Trainer"),
    ("Stairmaster", "Stair Climber"),
    ("Rope Jumping", "Jump Rope"),
    ("Walking, Treadmill", "Walking"),
    ("Jogging, Treadmill", "Running"),
    ("Bicycling", "Cycling"),
    ("Power Clean", "Power Clean"),
    ("Clean and Jerk", "Clean and Jerk"),
    ("Snatch", "Snatch"),
    ("Barbell Shrug", "Shrug (Barbell)"),
    ("Dumbbell Shrug", "Shrug (Dumbbell)"),
    ("Good Morning", "Good Morning (Barbell)"),
    ("Hack Squat", "Hack Squat (Machine)"),
    ("Leg Press", "Leg Press (Machine)"),
    ("Cable Crossover", "Cable Crossover"),
];

/// Dataset exercises whose name in Strong or Hevy exports is different: the catalog uses
/// the apps' spelling, so their imports land on it by name.
const RENAMED: &[(&str, &str)] = &[
    (
        "Close-Grip Front Lat Pulldown",
        "Lat Pulldown - Close Grip (Cable)",
    ),
    ("Underhand Cable Pulldowns", "Lat Pulldown - Underhand (Cable)"),
    (
        "Wide-Grip Pulldown Behind The Neck",
        "Lat Pulldown - Behind The Neck (Cable)",
    ),
    ("Tricep Dumbbell Kickback", "Triceps Kickback (Dumbbell)"),
    ("Preacher Curl", "Preacher Curl (Barbell)"),
    ("Machine Preacher Curls", "Preacher Curl (Machine)"),
    ("One Arm Dumbbell Preacher Curl", "Preacher Curl (Dumbbell)"),
    ("Butterfly", "Butterfly (Pec Deck)"),
    ("Thigh Adductor", "Hip Adductor (Machine)"),
    ("Straight-Arm Pulldown", "Straight Arm Pulldown (Cable)"),
    ("Concentration Curls", "Concentration Curl (Dumbbell)"),
    ("Arnold Dumbbell Press", "Arnold Press (Dumbbell)"),
    ("Reverse Flyes", "Reverse Fly (Dumbbell)"),
    ("Reverse Machine Flyes", "Reverse Fly (Machine)"),
    ("Cable Rear Delt Fly", "Reverse Fly (Cable)"),
    ("Upright Row - With Bands", "Upright Row (Band)"),
    ("Standing Dumbbell Upright Row", "Upright Row (Dumbbell)"),
    ("Upright Barbell Row", "Upright Row (Barbell)"),
    ("Smith Machine Squat", "Squat (Smith Machine)"),
    (
        "Smith Machine Incline Bench Press",
        "Incline Bench Press (Smith Machine)",
    ),
    (
        "Smith Machine Overhead Shoulder Press",
        "Overhead Press (Smith Machine)",
    ),
    ("Smith Machine Bench Press", "Bench Press (Smith Machine)"),
    ("Incline Dumbbell Curl", "Incline Curl (Dumbbell)"),
    ("Dumbbell Side Bend", "Side Bend (Dumbbell)"),
    ("Decline Dumbbell Bench Press", "Decline Bench Press (Dumbbell)"),
    ("Dumbbell Bench Press", "Bench Press (Dumbbell)"),
    ("Dumbbell Floor Press", "Floor Press (Dumbbell)"),
    ("Lying Dumbbell Tricep Extension", "Skullcrusher (Dumbbell)"),
    ("Reverse Barbell Curl", "Reverse Curl (Barbell)"),
    ("Bent Over Two-Dumbbell Row", "Bent Over Row (Dumbbell)"),
    ("Dips - Chest Version", "Chest Dip"),
    ("Bench Dips", "Bench Dip"),
    ("Landmine Linear Jammer", "Landmine Press"),
    ("Hang Snatch", "Hang Snatch (Barbell)"),
    ("Hang Clean", "Hang Clean (Barbell)"),
    ("Clean", "Clean (Barbell)"),
    ("Power Snatch", "Power Snatch (Barbell)"),
    ("Split Jerk", "Split Jerk (Barbell)"),
    ("Snatch Pull", "Snatch Pull (Barbell)"),
    ("Rack Pulls", "Rack Pull (Barbell)"),
    ("Trap Bar Deadlift", "Deadlift - Trap Bar"),
    ("Seated Barbell Military Press", "Seated Shoulder Press (Barbell)"),
    ("Seated Dumbbell Press", "Seated Shoulder Press (Dumbbell)"),
    ("Leverage Iso Row", "Iso-Lateral Row (Machine)"),
    ("Leverage Chest Press", "Iso-Lateral Chest Press (Machine)"),
    ("Leverage High Row", "High Row (Machine)"),
    ("Leverage Decline Chest Press", "Decline Chest Press (Machine)"),
    ("Knee/Hip Raise On Parallel Bars", "Knee Raise (Captain's Chair)"),
    ("Hanging Pike", "Hanging Pike"),
    ("Split Squat with Dumbbells", "Bulgarian Split Squat (Dumbbell)"),
    ("Bent-Arm Dumbbell Pullover", "Pullover (Dumbbell)"),
    ("Calf Press On The Leg Press Machine", "Calf Press on Leg Press"),
    ("Lying T-Bar Row", "Chest Supported T Bar Row (Machine)"),
    ("Machine Bicep Curl", "Bicep Curl (Machine)"),
    ("Machine Triceps Extension", "Triceps Extension (Machine)"),
    ("Dip Machine", "Seated Dip (Machine)"),
    ("Crunches", "Crunch"),
    ("T-Bar Row with Handle", "T Bar Row"),
    (
        "Triceps Pushdown - Rope Attachment",
        "Triceps Rope Pushdown (Cable)",
    ),
    (
        "Triceps Pushdown - V-Bar Attachment",
        "Triceps Pushdown - V Bar (Cable)",
    ),
    ("One Arm Lat Pulldown", "Single Arm Lat Pulldown (Cable)"),
    ("Thigh Abductor", "Hip Abductor (Machine)"),
    ("Ab Crunch Machine", "Crunch (Machine)"),
];

/// The dataset's 17 muscle words onto the schema's 13 groups.
fn muscle(word: &str) -> Muscle {
    match word {
        "abdominals" => Muscle::Core,
        // Hip abductors are the outer glutes (gluteus medius and minimus).
        "abductors" | "glutes" => Muscle::Glutes,
        // The adductors are the inner thigh; the schema has no group of their own.
        "adductors" | "quadriceps" => Muscle::Quads,
        "biceps" => Muscle::Biceps,
        "calves" => Muscle::Calves,
        "chest" => Muscle::Chest,
        "forearms" => Muscle::Forearms,
        "hamstrings" => Muscle::Hamstrings,
        "lats" | "lower back" | "middle back" | "traps" | "neck" => Muscle::Back,
        "shoulders" => Muscle::Shoulders,
        "triceps" => Muscle::Triceps,
        other => panic!("unknown muscle word {other:?}: map it"),
    }
}

/// The dataset's 12 kinds of equipment (and none) onto the schema's 8.
fn equipment(word: Option<&str>) -> Equipment {
    match word {
        Some("barbell" | "e-z curl bar") => Equipment::Barbell,
        Some("dumbbell") => Equipment::Dumbbell,
        Some("machine") => Equipment::Machine,
        Some("cable") => Equipment::Cable,
        Some("body only") | None => Equipment::Bodyweight,
        Some("kettlebells") => Equipment::Kettlebell,
        Some("bands") => Equipment::Band,
        Some("exercise ball" | "medicine ball" | "foam roll" | "other") => Equipment::Other,
        Some(other) => panic!("unknown equipment {other:?}: map it"),
    }
}

/// Equipment written first in the dataset's names, moved into parentheses.
const LEADING_EQUIPMENT: &[(&str, &str)] = &[
    ("Barbell ", "Barbell"),
    ("Dumbbell ", "Dumbbell"),
    ("Cable ", "Cable"),
    ("Kettlebell ", "Kettlebell"),
    ("Smith Machine ", "Smith Machine"),
    ("EZ-Bar ", "EZ Bar"),
    ("Machine ", "Machine"),
];

/// The catalog's spelling of a dataset name.
fn catalog_name(name: &str) -> String {
    if let Some((_, ours)) = RENAMED.iter().find(|(theirs, _)| *theirs == name) {
        return (*ours).to_owned();
    }
    for (prefix, label) in LEADING_EQUIPMENT {
        if let Some(rest) = name.strip_prefix(prefix)
            && !rest.is_empty()
        {
            return format!("{rest} ({label})");
        }
    }
    name.to_owned()
}

/// One catalog row to write.
struct Row {
    slug: String,
    name: String,
    kind: ExerciseKind,
    muscle: Muscle,
    equipment: Equipment,
    secondary: Vec<Muscle>,
}

fn kind_of(fact: &Fact, name: &str, equipment: Equipment) -> ExerciseKind {
    let words = MatchKey::of(name).words;
    let timed = ["plank", "isometric", "hold", "walk", "carry", "drag"];
    if fact.category == "cardio" {
        ExerciseKind::Cardio
    } else if words.split(' ').any(|w| timed.contains(&w)) {
        ExerciseKind::Timed
    } else if equipment == Equipment::Bodyweight {
        ExerciseKind::Bodyweight
    } else {
        ExerciseKind::WeightReps
    }
}

fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: catalog_migration FACTS.json")?;
    let facts: Vec<Fact> = serde_json::from_str(&std::fs::read_to_string(path)?)?;

    // The lifts 0002 shipped, with the ids it gave them.
    let mut conn = Connection::open_in_memory()?;
    migrate::run_list(&mut conn, &MIGRATIONS[..3])?;
    let mut stmt =
        conn.prepare("SELECT id, name, kind, muscle, equipment FROM exercise WHERE builtin = 1 ORDER BY id")?;
    let mut old: Vec<(u32, Row)> = stmt
        .query_map([], |r| {
            let name: String = r.get(1)?;
            Ok((
                r.get(0)?,
                Row {
                    slug: slug(&name),
                    name,
                    kind: r.get(2)?,
                    muscle: r.get(3)?,
                    equipment: r.get(4)?,
                    secondary: Vec::new(),
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    drop(stmt);

    let mut new: Vec<Row> = Vec::new();
    let mut taken: HashSet<(String, Equipment)> = HashSet::new();
    let mut names: BTreeSet<String> = old.iter().map(|(_, r)| r.name.to_lowercase()).collect();
    let mut slugs: BTreeSet<String> = old.iter().map(|(_, r)| r.slug.clone()).collect();
    // Where two dataset exercises would be the same lift to the matcher (the same words
    // and equipment), the one Strong and Hevy spell, else the shorter name, is kept.
    let mut order: Vec<&Fact> = facts.iter().filter(|f| f.category != "stretching").collect();
    order.sort_by_key(|f| {
        (
            !RENAMED.iter().any(|(theirs, _)| *theirs == f.name),
            f.name.len(),
            f.name.as_str(),
        )
    });
    for fact in order {
        let equipment = equipment(fact.equipment.as_deref());
        let primary = muscle(
            fact.primary_muscles
                .first()
                .ok_or("an exercise without a primary muscle")?,
        );
        let mut secondary: HashSet<Muscle> = fact.secondary_muscles.iter().map(|m| muscle(m)).collect();
        let whole_body = matches!(fact.category.as_str(), "olympic weightlifting" | "strongman");
        let main = match fact.category.as_str() {
            "cardio" => Muscle::Cardio,
            _ if whole_body => Muscle::FullBody,
            _ => primary,
        };
        if main != primary && main != Muscle::Cardio {
            secondary.insert(primary);
        }
        secondary.remove(&main);
        let mut secondary: Vec<Muscle> = secondary.into_iter().collect();
        secondary.sort_by_key(|m| m.as_str());

        let same = SAME_AS
            .iter()
            .find(|(theirs, _)| *theirs == fact.name)
            .map(|(_, ours)| *ours);
        let name = catalog_name(&fact.name);
        let key = MatchKey::of(&name);
        let existing = old.iter_mut().find(|(_, r)| {
            same == Some(r.name.as_str())
                || (same.is_none() && MatchKey::of(&r.name).words == key.words && r.equipment == equipment)
        });
        if let Some((_, row)) = existing {
            if row.secondary.is_empty() {
                row.secondary = secondary.into_iter().filter(|m| *m != row.muscle).collect();
            }
            continue;
        }
        let row_slug = slug(&name);
        let dup = taken.contains(&(key.words.clone(), equipment))
            || names.contains(&name.to_lowercase())
            || slugs.contains(&row_slug);
        if dup {
            continue;
        }
        assert!(
            name.is_ascii()
                && name.len() <= 80
                && name.split_whitespace().collect::<Vec<_>>().join(" ") == name,
            "{name:?} is not a clean catalog name"
        );
        taken.insert((key.words, equipment));
        names.insert(name.to_lowercase());
        slugs.insert(row_slug.clone());
        new.push(Row {
            slug: row_slug,
            kind: kind_of(fact, &name, equipment),
            name,
            muscle: main,
            equipment,
            secondary,
        });
    }
    for (_, ours) in SAME_AS {
        assert!(
            old.iter().any(|(_, r)| r.name == *ours),
            "{ours:?} is not a lift of 0002"
        );
    }
    for (theirs, _) in SAME_AS.iter().chain(RENAMED) {
        assert!(
            facts.iter().any(|f| f.name == *theirs),
            "{theirs:?} is not in the dataset"
        );
    }

    new.sort_by_key(|a| a.name.to_lowercase());
    let total = old.len() + new.len();
    let mut sql = String::new();
    writeln!(
        sql,
        "{}",
        HEADER
            .replace("{total}", &total.to_string())
            .replace("{new}", &new.len().to_string())
    )?;
    writeln!(
        sql,
        "INSERT INTO catalog_exercise (slug, name, kind, muscle, equipment) VALUES"
    )?;
    let all: Vec<&Row> = old.iter().map(|(_, r)| r).chain(new.iter()).collect();
    let lines: Vec<String> = all
        .iter()
        .map(|r| {
            format!(
                "    ({}, {}, '{}', '{}', '{}')",
                quote(&r.slug),
                quote(&r.name),
                r.kind,
                r.muscle,
                r.equipment
            )
        })
        .collect();
    writeln!(sql, "{};\n", lines.join(",\n"))?;
    writeln!(sql, "INSERT INTO catalog_secondary (slug, muscle) VALUES")?;
    let lines: Vec<String> = all
        .iter()
        .flat_map(|r| {
            r.secondary
                .iter()
                .map(move |m| format!("    ({}, '{m}')", quote(&r.slug)))
        })
        .collect();
    writeln!(sql, "{};\n", lines.join(",\n"))?;
    writeln!(
        sql,
        "-- 0002's lifts get their slugs, found by the ids 0002 gave them: the user may have\n\
         -- renamed them since.\nUPDATE exercise SET slug = CASE id"
    )?;
    for (id, row) in &old {
        writeln!(sql, "    WHEN {id} THEN {}", quote(&row.slug))?;
    }
    writeln!(
        sql,
        "END\nWHERE builtin = 1 AND id BETWEEN 1 AND {};\n",
        old.len()
    )?;
    sql.push_str(FOOTER);
    print!("{sql}");
    Ok(())
}

const HEADER: &str = "\
-- The catalog grows to {total} lifts ({new} new), each with a stable slug, its primary muscle
-- group (the only one weekly volume counts), equipment and secondary muscles.
--
-- GENERATED by `cargo run -q --example catalog_migration -- free-exercise-db.facts.json`
-- (see examples/catalog_migration.rs). The new lifts are the exercises (stretches left
-- out) of the public-domain free-exercise-db dataset (github.com/yuhonas/free-exercise-db,
-- Unlicense, commit acd61f7), facts only, renamed to the \"Lift (Equipment)\" style.
--
-- The user's data is never changed. A new lift whose name a user exercise already has
-- (a Hevy import created \"Lat Pulldown - Close Grip (Cable)\") is not inserted: the user's
-- row stays and a suggestion to adopt the lift's muscle group and equipment is recorded.

-- A catalog lift's stable identifier; NULL on the user's own exercises.
ALTER TABLE exercise ADD COLUMN slug TEXT
    CHECK (slug IS NULL OR (length(slug) BETWEEN 1 AND 80 AND slug NOT GLOB '*[^a-z0-9-]*'));
CREATE UNIQUE INDEX exercise_slug ON exercise (slug);

-- The catalog as shipped: reference data, never edited by the app.
CREATE TABLE catalog_exercise (
    slug      TEXT PRIMARY KEY NOT NULL CHECK (length(slug) BETWEEN 1 AND 80 AND slug NOT GLOB '*[^a-z0-9-]*'),
    name      TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
    kind      TEXT NOT NULL CHECK (kind IN ('weight_reps', 'bodyweight', 'timed', 'cardio')),
    muscle    TEXT NOT NULL CHECK (muscle IN ('chest', 'back', 'shoulders', 'biceps', 'triceps',
                  'forearms', 'quads', 'hamstrings', 'glutes', 'calves', 'core',
                  'full_body', 'cardio')),
    equipment TEXT NOT NULL CHECK (equipment IN ('barbell', 'dumbbell', 'machine', 'cable',
                  'bodyweight', 'kettlebell', 'band', 'other'))
) STRICT, WITHOUT ROWID;

-- The muscles a lift also works. Shown, never counted in weekly volume.
CREATE TABLE catalog_secondary (
    slug   TEXT NOT NULL REFERENCES catalog_exercise (slug),
    muscle TEXT NOT NULL CHECK (muscle IN ('chest', 'back', 'shoulders', 'biceps', 'triceps',
               'forearms', 'quads', 'hamstrings', 'glutes', 'calves', 'core',
               'full_body', 'cardio')),
    PRIMARY KEY (slug, muscle)
) STRICT, WITHOUT ROWID;

-- Catalog lifts offered for one of the user's exercises, until accepted or dismissed.
-- Recorded here when a new lift's name was taken; a dismissed row also remembers the user
-- said no to a lift found under another spelling.
CREATE TABLE catalog_suggestion (
    exercise_id INTEGER PRIMARY KEY REFERENCES exercise (id) ON DELETE CASCADE,
    slug        TEXT NOT NULL REFERENCES catalog_exercise (slug),
    dismissed   INTEGER NOT NULL DEFAULT 0 CHECK (dismissed IN (0, 1))
) STRICT;
";

const FOOTER: &str = "\
-- The new lifts whose names are free join every vault.
INSERT INTO exercise (name, name_key, kind, muscle, equipment, builtin, slug)
SELECT c.name, lower(c.name), c.kind, c.muscle, c.equipment, 1, c.slug
  FROM catalog_exercise c
 WHERE NOT EXISTS (SELECT 1 FROM exercise e WHERE e.slug = c.slug)
   AND NOT EXISTS (SELECT 1 FROM exercise e WHERE e.name_key = lower(c.name))
 ORDER BY lower(c.name);

-- A new lift whose name the user's own exercise already has: keep the user's row, insert
-- nothing, and suggest the lift's facts for it.
INSERT INTO catalog_suggestion (exercise_id, slug)
SELECT e.id, c.slug
  FROM catalog_exercise c JOIN exercise e ON e.name_key = lower(c.name)
 WHERE e.slug IS NULL AND e.merged_into IS NULL
   AND NOT EXISTS (SELECT 1 FROM exercise x WHERE x.slug = c.slug)
 ORDER BY e.id;
";
