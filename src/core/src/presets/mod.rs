//! Scope presets: what to tick for a well-known task, each grounded in a public
//! source. The built-in table lives in `data/presets.json`; team presets use the same
//! shape and go through the same validation, which reports every problem with its
//! exact field path and never yields a partial result.

mod bundled;
pub mod team;

use crate::catalog::catalog;
use crate::sort::CollectSet;
use serde::{Deserialize, Serialize};
use serde_json::Value as Json;
use std::collections::BTreeSet;
use std::fmt;
use std::sync::OnceLock;

/// Where a rule or a preset comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub title: String,
    pub url: String,
}

/// The team file form of a preset (and of `data/presets.json`). `from_value` reads it
/// with a validation pass that reports every problem; the derive writes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preset {
    /// Stable id: lower-case letters, digits and single hyphens, starting with a letter.
    pub id: String,
    pub title: String,
    /// Coarse grouping for the picker: "Code", "Packages", "Pipelines", "Work", "Reporting", "Administration".
    pub purpose_group: String,
    /// One line: what the token is for.
    pub task: String,
    /// Exactly the scope ids to tick (all offered in the PAT UI).
    pub scopes: Vec<String>,
    pub recommended_days: u32,
    pub source: Source,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    /// The documented setup asks for "All accessible organizations" (a global PAT).
    #[serde(default)]
    pub needs_global: bool,
}

/// One validation problem: `path` is the field (`presets[2].scopes[1]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PresetError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for PresetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

pub const MAX_ID_LEN: usize = 64;
pub const MAX_TITLE_LEN: usize = 100;

const PRESET_KEYS: [&str; 9] = [
    "id",
    "title",
    "purpose_group",
    "task",
    "scopes",
    "recommended_days",
    "source",
    "notes",
    "needs_global",
];

impl Preset {
    /// The team file form of a preset. Keys are in alphabetical order (nested
    /// `source` too, as a `Value`'s sorted map writes them) and an empty `notes` is
    /// left out, so exported files do not change.
    pub fn to_json(&self) -> Json {
        serde_json::to_value(self).expect("a preset has only strings, numbers and lists")
    }

    /// Parses a preset document — `{"presets": [...]}` or a bare array — and validates
    /// it against the catalog. Either every preset is returned or every error is.
    pub fn from_json(json: &str) -> Result<Vec<Preset>, Vec<PresetError>> {
        let value: Json = serde_json::from_str(json).map_err(|e| {
            vec![PresetError {
                path: "$".into(),
                message: format!("not valid JSON: {e}"),
            }]
        })?;
        Preset::from_value(&value)
    }

    pub fn from_value(value: &Json) -> Result<Vec<Preset>, Vec<PresetError>> {
        let mut errors = Vec::new();
        let items = match value {
            Json::Array(items) => items,
            Json::Object(top) => {
                for key in top.keys() {
                    if key != "presets" && !key.starts_with('_') {
                        errors.push(err(key, "unknown key (expected \"presets\")".to_string()));
                    }
                }
                match top.get("presets") {
                    Some(Json::Array(items)) => items,
                    Some(other) => {
                        errors.push(err(
                            "presets",
                            format!("expected a list, got {}", show(other)),
                        ));
                        return Err(errors);
                    }
                    None => {
                        errors.push(err("presets", "missing".to_string()));
                        return Err(errors);
                    }
                }
            }
            other => {
                errors.push(err(
                    "$",
                    format!(
                        "expected an object with \"presets\" or a list, got {}",
                        show(other)
                    ),
                ));
                return Err(errors);
            }
        };
        let mut parsed = Vec::new();
        for (i, item) in items.iter().enumerate() {
            if let Some(p) = read_preset(item, &format!("presets[{i}]"), &mut errors) {
                parsed.push((i, p));
            }
        }
        errors.extend(validate_indexed(parsed.iter().map(|(i, p)| (*i, p))));
        if errors.is_empty() {
            Ok(parsed.into_iter().map(|(_, p)| p).collect())
        } else {
            crate::sort::stable_sort_by_key(&mut errors, |e| path_key(&e.path));
            Err(errors)
        }
    }

