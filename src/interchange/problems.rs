//! The problem report, grouped: a file with 23,000 bad rows gets one line per kind of
//! problem — how many rows, the first reason, the first few line numbers — instead of one
//! line per row (which once made a single error message of over a megabyte).

use std::fmt;

use serde::Serialize;

use super::csv_in::Problem;

/// How many line numbers a group lists.
pub const LINES_SHOWN: usize = 5;

/// All the problems of one kind (about the same value: weight, reps, date…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct ProblemGroup {
    /// The value at fault, e.g. `weight`.
    pub kind: String,
    /// How many rows have it.
    pub rows: u64,
    /// The first row's reason, as a sentence.
    pub reason: String,
    /// Whether every row of the group has that same reason.
    pub same_reason: bool,
    /// The first [`LINES_SHOWN`] line numbers, in file order.
    pub lines: Vec<u64>,
}

/// Groups problems by kind, in the order each kind first appears in the file.
pub fn group(problems: &[Problem]) -> Vec<ProblemGroup> {
    let mut sorted: Vec<&Problem> = problems.iter().collect();
    sorted.sort_by_key(|p| p.line);
    let mut groups: Vec<ProblemGroup> = Vec::new();
    for p in sorted {
        match groups.iter_mut().find(|g| g.kind == p.kind) {
            Some(g) => {
                g.rows += 1;
                g.same_reason &= g.reason == p.reason;
                if g.lines.len() < LINES_SHOWN {
                    g.lines.push(p.line);
                }
            }
            None => groups.push(ProblemGroup {
                kind: p.kind.to_owned(),
                rows: 1,
                reason: p.reason.clone(),
                same_reason: true,
                lines: vec![p.line],
            }),
        }
    }
    groups
}

impl fmt::Display for ProblemGroup {
    /// `412 rows: "abc" is not a weight (lines 10, 11, 12, 13, 14, …)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rows = if self.rows == 1 {
            "1 row".to_owned()
        } else {
            format!("{} rows", self.rows)
        };
        if self.same_reason {
            write!(f, "{rows}: {}", self.reason)?;
        } else {
            write!(f, "{rows}: unreadable {}, e.g. {}", self.kind, self.reason)?;
        }
        let lines: Vec<String> = self.lines.iter().map(u64::to_string).collect();
        let more = if self.rows > self.lines.len() as u64 {
            ", …"
        } else {
            ""
        };
        let word = if self.rows == 1 { "line" } else { "lines" };
        write!(f, " ({word} {}{more})", lines.join(", "))
    }
}

/// The grouped report as text, one group a line.
pub fn summary(problems: &[Problem]) -> String {
    group(problems)
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
