//! The training CLI: one call per set, `--json` everywhere, destructive commands need a
//! confirmation (or `--yes` off a terminal), and `status` counts the training tables.

use ironkeep::vault::{Unlock, Vault};

use crate::harness::Sandbox;

#[test]
fn log_a_session_from_the_command_line() {
    let sb = Sandbox::new();
    sb.init();
    let run = |args: &[&str]| sb.cli(&[&["--json"][..], args].concat(), "").ok().json();
    let routine = run(&[
        "routine",
        "create",
        "Day A",
        "--entry",
        "Squat (Barbell): 3x5 100kg rest=3min",
        "--entry",
        "bench press (barbell): 3x8-12 135lb ss=1",
    ]);
    assert_eq!(
        routine["routine"]["entries"][1]["weight"]["unit"], "lb",
        "the routine keeps the typed unit"
    );
    let started = run(&[
        "session",
        "start",
        "--routine",
        "day a",
        "--at",
        "2026-11-01T10:00:00Z",
    ]);
    assert_eq!(
        started["sets"].as_array().unwrap().len(),
        6,
        "pre-filled from the routine"
    );
    let id = started["session"]["id"].as_u64().unwrap().to_string();
    let logged = run(&[
        "session",
        "log",
        "-e",
        "squat (barbell)",
        "-w",
        "102.5kg",
        "-r",
        "5",
        "--rpe",
        "8.5",
    ]);
    assert_eq!(logged["set"]["weight"]["milli"], 102_500, "the weight as typed");
    assert_eq!(logged["set"]["rpe"], 17, "RPE in half steps");
    assert_eq!(
        logged["set"]["records"]["heaviest"], true,
        "the first set is a record"
    );
    run(&["session", "log", "-e", "Plank", "--duration", "1m 30s"]);
    run(&["session", "finish", "--at", "2026-11-01T11:00:00Z"]);
    let list = run(&["session", "list", "--limit", "1"]);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let shown = run(&["session", "show", &id]);
    assert_eq!(shown["sets"].as_array().unwrap().len(), 8);
    // Every row shows its global id beside its local one, the same each time it is read.
    let is_gid = |v: &serde_json::Value| {
        v.as_str().is_some_and(|g| {
            g.len() == 32
                && g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        })
    };
    assert!(is_gid(&shown["session"]["gid"]), "{}", shown["session"]);
    assert_eq!(shown["session"]["gid"], started["session"]["gid"]);
    assert!(
        shown["sets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|s| is_gid(&s["gid"]))
    );
    assert_eq!(shown["sets"][6]["gid"], logged["set"]["gid"]);
    assert!(is_gid(&routine["routine"]["gid"]));
    // Reordering: the plank first, then the bench sets (in lb), then the squats.
    let units = |detail: &serde_json::Value| -> Vec<String> {
        detail["sets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["weight"]["unit"].as_str().unwrap_or("-").to_owned())
            .collect()
    };
    let reordered = run(&[
        "session",
        "reorder",
        &id,
        "Plank",
        "bench press (barbell)",
        "Squat (Barbell)",
    ]);
    assert_eq!(units(&reordered), ["-", "lb", "lb", "lb", "kg", "kg", "kg", "kg"]);
    assert_eq!(reordered["sets"][0]["duration_s"], 90);
    let refused = sb
        .cli(&["--json", "session", "reorder", &id, "Plank"], "")
        .fails()
        .json();
    assert_eq!(
        refused["error"]["code"], "refused",
        "a list missing exercises is refused"
    );
    assert_eq!(
        units(&run(&["session", "show", &id])),
        units(&reordered),
        "and changes nothing"
    );
    let history = run(&["exercise", "history", "squat (barbell)", "--limit", "5"]);
    assert_eq!(
        history["items"][0]["sets"].as_array().unwrap().len(),
        4,
        "3 planned + 1 logged squat sets"
    );
    let records = run(&["records", "--exercise", "Squat (Barbell)"]);
    assert_eq!(records["records"][0]["e1rm_formula"], "epley");

    let bad = sb
        .cli(
            &[
                "--json",
                "session",
                "log",
                "--session",
                "999",
                "-e",
                "Squat (Barbell)",
                "-w",
                "1kg",
                "-r",
                "1",
            ],
            "",
        )
        .fails()
        .json();
    assert_eq!(
        bad["error"]["code"], "not_found",
        "a missing session is a typed not-found error"
    );
    let bad = sb
        .cli(
            &[
                "--json",
                "session",
                "log",
                "--session",
                &id,
                "-e",
                "Squat (Barbell)",
                "-w",
                "1001kg",
                "-r",
                "1",
            ],
            "",
        )
        .fails()
        .json();
    assert_eq!(bad["error"]["code"], "invalid_input");

    let refused = sb.cli(&["session", "delete", &id], "").fails();
    assert!(
        refused.errors().contains("--yes"),
        "off a terminal, delete needs --yes: {}",
        refused.errors()
    );
    assert_eq!(
        run(&["session", "show", &id])["session"]["id"]
            .as_u64()
            .unwrap()
            .to_string(),
        id,
        "nothing was deleted"
    );
    sb.cli(
        &[
            "exercise",
            "add",
            "My Bench",
            "--muscle",
            "chest",
            "--equipment",
            "barbell",
        ],
        "",
    )
    .ok();
    sb.cli(&["exercise", "merge", "My Bench", "Bench Press (Barbell)"], "")
        .fails();
    run(&["exercise", "merge", "My Bench", "Bench Press (Barbell)", "--yes"]);
    sb.cli(&["routine", "delete", "Day A"], "").fails();
    run(&["routine", "delete", "Day A", "--yes"]);

    let status = run(&["status"]);
    let counts: std::collections::HashMap<String, u64> = status["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(counts["sessions"], 1);
    assert_eq!(counts["sets"], 8);
    assert_eq!(counts["routines"], 0);
    assert!(
        counts["exercises"] >= 61,
        "the catalog plus one custom: {counts:?}"
    );
    run(&["session", "delete", &id, "--yes"]);

    let vault = Vault::open(&sb.dir(), Unlock::Keychain, crate::harness::now()).unwrap();
    let fk: bool = vault
        .conn()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(fk, "a real vault connection enforces foreign keys");
    let sets: u32 = vault
        .conn()
        .query_row("SELECT count(*) FROM session_set", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sets, 0, "--yes deleted the session and its sets");
}

#[test]
fn import_and_export_from_the_command_line() {
    let sb = Sandbox::new();
    sb.init();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/training/fixtures");
    let classic = fixtures.join("strong_classic_no_units.csv");
    let classic = classic.to_str().unwrap();
    let refused = sb.cli(&["--json", "import", classic], "").fails().json();
    assert_eq!(refused["error"]["code"], "unit_needed");
    assert!(
        refused["error"]["message"].as_str().unwrap().contains("--unit"),
        "{refused}"
    );
    let dry = sb
        .cli(
            &[
                "--json",
                "import",
                classic,
                "--unit",
                "lb",
                "--dry-run",
                "--tz",
                "UTC",
            ],
            "",
        )
        .ok()
        .json();
    assert_eq!(
        (dry["dry_run"].as_bool(), dry["sets_added"].as_u64()),
        (Some(true), Some(8))
    );
    let real = sb
        .cli(&["--json", "import", classic, "--unit", "lb", "--tz", "UTC"], "")
        .ok()
        .json();
    assert_eq!(
        real["sets_added"], 8,
        "the dry run changed nothing, so the real import adds all 8"
    );
    let again = sb
        .cli(&["--json", "import", classic, "--unit", "lb", "--tz", "UTC"], "")
        .ok()
        .json();
    assert_eq!(
        (
            again["sets_added"].as_u64(),
            again["sets_already_present"].as_u64()
        ),
        (Some(0), Some(8))
    );
    let bad = fixtures.join("strong_bad_rows.csv");
    let err = sb
        .cli(&["--json", "import", bad.to_str().unwrap()], "")
        .fails()
        .json();
    assert_eq!(err["error"]["code"], "bad_rows");
    assert_eq!(
        err["error"]["problems"][4]["lines"],
        serde_json::json!([7]),
        "problems are grouped by kind, with their lines: {err}"
    );

    let out = sb.path("export.json");
    sb.cli(&["export", "json", "--out", out.to_str().unwrap()], "")
        .ok();
    #[cfg(unix)]
    assert_eq!(
        crate::harness::mode(&out),
        0o600,
        "exports hold health data: owner-only"
    );
    sb.cli(&["export", "json", "--out", out.to_str().unwrap()], "")
        .fails();
    let csv = sb.cli(&["export", "csv", "--tz", "UTC"], "").ok().stdout;
    assert!(
        csv.starts_with("Date;Workout Name;Duration;Exercise Name;Set Order;Weight;Weight Unit"),
        "{csv}"
    );
    assert!(
        csv.contains("2024-03-04 18:02:11;Evening Push;1h 17m;Bench Press (Barbell);W;45;lb;10"),
        "{csv}"
    );

    let other = Sandbox::new();
    other.init();
    let imported = other
        .cli(&["--json", "import", out.to_str().unwrap()], "")
        .ok()
        .json();
    assert_eq!(
        imported["sets_added"], 8,
        "a JSON export imports into another vault"
    );
}

#[test]
fn import_with_an_iana_zone_lands_on_the_right_instants() {
    let sb = Sandbox::new();
    sb.init();
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/it/training/fixtures/strong_berlin_dst.csv");
    let report = sb
        .cli(
            &[
                "--json",
                "import",
                file.to_str().unwrap(),
                "--tz",
                "Europe/Berlin",
            ],
            "",
        )
        .ok()
        .json();
    assert_eq!(report["sets_added"], 5, "every row imports: {report}");
    let list = sb
        .cli(&["--json", "session", "list", "--limit", "10"], "")
        .ok()
        .json();
    let mut got: Vec<(String, String)> = list["items"]
        .as_array()
        .expect("a page of sessions")
        .iter()
        .map(|s| {
            (
                s["name"].as_str().unwrap().to_owned(),
                s["started_at"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    got.sort_by(|a, b| a.1.cmp(&b.1));
    let want: Vec<(String, String)> = super::interchange::BERLIN_STARTS
        .iter()
        .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
        .collect();
    assert_eq!(got, want, "--tz Europe/Berlin applies each date's own offset");
    let refused = sb
        .cli(
            &[
                "--json",
                "import",
                file.to_str().unwrap(),
                "--tz",
                "Europe/Atlantis",
            ],
            "",
        )
        .fails()
        .json();
    assert!(
        refused["error"]["message"].as_str().unwrap().contains("IANA"),
        "an unknown zone is refused with a hint: {refused}"
    );
}

#[test]
fn ctrl_c_stops_an_import_and_writes_nothing() {
    let sb = Sandbox::new();
    sb.init();
    let file = sb.path("big.csv");
    std::fs::write(&file, super::interchange::many_rows(60_000)).unwrap();
    let mut child = sb
        .command(&["import", file.to_str().unwrap(), "--tz", "UTC"])
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    crate::harness::press_ctrl_c(&mut child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "stopped by Ctrl-C: {stderr}");
    assert!(stderr.contains("nothing was written"), "{stderr}");
    let vault = Vault::open(&sb.dir(), Unlock::Keychain, crate::harness::now()).unwrap();
    let (sessions, custom): (i64, i64) = vault
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM session), \
                    (SELECT count(*) FROM exercise WHERE name = 'Zercher Squat')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (sessions, custom),
        (0, 0),
        "the cancelled import left nothing behind"
    );
}

#[test]
fn kill_9_mid_import_leaves_nothing_of_it_and_keeps_every_set_logged() {
    use ironkeep::training::{Exercises, SetInput, SetsMut, Unit, Weight};
    let sb = Sandbox::new();
    sb.init();
    let file = sb.path("big.csv");
    // 25,000 rows, ten a day from 2020-01-06: all in the past (a longer file would hold
    // future dates, which the import refuses before writing anything).
    std::fs::write(&file, super::interchange::many_rows(25_000)).unwrap();
    let open = || {
        Vault::open(&sb.dir(), Unlock::Keychain, crate::harness::now())
            .expect("the vault opens beside and after a killed import")
    };
    // Typed before any import: a session with one set.
    let (at, squat) = {
        let vault = open();
        let squat = Exercises::new(vault.conn())
            .by_name("Squat (Barbell)")
            .unwrap()
            .id;
        let at = super::session(vault.conn(), 1);
        SetsMut::new(vault.conn())
            .log(
                at,
                &SetInput::working(squat, Weight::parse("100", Unit::Kg).unwrap(), 5),
            )
            .unwrap();
        (at, squat)
    };
    let mut typed = 1;
    let key = crate::harness::keychain_key(&sb.vault_id()).unwrap();
    let raw = || {
        ironkeep::vault::db::open(
            &sb.data().join("vault.db"),
            &ironkeep::keys::DbKey::from_hex(&key).unwrap(),
            ironkeep::vault::db::Create::Existing,
        )
        .unwrap()
    };
    let (mut killed_running, mut partial) = (0, 0);
    let committed = || -> u32 {
        raw()
            .query_row(
                "SELECT count(*) FROM session_set s JOIN import_run r ON r.id = s.import_run
                  WHERE r.state = 'running'",
                [],
                |r| r.get(0),
            )
            .unwrap()
    };
    // Kill at different points of the import: first as soon as it has committed batches
    // (watched from outside, so the point does not depend on the machine's speed), then
    // after fixed times (parsing, checking, writing). Each time the vault must open holding
    // nothing of it, or (if the import had already finished) all.
    for wait_ms in [
        None,
        Some(50),
        Some(300),
        Some(800),
        Some(1500),
        Some(2500),
        Some(4000),
        Some(6000),
        Some(9000),
    ] {
        let mut child = sb
            .command(&["import", file.to_str().unwrap(), "--tz", "UTC"])
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        // A set logged as the import starts, from another process: opening the vault
        // leaves a live import alone.
        {
            let vault = open();
            SetsMut::new(vault.conn())
                .log(
                    at,
                    &SetInput::working(squat, Weight::parse("90", Unit::Kg).unwrap(), 5),
                )
                .unwrap();
            typed += 1;
        }
        match wait_ms {
            Some(ms) => std::thread::sleep(std::time::Duration::from_millis(ms)),
            None => {
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
                while committed() == 0
                    && child.try_wait().unwrap().is_none()
                    && std::time::Instant::now() < deadline
                {
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
        }
        let alive = child.try_wait().unwrap().is_none();
        child.kill().unwrap();
        child.wait().unwrap();
        // What the killed import had committed, read without opening the vault (which
        // would clean it up). A process killed after its import's last commit (while it
        // was still printing and exiting) had finished the import: that run is done.
        let left = committed();
        let finished: u32 = raw()
            .query_row("SELECT count(*) FROM import_run WHERE state = 'done'", [], |r| {
                r.get(0)
            })
            .unwrap();
        let running = alive && finished == 0;
        let vault = open();
        let (imported, runs, sets_typed): (u32, u32, u32) = vault
            .conn()
            .query_row(
                "SELECT (SELECT count(*) FROM session WHERE source = 'strong'),
                        (SELECT count(*) FROM import_run WHERE state = 'running'),
                        (SELECT count(*) FROM session_set WHERE session_id = ?1)",
                [at],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(
            sets_typed, typed,
            "every set logged before and during the import is kept"
        );
        assert_eq!(runs, 0, "no import is left marked running");
        if running {
            killed_running += 1;
            partial += u32::from(left > 0);
            assert_eq!(
                imported, 0,
                "killed after {wait_ms:?} ms with {left} sets committed, the import left {imported} sessions"
            );
        } else if imported > 0 {
            break;
        }
    }
    assert!(killed_running > 0, "at least one import was killed while it ran");
    assert!(
        partial > 0,
        "at least one import was killed after committing batches, and they were removed"
    );
}

#[test]
fn catalog_suggestions_are_listed_accepted_and_dismissed_from_the_command_line() {
    let sb = Sandbox::new();
    sb.init();
    let run = |args: &[&str]| sb.cli(&[&["--json"][..], args].concat(), "").ok().json();
    run(&["exercise", "add", "Face-Pulls", "--equipment", "cable"]);
    run(&[
        "exercise",
        "add",
        "Dumbbell Lateral Raises",
        "--equipment",
        "dumbbell",
    ]);
    run(&["exercise", "add", "Zercher Walk ½", "--equipment", "barbell"]);
    let list = run(&["exercise", "list"]);
    assert_eq!(list["suggestions"], 2, "exercise list counts what is offered");
    let human = sb.cli(&["exercise", "list"], "").ok();
    assert!(
        human.stdout.contains("2 catalog suggestion(s)"),
        "and says so to a person: {}",
        human.stdout
    );
    let offered = run(&["exercise", "suggestions"]);
    let offered = offered["suggestions"].as_array().unwrap();
    assert_eq!(offered.len(), 2);
    assert_eq!(offered[1]["exercise"]["name"], "Face-Pulls");
    assert_eq!(offered[1]["lift"]["name"], "Face Pull (Cable)");
    assert_eq!(offered[1]["lift"]["slug"], "face-pull-cable");
    assert_eq!(offered[1]["lift"]["muscle"], "shoulders");
    assert_eq!(offered[1]["action"], "merge");

    let merged = run(&["exercise", "suggestions", "--accept", "face-pulls", "--yes"]);
    assert_eq!(merged["exercise"]["name"], "Face Pull (Cable)");
    run(&["exercise", "suggestions", "--dismiss", "dumbbell lateral raises"]);
    let left = run(&["exercise", "suggestions"]);
    assert_eq!(left["suggestions"].as_array().unwrap().len(), 0, "{left}");
    let refused = sb
        .cli(&["exercise", "suggestions", "--accept", "Zercher Walk ½"], "")
        .fails();
    assert!(
        refused
            .errors()
            .contains("no catalog suggestion for \"Zercher Walk ½\""),
        "{}",
        refused.errors()
    );
}

#[test]
fn body_measurements_from_the_command_line() {
    let sb = Sandbox::new();
    sb.init();
    let logged = sb
        .cli(
            &[
                "--json",
                "measure",
                "--waist",
                "84,5",
                "--arms",
                "38.25",
                "--body-fat",
                "18.2",
                "--at",
                "2026-10-30T07:00:00Z",
                "--note",
                "fasted",
            ],
            "",
        )
        .ok()
        .json();
    let first = &logged["body_measurements"][0];
    assert_eq!(
        (
            &first["values"]["waist_milli"],
            &first["values"]["unit"],
            &first["values"]["body_fat_milli"]
        ),
        (
            &serde_json::json!(84_500),
            &serde_json::json!("cm"),
            &serde_json::json!(18_200)
        ),
        "kept as typed: {logged}"
    );
    assert_eq!(first["gid"].as_str().map(str::len), Some(32));
    let refused = sb
        .cli(
            &["measure", "--waist", "33", "--unit", "in", "--body-fat", "0.2"],
            "",
        )
        .fails();
    assert!(
        refused
            .stderr
            .contains("body fat must be between 1 and 75 %; got 0.2 %"),
        "{}",
        refused.stderr
    );
    let listed = sb.cli(&["--json", "measure"], "").ok().json();
    assert_eq!(
        listed["body_measurements"].as_array().map(Vec::len),
        Some(1),
        "a refused entry writes nothing"
    );
}
