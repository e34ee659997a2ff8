//! End to end through the CLI: setup → connect through the real loopback listener → full
//! sync → compare with the fake's ground truth → rescore → incremental sync.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};

use chrono::Utc;
use ironkeep::whoop::{self, Collection};

use super::fake::{self, CLIENT_ID, CLIENT_SECRET, Fake, History};
use super::{World, assert_matches_truth, free_port};
use crate::harness::{Run, Sandbox, now};

pub struct CliWorld {
    pub sandbox: Sandbox,
    pub fake: Fake,
    pub redirect: String,
}

impl CliWorld {
    /// A vault and a fake whose history ends at the real clock (the CLI reads it).
    pub fn new(days: u32) -> CliWorld {
        let sandbox = Sandbox::new();
        sandbox.init();
        let redirect = format!("http://127.0.0.1:{}/callback", free_port());
        let fake = Fake::start(History::generate(days, Utc::now(), 4), &redirect);
        let world = CliWorld {
            sandbox,
            fake,
            redirect,
        };
        world
            .cli(
                &[
                    "whoop",
                    "setup",
                    "--client-id",
                    CLIENT_ID,
                    "--redirect-uri",
                    &world.redirect,
                ],
                &format!("{CLIENT_SECRET}\n"),
            )
            .ok();
        world
    }

    pub fn cli(&self, args: &[&str], stdin: &str) -> Run {
        self.sandbox
            .cli_env(args, stdin, &[("IRONKEEP_WHOOP_BASE_URL", &self.fake.base)])
    }

    pub fn spawn(&self, args: &[&str]) -> Child {
        self.sandbox
            .command(args)
            .env("IRONKEEP_WHOOP_BASE_URL", &self.fake.base)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ironkeep")
    }

    /// Starts `whoop connect --no-browser` and returns the child and the printed URL.
    pub fn start_connect(&self) -> (Child, String, BufReader<std::process::ChildStdout>) {
        let mut child = self.spawn(&["whoop", "connect", "--no-browser", "--timeout", "30"]);
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        let url = loop {
            line.clear();
            let n = stdout.read_line(&mut line).unwrap();
            assert!(n > 0, "connect ended before printing the sign-in URL");
            if line.starts_with("http") {
                break line.trim().to_owned();
            }
        };
        (child, url, stdout)
    }

    /// Connects through the real loopback listener; returns connect's stdout + stderr.
    pub fn connect(&self) -> String {
        let (child, url, mut stdout) = self.start_connect();
        assert!(
            url.starts_with(&format!("{}/oauth/oauth2/auth?", self.fake.base)),
            "URL derives from the base: {url}"
        );
        let (status, location, _) = fake::http_get(&url).unwrap();
        assert_eq!(status, 302, "the fake authorizes and redirects");
        let location = location.expect("a Location header");
        assert!(
            location.starts_with(&self.redirect),
            "redirected to the registered URI"
        );
        let (status, _, page) = fake::http_get(&location).expect("the loopback listener answers");
        assert_eq!(status, 200, "the listener accepts the real callback: {page}");
        finish(child, &mut stdout)
    }
}

/// Waits for a spawned command, asserts success, returns all its output.
pub fn finish(mut child: Child, stdout: &mut BufReader<std::process::ChildStdout>) -> String {
    let mut rest = String::new();
    std::io::Read::read_to_string(stdout, &mut rest).unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).unwrap();
    let status = child.wait().unwrap();
    assert!(status.success(), "command failed: {rest}\n{err}");
    format!("{rest}\n{err}")
}

