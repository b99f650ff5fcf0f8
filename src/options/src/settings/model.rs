//! The settings form's browser-free half: the form's values for a stored settings object
//! (`storage.local` `settings`), and its validation as a whole. Tested natively.

use crate::texts::tr;
use patguard_core::catalog::{catalog, Lang};
use patguard_core::policy::{read_policy, CriticalAction};
use patguard_core::settings::NON_POLICY_KEYS;
use serde_json::{json, Value as Json};

/// Bitwarden's choices for clearing the clipboard.
pub const CLIPBOARD_CHOICES: [u32; 6] = [10, 20, 30, 60, 120, 300];
pub const DEFAULT_CLIPBOARD: u32 = 30;
pub const DEFAULT_REMINDERS: [u32; 2] = [7, 1];
pub const DEFAULT_EXPIRY: u32 = 30;

/// What the settings form shows: text as typed, so it can be validated as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub clipboard_clear_seconds: String,
    pub reminder_days: String,
    pub default_expiry_days: String,
    pub critical_action: String,
    pub max_lifetime_days: String,
    pub forbidden_scopes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The settings key (also the form field's `data-field`).
    pub field: &'static str,
    pub message: String,
}

/// The form's values for a stored settings object (defaults for missing or bad keys).
pub fn draft_from(settings: &Json) -> Draft {
    let num = |k: &str| settings.get(k).and_then(Json::as_u64);
    let clipboard = num("clipboardClearSeconds")
        .map(|n| n as u32)
        .filter(|n| CLIPBOARD_CHOICES.contains(n))
        .unwrap_or(DEFAULT_CLIPBOARD);
    let reminders: Vec<u32> = settings
        .get("reminderDays")
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_u64())
                .map(|n| n as u32)
                .collect()
        })
        .unwrap_or_else(|| DEFAULT_REMINDERS.to_vec());
    let policy = read_policy(&Json::Object(
        settings
            .as_object()
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| !NON_POLICY_KEYS.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    ));
    Draft {
        clipboard_clear_seconds: clipboard.to_string(),
        reminder_days: reminders
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        default_expiry_days: num("defaultExpiryDays")
            .unwrap_or(u64::from(DEFAULT_EXPIRY))
            .to_string(),
        critical_action: match policy.layer.critical_action {
            Some(CriticalAction::Block) => "block",
            _ => "ask",
        }
        .into(),
        max_lifetime_days: policy
            .layer
            .max_lifetime_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        forbidden_scopes: policy.layer.forbidden_scopes.unwrap_or_default(),
    }
}

fn whole(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 6 {
        return None;
    }
    t.parse().ok()
}

/// Validates the whole form. `Ok` is the complete settings object to store; `Err` lists
/// every problem, and nothing is stored then. Keys of `previous` this form does not edit
/// (e.g. from a newer version) are kept.
pub fn validate(d: &Draft, previous: &Json, lang: Lang) -> Result<Json, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail =
        |field: &'static str, message: String| errors.push(FieldError { field, message });
    let clipboard = whole(&d.clipboard_clear_seconds).filter(|n| CLIPBOARD_CHOICES.contains(n));
    if clipboard.is_none() {
        fail(
            "clipboardClearSeconds",
            tr(
                lang,
                &format!("choose one of {CLIPBOARD_CHOICES:?} seconds"),
                &format!("wählen Sie einen der Werte {CLIPBOARD_CHOICES:?} Sekunden"),
            ),
        );
    }
    let mut reminders = Vec::new();
    for part in d
        .reminder_days
        .split([',', ' ', ';'])
        .filter(|p| !p.trim().is_empty())
    {
        match whole(part).filter(|n| (1..=90).contains(n)) {
            Some(n) if !reminders.contains(&n) => reminders.push(n),
            Some(n) => fail(
                "reminderDays",
                tr(
                    lang,
                    &format!("{n} is listed twice"),
                    &format!("{n} ist doppelt angegeben"),
                ),
            ),
            None => fail(
                "reminderDays",
                tr(
                    lang,
                    &format!(
                        "{:?} is not a whole number of days from 1 to 90",
                        part.trim()
                    ),
                    &format!(
                        "{:?} ist keine ganze Zahl von Tagen zwischen 1 und 90",
                        part.trim()
                    ),
                ),
            ),
        }
    }
    reminders.sort_unstable_by(|a, b| b.cmp(a));
    let expiry = whole(&d.default_expiry_days).filter(|n| (1..=365).contains(n));
    if expiry.is_none() {
        fail(
            "defaultExpiryDays",
            tr(
                lang,
                &format!(
                    "expected a whole number from 1 to 365, got {:?}",
                    d.default_expiry_days.trim()
                ),
                &format!(
                    "erwartet eine ganze Zahl von 1 bis 365, erhalten {:?}",
                    d.default_expiry_days.trim()
                ),
            ),
        );
    }
    let action = match d.critical_action.as_str() {
        "ask" | "block" => Some(d.critical_action.clone()),
        _ => {
            fail(
                "criticalAction",
                tr(
                    lang,
                    "choose ask or block",
                    "wählen Sie „Nachfragen“ oder „Blockieren“",
                ),
            );
            None
        }
    };
    let max = if d.max_lifetime_days.trim().is_empty() {
        Some(None)
    } else {
        match whole(&d.max_lifetime_days).filter(|n| (1..=365).contains(n)) {
            Some(n) => Some(Some(n)),
            None => {
                fail(
                    "maxLifetimeDays",
                    tr(
                        lang,
                        &format!(
                            "expected a whole number from 1 to 365 or nothing, got {:?}",
                            d.max_lifetime_days.trim()
                        ),
                        &format!(
                            "erwartet eine ganze Zahl von 1 bis 365 oder nichts, erhalten {:?}",
                            d.max_lifetime_days.trim()
                        ),
                    ),
                );
                None
            }
        }
    };
    if let (Some(e), Some(Some(m))) = (expiry, max) {
        if e > m {
            fail(
                "defaultExpiryDays",
                tr(
                    lang,
                    &format!("{e} days is longer than your maximum lifetime of {m} days"),
                    &format!("{e} Tage sind länger als Ihre maximale Laufzeit von {m} Tagen"),
                ),
            );
        }
    }
    let mut forbidden: Vec<String> = Vec::new();
    for s in &d.forbidden_scopes {
        if !forbidden.contains(s) {
            forbidden.push(s.clone());
        }
    }
    let mut obj = previous.as_object().cloned().unwrap_or_default();
    obj.insert("clipboardClearSeconds".into(), json!(clipboard));
    obj.insert("reminderDays".into(), json!(reminders));
    obj.insert("defaultExpiryDays".into(), json!(expiry));
    obj.insert("criticalAction".into(), json!(action));
    match max {
        Some(Some(m)) => {
            obj.insert("maxLifetimeDays".into(), json!(m));
        }
        _ => {
            obj.remove("maxLifetimeDays");
        }
    }
    obj.insert("forbiddenScopes".into(), json!(forbidden));
    // The policy reader is the final word on the policy keys.
    let read = read_policy(&Json::Object(
        obj.iter()
            .filter(|(k, _)| !NON_POLICY_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    ));
    for i in read
        .issues
        .into_iter()
        .filter(|i| i.level == patguard_core::policy::IssueLevel::Error)
    {
        let field = if i.key.starts_with("forbiddenScopes") {
            "forbiddenScopes"
        } else if i.key.starts_with("maxLifetimeDays") {
            "maxLifetimeDays"
        } else {
            "criticalAction"
        };
        if errors.iter().all(|e| e.field != field) {
            errors.push(FieldError {
                field,
                message: i.to_string(),
            });
        }
    }
    if errors.is_empty() {
        // A sorted map: new keys go in alphabetical order among the kept ones.
        Ok(Json::Object(obj))
    } else {
        Err(errors)
    }
}

