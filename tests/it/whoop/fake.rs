//! A fake WHOOP on 127.0.0.1 (random port; a small HTTP/1.1 server with keep-alive): OAuth authorize + token endpoints with PKCE,
//! rotating single-use refresh tokens and short-lived access tokens; every v2 collection
//! with start/end/limit/nextToken semantics; rate-limit headers; injectable faults.
//! Records are built to the OpenAPI schemas (`openapi::fake_responses_match_openapi`
//! checks that) from a deterministic history, which is also the tests' ground truth.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Duration as Days, SecondsFormat, Utc};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub const CLIENT_ID: &str = "ironkeep-test-client";
pub const CLIENT_SECRET: &str = "fake-client-secret-9f8e7d6c5b4a39281706";
pub const USER_ID: i64 = 10_129;

/// Faults to inject into the next API (GET) requests; counters decrement as used.
#[derive(Debug, Default, Clone)]
pub struct Faults {
    pub burst_429: u32,
    pub server_errors: u32,
    pub slow: u32,
    pub slow_for: Duration,
    pub truncated: u32,
    pub malformed: u32,
    /// Expire every access token after this many more API requests.
    pub expire_tokens_after: Option<u32>,
    /// Fail every API request from now on with 503.
    pub down: bool,
    /// Go down (as `down`) after this many more successful API requests.
    pub down_after: Option<u32>,
    /// Refuse every API request from now on with 403 (an error no retry can fix).
    pub forbidden: bool,
    /// Grant (and so rotate) the next refreshes, but answer them only after `slow_for`:
    /// the client times out with the grant already made.
    pub slow_refreshes: u32,
}

/// The fake's state: credentials, tokens, data, faults and a request log.
#[derive(Debug)]
pub struct State {
    pub redirect_uri: String,
    pub access_lifetime: i64,
    pub rate_limit: u32,
    pub rate_window: Duration,
    /// How many requests were answered 429 (bursts included).
    pub throttled: u32,
    rate_window_start: Instant,
    rate_used: u32,
    codes: HashMap<String, (String, String)>,
    access: HashMap<String, Instant>,
    refresh: HashSet<String>,
    pub used_refresh: HashSet<String>,
    pub token_requests: u32,
    pub refreshes: u32,
    pub refresh_reuse_attempts: u32,
    pub revoked: bool,
    pub api_requests: Vec<String>,
    pub faults: Faults,
    pub data: History,
    /// Every code and token ever issued: none may appear outside the vault.
    pub issued: Vec<String>,
    counter: u64,
}

/// The fake's data: every record as JSON, per collection, in ascending start order.
#[derive(Debug, Clone)]
pub struct History {
    pub profile: Value,
    pub body: Value,
    pub cycles: Vec<Value>,
    pub recoveries: Vec<Value>,
    pub sleeps: Vec<Value>,
    pub workouts: Vec<Value>,
}