#[test]
fn connect_sync_rescore_and_resync_through_the_cli() {
    let world = CliWorld::new(60);
    world.connect();
    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    assert_eq!(status["state"], "connected", "connected after the listener flow");

    let report = world.cli(&["--json", "whoop", "sync"], "").ok().json();
    let truth = world.fake.with(|s| s.data.clone());
    let vault = ironkeep::Vault::open(&world.sandbox.dir(), ironkeep::Unlock::Keychain, now()).unwrap();
    assert_matches_truth(vault.conn(), &truth);
    let fetched: u64 = report["collections"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["fetched"].as_u64().unwrap())
        .sum();
    assert_eq!(
        fetched as usize,
        truth.total_timed() + 2,
        "every record fetched once"
    );
    drop(vault);

    // WHOOP rescores recent records (and scores the pending ones) between syncs.
    world.fake.with(|s| s.data.rescore(3));
    world.fake.take_requests();
    world.cli(&["whoop", "sync"], "").ok();
    let truth_after = world.fake.with(|s| s.data.clone());
    assert_ne!(truth.cycles, truth_after.cycles, "the rescore changed something");
    let vault = ironkeep::Vault::open(&world.sandbox.dir(), ironkeep::Unlock::Keychain, now()).unwrap();
    // Records in the trailing window carry their new values; nothing is duplicated.
    assert_matches_truth(vault.conn(), &truth_after);
    let requests = world.fake.take_requests();
    assert_eq!(
        requests.len(),
        6,
        "an incremental sync costs one request per collection: {requests:?}"
    );

    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    for c in status["collections"].as_array().unwrap() {
        assert!(
            c["last_sync_at"].is_string(),
            "every collection has a last sync: {c}"
        );
        assert!(c["last_error"].is_null(), "no collection stopped early: {c}");
    }
    assert!(status["next_step"].is_null(), "nothing to do after a clean sync");
}

#[test]
fn backfill_costs_the_minimum_requests_and_an_empty_resync_one_per_collection() {
    let world = World::new(History::generate(200, now(), 4));
    let vault = world.vault();
    world.connect(&vault);
    world.fake.take_requests();
    world.sync(&vault, now()).expect("sync completes");
    let truth = world.fake.with(|s| s.data.clone());
    assert_matches_truth(vault.conn(), &truth);
    // A first sync reads each timed collection's newest three days (one page each), then the
    // older records in full pages.
    let pages = |n: usize| n.div_ceil(25).max(1);
    let newest_from = now() - chrono::Duration::days(3);
    let older = |starts: Vec<&str>| {
        starts
            .into_iter()
            .filter(|s| chrono::DateTime::parse_from_rfc3339(s).unwrap() < newest_from)
            .count()
    };
    fn start(v: &serde_json::Value) -> &str {
        v["start"].as_str().unwrap()
    }
    let cycle_start: std::collections::HashMap<i64, &str> = truth
        .cycles
        .iter()
        .map(|c| (c["id"].as_i64().unwrap(), start(c)))
        .collect();
    let minimum = 2
        + 1
        + pages(older(truth.cycles.iter().map(start).collect()))
        + 1
        + pages(older(
            truth
                .recoveries
                .iter()
                .map(|r| cycle_start[&r["cycle_id"].as_i64().unwrap()])
                .collect(),
        ))
        + 1
        + pages(older(truth.sleeps.iter().map(start).collect()))
        + 1
        + pages(older(truth.workouts.iter().map(start).collect()));
    let requests = world.fake.take_requests();
    assert_eq!(
        requests.len(),
        minimum,
        "a backfill sends exactly the pages it needs: {requests:?}"
    );

    world.sync(&vault, now() + chrono::Duration::minutes(5)).unwrap();
    assert_eq!(
        world.fake.take_requests().len(),
        6,
        "nothing new: one request per collection"
    );
    for collection in Collection::ALL {
        let count = whoop::store::count(vault.conn(), collection).unwrap();
        assert!(count > 0, "{} holds records", collection.name());
    }
}

#[test]
fn records_whoop_deleted_vanish_after_a_covering_sync() {
    let world = World::new(History::generate(30, now(), 4));
    let vault = world.vault();
    world.connect(&vault);
    world.sync(&vault, now()).unwrap();
    let (gone_sleep, gone_workout) = world.fake.with(|s| {
        let sleep = s.data.sleeps.pop().unwrap();
        let workout = s.data.workouts.pop().unwrap();
        (
            sleep["id"].as_str().unwrap().to_owned(),
            workout["id"].as_str().unwrap().to_owned(),
        )
    });
    let report = world.sync(&vault, now() + chrono::Duration::hours(1)).unwrap();
    let deleted: u32 = report.collections.iter().map(|c| c.deleted).sum();
    assert_eq!(deleted, 2, "exactly the two records WHOOP deleted are removed");
    for (table, id) in [("whoop_sleep", gone_sleep), ("whoop_workout", gone_workout)] {
        let n: i64 = vault
            .conn()
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 0, "{table} no longer holds the deleted record");
    }
    assert_matches_truth(vault.conn(), &world.fake.with(|s| s.data.clone()));
}

