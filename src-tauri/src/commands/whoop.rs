//! Commands for WHOOP: set up the app credentials, sign in through the system browser and
//! the loopback listener, sync (by hand with progress, or automatically at start),
//! disconnect, and the series the WHOOP screen and the Today card chart.
//!
//! The WHOOP base URL is read here, at the edge (`IRONKEEP_WHOOP_BASE_URL`, loopback
//! only; production otherwise), like the CLI does. Commands that talk to WHOOP run on a
//! blocking thread, not on the async runtime's few workers, on a vault handle of their own
//! ([`AppState::long_work`]): a sync takes the writer's turn only to commit a page, so the
//! lifter's commands never wait on it.

use chrono::{Days, Local, Utc};
use ironkeep::whoop::{
    self, AutoSync, BASE_URL_ENV, ConnectionState, Disconnected, LatestDay, LoopbackListener, Progress,
    RedirectUri, RetryPolicy, SyncOptions, SyncReport, WhoopBase, WhoopError, WhoopSeries, WhoopStatus,
};
use secrecy::SecretString;
use serde::Serialize;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tauri::State;
use tauri::ipc::Channel;

use crate::error::{ErrorCode, IpcError};
use crate::state::AppState;
use crate::work::Work;

/// How long the listener waits for the browser to come back.
const SIGN_IN_TIMEOUT: Duration = Duration::from_secs(600);

/// What the sign-in tells the window while it waits for the browser.
#[derive(Debug, Clone, Serialize, specta::Type)]
pub struct SignInStarted {
    /// The address to open in a browser (shown as text for people without a default browser).
    pub authorization_url: String,
    /// Whether a browser was asked to open it.
    pub browser_opened: bool,
}

fn base() -> Result<WhoopBase, IpcError> {
    Ok(WhoopBase::from_override(
        std::env::var(BASE_URL_ENV).ok().as_deref(),
    )?)
}

/// The connection state, per-collection counts, last sync and errors.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_status(state: State<'_, AppState>) -> Result<WhoopStatus, IpcError> {
    state.write(move |vault| whoop::status(vault)).await
}

/// Checks the person's WHOOP app credentials at WHOOP, then stores them. The secret goes
/// into the vault and never comes back out; an empty `redirect_uri` means the default one.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_setup(
    state: State<'_, AppState>,
    client_id: String,
    client_secret: String,
    redirect_uri: Option<String>,
) -> Result<WhoopStatus, IpcError> {
    let client_secret = SecretString::from(client_secret);
    let redirect = redirect_uri
        .filter(|uri| !uri.trim().is_empty())
        .unwrap_or_else(|| whoop::DEFAULT_REDIRECT_URI.to_owned());
    let creds = whoop::ClientCredentials {
        client_id,
        client_secret,
        redirect_uri: RedirectUri::parse(redirect.trim())?,
    };
    // A wrong id or secret is refused here, before anything is stored or anyone signs in.
    let base = base()?;
    let policy = RetryPolicy::default();
    let creds = state
        .blocking(move |_| {
            whoop::check_credentials(&creds, &base, &policy)?;
            Ok(creds)
        })
        .await?;
    state
        .write(move |vault| {
            whoop::setup(vault, &creds, Utc::now())?;
            whoop::status(vault)
        })
        .await
}

/// Signs in: starts the listener, sends the authorization URL to the window, opens the
/// system browser, waits for the redirect (cancel with `work_cancel("sign_in")`), and
/// stores the tokens. Resolves with the new connection state.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_sign_in(
    state: State<'_, AppState>,
    channel: Channel<SignInStarted>,
) -> Result<ConnectionState, IpcError> {
    state
        .blocking(move |state| {
            let base = base()?;
            let cancel = state.cancels().start(Work::SignIn);
            // Bind before showing the URL, so the redirect can never arrive before we listen.
            let (sign_in, listener) = state.with_vault(|vault| -> Result<_, WhoopError> {
                let sign_in = whoop::begin_sign_in(vault, &base)?;
                let listener = LoopbackListener::bind(&whoop::redirect_uri(vault)?)?;
                Ok((sign_in, listener))
            })?;
            let url = sign_in.authorization_url().as_str().to_owned();
            // Kept until the sign-in ends: the private page the browser was given.
            let handoff = open_browser(&url);
            let browser_opened = handoff.is_some();
            let _ = channel.send(SignInStarted {
                authorization_url: url,
                browser_opened,
            });
            let code = listener.wait(&sign_in, SIGN_IN_TIMEOUT, cancel).map_err(|err| {
                if cancel.load(Ordering::SeqCst) {
                    IpcError::new(ErrorCode::Cancelled, "The WHOOP sign-in was cancelled.")
                } else {
                    IpcError::from(err)
                }
            })?;
            // The code exchange talks to WHOOP: on a handle of its own, not the writer.
            state.long_work(|vault| {
                whoop::complete_sign_in(vault, &base, &sign_in, &code, &RetryPolicy::default(), Utc::now())?;
                whoop::account::state(vault.conn())
            })
        })
        .await
}

