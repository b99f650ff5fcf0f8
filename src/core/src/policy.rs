//! PAT policy: the user's own settings and the enterprise policy an administrator
//! pushes through `chrome.storage.managed` (schema in `data/managed_schema.json`),
//! merged into the effective policy the findings engine enforces.
//!
//! Merging: the enterprise layer is a floor the user can tighten but never loosen.
//! Each effective value is the stricter of both layers (lower lifetime, union of
//! forbidden scopes, `true` blocks, `block` over `ask`); on a tie the enterprise layer
//! is named as the source, and a value the enterprise set is `locked` for the UI.

use crate::catalog::catalog;
use serde_json::Value as Json;
use std::fmt;

/// What happens when a critical finding remains when the user clicks Create.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum CriticalAction {
    /// Ask for confirmation, naming the risks.
    #[default]
    Ask,
    /// Refuse to create the token.
    Block,
}

/// A plain policy, e.g. the defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    pub max_lifetime_days: Option<u32>,
    pub forbidden_scopes: Vec<String>,
    pub block_full_access: bool,
    pub block_all_organizations: bool,
    pub critical_action: CriticalAction,
}

impl Default for Policy {
    /// Nothing forbidden: the findings still flag Full access, global tokens and long
    /// expiry as critical, and critical findings ask for confirmation.
    fn default() -> Policy {
        Policy {
            max_lifetime_days: None,
            forbidden_scopes: Vec::new(),
            block_full_access: false,
            block_all_organizations: false,
            critical_action: CriticalAction::Ask,
        }
    }
}

/// One settings layer as read: `None` for keys that were absent or invalid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyLayer {
    pub max_lifetime_days: Option<u32>,
    pub forbidden_scopes: Option<Vec<String>>,
    pub block_full_access: Option<bool>,
    pub block_all_organizations: Option<bool>,
    pub critical_action: Option<CriticalAction>,
    /// `labelAliases` (see `label_aliases`): not a rule, so not merged into
    /// `EffectivePolicy`; the assistant hands both layers' aliases to the recogniser.
    pub label_aliases: Option<Vec<crate::catalog::text_match::LabelAlias>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicySource {
    Default,
    User,
    Enterprise,
}