fn iso(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn uuid(kind: u8, n: u64) -> String {
    format!(
        "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
        0x5eed_0000u64 + kind as u64,
        n % 0xffff,
        kind,
        n % 0xfff,
        n
    )
}

impl History {
    /// `days` days of history ending just before `anchor`: one cycle and recovery a day,
    /// one sleep a day plus a nap every fourth day, `workouts_per_10_days` workouts per 10 days.
    pub fn generate(days: u32, anchor: DateTime<Utc>, workouts_per_10_days: u32) -> History {
        let first = anchor - Days::days(i64::from(days) + 1);
        let (mut cycles, mut recoveries, mut sleeps, mut workouts) = (vec![], vec![], vec![], vec![]);
        for day in 0..days {
            let d = u64::from(day);
            let cycle_start = first + Days::days(i64::from(day)) + Days::minutes(22 * 60 + (d % 50) as i64);
            let cycle_end = cycle_start + Days::days(1);
            let last = day + 1 == days;
            let pending = last;
            let cycle_id = 93_000_000 + d as i64;
            let sleep_id = uuid(1, d * 2);
            let state = if pending { "PENDING_SCORE" } else { "SCORED" };
            let mut cycle = json!({
                "id": cycle_id, "user_id": USER_ID,
                "created_at": iso(cycle_start + Days::minutes(5)), "updated_at": iso(cycle_start + Days::hours(9)),
                "start": iso(cycle_start), "timezone_offset": "-05:00", "score_state": state,
            });
            if !last {
                cycle["end"] = json!(iso(cycle_end));
            }
            if !pending {
                cycle["score"] = json!({"strain": 8.0 + (d % 13) as f64 * 0.75, "kilojoule": 8000.0 + (d % 97) as f64 * 11.5,
                    "average_heart_rate": 60 + (d % 20) as i64, "max_heart_rate": 150 + (d % 40) as i64});
            }
            cycles.push(cycle);
            let sleep_start = cycle_start + Days::minutes(30);
            let sleep_end = sleep_start + Days::minutes(420 + (d % 90) as i64);
            let mut sleep = json!({
                "id": sleep_id, "v1_id": 40_000_000 + d as i64, "cycle_id": cycle_id, "user_id": USER_ID,
                "created_at": iso(sleep_end + Days::minutes(3)), "updated_at": iso(sleep_end + Days::minutes(30)),
                "start": iso(sleep_start), "end": iso(sleep_end), "timezone_offset": "-05:00",
                "nap": false, "score_state": state,
            });
            if !pending {
                sleep["score"] = sleep_score(d);
            }
            sleeps.push(sleep);
            if day % 4 == 3 {
                let nap_start = cycle_start + Days::hours(15);
                sleeps.push(json!({
                    "id": uuid(1, d * 2 + 1), "cycle_id": cycle_id, "user_id": USER_ID,
                    "created_at": iso(nap_start + Days::minutes(40)), "updated_at": iso(nap_start + Days::minutes(50)),
                    "start": iso(nap_start), "end": iso(nap_start + Days::minutes(35)), "timezone_offset": "-05:00",
                    "nap": true, "score_state": "SCORED", "score": sleep_score(d + 7),
                }));
            }
            let mut recovery = json!({
                "cycle_id": cycle_id, "sleep_id": sleep_id, "user_id": USER_ID,
                "created_at": iso(sleep_end + Days::minutes(4)), "updated_at": iso(sleep_end + Days::minutes(31)),
                "score_state": state,
            });
            if !pending {
                recovery["score"] = json!({"user_calibrating": day < 4, "recovery_score": 20.0 + (d % 79) as f64,
                    "resting_heart_rate": 48.0 + (d % 9) as f64, "hrv_rmssd_milli": 30.5 + (d % 60) as f64,
                    "spo2_percentage": 95.0 + (d % 4) as f64 * 0.5, "skin_temp_celsius": 33.1 + (d % 10) as f64 * 0.1});
            }
            recoveries.push(recovery);
            for k in 0..u64::from(workouts_per_10_days) {
                if d % 10 != k * 10 / u64::from(workouts_per_10_days.max(1)) {
                    continue;
                }
                let w_start = cycle_start + Days::hours(10) + Days::minutes(k as i64);
                workouts.push(json!({
                    "id": uuid(2, d * 16 + k), "v1_id": 70_000_000 + (d * 16 + k) as i64, "user_id": USER_ID,
                    "created_at": iso(w_start + Days::minutes(75)), "updated_at": iso(w_start + Days::minutes(80)),
                    "start": iso(w_start), "end": iso(w_start + Days::minutes(70)), "timezone_offset": "-05:00",
                    "sport_name": if k % 2 == 0 { "weightlifting" } else { "running" }, "sport_id": if k % 2 == 0 { 45 } else { 0 },
                    "score_state": "SCORED",
                    "score": {"strain": 6.5 + (d % 7) as f64, "average_heart_rate": 120 + (d % 30) as i64,
                        "max_heart_rate": 170 + (d % 15) as i64, "kilojoule": 1200.0 + d as f64,
                        "percent_recorded": 100.0, "distance_meter": 5000.0, "altitude_gain_meter": 12.5,
                        "altitude_change_meter": 1.5,
                        "zone_durations": {"zone_zero_milli": 1000, "zone_one_milli": 2000, "zone_two_milli": 3000,
                            "zone_three_milli": 4000, "zone_four_milli": 500, "zone_five_milli": 60}},
                }));
            }
        }
        History {
            profile: json!({"user_id": USER_ID, "email": "lifter@example.test", "first_name": "Ada", "last_name": "Lift"}),
            body: json!({"height_meter": 1.78, "weight_kilogram": 84.2, "max_heart_rate": 193}),
            cycles,
            recoveries,
            sleeps,
            workouts,
        }
    }

    /// WHOOP rescores: the pending records become scored, and the `last` newest cycles and
    /// recoveries get new values.
    pub fn rescore(&mut self, last: usize) {
        let from = self.cycles.len().saturating_sub(last);
        for (i, c) in self.cycles.iter_mut().enumerate() {
            if c["score_state"] == "PENDING_SCORE" || i >= from {
                c["score_state"] = json!("SCORED");
                c["score"] = json!({"strain": 19.5, "kilojoule": 12345.5, "average_heart_rate": 77, "max_heart_rate": 188});
                c["updated_at"] = json!("2030-01-01T00:00:00.000Z");
            }
        }
        for (i, r) in self.recoveries.iter_mut().enumerate() {
            if r["score_state"] == "PENDING_SCORE" || i >= from {
                r["score_state"] = json!("SCORED");
                r["score"] = json!({"user_calibrating": false, "recovery_score": 99.0, "resting_heart_rate": 41.0, "hrv_rmssd_milli": 140.25});
            }
        }
        for s in &mut self.sleeps {
            if s["score_state"] == "PENDING_SCORE" {
                s["score_state"] = json!("SCORED");
                s["score"] = sleep_score(999);
            }
        }
    }

    pub fn total_timed(&self) -> usize {
        self.cycles.len() + self.recoveries.len() + self.sleeps.len() + self.workouts.len()
    }
}

fn sleep_score(d: u64) -> Value {
    json!({
        "stage_summary": {"total_in_bed_time_milli": 28_000_000 + (d % 100) as i64 * 1000, "total_awake_time_milli": 1_800_000,
            "total_no_data_time_milli": 0, "total_light_sleep_time_milli": 12_000_000, "total_slow_wave_sleep_time_milli": 6_000_000,
            "total_rem_sleep_time_milli": 7_000_000, "sleep_cycle_count": 4, "disturbance_count": 9},
        "sleep_needed": {"baseline_milli": 27_000_000, "need_from_sleep_debt_milli": 100_000,
            "need_from_recent_strain_milli": 200_000, "need_from_recent_nap_milli": -300_000},
        "respiratory_rate": 15.5, "sleep_performance_percentage": 80.0 + (d % 20) as f64,
        "sleep_consistency_percentage": 70.0, "sleep_efficiency_percentage": 90.5,
    })
}

/// A running fake server.
pub struct Fake {
    pub base: String,
    pub state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    port: u16,
    thread: Option<JoinHandle<()>>,
}

impl Drop for Fake {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One parsed HTTP request.
pub struct Request {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one request from a keep-alive connection (`None` at end of stream).
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next()?.to_owned(), parts.next()?.to_owned());
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.push((k.trim().to_owned(), v.trim().to_owned()));
        }
    }
    let len: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; len.min(1 << 20)];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        target,
        headers,
        body,
    })
}

