//! The one-shot loopback listener that receives WHOOP's sign-in redirect.
//!
//! It binds the loopback IP of the registered redirect URI (never a wildcard address),
//! reads each request's head (bounded in size and time) but looks only at its first line,
//! and answers with a short plain-text page, closing gracefully so the browser sees the
//! page rather than a reset connection. Only the first request to the exact path whose `state` matches
//! completes the flow; every other request — wrong state, missing code, `error=`, another
//! path, another method — is refused and the listener keeps waiting, until the timeout.
//! The socket closes when [`LoopbackListener::wait`] returns, whatever the outcome.

use std::io::{BufRead, BufReader, Write};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use secrecy::SecretString;
use url::Host;

use super::WhoopError;
use super::account::RedirectUri;
use super::oauth::{Callback, SignIn};

/// Most bytes read from one request's head (request line and headers).
const MAX_REQUEST_HEAD: u64 = 16 * 1024;

/// How long the listener waits, after answering, for the browser to close its side.
const LINGER: Duration = Duration::from_millis(250);

/// How long one connection may take to send its request line.
const READ_TIMEOUT: Duration = Duration::from_secs(3);

/// A bound listener, waiting for one good callback.
#[derive(Debug)]
pub struct LoopbackListener {
    listener: TcpListener,
}

impl LoopbackListener {
    /// Binds the redirect URI's loopback address and port (`localhost` means 127.0.0.1).
    pub fn bind(redirect: &RedirectUri) -> Result<Self, WhoopError> {
        if !redirect.is_loopback() {
            return Err(WhoopError::Invalid(
                "the redirect URI is not a loopback address; use --paste to finish sign-in by \
                 pasting the redirected URL"
                    .into(),
            ));
        }
        let url = redirect.url();
        let ip = match url.host() {
            Some(Host::Ipv6(ip)) => IpAddr::V6(ip),
            Some(Host::Ipv4(ip)) => IpAddr::V4(ip),
            _ => IpAddr::V4(Ipv4Addr::LOCALHOST),
        };
        debug_assert!(ip.is_loopback() && ip != IpAddr::V6(Ipv6Addr::UNSPECIFIED));
        let addr = SocketAddr::new(ip, url.port_or_known_default().unwrap_or(80));
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
        Ok(Self { listener })
    }

    /// The bound address.
    pub fn local_addr(&self) -> Option<SocketAddr> {
        self.listener.local_addr().ok()
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
            match self.listener.accept() {
                Ok((stream, peer)) => {
                    if !peer.ip().is_loopback() {
                        continue; // Unreachable on a loopback socket; refuse silently anyway.
                    }
                    match handle(stream, sign_in) {
                        Some(code) => return Ok(code),
                        None => {
                            refused += 1;
                            tracing::warn!(refused, "refused a request to the sign-in listener");
                        }
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(25));
                }
                Err(e) => {
                    return Err(WhoopError::Listener {
                        addr: self.local_addr().map(|a| a.to_string()).unwrap_or_default(),
                        reason: e.kind().to_string(),
                    });
                }
            }
        }
    }
}

/// Reads one request, answers, and returns the code if it completes the flow.
fn handle(stream: TcpStream, sign_in: &SignIn) -> Option<SecretString> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(READ_TIMEOUT));
    let _ = stream.set_write_timeout(Some(READ_TIMEOUT));
    let mut head = BufReader::new(std::io::Read::take(&stream, MAX_REQUEST_HEAD));
    let mut line = String::new();
    let verdict = match head.read_line(&mut line) {
        Ok(_) => match parse_request_line(&line) {
            Some(target) => sign_in.check(target),
            None => Callback::Refused("this is not a sign-in request"),
        },
        Err(_) => Callback::Refused("the request could not be read"),
    };
    skip_headers(&mut head);
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
    close_gracefully(&stream);
    code
}

/// Reads (and ignores) header lines up to the blank line that ends the head. Closing a
/// socket with unread bytes makes the kernel reset the connection, and the client may
/// then lose the answer.
fn skip_headers(head: &mut impl BufRead) {
    let mut line = Vec::new();
    loop {
        line.clear();
        match head.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) if line == b"\r\n" || line == b"\n" => return,
            Ok(_) => {}
        }
    }
}

/// Half-closes the socket and waits briefly for the peer to close its side, so the
/// answer is delivered before the connection goes away.
fn close_gracefully(stream: &TcpStream) {
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(LINGER));
    let mut drain = std::io::Read::take(stream, MAX_REQUEST_HEAD);
    let _ = std::io::copy(&mut drain, &mut std::io::sink());
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
