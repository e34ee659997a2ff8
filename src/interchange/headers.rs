//! The header row: which column holds what, in every spelling Strong, Hevy and FitNotes
//! have been seen to use (English, German in two wordings, French), and which app wrote
//! the file.

use std::collections::HashMap;

use super::Format;

/// Which column holds what: canonical name → index.
pub(super) type Columns = HashMap<&'static str, usize>;

/// Header aliases (lowercased): canonical name, then every spelling seen in exports.
const ALIASES: &[(&str, &[&str])] = &[
    ("date", &["date", "datum", "start_time"]),
    ("end", &["end_time"]),
    (
        "workout",
        &[
            "workout name",
            "trainingsname",
            "workout-name",
            "title",
            "nom de l'entraînement",
        ],
    ),
    (
        "workout_notes",
        &[
            "workout notes",
            "trainingsnotizen",
            "workout-notizen",
            "description",
            "notes d'entraînement",
        ],
    ),
    (
        "duration",
        &[
            "duration",
            "workout duration",
            "dauer",
            "trainingsdauer",
            "duration (sec)",
            "durée",
        ],
    ),
    (
        "exercise",
        &[
            "exercise name",
            "übungsname",
            "name der übung",
            "exercise_title",
            "exercise",
            "nom de l'exercice",
        ],
    ),
    (
        "set_order",
        &[
            "set order",
            "satzreihenfolge",
            "reihenfolge festlegen",
            "satz",
            "set_index",
            "ordre de la série",
        ],
    ),
    ("set_type", &["set_type"]),
    ("weight", &["weight", "gewicht", "poids"]),
    (
        "weight_kg",
        &["weight (kg)", "gewicht (kg)", "weight_kg", "weight (kgs)"],
    ),
    (
        "weight_lb",
        &["weight (lbs)", "gewicht (lbs)", "weight_lbs", "weight (lb)"],
    ),
    ("weight_unit", &["weight unit", "gewichtseinheit", "einheit"]),
    (
        "reps",
        &[
            "reps",
            "wiederholungen",
            "wdh.",
            "wiederh.",
            "réps",
            "répétitions",
        ],
    ),
    ("rpe", &["rpe"]),
    ("distance", &["distance", "distanz", "entfernung"]),
    ("distance_m", &["distance (meters)", "distance (m)"]),
    ("distance_km", &["distance_km", "distance (km)"]),
    ("distance_mi", &["distance_miles", "distance (miles)"]),
    ("distance_unit", &["distance unit", "distanzeinheit"]),
    (
        "seconds",
        &["seconds", "sekunden", "duration_seconds", "time", "secondes"],
    ),
    (
        "notes",
        &["notes", "notizen", "exercise_notes", "comment", "kommentar"],
    ),
    ("superset", &["superset_id"]),
    ("category", &["category", "kategorie"]),
];

pub(super) fn columns(header: &csv::StringRecord) -> Columns {
    let mut map = Columns::new();
    for (i, raw) in header.iter().enumerate() {
        let name = raw
            .trim()
            .trim_start_matches('\u{feff}')
            .trim_matches('"')
            .replace('\u{2019}', "'")
            .to_lowercase();
        if let Some((canonical, _)) = ALIASES
            .iter()
            .find(|(_, spellings)| spellings.contains(&name.as_str()))
        {
            map.entry(*canonical).or_insert(i);
        }
    }
    map
}

pub(super) fn detect(cols: &Columns) -> Option<Format> {
    if cols.contains_key("set_type") || cols.contains_key("superset") {
        Some(Format::Hevy)
    } else if cols.contains_key("category") {
        Some(Format::Fitnotes)
    } else if cols.contains_key("set_order") && cols.contains_key("exercise") {
        Some(Format::Strong)
    } else {
        None
    }
}
