//! The names Strong, Hevy and FitNotes users log for catalog lifts that the catalog spells
//! differently, each pointing at a slug. Compared by [`MatchKey`], so one entry covers
//! every casing, punctuation, word order and plural of it.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::MatchKey;

/// (a name seen in exports, the catalog lift it means).
pub(crate) const ALIASES: &[(&str, &str)] = &[
    // Strong and Hevy spellings of the barbell lifts.
    ("Flat Barbell Bench Press", "bench-press-barbell"),
    ("Sling Shot Bench", "bench-press-barbell"),
    ("Sling Shot Incline", "incline-bench-press-barbell"),
    ("Close Grip Bench", "close-grip-bench-press-barbell"),
    ("Back Squat", "squat-barbell"),
    ("High Bar Squat", "squat-barbell"),
    ("Low Bar Squat", "squat-barbell"),
    ("Conventional Deadlift", "deadlift-barbell"),
    ("Deadlift (Smith Machine)", "deadlift-barbell"),
    ("Standing Barbell Shoulder Press (OHP)", "overhead-press-barbell"),
    ("Shoulder Press (Standing)", "overhead-press-barbell"),
    ("Military Press (Standing)", "overhead-press-barbell"),
    ("Military Press", "overhead-press-barbell"),
    ("Strict Military Press (Barbell)", "overhead-press-barbell"),
    ("Strict Press", "overhead-press-barbell"),
    ("Seated Military Press", "seated-shoulder-press-barbell"),
    ("Barbell Row", "bent-over-row-barbell"),
    ("Rack Pull 2 Pin", "rack-pull-barbell"),
    ("Rack Pull - 1 Pin", "rack-pull-barbell"),
    ("Landmine Row", "t-bar-row"),
    ("Lying Skullcrusher", "skullcrusher-barbell"),
    ("Curl Bar Curl", "curl-ez-bar"),
    // Dumbbells.
    ("Dumbbell Curl", "bicep-curl-dumbbell"),
    ("Dumbbell Row", "bent-over-one-arm-row-dumbbell"),
    ("Incline Press (Dumbbell)", "incline-bench-press-dumbbell"),
    ("Low Incline Dumbbell Bench", "incline-bench-press-dumbbell"),
    ("Incline Chest Fly (Dumbbell)", "incline-dumbbell-flyes"),
    ("Overhead Press (Dumbbell)", "shoulder-press-dumbbell"),
    (
        "Seated Military Press (Dumbbell)",
        "seated-shoulder-press-dumbbell",
    ),
    (
        "Seated Overhead Press (Dumbbell)",
        "seated-shoulder-press-dumbbell",
    ),
    ("Rear Delt Fly", "reverse-fly-dumbbell"),
    ("Bent-Over Lateral Raise (Dumbbell)", "reverse-fly-dumbbell"),
    ("Seated Palms Up Wrist Curl", "wrist-curl-dumbbell"),
    ("Rotator Cuff Work", "external-rotation"),
    // Cables.
    (
        "Triceps Pushdown (Cable - Straight Bar)",
        "triceps-pushdown-cable",
    ),
    ("Single Arm Triceps Pushdown (Cable)", "triceps-pushdown-cable"),
    ("Reverse Grip Extensions", "reverse-grip-triceps-pushdown"),
    ("Lat Pulldown (Machine)", "lat-pulldown-cable"),
    ("Lat Pulldown - Wide Grip (Cable)", "lat-pulldown-cable"),
    ("Hammer Lat Pulldown", "lat-pulldown-cable"),
    ("Lat Pulldown Closegrip", "lat-pulldown-close-grip-cable"),
    ("Straight Arm Lat Pulldown (Cable)", "straight-arm-pulldown-cable"),
    ("Seated Cable Row (Close Grip)", "seated-row-cable"),
    ("Seated Cable Row - Bar Wide Grip", "seated-row-cable"),
    ("Seated Cable Row - V Grip (Cable)", "seated-row-cable"),
    ("Seated Cable Row", "seated-row-cable"),
    ("Cable Fly", "cable-crossover"),
    ("Cable Fly Crossovers", "cable-crossover"),
    ("Lateral Raise (Cable)", "seated-lateral-raise-cable"),
    ("Single Arm Lateral Raise (Cable)", "seated-lateral-raise-cable"),
    ("Cable Twist", "russian-twists-cable"),
    ("Wood Chopping", "standing-cable-wood-chop"),
    ("Cable Curl", "bicep-curl-cable"),
    // Machines (Hammer Strength and plate-loaded ones included).
    ("Hammer Seated Row (Close Grip)", "seated-row-machine"),
    ("Hammer Seated Row", "seated-row-machine"),
    ("Hammer Row - Wide Grip", "iso-lateral-row-machine"),
    ("Hammer Back Row Wide 45 Angle", "iso-lateral-row-machine"),
    ("Hammer High Row - 1 Arm", "high-row-machine"),
    ("Hammer Shoulder Press", "shoulder-press-machine"),
    ("Seated Shoulder Press (Machine)", "shoulder-press-machine"),
    ("Hammer Decline Chest Press", "decline-chest-press-machine"),
    ("Chest Fly (Machine)", "butterfly-pec-deck"),
    ("Pec Deck", "butterfly-pec-deck"),
    ("Rear Delt Reverse Fly (Machine)", "reverse-fly-machine"),
    ("Leg Press (Hinge)", "leg-press-machine"),
    ("Seated Leg Press (Machine)", "leg-press-machine"),
    ("Leg Press Horizontal (Machine)", "leg-press-machine"),
    ("Leg Curl", "lying-leg-curl-machine"),
    ("Leg Outward Fly", "hip-abductor-machine"),
    ("Hip Abduction (Machine)", "hip-abductor-machine"),
    ("Hip Adduction (Machine)", "hip-adductor-machine"),
    ("Seated Calf Raise (Plate Loaded)", "seated-calf-raise-machine"),
    ("Calf Extension (Machine)", "calf-press"),
    ("Calf Press on Seated Leg Press", "calf-press-on-leg-press"),
    ("Shrug (Smith Machine)", "shrug-barbell"),
    ("Physioball Leg Curl", "ball-leg-curl"),
    // Body weight.
    ("Weighted Dips", "triceps-dip"),
    ("Dips", "triceps-dip"),
    ("Chest Dip (Assisted)", "chest-dip"),
    ("Pull Up (Assisted)", "pull-up"),
    ("Chin Up (Assisted)", "chin-up"),
    ("Neutral Chin", "chin-up"),
    ("Hanging Knee Raise", "knee-raise-captains-chair"),
    ("Back Extension (Weighted Hyperextension)", "back-extension"),
    // Cardio.
    ("Running (Treadmill)", "running"),
    ("Treadmill", "running"),
    ("Elliptical Machine", "elliptical-trainer"),
    ("Stairmaster", "stair-climber"),
];

/// The slug an alias with this key points at.
pub(super) fn slug_for(key: &MatchKey) -> Option<&'static str> {
    static BY_KEY: OnceLock<HashMap<MatchKey, &'static str>> = OnceLock::new();
    BY_KEY
        .get_or_init(|| {
            ALIASES
                .iter()
                .map(|(alias, slug)| (MatchKey::of(alias), *slug))
                .collect()
        })
        .get(key)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_points_at_a_catalog_lift_and_no_key_twice() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        crate::vault::migrate::run(&mut conn).unwrap();
        let mut seen = HashMap::new();
        for (alias, slug) in ALIASES {
            let found: u32 = conn
                .query_row(
                    "SELECT count(*) FROM catalog_exercise WHERE slug = ?1",
                    [slug],
                    |r| r.get(0),
                )
                .unwrap();
            assert_eq!(found, 1, "{alias:?} points at {slug:?}, which the catalog lacks");
            if let Some(other) = seen.insert(MatchKey::of(alias), alias) {
                panic!("{alias:?} and {other:?} are the same name to the matcher");
            }
        }
    }
}
