//! Fuzzes the checks behind the age layer: a hostile *decrypted* backup image. Anyone can
//! encrypt to a public recipient, so the SQLite bytes inside are untrusted too. Random
//! bytes almost never get past the image's first checks, so every run starts from a valid
//! image (the golden v4 fixture with its catalog trimmed and a small training log added)
//! and the input is an edit script: change, delete or copy rows (also the manifest's), fix
//! up the manifest counts, run a hostile statement, then patch or truncate the serialized
//! bytes. That reaches every layer: the defensive open, schema equality, `integrity_check`,
//! the manifest, row vetting, `foreign_key_check` and the recomputation of derived data.
//! An image that is accepted must really be clean: its foreign keys resolve, its counts
//! match the manifest, and no name or note holds a control character.
#![no_main]

use std::io::Read;
use std::str::FromStr;
use std::sync::LazyLock;

use ironkeep::backup::read_image;
use libfuzzer_sys::fuzz_target;
use rusqlite::Connection;
use rusqlite::types::Value;

const FIXTURE: &[u8] = include_bytes!("../../tests/it/backup/fixtures/backup-v4.age");
const KIT: &str = include_str!("../../tests/it/backup/fixtures/kit-fixture.txt");

/// Trims the fixture's catalog and adds a small log, so the tables the row checks read
/// all hold rows to change: a routine, two sessions (one imported), sets in kg and lb.
const LOG: &str = "
DELETE FROM catalog_suggestion;
DELETE FROM catalog_secondary WHERE slug NOT IN (SELECT slug FROM catalog_exercise ORDER BY slug LIMIT 3);
DELETE FROM catalog_exercise WHERE slug NOT IN (SELECT slug FROM catalog_exercise ORDER BY slug LIMIT 3);
DELETE FROM exercise WHERE id NOT IN (SELECT id FROM exercise ORDER BY id LIMIT 3);
INSERT INTO exercise (id, name, name_key, kind, muscle, equipment)
    VALUES (100, 'Paused Bench', 'paused bench', 'weight_reps', 'chest', 'barbell');
INSERT INTO routine VALUES (1, 'Push A', 'push a', 'Heavy day.\nRest 3 min.',
    '2026-01-05T07:00:00Z', '2026-01-05T07:00:00Z');
INSERT INTO routine_exercise (routine_id, position, exercise_id, target_sets, reps_min,
    reps_max, weight_milli, weight_unit, rest_seconds) VALUES (1, 0, 100, 3, 5, 8, 100000, 'kg', 180);
INSERT INTO session (id, name, started_at, ended_at, notes, routine_id, source) VALUES
    (1, 'Push A', '2026-01-06T07:00:00Z', '2026-01-06T08:10:00Z', 'Felt strong', 1, 'manual'),
    (2, 'Upper  A ', '2026-01-08T18:00:00+01:00', NULL, '', NULL, 'strong');
INSERT INTO session_set (session_id, exercise_id, position, weight_milli, weight_unit,
    weight_kg, reps, rpe_half, kind, done, notes) VALUES
    (1, 100, 0, 60000, 'kg', 60.0, 8, 14, 'warmup', 1, ''),
    (1, 100, 1, 102500, 'kg', 102.5, 5, 17, 'working', 1, 'belt'),
    (2, 100, 0, 225000, 'lb', 102.0582, 3, NULL, 'working', 1, ''),
    (2, (SELECT min(id) FROM exercise), 1, NULL, NULL, NULL, 12, NULL, 'working', 0, '');
INSERT INTO body_weight (measured_at, weight_milli, weight_unit, weight_kg)
    VALUES ('2026-01-06T06:30:00Z', 82400, 'kg', 82.4);
INSERT INTO training_setting VALUES ('unit', 'kg');
";

/// Statements an attacker's image might carry; the schema check must refuse each.
const HOSTILE: [&str; 8] = [
    "CREATE TABLE extra (x)",
    "CREATE VIEW v AS SELECT * FROM session",
    "CREATE TRIGGER t AFTER INSERT ON session BEGIN DELETE FROM exercise; END",
    "CREATE INDEX extra_ix ON session (notes)",
    "DROP TABLE IF EXISTS catalog_suggestion",
    "ALTER TABLE session ADD COLUMN x TEXT",
    "PRAGMA writable_schema = ON; UPDATE sqlite_master SET sql = replace(sql, 'CHECK (', 'CHECK (1 OR ') WHERE name = 'session'; PRAGMA writable_schema = OFF",
    "PRAGMA user_version = 99",
];

