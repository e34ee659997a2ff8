//! An exercise's bests: the values a new set must beat to set a record — the best
//! estimated 1RM, the heaviest weight, the best set volume, and the most reps at every
//! weight it was lifted at — so that logging a set asks a few numbers instead of the
//! exercise's whole history.
//!
//! Bests are maxima over the exercise's counting sets, so adding a set in any order (an
//! import landing older sets, a set logged while it runs) only ever folds one more set
//! in; only removing or changing a set needs them recomputed, and the record-cache
//! triggers see to that. They keep the exact comparisons the flags always made: every
//! distinct stored weight keeps its own most reps (no bound on how many, found by range), matched with
//! the same `1e-6` kg tolerance, and the maxima are the same IEEE values SQL's `max`
//! would return.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::flags::RecordFlags;
use super::records::{EPS, e1rm_epley};
use super::sets::SetInput;
use super::units::Weight;

/// How close two weights (kg) must be to count as the same weight for a rep record.
const SAME_WEIGHT_KG: f64 = 1e-6;

/// The bests of one exercise's counting sets (warm-ups and undone sets never count).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Bests {
    /// Best Epley e1RM (kg) of a set of 1–12 reps.
    e1rm: Option<f64>,
    /// Heaviest weight (kg), a 0 kg set included.
    heaviest: Option<f64>,
    /// Best weight × reps of a set with both.
    set_volume: Option<f64>,
    /// The most reps logged at each distinct stored weight (`None` while no set at it
    /// gave reps), keyed by the weight's bits: weights are never negative, so the bits
    /// sort as the weights do and a lookup is a range, however many weights there are.
    reps_at: BTreeMap<u64, Option<u32>>,
    /// The same for sets without a weight (`None` while there is none).
    unweighted: Option<Option<u32>>,
}

impl Bests {
    /// Takes one more counting set (its weight in kg and its reps) into account.
    pub(crate) fn fold(&mut self, kg: Option<f64>, reps: Option<u32>) {
        self.e1rm = max(self.e1rm, kg.zip(reps).and_then(|(w, r)| e1rm_epley(w, r)));
        self.heaviest = max(self.heaviest, kg);
        self.set_volume = max(self.set_volume, kg.zip(reps).map(|(w, r)| w * f64::from(r)));
        let most = match kg {
            Some(kg) => self.reps_at.entry(kg.to_bits()).or_insert(None),
            None => self.unweighted.get_or_insert(None),
        };
        *most = (*most).max(reps);
    }

    /// Takes `input` into account if it counts toward records.
    pub(crate) fn fold_input(&mut self, input: &SetInput) {
        if input.counts() {
            self.fold(input.weight.map(Weight::kg), input.reps);
        }
    }

    /// The records `input` would set against these bests.
    pub(crate) fn flags(&self, input: &SetInput) -> RecordFlags {
        if !input.counts() {
            return RecordFlags::default();
        }
        let kg = input.weight.map(Weight::kg);
        let reps = input.reps.unwrap_or(0);
        let most_reps = match kg {
            None => self.unweighted.flatten(),
            Some(kg) => {
                // A range a little wider than the tolerance, then the exact test.
                let (low, high) = ((kg - 2.0 * SAME_WEIGHT_KG).max(0.0), kg + 2.0 * SAME_WEIGHT_KG);
                self.reps_at
                    .range(low.to_bits()..=high.to_bits())
                    .filter(|(at, _)| (f64::from_bits(**at) - kg).abs() < SAME_WEIGHT_KG)
                    .filter_map(|(_, most)| *most)
                    .max()
            }
        };
        RecordFlags {
            e1rm: beats(kg.and_then(|w| e1rm_epley(w, reps)), self.e1rm),
            heaviest: beats(kg, self.heaviest),
            reps_at_weight: reps > 0 && most_reps.is_none_or(|old| reps > old),
            set_volume: beats(kg.map(|w| w * f64::from(reps)), self.set_volume),
        }
    }
}

/// The larger of two maxima, either possibly absent (SQL's `max` over both).
pub(crate) fn max(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// Whether `new` sets a record against the best so far, `old`.
pub(crate) fn beats(new: Option<f64>, old: Option<f64>) -> bool {
    match (new, old) {
        (Some(new), Some(old)) => new > 0.0 && new > old + EPS,
        (Some(new), None) => new > 0.0,
        (None, _) => false,
    }
}
