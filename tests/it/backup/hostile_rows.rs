//! Backups whose schema is right but whose rows are forged: dangling references, control
//! characters and terminal escapes, impossible times, a forged records cache (issue 14,
//! item 5). Each is refused or recomputed, and `doctor` checks foreign keys.

use ironkeep::backup::{BackupError, read_backup};
use ironkeep::training::{Exercises, Records, SessionsMut, SetInput, SetsMut, StartSession, Unit, Weight};
use ironkeep::vault::Access;
use ironkeep::{Unlock, Vault};

use super::hostile::{own_key, refused};
use super::{backup, tool, vault};
use crate::harness::{Sandbox, now};

/// A vault with two sets of squats (their records cached), backed up to `b.age`.
fn vault_with_sets(sb: &Sandbox) -> (std::path::PathBuf, std::path::PathBuf, String) {
    let (mut v, kit) = vault(sb);
    let conn = v.conn();
    let squat = Exercises::new(conn).by_name("Squat (Barbell)").unwrap().id;
    let session = SessionsMut::new(conn)
        .start(
            &StartSession {
                started_at: now() - chrono::TimeDelta::days(1),
                ..StartSession::default()
            },
            now(),
        )
        .unwrap()
        .session
        .id;
    for (weight, reps) in [("100", 5), ("120", 3)] {
        let weight = Weight::parse(weight, Unit::Kg).unwrap();
        SetsMut::new(conn)
            .log(session, &SetInput::working(squat, weight, reps))
            .unwrap();
    }
    Records::new(conn).all().unwrap();
    let recipient = v.recipient().unwrap();
    let file = sb.path("b.age");
    backup(&mut v, &file, &[], false);
    (file, kit, recipient)
}

/// The backup with `sql` run on its image, encrypted again to the vault's recipient.
fn tampered(
    sb: &Sandbox,
    file: &std::path::Path,
    kit: &std::path::Path,
    recipient: &str,
    sql: &str,
) -> Vec<u8> {
    let image = sb.path("image.sqlite");
    let _ = std::fs::remove_file(&image);
    std::fs::write(
        &image,
        tool(
            "age",
            &["-d", "-i", kit.to_str().unwrap(), file.to_str().unwrap()],
        ),
    )
    .unwrap();
    // Triggers fire in the sqlite3 tool; a forger then fixes the manifest's counts.
    let recount = "UPDATE backup_manifest SET value = (SELECT count(*) FROM exercise_record)
                   WHERE kind = 'count' AND name = 'exercise_record';
                   UPDATE backup_manifest SET value = (SELECT count(*) FROM body_measurement)
                   WHERE kind = 'count' AND name = 'body_measurement';
                   UPDATE backup_manifest SET value = (SELECT count(*) FROM journal_entry)
                   WHERE kind = 'count' AND name = 'journal_entry';
                   UPDATE backup_manifest SET value = (SELECT count(*) FROM journal_tag)
                   WHERE kind = 'count' AND name = 'journal_tag';
                   UPDATE backup_manifest SET value = (SELECT count(*) FROM whoop_match)
                   WHERE kind = 'count' AND name = 'whoop_match';";
    tool("sqlite3", &[image.to_str().unwrap(), &format!("{sql} {recount}")]);
    let evil = sb.path("evil.age");
    let _ = std::fs::remove_file(&evil);
    tool(
        "age",
        &[
            "-r",
            recipient,
            "-o",
            evil.to_str().unwrap(),
            image.to_str().unwrap(),
        ],
    );
    std::fs::read(&evil).unwrap()
}

