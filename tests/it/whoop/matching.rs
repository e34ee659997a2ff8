//! WHOOP workouts matched to lifting sessions in the vault: the rule applied when a session
//! is finished or edited and after a sync, the lifter's decisions (confirm, move, undo)
//! surviving re-syncs, rescoring and WHOOP deleting the record, and a sync from the fake
//! WHOOP whose workouts line up with a generated training history.

use chrono::{DateTime, Duration, TimeZone, Utc};
use ironkeep::matching::{self, Decision};
use ironkeep::training::{SessionEdit, SessionsMut, SetInput, SetsMut, StartSession};
use rusqlite::{Connection, params};
use serde_json::json;

use super::World;
use super::fake::History;
use crate::harness::now;
use crate::training::{db, ex, kg};

/// Stores a WHOOP workout as a sync would (replacing one with the same id).
fn workout(conn: &Connection, id: &str, start: DateTime<Utc>, minutes: i64, strain: f64) {
    let end = start + Duration::minutes(minutes);
    let raw = json!({"id": id, "score": {"strain": strain, "zone_durations": {
        "zone_zero_milli": 60_000, "zone_one_milli": 120_000, "zone_two_milli": 300_000,
        "zone_three_milli": 1_200_000, "zone_four_milli": 480_000, "zone_five_milli": 60_000}}});
    conn.execute(
        "INSERT OR REPLACE INTO whoop_workout (id, user_id, start, \"end\", start_ms, end_ms,
             timezone_offset, sport_name, score_state, strain, average_heart_rate, max_heart_rate,
             kilojoule, created_at, updated_at, raw)
         VALUES (?1, 1, ?2, ?3, ?4, ?5, '-05:00', 'weightlifting', 'SCORED', ?6, 118, 171, 1450.5, ?2, ?3, ?7)",
        params![
            id,
            start.to_rfc3339(),
            end.to_rfc3339(),
            start.timestamp_millis(),
            end.timestamp_millis(),
            strain,
            raw.to_string()
        ],
    )
    .unwrap();
}

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 10, 20, h, m, 0).unwrap()
}

/// A session started at `start` with one set; finished at `end` when given.
fn lift(conn: &Connection, start: DateTime<Utc>, end: Option<DateTime<Utc>>) -> u32 {
    let id = SessionsMut::new(conn)
        .start(
            &StartSession {
                started_at: start,
                ..StartSession::default()
            },
            now(),
        )
        .unwrap()
        .session
        .id;
    SetsMut::new(conn)
        .log(id, &SetInput::working(ex(conn, "Squat (Barbell)"), kg("100"), 5))
        .unwrap();
    if let Some(end) = end {
        SessionsMut::new(conn).finish(id, end, false, now()).unwrap();
    }
    id
}

fn matched(conn: &Connection, session: u32) -> Vec<(String, Decision, Option<f64>, bool)> {
    matching::for_session(conn, session)
        .unwrap()
        .into_iter()
        .map(|e| (e.workout_id, e.decision, e.strain, e.deleted_on_whoop))
        .collect()
}

#[test]
fn finishing_a_session_matches_the_workout_whoop_recorded_during_it() {
    let conn = db();
    workout(&conn, "w-1", at(17, 5), 60, 9.4);
    let id = lift(&conn, at(17, 0), Some(at(18, 10)));
    let efforts = matching::for_session(&conn, id).unwrap();
    assert_eq!(efforts.len(), 1);
    let e = &efforts[0];
    assert_eq!((e.workout_id.as_str(), e.decision), ("w-1", Decision::Auto));
    assert_eq!(
        (e.strain, e.average_heart_rate, e.max_heart_rate),
        (Some(9.4), Some(118), Some(171))
    );
    assert_eq!(e.kilojoule, Some(1450.5));
    assert_eq!(e.sport_name, "weightlifting");
    assert_eq!(
        e.zone_ms.as_deref(),
        Some(&[60_000, 120_000, 300_000, 1_200_000, 480_000, 60_000][..])
    );
    assert_eq!(
        (e.start.as_str(), e.end.as_str()),
        ("2026-10-20T17:05:00Z", "2026-10-20T18:05:00Z")
    );
    assert_eq!(e.gid.len(), 32, "a global id");
    assert!(!e.deleted_on_whoop);
}