#[test]
fn export_json_carries_every_whoop_record_exactly_as_sent() {
    let world = CliWorld::new(20);
    world.connect();
    world.cli(&["whoop", "sync"], "").ok();
    let out = world.sandbox.path("export.json");
    world
        .cli(&["export", "json", "--out", out.to_str().unwrap()], "")
        .ok();
    let text = std::fs::read_to_string(&out).unwrap();
    let export: ironkeep::interchange::json::Export = serde_json::from_str(&text).unwrap();
    let vault = ironkeep::Vault::open(&world.sandbox.dir(), ironkeep::Unlock::Keychain, now()).unwrap();
    for collection in ironkeep::whoop::Collection::ALL {
        let stored = ironkeep::whoop::raw_records(vault.conn(), collection).unwrap();
        let exported = export
            .whoop
            .get(collection.name())
            .map(Vec::as_slice)
            .unwrap_or_default();
        assert_eq!(
            exported.len(),
            stored.len(),
            "{}: every record is exported",
            collection.name()
        );
        assert!(
            !stored.is_empty(),
            "{}: the fake served records",
            collection.name()
        );
        for (e, s) in exported.iter().zip(&stored) {
            assert_eq!(
                e.0.get(),
                s.get(),
                "{}: exported byte for byte",
                collection.name()
            );
        }
    }
    drop(vault);
    // The export still imports (its WHOOP section is left to WHOOP sync).
    world
        .cli(&["import", out.to_str().unwrap(), "--dry-run"], "")
        .ok();
}

#[test]
fn ctrl_c_stops_a_sync_which_resumes_next_time() {
    let world = CliWorld::new(30);
    world.connect();
    world.fake.with(|s| {
        s.faults.slow = 1000;
        s.faults.slow_for = std::time::Duration::from_millis(300);
    });
    let mut child = world.spawn(&["whoop", "sync"]);
    crate::harness::press_ctrl_c(&mut child);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "stopped by Ctrl-C: {stderr}");
    assert!(
        stderr.contains("what was fetched is kept"),
        "the message says how to go on: {stderr}"
    );
    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    let unfinished = status["collections"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["last_sync_at"].is_null())
        .count();
    assert!(unfinished > 0, "the sync stopped before the end: {status}");

    world.fake.with(|s| s.faults.slow = 0);
    world.cli(&["whoop", "sync"], "").ok();
    let truth = world.fake.with(|s| s.data.clone());
    let vault = ironkeep::Vault::open(&world.sandbox.dir(), ironkeep::Unlock::Keychain, now()).unwrap();
    assert_matches_truth(vault.conn(), &truth);
}

