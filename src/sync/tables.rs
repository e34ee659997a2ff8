//! What travels between devices: every table of user data, the row identity that names a
//! row on every device, and its fields. A field is one column, or the columns a CHECK ties
//! together (a weight's amount, unit and kilograms), so that merging two devices' edits
//! field by field can never pair one device's amount with the other's unit. A column that
//! refers to another row is written as that row's identity. Columns listed as local stay
//! on each device: local ids, what an import run tagged, and what is recomputed (record
//! flags, name keys follow their name inside one field).
//!
//! A row every device creates for itself is named by a key that is the same everywhere
//! rather than by its `gid`: a catalog exercise by its slug, a built-in journal tag by its
//! name key, a WHOOP record or match by WHOOP's id, a preference by its key.
//!
//! Tables not listed are kept per device on purpose ([`LOCAL_TABLES`], with the reason);
//! a test fails when a migration adds a table or a column this file does not place.

/// A synced table.
#[derive(Debug)]
pub struct Table {
    /// Its name.
    pub name: &'static str,
    /// The column that names a row in this device's change marks.
    pub identity: &'static str,
    /// The SQL expression, over the row's columns, that names it on every device, when not
    /// `identity` itself: rows every device creates for itself are named by a shared key.
    pub shared: Option<&'static str>,
    /// For rows kept in order inside a parent (`position`, unique per parent): the column
    /// naming the parent.
    pub ordered_in: Option<&'static str>,
    /// Its fields, each `name` or `name=col+col` (columns changed together), with
    /// `column>table` for a reference to another synced table's row.
    pub fields: &'static [&'static str],
    /// Columns that stay on each device.
    pub local: &'static [&'static str],
    /// Unique keys besides the identity, each `col` or `col+col`. Two devices can fill one
    /// independently; the merge settles it the same way everywhere (`sync/unique.rs`).
    pub unique: &'static [&'static str],
}

/// One field of a table, parsed from [`Table::fields`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Its name in a change.
    pub name: &'static str,
    /// Its columns.
    pub columns: Vec<&'static str>,
    /// The table its one column refers to, if it is a reference.
    pub refers_to: Option<&'static str>,
}

impl Table {
    /// The SQL expression that names a row on every device.
    pub fn shared_identity(&self) -> &'static str {
        self.shared.unwrap_or(self.identity)
    }

    /// The synced table named `name`.
    pub fn named(name: &str) -> Option<&'static Table> {
        TABLES.iter().find(|t| t.name == name)
    }

    /// Its fields.
    pub fn fields(&self) -> Vec<Field> {
        self.fields.iter().map(|spec| parse_field(spec)).collect()
    }
}

fn parse_field(spec: &'static str) -> Field {
    if let Some((name, columns)) = spec.split_once('=') {
        return Field {
            name,
            columns: columns.split('+').collect(),
            refers_to: None,
        };
    }
    match spec.split_once('>') {
        Some((column, table)) => Field {
            name: column,
            columns: vec![column],
            refers_to: Some(table),
        },
        None => Field {
            name: spec,
            columns: vec![spec],
            refers_to: None,
        },
    }
}

const WEIGHT_KG: &str = "weight=weight_milli+weight_unit+weight_kg";
const WEIGHT: &str = "weight=weight_milli+weight_unit";