fn serve(stream: TcpStream, state: Arc<Mutex<State>>) {
    let _ = stream.set_nodelay(true);
    let mut writer = stream.try_clone().unwrap();
    let mut reader = BufReader::new(stream);
    while let Some(request) = read_request(&mut reader) {
        let close = request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let (status, headers, payload, delay) = handle(&state, &request);
        if let Some(delay) = delay {
            std::thread::sleep(delay);
        }
        let mut out = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", payload.len());
        for (k, v) in headers {
            out.push_str(&format!("{k}: {v}\r\n"));
        }
        out.push_str(if close {
            "Connection: close\r\n\r\n"
        } else {
            "\r\n"
        });
        let mut bytes = out.into_bytes();
        bytes.extend_from_slice(&payload);
        if writer.write_all(&bytes).is_err() || close {
            return;
        }
    }
}

impl Fake {
    pub fn start(data: History, redirect_uri: &str) -> Fake {
        Fake::start_on(0, data, redirect_uri)
    }

    /// As [`Fake::start`], on a given loopback port (0: any free one).
    pub fn start_on(port: u16, data: History, redirect_uri: &str) -> Fake {
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("fake WHOOP binds");
        let port = listener.local_addr().unwrap().port();
        let state = Arc::new(Mutex::new(State {
            redirect_uri: redirect_uri.to_owned(),
            access_lifetime: 3600,
            rate_limit: 1_000_000,
            rate_window: Duration::from_secs(60),
            throttled: 0,
            rate_window_start: Instant::now(),
            rate_used: 0,
            codes: HashMap::new(),
            access: HashMap::new(),
            refresh: HashSet::new(),
            used_refresh: HashSet::new(),
            token_requests: 0,
            refreshes: 0,
            refresh_reuse_attempts: 0,
            revoked: false,
            api_requests: Vec::new(),
            faults: Faults::default(),
            data,
            issued: Vec::new(),
            counter: 0,
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let (st, stopping) = (state.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    return;
                }
                if let Ok(stream) = stream {
                    let st = st.clone();
                    std::thread::spawn(move || serve(stream, st));
                }
            }
        });
        Fake {
            base: format!("http://127.0.0.1:{port}"),
            state,
            stop,
            port,
            thread: Some(thread),
        }
    }