    /// Checks one preset against the catalog; `path` prefixes every error.
    pub fn validate(&self, path: &str) -> Vec<PresetError> {
        let mut errors = Vec::new();
        let at = |field: &str| format!("{path}.{field}");
        if !is_valid_id(&self.id) {
            errors.push(PresetError {
                path: at("id"),
                message: format!(
                    "{:?} is not a valid id: use lower-case letters, digits and single hyphens, starting with a letter, at most {MAX_ID_LEN} characters",
                    self.id
                ),
            });
        }
        for (field, value) in [
            ("title", &self.title),
            ("purpose_group", &self.purpose_group),
            ("task", &self.task),
            ("source.title", &self.source.title),
        ] {
            if value.trim().is_empty() {
                errors.push(PresetError {
                    path: at(field),
                    message: "must not be empty".into(),
                });
            } else if value.chars().count() > MAX_TITLE_LEN
                && matches!(field, "title" | "purpose_group")
            {
                errors.push(PresetError {
                    path: at(field),
                    message: format!("longer than {MAX_TITLE_LEN} characters"),
                });
            }
        }
        if !self.source.url.starts_with("https://") || self.source.url.contains(char::is_whitespace)
        {
            errors.push(PresetError {
                path: at("source.url"),
                message: format!("expected an https:// address, got {:?}", self.source.url),
            });
        }
        if !(1..=365).contains(&self.recommended_days) {
            errors.push(PresetError {
                path: at("recommended_days"),
                message: format!(
                    "expected a whole number from 1 to 365, got {}",
                    self.recommended_days
                ),
            });
        }
        if self.scopes.is_empty() {
            errors.push(PresetError {
                path: at("scopes"),
                message: "must list at least one scope".into(),
            });
        }
        let c = catalog();
        for (j, scope) in self.scopes.iter().enumerate() {
            let p = format!("{path}.scopes[{j}]");
            if !c.is_known_scope(scope) {
                errors.push(PresetError {
                    path: p,
                    message: format!("unknown scope id {scope:?}"),
                });
            } else if c.scope(scope).is_none() {
                errors.push(PresetError {
                    path: p,
                    message: format!("scope {scope:?} is not offered in the PAT page"),
                });
            } else if self.scopes[..j].contains(scope) {
                errors.push(PresetError {
                    path: p,
                    message: format!("duplicate scope {scope:?}"),
                });
            } else if let Some(wider) = self
                .scopes
                .iter()
                .find(|other| *other != scope && c.covers(other, scope))
            {
                errors.push(PresetError {
                    path: p,
                    message: format!("scope {scope:?} is already included by {wider:?}"),
                });
            }
        }
        errors
    }

    pub fn scope_set(&self) -> BTreeSet<String> {
        self.scopes.iter().cloned().collect_set()
    }

    /// Whether the preset's scopes give `scope_id`, directly or by inheritance.
    pub fn covers(&self, scope_id: &str) -> bool {
        let c = catalog();
        self.scopes.iter().any(|s| c.covers(s, scope_id))
    }
}

/// Validates a whole preset list: every preset, plus duplicate ids.
pub fn validate(presets: &[Preset]) -> Vec<PresetError> {
    validate_indexed(presets.iter().enumerate())
}

/// `validate` with each preset's position in the input document.
fn validate_indexed<'a>(presets: impl Iterator<Item = (usize, &'a Preset)>) -> Vec<PresetError> {
    let mut errors = Vec::new();
    // A list, not a map: no map code in the wasm for this one use (issue #7).
    let mut first_seen: Vec<(&str, usize)> = Vec::new();
    for (i, p) in presets {
        errors.extend(p.validate(&format!("presets[{i}]")));
        match first_seen.iter().find(|(id, _)| *id == p.id) {
            Some((_, first)) => errors.push(PresetError {
                path: format!("presets[{i}].id"),
                message: format!("duplicate id {:?} (also presets[{first}])", p.id),
            }),
            None => first_seen.push((&p.id, i)),
        }
    }
    errors
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

static PRESETS: OnceLock<Vec<Preset>> = OnceLock::new();

/// The built-in presets (`data/presets.json`, validated and compiled in by `build.rs`).
pub fn presets() -> &'static [Preset] {
    PRESETS.get_or_init(bundled::built_in)
}

pub fn preset(id: &str) -> Option<&'static Preset> {
    presets().iter().find(|p| p.id == id)
}

impl Preset {
    /// Whether this is exactly one of the bundled, reviewed presets. A team preset (a file
    /// the user imported, one saved from a form, or one an organization pushes) is input,
    /// not authority: it may tick manage-level or high-privilege scopes under a harmless
    /// title, so the findings never let it vouch for a scope. Whole-value equality, so a
    /// preset that merely borrows a built-in id or title is not one.
    pub fn is_built_in(&self) -> bool {
        presets().iter().any(|p| p == self)
    }
}

/// The built-in preset whose scopes are exactly `checked`. When several presets share a
/// scope set (e.g. `git-push` and `sonarcloud`), the first in table order wins.
pub fn matching_preset(checked: &BTreeSet<String>) -> Option<&'static Preset> {
    if checked.is_empty() {
        return None;
    }
    presets()
        .iter()
        .find(|p| p.scopes.len() == checked.len() && p.scopes.iter().all(|s| checked.contains(s)))
}

fn err(path: &str, message: String) -> PresetError {
    PresetError {
        path: path.to_string(),
        message,
    }
}

