//! WHOOP's v2 records, parsed from untrusted bytes into bounded, typed rows.
//!
//! Each record keeps its raw JSON exactly as WHOOP sent it (a `RawValue`, byte for byte)
//! beside the columns Ironkeep reads. Fields the OpenAPI document marks required must be
//! there; unknown fields are tolerated; every string and count has a bound. The pure
//! [`parse_page`] and [`parse_any`] are the fuzzing entry points.

use chrono::DateTime;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

/// Most records accepted in one page (WHOOP sends at most 25).
pub const MAX_RECORDS_PER_PAGE: usize = 100;

/// A WHOOP data collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub enum Collection {
    /// The basic profile (one record).
    Profile,
    /// Body measurements (one record).
    Body,
    /// Physiological cycles.
    Cycles,
    /// Recoveries (one per cycle).
    Recoveries,
    /// Sleeps, naps included.
    Sleeps,
    /// Workouts.
    Workouts,
}

impl Collection {
    /// Every collection, in sync order (cycles before recoveries, which refer to them).
    pub const ALL: [Collection; 6] = [
        Collection::Profile,
        Collection::Body,
        Collection::Cycles,
        Collection::Recoveries,
        Collection::Sleeps,
        Collection::Workouts,
    ];

    /// The name used in the database, output and `--json`.
    pub fn name(self) -> &'static str {
        match self {
            Collection::Profile => "profile",
            Collection::Body => "body",
            Collection::Cycles => "cycles",
            Collection::Recoveries => "recoveries",
            Collection::Sleeps => "sleeps",
            Collection::Workouts => "workouts",
        }
    }

    /// The v2 API path.
    pub fn path(self) -> &'static str {
        match self {
            Collection::Profile => "/v2/user/profile/basic",
            Collection::Body => "/v2/user/measurement/body",
            Collection::Cycles => "/v2/cycle",
            Collection::Recoveries => "/v2/recovery",
            Collection::Sleeps => "/v2/activity/sleep",
            Collection::Workouts => "/v2/activity/workout",
        }
    }

    /// The table holding it.
    pub fn table(self) -> &'static str {
        match self {
            Collection::Profile => "whoop_profile",
            Collection::Body => "whoop_body",
            Collection::Cycles => "whoop_cycle",
            Collection::Recoveries => "whoop_recovery",
            Collection::Sleeps => "whoop_sleep",
            Collection::Workouts => "whoop_workout",
        }
    }

    /// Whether it is paginated over time.
    pub fn is_timed(self) -> bool {
        !matches!(self, Collection::Profile | Collection::Body)
    }
}

/// Why WHOOP's bytes were refused (never quotes them).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

/// A record's WHOOP id: an integer for cycles (and recoveries, by cycle), a UUID otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum RecordId {
    /// Cycle id.
    Int(i64),
    /// Sleep or workout UUID, lowercase.
    Uuid(String),
}

/// One parsed record: its id, its time, its columns, and its raw JSON.
#[derive(Debug, Clone)]
pub struct Record {
    /// The WHOOP id it is upserted by.
    pub id: RecordId,
    /// Start time (UTC ms); for recoveries, filled from the cycle when stored.
    pub start_ms: Option<i64>,
    /// The parsed columns.
    pub data: RecordData,
    /// The JSON exactly as WHOOP sent it.
    pub raw: String,
}

/// The typed body of a record.
#[derive(Debug, Clone)]
#[allow(missing_docs)]
pub enum RecordData {
    Cycle(Cycle),
    Recovery(Recovery),
    Sleep(Sleep),
    Workout(Workout),
}

/// A parsed page of a timed collection.
#[derive(Debug, Clone)]
pub struct Page {
    /// The records, in WHOOP's order (newest first).
    pub records: Vec<Record>,
    /// The token for the next page, if any.
    pub next_token: Option<String>,
}

#[derive(Deserialize)]
struct RawPage<'a> {
    #[serde(borrow, default)]
    records: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    next_token: Option<String>,
}

/// Common fields, as WHOOP sends them.
#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct Cycle {
    pub id: i64,
    pub user_id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub start: String,
    #[serde(default)]
    pub end: Option<String>,
    pub timezone_offset: String,
    pub score_state: String,
    #[serde(default)]
    pub score: Option<CycleScore>,
}

