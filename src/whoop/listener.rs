//! The one-shot loopback listener that receives WHOOP's sign-in redirect.
//!
//! It binds the loopback IP of the registered redirect URI (never a wildcard address),
//! reads each request's head (at most 16 KiB, within one 3-second deadline per connection
//! that never runs past the sign-in's, checking Cancel while it reads) but looks only at
//! its first line, and answers with a short plain-text page, closing gracefully (a bounded
//! drain) so the browser sees the page rather than a reset connection. Only the first request to the exact path whose `state` matches
//! completes the flow; every other request — wrong state, missing code, `error=`, another
//! path, another method — is refused and the listener keeps waiting, until the timeout.
//! The socket closes when [`LoopbackListener::wait`] returns, whatever the outcome.

use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use secrecy::SecretString;
use url::Host;

use super::WhoopError;
use super::account::RedirectUri;
use super::oauth::{Callback, SignIn};

/// Most bytes read from one request's head (request line and headers).
const MAX_REQUEST_HEAD: usize = 16 * 1024;

/// How long the listener waits, after answering, for the browser to close its side.
const LINGER: Duration = Duration::from_millis(if cfg!(fuzzing) { 20 } else { 250 });

/// The most one connection may take, from accepting it to closing it.
const CONNECTION_TIME: Duration = Duration::from_secs(3);

/// How often a read wakes up to check the deadline and Cancel.
const READ_POLL: Duration = Duration::from_millis(if cfg!(fuzzing) { 5 } else { 100 });

/// How long the listener sleeps when no connection is waiting. Under cargo-fuzz (as
/// `LINGER` and `READ_POLL`) it is shorter, so a run of the `signin_client` target takes
/// milliseconds; the logic is the same.
const IDLE: Duration = Duration::from_millis(if cfg!(fuzzing) { 2 } else { 25 });

/// A bound listener, waiting for one good callback: one socket, or two when the redirect
/// URI names `localhost` (the browser may resolve it to either loopback address).
#[derive(Debug)]
pub struct LoopbackListener {
    listeners: Vec<TcpListener>,
}

impl LoopbackListener {
    /// Binds the redirect URI's loopback address and port; `localhost` binds both
    /// 127.0.0.1 and ::1 (::1 only where the machine has IPv6).
    pub fn bind(redirect: &RedirectUri) -> Result<Self, WhoopError> {
        if !redirect.is_loopback() {
            return Err(WhoopError::Invalid(
                "the redirect URI is not a loopback address; use --paste to finish sign-in by \
                 pasting the redirected URL"
                    .into(),
            ));
        }
        let url = redirect.url();
        let port = url.port_or_known_default().unwrap_or(80);
        let mut listeners = match url.host() {
            Some(Host::Ipv6(ip)) => vec![bind_one(SocketAddr::new(IpAddr::V6(ip), port))?],
            Some(Host::Ipv4(ip)) => vec![bind_one(SocketAddr::new(IpAddr::V4(ip), port))?],
            _ => vec![bind_one(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port))?],
        };
        if matches!(url.host(), Some(Host::Domain(_))) {
            // `localhost`: the browser may try ::1 first. Without IPv6 there is nothing to bind.
            match bind_one(SocketAddr::new(IpAddr::V6(Ipv6Addr::LOCALHOST), port)) {
                Ok(v6) => listeners.push(v6),
                Err(err) => tracing::debug!(%err, "no IPv6 loopback listener for localhost"),
            }
        }
        Ok(Self { listeners })
    }

    /// The bound addresses.
    pub fn local_addrs(&self) -> Vec<SocketAddr> {
        self.listeners
            .iter()
            .filter_map(|l| l.local_addr().ok())
            .collect()
    }

    /// The first bound address.
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.local_addrs().first().copied()
    }

    /// Waits for the callback that completes `sign_in`, refusing every other request.
    /// Consumes the listener: the port is closed when this returns.
    pub fn wait(
        self,
        sign_in: &SignIn,
        timeout: Duration,
        cancel: &AtomicBool,
    ) -> Result<SecretString, WhoopError> {
        let deadline = Instant::now() + timeout;
        let mut refused = 0u32;
        loop {
            if cancel.load(Ordering::Relaxed) {
                return Err(WhoopError::SignIn("cancelled".into()));
            }
            if Instant::now() >= deadline {
                return Err(WhoopError::SignInTimedOut);
            }
            let mut idle = true;
            for listener in &self.listeners {
                match listener.accept() {
                    Ok((stream, peer)) => {
                        idle = false;
                        if !peer.ip().is_loopback() {
                            continue; // Unreachable on a loopback socket; refuse silently anyway.
                        }
                        if let Some(code) = handle(stream, sign_in, deadline, cancel) {
                            return Ok(code);
                        }
                        refused += 1;
                        tracing::warn!(refused, "refused a request to the sign-in listener");
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                    Err(e) => {
                        return Err(WhoopError::Listener {
                            addr: listener.local_addr().map(|a| a.to_string()).unwrap_or_default(),
                            reason: e.kind().to_string(),
                        });
                    }
                }
            }
            if idle {
                std::thread::sleep(IDLE);
            }
        }
    }
}

