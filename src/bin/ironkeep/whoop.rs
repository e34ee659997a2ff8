//! `ironkeep whoop …`: set up, connect, sync, inspect and disconnect WHOOP.
//!
//! The only place that reads `IRONKEEP_WHOOP_BASE_URL` (validated into a `WhoopBase`
//! before anything else happens), opens a browser, draws progress bars, or asks for the
//! client secret. Everything else is one call into `ironkeep::whoop`.

use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::Utc;
use clap::Subcommand;
use indicatif::{MultiProgress, ProgressBar, ProgressStyle};
use secrecy::SecretString;
use serde_json::json;
use zeroize::Zeroizing;

use ironkeep::vault::Vault;
use ironkeep::whoop::{
    self, BASE_URL_ENV, ClientCredentials, Collection, DEFAULT_REDIRECT_URI, LoopbackListener, Progress,
    RedirectUri, RetryPolicy, SyncOptions, WhoopBase,
};

use crate::output::Output;

/// WHOOP subcommands.
#[derive(Debug, Subcommand)]
pub enum WhoopCommand {
    /// Store your WHOOP app's credentials; the client secret is read from standard input
    /// (or a hidden prompt), never from an argument.
    Setup {
        /// Your WHOOP app's client id.
        #[arg(long, value_name = "ID")]
        client_id: String,
        /// The redirect URI registered for your app.
        #[arg(long, value_name = "URI", default_value = DEFAULT_REDIRECT_URI)]
        redirect_uri: String,
    },
    /// Sign in to WHOOP in your browser and store the tokens in the vault.
    Connect {
        /// Do not open a browser; print the sign-in URL on standard output.
        #[arg(long)]
        no_browser: bool,
        /// Paste the redirected URL on standard input instead of running the loopback
        /// listener (for redirect URIs that are not on this machine).
        #[arg(long)]
        paste: bool,
        /// How long to wait for the sign-in, in seconds.
        #[arg(long, default_value_t = 300, value_parser = clap::value_parser!(u64).range(5..=3600))]
        timeout: u64,
    },
    /// Fetch new and changed WHOOP data (resumes where an interrupted sync stopped).
    Sync,
    /// Connection state, last sync and record count per collection, and the next step.
    Status,
    /// Revoke Ironkeep's access at WHOOP and wipe the tokens.
    Disconnect {
        /// Also delete every WHOOP record from the vault.
        #[arg(long)]
        forget_data: bool,
        /// Confirm --forget-data without asking (required when not on a terminal).
        #[arg(long)]
        yes: bool,
    },
}

/// Runs a WHOOP command against the vault `open` returns.
pub fn run(
    command: WhoopCommand,
    open: impl FnOnce() -> anyhow::Result<Vault>,
    out: &Output,
) -> anyhow::Result<ExitCode> {
    let base = WhoopBase::from_override(std::env::var(BASE_URL_ENV).ok().as_deref())?;
    match command {
        WhoopCommand::Setup {
            client_id,
            redirect_uri,
        } => setup(&open()?, &base, client_id, &redirect_uri, out),
        WhoopCommand::Connect {
            no_browser,
            paste,
            timeout,
        } => connect(
            &open()?,
            &base,
            no_browser,
            paste,
            Duration::from_secs(timeout),
            out,
        ),
        WhoopCommand::Sync => sync(&open()?, &base, out),
        WhoopCommand::Status => status(&open()?, out),
        WhoopCommand::Disconnect { forget_data, yes } => disconnect(&open()?, &base, forget_data, yes, out),
    }
}

fn setup(
    vault: &Vault,
    base: &WhoopBase,
    client_id: String,
    redirect: &str,
    out: &Output,
) -> anyhow::Result<ExitCode> {
    let redirect_uri = RedirectUri::parse(redirect)?;
    let client_secret = read_secret()?;
    let creds = ClientCredentials {
        client_id,
        client_secret,
        redirect_uri,
    };
    // A wrong id or secret is refused now, before it is stored or anyone signs in.
    whoop::check_credentials(&creds, base, &RetryPolicy::default())?;
    whoop::setup(vault, &creds, Utc::now())?;
    out.print(
        &format!(
            "WHOOP app credentials stored in the vault (the secret will not be shown again).\n\
             Redirect URI: {}\nNext: run `ironkeep whoop connect`.",
            creds.redirect_uri.as_str()
        ),
        json!({ "credentials": "configured", "redirect_uri": creds.redirect_uri.as_str() }),
    );
    Ok(ExitCode::SUCCESS)
}

/// The client secret: a hidden prompt on a terminal, else one line of standard input.
fn read_secret() -> anyhow::Result<SecretString> {
    if std::io::stdin().is_terminal() {
        let secret = rpassword::prompt_password("WHOOP client secret: ")
            .context("could not read the client secret")?;
        return Ok(SecretString::from(secret));
    }
    let mut line = Zeroizing::new(String::new());
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .context("could not read the client secret from standard input")?;
    let trimmed = line.trim_end_matches(['\r', '\n']);
    if trimmed.is_empty() {
        bail!("no client secret on standard input");
    }
    Ok(SecretString::from(trimmed.to_owned()))
}