impl PolicySource {
    /// How findings name the source of a rule.
    pub fn describe(self, lang: crate::catalog::Lang) -> &'static str {
        use crate::catalog::Lang::*;
        match (self, lang) {
            (PolicySource::Default, En) => "PAT Guard default",
            (PolicySource::Default, De) => "PAT-Guard-Standard",
            (PolicySource::User, En) => "your PAT Guard settings",
            (PolicySource::User, De) => "Ihre PAT-Guard-Einstellungen",
            (PolicySource::Enterprise, En) => "your organization's enterprise policy",
            (PolicySource::Enterprise, De) => "Unternehmensrichtlinie Ihrer Organisation",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: PolicySource,
    /// Set by the enterprise policy: the settings UI shows it read-only.
    pub locked: bool,
}

impl<T> Sourced<T> {
    fn default_value(value: T) -> Sourced<T> {
        Sourced {
            value,
            source: PolicySource::Default,
            locked: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EffectivePolicy {
    pub max_lifetime_days: Sourced<Option<u32>>,
    /// Enterprise entries first; each names its source.
    pub forbidden_scopes: Vec<Sourced<String>>,
    pub block_full_access: Sourced<bool>,
    pub block_all_organizations: Sourced<bool>,
    pub critical_action: Sourced<CriticalAction>,
}

impl Default for EffectivePolicy {
    fn default() -> EffectivePolicy {
        let d = Policy::default();
        EffectivePolicy {
            max_lifetime_days: Sourced::default_value(d.max_lifetime_days),
            forbidden_scopes: Vec::new(),
            block_full_access: Sourced::default_value(d.block_full_access),
            block_all_organizations: Sourced::default_value(d.block_all_organizations),
            critical_action: Sourced::default_value(d.critical_action),
        }
    }
}

/// The stricter of two optional values by `stricter(a, b) == true` when `a` is strictly
/// stricter than `b`; ties go to the enterprise layer.
fn strictest<T: Clone>(
    default: T,
    user: Option<&T>,
    enterprise: Option<&T>,
    stricter: impl Fn(&T, &T) -> bool,
) -> Sourced<T> {
    let locked = enterprise.is_some();
    match (user, enterprise) {
        (None, None) => Sourced::default_value(default),
        (Some(u), None) => Sourced {
            value: u.clone(),
            source: PolicySource::User,
            locked,
        },
        (None, Some(e)) => Sourced {
            value: e.clone(),
            source: PolicySource::Enterprise,
            locked,
        },
        (Some(u), Some(e)) if stricter(u, e) => Sourced {
            value: u.clone(),
            source: PolicySource::User,
            locked,
        },
        (Some(_), Some(e)) => Sourced {
            value: e.clone(),
            source: PolicySource::Enterprise,
            locked,
        },
    }
}

impl EffectivePolicy {
    pub fn merge(user: &PolicyLayer, enterprise: &PolicyLayer) -> EffectivePolicy {
        let max = strictest(
            None,
            user.max_lifetime_days.map(Some).as_ref(),
            enterprise.max_lifetime_days.map(Some).as_ref(),
            |a: &Option<u32>, b: &Option<u32>| a < b,
        );
        let flag = |u: Option<bool>, e: Option<bool>| {
            let mut s = strictest(false, u.as_ref(), e.as_ref(), |a, b| *a && !*b);
            // An enterprise `false` leaves the user free to choose.
            s.locked = e == Some(true);
            s
        };
        let mut critical = strictest(
            CriticalAction::Ask,
            user.critical_action.as_ref(),
            enterprise.critical_action.as_ref(),
            |a, b| a > b,
        );
        critical.locked = enterprise.critical_action == Some(CriticalAction::Block);
        let mut forbidden: Vec<Sourced<String>> = Vec::new();
        for (layer, source) in [
            (enterprise, PolicySource::Enterprise),
            (user, PolicySource::User),
        ] {
            for id in layer.forbidden_scopes.iter().flatten() {
                if !forbidden.iter().any(|f| &f.value == id) {
                    forbidden.push(Sourced {
                        value: id.clone(),
                        source,
                        locked: source == PolicySource::Enterprise,
                    });
                }
            }
        }
        EffectivePolicy {
            max_lifetime_days: max,
            forbidden_scopes: forbidden,
            block_full_access: flag(user.block_full_access, enterprise.block_full_access),
            block_all_organizations: flag(
                user.block_all_organizations,
                enterprise.block_all_organizations,
            ),
            critical_action: critical,
        }
    }

    /// The plain values, without sources.
    pub fn policy(&self) -> Policy {
        Policy {
            max_lifetime_days: self.max_lifetime_days.value,
            forbidden_scopes: self
                .forbidden_scopes
                .iter()
                .map(|f| f.value.clone())
                .collect(),
            block_full_access: self.block_full_access.value,
            block_all_organizations: self.block_all_organizations.value,
            critical_action: self.critical_action.value,
        }
    }
}

/// Keys of the settings object (user settings and `storage.managed` alike).
pub const KEYS: [&str; 7] = [
    "maxLifetimeDays",
    "forbiddenScopes",
    "blockFullAccess",
    "blockAllOrganizations",
    "criticalAction",
    "teamPresets",
    "labelAliases",
];

/// The `storage.managed_schema` for the manifest (Chrome requires a top-level object).
pub const MANAGED_SCHEMA: &str = include_str!("../data/managed_schema.json");

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueLevel {
    /// The value was refused; the default (or the other layer) applies for this key.
    Error,
    /// Accepted or ignored, but worth telling the administrator.
    Warning,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyIssue {
    pub key: String,
    pub level: IssueLevel,
    pub message: String,
}

impl fmt::Display for PolicyIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.key, self.message)
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicyRead {
    pub layer: PolicyLayer,
    pub issues: Vec<PolicyIssue>,
}

/// Short JSON rendering of a value for messages.
fn show(v: &Json) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// Reads a settings object as `chrome.storage.managed.get()` (or the user's stored
/// settings) returns it. Malformed keys are reported and left unset, so the other
/// layer or the default applies for them; the rest is kept.
pub fn read_policy(value: &Json) -> PolicyRead {
    let mut out = PolicyRead::default();
    let obj = match value {
        Json::Null => return out,
        Json::Object(obj) => obj,
        other => {
            out.issues.push(PolicyIssue {
                key: "$".into(),
                level: IssueLevel::Error,
                message: format!("expected an object of settings, got {}", show(other)),
            });
            return out;
        }
    };
    let error = |key: &str, message: String| PolicyIssue {
        key: key.to_string(),
        level: IssueLevel::Error,
        message,
    };
    let mut issues = Vec::new();
    for (key, v) in obj {
        match key.as_str() {
            "maxLifetimeDays" => {
                let bad = || format!("expected a whole number from 1 to 365, got {}", show(v));
                match v {
                    Json::Null => {}
                    Json::Number(n) => match n.as_u64() {
                        Some(d @ 1..=365) => out.layer.max_lifetime_days = Some(d as u32),
                        _ => issues.push(error(key, bad())),
                    },
                    Json::String(s) => match s.trim().parse::<u32>() {
                        Ok(d @ 1..=365) if s.trim().bytes().all(|b| b.is_ascii_digit()) => {
                            out.layer.max_lifetime_days = Some(d);
                            issues.push(PolicyIssue {
                                key: key.clone(),
                                level: IssueLevel::Warning,
                                message: format!("given as text {}; read as {d}", show(v)),
                            });
                        }
                        _ => issues.push(error(key, bad())),
                    },
                    _ => issues.push(error(key, bad())),
                }
            }
            "forbiddenScopes" => match v {
                Json::Null => {}
                Json::Array(items) => {
                    let c = catalog();
                    let mut ids: Vec<String> = Vec::new();
                    for (i, item) in items.iter().enumerate() {
                        let path = format!("{key}[{i}]");
                        match item {
                            Json::String(id) if c.scope(id.trim()).is_some() => {
                                let id = id.trim().to_string();
                                if !ids.contains(&id) {
                                    ids.push(id);
                                }
                            }
                            Json::String(id) if c.is_known_scope(id.trim()) => {
                                issues.push(PolicyIssue {
                                    key: path,
                                    level: IssueLevel::Warning,
                                    message: format!(
                                        "scope {} is not offered in the PAT page, so it can never be ticked; ignored",
                                        show(item)
                                    ),
                                });
                            }
                            Json::String(id) if id.trim() == "app_token" => issues.push(error(
                                &path,
                                "\"app_token\" is Full access; use blockFullAccess instead".into(),
                            )),
                            Json::String(_) => issues
                                .push(error(&path, format!("unknown scope id {}", show(item)))),
                            other => issues.push(error(
                                &path,
                                format!("expected a scope id, got {}", show(other)),
                            )),
                        }
                    }
                    out.layer.forbidden_scopes = Some(ids);
                }
                other => issues.push(error(
                    key,
                    format!("expected a list of scope ids, got {}", show(other)),
                )),
            },
            "blockFullAccess" | "blockAllOrganizations" => match v {
                Json::Null => {}
                Json::Bool(b) => {
                    if key == "blockFullAccess" {
                        out.layer.block_full_access = Some(*b);
                    } else {
                        out.layer.block_all_organizations = Some(*b);
                    }
                }
                other => issues.push(error(
                    key,
                    format!("expected true or false, got {}", show(other)),
                )),
            },
            "criticalAction" => match v {
                Json::Null => {}
                Json::String(s) if s.trim().eq_ignore_ascii_case("ask") => {
                    out.layer.critical_action = Some(CriticalAction::Ask)
                }
                Json::String(s) if s.trim().eq_ignore_ascii_case("block") => {
                    out.layer.critical_action = Some(CriticalAction::Block)
                }
                other => issues.push(error(
                    key,
                    format!("expected \"ask\" or \"block\", got {}", show(other)),
                )),
            },
            // A team preset file `{"version":1,"presets":[...]}`: validated by the
            // assistant's team module with `presets::Preset::from_value`, not a policy rule.
            "teamPresets" => {}
            "labelAliases" => match crate::label_aliases::parse_label_aliases(&v.to_string()) {
                Ok(aliases) => out.layer.label_aliases = Some(aliases),
                Err(e) => issues.push(error(key, e)),
            },
            _ => {
                let hint = KEYS
                    .iter()
                    .find(|k| k.eq_ignore_ascii_case(key))
                    .map(|k| format!(" (did you mean {k}?)"))
                    .unwrap_or_default();
                issues.push(PolicyIssue {
                    key: key.clone(),
                    level: IssueLevel::Warning,
                    message: format!("unknown key; ignored{hint}"),
                });
            }
        }
    }
    out.issues = issues;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msgs(r: &PolicyRead) -> Vec<String> {
        r.issues.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn defaults() {
        let e = EffectivePolicy::default();
        assert_eq!(e.policy(), Policy::default());
        assert_eq!(e.max_lifetime_days.source, PolicySource::Default);
        assert_eq!(e.critical_action.value, CriticalAction::Ask);
        assert_eq!(
            EffectivePolicy::merge(&PolicyLayer::default(), &PolicyLayer::default()),
            e
        );
        assert_eq!(read_policy(&Json::Null), PolicyRead::default());
        assert_eq!(read_policy(&json!({})), PolicyRead::default());
    }

    #[test]
    fn reads_a_complete_valid_policy() {
        let r = read_policy(&json!({
            "maxLifetimeDays": 90,
            "forbiddenScopes": ["vso.code_full", "vso.security_manage", "vso.code_full"],
            "blockFullAccess": true,
            "blockAllOrganizations": false,
            "criticalAction": "block"
        }));
        assert!(r.issues.is_empty(), "{:?}", msgs(&r));
        assert_eq!(
            r.layer,
            PolicyLayer {
                max_lifetime_days: Some(90),
                forbidden_scopes: Some(vec!["vso.code_full".into(), "vso.security_manage".into()]),
                block_full_access: Some(true),
                block_all_organizations: Some(false),
                critical_action: Some(CriticalAction::Block),
                label_aliases: None,
            }
        );
    }

    #[test]
    fn reports_each_bad_key_and_keeps_the_good_ones() {
        let r = read_policy(&json!({
            "maxLifetimeDays": "ninety",
            "forbiddenScopes": ["vso.cod", "vso.code_full", 5, "vso.hooks_write", "app_token"],
            "blockFullAccess": "yes",
            "blockAllOrganizations": true,
            "criticalAction": "deny",
            "maxlifetimedays": 3,
            "colour": "red"
        }));
        let m = msgs(&r);
        for want in [
            r#"maxLifetimeDays: expected a whole number from 1 to 365, got "ninety""#,
            r#"forbiddenScopes[0]: unknown scope id "vso.cod""#,
            "forbiddenScopes[2]: expected a scope id, got 5",
            r#"forbiddenScopes[3]: scope "vso.hooks_write" is not offered in the PAT page"#,
            r#"forbiddenScopes[4]: "app_token" is Full access; use blockFullAccess instead"#,
            r#"blockFullAccess: expected true or false, got "yes""#,
            r#"criticalAction: expected "ask" or "block", got "deny""#,
            "maxlifetimedays: unknown key; ignored (did you mean maxLifetimeDays?)",
            "colour: unknown key; ignored",
        ] {
            assert!(
                m.iter().any(|x| x.starts_with(want)),
                "missing {want:?} in {m:#?}"
            );
        }
        assert_eq!(m.len(), 9);
        let level = |k: &str| r.issues.iter().find(|i| i.key == k).unwrap().level;
        assert_eq!(level("colour"), IssueLevel::Warning);
        assert_eq!(level("forbiddenScopes[3]"), IssueLevel::Warning);
        assert_eq!(level("maxLifetimeDays"), IssueLevel::Error);
        // Bad keys stay unset (defaults apply); good ones are kept.
        assert_eq!(
            r.layer,
            PolicyLayer {
                max_lifetime_days: None,
                forbidden_scopes: Some(vec!["vso.code_full".into()]),
                block_full_access: None,
                block_all_organizations: Some(true),
                critical_action: None,
                label_aliases: None,
            }
        );
    }

    #[test]
    fn lifetime_edge_values() {
        for (v, want) in [
            (json!(1), Some(1)),
            (json!(365), Some(365)),
            (json!(0), None),
            (json!(366), None),
            (json!(-5), None),
            (json!(30.5), None),
            (json!(true), None),
            (json!(null), None),
        ] {
            let mut doc = serde_json::Map::new();
            doc.insert("maxLifetimeDays".into(), v.clone());
            let r = read_policy(&Json::Object(doc));
            assert_eq!(r.layer.max_lifetime_days, want, "{v}");
            assert_eq!(r.issues.is_empty(), want.is_some() || v.is_null(), "{v}");
        }
        assert_eq!(
            msgs(&read_policy(&json!({"maxLifetimeDays": 400}))),
            ["maxLifetimeDays: expected a whole number from 1 to 365, got 400"]
        );
        // Firefox has no schema, so numbers may arrive as text: accepted with a warning.
        let r = read_policy(&json!({"maxLifetimeDays": "60"}));
        assert_eq!(r.layer.max_lifetime_days, Some(60));
        assert_eq!(r.issues[0].level, IssueLevel::Warning);
        assert!(read_policy(&json!({"maxLifetimeDays": "+60"}))
            .layer
            .max_lifetime_days
            .is_none());
        assert_eq!(
            read_policy(&json!({"criticalAction": " Block "}))
                .layer
                .critical_action,
            Some(CriticalAction::Block)
        );
    }

    #[test]
    fn rejects_non_objects() {
        let r = read_policy(&json!(["maxLifetimeDays"]));
        assert_eq!(
            msgs(&r),
            [r#"$: expected an object of settings, got ["maxLifetimeDays"]"#]
        );
        assert_eq!(r.layer, PolicyLayer::default());
        let r = read_policy(&json!({"forbiddenScopes": "vso.code_full"}));
        assert_eq!(
            msgs(&r),
            [r#"forbiddenScopes: expected a list of scope ids, got "vso.code_full""#]
        );
    }

    #[test]
    fn enterprise_sets_a_floor_the_user_can_only_tighten() {
        let user = PolicyLayer {
            max_lifetime_days: Some(180),
            forbidden_scopes: Some(vec!["vso.work_full".into(), "vso.code_full".into()]),
            block_full_access: Some(false),
            block_all_organizations: Some(true),
            critical_action: Some(CriticalAction::Ask),
            label_aliases: None,
        };
        let enterprise = PolicyLayer {
            max_lifetime_days: Some(90),
            forbidden_scopes: Some(vec!["vso.code_full".into()]),
            block_full_access: Some(true),
            block_all_organizations: None,
            critical_action: Some(CriticalAction::Block),
            label_aliases: None,
        };
        let e = EffectivePolicy::merge(&user, &enterprise);
        assert_eq!(
            e.max_lifetime_days,
            Sourced {
                value: Some(90),
                source: PolicySource::Enterprise,
                locked: true
            }
        );
        assert_eq!(
            e.block_full_access,
            Sourced {
                value: true,
                source: PolicySource::Enterprise,
                locked: true
            }
        );
        assert_eq!(
            e.block_all_organizations,
            Sourced {
                value: true,
                source: PolicySource::User,
                locked: false
            }
        );
        assert_eq!(
            e.critical_action,
            Sourced {
                value: CriticalAction::Block,
                source: PolicySource::Enterprise,
                locked: true
            }
        );
        assert_eq!(
            e.forbidden_scopes,
            vec![
                Sourced {
                    value: "vso.code_full".to_string(),
                    source: PolicySource::Enterprise,
                    locked: true
                },
                Sourced {
                    value: "vso.work_full".to_string(),
                    source: PolicySource::User,
                    locked: false
                },
            ]
        );
    }

    #[test]
    fn a_stricter_user_value_wins_but_stays_attributed_to_the_user() {
        let user = PolicyLayer {
            max_lifetime_days: Some(30),
            critical_action: Some(CriticalAction::Block),
            block_full_access: Some(true),
            ..PolicyLayer::default()
        };
        let enterprise = PolicyLayer {
            max_lifetime_days: Some(90),
            critical_action: Some(CriticalAction::Ask),
            block_full_access: Some(false),
            ..PolicyLayer::default()
        };
        let e = EffectivePolicy::merge(&user, &enterprise);
        assert_eq!(
            e.max_lifetime_days,
            Sourced {
                value: Some(30),
                source: PolicySource::User,
                locked: true
            }
        );
        assert_eq!(
            e.critical_action,
            Sourced {
                value: CriticalAction::Block,
                source: PolicySource::User,
                locked: false
            }
        );
        assert_eq!(
            e.block_full_access,
            Sourced {
                value: true,
                source: PolicySource::User,
                locked: false
            }
        );
        // Equal values are attributed to the enterprise.
        let same = PolicyLayer {
            max_lifetime_days: Some(90),
            ..PolicyLayer::default()
        };
        assert_eq!(
            EffectivePolicy::merge(&same, &same)
                .max_lifetime_days
                .source,
            PolicySource::Enterprise
        );
        // User only.
        let e = EffectivePolicy::merge(&user, &PolicyLayer::default());
        assert_eq!(
            e.max_lifetime_days,
            Sourced {
                value: Some(30),
                source: PolicySource::User,
                locked: false
            }
        );
        assert_eq!(e.block_all_organizations.source, PolicySource::Default);
    }

    #[test]
    fn read_then_merge_keeps_defaults_for_bad_enterprise_keys() {
        let ent = read_policy(&json!({"maxLifetimeDays": "ninety", "blockFullAccess": true}));
        let e = EffectivePolicy::merge(&PolicyLayer::default(), &ent.layer);
        assert_eq!(e.max_lifetime_days.source, PolicySource::Default);
        assert_eq!(e.max_lifetime_days.value, None);
        assert!(e.block_full_access.value && e.block_full_access.locked);
    }

    #[test]
    fn managed_schema_matches_the_reader() {
        let schema: Json = serde_json::from_str(MANAGED_SCHEMA).unwrap();
        assert_eq!(schema["type"], "object");
        assert!(schema.get("additionalProperties").is_none());
        let props = schema["properties"].as_object().unwrap();
        let mut names: Vec<&str> = props.keys().map(String::as_str).collect();
        names.sort_unstable();
        let mut keys = KEYS.to_vec();
        keys.sort_unstable();
        assert_eq!(names, keys);
        assert_eq!(props["maxLifetimeDays"]["type"], "integer");
        assert_eq!(props["maxLifetimeDays"]["maximum"], 365);
        assert_eq!(props["criticalAction"]["enum"], json!(["ask", "block"]));
        assert_eq!(props["forbiddenScopes"]["items"]["type"], "string");
        for k in ["blockFullAccess", "blockAllOrganizations"] {
            assert_eq!(props[k]["type"], "boolean");
        }
    }

    #[test]
    fn label_aliases_are_read_and_their_errors_reported() {
        let r = read_policy(&json!({"labelAliases": {"de": {"Arbeitsaufgaben": "vso.work"}}}));
        assert!(r.issues.is_empty(), "{:?}", msgs(&r));
        assert_eq!(r.layer.label_aliases.unwrap()[0].scope_id, "vso.work");
        let r = read_policy(&json!({"labelAliases": {"de": {"Arbeitsaufgaben": "vso.wrok"}}}));
        assert_eq!(r.layer.label_aliases, None);
        assert!(msgs(&r)[0].starts_with("labelAliases: ") && msgs(&r)[0].contains("vso.wrok"));
    }
}
