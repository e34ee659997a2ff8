//! Columns the header does not name in a known spelling: recognised by what they hold,
//! or mapped by hand. Any fixed list of spellings meets one it lacks, so a file that is
//! still not understood is not a dead end: [`preview`] shows each column with its first
//! values and the field guessed for it, and a [`ColumnMap`] (the CLI's `--map
//! COLUMN=field`, the app's mapping step) says what the rest hold.

use serde::{Deserialize, Serialize};

use super::csv_in::parse_when;
use super::headers::{Columns, columns, detect};
use super::{Format, ImportError, MAX_FILE_BYTES, MAX_ROWS};
use crate::training::units::parse_duration;

/// Every field a column can be mapped to (`ignore` drops a column).
pub const FIELDS: &[&str] = &[
    "date",
    "end",
    "workout",
    "workout_notes",
    "duration",
    "exercise",
    "set_order",
    "set_type",
    "weight",
    "weight_kg",
    "weight_lb",
    "weight_unit",
    "reps",
    "rpe",
    "distance",
    "distance_m",
    "distance_km",
    "distance_mi",
    "distance_unit",
    "seconds",
    "notes",
    "superset",
    "ignore",
];

/// What the user says some columns hold, overriding the header and the guesses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnMap(pub Vec<ColumnChoice>);

/// One column and the field it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnChoice {
    /// The column's header as written (any case), or its 1-based number.
    pub column: String,
    /// One of [`FIELDS`].
    pub field: String,
}

impl ColumnChoice {
    /// Parses `COLUMN=field`, e.g. `Peso=weight` or `6=weight`.
    pub fn parse(text: &str) -> Result<ColumnChoice, ImportError> {
        let (column, field) = text
            .rsplit_once('=')
            .ok_or_else(|| ImportError::BadMap(format!("\"{text}\" is not COLUMN=field")))?;
        let field = field.trim().to_ascii_lowercase();
        if !FIELDS.contains(&field.as_str()) {
            return Err(ImportError::BadMap(format!(
                "\"{field}\" is not a field; choose one of {}",
                FIELDS.join(", ")
            )));
        }
        Ok(ColumnChoice {
            column: column.trim().to_owned(),
            field,
        })
    }
}

/// A file's header and rows, size-checked; the delimiter (comma or semicolon) is the one
/// the header uses more.
pub(super) fn read_table(bytes: &[u8]) -> Result<(csv::StringRecord, Vec<csv::StringRecord>), ImportError> {
    let too_large = ImportError::TooLarge {
        max: MAX_FILE_BYTES,
        rows: MAX_ROWS,
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| ImportError::NotText)?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let header = reader
        .headers()
        .map_err(|e| ImportError::Csv(e.to_string()))?
        .clone();
    let records: Vec<csv::StringRecord> = reader
        .records()
        .take(MAX_ROWS + 1)
        .collect::<Result<_, _>>()
        .map_err(|e| ImportError::Csv(e.to_string()))?;
    if records.len() > MAX_ROWS {
        return Err(too_large);
    }
    Ok((header, records))
}

/// Which column holds what: the header's known spellings, then guesses from the values of
/// the columns left over, then the user's map.
pub(super) fn recognise(
    header: &csv::StringRecord,
    records: &[csv::StringRecord],
    map: &ColumnMap,
) -> Result<Columns, ImportError> {
    let mut cols = columns(header);
    for (field, i) in guesses(header, records, &cols) {
        cols.entry(field).or_insert(i);
    }
    for choice in &map.0 {
        let i = find(header, &choice.column)
            .ok_or_else(|| ImportError::BadMap(format!("the file has no column \"{}\"", choice.column)))?;
        cols.retain(|_, &mut at| at != i);
        if let Some(field) = FIELDS.iter().find(|f| **f == choice.field && **f != "ignore") {
            cols.insert(field, i);
        }
    }
    Ok(cols)
}

/// The index of a column named by its header (any case) or its 1-based number.
fn find(header: &csv::StringRecord, column: &str) -> Option<usize> {
    let wanted = column.trim().to_lowercase();
    header
        .iter()
        .position(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase() == wanted)
        .or_else(|| {
            let n: usize = wanted.parse().ok()?;
            (1..=header.len()).contains(&n).then(|| n - 1)
        })
}

