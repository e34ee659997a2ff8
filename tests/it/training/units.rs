//! Units: weights stored exactly as entered, kilograms derived with 1 lb = 0.45359237 kg,
//! the display unit only a preference, and the plate calculator.

use ironkeep::training::plates::{self, PlateSet};
use ironkeep::training::records::e1rm_epley;
use ironkeep::training::settings::Settings;
use ironkeep::training::units::KG_PER_LB;
use ironkeep::training::{SetInput, Sets, SetsMut, Unit, Weight};
use proptest::prelude::*;

use super::{db, ex, kg, lb, session};

proptest! {
    #[test]
    fn typed_weights_round_trip_exactly(milli in 0u32..=1_000_000, pounds in any::<bool>()) {
        let unit = if pounds { Unit::Lb } else { Unit::Kg };
        prop_assume!(f64::from(milli) / 1000.0 * unit.kg_factor() <= 1000.0);
        let weight = Weight::from_milli(milli, unit).unwrap();
        let reparsed = Weight::parse(&weight.amount(), unit).unwrap();
        prop_assert_eq!(reparsed, weight, "text -> weight -> text must be the identity");
        let back = (weight.in_unit(Unit::Kg) / KG_PER_LB * 1000.0).round();
        if unit == Unit::Lb {
            prop_assert_eq!(back as u32, milli, "lb -> kg -> lb returns the typed thousandths");
        }
        let kg = weight.kg();
        let expected = f64::from(milli) / 1000.0 * if pounds { 0.453_592_37 } else { 1.0 };
        prop_assert!((kg - expected).abs() <= 1e-9 * expected.max(1.0), "exact factor: {} vs {}", kg, expected);
    }

    #[test]
    fn e1rm_grows_with_weight_and_reps(w in 1u32..=400_000, reps in 1u32..=11) {
        let w = f64::from(w) / 1000.0;
        let this = e1rm_epley(w, reps).unwrap();
        prop_assert!(e1rm_epley(w + 0.5, reps).unwrap() > this, "more weight, higher e1RM");
        prop_assert!(e1rm_epley(w, reps + 1).unwrap() > this, "more reps, higher e1RM");
        prop_assert!(this >= w, "an e1RM is never below the weight lifted");
    }
}

#[test]
fn epley_rules_at_the_edges() {
    assert_eq!(e1rm_epley(100.0, 0), None, "no estimate for 0 reps");
    assert_eq!(e1rm_epley(100.0, 1), Some(100.0), "1 rep is the weight itself");
    let five = e1rm_epley(100.0, 5).unwrap();
    assert!(
        (five - 100.0 * (1.0 + 5.0 / 30.0)).abs() < 1e-9,
        "Epley: w(1 + r/30)"
    );
    assert!(e1rm_epley(100.0, 12).is_some(), "12 reps still estimates");
    assert_eq!(e1rm_epley(100.0, 13), None, "none past 12 reps");
}

#[test]
fn sets_keep_the_typed_unit_and_derive_kg() {
    let conn = db();
    let bell = ex(&conn, "Kettlebell Swing");
    let s = session(&conn, 0);
    Settings::new(&conn).set_display_unit(Unit::Lb).unwrap();
    let logged = SetsMut::new(&conn)
        .log(s, &SetInput::working(bell, kg("24"), 15))
        .unwrap();
    let logged_lb = SetsMut::new(&conn)
        .log(s, &SetInput::working(bell, lb("52.5"), 15))
        .unwrap();
    let stored = Sets::new(&conn).get(logged.set.id).unwrap();
    assert_eq!(
        stored.input.weight,
        Some(kg("24")),
        "a 24 kg bell stays 24 kg in an lb display"
    );
    assert_eq!(
        Sets::new(&conn)
            .get(logged_lb.set.id)
            .unwrap()
            .input
            .weight
            .unwrap()
            .amount(),
        "52.5"
    );
    let (milli, unit, derived): (u32, String, f64) = conn
        .query_row(
            "SELECT weight_milli, weight_unit, weight_kg FROM session_set WHERE id = ?1",
            [logged_lb.set.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        (milli, unit.as_str()),
        (52_500, "lb"),
        "the entered value is stored, not a conversion"
    );
    assert!(
        (derived - 52.5 * 0.453_592_37).abs() < 1e-9,
        "kg derived with the exact factor"
    );
    assert_eq!(Settings::new(&conn).display_unit().unwrap(), Unit::Lb);
}

#[test]
fn plate_calculator_in_kg_and_lb_with_configurable_sets() {
    let kg_load = plates::load(kg("142.5"), &PlateSet::standard_kg()).unwrap();
    assert_eq!(
        kg_load.per_side,
        ["25", "25", "10", "1.25"],
        "142.5 kg on a 20 kg bar"
    );
    assert_eq!(kg_load.short_by, "0");
    let lb_load = plates::load(lb("315"), &PlateSet::standard_lb()).unwrap();
    assert_eq!(lb_load.per_side, ["45", "45", "45"], "three plates a side");
    let odd = plates::load(kg("101"), &PlateSet::standard_kg()).unwrap();
    assert_eq!(odd.total, "100", "rounded down to what the plates make");
    assert_eq!(odd.short_by, "1");
    let women = PlateSet {
        unit: Unit::Kg,
        bar_milli: 15_000,
        plates_milli: vec![20_000, 10_000, 5_000, 2_500, 1_250, 500],
    };
    assert_eq!(
        plates::load(kg("41"), &women).unwrap().per_side,
        ["10", "2.5", "0.5"],
        "a 15 kg bar and 0.5 kg plates"
    );
    assert!(
        plates::load(kg("10"), &PlateSet::standard_kg()).is_err(),
        "lighter than the bar"
    );
    assert_eq!(PlateSet::standard_kg().step_milli(), 2_500, "a pair of 1.25 kg");
    assert_eq!(PlateSet::standard_lb().step_milli(), 5_000, "a pair of 2.5 lb");
    assert_eq!(women.step_milli(), 1_000, "a pair of 0.5 kg");
    let conn = db();
    Settings::new(&conn).set_plate_set(&women).unwrap();
    assert_eq!(
        Settings::new(&conn).plate_set(Unit::Kg).unwrap(),
        women,
        "the plate set is a stored preference"
    );
}
