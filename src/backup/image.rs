//! The plaintext image: building it from the live vault, and checking one from a backup.
//!
//! Building: `sqlcipher_export` into an unkeyed in-memory attachment, then secrets are
//! deleted there (with `secure_delete`, so no freed page keeps them), so are the rows of
//! an import still running, and a manifest is added. Checking treats the image as hostile: it is opened in memory in
//! defensive mode with `trusted_schema=OFF`, its `sqlite_master` must equal exactly what
//! migrations 1..=v produce plus the manifest table, then `integrity_check` runs and every
//! table's row count must match the manifest; then its rows are vetted (see `vet`).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OptionalExtension};
use zeroize::Zeroizing;

use super::{BackupError, MANIFEST_TABLE, Manifest, TableCount};
use crate::vault::migrate::{self, LATEST, MIGRATIONS};

/// The manifest table, exactly as every image holds it.
const MANIFEST_SQL: &str = "CREATE TABLE backup_manifest (
    kind  TEXT NOT NULL CHECK (kind IN ('meta', 'count')),
    name  TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (kind, name)
) STRICT";

/// Tables whose rows never leave the vault: WHOOP tokens and client credentials, and the
/// recovery identity (coaches can decrypt backups; the kit must never travel inside one).
pub(crate) const SECRET_TABLES: &[&str] = &["whoop_account", "recovery_identity"];
/// Tables left out of a backup made for a coach.
const COACH_OMITTED: &[&str] = &["audit_log"];
/// The most manifest rows read from an image.
const MAX_MANIFEST_ROWS: usize = 1_000;

/// One `sqlite_master` row: type, name, table, SQL.
pub type SchemaRow = (String, String, String, Option<String>);

/// The facts written into a new image's manifest.
pub(crate) struct ManifestFacts<'a> {
    pub vault_id: &'a str,
    pub created_at: String,
    pub for_coach: bool,
}

/// A new backup image's in-memory database: a `memdb` database under a random name that
/// only this process can reach, so that a second connection (an owned one: `serialize`
/// needs `&mut`, and the automatic backup after `session finish` only has `&Connection`)
/// can serialize it.
pub(crate) struct ImageDb {
    uri: String,
}

impl ImageDb {
    /// A fresh, unique name.
    pub fn new() -> Result<Self, BackupError> {
        let mut id = [0u8; 16];
        getrandom::fill(&mut id).map_err(|e| BackupError::Encrypt(e.to_string()))?;
        Ok(Self {
            uri: format!("file:/ironkeep-image-{}?vfs=memdb", hex::encode(id)),
        })
    }

