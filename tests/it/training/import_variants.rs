//! Property tests: a valid export written with float noise in its weights, decimals in its
//! whole-number columns, or another wording of its header imports exactly like the clean
//! file — the same sets, weights, reps and times, and no problems.

use ironkeep::interchange::{self, ImportOptions, ParseOptions, Zone};
use ironkeep::training::Unit;
use proptest::prelude::*;
use rusqlite::Connection;

use super::{db, now, stored_sets};

/// Headers of the classic Strong layout, in the wordings seen (same column order).
const HEADERS: [&str; 3] = [
    "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE",
    "Datum,Workout-Name,Dauer,Name der Übung,Reihenfolge festlegen,Gewicht,Wiederh.,Entfernung,Sekunden,Notizen,Workout-Notizen,RPE",
    "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,Distance,Secondes,Notes,Notes d'entraînement,RPE",
];

const LIFTS: [&str; 3] = ["Squat (Barbell)", "Bench Press (Barbell)", "Plank"];

/// One generated set: lift, weight in thousandths, reps, seconds.
type Set = (usize, u32, u32, u32);

/// How a file writes its numbers.
#[derive(Debug, Clone, Copy)]
struct Writing {
    /// Ulps of float noise added to every weight (0: none).
    noise: i64,
    /// Whole numbers written as `6.0`.
    decimals: bool,
    /// Which header wording.
    header: usize,
}

fn file(sets: &[Set], how: Writing) -> String {
    let mut out = format!("{}\n", HEADERS[how.header]);
    for (n, &(lift, milli, reps, seconds)) in sets.iter().enumerate() {
        let weight = if how.noise == 0 {
            let text = format!("{}.{:03}", milli / 1000, milli % 1000);
            text.trim_end_matches('0').trim_end_matches('.').to_owned()
        } else {
            let exact = f64::from(milli) / 1000.0;
            let noisy = f64::from_bits(exact.to_bits().saturating_add_signed(how.noise));
            format!("{noisy}")
        };
        let whole = |v: u32| {
            if how.decimals {
                format!("{v}.0")
            } else {
                v.to_string()
            }
        };
        let (weight, reps) = if LIFTS[lift] == "Plank" {
            (String::new(), String::new())
        } else {
            (weight, whole(reps))
        };
        let seconds = if LIFTS[lift] == "Plank" {
            whole(seconds)
        } else {
            whole(0)
        };
        out.push_str(&format!(
            "2024-0{}-1{} 18:00:00,Day,1h,{},{},{weight},{reps},{},{seconds},,,\n",
            n % 9 + 1,
            n % 7,
            LIFTS[lift],
            n % 5 + 1,
            whole(0),
        ));
    }
    out
}

fn import(text: &str) -> (Connection, u64) {
    let parsed = interchange::parse(
        text.as_bytes(),
        &ParseOptions {
            unit: Some(Unit::Kg),
            ..ParseOptions::default()
        },
    )
    .unwrap();
    let conn = db();
    let options = ImportOptions {
        zone: Zone::parse("UTC").unwrap(),
        skip_invalid: false,
        dry_run: false,
    };
    let report =
        interchange::import(&conn, &parsed, options, now()).unwrap_or_else(|e| panic!("{e}\n{text}"));
    (conn, report.sets_added)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    #[test]
    fn noisy_decimal_and_reworded_files_import_like_the_clean_file(
        sets in proptest::collection::vec((0usize..3, 1u32..=400_000, 1u32..=30, 1u32..=3600), 1..30),
        noise in prop_oneof![Just(0i64), -4i64..=-1, 1i64..=4],
        decimals in any::<bool>(),
        header in 0usize..3,
    ) {
        let clean = file(&sets, Writing { noise: 0, decimals: false, header: 0 });
        let variant = file(&sets, Writing { noise, decimals, header });
        let (want, added) = import(&clean);
        let (got, added_too) = import(&variant);
        prop_assert_eq!(added, sets.len() as u64);
        prop_assert_eq!(added_too, added);
        prop_assert_eq!(stored_sets(&got), stored_sets(&want), "{}", variant);
    }
}
