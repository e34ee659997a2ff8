//! Opening the sign-in page in the system browser without putting its URL on a command
//! line.
//!
//! The authorization URL carries the sign-in's `state` and PKCE challenge; passed as an
//! argument to `xdg-open` (and on to the browser) it shows in `/proc/*/cmdline` to every
//! local user, who could then race the real callback. So the URL goes into a small HTML
//! page that redirects to it, in a fresh folder only this user can enter (`0700`, the
//! page `0600`), and the opener gets that page's path. The folder is removed when the
//! returned [`BrowserHandoff`] is dropped, after the sign-in ends.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::vault::files;

/// The private redirect page handed to the browser; removed (with its folder) on drop.
#[derive(Debug)]
pub struct BrowserHandoff {
    folder: PathBuf,
}

impl BrowserHandoff {
    /// The page the browser was given.
    pub fn page(&self) -> PathBuf {
        self.folder.join("whoop-sign-in.html")
    }
}

impl Drop for BrowserHandoff {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Opens the authorization URL in the system browser by way of a private redirect page,
/// without a shell (the page's path is one argument of `xdg-open`, `open` or
/// `rundll32`). Returns the handoff to keep until the sign-in ends, or `None` when no
/// browser could be started (the caller then shows the URL).
pub fn open_in_browser(url: &str) -> Option<BrowserHandoff> {
    let handoff = write_page(&std::env::temp_dir(), url).ok()?;
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut c = std::process::Command::new("rundll32");
        c.arg("url.dll,FileProtocolHandler");
        c
    } else {
        std::process::Command::new("xdg-open")
    };
    command
        .arg(handoff.page())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()
        .map(|_| handoff)
}

/// Writes the redirect page into a new private folder under `parent`.
fn write_page(parent: &Path, url: &str) -> std::io::Result<BrowserHandoff> {
    let mut id = [0u8; 12];
    getrandom::fill(&mut id).map_err(|e| std::io::Error::other(e.to_string()))?;
    let folder = parent.join(format!("ironkeep-sign-in-{}", hex::encode(id)));
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(files::DIR_MODE);
    }
    builder.create(&folder)?;
    let handoff = BrowserHandoff { folder };
    let href = url
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    let mut page = files::create_private(&handoff.page())?;
    write!(
        page,
        "<!doctype html>\n<meta charset=\"utf-8\">\n<meta name=\"referrer\" content=\"no-referrer\">\n\
         <meta http-equiv=\"refresh\" content=\"0;url={href}\">\n<title>Ironkeep: WHOOP sign-in</title>\n\
         <p><a href=\"{href}\">Continue to the WHOOP sign-in</a></p>\n"
    )?;
    page.sync_all()?;
    Ok(handoff)
}