#[test]
fn kill_9_mid_sync_keeps_every_committed_page_and_the_sync_resumes() {
    let world = CliWorld::new(200);
    world.connect();
    world.fake.with(|s| {
        s.faults.slow = 100_000;
        s.faults.slow_for = std::time::Duration::from_millis(100);
    });
    let cycles = |vault: &ironkeep::Vault| crate::training::count(vault.conn(), Collection::Cycles.table());
    let timed = |vault: &ironkeep::Vault| {
        [
            Collection::Cycles,
            Collection::Recoveries,
            Collection::Sleeps,
            Collection::Workouts,
        ]
        .iter()
        .map(|c| crate::training::count(vault.conn(), c.table()) as usize)
        .sum::<usize>()
    };
    let mut child = world.spawn(&["whoop", "sync"]);
    let watcher = ironkeep::Vault::open(&world.sandbox.dir(), ironkeep::Unlock::Keychain, now()).unwrap();
    while cycles(&watcher) == 0 {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the sync ended before a page was seen"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap();
    let seen = timed(&watcher);
    child.wait().unwrap();
    drop(watcher);
    let vault = ironkeep::Vault::open(&world.sandbox.dir(), ironkeep::Unlock::Keychain, now())
        .expect("the vault opens after the sync was killed");
    assert!(timed(&vault) >= seen, "nothing committed was lost");
    let truth = world.fake.with(|s| s.data.clone());
    assert!(
        timed(&vault) < truth.total_timed(),
        "the sync was killed before it ended"
    );
    drop(vault);
    world.fake.with(|s| s.faults.slow = 0);
    world.cli(&["whoop", "sync"], "").ok();
    let vault = ironkeep::Vault::open(&world.sandbox.dir(), ironkeep::Unlock::Keychain, now()).unwrap();
    assert_matches_truth(vault.conn(), &truth);
}

/// A first sync reads each collection's newest three days before any backfill, and says so:
/// when progress first reports `newest_in`, today's WHOOP day is in the vault and the years
/// of history are not yet.
#[test]
fn a_first_sync_brings_the_newest_days_before_the_backfill() {
    let world = World::new(History::generate(400, now(), 4));
    let vault = world.vault();
    world.connect(&vault);
    let newest_cycle = world.fake.with(|s| {
        let c = s.data.cycles.last().unwrap().clone();
        let start = chrono::DateTime::parse_from_rfc3339(c["start"].as_str().unwrap()).unwrap();
        whoop::cycle_day(start.timestamp_millis(), c["timezone_offset"].as_str().unwrap())
    });
    let mut seen = None;
    whoop::sync(
        &vault,
        &world.base(),
        now(),
        &super::tiny_options(),
        &std::sync::atomic::AtomicBool::new(false),
        &mut |p| {
            if p.newest_in && seen.is_none() {
                let latest = whoop::latest_day(vault.conn()).unwrap();
                let cycles: i64 = vault
                    .conn()
                    .query_row("SELECT count(*) FROM whoop_cycle", [], |r| r.get(0))
                    .unwrap();
                seen = Some((latest, cycles));
            }
        },
    )
    .expect("sync completes");
    let (latest, cycles) = seen.expect("progress says when the newest days are in");
    assert_eq!(
        latest.day,
        Some(newest_cycle.to_string()),
        "today's WHOOP day is in"
    );
    assert!(latest.sleep_hours.is_some(), "last night's sleep is in");
    assert!(
        cycles <= 3,
        "the backfill has not started: {cycles} of 400 cycles"
    );
}

/// The app's credentials are checked at WHOOP's token endpoint before they are stored: a
/// wrong secret (or id) is a clear error now, not a failed redirect after signing in, and
/// nothing is stored; right ones are stored, and no code was granted by the check.
#[test]
fn setup_checks_the_client_id_and_secret_before_storing_them() {
    let world = CliWorld::new(1);
    let setup = |id: &str, secret: &str, redirect: &str| {
        world.cli(
            &[
                "--json",
                "whoop",
                "setup",
                "--client-id",
                id,
                "--redirect-uri",
                redirect,
            ],
            &format!("{secret}\n"),
        )
    };
    let elsewhere = "http://127.0.0.1:9/elsewhere";
    for (id, secret) in [
        (CLIENT_ID, "not-the-secret"),
        ("someone-elses-app", CLIENT_SECRET),
    ] {
        let run = setup(id, secret, elsewhere).fails();
        let error = &run.json()["error"];
        assert_eq!(error["code"], "whoop_wrong_credentials", "{id}: {error}");
        assert!(
            error["message"].as_str().unwrap().contains("developer.whoop.com"),
            "{error}"
        );
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "the secret is never echoed"
        );
    }
    // The right setup made at start is still the stored one.
    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    assert_eq!(
        status["redirect_uri"],
        world.redirect.as_str(),
        "a refused setup changed nothing: {status}"
    );
    let before = world.fake.with(|s| s.token_requests);
    setup(CLIENT_ID, CLIENT_SECRET, elsewhere).ok();
    assert_eq!(
        world.fake.with(|s| s.token_requests),
        before + 1,
        "one token request checks them"
    );
    let status = world.cli(&["--json", "whoop", "status"], "").ok().json();
    assert_eq!(status["redirect_uri"], elsewhere, "right credentials are stored");
    assert_eq!(
        status["state"], "not_connected",
        "the check connected nothing: {status}"
    );
}
