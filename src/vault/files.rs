//! Owner-only files: every file Ironkeep writes is `0600`, every folder `0700`.
//!
//! Files are created with their final mode (never created open and tightened later), and
//! replaced atomically: written beside the target, fsynced, renamed, and the folder
//! fsynced, so a crash leaves the old file or the new one, whole. [`mode_drift`] lists what
//! has drifted from those modes since, for `doctor` and for every open.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Mode of every file Ironkeep writes.
pub const FILE_MODE: u32 = 0o600;
/// Mode of every folder Ironkeep creates.
pub const DIR_MODE: u32 = 0o700;

/// Creates a new file with mode `0600`; fails if it exists.
pub fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options.open(path)
}

/// Opens (creating if needed) a file for appending, with mode `0600` when created.
pub fn append_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.append(true).create(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(FILE_MODE);
    }
    options.open(path)
}

/// Creates a folder (and its parents) and sets it to `0700`.
pub fn create_private_dir(path: &Path) -> io::Result<()> {
    std::fs::create_dir_all(path)?;
    set_mode(path, DIR_MODE)
}

/// Writes `bytes` to `path` atomically: temp file, fsync, rename, fsync of the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let tmp = sibling(path, ".tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut file = create_private(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    rename_durably(&tmp, path)
}

/// Renames and fsyncs the folder so the rename survives a power loss.
pub fn rename_durably(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::rename(from, to)?;
    sync_dir(to.parent().unwrap_or(Path::new(".")))
}

/// Fsyncs a folder (a no-op where folders cannot be opened).
pub fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// `path` with `suffix` appended to its file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

/// One file or folder whose mode is wider than Ironkeep's.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Drift {
    /// The path.
    pub path: PathBuf,
    /// Its mode now.
    pub mode: u32,
    /// The mode it should have.
    pub expected: u32,
}

/// Lists files and folders under `dir` (recursively, and `dir` itself) whose mode differs
/// from `0600`/`0700`. Always empty on systems without Unix modes.
pub fn mode_drift(dir: &Path) -> io::Result<Vec<Drift>> {
    let mut drift = Vec::new();
    #[cfg(unix)]
    walk(dir, &mut drift)?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(drift)
}

#[cfg(unix)]
fn walk(dir: &Path, drift: &mut Vec<Drift>) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let check = |path: &Path, meta: &std::fs::Metadata, drift: &mut Vec<Drift>| {
        let mode = meta.permissions().mode() & 0o777;
        let expected = if meta.is_dir() { DIR_MODE } else { FILE_MODE };
        if mode != expected {
            drift.push(Drift {
                path: path.to_owned(),
                mode,
                expected,
            });
        }
    };
    check(dir, &std::fs::symlink_metadata(dir)?, drift);
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let meta = entry.metadata()?;
        if meta.is_dir() {
            walk(&entry.path(), drift)?;
        } else if meta.is_file() {
            check(&entry.path(), &meta, drift);
        }
    }
    Ok(())
}

/// Puts every drifted path back to its expected mode.
pub fn repair(drift: &[Drift]) -> io::Result<()> {
    drift.iter().try_for_each(|d| set_mode(&d.path, d.expected))
}

fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = (path, mode);
        Ok(())
    }
}
