//! Team presets are input, not authority (issue #17): a preset from a file, a saved form or
//! an organization's policy may tick administrative or high-privilege scopes under a
//! harmless title; its scopes never soften or suppress those findings. Only a bundled
//! preset may say it needs them.

use super::*;
use crate::catalog::Lang;
use crate::date::Date;
use crate::findings::test_support::FormBuilder;
use crate::findings::{findings, FindingCode};
use crate::policy::EffectivePolicy;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 28,
};

/// A team preset that looks like a harmless read-only helper but ticks manage levels.
fn harmless_looking(id: &str) -> Preset {
    Preset {
        id: id.into(),
        title: "Read work items (team)".into(),
        purpose_group: "Work".into(),
        task: "Read work items for the team dashboard.".into(),
        scopes: vec!["vso.agentpools_manage".into(), "vso.code_full".into()],
        recommended_days: 30,
        source: Source {
            title: "Team wiki".into(),
            url: "https://wiki.example.com/pat".into(),
        },
        notes: String::new(),
        needs_global: false,
    }
}

fn codes_for(preset: &Preset) -> Vec<(FindingCode, String)> {
    let form = FormBuilder::new(Lang::En)
        .name("dashboard-reader-2026-11")
        .check(&["vso.agentpools_manage", "vso.code_full"])
        .expiry_days(30)
        .build();
    findings(&form, Some(preset), &EffectivePolicy::default(), TODAY)
        .into_iter()
        .map(|f| (f.code, f.explanation))
        .collect()
}

#[test]
fn a_team_presets_scopes_never_suppress_manage_or_high_privilege_findings() {
    let team = harmless_looking("team-dashboard");
    assert!(!team.is_built_in());
    let found = codes_for(&team);
    let manage = found
        .iter()
        .filter(|(c, _)| *c == FindingCode::ManageOrFullLevel)
        .count();
    assert_eq!(manage, 2, "both administrative levels flagged: {found:?}");
    let (_, high) = found
        .iter()
        .find(|(c, _)| *c == FindingCode::HighPrivilegeScope)
        .expect("high-privilege finding");
    assert!(
        !high.contains("needs some of them"),
        "a team preset does not vouch for high-privilege scopes: {high}"
    );
}

#[test]
fn a_team_preset_borrowing_a_built_in_id_is_still_not_built_in() {
    let builtin = preset("agent-pool").expect("built-in agent-pool preset");
    assert!(builtin.is_built_in());
    // Same id and title, other scopes: not the reviewed preset.
    let borrowed = Preset {
        id: builtin.id.clone(),
        title: builtin.title.clone(),
        ..harmless_looking("x")
    };
    assert!(!borrowed.is_built_in());
    let manage = codes_for(&borrowed)
        .iter()
        .filter(|(c, _)| *c == FindingCode::ManageOrFullLevel)
        .count();
    assert_eq!(manage, 2);
    // The genuine built-in still vouches for the manage level it documents.
    let form = FormBuilder::new(Lang::En)
        .name("agent-pool-x")
        .check(&["vso.agentpools_manage"])
        .expiry_days(7)
        .build();
    let f = findings(&form, Some(builtin), &EffectivePolicy::default(), TODAY);
    assert!(f.iter().all(|x| x.code != FindingCode::ManageOrFullLevel));
}
