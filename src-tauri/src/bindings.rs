//! The typed command set and its generated TypeScript bindings.
//!
//! The same builder feeds the running app (its invoke handler) and the exporter, so the
//! bindings the UI imports always describe the commands the app really serves. The file
//! is committed; `cargo run -p ironkeep-desktop --example export-bindings` rewrites it, and
//! the test below fails when the committed file has drifted from the Rust types.

use std::error::Error;
use std::path::{Path, PathBuf};

use specta_typescript::Typescript;
use tauri_specta::{Builder, collect_commands};

use crate::commands::training::{
    body, drafts, exercises, gym, import_map, prefs, rest, routines, session_whoop, sessions, today, transfer,
};
use crate::commands::{backup, insights, journal, programs, settings, sync, vault, whoop};
use crate::{closing, work};

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
        closing::window_on_close,
        closing::window_close,
        backup::backup_settings,
        backup::backup_set_automatic,
        backup::backup_choose_folder,
        backup::backup_reset_folder,
        backup::backup_list,
        backup::backup_create,
        backup::backup_verify,
        backup::backup_restore,
        backup::backup_prune,
        backup::backup_set_retention,
        backup::backup_open_athlete,
        backup::vault_create_from_backup,
        settings::key_rotate,
        settings::kit_rotate,
        settings::vault_wipe,
        sync::sync_status,
        sync::sync_turn_on,
        sync::sync_now,
        sync::sync_remove_device,
        sync::sync_dismiss_note,
        sync::sync_join,
        sync::sync_listen,
        today::training_today,
        exercises::exercise_list,
        exercises::exercise_search,
        exercises::exercise_add,
        exercises::exercise_rename,
        exercises::exercise_set_muscle,
        exercises::exercise_archive,
        exercises::exercise_merge,
        exercises::exercise_suggestions,
        exercises::exercise_suggestion_accept,
        exercises::exercise_suggestion_dismiss,
        exercises::exercise_records,
        exercises::exercise_progress,
        exercises::exercise_rep_maxes,
        body::body_weight_log,
        body::body_weights,
        body::body_measure_log,
        body::body_measurements,
        routines::routine_list,
        routines::routine_create,
        routines::routine_edit,
        routines::routine_duplicate,
        routines::routine_delete,
        routines::routine_suggestions,
        routines::routine_from_workout,
        sessions::session_start,
        sessions::session_detail,
        session_whoop::session_whoop,
        session_whoop::session_whoop_decide,
        sessions::session_in_progress,
        sessions::session_previous,
        sessions::session_finish,
        sessions::session_edit,
        sessions::session_delete,
        sessions::session_reorder,
        sessions::set_log,
        sessions::set_edit,
        sessions::set_delete,
        gym::set_add_warmups,
        gym::set_move,
        gym::plates_load,
        sessions::history_sessions,
        sessions::history_months,
        prefs::training_prefs,
        prefs::training_set_unit,
        prefs::training_plates,
        prefs::training_set_plates,
        prefs::training_set_rest,
        drafts::workout_drafts,
        drafts::workout_save_drafts,
        transfer::training_import,
        import_map::training_import_preview,
        import_map::training_import_mapped,
        transfer::training_export,
        rest::rest_over_notify,
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
        insights::insights_training,
        insights::report_week,
        journal::journal_today,
        journal::journal_set,
        journal::journal_tag_add,
        journal::journal_insights,
        programs::program_list,
        programs::program_start,
        programs::program_today,
        programs::program_start_session,
        programs::program_finished,
        programs::program_set_training_max,
        programs::program_skip,
        programs::program_stop,
        programs::edit::program_editor,
        programs::edit::program_copy,
        programs::edit::program_edit,
        programs::edit::program_save_document,
        programs::file::program_open_file,
        programs::file::program_import,
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
            "ui/src/bindings.ts is out of date: run `cargo run -p ironkeep-desktop --example export-bindings`"
        );
        Ok(())
    }
}
