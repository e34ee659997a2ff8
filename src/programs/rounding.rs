//! Rounding a prescribed weight to one the lifter can load.
//!
//! A barbell lift is rounded to the nearest total the user's bar and plates make (pairs
//! of plates, any number of each, as the plate calculator assumes); anything else to the
//! nearest multiple of the exercise's increment (2.5 kg / 5 lb unless changed). Ties go
//! to the lighter weight. Everything happens in thousandths of the user's unit, exactly,
//! so a weight is never negative, never lighter than the bar, and never above the lift's
//! maximum when one is set (the heaviest loadable weight at or below it is used instead).

use super::error::ProgramError;
use crate::training::TrainingError;
use crate::training::plates::PlateSet;
use crate::training::units::{MAX_KG, Unit, Weight};

/// The default increment for equipment other than a barbell, in thousandths of `unit`.
pub fn default_increment_milli(unit: Unit) -> u32 {
    match unit {
        Unit::Kg => 2_500,
        Unit::Lb => 5_000,
    }
}

/// How one lift's weights are rounded, in one unit.
#[derive(Debug, Clone)]
pub struct Loading {
    unit: Unit,
    kind: Kind,
    max_milli: Option<u32>,
}

#[derive(Debug, Clone)]
enum Kind {
    /// Loadable totals: the bar plus twice a per-side sum; `per_side[i]` is whether
    /// `i * grain` thousandths can go on one side.
    Barbell {
        plates: PlateSet,
        bar: u32,
        grain: u32,
        per_side: Vec<bool>,
    },
    Increment(u32),
}

impl Loading {
    /// A barbell lift loaded with `plates` (in their unit), at most `max` when given.
    pub fn barbell(plates: &PlateSet, max: Option<Weight>) -> Result<Loading, ProgramError> {
        plates.check()?;
        let unit = plates.unit;
        let grain = plates.plates_milli.iter().fold(0, |g, &p| gcd(g, p)).max(1);
        let heaviest = heaviest_milli(unit);
        let side_max = heaviest.saturating_sub(plates.bar_milli) / 2 / grain;
        let mut per_side = vec![false; side_max as usize + 1];
        per_side[0] = true;
        for &plate in &plates.plates_milli {
            let step = (plate / grain) as usize;
            for i in step..per_side.len() {
                if per_side[i - step] {
                    per_side[i] = true;
                }
            }
        }
        let loading = Loading {
            unit,
            kind: Kind::Barbell {
                plates: plates.clone(),
                bar: plates.bar_milli,
                grain,
                per_side,
            },
            max_milli: max.map(|m| milli_in(m, unit)),
        };
        if loading.max_milli.is_some_and(|m| m < plates.bar_milli) {
            return Err(TrainingError::Refused("a lift's maximum cannot be lighter than the bar").into());
        }
        Ok(loading)
    }

    /// A lift on other equipment, rounded to multiples of `increment_milli` of `unit`
    /// (1 to 100 of the unit), at most `max` when given.
    pub fn increment(unit: Unit, increment_milli: u32, max: Option<Weight>) -> Result<Loading, ProgramError> {
        if increment_milli == 0 || increment_milli > 100_000 {
            return Err(TrainingError::Refused("an increment must be more than 0 and at most 100").into());
        }
        Ok(Loading {
            unit,
            kind: Kind::Increment(increment_milli),
            max_milli: max.map(|m| milli_in(m, unit)),
        })
    }

    /// The unit weights come out in.
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// The bar and plates, for a barbell lift (its warm-ups ramp with them).
    pub fn plates(&self) -> Option<&PlateSet> {
        match &self.kind {
            Kind::Barbell { plates, .. } => Some(plates),
            Kind::Increment(_) => None,
        }
    }

    /// The lightest weight that loads: the bar, or nothing.
    pub fn lightest(&self) -> Weight {
        let milli = match &self.kind {
            Kind::Barbell { bar, .. } => *bar,
            Kind::Increment(_) => 0,
        };
        weight(milli, self.unit)
    }