/// Every synced table, parents before the tables that refer to them.
pub const TABLES: &[Table] = &[
    Table {
        name: "sync_device",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &["name", "joined_at", "removed=removed_at+last_kept", "whoop"],
        local: &["id"],
        unique: &[],
    },
    Table {
        name: "exercise",
        identity: "gid",
        shared: Some("coalesce(slug, gid)"),
        ordered_in: None,
        fields: &[
            "name=name+name_key",
            "kind",
            "muscle",
            "equipment",
            "builtin",
            "archived",
            "needs_review",
            "merged_into>exercise",
            "slug",
        ],
        local: &["id", "import_run"],
        unique: &["name_key"],
    },
    Table {
        name: "exercise_loading",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &[
            "exercise_id>exercise",
            "increment=increment_milli+increment_unit",
            "max=max_milli+max_unit",
        ],
        local: &["id"],
        unique: &["exercise_id"],
    },
    Table {
        name: "routine",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &["name=name+name_key", "notes", "created_at", "updated_at"],
        local: &["id"],
        unique: &["name_key"],
    },
    Table {
        name: "routine_exercise",
        identity: "gid",
        shared: None,
        ordered_in: Some("routine_id"),
        fields: &[
            "routine_id>routine",
            "position",
            "exercise_id>exercise",
            "target_sets",
            "reps=reps_min+reps_max",
            WEIGHT,
            "rest_seconds",
            "superset",
        ],
        local: &["id"],
        unique: &[],
    },
    Table {
        name: "session",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &[
            "name",
            "started_at",
            "ended_at",
            "notes",
            "routine_id>routine",
            "source",
        ],
        local: &["id", "import_run"],
        unique: &[],
    },
    Table {
        name: "session_set",
        identity: "gid",
        shared: None,
        ordered_in: Some("session_id"),
        fields: &[
            "session_id>session",
            "exercise_id>exercise",
            "position",
            WEIGHT_KG,
            "reps",
            "rpe_half",
            "kind",
            "done",
            "duration_s",
            "distance=distance_milli+distance_unit",
            "superset",
            "notes",
            "import_key",
        ],
        local: &["id", "record_flags", "import_run"],
        unique: &[],
    },
    Table {
        name: "body_weight",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &["measured_at", WEIGHT_KG, "source"],
        local: &["id"],
        unique: &["measured_at+source"],
    },
    Table {
        name: "body_measurement",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &[
            "measured_at",
            "length_unit",
            "waist_milli",
            "chest_milli",
            "arms_milli",
            "thighs_milli",
            "body_fat_milli",
            "note",
        ],
        local: &["id"],
        unique: &[],
    },
    Table {
        name: "journal_tag",
        identity: "gid",
        shared: Some("CASE WHEN builtin = 1 THEN name_key ELSE gid END"),
        ordered_in: None,
        fields: &["name=name+name_key", "builtin"],
        local: &["id"],
        unique: &["name_key"],
    },
    Table {
        name: "journal_entry",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &["day", "note", "updated_at"],
        local: &["id"],
        unique: &["day"],
    },
    Table {
        name: "journal_entry_tag",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &["entry_id>journal_entry", "tag_id>journal_tag"],
        local: &["id"],
        unique: &["entry_id+tag_id"],
    },
    Table {
        name: "program",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &[
            "name=name+name_key",
            "author",
            "source",
            "document",
            "created_at",
            "updated_at",
        ],
        local: &["id"],
        unique: &["name_key"],
    },
    Table {
        name: "program_run",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &["program_id>program", "started_at", "stopped_at"],
        local: &["id"],
        unique: &[],
    },
    Table {
        name: "program_run_max",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &["run_id>program_run", "lift", WEIGHT],
        local: &["id"],
        unique: &["run_id+lift"],
    },
    Table {
        name: "program_event",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &[
            "run_id>program_run",
            "at",
            "event=kind+lift+weight_milli+weight_unit+week+day",
        ],
        local: &["id"],
        unique: &[],
    },
    Table {
        name: "program_session",
        identity: "gid",
        shared: None,
        ordered_in: None,
        fields: &["session_id>session", "run_id>program_run", "week", "day"],
        local: &["id"],
        unique: &["session_id"],
    },
    Table {
        name: "training_setting",
        identity: "key",
        shared: None,
        ordered_in: None,
        fields: &["value"],
        local: &[],
        unique: &[],
    },
    Table {
        name: "whoop_cycle",
        identity: "id",
        shared: None,
        ordered_in: None,
        fields: &[
            "record=user_id+start+end+start_ms+end_ms+timezone_offset+score_state+strain+kilojoule+average_heart_rate+max_heart_rate+created_at+updated_at+raw",
        ],
        local: &[],
        unique: &[],
    },
    Table {
        name: "whoop_recovery",
        identity: "cycle_id",
        shared: None,
        ordered_in: None,
        fields: &[
            "record=sleep_id+user_id+start_ms+score_state+recovery_score+resting_heart_rate+hrv_rmssd_milli+spo2_percentage+skin_temp_celsius+user_calibrating+created_at+updated_at+raw",
        ],
        local: &[],
        unique: &[],
    },
    Table {
        name: "whoop_sleep",
        identity: "id",
        shared: None,
        ordered_in: None,
        fields: &[
            "record=cycle_id+user_id+start+end+start_ms+end_ms+timezone_offset+nap+score_state+sleep_performance_percentage+sleep_efficiency_percentage+respiratory_rate+total_in_bed_time_milli+created_at+updated_at+raw",
        ],
        local: &[],
        unique: &[],
    },
    Table {
        name: "whoop_workout",
        identity: "id",
        shared: None,
        ordered_in: None,
        fields: &[
            "record=user_id+start+end+start_ms+end_ms+timezone_offset+sport_name+score_state+strain+average_heart_rate+max_heart_rate+kilojoule+created_at+updated_at+raw",
        ],
        local: &[],
        unique: &[],
    },
    Table {
        name: "whoop_body",
        identity: "id",
        shared: None,
        ordered_in: None,
        fields: &["record=height_meter+weight_kilogram+max_heart_rate+raw+fetched_at"],
        local: &[],
        unique: &[],
    },
    Table {
        name: "whoop_profile",
        identity: "id",
        shared: None,
        ordered_in: None,
        fields: &["record=user_id+email+first_name+last_name+raw+fetched_at"],
        local: &[],
        unique: &[],
    },
    Table {
        name: "whoop_match",
        identity: "workout_id",
        shared: None,
        ordered_in: None,
        fields: &[
            "session_id>session",
            "decision=decision+decided_at",
            "workout=sport_name+start_ms+end_ms+timezone_offset+strain+average_heart_rate+max_heart_rate+kilojoule+zone_ms",
            "seen_at",
        ],
        local: &["gid"],
        unique: &[],
    },
];