    pub fn with<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        f(&mut self.state.lock().unwrap())
    }

    /// API GETs to a path since the last call (and clears the log).
    pub fn take_requests(&self) -> Vec<String> {
        self.with(|s| std::mem::take(&mut s.api_requests))
    }
}

type Reply = (u16, Vec<(String, String)>, Vec<u8>, Option<Duration>);

fn reply(status: u16, body: Value) -> Reply {
    (
        status,
        vec![("Content-Type".into(), "application/json".into())],
        body.to_string().into_bytes(),
        None,
    )
}

fn form(body: &[u8]) -> HashMap<String, String> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

fn handle(state: &Mutex<State>, request: &Request) -> Reply {
    let body = &request.body;
    let mut s = state.lock().unwrap();
    let url = url::Url::parse(&format!("http://fake{}", request.target)).unwrap();
    let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
    let method = request.method.clone();
    match (method.as_str(), url.path()) {
        ("GET", "/oauth/oauth2/auth") => authorize(&mut s, &query),
        ("POST", "/oauth/oauth2/token") => token(&mut s, &form(body)),
        (_, path) if path.starts_with("/developer/") => api(&mut s, request, &method, path, &query),
        _ => reply(404, json!({"error": "not found"})),
    }
}

fn authorize(s: &mut State, q: &HashMap<String, String>) -> Reply {
    let ok = q.get("client_id").map(String::as_str) == Some(CLIENT_ID)
        && q.get("redirect_uri") == Some(&s.redirect_uri)
        && q.get("response_type").map(String::as_str) == Some("code")
        && q.get("code_challenge_method").map(String::as_str) == Some("S256")
        && q.get("scope")
            .is_some_and(|sc| sc.split(' ').any(|x| x == "offline"))
        && q.get("state").is_some_and(|st| st.len() >= 8);
    if !ok {
        return reply(400, json!({"error": "invalid_request"}));
    }
    s.counter += 1;
    let code = format!(
        "code-{}-{}",
        s.counter,
        URL_SAFE_NO_PAD.encode(s.counter.to_le_bytes())
    );
    s.codes.insert(
        code.clone(),
        (q["code_challenge"].clone(), s.redirect_uri.clone()),
    );
    s.issued.push(code.clone());
    let mut location = url::Url::parse(&s.redirect_uri).unwrap();
    location
        .query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &q["state"]);
    (
        302,
        vec![("Location".into(), location.to_string())],
        Vec::new(),
        None,
    )
}

fn issue(s: &mut State) -> Value {
    s.counter += 1;
    let access = format!("fake-access-{}-{}", s.counter, "a1b2c3d4e5f60718293a");
    let refresh = format!("fake-refresh-{}-{}", s.counter, "0f1e2d3c4b5a69788796");
    s.access.insert(
        access.clone(),
        Instant::now() + Duration::from_secs(s.access_lifetime as u64),
    );
    s.refresh.insert(refresh.clone());
    s.issued.push(access.clone());
    s.issued.push(refresh.clone());
    json!({"access_token": access, "refresh_token": refresh, "expires_in": s.access_lifetime,
           "scope": "offline read:cycles", "token_type": "bearer"})
}

