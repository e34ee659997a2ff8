//! The plate calculator: which plates to load on each side of the bar for a target weight.
//!
//! The bar and the plate set are preferences (a kg gym and an lb gym differ), so the
//! calculator takes them as arguments and works in thousandths of one unit, exactly.
//! Plates are chosen greedily from the heaviest, which is optimal for the usual plate sets.

use serde::Serialize;

use super::TrainingError;
use super::units::{Unit, Weight, format_milli};

/// A bar and the plates available for it, all in one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlateSet {
    /// The unit of the bar and plates.
    pub unit: Unit,
    /// The bar, in thousandths of `unit`.
    pub bar_milli: u32,
    /// Plate weights in thousandths of `unit` (pairs are assumed unlimited).
    pub plates_milli: Vec<u32>,
}

impl PlateSet {
    /// A 20 kg bar with 25, 20, 15, 10, 5, 2.5 and 1.25 kg plates.
    pub fn standard_kg() -> PlateSet {
        PlateSet {
            unit: Unit::Kg,
            bar_milli: 20_000,
            plates_milli: vec![25_000, 20_000, 15_000, 10_000, 5_000, 2_500, 1_250],
        }
    }

    /// A 45 lb bar with 45, 35, 25, 10, 5 and 2.5 lb plates.
    pub fn standard_lb() -> PlateSet {
        PlateSet {
            unit: Unit::Lb,
            bar_milli: 45_000,
            plates_milli: vec![45_000, 35_000, 25_000, 10_000, 5_000, 2_500],
        }
    }

    /// A bar and plates as a person types them in `unit`: the bar "20", the plates "25 20
    /// 15 10 5 2.5 1.25" (separated by spaces, commas or semicolons; decimals with a point),
    /// checked as [`Self::check`] does.
    pub fn from_typed(unit: Unit, bar: &str, plates: &str) -> Result<PlateSet, TrainingError> {
        let milli = |text: &str| Weight::parse(text, unit).map(|w| w.milli());
        let set = PlateSet {
            unit,
            bar_milli: milli(bar.trim())?,
            plates_milli: plates
                .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
                .filter(|p| !p.is_empty())
                .map(milli)
                .collect::<Result<_, _>>()?,
        };
        set.check()?;
        Ok(set)
    }

    /// Checks the set: a bar up to 100 (of its unit), 1 to 20 distinct positive plates.
    pub fn check(&self) -> Result<(), TrainingError> {
        if self.bar_milli > 100_000 {
            return Err(TrainingError::Refused(
                "the bar must weigh at most 100 of its unit",
            ));
        }
        if self.plates_milli.is_empty() || self.plates_milli.len() > 20 {
            return Err(TrainingError::TooMany {
                what: "plate sizes (give 1 to 20)",
                max: 20,
            });
        }
        if self.plates_milli.iter().any(|&p| p == 0 || p > 100_000) {
            return Err(TrainingError::Refused(
                "each plate must weigh more than 0 and at most 100",
            ));
        }
        Ok(())
    }

    /// The smallest change in total weight these plates make: a pair of the lightest plate
    /// (2.5 kg or 5 lb with the standard sets). A weight converted from the other unit is
    /// rounded to a multiple of it, so that it can be loaded.
    pub fn step_milli(&self) -> u32 {
        self.plates_milli.iter().min().map_or(0, |&plate| plate * 2)
    }
}

/// What to load for a target.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct PlateLoad {
    /// The unit of everything below.
    pub unit: Unit,
    /// Plates for ONE side, heaviest first, as decimals ("20", "1.25").
    pub per_side: Vec<String>,
    /// What the bar then weighs in total, as a decimal.
    pub total: String,
    /// How far below the target that is (0 when exact), as a decimal.
    pub short_by: String,
}

/// Plates per side for `target` on `set`; the target is converted to the set's unit when
/// it was entered in the other one (and rounded down to what the plates can make).
pub fn load(target: Weight, set: &PlateSet) -> Result<PlateLoad, TrainingError> {
    set.check()?;
    let target_milli = (target.in_unit(set.unit) * 1000.0).round() as u64;
    let bar = u64::from(set.bar_milli);
    if target_milli < bar {
        return Err(TrainingError::Refused("the target is lighter than the bar"));
    }
    let mut plates: Vec<u64> = set.plates_milli.iter().map(|&p| u64::from(p)).collect();
    plates.sort_unstable_by(|a, b| b.cmp(a));
    plates.dedup();
    let mut side_left = (target_milli - bar) / 2;
    let mut per_side = Vec::new();
    for plate in plates {
        while side_left >= plate && per_side.len() < 40 {
            per_side.push(plate);
            side_left -= plate;
        }
    }
    let loaded: u64 = per_side.iter().sum::<u64>() * 2 + bar;
    Ok(PlateLoad {
        unit: set.unit,
        per_side: per_side.into_iter().map(format_milli).collect(),
        total: format_milli(loaded),
        short_by: format_milli(target_milli - loaded),
    })
}

#[cfg(test)]
mod tests {
    use super::{PlateSet, Unit};

    #[test]
    fn plates_read_as_typed_and_a_bad_set_is_refused() {
        let set = PlateSet::from_typed(Unit::Lb, " 45 ", "45, 35 25;10  5 2.5").unwrap();
        assert_eq!(set.bar_milli, 45_000);
        assert_eq!(set.plates_milli, [45_000, 35_000, 25_000, 10_000, 5_000, 2_500]);
        assert_eq!(set.unit, Unit::Lb);
        assert!(PlateSet::from_typed(Unit::Kg, "20", "").is_err(), "no plates");
        assert!(
            PlateSet::from_typed(Unit::Kg, "20", "25 0").is_err(),
            "a plate of nothing"
        );
        assert!(
            PlateSet::from_typed(Unit::Kg, "heavy", "25").is_err(),
            "a bar that is not a number"
        );
        assert!(
            PlateSet::from_typed(Unit::Kg, "150", "25").is_err(),
            "a bar over 100"
        );
    }
}
