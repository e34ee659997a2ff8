//! `ironkeep import` and `ironkeep export`.

use super::*;

/// What `ironkeep import` was asked to do.
pub(super) struct Request<'a> {
    pub format: Option<&'a str>,
    pub unit: Option<&'a str>,
    pub tz: &'a str,
    pub dry_run: bool,
    pub skip_invalid: bool,
    pub map: ColumnMap,
}

pub(super) fn import(
    vault: &ironkeep::Vault,
    file: &Path,
    request: Request<'_>,
    now: DateTime<Utc>,
    out: &Output,
) -> anyhow::Result<()> {
    let Request {
        format,
        unit,
        tz,
        dry_run,
        skip_invalid,
        map,
    } = request;
    let format = format
        .map(|f| {
            Format::parse(f)
                .with_context(|| format!("\"{f}\" is not a format; choose strong, hevy, fitnotes or json"))
        })
        .transpose()?;
    let unit = unit.map(str::parse::<Unit>).transpose()?;
    let zone = Zone::parse(tz).with_context(|| {
        format!(
            "\"{tz}\" is not a zone; use local, UTC, an offset like +02:00 or an IANA name like Europe/Berlin"
        )
    })?;
    let bytes = read_bounded(file)?;
    let stop = crate::interrupt::stop_flag();
    // A bar on a terminal only: never with --json, never into a pipe or a file.
    let spinner = (std::io::stderr().is_terminal() && !out.is_json()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_message(format!("reading {} ({} KiB)", file.display(), bytes.len() / 1024));
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    });
    let json_like = format == Some(Format::Json)
        || (format.is_none() && bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{'));
    let show = |items: &'static str| {
        let spinner = spinner.clone();
        move |p: interchange::ImportProgress| {
            if let Some(bar) = &spinner {
                if bar.length().is_none() {
                    bar.set_length(u64::from(p.rows_total));
                    bar.set_style(
                        indicatif::ProgressStyle::with_template(&format!(
                            "{{msg}} [{{bar:30}}] {{pos}}/{{len}} {items}"
                        ))
                        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
                    );
                    bar.set_message("importing");
                }
                bar.set_position(u64::from(p.rows_done));
            }
        }
    };
    let result = if json_like {
        interchange::json::parse(&bytes)
            .and_then(|export| {
                interchange::json::import_into(vault, &export, dry_run, now, &mut show("sets"), stop)
            })
            .map_err(anyhow::Error::from)
            .and_then(|report| json_summary(&report, dry_run))
    } else {
        let options = ImportOptions {
            zone,
            skip_invalid,
            dry_run,
        };
        interchange::parse(
            &bytes,
            &ParseOptions {
                format,
                unit,
                columns: map,
            },
        )
        .and_then(|parsed| interchange::import_into(vault, &parsed, options, now, &mut show("rows"), stop))
        .map_err(anyhow::Error::from)
        .and_then(|report| csv_summary(&report, dry_run))
    };
    if let Some(bar) = spinner {
        bar.finish_and_clear();
    }
    let (human, data) = result?;
    out.print(&human, data);
    Ok(())
}

/// Reads a file to import, refusing one larger than any import accepts.
fn read_bounded(file: &Path) -> anyhow::Result<Vec<u8>> {
    let meta = std::fs::metadata(file).with_context(|| format!("could not read {}", file.display()))?;
    if meta.len() > interchange::MAX_FILE_BYTES as u64 {
        bail!(
            "{} is larger than {} bytes; refusing to read it",
            file.display(),
            interchange::MAX_FILE_BYTES
        );
    }
    std::fs::read(file).with_context(|| format!("could not read {}", file.display()))
}

