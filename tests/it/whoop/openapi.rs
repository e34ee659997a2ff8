//! The fake is shaped by WHOOP's official OpenAPI document: every response it serves
//! validates structurally (required fields, types, enums, formats) against the schema the
//! document gives for that path's 200 answer; and the parser accepts what WHOOP sends.

use serde_json::Value;

use super::World;
use super::fake::History;
use crate::harness::now;

fn document() -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/whoop/openapi.json");
    serde_json::from_slice(&std::fs::read(path).expect("openapi.json is in the tests")).unwrap()
}

fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.trim_start_matches("#/components/schemas/");
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

/// Checks `value` against `schema`; pushes every violation with its JSON path.
fn validate(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    let schema = resolve(doc, schema);
    if let Some(all) = schema.get("allOf").and_then(Value::as_array) {
        for s in all {
            validate(doc, s, value, at, errors);
        }
    }
    let kind = schema.get("type").and_then(Value::as_str);
    let ok = match kind {
        Some("object") | None if schema.get("properties").is_some() => value.is_object(),
        Some("integer") => value.is_i64() || value.is_u64(),
        Some("number") => value.is_number(),
        Some("string") => value.is_string(),
        Some("boolean") => value.is_boolean(),
        Some("array") => value.is_array(),
        _ => true,
    };
    if !ok {
        errors.push(format!("{at}: expected {kind:?}, got {value}"));
        return;
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array)
        && !values.contains(value)
    {
        errors.push(format!("{at}: {value} is not in {values:?}"));
    }
    match (schema.get("format").and_then(Value::as_str), value.as_str()) {
        (Some("date-time"), Some(text)) if chrono::DateTime::parse_from_rfc3339(text).is_err() => {
            errors.push(format!("{at}: {text} is not a date-time"));
        }
        (Some("uuid"), Some(text)) if text.len() != 36 || text.split('-').count() != 5 => {
            errors.push(format!("{at}: {text} is not a uuid"));
        }
        _ => {}
    }
    if let Some(required) = schema.get("required").and_then(Value::as_array) {
        for field in required.iter().filter_map(Value::as_str) {
            if value.get(field).is_none() {
                errors.push(format!("{at}: required field {field} is missing"));
            }
        }
    }
    if let (Some(props), Some(object)) = (
        schema.get("properties").and_then(Value::as_object),
        value.as_object(),
    ) {
        for (key, v) in object {
            match props.get(key) {
                Some(s) => validate(doc, s, v, &format!("{at}.{key}"), errors),
                None => errors.push(format!("{at}: {key} is not in the schema")),
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, v) in array.iter().enumerate() {
            validate(doc, items, v, &format!("{at}[{i}]"), errors);
        }
    }
}

fn response_schema<'a>(doc: &'a Value, path: &str) -> &'a Value {
    let schema = &doc["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(!schema.is_null(), "the document has a 200 schema for {path}");
    schema
}

#[test]
fn fake_responses_match_openapi() {
    let doc = document();
    let world = World::new(History::generate(40, now(), 5));
    let vault = world.vault();
    world.connect(&vault);
    let token: String = vault
        .conn()
        .query_row("SELECT access_token FROM whoop_account", [], |r| r.get(0))
        .unwrap();
    let mut checked = 0;
    for path in [
        "/v2/user/profile/basic",
        "/v2/user/measurement/body",
        "/v2/cycle",
        "/v2/recovery",
        "/v2/activity/sleep",
        "/v2/activity/workout",
    ] {
        let mut next: Option<String> = None;
        loop {
            let mut url = url::Url::parse(&format!("{}/developer{path}", world.fake.base)).unwrap();
            if !path.starts_with("/v2/user") {
                url.query_pairs_mut().append_pair("limit", "25");
            }
            if let Some(t) = &next {
                url.query_pairs_mut().append_pair("nextToken", t);
            }
            let body = get_with_token(&url, &token);
            let mut errors = Vec::new();
            validate(&doc, response_schema(&doc, path), &body, path, &mut errors);
            assert!(
                errors.is_empty(),
                "the fake's {path} response breaks the OpenAPI schema:\n{}",
                errors.join("\n")
            );
            checked += body["records"].as_array().map_or(1, Vec::len);
            match body["next_token"].as_str() {
                Some(t) => next = Some(t.to_owned()),
                None => break,
            }
        }
    }
    assert!(
        checked > 150,
        "every record of every collection was validated ({checked})"
    );
}

#[test]
fn the_validator_rejects_what_the_schema_forbids() {
    let doc = document();
    let mut errors = Vec::new();
    let bad = serde_json::json!({"records": [{"id": "not-an-int", "user_id": 1, "score_state": "MAYBE"}]});
    validate(
        &doc,
        response_schema(&doc, "/v2/cycle"),
        &bad,
        "cycle",
        &mut errors,
    );
    assert!(
        errors.iter().any(|e| e.contains("expected Some(\"integer\")")),
        "a wrong type is caught: {errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("required field start")),
        "a missing field is caught: {errors:?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("MAYBE")),
        "a bad enum is caught: {errors:?}"
    );
}

fn get_with_token(url: &url::Url, token: &str) -> Value {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect((url.host_str().unwrap(), url.port().unwrap())).unwrap();
    let target = match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_owned(),
    };
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    stream.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 200"), "the fake answers 200: {head}");
    serde_json::from_str(body).unwrap()
}
