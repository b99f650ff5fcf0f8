//! The policy view's browser-free half: the effective policy, each value with its source,
//! and every malformed enterprise key. Tested natively.

use crate::texts::tr;
use patguard_core::catalog::Lang;
use patguard_core::policy::{read_policy, CriticalAction, EffectivePolicy, PolicyIssue};
use patguard_core::presets::team;
use patguard_core::settings::policy_json;
use serde_json::Value as Json;

/// One row of the read-only enterprise view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyRow {
    pub key: &'static str,
    pub label: String,
    pub value: String,
    pub source: String,
    pub locked: bool,
}

/// The effective policy, each value with its source, plus every malformed enterprise key.
pub fn policy_rows(
    settings: &Json,
    managed: &Json,
    lang: Lang,
) -> (Vec<PolicyRow>, Vec<PolicyIssue>) {
    let user = read_policy(
        &serde_json::from_str(&policy_json(&settings.to_string())).unwrap_or(Json::Null),
    );
    let ent = read_policy(managed);
    let mut issues = ent.issues;
    if let Some(file) = managed.get("teamPresets") {
        if let Err(errors) = team::parse_value(file, &[]) {
            issues.extend(errors.into_iter().map(|e| PolicyIssue {
                key: format!("teamPresets.{}", e.path),
                level: patguard_core::policy::IssueLevel::Error,
                message: e.message,
            }));
        }
    }
    let e = EffectivePolicy::merge(&user.layer, &ent.layer);
    let yes_no = |b: bool| {
        tr(
            lang,
            if b { "yes" } else { "no" },
            if b { "ja" } else { "nein" },
        )
    };
    let forbidden: Vec<String> = e
        .forbidden_scopes
        .iter()
        .filter(|s| s.locked)
        .map(|s| s.value.clone())
        .collect();
    let rows = vec![
        PolicyRow {
            key: "maxLifetimeDays",
            label: tr(lang, "Maximum lifetime", "Maximale Laufzeit"),
            value: e.max_lifetime_days.value.map_or_else(
                || tr(lang, "no limit", "keine Grenze"),
                |d| format!("{d} {}", tr(lang, "days", "Tage")),
            ),
            source: e.max_lifetime_days.source.describe(lang).into(),
            locked: e.max_lifetime_days.locked,
        },
        PolicyRow {
            key: "forbiddenScopes",
            label: tr(
                lang,
                "Forbidden scopes (enterprise)",
                "Verbotene Bereiche (Unternehmen)",
            ),
            value: if forbidden.is_empty() {
                tr(lang, "none", "keine")
            } else {
                forbidden.join(", ")
            },
            source: if forbidden.is_empty() {
                patguard_core::policy::PolicySource::Default
                    .describe(lang)
                    .into()
            } else {
                patguard_core::policy::PolicySource::Enterprise
                    .describe(lang)
                    .into()
            },
            locked: !forbidden.is_empty(),
        },
        PolicyRow {
            key: "blockFullAccess",
            label: tr(lang, "Block Full access", "Vollzugriff blockieren"),
            value: yes_no(e.block_full_access.value),
            source: e.block_full_access.source.describe(lang).into(),
            locked: e.block_full_access.locked,
        },
        PolicyRow {
            key: "blockAllOrganizations",
            label: tr(lang, "Block global tokens", "Globale Tokens blockieren"),
            value: yes_no(e.block_all_organizations.value),
            source: e.block_all_organizations.source.describe(lang).into(),
            locked: e.block_all_organizations.locked,
        },
        PolicyRow {
            key: "criticalAction",
            label: tr(lang, "On critical findings", "Bei kritischen Befunden"),
            value: match e.critical_action.value {
                CriticalAction::Ask => tr(lang, "ask", "nachfragen"),
                CriticalAction::Block => tr(lang, "block", "blockieren"),
            },
            source: e.critical_action.source.describe(lang).into(),
            locked: e.critical_action.locked,
        },
        aliases_row(&ent.layer, lang),
    ];
    (rows, issues)
}

/// The enterprise policy's `labelAliases` as a count; each alias is listed under "Label
/// aliases" (`alias_rows`).
fn aliases_row(enterprise: &patguard_core::policy::PolicyLayer, lang: Lang) -> PolicyRow {
    let count = enterprise.label_aliases.as_ref().map_or(0, Vec::len);
    let source = if count == 0 {
        patguard_core::policy::PolicySource::Default
    } else {
        patguard_core::policy::PolicySource::Enterprise
    };
    PolicyRow {
        key: "labelAliases",
        label: tr(lang, "Label aliases", "Bezeichnungs-Aliasse"),
        value: match count {
            0 => tr(lang, "none", "keine"),
            n => tr(
                lang,
                &format!("{n} (listed under Label aliases)"),
                &format!("{n} (aufgeführt unter Bezeichnungs-Aliasse)"),
            ),
        },
        source: source.describe(lang).into(),
        locked: count > 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn enterprise_rows_name_sources_and_malformed_keys() {
        let (rows, issues) = policy_rows(
            &json!({"maxLifetimeDays": 30}),
            &json!({"maxLifetimeDays": 90, "blockFullAccess": "yes", "forbiddenScopes": ["vso.code_full"],
                    "teamPresets": {"version": 1, "presets": [{"id": "x"}]}}),
            Lang::En,
        );
        assert_eq!(rows[0].value, "30 days");
        assert_eq!(rows[0].source, "your PAT Guard settings");
        assert!(rows[0].locked);
        assert_eq!(rows[1].value, "vso.code_full");
        assert_eq!(rows[1].source, "your organization's enterprise policy");
        let m: Vec<String> = issues.iter().map(ToString::to_string).collect();
        assert!(
            m.contains(&"blockFullAccess: expected true or false, got \"yes\"".to_string()),
            "{m:?}"
        );
        assert!(
            m.iter()
                .any(|x| x.starts_with("teamPresets.presets[0].title: missing")),
            "{m:?}"
        );
    }
}