fn connect(
    vault: &Vault,
    base: &WhoopBase,
    no_browser: bool,
    paste: bool,
    timeout: Duration,
    out: &Output,
) -> anyhow::Result<ExitCode> {
    let sign_in = whoop::begin_sign_in(vault, base)?;
    // Bind before showing the URL, so the redirect can never arrive before we listen.
    let listener = if paste {
        None
    } else {
        Some(LoopbackListener::bind(&whoop::redirect_uri(vault)?)?)
    };
    let url = sign_in.authorization_url().as_str();
    if no_browser || paste {
        if out.is_json() {
            crate::output::stdout(format!("{}\n", json!({ "authorization_url": url })).as_bytes());
        } else {
            crate::output::stdout(format!("Open this URL to sign in to WHOOP:\n{url}\n").as_bytes());
        }
    }
    // Kept until the sign-in ends: the private page the browser was given.
    let _handoff = (!no_browser && !paste).then(|| {
        eprintln!("Opening your browser to sign in to WHOOP. If it does not open, visit:\n{url}");
        let handoff = ironkeep::whoop::open_in_browser(url);
        if handoff.is_none() {
            eprintln!("(could not start a browser; open the URL above yourself)");
        }
        handoff
    });
    let code = match listener {
        Some(listener) => listener.wait(&sign_in, timeout, crate::interrupt::stop_flag())?,
        None => {
            eprintln!("After signing in, paste the full URL your browser was sent to, then press Enter:");
            let mut line = Zeroizing::new(String::new());
            std::io::stdin()
                .lock()
                .read_line(&mut line)
                .context("could not read the pasted URL")?;
            whoop::code_from_pasted_url(&sign_in, &line)?
        }
    };
    whoop::complete_sign_in(vault, base, &sign_in, &code, &RetryPolicy::default(), Utc::now())?;
    out.print(
        "Connected to WHOOP. Next: run `ironkeep whoop sync`.",
        json!({ "state": "connected" }),
    );
    Ok(ExitCode::SUCCESS)
}

fn sync(vault: &Vault, base: &WhoopBase, out: &Output) -> anyhow::Result<ExitCode> {
    let bars = (!out.is_json() && std::io::stderr().is_terminal()).then(MultiProgress::new);
    let mut shown: Vec<(Collection, ProgressBar)> = Vec::new();
    let mut on_progress = |p: &Progress| {
        let Some(multi) = &bars else { return };
        let bar = match shown.iter().find(|(c, _)| *c == p.collection) {
            Some((_, bar)) => bar.clone(),
            None => {
                let bar = multi.add(ProgressBar::new(1000));
                bar.set_style(
                    ProgressStyle::with_template("{prefix:>10} [{bar:30}] {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                );
                bar.set_prefix(p.collection.name());
                shown.push((p.collection, bar.clone()));
                bar
            }
        };
        bar.set_position((p.fraction * 1000.0) as u64);
        bar.set_message(format!("{} records", p.fetched));
        if p.done {
            bar.finish();
        }
    };
    let report = whoop::sync(
        vault,
        base,
        Utc::now(),
        &SyncOptions::new(),
        crate::interrupt::stop_flag(),
        &mut on_progress,
    )?;
    let mut human = String::from("WHOOP sync complete.");
    for c in &report.collections {
        human.push_str(&format!(
            "\n  {:<11} {:>6} fetched {:>4} deleted {:>5} requests",
            c.collection.name(),
            c.fetched,
            c.deleted,
            c.requests
        ));
    }
    out.print(&human, serde_json::to_value(&report)?);
    Ok(ExitCode::SUCCESS)
}

fn status(vault: &Vault, out: &Output) -> anyhow::Result<ExitCode> {
    let status = whoop::status(vault)?;
    let state = serde_json::to_value(status.state)?;
    let mut human = format!(
        "WHOOP        {}\nCredentials  {}\nRedirect URI {}\nCollections",
        state.as_str().unwrap_or_default().replace('_', " "),
        status.credentials,
        status.redirect_uri.as_deref().unwrap_or("-"),
    );
    for c in &status.collections {
        human.push_str(&format!(
            "\n  {:<11} {:>6}  last sync {}{}",
            c.collection.name(),
            c.count,
            c.last_sync_at.as_deref().unwrap_or("never"),
            c.last_error
                .as_deref()
                .map(|e| format!("  (stopped: {e})"))
                .unwrap_or_default(),
        ));
    }
    if let Some(next) = &status.next_step {
        human.push_str(&format!("\nNext: {next}"));
    }
    out.print(&human, serde_json::to_value(&status)?);
    Ok(ExitCode::SUCCESS)
}

fn disconnect(
    vault: &Vault,
    base: &WhoopBase,
    forget_data: bool,
    yes: bool,
    out: &Output,
) -> anyhow::Result<ExitCode> {
    if forget_data && !yes {
        if !std::io::stdin().is_terminal() {
            bail!("--forget-data deletes every WHOOP record from the vault; add --yes to confirm");
        }
        eprint!("Delete every WHOOP record from this vault? Type 'yes' to confirm: ");
        let _ = std::io::stderr().flush();
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if answer.trim() != "yes" {
            bail!("not confirmed; nothing was changed");
        }
    }
    let done = whoop::disconnect(vault, base, &RetryPolicy::default(), forget_data, Utc::now())?;
    let human = format!(
        "Disconnected from WHOOP: {}; tokens wiped from the vault{}.",
        if done.revoked {
            "access revoked at WHOOP"
        } else {
            "WHOOP already considered the tokens invalid"
        },
        if done.forgot_data {
            "; WHOOP data deleted"
        } else {
            ""
        }
    );
    out.print(&human, serde_json::to_value(&done)?);
    Ok(ExitCode::SUCCESS)
}