    /// The loadable weight nearest `target_kg` (ties to the lighter one), within the bar
    /// and the maximum.
    pub fn round_kg(&self, target_kg: f64) -> Weight {
        let target = if target_kg.is_finite() {
            (target_kg / self.unit.kg_factor() * 1000.0).clamp(0.0, f64::from(heaviest_milli(self.unit)))
        } else {
            0.0
        };
        let ceiling = self.max_milli.unwrap_or(u32::MAX).min(heaviest_milli(self.unit));
        let milli = match &self.kind {
            Kind::Increment(step) => {
                let size = f64::from(*step);
                let below = (target / size).floor() * size;
                let above = below + size;
                let pick = if target - below <= above - target {
                    below
                } else {
                    above
                } as u32;
                if pick > ceiling {
                    ceiling / step * step
                } else {
                    pick
                }
            }
            Kind::Barbell {
                bar, grain, per_side, ..
            } => {
                let loads = |i: usize| u64::from(*bar) + 2 * i as u64 * u64::from(*grain);
                let fits = |i: usize| per_side[i] && loads(i) <= u64::from(ceiling);
                let side = ((target - f64::from(*bar)).max(0.0) / 2.0 / f64::from(*grain)).floor() as usize;
                let side = side.min(per_side.len() - 1);
                let below = (0..=side).rev().find(|&i| fits(i)).unwrap_or(0);
                let above = (side + 1..per_side.len()).find(|&i| fits(i));
                let pick = match above {
                    Some(a) if (loads(a) as f64 - target) < (target - loads(below) as f64) => a,
                    _ => below,
                };
                loads(pick) as u32
            }
        };
        weight(milli, self.unit)
    }

    /// The usual distance between two loadable weights, in kg: a pair of the smallest
    /// plate unit, or the increment.
    pub fn step_kg(&self) -> f64 {
        let milli = match &self.kind {
            Kind::Barbell { grain, .. } => 2 * grain,
            Kind::Increment(step) => *step,
        };
        f64::from(milli) / 1000.0 * self.unit.kg_factor()
    }

    /// Whether `w` (in this unit) can be loaded and is within the maximum.
    pub fn loads(&self, w: Weight) -> bool {
        if w.unit() != self.unit || self.max_milli.is_some_and(|m| w.milli() > m) {
            return false;
        }
        match &self.kind {
            Kind::Increment(step) => w.milli().is_multiple_of(*step),
            Kind::Barbell {
                bar, grain, per_side, ..
            } => {
                let Some(rest) = w.milli().checked_sub(*bar) else {
                    return false;
                };
                rest.is_multiple_of(2 * grain) && per_side.get((rest / 2 / grain) as usize) == Some(&true)
            }
        }
    }
}

/// The heaviest weight Ironkeep stores, in thousandths of `unit`.
fn heaviest_milli(unit: Unit) -> u32 {
    (MAX_KG / unit.kg_factor() * 1000.0).floor() as u32
}

fn milli_in(w: Weight, unit: Unit) -> u32 {
    (w.in_unit(unit) * 1000.0).round().max(0.0) as u32
}

fn weight(milli: u32, unit: Unit) -> Weight {
    // Every value above is at most `heaviest_milli`, which `from_milli` accepts.
    Weight::from_milli(milli.min(heaviest_milli(unit)), unit).unwrap_or_else(|_| {
        Weight::from_milli(0, unit).unwrap_or_else(|_| unreachable!("zero is always a weight"))
    })
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kg(milli: u32) -> Weight {
        Weight::from_milli(milli, Unit::Kg).unwrap()
    }

    #[test]
    fn a_barbell_rounds_to_the_nearest_loadable_total() {
        let bar = Loading::barbell(&PlateSet::standard_kg(), None).unwrap();
        assert_eq!(
            bar.round_kg(87.125),
            kg(87_500),
            "2.5 kg steps: 87.125 is nearest 87.5"
        );
        assert_eq!(
            bar.round_kg(86.25),
            kg(85_000),
            "a tie goes to the lighter weight"
        );
        assert_eq!(bar.round_kg(5.0), kg(20_000), "never below the bar");
        assert_eq!(bar.round_kg(-3.0), kg(20_000), "never negative");
        let capped = Loading::barbell(&PlateSet::standard_kg(), Some(kg(101_000))).unwrap();
        assert_eq!(
            capped.round_kg(120.0),
            kg(100_000),
            "at most the lift's maximum, loadable"
        );
        let odd = PlateSet {
            unit: Unit::Kg,
            bar_milli: 20_000,
            plates_milli: vec![20_000, 15_000],
        };
        let odd = Loading::barbell(&odd, None).unwrap();
        assert_eq!(
            odd.round_kg(40.0),
            kg(50_000),
            "20 + 2×15 is nearer 40 than the bar"
        );
        assert!(!odd.loads(kg(30_000)), "no pair of plates makes 5 a side");
        assert!(Loading::barbell(&PlateSet::standard_kg(), Some(kg(10_000))).is_err());
    }

    #[test]
    fn other_equipment_rounds_to_its_increment() {
        let lb = Loading::increment(Unit::Lb, 5_000, None).unwrap();
        let w = lb.round_kg(30.0); // 66.14 lb
        assert_eq!((w.milli(), w.unit()), (65_000, Unit::Lb));
        assert_eq!(lb.round_kg(0.5).milli(), 0);
        assert!(Loading::increment(Unit::Kg, 0, None).is_err());
    }
}
