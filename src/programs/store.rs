//! The user's programs in the vault: copies of built-ins, their own, and files someone sent.
//!
//! A program is stored as its checked JSON document with its name, stated author and
//! source beside it. Names are unique ignoring case. A stated author is shown as written
//! only on a copy of a built-in, renamed at most (Ironkeep ships it); any other is shown as not
//! verified: a file, sealed with age or plain, does not say who wrote it.
//!
//! Runs point at the stored program and replay their history against it (nothing is
//! copied at the start), so once a program has been run its lifts, rules and days are
//! part of that history: [`Programs::replace`] then changes only its name, author and
//! description, and the lifter copies it to change the rest.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::builtin;
use super::error::{ProgramError, tidy_message};
use super::format::Program;
use super::run::{ExerciseLoading, exercise_of};
use crate::training::{Atomic, Weight, sql_enum, stamp};

sql_enum! {
    /// Where a stored program came from.
    Source {
        /// A copy of a built-in program.
        BuiltinCopy => "builtin_copy",
        /// Written by the user.
        Own => "own",
        /// Imported from a file someone sent; its author is not verified.
        Imported => "imported",
    }
}

/// A program in the vault.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct StoredProgram {
    /// Its id.
    pub id: u32,
    /// Where it came from.
    pub source: Source,
    /// The program.
    pub program: Program,
    /// When it was stored, RFC 3339.
    pub created_at: String,
}

impl StoredProgram {
    /// The author as the document states it, marked "not verified" unless the program is
    /// a copy of a built-in (renamed at most).
    pub fn author_label(&self) -> Option<String> {
        let author = self.program.author.as_ref()?;
        Some(if self.author_verified() {
            author.clone()
        } else {
            format!("{author} (not verified)")
        })
    }

    /// Whether the stated author is Ironkeep's own word (a copy of a built-in, renamed at most).
    pub fn author_verified(&self) -> bool {
        self.source == Source::BuiltinCopy
    }

    fn from_row(row: &Row<'_>) -> rusqlite::Result<StoredProgram> {
        let text: String = row.get(2)?;
        let program = Program::parse(text.as_bytes()).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(2, rusqlite::types::Type::Text, Box::new(e))
        })?;
        Ok(StoredProgram {
            id: row.get(0)?,
            source: row.get(1)?,
            program,
            created_at: row.get(3)?,
        })
    }
}

const COLUMNS: &str = "id, source, document, created_at";

/// Access to the stored programs.
#[derive(Debug, Clone, Copy)]
pub struct Programs<'c> {
    conn: &'c Connection,
}

impl<'c> Programs<'c> {
    /// Over an open vault connection.
    pub fn new(conn: &'c Connection) -> Self {
        Self { conn }
    }