/// How many rows the content guesses look at.
const SAMPLE: usize = 200;

/// Fields guessed from the values of the columns the header left unknown: dates, units,
/// durations (`1h 5m`), set orders (numbers with `W`, `D`, `F`), and the exercise (the
/// text column with the most different values).
fn guesses(
    header: &csv::StringRecord,
    records: &[csv::StringRecord],
    known: &Columns,
) -> Vec<(&'static str, usize)> {
    let sample = &records[..records.len().min(SAMPLE)];
    let mut found: Vec<(&'static str, usize)> = Vec::new();
    let mut text_columns: Vec<(usize, usize)> = Vec::new();
    for i in (0..header.len()).filter(|i| !known.values().any(|at| at == i)) {
        let values: Vec<&str> = sample
            .iter()
            .filter_map(|r| r.get(i))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            continue;
        }
        let all = |test: &dyn Fn(&str) -> bool| values.iter().all(|v| test(v));
        let lower = |v: &str| v.to_ascii_lowercase();
        let guess = if all(&|v| parse_when(v).is_ok()) {
            Some("date")
        } else if all(&|v| matches!(lower(v).as_str(), "kg" | "kgs" | "lb" | "lbs")) {
            Some("weight_unit")
        } else if all(&|v| matches!(lower(v).as_str(), "m" | "km" | "mi" | "miles")) {
            Some("distance_unit")
        } else if all(&|v| v.bytes().any(|b| b.is_ascii_alphabetic()) && parse_duration(v).is_ok()) {
            Some("duration")
        } else if all(&|v| {
            v.parse::<u32>().is_ok() || matches!(v, "W" | "D" | "F") || lower(v) == "rest timer"
        }) && values.iter().any(|v| v.parse::<u32>().is_err())
        {
            Some("set_order")
        } else {
            if all(&|v| v.bytes().any(|b| b.is_ascii_alphabetic())) {
                let mut distinct = values.clone();
                distinct.sort_unstable();
                distinct.dedup();
                text_columns.push((i, distinct.len()));
            }
            None
        };
        if let Some(field) = guess.filter(|f| !known.contains_key(f) && !found.iter().any(|(g, _)| g == f)) {
            found.push((field, i));
        }
    }
    if !known.contains_key("exercise")
        && let Some(&(i, _)) = text_columns.iter().max_by_key(|(i, n)| (*n, usize::MAX - i))
    {
        found.push(("exercise", i));
    }
    found
}

/// One column of a file, as the preview shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ColumnPreview {
    /// The header as written.
    pub header: String,
    /// The field it will be read as (one of [`FIELDS`]), if any.
    pub field: Option<String>,
    /// Whether that field was guessed from the values rather than the header.
    pub guessed: bool,
    /// Its first values.
    pub values: Vec<String>,
}

/// A file's columns before importing it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct Preview {
    /// The app that wrote it, when recognised.
    pub format: Option<Format>,
    /// Every column, in file order.
    pub columns: Vec<ColumnPreview>,
}

/// Shows a file's columns with their first `rows` values (at most 20) and the field each
/// will be read as, after applying `map`. Reads nothing into the vault.
pub fn preview(bytes: &[u8], rows: usize, map: &ColumnMap) -> Result<Preview, ImportError> {
    let (header, records) = read_table(bytes)?;
    let by_header = columns(&header);
    let cols = recognise(&header, &records, map)?;
    let rows = rows.min(20);
    let columns = header
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let field = cols.iter().find(|(_, at)| **at == i).map(|(f, _)| *f);
            ColumnPreview {
                header: name.chars().take(80).collect(),
                field: field.map(str::to_owned),
                guessed: field.is_some_and(|f| by_header.get(f) != Some(&i))
                    && !map.0.iter().any(|c| find(&header, &c.column) == Some(i)),
                values: records
                    .iter()
                    .take(rows)
                    .map(|r| r.get(i).unwrap_or("").chars().take(80).collect())
                    .collect(),
            }
        })
        .collect();
    Ok(Preview {
        format: detect(&cols),
        columns,
    })
}