    /// A connection of its own to the image.
    pub fn reader(&self) -> Result<Connection, BackupError> {
        Ok(Connection::open_with_flags(
            &self.uri,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_WRITE
                | rusqlite::OpenFlags::SQLITE_OPEN_URI
                | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?)
    }
}

/// Exports the vault into the attached in-memory schema `image` (the database `db`),
/// scrubbed and with its manifest. The caller serializes `image` and must DETACH it
/// afterwards.
pub(crate) fn build(
    conn: &Connection,
    db: &ImageDb,
    facts: &ManifestFacts<'_>,
) -> Result<Manifest, BackupError> {
    // Temporary tables and sorts stay in memory (the bundled SQLCipher
    // defaults to it; this makes it explicit): no plaintext spill file.
    conn.execute_batch("PRAGMA temp_store = MEMORY;")?;
    conn.execute("ATTACH DATABASE ?1 AS image KEY ''", [&db.uri])?;
    conn.query_row("SELECT sqlcipher_export('image')", [], |_| Ok(()))?;
    conn.execute_batch("PRAGMA image.secure_delete = ON;")?;
    let tables = table_names(conn, "image")?;
    let omitted = SECRET_TABLES
        .iter()
        .chain(if facts.for_coach { COACH_OMITTED } else { &[] })
        .filter(|t| tables.iter().any(|name| name == *t));
    for table in omitted {
        conn.execute(&format!("DELETE FROM image.\"{table}\""), [])?;
    }
    // An import still running when the backup was taken is not in it: its batches are
    // removed from the image as a cancel would remove them (a restore never sees a
    // half-written import, and `vet` refuses one).
    if tables.iter().any(|t| t == "import_run") {
        let image = db.reader()?;
        image.execute_batch("PRAGMA foreign_keys = ON;")?;
        crate::interchange::runs::drop_unfinished(&image)
            .map_err(|e| BackupError::InvalidRows(e.to_string()))?;
    }
    let version: String = conn.query_row(
        "SELECT value FROM image.vault_meta WHERE key = 'schema_version'",
        [],
        |r| r.get(0),
    )?;
    conn.execute_batch(&MANIFEST_SQL.replace("CREATE TABLE ", "CREATE TABLE image."))?;
    let meta = [
        ("app_version", env!("CARGO_PKG_VERSION").to_owned()),
        ("schema_version", version),
        ("vault_id", facts.vault_id.to_owned()),
        ("created_at", facts.created_at.clone()),
        ("for_coach", if facts.for_coach { "1" } else { "0" }.to_owned()),
    ];
    for (name, value) in &meta {
        conn.execute(
            "INSERT INTO image.backup_manifest (kind, name, value) VALUES ('meta', ?1, ?2)",
            (name, value),
        )?;
    }
    for table in &tables {
        let rows: u32 = conn.query_row(&format!("SELECT count(*) FROM image.\"{table}\""), [], |r| {
            r.get(0)
        })?;
        conn.execute(
            "INSERT INTO image.backup_manifest (kind, name, value) VALUES ('count', ?1, ?2)",
            (table, rows.to_string()),
        )?;
    }
    // No VACUUM: `secure_delete` already zeroed what the deletes freed, and a VACUUM
    // would double the cost of a backup.
    read_manifest(conn, "image")
}

/// The user tables of `schema`, sorted, without the manifest.
fn table_names(conn: &Connection, schema: &str) -> Result<Vec<String>, BackupError> {
    let mut stmt = conn.prepare(&format!(
        "SELECT name FROM \"{schema}\".sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '{MANIFEST_TABLE}' ORDER BY name"
    ))?;
    let names = stmt.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(names)
}

/// A verified backup image, open read-only in memory.
#[derive(Debug)]
pub struct BackupImage {
    pub(crate) conn: Connection,
    /// The verified manifest.
    pub manifest: Manifest,
}

impl BackupImage {
    /// The open image, for read-only viewing and export (coaches).
    pub fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// Opens `plain` defensively in memory and checks it completely.
pub(crate) fn open_verified(plain: Zeroizing<Vec<u8>>) -> Result<BackupImage, BackupError> {
    if plain.len() < 512 || !plain.starts_with(b"SQLite format 3\0") {
        return Err(BackupError::NotAnImage);
    }
    let mut conn = hardened_memory_db()?;
    // Writable (it is this process's private copy): derived data is recomputed below.
    conn.deserialize_read_exact("main", plain.as_slice(), plain.len(), false)
        .map_err(|_| BackupError::NotAnImage)?;
    drop(plain);
    let found = schema_of(&conn, "main").map_err(|_| BackupError::NotAnImage)?;
    let version = match (1..=LATEST).find(|v| expected_schema(*v).is_ok_and(|s| s == found)) {
        Some(v) => v,
        None => return Err(schema_mismatch(&conn, &found)),
    };
    let problems: Vec<String> = conn
        .prepare("PRAGMA integrity_check(5)")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()
        .map_err(|e| BackupError::Corrupt(e.to_string()))?;
    if problems != ["ok"] {
        return Err(BackupError::Corrupt(
            problems.join("; ").chars().take(300).collect(),
        ));
    }
    let manifest = read_manifest(&conn, "main").map_err(|e| match e {
        BackupError::Database(_) => BackupError::ManifestMismatch("unreadable manifest".to_owned()),
        other => other,
    })?;
    if manifest.schema_version != version {
        return Err(BackupError::ManifestMismatch(format!(
            "it claims schema version {} but holds version {version}",
            manifest.schema_version
        )));
    }
    let meta_version: Option<String> = conn
        .query_row(
            "SELECT value FROM vault_meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if meta_version != Some(version.to_string()) {
        return Err(BackupError::ManifestMismatch(
            "vault_meta disagrees on the schema version".to_owned(),
        ));
    }
    check_counts(&conn, &manifest)?;
    super::vet::vet(&conn)?;
    conn.execute_batch("PRAGMA query_only = ON;")?;
    Ok(BackupImage { conn, manifest })
}

/// An empty in-memory connection with every defence on.
pub(crate) fn hardened_memory_db() -> Result<Connection, BackupError> {
    let conn = Connection::open_in_memory()?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    conn.execute_batch(
        "PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON; PRAGMA temp_store = MEMORY;",
    )?;
    Ok(conn)
}

fn check_counts(conn: &Connection, manifest: &Manifest) -> Result<(), BackupError> {
    let tables = table_names(conn, "main")?;
    let listed: Vec<&str> = manifest.counts.iter().map(|c| c.table.as_str()).collect();
    if listed != tables {
        return Err(BackupError::ManifestMismatch(
            "it does not list exactly the image's tables".to_owned(),
        ));
    }
    for count in &manifest.counts {
        let rows: i64 = conn.query_row(&format!("SELECT count(*) FROM \"{}\"", count.table), [], |r| {
            r.get(0)
        })?;
        if rows != i64::from(count.rows) {
            return Err(BackupError::ManifestMismatch(format!(
                "table {} holds {rows} rows, the manifest says {}",
                count.table, count.rows
            )));
        }
    }
    Ok(())
}

/// Reads and validates the manifest rows of `schema`.
fn read_manifest(conn: &Connection, schema: &str) -> Result<Manifest, BackupError> {
    let bad = |what: &str| BackupError::ManifestMismatch(what.to_owned());
    let mut stmt = conn.prepare(&format!(
        "SELECT kind, name, value FROM \"{schema}\".backup_manifest ORDER BY kind, name LIMIT {}",
        MAX_MANIFEST_ROWS + 1
    ))?;
    let rows: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    if rows.len() > MAX_MANIFEST_ROWS {
        return Err(bad("too many rows"));
    }
    let meta = |name: &str| {
        rows.iter()
            .find(|(k, n, _)| k == "meta" && n == name)
            .map(|(_, _, v)| v.chars().take(100).collect::<String>())
            .ok_or_else(|| bad(&format!("no {name}")))
    };
    let counts = rows
        .iter()
        .filter(|(k, _, _)| k == "count")
        .map(|(_, table, rows)| {
            Ok(TableCount {
                table: table.clone(),
                rows: rows.parse().map_err(|_| bad("a row count is not a number"))?,
            })
        })
        .collect::<Result<Vec<_>, BackupError>>()?;
    // What the manifest says gets printed and shown: only plain tokens and a real time,
    // never control characters or terminal escapes.
    let token = |name: &str| {
        let value = meta(name)?;
        let plain = value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-' | '_'));
        if value.is_empty() || !plain {
            return Err(bad(&format!("its {name} is not a plain identifier")));
        }
        Ok(value)
    };
    let created_at = meta("created_at")?;
    if chrono::DateTime::parse_from_rfc3339(&created_at).is_err() {
        return Err(bad("its created_at is not a time"));
    }
    Ok(Manifest {
        app_version: token("app_version")?,
        schema_version: meta("schema_version")?
            .parse()
            .map_err(|_| bad("bad schema version"))?,
        vault_id: token("vault_id")?,
        created_at,
        for_coach: meta("for_coach")? == "1",
        counts,
    })
}

/// The `sqlite_master` rows of `schema`, as a set.
fn schema_of(conn: &Connection, schema: &str) -> rusqlite::Result<BTreeSet<SchemaRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT type, name, tbl_name, sql FROM \"{schema}\".sqlite_master"
    ))?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
    rows.collect()
}

