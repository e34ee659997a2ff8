//! Weights, distances and RPE as the lifter typed them.
//!
//! Lifters mix units (a 24 kg kettlebell in an lb gym), so a [`Weight`] keeps the number
//! exactly as entered — thousandths of its own unit, no float — together with that unit.
//! Kilograms for statistics are derived with the exact factor 1 lb = 0.45359237 kg and
//! never written back over what was entered; the display unit is only a preference.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::TrainingError;

pub use super::measures::{Distance, DistanceUnit, Rpe, parse_duration};

/// Kilograms in one pound, exactly (the international avoirdupois pound).
pub const KG_PER_LB: f64 = 0.453_592_37;
/// The heaviest weight accepted, in kilograms.
pub const MAX_KG: f64 = 1000.0;

/// A unit of weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Kilograms.
    Kg,
    /// Pounds.
    Lb,
}

impl Unit {
    /// The unit as stored and shown: `kg` or `lb`.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Kg => "kg",
            Unit::Lb => "lb",
        }
    }

    /// Kilograms in one of this unit.
    pub fn kg_factor(self) -> f64 {
        match self {
            Unit::Kg => 1.0,
            Unit::Lb => KG_PER_LB,
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Unit {
    type Err = TrainingError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "kg" | "kgs" | "kilograms" => Ok(Unit::Kg),
            "lb" | "lbs" | "pounds" => Ok(Unit::Lb),
            _ => Err(TrainingError::InvalidWeight(s.to_owned())),
        }
    }
}

/// A weight as entered: an exact decimal (thousandths of `unit`) and its unit.
///
/// Crosses IPC as `{ "milli": 102500, "unit": "kg" }` (`milli` ≤ 2,204,623, f64-safe).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(try_from = "RawWeight")]
pub struct Weight {
    milli: u32,
    unit: Unit,
}

/// The unchecked wire form of a [`Weight`]; also what specta describes to TypeScript.
#[derive(Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
struct RawWeight {
    milli: u32,
    unit: Unit,
}

impl TryFrom<RawWeight> for Weight {
    type Error = TrainingError;
    fn try_from(raw: RawWeight) -> Result<Self, Self::Error> {
        Weight::from_milli(raw.milli, raw.unit)
    }
}

impl Weight {
    /// A weight from thousandths of `unit`; refuses more than 1000 kg.
    pub fn from_milli(milli: u32, unit: Unit) -> Result<Weight, TrainingError> {
        let weight = Weight { milli, unit };
        if weight.kg() > MAX_KG + 1e-9 {
            return Err(TrainingError::WeightOutOfRange(weight.to_string()));
        }
        Ok(weight)
    }

    /// Parses a typed decimal such as `102.5`, `45` or `0.125` (a comma works as the
    /// decimal mark too); at most three decimals, no sign, no exponent.
    pub fn parse(text: &str, unit: Unit) -> Result<Weight, TrainingError> {
        let milli = parse_milli(text).ok_or_else(|| TrainingError::InvalidWeight(text.trim().to_owned()))?;
        let milli =
            u32::try_from(milli).map_err(|_| TrainingError::WeightOutOfRange(format!("{text} {unit}")))?;
        Weight::from_milli(milli, unit)
    }

    /// Thousandths of [`Weight::unit`], exactly as entered.
    pub fn milli(self) -> u32 {
        self.milli
    }

    /// The unit it was entered in.
    pub fn unit(self) -> Unit {
        self.unit
    }

    /// The weight in kilograms (derived; for statistics).
    pub fn kg(self) -> f64 {
        f64::from(self.milli) / 1000.0 * self.unit.kg_factor()
    }

    /// The weight in `unit` (derived when it differs from the entered unit).
    pub fn in_unit(self, unit: Unit) -> f64 {
        self.kg() / unit.kg_factor()
    }

    /// The number as entered, without trailing zeros: `102.5`.
    pub fn amount(self) -> String {
        format_milli(u64::from(self.milli))
    }
}

impl fmt::Display for Weight {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount(), self.unit)
    }
}

/// Formats thousandths as a decimal without trailing zeros.
pub fn format_milli(milli: u64) -> String {
    let whole = milli / 1000;
    let frac = milli % 1000;
    if frac == 0 {
        return whole.to_string();
    }
    let text = format!("{whole}.{frac:03}");
    text.trim_end_matches('0').to_owned()
}

/// Parses a plain decimal with at most three decimals into thousandths.
pub fn parse_milli(text: &str) -> Option<u64> {
    let text = text.trim();
    let (whole, frac) = match text.split_once(['.', ',']) {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    let whole = if whole.is_empty() && !frac.is_empty() {
        "0"
    } else {
        whole
    };
    if whole.is_empty()
        || whole.len() > 7
        || frac.len() > 3
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let frac: u64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<3}").parse().ok()?
    };
    Some(whole * 1000 + frac)
}
