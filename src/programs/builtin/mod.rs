//! The programs that ship with Ironkeep, as data files in this folder: a linear beginner
//! program, 5/3/1, GZCLP and a double-progression hypertrophy template.
//!
//! They are ordinary program documents, parsed and checked like a coach's file, so they
//! show what the format can say. Users copy one and edit the copy; the originals never
//! change under a lifter who started one, as a started program is stored as a copy.

use super::error::ProgramError;
use super::format::Program;

/// The built-ins: their stable slug and their document.
const FILES: &[(&str, &str)] = &[
    ("linear-beginner", include_str!("linear-beginner.json")),
    ("531", include_str!("531.json")),
    ("gzclp", include_str!("gzclp.json")),
    ("hypertrophy-double", include_str!("hypertrophy-double.json")),
];

/// One built-in program.
#[derive(Debug, Clone, PartialEq)]
pub struct Builtin {
    /// Its stable slug (`531`, `gzclp`).
    pub slug: &'static str,
    /// The program.
    pub program: Program,
}

/// Every built-in, in the order they are listed.
pub fn all() -> Result<Vec<Builtin>, ProgramError> {
    FILES
        .iter()
        .map(|&(slug, text)| {
            Ok(Builtin {
                slug,
                program: Program::parse(text.as_bytes())?,
            })
        })
        .collect()
}

/// The built-in with this slug or name (ignoring case).
pub fn find(text: &str) -> Result<Option<Builtin>, ProgramError> {
    let key = text.trim().to_lowercase();
    Ok(all()?
        .into_iter()
        .find(|b| b.slug == key || b.program.name.to_lowercase() == key))
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_builtin_parses_and_round_trips() {
        let all = super::all().unwrap();
        assert_eq!(all.len(), 4);
        for builtin in all {
            let again = super::Program::parse(builtin.program.to_json().as_bytes()).unwrap();
            assert_eq!(again, builtin.program, "{} survives its own JSON", builtin.slug);
        }
    }
}