#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct CycleScore {
    pub strain: f64,
    pub kilojoule: f64,
    pub average_heart_rate: i64,
    pub max_heart_rate: i64,
}

#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct Recovery {
    pub cycle_id: i64,
    pub sleep_id: String,
    pub user_id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub score_state: String,
    #[serde(default)]
    pub score: Option<RecoveryScore>,
}

#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct RecoveryScore {
    pub user_calibrating: bool,
    pub recovery_score: f64,
    pub resting_heart_rate: f64,
    pub hrv_rmssd_milli: f64,
    #[serde(default)]
    pub spo2_percentage: Option<f64>,
    #[serde(default)]
    pub skin_temp_celsius: Option<f64>,
}

#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct Sleep {
    pub id: String,
    pub cycle_id: i64,
    pub user_id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub start: String,
    pub end: String,
    pub timezone_offset: String,
    pub nap: bool,
    pub score_state: String,
    #[serde(default)]
    pub score: Option<SleepScore>,
}

#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct SleepScore {
    pub stage_summary: StageSummary,
    #[serde(default)]
    pub respiratory_rate: Option<f64>,
    #[serde(default)]
    pub sleep_performance_percentage: Option<f64>,
    #[serde(default)]
    pub sleep_efficiency_percentage: Option<f64>,
}

#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct StageSummary {
    pub total_in_bed_time_milli: i64,
}

#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct Workout {
    pub id: String,
    pub user_id: i64,
    pub created_at: String,
    pub updated_at: String,
    pub start: String,
    pub end: String,
    pub timezone_offset: String,
    pub sport_name: String,
    pub score_state: String,
    #[serde(default)]
    pub score: Option<WorkoutScore>,
}

#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct WorkoutScore {
    pub strain: f64,
    pub average_heart_rate: i64,
    pub max_heart_rate: i64,
    pub kilojoule: f64,
}

/// The basic profile.
#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct Profile {
    pub user_id: i64,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
}

/// Body measurements.
#[allow(missing_docs)]
#[derive(Debug, Clone, Deserialize)]
pub struct Body {
    pub height_meter: f64,
    pub weight_kilogram: f64,
    pub max_heart_rate: i64,
}

/// An RFC 3339 time as UTC milliseconds.
pub fn time_ms(text: &str) -> Result<i64, ParseError> {
    if text.len() > 40 {
        return Err(ParseError("a time is too long".into()));
    }
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.timestamp_millis())
        .map_err(|_| ParseError("a time is not RFC 3339".into()))
}

fn bounded(what: &str, text: &str, max: usize) -> Result<(), ParseError> {
    if text.len() > max || text.chars().any(char::is_control) {
        return Err(ParseError(format!(
            "{what} is too long or holds control characters"
        )));
    }
    Ok(())
}

fn score_state(state: &str) -> Result<(), ParseError> {
    match state {
        "SCORED" | "PENDING_SCORE" | "UNSCORABLE" => Ok(()),
        _ => Err(ParseError("a score_state is not one WHOOP documents".into())),
    }
}

fn uuid(text: &str) -> Result<String, ParseError> {
    let ok = text.len() == 36
        && text.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        });
    if !ok {
        return Err(ParseError("an id is not a UUID".into()));
    }
    Ok(text.to_ascii_lowercase())
}

fn common(created: &str, updated: &str, tz: Option<&str>) -> Result<(), ParseError> {
    time_ms(created)?;
    time_ms(updated)?;
    if let Some(tz) = tz {
        bounded("a timezone_offset", tz, 16)?;
    }
    Ok(())
}