/// Tables kept on each device, with the reason.
pub const LOCAL_TABLES: &[(&str, &str)] = &[
    ("audit_log", "what happened to this device's vault"),
    ("vault_meta", "this vault's id and schema version"),
    ("recovery_identity", "the kit: every member already holds it"),
    (
        "whoop_account",
        "tokens and the client secret never leave the connected device",
    ),
    ("whoop_sync_state", "how far the connected device has read WHOOP"),
    ("import_run", "an import in progress on this device"),
    ("exercise_record", "recomputed from the sets"),
    (
        "catalog_exercise",
        "shipped with the app, the same on every device",
    ),
    (
        "catalog_secondary",
        "shipped with the app, the same on every device",
    ),
    (
        "catalog_suggestion",
        "recomputed from names; a dismissal is this device's",
    ),
    ("sync_state", "whether this device captures changes"),
    ("sync_dirty", "this device's changes not yet sent"),
    (
        "sync_clock",
        "when each field last changed, to merge on this device",
    ),
    ("sync_held", "other devices' changes waiting for what they need"),
    (
        "sync_note",
        "what a merge here settled by itself, until the person dismisses it",
    ),
    (
        "sync_cursor",
        "how far this device has read each other device's log",
    ),
];

/// The triggers that mark a synced table's changed rows and fields in `sync_dirty` while
/// this device captures changes (field `+` for an insert, `-` for a delete).
pub fn capture_triggers(table: &Table) -> String {
    let Table { name, identity, .. } = table;
    let when = "WHEN (SELECT capturing FROM sync_state)";
    let changed: Vec<String> = table
        .fields()
        .iter()
        .map(|field| {
            let differs: Vec<String> = field
                .columns
                .iter()
                .map(|c| format!("old.{c} IS NOT new.{c}"))
                .collect();
            format!("SELECT '{}' AS field WHERE {}", field.name, differs.join(" OR "))
        })
        .collect();
    format!(
        "CREATE TRIGGER sync_{name}_insert AFTER INSERT ON {name} {when} BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('{name}', new.{identity}, '+');
END;
CREATE TRIGGER sync_{name}_update AFTER UPDATE ON {name} {when} BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field)
        SELECT '{name}', new.{identity}, field FROM (
            {}
        );
END;
CREATE TRIGGER sync_{name}_delete AFTER DELETE ON {name} {when} BEGIN
    INSERT OR IGNORE INTO sync_dirty (tbl, row, field) VALUES ('{name}', old.{identity}, '-');
END;
",
        changed.join("\n            UNION ALL ")
    )
}
