//! The label aliases view's browser-free half: every `labelAliases` in force, with its
//! source and what overrules it. Tested natively.

use crate::texts::tr;
use patguard_core::catalog::text_match::{normalize, LabelAlias};
use patguard_core::catalog::{catalog, Lang};
use patguard_core::policy::read_policy;
use patguard_core::presets::team;
use patguard_core::settings::policy_json;
use serde_json::Value as Json;

/// Where a label alias comes from, in the order that decides a conflict (the first
/// source that maps a label wins, as in the assistant's `apply_label_aliases`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasSource {
    EnterprisePolicy,
    Settings,
    OrganizationTeamFile,
    UserTeamFile,
}

impl AliasSource {
    pub fn key(self) -> &'static str {
        match self {
            AliasSource::EnterprisePolicy => "enterprise",
            AliasSource::Settings => "settings",
            AliasSource::OrganizationTeamFile => "organization-team-presets",
            AliasSource::UserTeamFile => "team-presets",
        }
    }

    pub fn describe(self, lang: Lang) -> String {
        match self {
            AliasSource::EnterprisePolicy => tr(
                lang,
                "enterprise policy (labelAliases)",
                "Unternehmensrichtlinie (labelAliases)",
            ),
            AliasSource::Settings => tr(lang, "your settings", "Ihre Einstellungen"),
            AliasSource::OrganizationTeamFile => tr(
                lang,
                "your organization's team presets",
                "Team-Vorlagen Ihrer Organisation",
            ),
            AliasSource::UserTeamFile => tr(lang, "your team presets", "Ihre Team-Vorlagen"),
        }
    }
}

/// One label alias in force or overruled, for the options page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasRow {
    /// The page language the label is read in (`en`, `de`).
    pub page_lang: &'static str,
    pub label: String,
    pub scope_id: String,
    /// "<group> – <level>" in the options page's language.
    pub names: String,
    pub source: AliasSource,
    /// The source whose alias of the same label wins over this one.
    pub overruled_by: Option<AliasSource>,
}

/// Every `labelAliases` the assistant uses, from the enterprise policy, the user's
/// settings and both team files, in the order that decides conflicts. Invalid sources
/// are left out (their errors are shown with the policy or the team presets).
pub fn alias_rows(
    settings: &Json,
    managed: &Json,
    user_aliases: &[LabelAlias],
    lang: Lang,
) -> Vec<AliasRow> {
    let policy_aliases =
        |v: &Json| -> Vec<LabelAlias> { read_policy(v).layer.label_aliases.unwrap_or_default() };
    let user_policy =
        serde_json::from_str(&policy_json(&settings.to_string())).unwrap_or(Json::Null);
    let org_file = managed
        .get("teamPresets")
        .and_then(|f| team::read_value(f, &[]).ok())
        .map(|f| f.label_aliases)
        .unwrap_or_default();
    let sources = [
        (AliasSource::EnterprisePolicy, policy_aliases(managed)),
        (AliasSource::Settings, policy_aliases(&user_policy)),
        (AliasSource::OrganizationTeamFile, org_file),
        (AliasSource::UserTeamFile, user_aliases.to_vec()),
    ];
    let cat = catalog();
    let mut rows: Vec<AliasRow> = Vec::new();
    for (source, aliases) in sources {
        for a in aliases {
            let names = cat.scope(&a.scope_id).map_or_else(String::new, |s| {
                format!("{} – {}", s.group.label(lang), s.level.label(lang))
            });
            let overruled_by = rows
                .iter()
                .find(|r| {
                    r.overruled_by.is_none()
                        && r.page_lang == a.lang.tag()
                        && normalize(&r.label) == normalize(&a.label)
                })
                .map(|r| r.source);
            rows.push(AliasRow {
                page_lang: a.lang.tag(),
                label: a.label,
                scope_id: a.scope_id,
                names,
                source,
                overruled_by,
            });
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::model::policy_rows;
    use serde_json::json;

    #[test]
    fn alias_rows_name_scope_group_level_source_and_the_winner() {
        let managed = json!({
            "labelAliases": {"en": {"Repos": "vso.code"}, "de": {"Arbeitsaufgaben": "vso.work"}},
            "teamPresets": {"version": 1, "presets": [], "labelAliases": {"en": {"repos": "vso.build"}}}
        });
        let user = team::read_value(
            &json!({"version": 1, "presets": [], "labelAliases": {"en": {"Pipes": "vso.build_execute"}}}),
            &[],
        )
        .unwrap()
        .label_aliases;
        let rows = alias_rows(&Json::Null, &managed, &user, Lang::En);
        let got: Vec<String> = rows
            .iter()
            .map(|r| {
                format!(
                    "{} {} -> {} ({}) from {:?}, overruled by {:?}",
                    r.page_lang, r.label, r.scope_id, r.names, r.source, r.overruled_by
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                "de Arbeitsaufgaben -> vso.work (Work Items – Read) from EnterprisePolicy, overruled by None",
                "en Repos -> vso.code (Code – Read) from EnterprisePolicy, overruled by None",
                "en repos -> vso.build (Build – Read) from OrganizationTeamFile, overruled by Some(EnterprisePolicy)",
                "en Pipes -> vso.build_execute (Build – Read & execute) from UserTeamFile, overruled by None",
            ]
        );
        let (policy, issues) = policy_rows(&Json::Null, &managed, Lang::En);
        assert!(issues.is_empty(), "{issues:?}");
        let row = policy.iter().find(|r| r.key == "labelAliases").unwrap();
        assert_eq!(row.value, "2 (listed under Label aliases)");
        assert_eq!(row.source, "your organization's enterprise policy");
        // An invalid source lists nothing (its error is shown with the policy).
        let bad = json!({"labelAliases": {"en": {"Repos": "vso.nope"}}});
        assert!(alias_rows(&Json::Null, &bad, &[], Lang::En).is_empty());
    }
}
