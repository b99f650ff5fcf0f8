//! Typed field readers for hand-written `from_json` conversions. They keep the rules
//! the former serde derives had: a required field must be present; an `Option` field
//! may be missing or null; a defaulted field may be missing but not of another type
//! (null included). Every error names the field.

use super::{Json, Map};

/// The object, or an error naming what was expected (`what`: "a snapshot", …).
pub fn object<'a>(value: &'a Json, what: &str) -> Result<&'a Map, String> {
    value
        .as_object()
        .ok_or_else(|| format!("expected {what} (an object), got {}", kind(value)))
}

fn kind(v: &Json) -> &'static str {
    match v {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "a list",
        Json::Object(_) => "an object",
    }
}

fn missing(key: &str) -> String {
    format!("missing field `{key}`")
}

fn wrong(key: &str, expected: &str, got: &Json) -> String {
    format!("field `{key}`: expected {expected}, got {}", kind(got))
}

fn as_string(key: &str, v: &Json) -> Result<String, String> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| wrong(key, "a string", v))
}

fn as_u32(key: &str, v: &Json) -> Result<u32, String> {
    v.as_u64()
        .and_then(|n| u32::try_from(n).ok())
        .ok_or_else(|| wrong(key, "a whole number from 0 to 4294967295", v))
}

fn as_strings(key: &str, v: &Json) -> Result<Vec<String>, String> {
    let items = v.as_array().ok_or_else(|| wrong(key, "a list", v))?;
    items.iter().map(|s| as_string(key, s)).collect()
}

pub fn req_str(obj: &Map, key: &str) -> Result<String, String> {
    as_string(key, obj.get(key).ok_or_else(|| missing(key))?)
}

/// Missing → "" (the former `#[serde(default)]`).
pub fn str_or_default(obj: &Map, key: &str) -> Result<String, String> {
    obj.get(key)
        .map_or(Ok(String::new()), |v| as_string(key, v))
}

/// Missing or null → `None`.
pub fn opt_str(obj: &Map, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(v) => as_string(key, v).map(Some),
    }
}

pub fn req_u32(obj: &Map, key: &str) -> Result<u32, String> {
    as_u32(key, obj.get(key).ok_or_else(|| missing(key))?)
}

/// Missing or null → `None`.
pub fn opt_u32(obj: &Map, key: &str) -> Result<Option<u32>, String> {
    match obj.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(v) => as_u32(key, v).map(Some),
    }
}

/// Missing or null → `None`.
pub fn opt_i64(obj: &Map, key: &str) -> Result<Option<i64>, String> {
    match obj.get(key) {
        None | Some(Json::Null) => Ok(None),
        Some(v) => v
            .as_i64()
            .map(Some)
            .ok_or_else(|| wrong(key, "a whole number", v)),
    }
}

pub fn req_bool(obj: &Map, key: &str) -> Result<bool, String> {
    let v = obj.get(key).ok_or_else(|| missing(key))?;
    v.as_bool().ok_or_else(|| wrong(key, "true or false", v))
}

/// Missing → false.
pub fn bool_or_false(obj: &Map, key: &str) -> Result<bool, String> {
    match obj.get(key) {
        None => Ok(false),
        Some(v) => v.as_bool().ok_or_else(|| wrong(key, "true or false", v)),
    }
}

pub fn req_strings(obj: &Map, key: &str) -> Result<Vec<String>, String> {
    as_strings(key, obj.get(key).ok_or_else(|| missing(key))?)
}

/// Missing → empty.
pub fn strings_or_default(obj: &Map, key: &str) -> Result<Vec<String>, String> {
    obj.get(key).map_or(Ok(Vec::new()), |v| as_strings(key, v))
}
