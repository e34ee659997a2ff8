//! Programs and progression: the format's bounds, the built-ins trained for weeks against
//! their published rules, derived state under edits, rounding properties, storage and the
//! `program` commands.

mod cli;
mod export;
mod format;
mod properties;
mod simulate;
mod state;
mod storage;
mod upgrade;

use std::collections::BTreeMap;

use ironkeep::programs::{Loading, Program, rounding::default_increment_milli};
use ironkeep::training::Unit;
use ironkeep::training::plates::PlateSet;

/// Every lift of `program` rounded the way a fresh vault rounds it in `unit`: barbell
/// lifts (their slug ends in `-barbell`) with the standard plates, the rest to the
/// default increment.
pub(crate) fn standard_loadings(program: &Program, unit: Unit) -> BTreeMap<String, Loading> {
    let plates = match unit {
        Unit::Kg => PlateSet::standard_kg(),
        Unit::Lb => PlateSet::standard_lb(),
    };
    program
        .lifts
        .iter()
        .map(|lift| {
            let loading = if lift.exercise.ends_with("-barbell") {
                Loading::barbell(&plates, None).unwrap()
            } else {
                Loading::increment(unit, default_increment_milli(unit), None).unwrap()
            };
            (lift.id.clone(), loading)
        })
        .collect()
}