/// `ironkeep import --preview`: each column, the field it will be read as, its first values.
pub(super) fn preview(file: &Path, map: &ColumnMap, out: &Output) -> anyhow::Result<()> {
    let preview = interchange::preview(&read_bounded(file)?, 3, map)?;
    let mut human = format!(
        "{} file; columns, the field each is read as, and the first values:",
        preview.format.map_or("unrecognised", Format::as_str)
    );
    for (n, column) in preview.columns.iter().enumerate() {
        let field = match (&column.field, column.guessed) {
            (Some(field), false) => field.clone(),
            (Some(field), true) => format!("{field} (guessed from the values)"),
            (None, _) => "? (not read; --map it)".to_owned(),
        };
        human.push_str(&format!(
            "\n{:>3}. {:<24} -> {:<34} {}",
            n + 1,
            column.header,
            field,
            column.values.join(" | ")
        ));
    }
    out.print(&human, serde_json::to_value(&preview)?);
    Ok(())
}

fn json_summary(
    report: &interchange::json::JsonReport,
    dry_run: bool,
) -> anyhow::Result<(String, serde_json::Value)> {
    let human = format!(
        "{}{} session(s) with {} set(s) added, {} already present; {} exercise(s), {} routine(s) added.",
        if dry_run { "Dry run: " } else { "" },
        report.sessions_added,
        report.sets_added,
        report.sessions_already_present,
        report.exercises_added,
        report.routines_added
    );
    Ok((human, serde_json::to_value(report)?))
}

fn csv_summary(
    report: &interchange::ImportReport,
    dry_run: bool,
) -> anyhow::Result<(String, serde_json::Value)> {
    let mut human = format!(
        "{}{} file: {} set(s) added in {} new session(s), {} already present, {} non-set row(s) skipped",
        if dry_run {
            "Dry run — nothing written. "
        } else {
            ""
        },
        report.format,
        report.sets_added,
        report.sessions_added,
        report.sets_already_present,
        report.non_set_rows_skipped,
    );
    if report.empty_sets_skipped > 0 {
        human.push_str(&format!(
            ", {} empty set(s) skipped (planned, never filled in)",
            report.empty_sets_skipped
        ));
    }
    if report.sessions_end_unknown > 0 {
        human.push_str(&format!(
            "; {} session(s) with no end in the file (end unknown)",
            report.sessions_end_unknown
        ));
    }
    if report.invalid_rows_skipped > 0 {
        human.push_str(&format!(
            ", {} invalid row(s) skipped",
            report.invalid_rows_skipped
        ));
    }
    human.push('.');
    for group in &report.problems {
        human.push_str(&format!("\n  {group}"));
    }
    if !report.exercises_created.is_empty() {
        human.push_str(&format!(
            "\nNew exercises to review (assign a muscle with `exercise muscle` or merge them): {}",
            report.exercises_created.join(", ")
        ));
    }
    Ok((human, serde_json::to_value(report)?))
}

pub(super) fn export(
    conn: &rusqlite::Connection,
    what: &str,
    path: Option<&Path>,
    tz: &str,
    out: &Output,
) -> anyhow::Result<()> {
    let zone = Zone::parse(tz).with_context(|| {
        format!(
            "\"{tz}\" is not a zone; use local, UTC, an offset like +02:00 or an IANA name like Europe/Berlin"
        )
    })?;
    let mut bytes = Vec::new();
    match what {
        "json" => serde_json::to_writer_pretty(&mut bytes, &interchange::json::export(conn)?)?,
        "csv" => {
            interchange::csv_out::export(conn, zone, &mut bytes)?;
        }
        other => bail!("\"{other}\" is not an export format; choose json or csv"),
    }
    match path {
        None => crate::output::stdout(&bytes),
        Some(path) => {
            use std::io::Write;
            let mut file = files::create_private(path)
                .with_context(|| format!("could not create {} (it must not exist yet)", path.display()))?;
            file.write_all(&bytes)?;
            file.sync_all()?;
            out.print(
                &format!(
                    "Exported {} bytes to {} (readable only by you).",
                    bytes.len(),
                    path.display()
                ),
                json!({ "path": path, "bytes": bytes.len() }),
            );
        }
    }
    Ok(())
}