/// Binds one loopback address, non-blocking; a port in use is explained.
fn bind_one(addr: SocketAddr) -> Result<TcpListener, WhoopError> {
    debug_assert!(addr.ip().is_loopback());
    let listener = TcpListener::bind(addr).map_err(|e| WhoopError::Listener {
        addr: addr.to_string(),
        reason: match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "port {} is in use by another program (perhaps another sign-in still \
                 waiting); close it and try again, or register another loopback redirect \
                 URI with WHOOP and enter it in Ironkeep's WHOOP setup",
                addr.port()
            ),
            kind => kind.to_string(),
        },
    })?;
    listener.set_nonblocking(true).map_err(|e| WhoopError::Listener {
        addr: addr.to_string(),
        reason: e.kind().to_string(),
    })?;
    Ok(listener)
}

/// Reads one request, answers, and returns the code if it completes the flow. The whole
/// connection — reading the head, answering, draining — gets at most [`CONNECTION_TIME`]
/// and never runs past `deadline` (the sign-in's); `cancel` is checked while reading, so
/// a client that sends a byte at a time cannot hold the listener.
fn handle(
    stream: TcpStream,
    sign_in: &SignIn,
    deadline: Instant,
    cancel: &AtomicBool,
) -> Option<SecretString> {
    let deadline = deadline.min(Instant::now() + CONNECTION_TIME);
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_write_timeout(Some(READ_POLL));
    let head = read_head(&stream, deadline, cancel)?;
    let verdict = match head {
        Head::Complete(bytes) => {
            let line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
            match std::str::from_utf8(line).ok().and_then(parse_request_line) {
                Some(target) => sign_in.check(target),
                None => Callback::Refused("this is not a sign-in request"),
            }
        }
        Head::TooLong => Callback::Refused("the request is too long"),
    };
    let (status, body, code) = match verdict {
        Callback::Accepted(code) => (
            "200 OK",
            "Ironkeep: WHOOP sign-in received. You can close this tab and return to Ironkeep.\n".to_owned(),
            Some(code),
        ),
        Callback::Refused(why) => (
            "400 Bad Request",
            format!("Ironkeep refused this request: {why}.\n"),
            None,
        ),
    };
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nX-Content-Type-Options: nosniff\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = (&stream).write_all(response.as_bytes());
    let _ = (&stream).flush();
    close_gracefully(&stream, deadline);
    code
}

/// A request head as read.
enum Head {
    /// Up to and including the blank line that ends it (or all the client sent before
    /// closing its side).
    Complete(Vec<u8>),
    /// Longer than [`MAX_REQUEST_HEAD`].
    TooLong,
}

/// Reads a request head until its blank line; `None` when `deadline` passes or `cancel`
/// is set first (the connection is then dropped unanswered).
fn read_head(stream: &TcpStream, deadline: Instant, cancel: &AtomicBool) -> Option<Head> {
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    loop {
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())?;
        stream.set_read_timeout(Some(left.min(READ_POLL))).ok()?;
        match (&*stream).read(&mut buf) {
            Ok(0) => return Some(Head::Complete(head)),
            Ok(n) => {
                head.extend_from_slice(&buf[..n]);
                if let Some(end) = head_end(&head) {
                    head.truncate(end);
                    return Some(Head::Complete(head));
                }
                if head.len() > MAX_REQUEST_HEAD {
                    return Some(Head::TooLong);
                }
            }
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return None,
        }
    }
}

/// Where the head ends: just after its first blank line (`\r\n\r\n` or `\n\n`).
fn head_end(bytes: &[u8]) -> Option<usize> {
    let crlf = bytes.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4);
    let lf = bytes.windows(2).position(|w| w == b"\n\n").map(|i| i + 2);
    crlf.into_iter().chain(lf).min()
}

/// Half-closes the socket and waits briefly for the peer to close its side, so the
/// answer is delivered before the connection goes away: at most [`LINGER`] in all (and
/// never past `deadline`), at most [`MAX_REQUEST_HEAD`] bytes, however the peer drips.
fn close_gracefully(stream: &TcpStream, deadline: Instant) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let until = deadline.min(Instant::now() + LINGER);
    let mut drained = 0usize;
    let mut buf = [0u8; 2048];
    while drained < MAX_REQUEST_HEAD {
        let Some(left) = until
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
        else {
            return;
        };
        if stream.set_read_timeout(Some(left)).is_err() {
            return;
        }
        match (&*stream).read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => drained += n,
        }
    }
}

/// `GET /path?query HTTP/1.1` → `/path?query`; anything else → `None`.
pub fn parse_request_line(line: &str) -> Option<&str> {
    let mut parts = line.trim_end_matches(['\r', '\n']).split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if method != "GET"
        || !target.starts_with('/')
        || !version.starts_with("HTTP/1.")
        || parts.next().is_some()
    {
        return None;
    }
    Some(target)
}
