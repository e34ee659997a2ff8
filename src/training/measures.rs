//! The other things a set measures besides weight: distance (as entered, in m, km or
//! miles), effort (RPE in half steps) and time (durations in the forms apps write them).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::TrainingError;
use super::units::{format_milli, parse_milli};

/// A unit of distance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "lowercase")]
pub enum DistanceUnit {
    /// Metres.
    M,
    /// Kilometres.
    Km,
    /// Miles.
    Mi,
}

impl DistanceUnit {
    /// The unit as stored: `m`, `km` or `mi`.
    pub fn as_str(self) -> &'static str {
        match self {
            DistanceUnit::M => "m",
            DistanceUnit::Km => "km",
            DistanceUnit::Mi => "mi",
        }
    }

    /// Parses `m`, `km` or `mi` (also `miles`, `meters`).
    pub fn parse(text: &str) -> Option<DistanceUnit> {
        match text.trim().to_ascii_lowercase().as_str() {
            "m" | "meters" | "metres" => Some(DistanceUnit::M),
            "km" | "kilometers" | "kilometres" => Some(DistanceUnit::Km),
            "mi" | "mile" | "miles" => Some(DistanceUnit::Mi),
            _ => None,
        }
    }
}

/// A distance as entered: thousandths of its unit (at most 1000 km).
///
/// Crosses IPC as `{ "milli": 5000, "unit": "km" }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Distance {
    /// Thousandths of `unit`.
    pub milli: u32,
    /// The unit.
    pub unit: DistanceUnit,
}

impl Distance {
    /// Parses a decimal distance in `unit`; refuses more than 1000 km.
    pub fn parse(text: &str, unit: DistanceUnit) -> Result<Distance, TrainingError> {
        let bad = || TrainingError::InvalidNumber {
            what: "distance",
            text: text.trim().to_owned(),
        };
        let milli = u32::try_from(parse_milli(text).ok_or_else(bad)?).map_err(|_| bad())?;
        let distance = Distance { milli, unit };
        distance.check()?;
        Ok(distance)
    }

    /// Checks the 1000 km bound.
    pub fn check(self) -> Result<(), TrainingError> {
        let metres = self.metres();
        if metres > 1_000_000.0 {
            return Err(TrainingError::OutOfRange {
                what: "a distance (in metres)",
                min: 0,
                max: 1_000_000,
                got: metres as i64,
            });
        }
        Ok(())
    }

    /// The distance in metres (derived).
    pub fn metres(self) -> f64 {
        let per = match self.unit {
            DistanceUnit::M => 1.0,
            DistanceUnit::Km => 1000.0,
            DistanceUnit::Mi => 1609.344,
        };
        f64::from(self.milli) / 1000.0 * per
    }
}

impl fmt::Display for Distance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {}",
            format_milli(u64::from(self.milli)),
            self.unit.as_str()
        )
    }
}

/// Rate of perceived exertion, 1 to 10 in steps of 0.5 (stored as half steps).
///
/// Crosses IPC as the number of half steps (2-20).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(try_from = "u8")]
pub struct Rpe(u8);

impl TryFrom<u8> for Rpe {
    type Error = TrainingError;
    fn try_from(halves: u8) -> Result<Self, Self::Error> {
        Rpe::from_halves(halves)
    }
}

impl Rpe {
    /// From half steps: 2 = RPE 1, 17 = RPE 8.5, 20 = RPE 10.
    pub fn from_halves(halves: u8) -> Result<Rpe, TrainingError> {
        if (2..=20).contains(&halves) {
            Ok(Rpe(halves))
        } else {
            Err(TrainingError::InvalidRpe(format_milli(u64::from(halves) * 500)))
        }
    }

    /// Parses `8`, `8.5` or `8,5`.
    pub fn parse(text: &str) -> Result<Rpe, TrainingError> {
        let bad = || TrainingError::InvalidRpe(text.trim().to_owned());
        let milli = parse_milli(text).ok_or_else(bad)?;
        if milli % 500 != 0 {
            return Err(bad());
        }
        let halves = u8::try_from(milli / 500).map_err(|_| bad())?;
        Rpe::from_halves(halves).map_err(|_| bad())
    }

    /// Half steps (2-20).
    pub fn halves(self) -> u8 {
        self.0
    }
}

impl fmt::Display for Rpe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_milli(u64::from(self.0) * 500))
    }
}

/// Parses a duration as lifters' apps write it: `1h 17m`, `38min`, `55s`, `1:05:00`,
/// `2:30` (minutes:seconds) or plain seconds. At most a day.
pub fn parse_duration(text: &str) -> Result<u32, TrainingError> {
    let bad = || TrainingError::InvalidNumber {
        what: "duration",
        text: text.trim().to_owned(),
    };
    let text = text.trim().to_ascii_lowercase();
    if text.is_empty() {
        return Err(bad());
    }
    let seconds: u64 = if text.contains(':') {
        let parts: Vec<u64> = text
            .split(':')
            .map(|p| p.trim().parse::<u64>().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        match parts.as_slice() {
            [m, s] if *s < 60 => m * 60 + s,
            [h, m, s] if *m < 60 && *s < 60 => h * 3600 + m * 60 + s,
            _ => return Err(bad()),
        }
    } else if text.bytes().all(|b| b.is_ascii_digit()) {
        text.parse().map_err(|_| bad())?
    } else {
        let mut total = 0u64;
        let mut number = String::new();
        let mut chars = text.chars().peekable();
        let mut any = false;
        while let Some(c) = chars.next() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            if c.is_whitespace() {
                continue;
            }
            let mut word = String::from(c);
            while let Some(&n) = chars.peek() {
                if n.is_ascii_alphabetic() {
                    word.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            let factor = match word.as_str() {
                "h" | "hr" | "hrs" | "hour" | "hours" | "std" => 3600,
                "m" | "min" | "mins" | "minute" | "minutes" => 60,
                "s" | "sec" | "secs" | "second" | "seconds" | "sek" => 1,
                _ => return Err(bad()),
            };
            let n: u64 = number.parse().map_err(|_| bad())?;
            if n > 100_000 {
                return Err(bad());
            }
            total += n * factor;
            number.clear();
            any = true;
        }
        if !number.is_empty() || !any {
            return Err(bad());
        }
        total
    };
    if seconds > 86_400 {
        return Err(TrainingError::OutOfRange {
            what: "a duration in seconds",
            min: 0,
            max: 86_400,
            got: seconds as i64,
        });
    }
    Ok(seconds as u32)
}