/// Text a forger would try in a name, note, time or manifest field.
const TEXTS: [&str; 10] = [
    "",
    " Bench ",
    "Bench\u{1b}[31m",
    "line\u{0}break",
    "2026-13-45T99:00:00Z",
    "9999",
    "Bench\u{202e}",
    "1",
    "-1",
    "Squat Squat Squat Squat Squat Squat Squat Squat Squat Squat Squat Squat Squat Squat",
];

/// The valid image every run starts from.
static BASE: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let line = KIT
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-1"))
        .expect("identity line");
    let identity = age::x25519::Identity::from_str(line).expect("identity");
    let decryptor = age::Decryptor::new(FIXTURE).expect("fixture is age");
    let mut plain = Vec::new();
    decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .expect("fixture kit opens the fixture")
        .read_to_end(&mut plain)
        .expect("fixture decrypts");
    let mut conn = open(&plain);
    conn.execute_batch(LOG).expect("the log fits the schema");
    recount(&conn);
    conn.execute_batch("VACUUM").expect("vacuum");
    let base = conn.serialize("main").expect("serialize").to_vec();
    read_image(&base).expect("the starting image passes every check");
    base
});

fuzz_target!(|data: &[u8]| {
    let mut input = Input(data);
    let mut conn = open(&BASE);
    if input.byte() % 2 == 1 {
        let _ = conn.execute_batch("PRAGMA ignore_check_constraints = ON");
    }
    let tables = tables(&conn);
    let mut patches = Vec::new();
    let mut truncate = None;
    for _ in 0..16 {
        if input.0.is_empty() {
            break;
        }
        let pick = usize::from(input.byte());
        let table = tables.get(pick % tables.len().max(1)).map_or("", String::as_str);
        match input.byte() % 8 {
            0 | 1 => {
                let (row, column, value) = (input.byte(), input.byte(), input.value());
                set_cell(&conn, table, row, column, value);
            }
            2 => {
                let sql = format!(
                    "DELETE FROM \"{table}\" WHERE rowid = (SELECT rowid FROM \"{table}\" LIMIT 1 OFFSET ?1)"
                );
                let _ = conn.execute(&sql, [input.byte()]);
            }
            3 => {
                let (row, column, value) = (input.byte(), input.byte(), input.value());
                copy_row(&conn, table, row, column, value);
            }
            4 => recount(&conn),
            5 => {
                let _ = conn.execute_batch(HOSTILE[usize::from(input.byte()) % HOSTILE.len()]);
            }
            6 => patches.push((input.u24(), input.bytes())),
            _ => truncate = Some(input.u24()),
        }
    }
    let mut image = match conn.serialize("main") {
        Ok(data) => data.to_vec(),
        Err(_) => return,
    };
    for (at, bytes) in patches {
        let at = at % image.len();
        let end = (at + bytes.len()).min(image.len());
        image[at..end].copy_from_slice(&bytes[..end - at]);
    }
    if let Some(len) = truncate {
        image.truncate(len % (image.len() + 1));
    }
    if let Ok(accepted) = read_image(&image) {
        assert_clean(accepted.conn(), &accepted.manifest);
    }
});

/// What an accepted image must be, whatever edits went in.
fn assert_clean(conn: &Connection, manifest: &ironkeep::backup::Manifest) {
    let dangling: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| r.get(0))
        .expect("foreign_key_check runs");
    assert_eq!(dangling, 0, "an accepted image has no dangling reference");
    // The records cache is rebuilt after the counts are checked, so its count may change.
    for count in manifest.counts.iter().filter(|c| c.table != "exercise_record") {
        let rows: i64 = conn
            .query_row(&format!("SELECT count(*) FROM \"{}\"", count.table), [], |r| {
                r.get(0)
            })
            .expect("a listed table exists");
        assert_eq!(rows, i64::from(count.rows), "the manifest counts {}", count.table);
    }
    for (table, column, line_breaks) in [
        ("exercise", "name", false),
        ("routine", "name", false),
        ("session", "name", false),
        ("session", "notes", true),
        ("routine", "notes", true),
        ("session_set", "notes", true),
    ] {
        let mut stmt = conn
            .prepare(&format!("SELECT \"{column}\" FROM \"{table}\""))
            .expect("a vetted column exists");
        let texts = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .expect("query")
            .map(|t| t.expect("a vetted column holds text"));
        for text in texts {
            let bad = text
                .chars()
                .any(|c| c.is_control() && !(line_breaks && matches!(c, '\n' | '\r' | '\t')));
            assert!(
                !bad,
                "an accepted {table}.{column} holds a control character: {text:?}"
            );
        }
    }
}

