//! `ironkeep journal` through the real binary (real keychain): add, show, list, remove,
//! tags and insights, all with `--json`; bad input exits non-zero with a typed code and
//! changes nothing.

use crate::harness::Sandbox;

#[test]
fn the_journal_commands_round_trip_and_refuse_bad_input() {
    let sb = Sandbox::new();
    sb.init();
    let json = |args: &[&str]| {
        let mut all = vec!["--json", "journal"];
        all.extend_from_slice(args);
        sb.cli(&all, "").ok().json()
    };
    let added = json(&[
        "add",
        "--date",
        "2026-10-30",
        "--tag",
        "alcohol",
        "--tag",
        "Late-Meal",
    ]);
    assert_eq!(
        added["entries"][0]["tags"],
        serde_json::json!(["alcohol", "late meal"])
    );
    json(&["tags", "--add", "Cold plunge"]);
    let added = json(&[
        "add",
        "--date",
        "2026-10-30",
        "--tag",
        "cold plunge",
        "--note",
        "wedding",
    ]);
    let entry = &added["entries"][0];
    assert_eq!(
        entry["tags"],
        serde_json::json!(["alcohol", "late meal", "Cold plunge"])
    );
    assert_eq!(entry["note"], "wedding");
    assert_eq!(entry["gid"].as_str().unwrap().len(), 32);
    json(&["add", "--date", "2026-10-31", "--tag", "sauna"]);

    let shown = json(&["show", "--date", "2026-10-30"]);
    assert_eq!(shown["entry"], *entry);
    let listed = json(&["list", "--from", "2026-10-31"]);
    assert_eq!(listed["entries"].as_array().unwrap().len(), 1);
    let tags = json(&["tags"]);
    let own = tags["tags"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(
        own,
        serde_json::json!({"name": "Cold plunge", "builtin": false, "days": 1})
    );

    let left = json(&["remove", "--date", "2026-10-30", "--tag", "alcohol"]);
    assert_eq!(
        left["entry"]["tags"],
        serde_json::json!(["late meal", "Cold plunge"])
    );
    let gone = json(&["remove", "--date", "2026-10-31"]);
    assert_eq!(gone["entry"], serde_json::Value::Null);

    let insights = json(&["insights"]);
    assert_eq!(
        (insights["days"].as_u64(), insights["entries"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(insights["tags"][0]["metrics"][0]["verdict"], "too_few");

    let human = sb.cli(&["journal", "show", "--date", "2026-10-30"], "").ok();
    assert_eq!(
        human.stdout.trim(),
        "2026-10-30  late meal, Cold plunge  — wedding"
    );

    for (args, code) in [
        (
            &["journal", "add", "--date", "2026-10-29", "--tag", "jacuzzi"][..],
            "not_found",
        ),
        (
            &["journal", "add", "--date", "30.10.2026", "--tag", "sauna"][..],
            "invalid_input",
        ),
        (
            &["journal", "add", "--date", "2026-10-29", "--note", "a\u{1b}[2Jb"][..],
            "invalid_input",
        ),
        (&["journal", "tags", "--add", "SAUNA"][..], "name_taken"),
        (&["journal", "remove", "--date", "2026-10-29"][..], "not_found"),
    ] {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let run = sb.cli(&all, "").fails();
        assert_eq!(run.json()["error"]["code"], code, "{args:?}");
    }
    let all = json(&["list"]);
    assert_eq!(
        all["entries"].as_array().unwrap().len(),
        1,
        "refused input wrote nothing"
    );
}