#[test]
fn forged_rows_and_manifests_are_refused_and_change_nothing() {
    let sb = Sandbox::new();
    let (file, kit, recipient) = vault_with_sets(&sb);
    let cases = [
        (
            "a set pointing at a missing exercise",
            "PRAGMA foreign_keys = OFF; UPDATE session_set SET exercise_id = 99999;",
            "2 in session_set",
        ),
        (
            "a terminal escape in an exercise name",
            "UPDATE exercise SET name = 'Squat' || char(27) || '[2J' WHERE name = 'Squat (Barbell)';",
            "exercise.name",
        ),
        (
            "a name with padding typed input never keeps",
            "UPDATE exercise SET name = '  Squat   wide ' WHERE name = 'Squat (Barbell)';",
            "exercise.name",
        ),
        (
            "a window-title escape in a note",
            "UPDATE session_set SET notes = char(27) || ']0;pwned' || char(7);",
            "2 session_set.notes",
        ),
        (
            "a time that is not a time",
            "UPDATE session SET started_at = '2026-10-31 morning';",
            "session.started_at",
        ),
        (
            "a terminal escape in a body measurement's note",
            "INSERT INTO body_measurement (measured_at, length_unit, waist_milli, note)
             VALUES ('2026-10-01T08:00:00Z', 'cm', 84000, char(27) || '[2J');",
            "1 body_measurement.note",
        ),
        (
            "a body measurement time that is not a time",
            "INSERT INTO body_measurement (measured_at, length_unit, waist_milli)
             VALUES ('last tuesday', 'cm', 84000);",
            "body_measurement.measured_at",
        ),
        (
            "a terminal escape in a journal note",
            "INSERT INTO journal_entry (day, note, updated_at)
             VALUES ('2026-10-01', 'ok' || char(27) || ']0;pwned' || char(7), '2026-10-01T08:00:00Z');",
            "1 journal_entry.note",
        ),
        (
            "a control character in a journal tag",
            "INSERT INTO journal_tag (name, name_key) VALUES ('nap' || char(8), 'nap' || char(8));",
            "1 journal_tag.name",
        ),
        (
            "a journal tag found by another name's key",
            "UPDATE journal_tag SET name_key = 'wine' WHERE name = 'alcohol';",
            "1 journal_tag.name_key",
        ),
        (
            "a terminal escape in a matched WHOOP workout's sport",
            "INSERT INTO whoop_match (workout_id, session_id, decision, decided_at, sport_name, start_ms,
                 end_ms, timezone_offset)
             VALUES ('w-evil', (SELECT min(id) FROM session), 'auto', '2026-10-01T08:00:00Z',
                     'weight' || char(27) || '[2J', 0, 1, '+00:00');",
            "1 whoop_match.sport_name",
        ),
        (
            "a journal day that is not a date",
            "INSERT INTO journal_entry (day, updated_at) VALUES ('2026-02-30', '2026-10-01T08:00:00Z');",
            "1 journal_entry.day",
        ),
        (
            "a terminal escape in the manifest",
            "UPDATE backup_manifest SET value = '0.1.0' || char(27) || ']0;pwned' || char(7) WHERE name = 'app_version';",
            "app_version",
        ),
        (
            "a manifest time that is not a time",
            "UPDATE backup_manifest SET value = 'yesterday' WHERE name = 'created_at';",
            "created_at",
        ),
    ];
    for (what, sql, expect) in cases {
        let bytes = tampered(&sb, &file, &kit, &recipient, sql);
        let err = read_backup(&bytes, &own_key(&kit)).expect_err(what);
        assert!(
            err.to_string().contains(expect) && !err.to_string().contains('\u{1b}'),
            "{what}: the error should say `{expect}`, got: {err}"
        );
        refused(&sb, &bytes, own_key(&kit), what, |e| {
            matches!(
                e,
                BackupError::BrokenReferences(_)
                    | BackupError::InvalidRows(_)
                    | BackupError::ManifestMismatch(_)
            )
        });
        let evil = sb.path("evil.age");
        let run = sb.cli(&["backup", "verify", evil.to_str().unwrap()], "").fails();
        assert!(
            !run.stdout.contains('\u{1b}') && !run.stderr.contains('\u{1b}'),
            "{what}: `backup verify` prints no escape"
        );
    }
}

