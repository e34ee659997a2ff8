//! The sign-in listener cannot be held open: one deadline per connection (never past the
//! sign-in's), Cancel checked while reading (issue 14, item 3).

use std::io::Write;
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ironkeep::whoop::{ClientCredentials, LoopbackListener, RedirectUri, SignIn};
use secrecy::SecretString;

/// A listener on a free loopback port and a sign-in for it.
fn listener() -> (LoopbackListener, SignIn, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redirect = RedirectUri::parse(&format!("http://127.0.0.1:{port}/callback")).unwrap();
    let creds = ClientCredentials {
        client_id: "client".into(),
        client_secret: SecretString::from("secret"),
        redirect_uri: redirect.clone(),
    };
    let sign_in = SignIn::begin(url::Url::parse("https://example.invalid/auth").unwrap(), &creds).unwrap();
    (LoopbackListener::bind(&redirect).unwrap(), sign_in, port)
}

/// Connects and sends one byte of a request line every `every`, until told to stop (or
/// for 10 s at most, so a listener without the limits fails these tests instead of hanging).
fn drip(port: u16, every: Duration, stop: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
            return;
        };
        let give_up = Instant::now() + Duration::from_secs(10);
        for byte in b"GET /callback?code=x&state=y HTTP/1.1\r\n".iter().cycle() {
            if stop.load(Ordering::Relaxed) || Instant::now() > give_up || stream.write_all(&[*byte]).is_err()
            {
                return;
            }
            std::thread::sleep(every);
        }
    })
}

#[test]
fn a_dripping_client_cannot_hold_the_listener_past_the_sign_in_deadline() {
    let (listener, sign_in, port) = listener();
    let stop = Arc::new(AtomicBool::new(false));
    let dripper = drip(port, Duration::from_millis(500), stop.clone());
    let started = Instant::now();
    let result = listener.wait(&sign_in, Duration::from_secs(2), &AtomicBool::new(false));
    let took = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    dripper.join().unwrap();
    assert!(result.is_err(), "no code arrived");
    assert!(
        took < Duration::from_millis(3500),
        "the 2 s sign-in deadline holds while a client drips bytes (took {took:?})"
    );
}

#[test]
fn cancel_is_seen_while_a_client_drips() {
    let (listener, sign_in, port) = listener();
    let stop = Arc::new(AtomicBool::new(false));
    let dripper = drip(port, Duration::from_millis(500), stop.clone());
    let cancel = Arc::new(AtomicBool::new(false));
    let canceller = {
        let cancel = cancel.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(700));
            cancel.store(true, Ordering::Relaxed);
            Instant::now()
        })
    };
    let result = listener.wait(&sign_in, Duration::from_secs(60), &cancel);
    let cancelled_at = canceller.join().unwrap();
    let late = cancelled_at.elapsed();
    stop.store(true, Ordering::Relaxed);
    dripper.join().unwrap();
    assert!(result.is_err());
    assert!(
        late < Duration::from_millis(600),
        "Cancel took effect within {late:?}"
    );
}

#[test]
fn each_connection_gets_one_deadline_so_the_real_callback_still_arrives() {
    let (listener, sign_in, port) = listener();
    let stop = Arc::new(AtomicBool::new(false));
    let dripper = drip(port, Duration::from_millis(500), stop.clone());
    let state: String = sign_in
        .authorization_url()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let browser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        crate::whoop::fake::http_get(&format!(
            "http://127.0.0.1:{port}/callback?code=real&state={state}"
        ))
    });
    let started = Instant::now();
    let code = listener
        .wait(&sign_in, Duration::from_secs(60), &AtomicBool::new(false))
        .expect("the browser's callback completes the sign-in");
    let took = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    dripper.join().unwrap();
    let _ = browser.join();
    use secrecy::ExposeSecret;
    assert_eq!(code.expose_secret(), "real");
    assert!(
        took < Duration::from_secs(6),
        "the drip held the listener for {took:?}"
    );
}

#[test]
fn a_localhost_redirect_listens_on_both_loopback_addresses() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let redirect = RedirectUri::parse(&format!("http://localhost:{port}/callback")).unwrap();
    let listener = LoopbackListener::bind(&redirect).unwrap();
    let ips: Vec<_> = listener.local_addrs().iter().map(|a| a.ip()).collect();
    assert!(ips.contains(&std::net::Ipv4Addr::LOCALHOST.into()), "{ips:?}");
    if std::net::TcpListener::bind("[::1]:0").is_ok() {
        assert!(
            ips.contains(&std::net::Ipv6Addr::LOCALHOST.into()),
            "a browser that resolves localhost to ::1 finds the listener: {ips:?}"
        );
    }
    assert!(ips.iter().all(std::net::IpAddr::is_loopback), "{ips:?}");
}
