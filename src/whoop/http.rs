//! The HTTPS transport to WHOOP: rustls, no redirects, timeouts, a real `User-Agent`,
//! pacing from WHOOP's `X-RateLimit-*` headers, and bounded retries with jitter.
//!
//! Every request goes through `Transport::attempt`, which knows nothing of tokens: it sleeps
//! as the rate-limit headers and `Retry-After` say, retries 5xx answers and timeouts with
//! exponential backoff, and gives up with a resumable [`WhoopError::Unavailable`]. Error
//! messages carry the status code or "timed out", never a URL with a query or a body.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::blocking::{Client, RequestBuilder, Response};
use reqwest::header::HeaderMap;

use super::{WhoopBase, WhoopError};

/// The `User-Agent` sent with every request.
pub const USER_AGENT: &str = concat!("Ironkeep/", env!("CARGO_PKG_VERSION"));

/// Largest response body read (a page of 25 records is a few tens of KiB).
pub const MAX_BODY_BYTES: u64 = 4 * 1024 * 1024;

/// How patient the transport is. [`RetryPolicy::default`] is what users get; tests pass a
/// tiny one so the fault matrix runs in milliseconds.
#[derive(Debug, Clone)]
pub struct RetryPolicy {
    /// Retries after the first attempt, for 5xx, 429, timeouts and malformed bodies.
    pub max_retries: u32,
    /// First backoff delay; it doubles per retry, with jitter.
    pub base_delay: Duration,
    /// Longest single backoff delay.
    pub max_delay: Duration,
    /// Longest wait the rate-limit headers may impose before one request.
    pub max_rate_wait: Duration,
    /// TCP/TLS connect timeout.
    pub connect_timeout: Duration,
    /// Whole-request timeout (a slow answer counts as a timeout).
    pub request_timeout: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_retries: 6,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_rate_wait: Duration::from_secs(120),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(60),
        }
    }
}

/// What an attempt came to.
pub(crate) enum Attempt {
    /// A final answer (2xx, or a 4xx the caller handles).
    Done(Response),
    /// Worth retrying, with a public reason, an optional wait WHOOP asked for, and whether
    /// WHOOP may have received (and acted on) the request.
    Retry(String, Option<Duration>, Delivery),
}

/// Whether a failed request may have reached WHOOP: what decides if a request that must
/// not run twice (a refresh grant, which rotates the refresh token) may be sent again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// It never arrived (no connection) or WHOOP refused it unprocessed (429).
    NotReceived,
    /// It may have arrived: a timeout, a connection broken mid-request, a 5xx.
    MaybeReceived,
}

/// The client plus its pacing state.
#[derive(Debug)]
pub struct Transport {
    client: Client,
    base: WhoopBase,
    policy: RetryPolicy,
    /// No request before this instant (set from the rate-limit headers).
    not_before: Option<Instant>,
    requests: u32,
}

impl Transport {
    /// Builds the client: rustls (ring) with the OS trust store, redirects off, timeouts.
    pub fn new(base: WhoopBase, policy: RetryPolicy) -> Result<Self, WhoopError> {
        // Installing the process default twice is harmless; the second call returns Err.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = Client::builder()
            .user_agent(USER_AGENT)
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(policy.connect_timeout)
            .timeout(policy.request_timeout)
            .https_only(base.is_production())
            .build()
            .map_err(|e| WhoopError::Client(e.without_url().to_string()))?;
        Ok(Self {
            client,
            base,
            policy,
            not_before: None,
            requests: 0,
        })
    }

    /// The base URL.
    pub fn base(&self) -> &WhoopBase {
        &self.base
    }

    /// The underlying client, for building requests.
    pub(crate) fn client(&self) -> &Client {
        &self.client
    }

    /// The retry policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// Requests sent so far (every attempt counts).
    pub fn requests(&self) -> u32 {
        self.requests
    }