/// The exact `sqlite_master` of a version-`version` image: what migrations 1..=version
/// produce, plus the manifest table. Computed once per version by running the migrations
/// in memory.
pub fn expected_schema(version: u32) -> Result<BTreeSet<SchemaRow>, BackupError> {
    static CACHE: OnceLock<Vec<BTreeSet<SchemaRow>>> = OnceLock::new();
    let all = CACHE.get_or_init(|| {
        (1..=LATEST)
            .map(|v| {
                let mut conn = Connection::open_in_memory().expect("an in-memory database opens");
                let upto = MIGRATIONS
                    .iter()
                    .position(|m| m.version == v)
                    .map_or(0, |i| i + 1);
                migrate::run_list(&mut conn, &MIGRATIONS[..upto]).expect("the embedded migrations run");
                conn.execute_batch(MANIFEST_SQL)
                    .expect("the manifest table is valid");
                schema_of(&conn, "main").expect("an in-memory schema reads")
            })
            .collect()
    });
    all.get(version.wrapping_sub(1) as usize)
        .cloned()
        .ok_or(BackupError::NewerSchema {
            found: version,
            supported: LATEST,
        })
}

/// Explains why `found` matches no known schema.
fn schema_mismatch(conn: &Connection, found: &BTreeSet<SchemaRow>) -> BackupError {
    let claimed: Option<u32> = conn
        .query_row(
            "SELECT value FROM vault_meta WHERE key = 'schema_version'",
            [],
            |r| r.get::<_, String>(0),
        )
        .ok()
        .and_then(|v| v.parse().ok());
    if let Some(found_version) = claimed.filter(|v| *v > LATEST) {
        return BackupError::NewerSchema {
            found: found_version,
            supported: LATEST,
        };
    }
    let reference = expected_schema(claimed.unwrap_or(LATEST).clamp(1, LATEST)).unwrap_or_default();
    let detail = match found.difference(&reference).next() {
        Some((kind, name, _, _)) => format!(
            "unexpected {kind} `{}`",
            name.chars().take(60).collect::<String>()
        ),
        None => match reference.difference(found).next() {
            Some((kind, name, _, _)) => format!("missing {kind} `{name}`"),
            None => "unrecognised layout".to_owned(),
        },
    };
    BackupError::UnknownSchema(detail)
}
