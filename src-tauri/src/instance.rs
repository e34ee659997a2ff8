//! One app per data directory. A second launch on the same data dir must not open the
//! vault a second time: it brings the running window to the front and exits. A launch on
//! another data dir is an app of its own, so two data dirs run side by side.
//!
//! The running app owns a session-bus name made from its data dir's path
//! (`org.ironkeep.Desktop.d` and 16 hex digits of its SHA-256) and serves `Show` on it; a
//! later launch that finds the name taken calls `Show` and exits. The bus is a client
//! connection, not a listening socket. Without a session bus, an exclusive lock on
//! `desktop.lock` in the data dir (once it exists) decides, and the later launch says on
//! stderr that the app is already open there.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::sync::{Arc, OnceLock};

use sha2::{Digest, Sha256};
use tauri::{AppHandle, Manager};
use zbus::blocking::{Connection, connection};
use zbus::fdo::RequestNameFlags;
use zbus::interface;

/// Where the running app answers.
const OBJECT: &str = "/org/ironkeep/Desktop";
const INTERFACE: &str = "org.ironkeep.Desktop1";

/// What this launch is.
pub enum Claim {
    /// The first app on this data dir; keep it for the life of the process.
    First(Holder),
    /// Another app has this data dir; it was asked to show its window (or told us so).
    Elsewhere,
}

/// What keeps this launch the first: the bus name, or the lock file.
pub enum Holder {
    /// The session-bus connection owning the name (held while it lives), and the app
    /// whose window `Show` brings up, once it is set up.
    Bus {
        _owner: Connection,
        front: Arc<OnceLock<AppHandle>>,
    },
    /// The lock on `desktop.lock` (no session bus), held while it lives.
    Lock {
        /// The locked file, if the data dir exists yet.
        _held: Option<File>,
    },
}

impl Holder {
    /// Lets `Show` reach `app`'s window (a no-op without a session bus).
    pub fn serve(&self, app: &AppHandle) {
        if let Holder::Bus { front, .. } = self {
            let _ = front.set(app.clone());
        }
    }
}

/// Claims `data_dir` for this launch.
pub fn claim(data_dir: &Path) -> Claim {
    let name = bus_name(data_dir);
    let front = Arc::new(OnceLock::new());
    // The object first, then the name, refused rather than queued when it is taken.
    let owned = connection::Builder::session()
        .and_then(|b| b.serve_at(OBJECT, Front(front.clone())))
        .and_then(connection::Builder::build)
        .and_then(|conn| {
            conn.request_name_with_flags(name.as_str(), RequestNameFlags::DoNotQueue.into())
                .map(|_| conn)
        });
    match owned {
        Ok(owner) => Claim::First(Holder::Bus { _owner: owner, front }),
        Err(zbus::Error::NameTaken) => {
            let shown = Connection::session()
                .and_then(|conn| conn.call_method(Some(name.as_str()), OBJECT, Some(INTERFACE), "Show", &()));
            if let Err(err) = shown {
                tracing::warn!(%err, "the running app did not answer");
            }
            Claim::Elsewhere
        }
        Err(err) => {
            tracing::debug!(%err, "no session bus; the data dir's lock decides");
            by_lock(data_dir)
        }
    }
}

/// Without a session bus: an exclusive lock on `desktop.lock`, once the data dir exists.
fn by_lock(data_dir: &Path) -> Claim {
    if !data_dir.is_dir() {
        return Claim::First(Holder::Lock { _held: None });
    }
    let path = data_dir.join("desktop.lock");
    let file = match File::options().create(true).append(true).open(&path) {
        Ok(file) => file,
        Err(err) => {
            tracing::warn!(%err, "no desktop lock; going on without one");
            return Claim::First(Holder::Lock { _held: None });
        }
    };
    match file.try_lock() {
        Ok(()) => Claim::First(Holder::Lock { _held: Some(file) }),
        Err(TryLockError::WouldBlock) => {
            eprintln!(
                "Ironkeep is already open on {}; switch to its window.",
                data_dir.display()
            );
            Claim::Elsewhere
        }
        Err(TryLockError::Error(err)) => {
            tracing::warn!(%err, "the desktop lock failed; going on without one");
            Claim::First(Holder::Lock { _held: None })
        }
    }
}

/// The bus name for a data dir: the same for every launch on it, another for another.
fn bus_name(data_dir: &Path) -> String {
    let path = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_owned());
    let digest = Sha256::digest(path.as_os_str().as_encoded_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("org.ironkeep.Desktop.d{hex}")
}

/// The running app's answer to a later launch: its window, once the app is set up.
struct Front(Arc<OnceLock<AppHandle>>);

#[interface(name = "org.ironkeep.Desktop1")]
impl Front {
    /// Brings the window to the front.
    fn show(&self) {
        if let Some(window) = self.0.get().and_then(|app| app.get_webview_window("main")) {
            let _ = window.unminimize();
            let _ = window.show();
            let _ = window.set_focus();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::{Claim, bus_name, claim};

    /// Needs a session bus (`scripts/with-keychain.sh` starts one).
    #[test]
    fn the_first_launch_on_a_data_dir_holds_it_and_another_dir_is_free() {
        let dir = tempfile::tempdir().unwrap();
        let (mine, other) = (dir.path().join("mine"), dir.path().join("other"));
        let first = claim(&mine);
        assert!(
            matches!(first, Claim::First(super::Holder::Bus { .. })),
            "the first launch owns the name"
        );
        assert!(
            matches!(claim(&mine), Claim::Elsewhere),
            "a second launch on it goes elsewhere"
        );
        assert!(
            matches!(claim(&other), Claim::First(_)),
            "another data dir is free"
        );
        drop(first);
    }

    #[test]
    fn each_data_dir_has_its_own_valid_bus_name() {
        let a = bus_name(Path::new("/home/lifter/.local/share/ironkeep"));
        let b = bus_name(Path::new("/home/lifter/other-vault"));
        assert_ne!(a, b);
        assert_eq!(a, bus_name(Path::new("/home/lifter/.local/share/ironkeep")));
        // D-Bus: elements of letters, digits and underscores, not starting with a digit.
        let last = a.rsplit('.').next().unwrap();
        assert!(
            last.starts_with('d') && last[1..].chars().all(|c| c.is_ascii_hexdigit()),
            "{a}"
        );
        assert!(a.len() <= 255);
    }
}