/// The scopes offered for the forbidden list: (group label, [(scope id, level label)]).
pub fn scope_choices(lang: Lang) -> Vec<(String, Vec<(String, String)>)> {
    catalog()
        .groups
        .iter()
        .map(|g| {
            (
                g.label(lang).to_string(),
                g.levels
                    .iter()
                    .map(|l| (l.scope_id.clone(), l.label(lang).to_string()))
                    .collect(),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value as Json};

    fn draft() -> Draft {
        draft_from(&Json::Null)
    }

    #[test]
    fn defaults_validate_to_a_complete_object() {
        let d = draft();
        assert_eq!(d.clipboard_clear_seconds, "30");
        assert_eq!(d.reminder_days, "7, 1");
        let v = validate(&d, &Json::Null, Lang::En).unwrap();
        assert_eq!(
            v,
            json!({"clipboardClearSeconds": 30, "reminderDays": [7, 1], "defaultExpiryDays": 30,
                   "criticalAction": "ask", "forbiddenScopes": []})
        );
        assert_eq!(draft_from(&v), d);
    }

    #[test]
    fn every_bad_field_is_reported_and_nothing_is_returned() {
        let d = Draft {
            clipboard_clear_seconds: "45".into(),
            reminder_days: "7, x, 7".into(),
            default_expiry_days: "90".into(),
            critical_action: "deny".into(),
            max_lifetime_days: "60".into(),
            forbidden_scopes: vec!["vso.code_full".into(), "vso.nope".into()],
        };
        let e = validate(&d, &json!({"keep": 1}), Lang::En).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "clipboardClearSeconds",
                "reminderDays",
                "reminderDays",
                "criticalAction",
                "defaultExpiryDays",
                "forbiddenScopes"
            ]
        );
        assert!(
            e[5].message.contains("unknown scope id \"vso.nope\""),
            "{e:?}"
        );
        assert!(e[4]
            .message
            .contains("90 days is longer than your maximum lifetime of 60 days"));
        let de = validate(&d, &Json::Null, Lang::De).unwrap_err();
        assert!(de[0].message.starts_with("wählen Sie"));
    }

    #[test]
    fn keeps_unknown_keys_and_drops_a_cleared_maximum() {
        let mut d = draft();
        d.max_lifetime_days = "90".into();
        let v = validate(&d, &json!({"future": true}), Lang::En).unwrap();
        assert_eq!(v["maxLifetimeDays"], 90);
        assert_eq!(v["future"], true);
        d.max_lifetime_days = String::new();
        assert!(validate(&d, &v, Lang::En)
            .unwrap()
            .get("maxLifetimeDays")
            .is_none());
    }
}
