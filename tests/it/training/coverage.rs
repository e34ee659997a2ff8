//! How much of what real exports log lands on a catalog lift with a muscle group: the
//! names (and set counts) of seven published Strong and Hevy exports, in
//! `fixtures/names-in-real-exports.tsv`, resolved the way an import resolves them.
//! The share of sets is written in BENCHMARKS.md; the goal is at least 95 %.

use ironkeep::training::catalog::Catalog;

use super::db;

/// (app, exercise name, sets) of every line of the fixture.
fn names() -> Vec<(String, String, u64)> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/training/fixtures/names-in-real-exports.tsv");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let mut cols = line.split('\t');
            let app = cols.next().unwrap().to_owned();
            let name = cols.next().unwrap().to_owned();
            let sets = cols.next().unwrap().trim().parse().unwrap();
            (app, name, sets)
        })
        .collect()
}

#[test]
fn ninety_five_percent_of_real_sets_land_on_a_lift_with_a_muscle_group() {
    let conn = db();
    let catalog = Catalog::new(&conn);
    let (mut total, mut covered) = (0u64, 0u64);
    let mut missed = Vec::new();
    for (app, name, sets) in names() {
        total += sets;
        match catalog.resolve(&name).unwrap() {
            Some(exercise) if exercise.muscle.is_some() => covered += sets,
            _ => missed.push((sets, app, name)),
        }
    }
    missed.sort_by_key(|m| std::cmp::Reverse(m.0));
    let share = covered as f64 / total as f64;
    println!(
        "catalog coverage: {covered} of {total} sets ({:.1} %); not matched: {missed:?}",
        share * 100.0
    );
    assert!(
        share >= 0.95,
        "only {:.1} % of real sets land on a catalog lift; missed: {missed:?}",
        share * 100.0
    );
}
