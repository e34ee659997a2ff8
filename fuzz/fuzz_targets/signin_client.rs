//! Fuzzes the WHOOP sign-in listener against a slow or garbage local client. Each run binds
//! a real listener on 127.0.0.1 (port 0) and lets the input play the client: bytes in
//! chunks with short pauses, over up to four connections, some half-closed to read the
//! answer, some dropped early, some left open. `$S` in the input stands for the sign-in's
//! real `state`, so genuine callbacks are reachable too. The listener must never panic,
//! must return a code only when some connection's request line was `GET` to the exact
//! redirect path with that state once and that code once, and must return by its deadline
//! or soon after Cancel, however the client behaves.
#![no_main]

use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ironkeep::whoop::{ClientCredentials, LoopbackListener, RedirectUri, SignIn};
use libfuzzer_sys::fuzz_target;
use secrecy::{ExposeSecret, SecretString};

/// How late the listener may return after its deadline or Cancel: under cargo-fuzz its
/// reads wake every 5 ms and its graceful close lingers at most 20 ms (100 and 250 ms in a
/// normal build); the rest is a busy machine.
const SLACK: Duration = Duration::from_millis(1500);

/// The most connections and chunks one run makes, so every run stays short.
const MAX_CONNECTIONS: usize = 4;
const MAX_CHUNKS: usize = 24;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, script)) = data.split_first() else {
        return;
    };
    let redirect = RedirectUri::parse("http://127.0.0.1:0/callback").expect("redirect");
    let creds = ClientCredentials {
        client_id: "fuzz".into(),
        client_secret: SecretString::from("fuzz-secret"),
        redirect_uri: redirect.clone(),
    };
    let authorize = url::Url::parse("https://example.invalid/oauth2/auth").expect("url");
    let sign_in = SignIn::begin(authorize, &creds).expect("sign-in");
    let state = sign_in
        .authorization_url()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .expect("the authorization URL carries the state");
    let listener = LoopbackListener::bind(&redirect).expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("bound");
    // Even modes end by the sign-in's deadline (5 to 36 ms), odd ones by Cancel once the
    // client is done.
    let by_deadline = mode % 2 == 0;
    let timeout = if by_deadline {
        Duration::from_millis(5 + u64::from(mode / 8))
    } else {
        Duration::from_secs(30)
    };
    let cancel = AtomicBool::new(false);

    let (result, sent, returned_at, cancelled_at) = std::thread::scope(|scope| {
        let waiting = scope.spawn(|| {
            let result = listener.wait(&sign_in, timeout, &cancel);
            (result, Instant::now())
        });
        let started = Instant::now();
        let (sent, open) = play(addr, script, &state);
        let cancelled_at = (!by_deadline).then(|| {
            cancel.store(true, Ordering::Relaxed);
            Instant::now()
        });
        let (result, returned_at) = waiting.join().expect("the listener never panics");
        drop(open);
        (
            result,
            sent,
            returned_at - started,
            cancelled_at.map(|at| at - started),
        )
    });

    match cancelled_at {
        Some(at) => assert!(
            returned_at <= at + SLACK,
            "cancelled at {at:?} but returned at {returned_at:?}"
        ),
        None => assert!(
            returned_at <= timeout + SLACK,
            "a {timeout:?} sign-in returned at {returned_at:?}"
        ),
    }
    if let Ok(code) = result {
        assert!(
            sent.iter()
                .any(|request| genuine(request, &state, code.expose_secret())),
            "the listener accepted a code no request carried with the right path and state"
        );
    }
});

/// Plays the client's script; returns every connection's bytes and the connections left
/// open (closed once the listener has returned).
fn play(addr: SocketAddr, script: &[u8], state: &str) -> (Vec<Vec<u8>>, Vec<TcpStream>) {
    let mut sent: Vec<Vec<u8>> = Vec::new();
    let mut left_open = Vec::new();
    let mut current: Option<TcpStream> = None;
    let mut rest = script;
    for _ in 0..MAX_CHUNKS {
        let Some((&control, tail)) = rest.split_first() else {
            break;
        };
        let len = (usize::from(control >> 4) * 4).min(tail.len());
        let (chunk, tail) = tail.split_at(len);
        rest = tail;
        if current.is_none() {
            if sent.len() == MAX_CONNECTIONS {
                break;
            }
            let Ok(stream) = TcpStream::connect(addr) else {
                break;
            };
            current = Some(stream);
            sent.push(Vec::new());
        }
        let stream = current.as_mut().expect("connected");
        let bytes = substitute(chunk, state);
        if stream.write_all(&bytes).is_ok() {
            sent.last_mut().expect("connection").extend_from_slice(&bytes);
        }
        std::thread::sleep(Duration::from_millis(u64::from(control & 0b11)));
        match (control >> 2) & 0b11 {
            0 => {}
            1 => {
                // Half-close and read the answer (briefly), as a browser does.
                let stream = current.take().expect("connected");
                let _ = stream.shutdown(Shutdown::Write);
                let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
                let _ = (&stream).read_to_end(&mut Vec::new());
            }
            2 => drop(current.take()),
            _ => left_open.extend(current.take()),
        }
    }
    left_open.extend(current);
    (sent, left_open)
}

/// The chunk with every `$S` replaced by the sign-in's state.
fn substitute(chunk: &[u8], state: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(chunk.len());
    let mut i = 0;
    while i < chunk.len() {
        if chunk[i..].starts_with(b"$S") {
            out.extend_from_slice(state.as_bytes());
            i += 2;
        } else {
            out.push(chunk[i]);
            i += 1;
        }
    }
    out
}

/// Whether `request`'s first line is `GET /callback?… HTTP/1.x` carrying `state` and `code`,
/// each exactly once.
fn genuine(request: &[u8], state: &str, code: &str) -> bool {
    let line = request.split(|b| *b == b'\n').next().unwrap_or_default();
    let Ok(line) = std::str::from_utf8(line) else {
        return false;
    };
    let parts: Vec<&str> = line.trim_end_matches('\r').split(' ').collect();
    let [method, target, version] = parts[..] else {
        return false;
    };
    if method != "GET" || !version.starts_with("HTTP/1.") || !target.starts_with('/') {
        return false;
    }
    let Ok(url) = url::Url::parse(&format!("http://127.0.0.1:0{target}")) else {
        return false;
    };
    let pairs: Vec<(String, String)> = url.query_pairs().into_owned().collect();
    let once = |key: &str, value: &str| {
        pairs.iter().filter(|(k, _)| k == key).count() == 1
            && pairs.iter().any(|(k, v)| k == key && v == value)
    };
    url.path() == "/callback" && once("state", state) && once("code", code)
}