fn token(s: &mut State, f: &HashMap<String, String>) -> Reply {
    s.token_requests += 1;
    if f.get("client_id").map(String::as_str) != Some(CLIENT_ID)
        || f.get("client_secret").map(String::as_str) != Some(CLIENT_SECRET)
    {
        return reply(401, json!({"error": "invalid_client"}));
    }
    match f.get("grant_type").map(String::as_str) {
        Some("authorization_code") => {
            let Some((challenge, redirect)) = f.get("code").and_then(|c| s.codes.remove(c)) else {
                return reply(400, json!({"error": "invalid_grant"}));
            };
            let verifier_ok = f
                .get("code_verifier")
                .is_some_and(|v| URL_SAFE_NO_PAD.encode(Sha256::digest(v.as_bytes())) == challenge);
            if f.get("redirect_uri") != Some(&redirect) || !verifier_ok {
                return reply(400, json!({"error": "invalid_grant"}));
            }
            reply(200, issue(s))
        }
        Some("refresh_token") => {
            let Some(token) = f.get("refresh_token") else {
                return reply(400, json!({"error": "invalid_request"}));
            };
            if !s.refresh.remove(token) {
                if s.used_refresh.contains(token) {
                    s.refresh_reuse_attempts += 1;
                }
                return reply(400, json!({"error": "invalid_grant"}));
            }
            s.used_refresh.insert(token.clone());
            s.refreshes += 1;
            let (status, headers, body, _) = reply(200, issue(s));
            let delay = (s.faults.slow_refreshes > 0).then(|| {
                s.faults.slow_refreshes -= 1;
                s.faults.slow_for
            });
            (status, headers, body, delay)
        }
        _ => reply(400, json!({"error": "unsupported_grant_type"})),
    }
}

fn api(s: &mut State, request: &Request, method: &str, path: &str, q: &HashMap<String, String>) -> Reply {
    s.api_requests.push(format!("{method} {path}"));
    if s.rate_window_start.elapsed() >= s.rate_window {
        s.rate_window_start = Instant::now();
        s.rate_used = 0;
    }
    let left = s.rate_window.saturating_sub(s.rate_window_start.elapsed());
    let reset = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    let limit = s.rate_limit;
    let window = s.rate_window.as_secs().max(1);
    let headers = |used: u32| {
        vec![
            ("Content-Type".to_owned(), "application/json".to_owned()),
            (
                "X-RateLimit-Limit".to_owned(),
                format!("{limit}, {limit};window={window}, 10000;window=86400"),
            ),
            (
                "X-RateLimit-Remaining".to_owned(),
                limit.saturating_sub(used).to_string(),
            ),
            ("X-RateLimit-Reset".to_owned(), reset.to_string()),
        ]
    };
    if s.rate_used >= limit || s.faults.burst_429 > 0 {
        s.faults.burst_429 = s.faults.burst_429.saturating_sub(1);
        s.throttled += 1;
        let mut h = headers(limit);
        h.push(("Retry-After".into(), reset.to_string()));
        return (429, h, b"{\"error\":\"rate limited\"}".to_vec(), None);
    }
    s.rate_used += 1;
    let used = s.rate_used;
    if let Some(n) = s.faults.expire_tokens_after {
        if n == 0 {
            for expiry in s.access.values_mut() {
                *expiry = Instant::now();
            }
            s.faults.expire_tokens_after = None;
        } else {
            s.faults.expire_tokens_after = Some(n - 1);
        }
    }
    let auth = request.header("authorization").unwrap_or_default().to_owned();
    let token = auth.strip_prefix("Bearer ").unwrap_or_default();
    if s.access.get(token).is_none_or(|exp| *exp <= Instant::now()) {
        return (401, headers(used), b"{\"error\":\"unauthorized\"}".to_vec(), None);
    }
    if let Some(n) = s.faults.down_after {
        if n == 0 {
            s.faults.down = true;
            s.faults.down_after = None;
        } else {
            s.faults.down_after = Some(n - 1);
        }
    }
    if s.faults.forbidden {
        return (403, headers(used), b"{\"error\":\"forbidden\"}".to_vec(), None);
    }
    if s.faults.down || s.faults.server_errors > 0 {
        s.faults.server_errors = s.faults.server_errors.saturating_sub(1);
        return (503, headers(used), b"<html>upstream error</html>".to_vec(), None);
    }
    let mut delay = None;
    if s.faults.slow > 0 {
        s.faults.slow -= 1;
        delay = Some(s.faults.slow_for);
    }
    let (status, body) = route(s, method, path, q);
    let mut bytes = body.to_string().into_bytes();
    if status == 200 && s.faults.truncated > 0 {
        s.faults.truncated -= 1;
        bytes.truncate(bytes.len() / 2);
    } else if status == 200 && s.faults.malformed > 0 {
        s.faults.malformed -= 1;
        bytes = b"{\"records\": [{\"id\": tru".to_vec();
    }
    let status = if method == "DELETE" && status == 200 {
        204
    } else {
        status
    };
    if status == 204 {
        bytes.clear();
    }
    (status, headers(used), bytes, delay)
}