/// A plain, writable in-memory copy of `image` (no defences: this is the forger's side).
fn open(image: &[u8]) -> Connection {
    let mut conn = Connection::open_in_memory().expect("memory db");
    conn.deserialize_read_exact("main", image, image.len(), false)
        .expect("the starting image deserializes");
    conn
}

/// The image's tables (none once a hostile statement has broken its schema).
fn tables(conn: &Connection) -> Vec<String> {
    let Ok(mut stmt) = conn.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    else {
        return Vec::new();
    };
    stmt.query_map([], |r| r.get(0))
        .map(|rows| rows.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let Ok(mut stmt) = conn.prepare("SELECT name FROM pragma_table_info(?1)") else {
        return Vec::new();
    };
    stmt.query_map([table], |r| r.get(0))
        .map(|rows| rows.filter_map(Result::ok).collect())
        .unwrap_or_default()
}

/// Sets one column of the `row`-th row (by position) of `table`.
fn set_cell(conn: &Connection, table: &str, row: u8, column: u8, value: Value) {
    let columns = columns(conn, table);
    if columns.is_empty() {
        return;
    }
    let column = &columns[usize::from(column) % columns.len()];
    let sql = format!(
        "UPDATE \"{table}\" SET \"{column}\" = ?1 WHERE rowid = \
         (SELECT rowid FROM \"{table}\" LIMIT 1 OFFSET ?2)"
    );
    if conn.execute(&sql, rusqlite::params![value, row]).is_err() {
        // WITHOUT ROWID tables: change every row whose column already equals the first's.
        let sql = format!(
            "UPDATE OR IGNORE \"{table}\" SET \"{column}\" = ?1 WHERE \"{column}\" = \
             (SELECT \"{column}\" FROM \"{table}\" LIMIT 1 OFFSET ?2)"
        );
        let _ = conn.execute(&sql, rusqlite::params![value, row]);
    }
}

/// Inserts a copy of the `row`-th row of `table` with one column changed.
fn copy_row(conn: &Connection, table: &str, row: u8, column: u8, value: Value) {
    let columns = columns(conn, table);
    if columns.is_empty() {
        return;
    }
    let Ok(mut values) = conn.query_row(
        &format!("SELECT * FROM \"{table}\" LIMIT 1 OFFSET ?1"),
        [row],
        |r| {
            (0..columns.len())
                .map(|i| r.get::<_, Value>(i))
                .collect::<Result<Vec<_>, _>>()
        },
    ) else {
        return;
    };
    values[usize::from(column) % columns.len()] = value;
    let marks = vec!["?"; values.len()].join(", ");
    let _ = conn.execute(
        &format!("INSERT INTO \"{table}\" VALUES ({marks})"),
        rusqlite::params_from_iter(values),
    );
}

/// Makes the manifest's row counts match the tables again.
fn recount(conn: &Connection) {
    for table in tables(conn) {
        let Ok(rows) = conn.query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
            r.get::<_, i64>(0)
        }) else {
            continue;
        };
        let _ = conn.execute(
            "UPDATE backup_manifest SET value = ?1 WHERE kind = 'count' AND name = ?2",
            rusqlite::params![rows.to_string(), table],
        );
    }
}

/// The fuzz input, read from the front; zeros once it runs out.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> u8 {
        let (first, rest) = self.0.split_first().map_or((0, &[][..]), |(f, r)| (*f, r));
        self.0 = rest;
        first
    }

    fn u24(&mut self) -> usize {
        usize::from_le_bytes([self.byte(), self.byte(), self.byte(), 0, 0, 0, 0, 0])
    }

    fn bytes(&mut self) -> Vec<u8> {
        let len = usize::from(self.byte() % 64).min(self.0.len());
        let (taken, rest) = self.0.split_at(len);
        self.0 = rest;
        taken.to_vec()
    }

    fn value(&mut self) -> Value {
        match self.byte() % 7 {
            0 => Value::Null,
            1 => Value::Integer(i64::from(self.byte() as i8)),
            2 => Value::Integer(i64::from_le_bytes(std::array::from_fn(|_| self.byte()))),
            3 => Value::Real(f64::from_bits(u64::from_le_bytes(std::array::from_fn(|_| {
                self.byte()
            })))),
            4 => Value::Text(String::from_utf8_lossy(&self.bytes()).into_owned()),
            5 => Value::Blob(self.bytes()),
            _ => Value::Text(TEXTS[usize::from(self.byte()) % TEXTS.len()].to_owned()),
        }
    }
}
