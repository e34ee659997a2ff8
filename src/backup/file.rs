//! Reading a backup file from disk: opened once, only if it is a regular file, and never
//! more than a cap.
//!
//! Backup paths come from the user, from a folder other machines sync into, or from a
//! listing of such a folder, so an entry can be a symlink to `/dev/zero` (endless) or a
//! FIFO (blocks forever on open or read). The file is opened without blocking, the opened
//! handle — not the path, which could be swapped in between — must be a regular file, and
//! at most the cap is read; a longer file is refused before its contents are used.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::{BackupError, MAX_IMAGE_BYTES};

/// The largest backup file read: an image at the cap, armored (base64 adds a third).
pub const MAX_FILE_BYTES: u64 = MAX_IMAGE_BYTES as u64 * 2;

/// Reads the backup at `path` whole, refusing anything but a regular file of at most
/// [`MAX_FILE_BYTES`].
pub fn read_backup_file(path: &Path) -> Result<Vec<u8>, BackupError> {
    let (file, len) = open_regular(path)?;
    match read_at_most(file, len, MAX_FILE_BYTES) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(BackupError::TooLarge {
            limit: MAX_FILE_BYTES as usize,
        }),
        Err(e) => Err(BackupError::io("read", path, e)),
    }
}

/// The first `limit` bytes of the regular file at `path`, and whether that is all of it
/// (for listing a folder: a header is enough to name a file's recipients).
pub(crate) fn read_head(path: &Path, limit: u64) -> Result<(Vec<u8>, bool), BackupError> {
    let (file, len) = open_regular(path)?;
    let mut head = Vec::with_capacity(len.min(limit) as usize);
    file.take(limit + 1)
        .read_to_end(&mut head)
        .map_err(|e| BackupError::io("read", path, e))?;
    let whole = head.len() as u64 <= limit;
    head.truncate(limit as usize);
    Ok((head, whole))
}

/// Opens `path` for reading without blocking on a FIFO; refuses what is not a regular
/// file. Returns the file and its length.
fn open_regular(path: &Path) -> Result<(File, u64), BackupError> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| BackupError::io("open", path, e))?;
    let meta = file.metadata().map_err(|e| BackupError::io("inspect", path, e))?;
    if !meta.is_file() {
        return Err(BackupError::NotAFile(path.to_owned()));
    }
    Ok((file, meta.len()))
}

/// The whole file if it holds at most `cap` bytes; `None` if it holds more.
fn read_at_most(file: File, len: u64, cap: u64) -> std::io::Result<Option<Vec<u8>>> {
    if len > cap {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}
