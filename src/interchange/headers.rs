//! The header row: which column holds what, in every spelling Strong, Hevy and FitNotes
//! have used (English and German), and which app wrote the file.

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
        &["workout name", "trainingsname", "workout-name", "title"],
    ),
    (
        "workout_notes",
        &["workout notes", "trainingsnotizen", "description"],
    ),
    (
        "duration",
        &[
            "duration",
            "workout duration",
            "dauer",
            "trainingsdauer",
            "duration (sec)",
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
        ],
    ),
    (
        "set_order",
        &["set order", "satzreihenfolge", "satz", "set_index"],
    ),
    ("set_type", &["set_type"]),
    ("weight", &["weight", "gewicht"]),
    (
        "weight_kg",
        &["weight (kg)", "gewicht (kg)", "weight_kg", "weight (kgs)"],
    ),
    (
        "weight_lb",
        &["weight (lbs)", "gewicht (lbs)", "weight_lbs", "weight (lb)"],
    ),
    ("weight_unit", &["weight unit", "gewichtseinheit", "einheit"]),
    ("reps", &["reps", "wiederholungen", "wdh."]),
    ("rpe", &["rpe"]),
    ("distance", &["distance", "distanz", "entfernung"]),
    ("distance_m", &["distance (meters)", "distance (m)"]),
    ("distance_km", &["distance_km", "distance (km)"]),
    ("distance_mi", &["distance_miles", "distance (miles)"]),
    ("distance_unit", &["distance unit", "distanzeinheit"]),
    ("seconds", &["seconds", "sekunden", "duration_seconds", "time"]),
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
