//! Numbers as exporting apps write them, read as the lifter's app meant them.
//!
//! Strong stores binary floats and exports them as such: `74.99999999999999` is the 75 kg
//! the lifter typed, `6.0` reps are six and `0.0` seconds are none. The rule, for weights
//! and every other decimal: a value with at most three decimals is exactly that number; a
//! value within 1e-9 (relative; absolute below 1) of a number with at most three decimals
//! is that number (float noise); anything else with more decimals is refused, never
//! rounded — a value the lifter really entered never changes.

use crate::training::units::parse_milli;

/// The relative distance within which a longer decimal is float noise.
const NOISE: f64 = 1e-9;

/// A decimal read from a file, in thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Milli {
    /// Thousandths of the number.
    pub value: u64,
    /// Whether the file wrote it with at most three decimals (no float noise removed).
    pub exact: bool,
}

/// Why a number could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Unreadable {
    /// Not a plain decimal (letters, a sign, an exponent, too long).
    NotANumber,
    /// More than three decimals that are not float noise.
    TooPrecise,
    /// Not a whole number where one is needed.
    NotWhole,
}

/// Reads a plain decimal (`.` or `,` as the decimal mark) by the rule above.
pub(super) fn milli(text: &str) -> Result<Milli, Unreadable> {
    let text = text.trim();
    if let Some(value) = parse_milli(text) {
        return Ok(Milli { value, exact: true });
    }
    let marks = text.bytes().filter(|b| matches!(b, b'.' | b',')).count();
    if text.is_empty()
        || text.len() > 40
        || marks > 1
        || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(Unreadable::NotANumber);
    }
    let value: f64 = text
        .replace(',', ".")
        .parse()
        .map_err(|_| Unreadable::NotANumber)?;
    if !value.is_finite() || value >= 1e10 {
        return Err(Unreadable::NotANumber);
    }
    let thousandths = (value * 1000.0).round();
    let near = thousandths / 1000.0;
    if (value - near).abs() > NOISE * near.abs().max(1.0) {
        return Err(Unreadable::TooPrecise);
    }
    Ok(Milli {
        value: thousandths as u64,
        exact: false,
    })
}

/// Reads a whole number written as a decimal (`6`, `6.0`, `5.000000000000001`).
pub(super) fn whole(text: &str) -> Result<Milli, Unreadable> {
    let read = milli(text)?;
    if read.value % 1000 != 0 {
        return Err(Unreadable::NotWhole);
    }
    Ok(Milli {
        value: read.value / 1000,
        ..read
    })
}

/// A decimal rounded to thousandths, for the values the rule above does not cover: Hevy's
/// own pound-to-kilogram conversions (`102.05828325`) and distances.
pub(super) fn round_milli(text: &str) -> Option<u64> {
    let text = text.trim();
    if text.is_empty()
        || text.len() > 30
        || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let value: f64 = text.replace(',', ".").parse().ok()?;
    (value.is_finite() && (0.0..1e9).contains(&value)).then(|| (value * 1000.0).round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_noise_is_the_number_meant_and_real_values_never_change() {
        let read = |t: &str| milli(t).map(|m| m.value);
        assert_eq!(read("74.99999999999999"), Ok(75_000));
        assert_eq!(read("25.000000000000004"), Ok(25_000));
        assert_eq!(read("125.00000000000001"), Ok(125_000));
        assert_eq!(read("102.49999999999999"), Ok(102_500));
        assert_eq!(read("102.5"), Ok(102_500));
        assert_eq!(read("33.333"), Ok(33_333));
        assert_eq!(read("0.0000000000001"), Ok(0));
        assert_eq!(read("33.3333"), Err(Unreadable::TooPrecise));
        assert_eq!(read("102.05828325"), Err(Unreadable::TooPrecise));
        assert_eq!(read("1e3"), Err(Unreadable::NotANumber));
        assert_eq!(read("-5"), Err(Unreadable::NotANumber));
        assert_eq!(read("1.2.3"), Err(Unreadable::NotANumber));
        assert!(milli("75").unwrap().exact && !milli("74.99999999999999").unwrap().exact);
        assert_eq!(whole("6.0").map(|m| m.value), Ok(6));
        assert_eq!(whole("600.0").map(|m| m.value), Ok(600));
        assert_eq!(whole("5.000000000000001").map(|m| m.value), Ok(5));
        assert_eq!(whole("6.5"), Err(Unreadable::NotWhole));
    }
}