fn record(collection: Collection, raw: &RawValue) -> Result<Record, ParseError> {
    fn parse<T: DeserializeOwned>(raw: &RawValue) -> Result<T, ParseError> {
        serde_json::from_str(raw.get()).map_err(|e| {
            ParseError(format!(
                "a record is not of the documented shape ({})",
                json_problem(&e)
            ))
        })
    }
    let (id, start_ms, data) = match collection {
        Collection::Cycles => {
            let c: Cycle = parse(raw)?;
            common(&c.created_at, &c.updated_at, Some(&c.timezone_offset))?;
            score_state(&c.score_state)?;
            if let Some(end) = &c.end {
                time_ms(end)?;
            }
            (
                RecordId::Int(c.id),
                Some(time_ms(&c.start)?),
                RecordData::Cycle(c),
            )
        }
        Collection::Recoveries => {
            let r: Recovery = parse(raw)?;
            common(&r.created_at, &r.updated_at, None)?;
            score_state(&r.score_state)?;
            let sleep_id = uuid(&r.sleep_id)?;
            (
                RecordId::Int(r.cycle_id),
                None,
                RecordData::Recovery(Recovery { sleep_id, ..r }),
            )
        }
        Collection::Sleeps => {
            let s: Sleep = parse(raw)?;
            common(&s.created_at, &s.updated_at, Some(&s.timezone_offset))?;
            score_state(&s.score_state)?;
            time_ms(&s.end)?;
            let id = uuid(&s.id)?;
            (RecordId::Uuid(id), Some(time_ms(&s.start)?), RecordData::Sleep(s))
        }
        Collection::Workouts => {
            let w: Workout = parse(raw)?;
            common(&w.created_at, &w.updated_at, Some(&w.timezone_offset))?;
            score_state(&w.score_state)?;
            bounded("a sport_name", &w.sport_name, 200)?;
            time_ms(&w.end)?;
            let id = uuid(&w.id)?;
            (
                RecordId::Uuid(id),
                Some(time_ms(&w.start)?),
                RecordData::Workout(w),
            )
        }
        Collection::Profile | Collection::Body => {
            return Err(ParseError("profile and body are not paginated".into()));
        }
    };
    Ok(Record {
        id,
        start_ms,
        data,
        raw: raw.get().to_owned(),
    })
}

/// Parses one page of a timed collection (untrusted bytes).
pub fn parse_page(collection: Collection, bytes: &[u8]) -> Result<Page, ParseError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ParseError("the response is not UTF-8".into()))?;
    let page: RawPage<'_> = serde_json::from_str(text)
        .map_err(|e| ParseError(format!("the response is not a page ({})", json_problem(&e))))?;
    let raws = page.records.unwrap_or_default();
    if raws.len() > MAX_RECORDS_PER_PAGE {
        return Err(ParseError("a page holds too many records".into()));
    }
    if let Some(token) = &page.next_token {
        bounded("the next_token", token, 4096)?;
    }
    let records = raws
        .into_iter()
        .map(|raw| record(collection, raw))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Page {
        records,
        next_token: page.next_token.filter(|t| !t.is_empty()),
    })
}

/// Parses the profile (untrusted bytes).
pub fn parse_profile(bytes: &[u8]) -> Result<Profile, ParseError> {
    let p: Profile = serde_json::from_slice(bytes)
        .map_err(|_| ParseError("the profile is not of the documented shape".into()))?;
    for (what, text) in [
        ("the email", &p.email),
        ("a name", &p.first_name),
        ("a name", &p.last_name),
    ] {
        bounded(what, text, 320)?;
    }
    Ok(p)
}

/// Parses body measurements (untrusted bytes).
pub fn parse_body(bytes: &[u8]) -> Result<Body, ParseError> {
    let b: Body = serde_json::from_slice(bytes)
        .map_err(|_| ParseError("the body measurement is not of the documented shape".into()))?;
    if !(b.height_meter.is_finite() && b.weight_kilogram.is_finite()) {
        return Err(ParseError("a body measurement is not a number".into()));
    }
    Ok(b)
}

/// The fuzzing entry point: the first byte picks a collection, the rest is the response.
pub fn parse_any(bytes: &[u8]) -> Result<usize, ParseError> {
    let Some((&pick, rest)) = bytes.split_first() else {
        return Err(ParseError("empty".into()));
    };
    match Collection::ALL[usize::from(pick) % Collection::ALL.len()] {
        Collection::Profile => parse_profile(rest).map(|_| 1),
        Collection::Body => parse_body(rest).map(|_| 1),
        timed => parse_page(timed, rest).map(|p| p.records.len()),
    }
}

/// What kind of JSON problem an error is (never its text, which could quote the input).
fn json_problem(err: &serde_json::Error) -> &'static str {
    match err.classify() {
        serde_json::error::Category::Io => "read error",
        serde_json::error::Category::Syntax => "malformed JSON",
        serde_json::error::Category::Data => "wrong fields or types",
        serde_json::error::Category::Eof => "truncated JSON",
    }
}
