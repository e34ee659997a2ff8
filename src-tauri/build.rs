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