/// A short rendering of a JSON value for error messages.
fn show(v: &Json) -> String {
    let s = match v {
        Json::Null => "null".to_string(),
        Json::Bool(_) => format!("a boolean ({v})"),
        Json::Number(_) => format!("a number ({v})"),
        Json::String(s) => format!("{s:?}"),
        Json::Array(_) => "a list".to_string(),
        Json::Object(_) => "an object".to_string(),
    };
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

fn read_preset(item: &Json, path: &str, errors: &mut Vec<PresetError>) -> Option<Preset> {
    let Json::Object(obj) = item else {
        errors.push(err(path, format!("expected an object, got {}", show(item))));
        return None;
    };
    let before = errors.len();
    for key in obj.keys() {
        if !PRESET_KEYS.contains(&key.as_str()) && !key.starts_with('_') {
            errors.push(err(&format!("{path}.{key}"), "unknown field".to_string()));
        }
    }
    let string = |key: &str, required: bool, errors: &mut Vec<PresetError>| -> String {
        match obj.get(key) {
            Some(Json::String(s)) => s.clone(),
            None if !required => String::new(),
            None => {
                errors.push(err(&format!("{path}.{key}"), "missing".into()));
                String::new()
            }
            Some(other) => {
                errors.push(err(
                    &format!("{path}.{key}"),
                    format!("expected text, got {}", show(other)),
                ));
                String::new()
            }
        }
    };
    let id = string("id", true, errors);
    let title = string("title", true, errors);
    let purpose_group = string("purpose_group", true, errors);
    let task = string("task", true, errors);
    let notes = string("notes", false, errors);
    let mut scopes = Vec::new();
    match obj.get("scopes") {
        Some(Json::Array(list)) => {
            for (j, s) in list.iter().enumerate() {
                match s {
                    Json::String(s) => scopes.push(s.clone()),
                    other => errors.push(err(
                        &format!("{path}.scopes[{j}]"),
                        format!("expected a scope id, got {}", show(other)),
                    )),
                }
            }
        }
        None => errors.push(err(&format!("{path}.scopes"), "missing".into())),
        Some(other) => errors.push(err(
            &format!("{path}.scopes"),
            format!("expected a list of scope ids, got {}", show(other)),
        )),
    }
    let recommended_days = match obj.get("recommended_days") {
        Some(Json::Number(n)) if n.as_u64().is_some_and(|d| d <= u64::from(u32::MAX)) => {
            n.as_u64().unwrap_or(0) as u32 // range-checked by `validate`
        }
        None => {
            errors.push(err(&format!("{path}.recommended_days"), "missing".into()));
            0
        }
        Some(other) => {
            errors.push(err(
                &format!("{path}.recommended_days"),
                format!("expected a whole number from 1 to 365, got {}", show(other)),
            ));
            0
        }
    };
    let source = match obj.get("source") {
        Some(Json::Object(src)) => {
            let mut field = |key: &str| match src.get(key) {
                Some(Json::String(s)) => s.clone(),
                None => {
                    errors.push(err(&format!("{path}.source.{key}"), "missing".into()));
                    String::new()
                }
                Some(other) => {
                    errors.push(err(
                        &format!("{path}.source.{key}"),
                        format!("expected text, got {}", show(other)),
                    ));
                    String::new()
                }
            };
            let title = field("title");
            let url = field("url");
            for key in src.keys() {
                if key != "title" && key != "url" && !key.starts_with('_') {
                    errors.push(err(&format!("{path}.source.{key}"), "unknown field".into()));
                }
            }
            Source { title, url }
        }
        None => {
            errors.push(err(
                &format!("{path}.source"),
                "missing (give a title and an https:// url)".into(),
            ));
            Source {
                title: String::new(),
                url: String::new(),
            }
        }
        Some(other) => {
            errors.push(err(
                &format!("{path}.source"),
                format!("expected an object with title and url, got {}", show(other)),
            ));
            Source {
                title: String::new(),
                url: String::new(),
            }
        }
    };
    let needs_global = match obj.get("needs_global") {
        None => false,
        Some(Json::Bool(b)) => *b,
        Some(other) => {
            errors.push(err(
                &format!("{path}.needs_global"),
                format!("expected true or false, got {}", show(other)),
            ));
            false
        }
    };
    let preset = Preset {
        id,
        title,
        purpose_group,
        task,
        scopes,
        recommended_days,
        source,
        notes,
        needs_global,
    };
    if errors.len() > before {
        // Report the semantic problems of the fields that did parse, too.
        let reported: BTreeSet<String> = errors[before..]
            .iter()
            .map(|e| e.path.clone())
            .collect_set();
        errors.extend(
            preset
                .validate(path)
                .into_iter()
                .filter(|e| !reported.iter().any(|r| e.path.starts_with(r.as_str()))),
        );
        return None;
    }
    Some(preset)
}

/// Sort key: by preset index numerically, then by path text.
fn path_key(path: &str) -> (usize, String) {
    let idx = path
        .strip_prefix("presets[")
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    (idx, path.to_string())
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod untrusted_tests;