#[test]
fn rows_that_break_the_schemas_checks_are_refused_as_corrupt() {
    // The schema's CHECK constraints (reps 0-1000, RPE 1-10) are enforced by
    // integrity_check alone: row vetting adds only what they cannot say.
    let sb = Sandbox::new();
    let (file, kit, recipient) = vault_with_sets(&sb);
    for (what, sql) in [
        ("5000 reps", "UPDATE session_set SET reps = 5000;"),
        ("an RPE of 15", "UPDATE session_set SET rpe_half = 30;"),
    ] {
        let sql = format!("PRAGMA ignore_check_constraints = ON; {sql}");
        let bytes = tampered(&sb, &file, &kit, &recipient, &sql);
        refused(&sb, &bytes, own_key(&kit), what, |e| {
            matches!(e, BackupError::Corrupt(_))
        });
    }
}

#[test]
fn a_forged_records_cache_and_derived_columns_are_recomputed() {
    let sb = Sandbox::new();
    let (file, kit, recipient) = vault_with_sets(&sb);
    let facts = |conn: &rusqlite::Connection| {
        let sets: Vec<(u32, f64)> = conn
            .prepare("SELECT record_flags, weight_kg FROM session_set ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        (Records::new(conn).all().unwrap(), sets)
    };
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    let truth = facts(v.conn());
    drop(v);
    let forged = tampered(
        &sb,
        &file,
        &kit,
        &recipient,
        "CREATE TEMP TABLE kept AS SELECT * FROM exercise_record;
         UPDATE session_set SET record_flags = 15, weight_kg = 900.0;
         INSERT INTO exercise_record SELECT exercise_id,
             json_set(records, '$.best_e1rm.value', 999.0, '$.heaviest.value', 999.0) FROM kept;",
    );
    let image = read_backup(&forged, &own_key(&kit)).expect("a forged cache is recomputed, not refused");
    assert_eq!(
        facts(image.conn()),
        truth,
        "the coach view shows the real records"
    );
    drop(image);
    let v = Vault::open_with(&sb.dir(), Unlock::Keychain, Access::Exclusive, now()).unwrap();
    v.restore_backup(&forged, own_key(&kit), None, now()).unwrap();
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    assert_eq!(
        facts(v.conn()),
        truth,
        "the restored vault holds the real records"
    );
}

#[test]
fn doctor_reports_dangling_foreign_keys() {
    let sb = Sandbox::new();
    let _ = vault_with_sets(&sb);
    let healthy = sb.cli(&["--json", "doctor"], "").ok().json();
    assert!(
        healthy["checks"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "foreign keys" && c["ok"] == true),
        "{healthy}"
    );
    let v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    v.conn()
        .execute_batch("PRAGMA foreign_keys = OFF; UPDATE session_set SET exercise_id = 99999; PRAGMA foreign_keys = ON;")
        .unwrap();
    drop(v);
    let sick = sb.cli(&["--json", "doctor"], "").fails().json();
    let check = sick["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "foreign keys")
        .cloned()
        .unwrap_or_default();
    assert_eq!(check["ok"], false, "{sick}");
    assert!(
        check["detail"]
            .as_str()
            .unwrap_or("")
            .contains("2 in session_set"),
        "{check}"
    );
}

/// What an import stores is the user's own data: a backup holding it must restore, even
/// where the file had spacing typed input would tidy (a workout "Upper  A ") or a control
/// character in a workout's notes.
#[test]
fn a_users_imported_oddities_still_back_up_and_restore() {
    let sb = Sandbox::new();
    sb.init();
    let csv = sb.path("strong.csv");
    std::fs::write(
        &csv,
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,Workout Notes,RPE\n\
         2024-03-04 18:02:11,Upper  A ,1h 17m,Bench Press (Barbell),1,100,5,0,0,,\"felt\u{b}good\",\n",
    )
    .unwrap();
    sb.cli(
        &[
            "import",
            csv.to_str().unwrap(),
            "--format",
            "strong",
            "--unit",
            "kg",
            "--tz",
            "UTC",
        ],
        "",
    )
    .ok();
    let made = sb.cli(&["--json", "backup", "create"], "").ok().json();
    let path = made["path"].as_str().expect("the backup's path").to_owned();
    let verified = sb.cli(&["--json", "backup", "verify", &path], "").ok().json();
    assert_eq!(verified["ok"], true, "{verified}");
    let shown = sb.cli(&["--json", "session", "list"], "").ok().json();
    assert!(
        shown.to_string().contains("\"Upper  A\""),
        "the workout keeps the name its file gave it: {shown}"
    );
}

#[test]
fn an_import_marked_running_never_travels_in_a_backup() {
    // Made while an import runs, a backup leaves the import out (its batches are not in
    // the image); an image that claims a running import is forged, and is refused: on the
    // restored vault's first open it would remove every row it tagged.
    let sb = Sandbox::new();
    let (file, kit, recipient) = vault_with_sets(&sb);
    let mut v = Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap();
    let csv = crate::training::interchange::many_rows(500);
    let parsed = ironkeep::interchange::parse(&csv, &Default::default()).unwrap();
    let options = ironkeep::interchange::ImportOptions {
        zone: ironkeep::interchange::Zone::parse("UTC").unwrap(),
        skip_invalid: false,
        dry_run: false,
    };
    ironkeep::interchange::import_into(&v, &parsed, options, now(), &mut |_| {}, &Default::default())
        .unwrap();
    // As if its last batch were still to come, its process alive (holding its lock).
    let token: String = v
        .conn()
        .query_row(
            "UPDATE import_run SET state = 'running', finished_at = NULL RETURNING token",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let lock =
        ironkeep::vault::files::append_private(&sb.data().join(format!("import-{token}.lock"))).unwrap();
    lock.try_lock().unwrap();
    let during = sb.path("during.age");
    backup(&mut v, &during, &[], false);
    let image = read_backup(&std::fs::read(&during).unwrap(), &own_key(&kit)).unwrap();
    let (runs, sets): (i64, i64) = image
        .conn()
        .query_row(
            "SELECT (SELECT count(*) FROM import_run), (SELECT count(*) FROM session_set)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (runs, sets),
        (0, 2),
        "the backup holds the two typed sets and nothing of the running import"
    );
    drop(lock);
    drop(v);
    // Its process gone, the next open removes it; the restores below start from there.
    drop(Vault::open(&sb.dir(), Unlock::Keychain, now()).unwrap());

    let forged = tampered(
        &sb,
        &file,
        &kit,
        &recipient,
        "INSERT INTO import_run (token, format, state, started_at)
             VALUES ('0123456789abcdef', 'strong', 'running', '2026-10-01T08:00:00Z');
         UPDATE session_set SET import_run = last_insert_rowid();
         UPDATE session SET import_run = (SELECT id FROM import_run);
         UPDATE backup_manifest SET value = '1' WHERE kind = 'count' AND name = 'import_run';",
    );
    let err = read_backup(&forged, &own_key(&kit)).expect_err("a running import is refused");
    assert!(err.to_string().contains("import_run.state"), "{err}");
    refused(&sb, &forged, own_key(&kit), "a running import", |e| {
        matches!(e, BackupError::InvalidRows(_))
    });
    // Its token names its lock file: nothing a path could misread gets in.
    let forged = tampered(
        &sb,
        &file,
        &kit,
        &recipient,
        "PRAGMA ignore_check_constraints = ON;
         INSERT INTO import_run (token, format, state, started_at, finished_at)
             VALUES ('../../../tmp/xyz', 'strong', 'done', '2026-10-01T08:00:00Z', '2026-10-01T08:00:00Z');
         UPDATE backup_manifest SET value = '1' WHERE kind = 'count' AND name = 'import_run';",
    );
    refused(&sb, &forged, own_key(&kit), "a token that is a path", |e| {
        matches!(e, BackupError::Corrupt(_))
    });
}