#[test]
fn a_sync_matches_sessions_logged_before_the_workouts_arrived_and_in_progress_ones() {
    let conn = db();
    let done = lift(&conn, at(7, 0), Some(at(8, 0)));
    let running = lift(&conn, at(17, 0), None);
    workout(&conn, "morning", at(7, 10), 45, 7.0);
    workout(&conn, "evening", at(16, 50), 80, 11.0); // 10 min before an open session
    workout(&conn, "night-run", at(22, 0), 30, 5.0); // nobody's
    let refreshed = matching::refresh(&conn, now()).unwrap();
    assert_eq!(refreshed.matched, 2);
    assert_eq!(
        matched(&conn, done),
        [("morning".into(), Decision::Auto, Some(7.0), false)]
    );
    assert_eq!(
        matched(&conn, running),
        [("evening".into(), Decision::Auto, Some(11.0), false)]
    );
    // Refreshing again changes nothing.
    assert_eq!(
        matching::refresh(&conn, now()).unwrap(),
        matching::Refreshed::default()
    );
}

#[test]
fn rescoring_updates_the_figures_and_a_workout_whoop_deleted_shows_as_such() {
    let conn = db();
    workout(&conn, "w-1", at(17, 5), 60, 9.4);
    let id = lift(&conn, at(17, 0), Some(at(18, 10)));
    matching::confirm(&conn, "w-1", now()).unwrap();
    workout(&conn, "w-1", at(17, 5), 60, 12.25); // WHOOP rescored it
    matching::refresh(&conn, now()).unwrap();
    assert_eq!(
        matched(&conn, id),
        [("w-1".into(), Decision::Confirmed, Some(12.25), false)]
    );
    conn.execute("DELETE FROM whoop_workout WHERE id = 'w-1'", [])
        .unwrap(); // as a sync deletes
    matching::refresh(&conn, now()).unwrap();
    assert_eq!(
        matched(&conn, id),
        [("w-1".into(), Decision::Confirmed, Some(12.25), true)],
        "the match stays, with the last figures seen, marked deleted"
    );
}

#[test]
fn editing_a_session_moves_automatic_matches_but_never_the_lifters_decisions() {
    let conn = db();
    workout(&conn, "a", at(7, 0), 60, 8.0);
    workout(&conn, "b", at(7, 0), 60, 8.0);
    let first = lift(&conn, at(7, 0), Some(at(8, 0)));
    let second = lift(&conn, at(12, 0), Some(at(13, 0)));
    assert_eq!(matched(&conn, first).len(), 2);
    matching::confirm(&conn, "b", now()).unwrap();
    // The lifter fixes the first session's times: it was at noon the day before.
    let edit = SessionEdit {
        started_at: Some(at(12, 0) - Duration::days(1)),
        ended_at: Some(at(13, 0) - Duration::days(1)),
        ..SessionEdit::default()
    };
    SessionsMut::new(&conn).edit(first, &edit, now()).unwrap();
    assert_eq!(
        matched(&conn, first),
        [("b".into(), Decision::Confirmed, Some(8.0), false)],
        "the automatic match left with the rule; the confirmed one stayed"
    );
    assert!(matched(&conn, second).is_empty());
}

#[test]
fn undo_keeps_a_workout_unmatched_and_assign_moves_it() {
    let conn = db();
    workout(&conn, "w", at(7, 30), 60, 8.0);
    let first = lift(&conn, at(7, 0), Some(at(8, 0)));
    let second = lift(&conn, at(8, 0), Some(at(9, 0)));
    assert_eq!(
        matched(&conn, first).len(),
        1,
        "30 min with the first, 30 with the second: the nearer start"
    );
    matching::reject(&conn, "w", now()).unwrap();
    matching::refresh(&conn, now()).unwrap();
    assert_eq!(
        matched(&conn, first),
        [("w".into(), Decision::Rejected, Some(8.0), false)]
    );
    assert!(
        matched(&conn, second).is_empty(),
        "an undone match is not redone by the rule"
    );
    matching::assign(&conn, "w", second, now()).unwrap();
    assert!(matched(&conn, first).is_empty());
    assert_eq!(
        matched(&conn, second),
        [("w".into(), Decision::Confirmed, Some(8.0), false)]
    );
    // Nothing to decide about a workout that is not in the vault, or a missing session.
    assert!(matching::confirm(&conn, "nope", now()).is_err());
    assert!(matching::assign(&conn, "nope", second, now()).is_err());
    assert!(matching::assign(&conn, "w", 999, now()).is_err());
}

#[test]
fn deleting_a_session_deletes_its_matches() {
    let conn = db();
    workout(&conn, "w", at(7, 30), 20, 8.0);
    let id = lift(&conn, at(7, 0), Some(at(8, 0)));
    matching::confirm(&conn, "w", now()).unwrap();
    SessionsMut::new(&conn).delete(id).unwrap();
    let left: i64 = conn
        .query_row("SELECT count(*) FROM whoop_match", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 0);
}