/// A record's start as text: every time the fake holds is RFC 3339 UTC with milliseconds
/// and `Z`, so text order is time order (and no parsing per request).
fn start_of(v: &Value) -> &str {
    v["start"].as_str().unwrap()
}

fn route(s: &mut State, method: &str, path: &str, q: &HashMap<String, String>) -> (u16, Value) {
    let data = &s.data;
    let records: Vec<(&str, &Value)> = match (method, path) {
        ("DELETE", "/developer/v2/user/access") => {
            s.revoked = true;
            s.access.clear();
            s.refresh.clear();
            return (200, Value::Null);
        }
        ("GET", "/developer/v2/user/profile/basic") => return (200, data.profile.clone()),
        ("GET", "/developer/v2/user/measurement/body") => return (200, data.body.clone()),
        ("GET", "/developer/v2/cycle") => data.cycles.iter().map(|c| (start_of(c), c)).collect(),
        ("GET", "/developer/v2/activity/sleep") => data.sleeps.iter().map(|c| (start_of(c), c)).collect(),
        ("GET", "/developer/v2/activity/workout") => data.workouts.iter().map(|c| (start_of(c), c)).collect(),
        ("GET", "/developer/v2/recovery") => {
            let starts: HashMap<i64, &str> = data
                .cycles
                .iter()
                .map(|c| (c["id"].as_i64().unwrap(), start_of(c)))
                .collect();
            data.recoveries
                .iter()
                .filter_map(|r| starts.get(&r["cycle_id"].as_i64().unwrap()).map(|t| (*t, r)))
                .collect()
        }
        _ => return (404, json!({"error": "not found"})),
    };
    let parse = |key: &str| {
        q.get(key)
            .map(|t| DateTime::parse_from_rfc3339(t).map(|t| iso(t.with_timezone(&Utc))))
    };
    let (Ok(start), Ok(end)) = (parse("start").transpose(), parse("end").transpose()) else {
        return (400, json!({"error": "bad time"}));
    };
    let limit: usize = q.get("limit").and_then(|l| l.parse().ok()).unwrap_or(10);
    if limit == 0 || limit > 25 {
        return (400, json!({"error": "limit must be 1..25"}));
    }
    let offset: usize = match q.get("nextToken") {
        None => 0,
        Some(t) => match URL_SAFE_NO_PAD
            .decode(t)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| s.parse().ok())
        {
            Some(n) => n,
            None => return (400, json!({"error": "bad nextToken"})),
        },
    };
    let mut selected: Vec<_> = records
        .into_iter()
        .filter(|(t, _)| start.as_deref().is_none_or(|s| *t >= s) && end.as_deref().is_none_or(|e| *t < e))
        .collect();
    selected.sort_by_key(|(t, _)| std::cmp::Reverse(*t));
    let page: Vec<Value> = selected
        .iter()
        .skip(offset)
        .take(limit)
        .map(|(_, v)| (*v).clone())
        .collect();
    let mut out = json!({ "records": page });
    if offset + limit < selected.len() {
        out["next_token"] = json!(URL_SAFE_NO_PAD.encode((offset + limit).to_string()));
    }
    (200, out)
}

/// A minimal HTTP/1.1 GET over a TCP socket: returns (status, Location header, body).
pub fn http_get(url: &str) -> std::io::Result<(u16, Option<String>, String)> {
    let url = url::Url::parse(url).expect("URL");
    let host = url.host_str().unwrap().trim_matches(['[', ']']).to_owned();
    let mut stream = TcpStream::connect((host.as_str(), url.port_or_known_default().unwrap()))?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let target = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )?;
    let mut text = String::new();
    stream.read_to_string(&mut text)?;
    let status = text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let location = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("Location: ")
                .or_else(|| l.strip_prefix("location: "))
        })
        .map(str::to_owned);
    Ok((status, location, body.to_owned()))
}

/// Uses a refresh token directly at the fake's token endpoint (as a stale copy would);
/// returns the HTTP status.
pub fn http_post_refresh(base: &str, refresh_token: &str) -> u16 {
    let url = url::Url::parse(base).unwrap();
    let mut stream = TcpStream::connect(("127.0.0.1", url.port().unwrap())).unwrap();
    let body = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("grant_type", "refresh_token")
        .append_pair("refresh_token", refresh_token)
        .append_pair("client_id", CLIENT_ID)
        .append_pair("client_secret", CLIENT_SECRET)
        .finish();
    write!(
        stream,
        "POST /oauth/oauth2/token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    text.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}
