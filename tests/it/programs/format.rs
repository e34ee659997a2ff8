//! The program file as untrusted input: strict, versioned, bounded, with errors that say
//! where the problem is and never echo control characters.

use ironkeep::programs::{Program, ProgramError, builtin};

fn gzclp_json() -> serde_json::Value {
    serde_json::from_str(&builtin::find("gzclp").unwrap().unwrap().program.to_json()).unwrap()
}

fn parse(value: &serde_json::Value) -> Result<Program, ProgramError> {
    Program::parse(value.to_string().as_bytes())
}

#[test]
fn unknown_fields_versions_and_sizes_are_refused() {
    let mut doc = gzclp_json();
    assert!(parse(&doc).is_ok());
    doc["weeks"][0]["days"][0]["colour"] = "red".into();
    assert!(
        matches!(parse(&doc), Err(ProgramError::Syntax(_))),
        "an unknown field"
    );

    let mut doc = gzclp_json();
    doc["version"] = 2.into();
    assert_eq!(
        parse(&doc).unwrap_err().to_string(),
        "the program file has version 2; this Ironkeep reads version 1"
    );
    doc.as_object_mut().unwrap().remove("version");
    assert!(parse(&doc).is_err(), "no version");

    let big = vec![b' '; 300 * 1024];
    assert!(matches!(Program::parse(&big), Err(ProgramError::TooLarge { .. })));
}

#[test]
fn bounds_and_references_are_checked_where_they_are() {
    let cases: Vec<(&str, serde_json::Value, &str)> = vec![
        (
            "/lifts/0/id",
            "Squat!".into(),
            // The days still name the old id, so they are listed too.
            "the program has 2 problems:\n  lifts[0]: id must be 1 to 40 lowercase letters, digits, `-` or `_`\n  weeks[0].days[0]: exercises[0].lift names no lift of the program",
        ),
        (
            "/lifts/1/id",
            "squat-t1".into(),
            "the program has 2 problems:\n  lifts[1]: id is used by another lift\n  weeks[0].days[2]: exercises[0].lift names no lift of the program",
        ),
        (
            "/weeks/0/days/1/exercises/0/lift",
            "curl".into(),
            "weeks[0].days[1].exercises[0].lift: names no lift of the program",
        ),
        (
            "/lifts/0/progression/increment/upper/kg",
            (-2.5).into(),
            "lifts[0].progression.increment.upper.kg: is out of range (see docs/programs.md)",
        ),
        (
            "/lifts/0/progression/increment/upper/kg",
            2.5001.into(),
            "lifts[0].progression.increment.upper.kg: has too many decimals",
        ),
        (
            "/lifts/0/progression/stages",
            serde_json::json!([]),
            "lifts[0].progression.stages: give 1 to 6 stages",
        ),
        (
            "/weeks/0/days/0/exercises/2/sets/0/reps",
            0.into(),
            "weeks[0].days[0].exercises[2].sets[0].reps: is out of range (see docs/programs.md)",
        ),
        (
            "/weeks/0/days/0/exercises/2/sets/0/count",
            31.into(),
            "weeks[0].days[0].exercises[2].sets[0].count: is out of range (see docs/programs.md)",
        ),
        (
            "/weeks/0/days/0/exercises/2/sets/0/load",
            serde_json::json!({"rpe": 7.3}),
            "weeks[0].days[0].exercises[2].sets[0].load: an RPE goes in steps of 0.5",
        ),
        (
            "/weeks/0/days/0/exercises/2/sets/0/load",
            serde_json::json!({"rpe": 6}),
            "weeks[0].days[0].exercises[2].sets[0].load: reps plus reps in reserve must be at most 12 (where Epley's estimate holds)",
        ),
        (
            "/weeks/0/days/0/exercises/0/sets",
            serde_json::json!([{"reps": 3, "load": {"percent": 100}}]),
            "weeks[0].days[0].exercises[0].sets: must be empty exactly when the lift's rule has stages",
        ),
        (
            "/author",
            "Coach\u{1b}[31m".into(),
            "author: contains control characters",
        ),
        ("/name", "".into(), "name: is empty or too long"),
    ];
    for (pointer, value, message) in cases {
        let mut doc = gzclp_json();
        *doc.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer}")) = value;
        assert_eq!(parse(&doc).unwrap_err().to_string(), message, "{pointer}");
    }
}

#[test]
fn a_hostile_field_name_never_reaches_the_terminal_raw() {
    let text = r#"{"version": 1, "name": "x", "\u001b]0;pwned\u0007": 1}"#;
    let message = Program::parse(text.as_bytes()).unwrap_err().to_string();
    assert!(!message.chars().any(char::is_control), "{message:?}");
}

#[test]
fn every_problem_is_listed_at_once_grouped_by_lift_and_day() {
    let mut doc = gzclp_json();
    doc["name"] = "".into();
    doc["lifts"][0]["id"] = "Squat!".into();
    doc["lifts"][0]["progression"]["increment"]["upper"]["kg"] = (-1).into();
    doc["weeks"][0]["days"][1]["exercises"][0]["lift"] = "curl".into();
    doc["weeks"][0]["days"][1]["name"] = "".into();
    let err = parse(&doc).unwrap_err();
    let ProgramError::Problems(problems) = &err else {
        panic!("several problems: {err}")
    };
    assert_eq!(problems.len(), 6, "{err}");
    assert_eq!(
        err.to_string(),
        "the program has 6 problems:\n  \
         program: name is empty or too long\n  \
         lifts[0]: id must be 1 to 40 lowercase letters, digits, `-` or `_`; progression.increment.upper.kg is out of range (see docs/programs.md)\n  \
         weeks[0].days[0]: exercises[0].lift names no lift of the program\n  \
         weeks[0].days[1]: name is empty or too long; exercises[0].lift names no lift of the program"
    );
}

#[test]
fn a_sealed_file_is_told_from_a_plain_one_and_opens_with_any_of_the_vaults_kits() {
    use std::io::Write;

    use ironkeep::RecoveryKit;
    use ironkeep::programs::transfer;

    let program = builtin::find("gzclp").unwrap().unwrap().program;
    let plain = program.to_json();
    assert!(!transfer::is_sealed(plain.as_bytes()));

    let (old, current, stranger) = (
        RecoveryKit::generate(),
        RecoveryKit::generate(),
        RecoveryKit::generate(),
    );
    let again = |kit: &RecoveryKit| RecoveryKit::parse(&kit.secret()).unwrap();
    let armored = transfer::seal(&program, &old.recipient()).unwrap();
    assert!(transfer::is_sealed(&armored));
    // Binary age, as `age -r` writes without `-a`.
    let recipient: age::x25519::Recipient = old.recipient().parse().unwrap();
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient)).unwrap();
    let mut binary = Vec::new();
    let mut writer = encryptor.wrap_output(&mut binary).unwrap();
    writer.write_all(plain.as_bytes()).unwrap();
    writer.finish().unwrap();
    assert!(transfer::is_sealed(&binary));

    for file in [&armored, &binary] {
        let opened = transfer::open_with_any(file, &[again(&current), again(&old)]).unwrap();
        assert_eq!(opened, program, "an earlier kit of the vault opens it");
        let refused = transfer::open_with_any(file, &[again(&current), again(&stranger)]).unwrap_err();
        assert!(
            refused.to_string().contains("not sealed to your recipient"),
            "{refused}"
        );
    }
}
