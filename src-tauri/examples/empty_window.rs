//! The smallest Tauri 2 app with Ironkeep's web view: the yardstick for Ironkeep's memory.
//!
//! One window from the same configuration (`tauri.conf.json`: size, CSP, identifier), its
//! web view set up by the same code (`ironkeep_desktop::webview::prepare`: CPU drawing,
//! the language fallback), showing an empty page served the way Ironkeep's pages are
//! (Tauri's asset protocol), giving back its start-up code as the app does
//! (`ironkeep_desktop::memory`) — and nothing else: no plugin, no command, no vault. The
//! desktop benchmark (`ui/e2e/startup.keychain.bench.mjs`) measures its idle memory beside
//! Ironkeep's in one run, so what Ironkeep itself costs reads apart from what Tauri and
//! WebKitGTK cost any app. Built like the release app:
//! `cargo build --release -p ironkeep-desktop --example empty_window --features tauri/custom-protocol`.

use std::borrow::Cow;

use tauri::utils::assets::{AssetKey, AssetsIter, CspHash};

/// The only page: empty.
const PAGE: &[u8] =
    b"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Empty</title></head><body></body></html>";

/// Serves [`PAGE`] as `index.html`, in place of Ironkeep's UI.
struct EmptyPage;

impl<R: tauri::Runtime> tauri::Assets<R> for EmptyPage {
    fn get(&self, key: &AssetKey) -> Option<Cow<'_, [u8]>> {
        (key.as_ref() == "/index.html").then_some(Cow::Borrowed(PAGE))
    }

    fn iter(&self) -> Box<AssetsIter<'_>> {
        Box::new(std::iter::once((
            Cow::Borrowed("/index.html"),
            Cow::Borrowed(PAGE),
        )))
    }

    fn csp_hashes(&self, _html_path: &AssetKey) -> Box<dyn Iterator<Item = CspHash<'_>> + '_> {
        Box::new(std::iter::empty())
    }
}

fn main() -> tauri::Result<()> {
    let mut context = tauri::generate_context!();
    context.set_assets(Box::new(EmptyPage));
    tauri::Builder::default()
        .on_page_load(|_, load| {
            if load.event() == tauri::webview::PageLoadEvent::Finished {
                ironkeep_desktop::memory::settle_after_first_page();
            }
        })
        .setup(|app| {
            use tauri::Manager as _;
            if let Some(window) = app.get_webview_window("main") {
                ironkeep_desktop::webview::prepare(&window)?;
            }
            Ok(())
        })
        .run(context)
}
