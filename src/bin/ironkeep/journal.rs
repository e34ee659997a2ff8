//! `ironkeep journal`: tick the day's tags and write a note, read entries back, list the
//! tags, and see what the journal says about next-day recovery. Every rule lives in
//! `ironkeep::journal`; days default to today's local date.

use chrono::{Local, NaiveDate, Utc};
use clap::Subcommand;
use serde_json::json;

use ironkeep::journal::{self, Journal, JournalEntry, Tags, Verdict};
use ironkeep::vault::{Access, DataDir};

use crate::commands::open;
use crate::output::Output;

/// The journal commands.
#[derive(Debug, Subcommand)]
pub enum JournalCommand {
    /// Tick tags on a day and/or set its note (tags already ticked stay); with neither,
    /// the day gets an empty entry.
    Add {
        /// The day, YYYY-MM-DD (default today).
        #[arg(long)]
        date: Option<String>,
        /// A tag to tick (built-in or your own); repeat for more.
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
        /// The day's note (replaces the note it had; at most 500 characters).
        #[arg(long)]
        note: Option<String>,
    },
    /// Show a day's entry.
    Show {
        /// The day, YYYY-MM-DD (default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// List entries, oldest first.
    List {
        /// From this day, YYYY-MM-DD.
        #[arg(long)]
        from: Option<String>,
        /// Until this day, inclusive.
        #[arg(long)]
        to: Option<String>,
    },
    /// Remove a day's entry, or only one tag from it.
    Remove {
        /// The day, YYYY-MM-DD.
        #[arg(long)]
        date: String,
        /// Only this tag.
        #[arg(long)]
        tag: Option<String>,
    },
    /// List the tags, built-in and your own; --add NAME makes one of your own.
    Tags {
        /// A tag of your own to add (at most 40 characters).
        #[arg(long, value_name = "NAME")]
        add: Option<String>,
    },
    /// Next-day recovery, HRV and sleep performance with and without each tag.
    Insights,
}

pub fn run(dir: &DataDir, command: JournalCommand, out: &Output) -> anyhow::Result<()> {
    let vault = open(dir, Access::Shared)?;
    let conn = vault.conn();
    let now = Utc::now();
    let day = |text: Option<&str>| -> anyhow::Result<NaiveDate> {
        match text {
            Some(text) => Ok(journal::parse_day(text, now)?),
            None => Ok(Local::now().date_naive()),
        }
    };
    let entries = Journal::new(conn);
    match command {
        JournalCommand::Add { date, tags, note } => {
            let entry = entries.add(day(date.as_deref())?, &tags, note.as_deref(), now)?;
            print_entries(&[entry], out);
        }
        JournalCommand::Show { date } => {
            let day = day(date.as_deref())?;
            let entry = entries.entry(day)?;
            let human = entry
                .as_ref()
                .map_or_else(|| format!("{day}  (no entry)"), describe);
            out.print(&human, json!({ "day": day.to_string(), "entry": entry }));
        }
        JournalCommand::List { from, to } => {
            let from = from.as_deref().map(|d| day(Some(d))).transpose()?;
            let to = to.as_deref().map(|d| day(Some(d))).transpose()?;
            print_entries(&entries.list(from, to)?, out);
        }
        JournalCommand::Remove { date, tag } => {
            let day = day(Some(&date))?;
            let left = entries.remove(day, tag.as_deref())?;
            let human = left
                .as_ref()
                .map_or_else(|| format!("Removed the journal entry for {day}."), describe);
            out.print(&human, json!({ "day": day.to_string(), "entry": left }));
        }
        JournalCommand::Tags { add } => {
            let tags = Tags::new(conn);
            if let Some(name) = add {
                tags.create(&name)?;
            }
            let list = tags.list()?;
            let human = list
                .iter()
                .map(|t| {
                    format!(
                        "{:<24} {:<9} {} day{}",
                        t.name,
                        if t.builtin { "built-in" } else { "your own" },
                        t.days,
                        if t.days == 1 { "" } else { "s" }
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.print(&human, json!({ "tags": list }));
        }
        JournalCommand::Insights => {
            let insights = journal::compare(conn)?;
            let mut human = insights.caption.clone();
            for tag in &insights.tags {
                human.push_str(&format!(
                    "\n\n{} ({} days with it, {} without)",
                    tag.tag, tag.days_with, tag.days_without
                ));
                for metric in &tag.metrics {
                    let mark = match metric.verdict {
                        Verdict::TooFew => "  ·",
                        Verdict::NoClearDifference => "  =",
                        Verdict::Higher => "  +",
                        Verdict::Lower => "  -",
                    };
                    human.push_str(&format!("\n{mark} {}", metric.sentence));
                }
            }
            out.print(&human, serde_json::to_value(&insights)?);
        }
    }
    Ok(())
}

/// One entry on one line: the day, its tags, its note.
fn describe(entry: &JournalEntry) -> String {
    let tags = if entry.tags.is_empty() {
        "(no tags)".to_owned()
    } else {
        entry.tags.join(", ")
    };
    if entry.note.is_empty() {
        format!("{}  {tags}", entry.day)
    } else {
        format!("{}  {tags}  — {}", entry.day, entry.note.replace('\n', " "))
    }
}

fn print_entries(entries: &[JournalEntry], out: &Output) {
    let human = if entries.is_empty() {
        "No journal entries.".to_owned()
    } else {
        entries.iter().map(describe).collect::<Vec<_>>().join("\n")
    };
    out.print(&human, json!({ "entries": entries }));
}