#[test]
fn an_imported_session_without_an_end_matches_from_15_minutes_before_to_3_hours_after() {
    let conn = db();
    conn.execute(
        "INSERT INTO session (name, started_at, ended_at, source) VALUES ('Upper A', ?1, NULL, 'strong')",
        [at(6, 0).to_rfc3339_opts(chrono::SecondsFormat::Secs, true)],
    )
    .unwrap();
    let id = u32::try_from(conn.last_insert_rowid()).unwrap();
    workout(&conn, "early", at(5, 44), 30, 3.0); // 16 min before: no
    workout(&conn, "inside", at(8, 59), 30, 6.0); // 2 h 59 after: yes
    workout(&conn, "late", at(9, 1), 30, 4.0); // 3 h 1 after: no
    matching::refresh(&conn, now()).unwrap();
    assert_eq!(
        matched(&conn, id),
        [("inside".into(), Decision::Auto, Some(6.0), false)]
    );
}

/// The fake WHOOP's generated history puts a workout (70 min) every few days; a lifter who
/// logged a session around each weightlifting one sees its strain after the sync.
#[test]
fn a_sync_from_the_fake_whoop_shows_strain_on_the_sessions_it_lines_up_with() {
    let history = History::generate(40, now() - Duration::days(1), 4);
    let lifting: Vec<(String, DateTime<Utc>, f64)> = history
        .workouts
        .iter()
        .filter(|w| w["sport_name"] == "weightlifting")
        .map(|w| {
            let start = DateTime::parse_from_rfc3339(w["start"].as_str().unwrap())
                .unwrap()
                .with_timezone(&Utc);
            (
                w["id"].as_str().unwrap().to_owned(),
                start,
                w["score"]["strain"].as_f64().unwrap(),
            )
        })
        .collect();
    assert!(lifting.len() >= 8, "the history holds weightlifting workouts");
    let world = World::new(history);
    let vault = world.vault();
    world.connect(&vault);
    let mut sessions = Vec::new();
    for (_, start, _) in &lifting {
        // The lifter opened the app five minutes after strapping on, finished 80 min later.
        sessions.push(lift(
            vault.conn(),
            *start + Duration::minutes(5),
            Some(*start + Duration::minutes(85)),
        ));
    }
    let report = world.sync(&vault, now()).expect("sync");
    assert_eq!(report.matches.matched as usize, lifting.len());
    for ((workout, _, strain), session) in lifting.iter().zip(&sessions) {
        assert_eq!(
            matched(vault.conn(), *session),
            [(workout.clone(), Decision::Auto, Some(*strain), false)]
        );
    }
    // A second sync (WHOOP returns the same records) keeps every match as it was.
    let again = world.sync(&vault, now()).expect("sync again");
    assert_eq!(again.matches, matching::Refreshed::default());
}

/// The JSON export carries each session's matches (decision, figures, global id); an import
/// into another vault brings them back with its sessions, shown as deleted until that vault
/// syncs the workout, and a forged match refuses the whole file.
#[test]
fn matches_travel_in_the_json_export_and_a_forged_one_is_refused() {
    let conn = db();
    workout(&conn, "w-1", at(17, 5), 60, 9.4);
    let id = lift(&conn, at(17, 0), Some(at(18, 10)));
    matching::confirm(&conn, "w-1", now()).unwrap();
    let gid = matching::for_session(&conn, id).unwrap()[0].gid.clone();
    let export = ironkeep::interchange::json::export(&conn).unwrap();
    let text = serde_json::to_value(&export).unwrap();
    assert_eq!(text["version"], ironkeep::interchange::json::VERSION);

    let other = db();
    ironkeep::interchange::json::import(&other, &export, false, now()).unwrap();
    let session: u32 = other
        .query_row("SELECT id FROM session", [], |r| r.get(0))
        .unwrap();
    let came = matching::for_session(&other, session).unwrap();
    assert_eq!(came.len(), 1);
    assert_eq!(
        (
            came[0].workout_id.as_str(),
            came[0].decision,
            came[0].gid.as_str()
        ),
        ("w-1", Decision::Confirmed, gid.as_str())
    );
    assert_eq!(came[0].strain, Some(9.4));
    assert!(
        came[0].deleted_on_whoop,
        "this vault has no such WHOOP record yet"
    );
    workout(&other, "w-1", at(17, 5), 60, 9.4);
    matching::refresh(&other, now()).unwrap();
    assert!(
        !matching::for_session(&other, session).unwrap()[0].deleted_on_whoop,
        "a sync brings it back"
    );

    let mut forged = text.clone();
    forged["sessions"][0]["whoop"][0]["sport_name"] = json!("weight\u{1b}[31mlifting");
    let forged: ironkeep::interchange::json::Export = serde_json::from_value(forged).unwrap();
    let third = db();
    assert!(ironkeep::interchange::json::import(&third, &forged, false, now()).is_err());
    let sessions: i64 = third
        .query_row("SELECT count(*) FROM session", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sessions, 0, "nothing of a refused file is written");
}