    /// Sends one attempt after honouring the pacing; classifies the outcome.
    pub(crate) fn attempt(
        &mut self,
        request: RequestBuilder,
        cancel: &AtomicBool,
    ) -> Result<Attempt, WhoopError> {
        if let Some(at) = self.not_before.take() {
            sleep_until(at, self.policy.max_rate_wait, cancel)?;
        }
        if cancel.load(Ordering::Relaxed) {
            return Err(WhoopError::Cancelled);
        }
        self.requests += 1;
        let response = match request.send() {
            Ok(response) => response,
            Err(err) if err.is_connect() => {
                return Ok(Attempt::Retry(
                    "could not connect".into(),
                    None,
                    Delivery::NotReceived,
                ));
            }
            Err(err) if err.is_timeout() => {
                return Ok(Attempt::Retry("timed out".into(), None, Delivery::MaybeReceived));
            }
            Err(err) if err.is_request() || err.is_body() => {
                return Ok(Attempt::Retry(
                    "the connection broke".into(),
                    None,
                    Delivery::MaybeReceived,
                ));
            }
            Err(err) => return Err(WhoopError::Client(err.without_url().to_string())),
        };
        self.observe(response.headers());
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS {
            let wait = retry_after(response.headers());
            return Ok(Attempt::Retry(
                "rate limited (429)".into(),
                wait,
                Delivery::NotReceived,
            ));
        }
        if status.is_server_error() {
            return Ok(Attempt::Retry(
                format!("HTTP {}", status.as_u16()),
                None,
                Delivery::MaybeReceived,
            ));
        }
        Ok(Attempt::Done(response))
    }

    /// Sleeps before retry number `retry` (1-based): exponential backoff with jitter, or
    /// WHOOP's own wait when it gave one. Errs when the budget is spent.
    pub(crate) fn backoff(
        &mut self,
        retry: u32,
        wait: Option<Duration>,
        reason: &str,
        what: &str,
        cancel: &AtomicBool,
    ) -> Result<(), WhoopError> {
        if retry > self.policy.max_retries {
            return Err(WhoopError::Unavailable {
                collection: what.to_owned(),
                reason: reason.to_owned(),
            });
        }
        let delay = match wait {
            Some(wait) => wait.min(self.policy.max_rate_wait),
            None => {
                let exp = self.policy.base_delay.saturating_mul(1 << retry.min(16));
                let capped = exp.min(self.policy.max_delay);
                // Full jitter on the upper half: [capped/2, capped].
                capped / 2 + capped.mul_f64(jitter() / 2.0)
            }
        };
        tracing::info!(
            what,
            retry,
            reason,
            delay_ms = delay.as_millis() as u64,
            "WHOOP retry"
        );
        sleep_until(Instant::now() + delay, delay, cancel)
    }

    /// Reads a body, bounded.
    pub(crate) fn read_body(response: Response) -> Result<Vec<u8>, String> {
        use std::io::Read;
        if response.content_length().is_some_and(|len| len > MAX_BODY_BYTES) {
            return Err("the response is too large".into());
        }
        let mut body = Vec::new();
        response
            .take(MAX_BODY_BYTES + 1)
            .read_to_end(&mut body)
            .map_err(|_| "the response was cut off".to_owned())?;
        if body.len() as u64 > MAX_BODY_BYTES {
            return Err("the response is too large".into());
        }
        Ok(body)
    }

    /// Notes the rate-limit headers: when nothing remains, wait for the reset.
    fn observe(&mut self, headers: &HeaderMap) {
        let remaining = first_number(headers, "x-ratelimit-remaining");
        let reset = first_number(headers, "x-ratelimit-reset");
        if let (Some(0), Some(reset)) = (remaining, reset) {
            self.not_before = Some(Instant::now() + Duration::from_secs(reset.min(86_400)));
        }
    }
}

/// The first integer of a header such as `X-RateLimit-Limit: 100, 100;window=60`.
fn first_number(headers: &HeaderMap, name: &str) -> Option<u64> {
    let text = headers.get(name)?.to_str().ok()?;
    text.split([',', ';']).next()?.trim().parse().ok()
}

/// `Retry-After` in seconds, else the rate-limit reset.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    first_number(headers, "retry-after")
        .or_else(|| first_number(headers, "x-ratelimit-reset"))
        .map(|s| Duration::from_secs(s.min(86_400)))
}

/// A number in [0, 1) from the OS CSPRNG (jitter need not be secret; this avoids a dep).
fn jitter() -> f64 {
    let mut bytes = [0u8; 4];
    let _ = getrandom::fill(&mut bytes);
    f64::from(u32::from_le_bytes(bytes)) / (f64::from(u32::MAX) + 1.0)
}

/// Sleeps until `at` (at most `cap` from now) in small steps, so a cancel is quick.
fn sleep_until(at: Instant, cap: Duration, cancel: &AtomicBool) -> Result<(), WhoopError> {
    let deadline = at.min(Instant::now() + cap);
    loop {
        if cancel.load(Ordering::Relaxed) {
            return Err(WhoopError::Cancelled);
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(());
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(100)));
    }
}