    /// Every stored program, by name.
    pub fn list(&self) -> Result<Vec<StoredProgram>, ProgramError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM program ORDER BY name_key"))?;
        let rows = stmt.query_map([], StoredProgram::from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The stored program with this id.
    pub fn get(&self, id: u32) -> Result<StoredProgram, ProgramError> {
        self.conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM program WHERE id = ?1"))?
            .query_row([id], StoredProgram::from_row)
            .optional()?
            .ok_or_else(|| ProgramError::UnknownProgram(format!("#{id}")))
    }

    /// The stored program with this name (ignoring case), if any.
    pub fn by_name(&self, name: &str) -> Result<Option<StoredProgram>, ProgramError> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM program WHERE name_key = ?1"))?
            .query_row([name_key(name)], StoredProgram::from_row)
            .optional()?)
    }

    /// Stores `program` (checked again) as coming from `source`; refuses a taken name.
    pub fn save(
        &self,
        program: &Program,
        source: Source,
        now: DateTime<Utc>,
    ) -> Result<StoredProgram, ProgramError> {
        program.check()?;
        let name = program.name.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = name_key(&name);
        let tx = Atomic::begin(self.conn)?;
        if self.by_name(&name)?.is_some() {
            return Err(ProgramError::NameTaken(name));
        }
        let program = Program {
            name,
            ..program.clone()
        };
        let at = stamp(now);
        self.conn
            .prepare_cached(
                "INSERT INTO program (name, name_key, author, source, document, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )?
            .execute(params![
                program.name,
                key,
                program.author,
                source,
                program.to_json(),
                at
            ])?;
        let id = u32::try_from(self.conn.last_insert_rowid())
            .map_err(|_| ProgramError::Refused("too many programs"))?;
        tx.commit()?;
        self.get(id)
    }

    /// Copies the built-in `name` (slug or name) into the user's programs, named `as_name`
    /// (the built-in's own name when absent).
    pub fn copy_builtin(
        &self,
        name: &str,
        as_name: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<StoredProgram, ProgramError> {
        let found = builtin::find(name)?.ok_or_else(|| ProgramError::UnknownProgram(tidy_message(name)))?;
        let mut program = found.program;
        if let Some(as_name) = as_name {
            program.name = as_name.to_owned();
        }
        self.save(&program, Source::BuiltinCopy, now)
    }

    /// The user's program named `name`; else a copy of the built-in of that name (made
    /// now, so that what the lifter runs never changes with an Ironkeep update).
    pub fn find_or_copy(&self, name: &str, now: DateTime<Utc>) -> Result<StoredProgram, ProgramError> {
        if let Some(stored) = self.by_name(name)? {
            return Ok(stored);
        }
        match builtin::find(name)? {
            Some(found) => match self.by_name(&found.program.name)? {
                Some(stored) => Ok(stored),
                None => self.save(&found.program, Source::BuiltinCopy, now),
            },
            None => Err(ProgramError::UnknownProgram(tidy_message(name))),
        }
    }

    /// Copies `name` (the user's program, else a built-in) as `new_name`. The copy keeps
    /// its source, so a coach's program stays marked as not verified.
    pub fn copy(
        &self,
        name: &str,
        new_name: &str,
        now: DateTime<Utc>,
    ) -> Result<StoredProgram, ProgramError> {
        let Some(stored) = self.by_name(name)? else {
            return self.copy_builtin(name, Some(new_name), now);
        };
        let program = Program {
            name: new_name.to_owned(),
            ..stored.program
        };
        self.save(&program, stored.source, now)
    }

    /// Replaces stored program `id` with `program` (checked again; a new name must be
    /// free). A program that has been run keeps its lifts, rules and days, which its runs
    /// replay: only the name, author and description change then. A copy of a built-in
    /// changed in more than its name becomes the user's own. Nothing changes when an error
    /// is returned.
    pub fn replace(
        &self,
        id: u32,
        program: &Program,
        now: DateTime<Utc>,
    ) -> Result<StoredProgram, ProgramError> {
        program.check()?;
        let tx = Atomic::begin(self.conn)?;
        let old = self.get(id)?;
        let name = program.name.split_whitespace().collect::<Vec<_>>().join(" ");
        if self.by_name(&name)?.is_some_and(|other| other.id != id) {
            return Err(ProgramError::NameTaken(name));
        }
        let program = Program {
            name,
            ..program.clone()
        };
        let run = self.trained(id)?;
        let same_training = program.version == old.program.version
            && program.training_max_percent == old.program.training_max_percent
            && program.lifts == old.program.lifts
            && program.weeks == old.program.weeks;
        if run && !same_training {
            return Err(ProgramError::Refused(
                "this program has been trained: its lifts, rules and days make up that history, so only its name, author and description can change; copy it under a new name to change the rest",
            ));
        }
        // A renamed copy is still the built-in's words (as `copy` makes it); any other
        // change makes it the lifter's own.
        let changed = Program {
            name: old.program.name.clone(),
            ..program.clone()
        } != old.program;
        let source = match old.source {
            Source::BuiltinCopy if changed => Source::Own,
            source => source,
        };
        self.conn
            .prepare_cached(
                "UPDATE program SET name = ?1, name_key = ?2, author = ?3, source = ?4, document = ?5, updated_at = ?6
                 WHERE id = ?7",
            )?
            .execute(params![
                program.name,
                name_key(&program.name),
                program.author,
                source,
                program.to_json(),
                stamp(now),
                id
            ])?;
        tx.commit()?;
        self.get(id)
    }

    /// Renames program `id`, sets what each listed lift's rule adds (in the weight's unit)
    /// and the heaviest weight to prescribe for each listed lift's exercise (none clears
    /// it); all or nothing, under the rules of [`Programs::replace`].
    pub fn edit(
        &self,
        id: u32,
        name: &str,
        increments: &[(String, Weight)],
        maximums: &[(String, Option<Weight>)],
        now: DateTime<Utc>,
    ) -> Result<StoredProgram, ProgramError> {
        let tx = Atomic::begin(self.conn)?;
        let mut program = Program {
            name: name.to_owned(),
            ..self.get(id)?.program
        };
        for (lift, weight) in increments {
            program.set_increment(lift, *weight)?;
        }
        let stored = self.replace(id, &program, now)?;
        for (lift, maximum) in maximums {
            let exercise = exercise_of(self.conn, &stored.program.find_lift(lift)?.exercise)?;
            let mut setting = ExerciseLoading::of(self.conn, exercise.id)?;
            setting.max = *maximum;
            setting.set(self.conn, exercise.id)?;
        }
        tx.commit()?;
        Ok(stored)
    }

    /// Whether stored program `id` has been run (running now or before).
    pub fn trained(&self, id: u32) -> Result<bool, ProgramError> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM program_run WHERE program_id = ?1)",
            [id],
            |r| r.get(0),
        )?)
    }

    /// Removes a stored program (and its runs); refused while it is running.
    pub fn delete(&self, id: u32) -> Result<(), ProgramError> {
        let running: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM program_run WHERE program_id = ?1 AND stopped_at IS NULL)",
            [id],
            |r| r.get(0),
        )?;
        if running {
            return Err(ProgramError::Refused("this program is running; stop it first"));
        }
        if self.conn.execute("DELETE FROM program WHERE id = ?1", [id])? == 0 {
            return Err(ProgramError::UnknownProgram(format!("#{id}")));
        }
        Ok(())
    }
}

fn name_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
