//! `ironkeep sync …` as a person runs it on two computers (two data dirs, one folder):
//! turn on, join with the kit, see the devices, exchange a new exercise, and the typed
//! errors when sync is off, the device is unknown, or a vault is already there.

use crate::harness::Sandbox;

#[test]
fn two_computers_sync_through_one_folder_from_the_command_line() {
    let (laptop, desktop, shared) = (Sandbox::new(), Sandbox::new(), tempfile::tempdir().unwrap());
    let folder = shared.path().to_str().unwrap();
    let kit = laptop.init();
    let json = |sb: &Sandbox, args: &[&str]| sb.cli(&[&["--json"][..], args].concat(), "").ok().json();

    let off = laptop.cli(&["--json", "sync", "now"], "").fails().json();
    assert_eq!(off["error"]["code"], "sync_off", "{off}");
    let human = laptop.cli(&["sync", "status"], "").ok();
    assert!(human.stdout.contains("Sync is off"), "{}", human.stdout);

    let on = json(&laptop, &["sync", "folder", folder, "--name", "laptop"]);
    assert_eq!(on["report"]["sent"], 1, "{on}");
    assert!(on["report"]["snapshot"].is_string(), "{on}");
    json(
        &laptop,
        &["exercise", "add", "Zercher Walk", "--equipment", "barbell"],
    );
    json(&laptop, &["sync", "now"]);

    let joined = json(
        &desktop,
        &[
            "sync",
            "join",
            folder,
            "--kit",
            kit.to_str().unwrap(),
            "--name",
            "desktop",
        ],
    );
    assert_eq!(joined["report"]["files_read"], 1, "{joined}");
    let list = json(&desktop, &["exercise", "list"]);
    assert!(list.to_string().contains("Zercher Walk"), "{list}");

    json(
        &desktop,
        &["exercise", "add", "Belt Squat", "--equipment", "machine"],
    );
    json(&desktop, &["sync", "now"]);
    let merged = json(&laptop, &["sync", "now"]);
    assert_eq!(merged["files_read"], 2, "{merged}");
    assert!(
        json(&laptop, &["exercise", "list"])
            .to_string()
            .contains("Belt Squat")
    );

    let status = json(&laptop, &["sync", "status"]);
    assert_eq!(status["on"], true);
    assert_eq!(status["pending"], 0);
    let devices = status["devices"].as_array().unwrap();
    let names: Vec<&str> = devices.iter().map(|d| d["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["laptop", "desktop"], "{status}");
    let human = laptop.cli(&["sync", "devices"], "").ok();
    assert!(
        human.stdout.contains("desktop") && human.stdout.contains("this device"),
        "{}",
        human.stdout
    );

    let unknown = laptop
        .cli(
            &[
                "--json",
                "sync",
                "remove-device",
                "00112233445566778899aabbccddeeff",
            ],
            "",
        )
        .fails()
        .json();
    assert_eq!(unknown["error"]["code"], "not_found", "{unknown}");
    let again = laptop
        .cli(
            &["--json", "sync", "join", folder, "--kit", kit.to_str().unwrap()],
            "",
        )
        .fails()
        .json();
    assert_eq!(again["error"]["code"], "vault_exists", "{again}");
    let twice = laptop
        .cli(&["--json", "sync", "folder", folder], "")
        .fails()
        .json();
    assert_eq!(twice["error"]["code"], "sync_already_on", "{twice}");

    // Both add one name before they sync: one is renamed, and each says so in a note.
    json(
        &laptop,
        &["exercise", "add", "Tire Drag Hold", "--equipment", "machine"],
    );
    json(
        &desktop,
        &["exercise", "add", "Tire Drag Hold", "--equipment", "machine"],
    );
    json(&laptop, &["sync", "now"]);
    json(&desktop, &["sync", "now"]);
    json(&laptop, &["sync", "now"]);
    for sb in [&laptop, &desktop] {
        let list = json(sb, &["exercise", "list"]).to_string();
        assert!(list.contains("Tire Drag Hold (2)"), "{list}");
    }
    let notes = json(&laptop, &["sync", "status"])["notes"].clone();
    assert_eq!(notes.as_array().unwrap().len(), 1, "{notes}");
    let human = laptop.cli(&["sync", "status"], "").ok();
    assert!(
        human.stdout.contains("Two computers added “Tire Drag Hold”"),
        "{}",
        human.stdout
    );
    let id = notes[0]["id"].to_string();
    json(&laptop, &["sync", "dismiss", &id]);
    assert_eq!(json(&laptop, &["sync", "status"])["notes"], serde_json::json!([]));
    let gone = laptop.cli(&["--json", "sync", "dismiss", &id], "").fails().json();
    assert_eq!(gone["error"]["code"], "not_found", "{gone}");

    let desktop_id = devices[1]["id"].as_str().unwrap();
    let removed = laptop.cli(&["sync", "remove-device", desktop_id], "").ok();
    assert!(removed.stdout.contains("rotate the kit"), "{}", removed.stdout);
    json(&desktop, &["sync", "now"]);
    let stopped = desktop.cli(&["--json", "sync", "now"], "").fails().json();
    assert_eq!(stopped["error"]["code"], "sync_removed", "{stopped}");

    // The folder is lost: the laptop leaves and starts a new family in a new folder.
    let new_folder = tempfile::tempdir().unwrap();
    json(&laptop, &["sync", "leave"]);
    assert_eq!(json(&laptop, &["sync", "status"])["on"], false);
    let again = json(
        &laptop,
        &[
            "sync",
            "folder",
            new_folder.path().to_str().unwrap(),
            "--name",
            "laptop",
        ],
    );
    assert!(again["report"]["snapshot"].is_string(), "{again}");
    let fresh = json(&laptop, &["sync", "status"]);
    assert_ne!(fresh["family"], status["family"], "a new family");
    assert_eq!(fresh["devices"].as_array().unwrap().len(), 1, "{fresh}");
    assert!(
        json(&laptop, &["exercise", "list"])
            .to_string()
            .contains("Belt Squat"),
        "the vault kept everything"
    );
}
