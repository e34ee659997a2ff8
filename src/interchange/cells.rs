//! Text cells that a spreadsheet would run as formulas, made inert on export and read back
//! exactly on import.
//!
//! Names and notes arrive from imports and from other people's backups, so a name like
//! `=HYPERLINK(…)`, `+cmd|…` or `@SUM(…)` must not become a live formula when a CSV export
//! is opened in a spreadsheet. The export puts the usual apostrophe before any text cell
//! that begins with `=`, `+`, `-`, `@`, a tab or a carriage return — and, so that the
//! mapping can be undone exactly, before one that already begins with apostrophes followed
//! by one of those. The import of Ironkeep's own (Strong-layout) CSV removes exactly that
//! one apostrophe, so a JSON → CSV → import round trip keeps every name as it was.
//! Numbers the export writes itself are not text cells and are never touched.

use std::borrow::Cow;

use super::Format;
use super::headers::Columns;

/// What a spreadsheet reads as the start of a formula (or of a cell it reinterprets).
const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` needs the apostrophe: it begins, after any apostrophes, with a trigger.
fn needs_prefix(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// A text cell as the export writes it: inert in a spreadsheet.
pub(super) fn neutralise(text: &str) -> Cow<'_, str> {
    if needs_prefix(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text [`neutralise`] was given: one apostrophe removed only where it added one.
pub(super) fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_prefix(rest) => rest,
        _ => cell,
    }
}

/// The columns the export writes as text cells, by their canonical names.
const TEXT_COLUMNS: [&str; 4] = ["workout", "exercise", "notes", "workout_notes"];

/// A row of a Strong-layout file (the layout the export writes) with its text cells
/// restored; other apps' files never passed through [`neutralise`] and are left as is.
pub(super) fn restore_record<'r>(
    format: Format,
    cols: &Columns,
    record: &'r csv::StringRecord,
) -> Cow<'r, csv::StringRecord> {
    let text: Vec<usize> = match format {
        Format::Strong => TEXT_COLUMNS.iter().filter_map(|c| cols.get(c).copied()).collect(),
        _ => return Cow::Borrowed(record),
    };
    let changes = |i: usize| {
        record
            .get(i)
            .is_some_and(|cell| restore(cell).len() != cell.len())
    };
    if !text.iter().any(|&i| changes(i)) {
        return Cow::Borrowed(record);
    }
    Cow::Owned(
        record
            .iter()
            .enumerate()
            .map(|(i, cell)| if text.contains(&i) { restore(cell) } else { cell })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_one_apostrophe_and_come_back_exactly() {
        for text in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "+cmd|' /C calc'!A0",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1",
            "\r=1",
            "'=already quoted",
            "''+two",
        ] {
            let cell = neutralise(text);
            assert!(cell.starts_with('\''), "{text:?} must be made inert: {cell:?}");
            assert_eq!(restore(&cell), text, "the import gets back exactly {text:?}");
        }
    }

    #[test]
    fn ordinary_text_is_untouched_both_ways() {
        for text in [
            "Squat (Barbell)",
            "it's heavy",
            "'quoted'",
            "",
            "'",
            "5x5 @ RPE 8",
        ] {
            assert_eq!(neutralise(text), text, "{text:?} is written as is");
            assert_eq!(restore(text), text, "{text:?} is read as is");
        }
    }
}
