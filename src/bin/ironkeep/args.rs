//! The command-line grammar (clap derive), parsed once at the edge.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Ironkeep: your training log and WHOOP data in one encrypted vault on this machine.
#[derive(Debug, Parser)]
#[command(name = "ironkeep", version, about)]
pub struct Cli {
    /// The vault's folder (default: IRONKEEP_DATA_DIR, else the OS data directory).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Print machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create a new vault and save its recovery kit.
    Init {
        /// Where to save the recovery kit (a new file, written 0600). Required.
        #[arg(long, value_name = "FILE")]
        kit_out: Option<PathBuf>,
        /// Protect the key with a passphrase instead of the OS keychain (asked now and at
        /// every open; read from standard input when it is not a terminal).
        #[arg(long)]
        passphrase: bool,
    },
    /// Where the vault is, how it is unlocked, and what it holds.
    Status,
    /// Check integrity, file modes, the keychain and the recovery kit; exit non-zero on any problem.
    Doctor,
    /// Recent security events (vault created, wrong-key attempts, key changes).
    Audit {
        /// How many events to show.
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..=1000))]
        limit: u32,
    },
    /// Key material: rotation, recovery, the recovery kit.
    #[command(subcommand)]
    Key(KeyCommand),
    /// The training log: exercise, routine, session, records, volume, body, plates.
    #[command(flatten)]
    Training(crate::training::TrainingCommand),
    /// Programs: what to lift today, progression, and programs a coach sends.
    #[command(subcommand)]
    Program(crate::program::ProgramCommand),
    /// The private journal: tags and a note per day, and what they say about recovery.
    #[command(subcommand)]
    Journal(crate::journal::JournalCommand),
    /// WHOOP: set up, connect, sync, status, disconnect.
    #[command(subcommand)]
    Whoop(crate::whoop::WhoopCommand),
    /// Sync between your computers through a folder you already sync: folder, now,
    /// status, devices, remove-device, join.
    #[command(subcommand)]
    Sync(crate::sync::SyncCommand),
    /// Encrypted backups: create, list, verify, restore, prune, auto, open.
    #[command(subcommand)]
    Backup(crate::backup::BackupCommand),
    /// Erase this vault (database, keys, keychain entries; backups with --backups).
    Wipe(crate::wipe::WipeArgs),
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Re-encrypt the vault under a new random key.
    Rotate,
    /// Restore the vault's key from the recovery kit (e.g. after the keychain was reset).
    Recover {
        /// The recovery kit file.
        #[arg(long, value_name = "FILE")]
        kit: PathBuf,
    },
    /// Print the vault's public age recipient (share it; backups are encrypted to it).
    Recipient,
    /// Save the current recovery kit to a new file again.
    Kit {
        /// Where to save it (a new file, written 0600).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Replace the recovery kit with a new one; backups made before still need the old kit.
    RotateKit {
        /// Where to save the new kit (a new file, written 0600).
        #[arg(long, value_name = "FILE")]
        kit_out: PathBuf,
    },
}