/// Opens the sign-in page in the system browser ([`ironkeep::whoop::open_in_browser`]).
/// End-to-end builds never open one: the test plays the browser itself.
fn open_browser(url: &str) -> Option<ironkeep::whoop::BrowserHandoff> {
    if cfg!(feature = "e2e") {
        return None;
    }
    ironkeep::whoop::open_in_browser(url)
}

/// Syncs every collection, sending progress as it goes; cancel with `work_cancel("sync")`.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_sync(
    state: State<'_, AppState>,
    channel: Channel<Progress>,
) -> Result<SyncReport, IpcError> {
    state
        .blocking(move |state| {
            let base = base()?;
            let cancel = state.cancels().start(Work::Sync);
            state.long_work(|vault| {
                whoop::sync(vault, &base, Utc::now(), &SyncOptions::new(), cancel, &mut |p| {
                    let _ = channel.send(p.clone());
                })
            })
        })
        .await
}

/// The automatic sync at start: syncs only when it is on, WHOOP is connected and the
/// last sync is old enough; resolves with `null` when nothing was due. Progress as for
/// [`whoop_sync`].
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_auto_sync(
    state: State<'_, AppState>,
    channel: Channel<Progress>,
) -> Result<Option<SyncReport>, IpcError> {
    state
        .blocking(move |state| {
            let base = base()?;
            let cancel = state.cancels().start(Work::Sync);
            state.long_work(|vault| {
                whoop::auto::sync_if_due(vault, &base, Utc::now(), &SyncOptions::new(), cancel, &mut |p| {
                    let _ = channel.send(p.clone());
                })
            })
        })
        .await
}

/// The automatic-sync setting.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_auto_setting(state: State<'_, AppState>) -> Result<AutoSync, IpcError> {
    state.read(whoop::auto::setting).await
}

/// Changes the automatic-sync setting.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_set_auto_setting(
    state: State<'_, AppState>,
    auto: AutoSync,
) -> Result<AutoSync, IpcError> {
    state
        .write(move |vault| whoop::auto::set_setting(vault.conn(), auto))
        .await
}

/// Revokes access at WHOOP and wipes the tokens; with `forget_data`, deletes the WHOOP
/// records too.
#[tauri::command(async)]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_disconnect(
    state: State<'_, AppState>,
    forget_data: bool,
) -> Result<Disconnected, IpcError> {
    state
        .blocking(move |state| {
            let base = base()?;
            state.long_work(|vault| {
                whoop::disconnect(vault, &base, &RetryPolicy::default(), forget_data, Utc::now())
            })
        })
        .await
}

/// The chart series of the last `days` days up to today (local date), or of all time.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_series(state: State<'_, AppState>, days: Option<u32>) -> Result<WhoopSeries, IpcError> {
    let today = Local::now().date_naive();
    let from = days.map(|days| {
        today
            .checked_sub_days(Days::new(u64::from(days.clamp(1, 15_000) - 1)))
            .unwrap_or(today)
    });
    state.read(move |conn| whoop::series(conn, from, today)).await
}

/// The newest WHOOP day: recovery, last night's sleep, strain.
#[tauri::command]
#[specta::specta]
#[tracing::instrument(skip_all, err(Debug))]
pub async fn whoop_today(state: State<'_, AppState>) -> Result<LatestDay, IpcError> {
    state.read(whoop::latest_day).await
}
