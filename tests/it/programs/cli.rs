//! The `program` commands: list, show, start with training maxes, today with weights, a
//! session started from the program and what finishing it changes, a training max set by
//! hand, a program copied, exported as JSON, edited and imported back (all problems of a
//! bad edit listed, nothing changed), and a coach's program sealed to an athlete and
//! imported with its author marked not verified.

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

    assert!(
        athlete
            .cli(&["program", "import", file.to_str().unwrap()], "")
            .fails()
            .errors()
            .contains("age-encrypted: give your recovery kit with --kit")
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

#[test]
fn copy_a_program_edit_its_json_and_import_it_back() {
    let sb = Sandbox::new();
    sb.init();
    let json = |args: &[&str]| sb.cli(&[&["--json"][..], args].concat(), "").ok().json();
    let listed = |sb: &Sandbox| -> Vec<(String, String)> {
        sb.cli(&["--json", "program", "list"], "").ok().json()["programs"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["source"] != "builtin")
            .map(|p| {
                (
                    p["name"].as_str().unwrap().to_owned(),
                    p["source"].as_str().unwrap().to_owned(),
                )
            })
            .collect()
    };

    let copied = json(&["program", "copy", "5/3/1", "My 5/3/1"]);
    assert_eq!(copied["source"], "builtin_copy");
    let file = sb.path("mine.json");
    sb.cli(
        &["program", "export", "my 5/3/1", "--out", file.to_str().unwrap()],
        "",
    )
    .ok();
    let mut doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(doc["name"], "My 5/3/1");
    assert!(
        sb.cli(
            &["program", "export", "My 5/3/1", "--out", file.to_str().unwrap()],
            ""
        )
        .fails()
        .errors()
        .contains("must be a new file")
    );

    // A bad edit: every problem, grouped, and nothing changed.
    let mut bad = doc.clone();
    bad["lifts"][0]["id"] = "Press!".into();
    bad["lifts"][1]["progression"]["increment"]["lower"]["kg"] = 500.into();
    bad["weeks"][3]["days"][0]["name"] = "".into();
    let bad_file = sb.path("bad.json");
    std::fs::write(&bad_file, bad.to_string()).unwrap();
    let refused = sb
        .cli(
            &[
                "program",
                "import",
                bad_file.to_str().unwrap(),
                "--replace",
                "My 5/3/1",
            ],
            "",
        )
        .fails();
    let errors = refused.errors();
    assert!(errors.contains("the program has 7 problems:"), "{errors}");
    assert!(
        errors.contains("lifts[1]: progression.increment.lower.kg is out of range"),
        "{errors}"
    );
    assert!(
        errors.contains("weeks[3].days[0]: name is empty or too long"),
        "{errors}"
    );
    assert_eq!(listed(&sb), [("My 5/3/1".to_owned(), "builtin_copy".to_owned())]);

    // A good edit: a new name and a smaller press increment; it becomes the user's own.
    doc["name"] = "My 5/3/1 light".into();
    doc["lifts"][0]["progression"]["increment"]["upper"]["kg"] = 1.25.into();
    let good = sb.path("good.json");
    std::fs::write(&good, doc.to_string()).unwrap();
    let replaced = json(&[
        "program",
        "import",
        good.to_str().unwrap(),
        "--replace",
        "My 5/3/1",
    ]);
    assert_eq!(replaced["program"], "My 5/3/1 light");
    assert_eq!(listed(&sb), [("My 5/3/1 light".to_owned(), "own".to_owned())]);
    let exported = json(&["program", "export", "My 5/3/1 light"]);
    assert_eq!(
        exported["program"]["lifts"][0]["progression"]["increment"]["upper"]["kg"],
        1.25
    );

    // A hand-written file is imported as the lifter's own; its stated author is not
    // verified (nothing says who wrote a file).
    doc["name"] = "Coach's plan".into();
    doc["author"] = "Coach Kim".into();
    let plain = sb.path("plain.json");
    std::fs::write(&plain, doc.to_string()).unwrap();
    let said = sb
        .cli(&["program", "import", plain.to_str().unwrap()], "")
        .ok()
        .stdout;
    assert!(
        said.contains("Imported \"Coach's plan\" by Coach Kim (not verified)."),
        "{said}"
    );
    assert!(
        sb.cli(&["program", "import", plain.to_str().unwrap()], "")
            .fails()
            .errors()
            .contains("there is already a program named \"Coach's plan\"")
    );

    // Once trained, a program keeps its lifts, rules and days (its run replays them):
    // a rename is fine, a change of rules is refused.
    json(&[
        "program",
        "start",
        "My 5/3/1 light",
        "--tm",
        "press=60",
        "--tm",
        "deadlift=140",
        "--tm",
        "bench=80",
        "--tm",
        "squat=120",
    ]);
    let before = json(&["program", "today"]);
    doc["name"] = "My 5/3/1 light".into();
    doc.as_object_mut().unwrap().remove("author");
    doc["weeks"][0]["days"][0]["exercises"][0]["sets"][0]["load"]["percent"] = 60.into();
    std::fs::write(&good, doc.to_string()).unwrap();
    let refused = sb
        .cli(
            &[
                "program",
                "import",
                good.to_str().unwrap(),
                "--replace",
                "My 5/3/1 light",
            ],
            "",
        )
        .fails();
    assert!(
        refused.errors().contains("this program has been trained"),
        "{}",
        refused.errors()
    );
    assert_eq!(json(&["program", "today"]), before, "nothing changed");
    doc["name"] = "Light 5/3/1".into();
    doc["weeks"][0]["days"][0]["exercises"][0]["sets"][0]["load"]["percent"] = 65.into();
    std::fs::write(&good, doc.to_string()).unwrap();
    sb.cli(
        &[
            "program",
            "import",
            good.to_str().unwrap(),
            "--replace",
            "My 5/3/1 light",
        ],
        "",
    )
    .ok();
    let after = json(&["program", "today"]);
    assert_eq!(after["program"], "Light 5/3/1");
    assert_eq!(after["today"], before["today"]);
}
