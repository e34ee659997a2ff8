//! How two spellings of one lift are recognised as the same: a comparison key that
//! ignores case, punctuation, word order, plurals and where the equipment is written.
//!
//! "Lateral Raise (Dumbbells)", "dumbbell lateral raises" and "Raise - Lateral
//! (Dumbbell)" all give the words `lateral raise` with the equipment `dumbbell`. The key is
//! deterministic and pure (no database), so the catalog generator and the importer agree
//! on it, and a test pins its behaviour.

use crate::training::exercises::Equipment;

/// A name reduced for comparison: its words, sorted, and the equipment it names, if any.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MatchKey {
    /// The words that are not equipment, normalised and sorted, joined by single spaces.
    pub words: String,
    /// The first equipment word in the name (in parentheses or not).
    pub equipment: Option<Equipment>,
}

/// Little words that never tell two lifts apart.
const FILLERS: &[&str] = &["a", "an", "and", "the", "with", "on", "of", "to"];

/// Adjacent words written both apart and together ("pull down", "pulldown").
const JOINED: &[(&str, &str, &str)] = &[
    ("pull", "down", "pulldown"),
    ("push", "down", "pushdown"),
    ("pull", "up", "pullup"),
    ("chin", "up", "chinup"),
    ("push", "up", "pushup"),
    ("sit", "up", "situp"),
    ("step", "up", "stepup"),
    ("get", "up", "getup"),
    ("skull", "crusher", "skullcrusher"),
    ("t", "bar", "tbar"),
    ("ez", "bar", "ezbar"),
    ("cross", "over", "crossover"),
    ("dead", "lift", "deadlift"),
    ("body", "weight", "bodyweight"),
    ("kick", "back", "kickback"),
    ("hyper", "extension", "hyperextension"),
];

/// Abbreviations, variant spellings and words with an irregular plural.
const SPELLINGS: &[(&str, &str)] = &[
    ("db", "dumbbell"),
    ("dumbell", "dumbbell"),
    ("bb", "barbell"),
    ("kb", "kettlebell"),
    ("flye", "fly"),
];

impl MatchKey {
    /// The key of `name`.
    pub fn of(name: &str) -> MatchKey {
        let mut cleaned = String::with_capacity(name.len());
        for c in name.chars().flat_map(char::to_lowercase) {
            match c {
                '\'' | '\u{2019}' => {}
                '&' => cleaned.push_str(" and "),
                c if c.is_alphanumeric() => cleaned.push(c),
                _ => cleaned.push(' '),
            }
        }
        let singular: Vec<String> = cleaned.split_whitespace().map(singular).collect();
        let mut words: Vec<String> = Vec::with_capacity(singular.len());
        let mut i = 0;
        while i < singular.len() {
            let joined = singular.get(i + 1).and_then(|next| {
                JOINED
                    .iter()
                    .find(|(a, b, _)| *a == singular[i] && b == next)
                    .map(|(_, _, w)| (*w).to_owned())
            });
            match joined {
                Some(word) => {
                    words.push(word);
                    i += 2;
                }
                None => {
                    words.push(singular[i].clone());
                    i += 1;
                }
            }
        }
        let mut equipment = None;
        let mut kept: Vec<String> = Vec::with_capacity(words.len());
        for word in words {
            let word = SPELLINGS
                .iter()
                .find(|(from, _)| *from == word)
                .map_or(word, |(_, to)| (*to).to_owned());
            if let Some(found) = equipment_word(&word) {
                equipment.get_or_insert(found);
            } else if !FILLERS.contains(&word.as_str()) {
                kept.push(word);
            }
        }
        kept.sort();
        MatchKey {
            words: kept.join(" "),
            equipment,
        }
    }
}

/// The equipment a single normalised word names.
fn equipment_word(word: &str) -> Option<Equipment> {
    match word {
        "barbell" => Some(Equipment::Barbell),
        "dumbbell" => Some(Equipment::Dumbbell),
        "machine" => Some(Equipment::Machine),
        "cable" => Some(Equipment::Cable),
        "kettlebell" => Some(Equipment::Kettlebell),
        "band" => Some(Equipment::Band),
        "bodyweight" => Some(Equipment::Bodyweight),
        _ => None,
    }
}

/// A plural word's singular, by the regular English rules (and the same wrong guess for
/// both spellings of an irregular one, which is all a comparison needs).
fn singular(word: &str) -> String {
    let n = word.len();
    if n > 4
        && (word.ends_with("sses")
            || word.ends_with("ches")
            || word.ends_with("shes")
            || word.ends_with("xes"))
    {
        return word[..n - 2].to_owned();
    }
    if n > 4 && word.ends_with("ies") {
        return format!("{}y", &word[..n - 3]);
    }
    if n >= 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
    {
        return word[..n - 1].to_owned();
    }
    word.to_owned()
}

/// A stable identifier made from a catalog name: lowercase ASCII letters, digits and
/// single hyphens ("Lat Pulldown - Close Grip (Cable)" → `lat-pulldown-close-grip-cable`).
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c == '\'' {
            continue;
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> (String, Option<Equipment>) {
        let k = MatchKey::of(name);
        (k.words, k.equipment)
    }

    #[test]
    fn case_punctuation_order_plurals_and_equipment_place_do_not_matter() {
        let want = ("lateral raise".to_owned(), Some(Equipment::Dumbbell));
        for name in [
            "Lateral Raise (Dumbbell)",
            "Lateral Raise (Dumbbells)",
            "lateral raises (dumbbell )",
            "Dumbbell Lateral Raise",
            "Raise, Lateral - DB",
        ] {
            assert_eq!(key(name), want, "{name}");
        }
        assert_eq!(key("Chin-Ups"), key("chin up"));
        assert_eq!(key("Lat Pull-Down (Cable)"), key("Cable Lat Pulldown"));
        assert_eq!(key("Farmer's Walk"), key("Farmers walk"));
        assert_eq!(key("Biceps Curl"), key("Bicep Curls"));
        assert_eq!(key("Dumbbell Flyes"), key("Fly (Dumbbell)"));
        assert_eq!(key("Cable Crunches").0, "crunch");
        assert_eq!(key("Bench Press").0, "bench press", "press is not a plural");
    }

    #[test]
    fn different_lifts_and_equipment_stay_apart() {
        assert_ne!(key("Bench Press (Barbell)"), key("Bench Press (Dumbbell)"));
        assert_ne!(key("Incline Bench Press"), key("Bench Press"));
        assert_ne!(
            key("Squat (Smith Machine)"),
            key("Squat (Machine)"),
            "smith is kept"
        );
        assert_eq!(key("Squat").1, None, "no equipment named");
    }

    #[test]
    fn slugs_are_lowercase_ascii_with_single_hyphens() {
        assert_eq!(
            slug("Lat Pulldown - Close Grip (Cable)"),
            "lat-pulldown-close-grip-cable"
        );
        assert_eq!(slug("Farmer's Walk"), "farmers-walk");
        assert_eq!(slug("3/4 Sit-Up"), "3-4-sit-up");
    }
}
