//! The `program` commands: list, show, start with training maxes, today with weights, a
//! session started from the program and what finishing it changes, a training max set by
//! hand, and a coach's program sealed to an athlete and imported with its author marked
//! not verified.

use crate::harness::Sandbox;

#[test]
fn train_a_linear_program_from_the_command_line() {
    let sb = Sandbox::new();
    sb.init();
    let json = |args: &[&str]| sb.cli(&[&["--json"][..], args].concat(), "").ok().json();
    let text = |args: &[&str]| sb.cli(args, "").ok().stdout;

    let list = json(&["program", "list"]);
    let names: Vec<&str> = list["programs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Linear beginner 3×5",
            "5/3/1",
            "GZCLP",
            "Hypertrophy upper/lower (double progression)"
        ]
    );
    assert!(
        text(&["program", "show", "gzclp"]).contains("Week 1 day 1: Day 1 — squat-t1, bench-t2, pulldown-t3")
    );

    let missing = sb
        .cli(&["program", "start", "linear-beginner", "--tm", "squat=60"], "")
        .fails();
    assert!(
        missing.errors().contains("no training max for \"bench\""),
        "{}",
        missing.errors()
    );
    let started = json(&[
        "program",
        "start",
        "linear-beginner",
        "--tm",
        "squat=60",
        "--tm",
        "bench=40",
        "--tm",
        "row=40",
        "--tm",
        "press=30",
        "--tm",
        "deadlift=80kg",
    ]);
    assert_eq!(started["today"]["name"], "Workout A");
    let today = text(&["program", "today"]);
    assert!(
        today.contains(
            "Squat (Barbell): 60 kg×5, 60 kg×5, 60 kg×5  (warm-up 20 kg×10, 22.5 kg×5, 35 kg×3, 47.5 kg×2)"
        ),
        "{today}"
    );

    let session = json(&["session", "start", "--program", "--at", "2026-11-01T10:00:00Z"]);
    assert_eq!(
        session["sets"].as_array().unwrap().len(),
        4 + 3 + 3 + 3 + 3 + 3,
        "warm-ups and 3×5 ×3, pre-filled"
    );
    assert_eq!(
        session["sets"][4]["weight"],
        serde_json::json!({ "milli": 60000, "unit": "kg" })
    );
    for (exercise, weight, sets) in [
        ("Squat (Barbell)", "60", 3),
        ("Bench Press (Barbell)", "40", 2),
        ("Bent Over Row (Barbell)", "40", 3),
    ] {
        for _ in 0..sets {
            sb.cli(&["session", "log", "-e", exercise, "-w", weight, "-r", "5"], "")
                .ok();
        }
    }
    let finished = text(&["session", "finish", "--at", "2026-11-01T11:00:00Z"]);
    assert!(
        finished.contains("Squat (Barbell): next time 62.5 kg"),
        "{finished}"
    );
    assert!(
        finished.contains("Bench Press (Barbell): stays, 2 misses before deload"),
        "{finished}"
    );

    sb.cli(&["program", "tm", "deadlift", "225lb"], "").ok();
    let next = json(&["program", "today"]);
    assert_eq!(next["today"]["name"], "Workout B");
    assert_eq!(
        next["today"]["exercises"][2]["training_max"],
        serde_json::json!({ "milli": 225000, "unit": "lb" })
    );
    assert_eq!(
        next["today"]["exercises"][0]["sets"][0]["weight"]["milli"],
        62_500
    );
    let limited = json(&["program", "limit", "squat (barbell)", "--max", "61"]);
    assert_eq!(limited["loading"]["max"]["milli"], 61_000);
    let capped = json(&["program", "today"]);
    assert_eq!(
        capped["today"]["exercises"][0]["sets"][0]["weight"]["milli"], 60_000,
        "at most 61: 60 loads"
    );
    sb.cli(&["program", "stop"], "").ok();
    assert!(
        sb.cli(&["program", "today"], "")
            .fails()
            .errors()
            .contains("no program is running")
    );
}

#[test]
fn a_coach_seals_a_program_and_the_athlete_imports_it() {
    let coach = Sandbox::new();
    coach.init();
    let athlete = Sandbox::new();
    let kit = athlete.init();
    let recipient = athlete.cli(&["--json", "key", "recipient"], "").ok().json()["recipient"]
        .as_str()
        .unwrap()
        .to_owned();
    let file = coach.path("gzclp.age");
    coach
        .cli(
            &[
                "program",
                "send",
                "GZCLP",
                "--to",
                &recipient,
                "--out",
                file.to_str().unwrap(),
            ],
            "",
        )
        .ok();
    let sealed = std::fs::read(&file).unwrap();
    assert!(
        sealed.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----"),
        "armored age"
    );
    assert!(!String::from_utf8_lossy(&sealed).contains("GZCLP"), "encrypted");
    assert!(
        coach
            .cli(
                &[
                    "program",
                    "send",
                    "GZCLP",
                    "--to",
                    &recipient,
                    "--out",
                    file.to_str().unwrap()
                ],
                ""
            )
            .fails()
            .errors()
            .contains("must be a new file")
    );

    let imported = athlete
        .cli(
            &[
                "program",
                "import",
                file.to_str().unwrap(),
                "--kit",
                kit.to_str().unwrap(),
            ],
            "",
        )
        .ok();
    let said = imported.stdout;
    assert!(
        said.contains("Imported \"GZCLP\" by Ironkeep (after Cody Lefever's GZCLP) (not verified)."),
        "{said}"
    );
    let list = athlete.cli(&["--json", "program", "list"], "").ok().json();
    let mine = list["programs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["source"] == "imported")
        .unwrap();
    assert_eq!(mine["author_verified"], false);

    // Someone else's kit cannot open it.
    let coach_kit = coach.path("kit.txt");
    let refused = athlete
        .cli(
            &[
                "program",
                "import",
                file.to_str().unwrap(),
                "--kit",
                coach_kit.to_str().unwrap(),
            ],
            "",
        )
        .fails();
    assert!(
        refused.errors().contains("not sealed to your recipient"),
        "{}",
        refused.errors()
    );
}
