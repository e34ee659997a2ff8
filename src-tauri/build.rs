//! Generates the Tauri context (config, capabilities, icons) at compile time, and declares
//! the app's own commands so that each one is denied to the webview unless a capability
//! in `capabilities/` allows it by name.

/// Every `#[tauri::command]` in `src/commands/` and `src/work.rs`; keep in step with `bindings::builder`.
const COMMANDS: &[&str] = &[
    "vault_presence",
    "vault_status",
    "vault_unlock",
    "vault_create",
    "vault_save_kit",
    "work_cancel",
    "backup_settings",
    "backup_set_automatic",
    "backup_choose_folder",
    "backup_reset_folder",
    "backup_list",
    "backup_create",
    "backup_verify",
    "backup_restore",
    "backup_prune",
    "backup_set_retention",
    "backup_open_athlete",
    "vault_create_from_backup",
    "key_rotate",
    "kit_rotate",
    "vault_wipe",
    "training_today",
    "exercise_list",
    "exercise_add",
    "exercise_rename",
    "exercise_set_muscle",
    "exercise_archive",
    "exercise_merge",
    "exercise_records",
    "exercise_progress",
    "routine_list",
    "routine_create",
    "routine_edit",
    "routine_duplicate",
    "routine_delete",
    "session_start",
    "session_detail",
    "session_in_progress",
    "session_previous",
    "session_finish",
    "session_edit",
    "session_delete",
    "session_reorder",
    "set_log",
    "set_edit",
    "set_delete",
    "history_sessions",
    "training_prefs",
    "training_set_unit",
    "training_import",
    "training_export",
    "rest_over_notify",
    "whoop_status",
    "whoop_setup",
    "whoop_sign_in",
    "whoop_sync",
    "whoop_auto_sync",
    "whoop_auto_setting",
    "whoop_set_auto_setting",
    "whoop_disconnect",
    "whoop_series",
    "whoop_today",
    "insights_overview",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    let attributes = tauri_build::Attributes::new().app_manifest(manifest);
    if let Err(err) = tauri_build::try_build(attributes) {
        println!("cargo::error={err:#}");
    }
}
