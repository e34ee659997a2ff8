//! The typed command set and its generated TypeScript bindings.
//!
//! The same builder feeds the running app (its invoke handler) and the exporter, so the
//! bindings the UI imports always describe the commands the app really serves. The file
//! is committed; `cargo run -p ironkeep-desktop --bin export-bindings` rewrites it, and
//! the test below fails when the committed file has drifted from the Rust types.

use std::error::Error;
use std::path::{Path, PathBuf};

use specta_typescript::Typescript;
use tauri_specta::{Builder, collect_commands};

use crate::commands::insights;
use crate::commands::vault;
use crate::commands::whoop;
use crate::work;

/// Every command the UI may call. Keep `COMMANDS` in `build.rs` in step: a command missing
/// there has no permission, and a command missing here has no binding.
pub fn builder() -> Builder<tauri::Wry> {
    Builder::<tauri::Wry>::new().commands(collect_commands![
        vault::vault_presence,
        vault::vault_status,
        vault::vault_unlock,
        vault::vault_create,
        vault::vault_save_kit,
        work::work_cancel,
        whoop::whoop_status,
        whoop::whoop_setup,
        whoop::whoop_sign_in,
        whoop::whoop_sync,
        whoop::whoop_auto_sync,
        whoop::whoop_auto_setting,
        whoop::whoop_set_auto_setting,
        whoop::whoop_disconnect,
        whoop::whoop_series,
        whoop::whoop_today,
        insights::insights_overview,
    ])
}

/// Where the committed bindings live: `ui/src/bindings.ts` in this repository.
pub fn committed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/bindings.ts")
}

/// The bindings as the current Rust code generates them.
pub fn generate() -> Result<Vec<u8>, Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bindings.ts");
    builder().export(Typescript::default(), &path)?;
    Ok(std::fs::read(&path)?)
}

/// Rewrites the committed bindings if, and only if, they differ from the generated ones;
/// returns whether it did. (Rewriting an unchanged file would make `tauri dev` see a change,
/// rebuild and relaunch, forever.)
pub fn refresh_committed() -> Result<bool, Box<dyn Error>> {
    let fresh = generate()?;
    let path = committed_path();
    if std::fs::read(&path).ok().as_deref() == Some(fresh.as_slice()) {
        return Ok(false);
    }
    std::fs::write(&path, fresh)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    #[test]
    fn committed_bindings_match_the_rust_commands() -> Result<(), Box<dyn std::error::Error>> {
        let committed = std::fs::read(super::committed_path())?;
        assert!(
            super::generate()? == committed,
            "ui/src/bindings.ts is out of date: run `cargo run -p ironkeep-desktop --bin export-bindings`"
        );
        Ok(())
    }
}
