use super::test_support::FormBuilder;
use super::*;
use crate::policy::{read_policy, PolicyLayer};
use crate::presets::preset;

const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 28,
};

fn run(form: &FormState, p: Option<&str>) -> Vec<Finding> {
    findings(
        form,
        p.map(|id| preset(id).unwrap()),
        &EffectivePolicy::default(),
        TODAY,
    )
}

fn run_with(form: &FormState, p: Option<&str>, policy: &EffectivePolicy) -> Vec<Finding> {
    findings(form, p.map(|id| preset(id).unwrap()), policy, TODAY)
}

fn enterprise(v: serde_json::Value) -> EffectivePolicy {
    let r = read_policy(&v);
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    EffectivePolicy::merge(&PolicyLayer::default(), &r.layer)
}

fn user(v: serde_json::Value) -> EffectivePolicy {
    EffectivePolicy::merge(&read_policy(&v).layer, &PolicyLayer::default())
}

fn codes(f: &[Finding]) -> Vec<&'static str> {
    f.iter().map(|f| f.code.as_str()).collect()
}

fn one(f: &[Finding], code: FindingCode) -> &Finding {
    let hits: Vec<&Finding> = f.iter().filter(|x| x.code == code).collect();
    assert_eq!(hits.len(), 1, "{code:?} in {:?}", codes(f));
    hits[0]
}

fn handle(form: &FormState, id: &str) -> Handle {
    form.level(id).unwrap().handle
}

fn both() -> [Lang; 2] {
    [Lang::En, Lang::De]
}

#[test]
fn a_clean_form_has_no_findings() {
    for lang in both() {
        let form = FormBuilder::new(lang)
            .name("git-read-code-2026-11")
            .check(&["vso.code"])
            .build();
        assert!(run(&form, Some("git-read")).is_empty(), "{lang:?}");
        assert!(run(&form, None).is_empty());
        assert_eq!(
            gate(&run(&form, None), &EffectivePolicy::default()),
            Gate::None
        );
    }
}

#[test]
fn full_access_is_critical_with_a_preset_fix() {
    for lang in both() {
        let form = FormBuilder::new(lang).name("ci push").full_access().build();
        let f = run(&form, Some("git-push"));
        let fa = one(&f, FindingCode::FullAccess);
        assert_eq!(fa.severity, Severity::Critical);
        assert_eq!(
            fa.targets,
            vec![form.scope_mode.full.handle, form.scope_mode.custom.handle]
        );
        assert_eq!(
            fa.fix.as_ref().unwrap().steps,
            vec![
                FixStep::SetScopeMode {
                    mode: ScopeMode::Custom
                },
                FixStep::ApplyPreset {
                    id: "git-push".into()
                }
            ]
        );
        // Full access hides the checkboxes' meaning: no per-scope findings.
        assert!(!codes(&f).contains(&"high-privilege-scope") && !codes(&f).contains(&"no-scopes"));
    }
    let de = FormBuilder::new(Lang::De).name("x").full_access().build();
    assert!(one(&run(&de, None), FindingCode::FullAccess)
        .title
        .contains("Vollzugriff"));
}

#[test]
fn full_access_fix_guesses_the_preset_from_the_name_or_gives_none() {
    let named = FormBuilder::new(Lang::En)
        .name("Renovate bot")
        .full_access()
        .build();
    let fix = one(&run(&named, None), FindingCode::FullAccess)
        .fix
        .clone()
        .unwrap();
    assert_eq!(
        fix.steps[1],
        FixStep::ApplyPreset {
            id: "renovate".into()
        }
    );
    let git = FormBuilder::new(Lang::En)
        .name("git push from CI")
        .full_access()
        .build();
    let fix = one(&run(&git, None), FindingCode::FullAccess)
        .fix
        .clone()
        .unwrap();
    assert_eq!(
        fix.steps[1],
        FixStep::ApplyPreset {
            id: "git-push".into()
        }
    );
    let unknown = FormBuilder::new(Lang::En)
        .name("nightly thing")
        .full_access()
        .build();
    let fix = one(&run(&unknown, None), FindingCode::FullAccess)
        .fix
        .clone()
        .unwrap();
    assert_eq!(
        fix.steps,
        vec![FixStep::SetScopeMode {
            mode: ScopeMode::Custom
        }]
    );
    assert_eq!(
        preset_for_name("work items read job").map(|p| p.id.as_str()),
        Some("work-items-read")
    );
}

#[test]
fn all_organizations_names_the_retirement() {
    for lang in both() {
        let form = FormBuilder::new(lang)
            .name("git-read-x")
            .check(&["vso.code"])
            .all_orgs()
            .build();
        let f = run(&form, None);
        let g = one(&f, FindingCode::AllOrganizations);
        assert_eq!(g.severity, Severity::Critical);
        assert_eq!(g.targets, vec![form.organization.handle]);
        assert!(g.explanation.contains("2026"));
        assert!(
            g.explanation.contains("3"),
            "3 days left: {}",
            g.explanation
        );
        assert_eq!(
            g.fix.as_ref().unwrap().steps,
            vec![FixStep::SelectOrganization {
                org: OrgChoice::Current
            }]
        );
        assert!(g.source.url.contains("sprint-270"));
    }
    // After the retirement date the token would not work at all.
    let form = FormBuilder::new(Lang::En)
        .name("git-read-x")
        .check(&["vso.code"])
        .all_orgs()
        .build();
    let later = findings(
        &form,
        None,
        &EffectivePolicy::default(),
        Date::new(2026, 12, 2).unwrap(),
    );
    assert!(one(&later, FindingCode::AllOrganizations)
        .explanation
        .contains("stopped working"));
    // A preset that documents a global token gets a pointer to its notes.
    let vsce = FormBuilder::new(Lang::En)
        .name("vsce")
        .check(&["vso.gallery_manage"])
        .all_orgs()
        .build();
    let f = run(&vsce, Some("vsce-publish"));
    assert!(one(&f, FindingCode::AllOrganizations)
        .explanation
        .contains("preset notes"));
}

#[test]
fn long_expiry_thresholds() {
    for lang in both() {
        let base = || {
            FormBuilder::new(lang)
                .name("build-read-ci")
                .check(&["vso.build"])
        };
        assert!(run(&base().expiry_days(90).build(), None).is_empty());
        let f = run(&base().expiry_days(91).build(), Some("build-read"));
        let w = one(&f, FindingCode::LongExpiry);
        assert_eq!(w.severity, Severity::Warning);
        assert_eq!(
            w.fix.as_ref().unwrap().steps,
            vec![FixStep::SetExpiryDays { days: 90 }]
        );
        let form = base().expiry_days(400).build();
        let f = run(&form, None);
        let c = one(&f, FindingCode::LongExpiry);
        assert_eq!(c.severity, Severity::Critical);
        assert_eq!(
            c.fix.as_ref().unwrap().steps,
            vec![FixStep::SetExpiryDays { days: 30 }]
        );
        assert_eq!(c.targets, expiry_targets(&form));
        assert!(c.title.contains("400"));
    }
}

#[test]
fn long_expiry_above_the_policy_max_is_critical() {
    let policy = enterprise(json!({"maxLifetimeDays": 60}));
    let form = FormBuilder::new(Lang::En)
        .name("git-push-ci")
        .check(&["vso.code_write"])
        .expiry_days(75)
        .build();
    let f = run_with(&form, Some("git-push"), &policy);
    let l = one(&f, FindingCode::LongExpiry);
    assert_eq!(l.severity, Severity::Critical);
    assert_eq!(
        l.fix.as_ref().unwrap().steps,
        vec![FixStep::SetExpiryDays { days: 30 }]
    );
    // Recommended period capped by the policy maximum.
    let tight = enterprise(json!({"maxLifetimeDays": 20}));
    let f = run_with(&form, Some("git-read"), &tight);
    assert_eq!(
        one(&f, FindingCode::LongExpiry).fix.as_ref().unwrap().steps,
        vec![FixStep::SetExpiryDays { days: 20 }]
    );
}

#[test]
fn expiry_from_date_text_in_page_formats() {
    for (lang, text) in [
        (Lang::En, "2027/11/28"),
        (Lang::De, "28.11.2027"),
        (Lang::En, "2027-11-28"),
    ] {
        let form = FormBuilder::new(lang)
            .name("build-read-ci")
            .check(&["vso.build"])
            .expiry_date_text(text)
            .build();
        assert_eq!(lifetime_days(&form, TODAY), Some(365));
        let f = run(&form, None);
        assert_eq!(one(&f, FindingCode::LongExpiry).severity, Severity::Warning);
    }
    let unreadable = FormBuilder::new(Lang::En)
        .name("build-read-ci")
        .check(&["vso.build"])
        .expiry_date_text("soon")
        .build();
    assert_eq!(lifetime_days(&unreadable, TODAY), None);
}

#[test]
fn high_privilege_scopes_are_named_with_ui_labels() {
    let form = FormBuilder::new(Lang::En)
        .name("renovate-code-2026-11")
        .check(&["vso.code_write", "vso.packaging_write", "vso.work"])
        .build();
    let f = run(&form, None);
    let h = one(&f, FindingCode::HighPrivilegeScope);
    assert_eq!(h.severity, Severity::Warning);
    assert_eq!(
        h.title,
        "High-privilege scopes: Code: Read & write, Packaging: Read & write"
    );
    assert_eq!(
        h.targets,
        vec![
            handle(&form, "vso.code_write"),
            handle(&form, "vso.packaging_write")
        ]
    );
    assert!(h.fix.is_none());
    let de = FormBuilder::new(Lang::De)
        .name("renovate-code-2026-11")
        .check(&["vso.code_write"])
        .build();
    let f = run(&de, Some("git-push"));
    let h = one(&f, FindingCode::HighPrivilegeScope);
    assert_eq!(
        h.title,
        "Hochprivilegierte Bereiche: Code: Lesen und schreiben"
    );
    assert!(h.explanation.contains("Vorlage"));
}

#[test]
fn manage_levels_are_lowered_one_step() {
    for lang in both() {
        let form = FormBuilder::new(lang)
            .name("admin-tool-2026-11")
            .check(&[
                "vso.code_full",
                "vso.work_full",
                "vso.gallery_manage",
                "vso.security_manage",
            ])
            .build();
        let f = run(&form, None);
        let m: Vec<&Finding> = f
            .iter()
            .filter(|x| x.code == FindingCode::ManageOrFullLevel)
            .collect();
        let steps: Vec<FixStep> = m
            .iter()
            .flat_map(|x| x.fix.clone().unwrap().steps)
            .collect();
        assert_eq!(
            steps,
            vec![
                FixStep::SetLevel {
                    group: "code".into(),
                    scope_id: "vso.code_manage".into()
                },
                FixStep::SetLevel {
                    group: "marketplace".into(),
                    scope_id: "vso.gallery_publish".into()
                },
                FixStep::SetLevel {
                    group: "workItems".into(),
                    scope_id: "vso.work_write".into()
                },
            ]
        );
        // Security has only a Manage level: nothing lower to offer.
        assert!(m
            .iter()
            .all(|x| x.targets != vec![handle(&form, "vso.security_manage")]));
        assert!(m.iter().all(|x| x.severity == Severity::Warning));
    }
    let de = FormBuilder::new(Lang::De)
        .name("admin-tool-2026-11")
        .check(&["vso.packaging_manage"])
        .build();
    let f = run(&de, None);
    assert!(one(&f, FindingCode::ManageOrFullLevel)
        .fix
        .as_ref()
        .unwrap()
        .label
        .contains("Lesen und schreiben"));
    // A manage level the chosen preset needs is not flagged.
    let agent = FormBuilder::new(Lang::En)
        .name("agent-pool-x")
        .check(&["vso.agentpools_manage"])
        .expiry_days(7)
        .build();
    assert!(!codes(&run(&agent, Some("agent-pool"))).contains(&"manage-or-full-level"));
}

#[test]
fn beyond_preset_respects_inheritance() {
    for lang in both() {
        let form = FormBuilder::new(lang)
            .name("git-push-code-2026-11")
            .check(&["vso.code", "vso.code_write", "vso.work", "vso.build"])
            .build();
        let f = run(&form, Some("git-push"));
        let b = one(&f, FindingCode::BeyondPreset);
        assert_eq!(b.severity, Severity::Warning);
        assert_eq!(
            b.fix.as_ref().unwrap().steps,
            vec![FixStep::RemoveScopes {
                scope_ids: vec!["vso.build".into(), "vso.work".into()]
            }]
        );
        assert_eq!(
            b.targets,
            vec![handle(&form, "vso.build"), handle(&form, "vso.work")]
        );
        assert!(b.source.url.contains("git.json"));
    }
    // The deployment-group preset covers Agent Pools (Read & manage) by inheritance.
    let form = FormBuilder::new(Lang::En)
        .name("deployment-group-agent-x")
        .check(&["vso.machinegroup_manage", "vso.agentpools_manage"])
        .expiry_days(7)
        .build();
    assert!(!codes(&run(&form, Some("deployment-group-agent"))).contains(&"beyond-preset"));
}

#[test]
fn no_scopes_is_info() {
    for lang in both() {
        let form = FormBuilder::new(lang).name("git-read-x").build();
        let f = run(&form, Some("git-read"));
        let n = one(&f, FindingCode::NoScopes);
        assert_eq!(n.severity, Severity::Info);
        assert_eq!(n.targets, vec![form.scope_mode.custom.handle]);
        assert_eq!(
            n.fix.as_ref().unwrap().steps,
            vec![FixStep::ApplyPreset {
                id: "git-read".into()
            }]
        );
        assert!(one(&run(&form, None), FindingCode::NoScopes).fix.is_none());
    }
}

#[test]
fn vague_names_get_a_suggestion() {
    for lang in both() {
        for name in [
            "",
            "  ",
            "Test",
            "TOKEN",
            "pat",
            "My Token",
            "new-token",
            "new_token",
            "x",
            "Mein Token",
        ] {
            let form = FormBuilder::new(lang)
                .name(name)
                .check(&["vso.code"])
                .build();
            let f = run(&form, Some("git-read"));
            let v = one(&f, FindingCode::VagueName);
            assert_eq!(v.severity, Severity::Info);
            assert_eq!(v.targets, vec![form.name.handle]);
            assert_eq!(
                v.fix.as_ref().unwrap().steps,
                vec![FixStep::SetName {
                    name: "git-read-code-2026-11".into()
                }],
                "{name:?}"
            );
        }
        for good in [
            "renovate",
            "GCM laptop",
            "tokenizer-ci",
            "test-results-upload",
        ] {
            let form = FormBuilder::new(lang)
                .name(good)
                .check(&["vso.code"])
                .build();
            assert!(!codes(&run(&form, None)).contains(&"vague-name"), "{good}");
        }
    }
    let form = FormBuilder::new(Lang::En)
        .name("token")
        .check(&["vso.packaging"])
        .build();
    let v = one(&run(&form, None), FindingCode::VagueName).clone();
    assert_eq!(
        v.fix.unwrap().steps,
        vec![FixStep::SetName {
            name: "pat-packaging-2026-11".into()
        }]
    );
}

#[test]
fn policy_block_full_access() {
    for (policy, source) in [
        (
            enterprise(json!({"blockFullAccess": true})),
            PolicySource::Enterprise,
        ),
        (user(json!({"blockFullAccess": true})), PolicySource::User),
    ] {
        for lang in both() {
            let form = FormBuilder::new(lang)
                .name("git-push-ci")
                .full_access()
                .build();
            let f = run_with(&form, None, &policy);
            let v = one(&f, FindingCode::PolicyViolation);
            assert_eq!(v.severity, Severity::Critical);
            assert_eq!(
                v.rule,
                Some(PolicyRule {
                    key: "blockFullAccess",
                    source
                })
            );
            assert!(v.explanation.contains("blockFullAccess"));
            assert!(v.explanation.contains(source.describe(lang)));
            assert!(matches!(gate(&f, &policy), Gate::Block { .. }));
        }
    }
}

#[test]
fn policy_block_all_organizations() {
    let policy = enterprise(json!({"blockAllOrganizations": true}));
    for lang in both() {
        let form = FormBuilder::new(lang)
            .name("git-read-x")
            .check(&["vso.code"])
            .all_orgs()
            .build();
        let f = run_with(&form, None, &policy);
        let v = one(&f, FindingCode::PolicyViolation);
        assert_eq!(v.rule.as_ref().unwrap().key, "blockAllOrganizations");
        assert_eq!(v.targets, vec![form.organization.handle]);
        assert!(v.source.title.contains("Enterprise policy"));
        assert_eq!(
            v.fix.as_ref().unwrap().steps,
            vec![FixStep::SelectOrganization {
                org: OrgChoice::Current
            }]
        );
    }
}

#[test]
fn policy_max_lifetime() {
    let policy = enterprise(json!({"maxLifetimeDays": 60}));
    for lang in both() {
        let form = FormBuilder::new(lang)
            .name("git-read-x")
            .check(&["vso.code"])
            .expiry_days(61)
            .build();
        let f = run_with(&form, Some("git-read"), &policy);
        let v = one(&f, FindingCode::PolicyViolation);
        assert_eq!(
            v.rule,
            Some(PolicyRule {
                key: "maxLifetimeDays",
                source: PolicySource::Enterprise
            })
        );
        assert!(v.title.contains("61") && v.title.contains("60"));
        assert_eq!(
            v.fix.as_ref().unwrap().steps,
            vec![FixStep::SetExpiryDays { days: 60 }]
        );
        let ok = FormBuilder::new(lang)
            .name("git-read-x")
            .check(&["vso.code"])
            .expiry_days(60)
            .build();
        assert!(run_with(&ok, Some("git-read"), &policy).is_empty());
    }
}

#[test]
fn policy_forbidden_scopes_with_inheritance() {
    let policy = enterprise(json!({"forbiddenScopes": ["vso.code_write"]}));
    for lang in both() {
        let form = FormBuilder::new(lang)
            .name("repo-admin-x")
            .check(&["vso.code_manage", "vso.work"])
            .build();
        let f = run_with(&form, None, &policy);
        let v = one(&f, FindingCode::PolicyViolation);
        assert_eq!(v.rule.as_ref().unwrap().key, "forbiddenScopes");
        assert_eq!(v.targets, vec![handle(&form, "vso.code_manage")]);
        assert_eq!(
            v.fix.as_ref().unwrap().steps,
            vec![FixStep::RemoveScopes {
                scope_ids: vec!["vso.code_manage".into()]
            }]
        );
        // A lower level is allowed.
        let read = FormBuilder::new(lang)
            .name("repo-read-x")
            .check(&["vso.code"])
            .build();
        assert!(run_with(&read, None, &policy).is_empty());
        // Full access includes the forbidden scope.
        let full = FormBuilder::new(lang)
            .name("repo-admin-x")
            .full_access()
            .build();
        let f = run_with(&full, None, &policy);
        assert_eq!(
            f.iter()
                .filter(|x| x.code == FindingCode::PolicyViolation)
                .count(),
            1
        );
    }
    // User-forbidden scopes are attributed to the user.
    let mine = user(json!({"forbiddenScopes": ["vso.work_full"]}));
    let form = FormBuilder::new(Lang::En)
        .name("wi-admin-x")
        .check(&["vso.work_full"])
        .build();
    let v = one(&run_with(&form, None, &mine), FindingCode::PolicyViolation).clone();
    assert_eq!(v.rule.unwrap().source, PolicySource::User);
    assert!(v.source.title.starts_with("PAT Guard settings"));
}

#[test]
fn findings_are_sorted_by_severity() {
    let form = FormBuilder::new(Lang::En)
        .name("test")
        .check(&["vso.code_full", "vso.build"])
        .all_orgs()
        .expiry_days(120)
        .build();
    let f = run(&form, Some("git-push"));
    let sev: Vec<Severity> = f.iter().map(|x| x.severity).collect();
    let mut sorted = sev.clone();
    sorted.sort();
    assert_eq!(sev, sorted);
    assert_eq!(
        codes(&f),
        [
            "all-organizations",
            "long-expiry",
            "high-privilege-scope",
            "manage-or-full-level",
            "beyond-preset",
            "vague-name"
        ]
    );
}

#[test]
fn gate_decisions() {
    let clean = FormBuilder::new(Lang::En)
        .name("git-read-x")
        .check(&["vso.code"])
        .build();
    assert_eq!(
        gate(&run(&clean, None), &EffectivePolicy::default()),
        Gate::None
    );
    // Warnings and infos never gate.
    let warn = FormBuilder::new(Lang::En)
        .name("test")
        .check(&["vso.code_write"])
        .build();
    assert_eq!(
        gate(&run(&warn, None), &EffectivePolicy::default()),
        Gate::None
    );
    // Critical: ask by default, block when configured.
    let risky = FormBuilder::new(Lang::En)
        .name("git-read-x")
        .full_access()
        .build();
    let f = run(&risky, None);
    assert_eq!(
        gate(&f, &EffectivePolicy::default()),
        Gate::Confirm {
            risks: vec!["Full access grants every scope".into()]
        }
    );
    let strict = enterprise(json!({"criticalAction": "block"}));
    assert_eq!(
        gate(&run_with(&risky, None, &strict), &strict),
        Gate::Block {
            reasons: vec!["Full access grants every scope".into()]
        }
    );
    // Policy violations always block, naming only the violations.
    let p = enterprise(json!({"blockFullAccess": true}));
    match gate(&run_with(&risky, None, &p), &p) {
        Gate::Block { reasons } => assert_eq!(
            reasons,
            vec!["Policy: Full access is not allowed".to_string()]
        ),
        other => panic!("expected block, got {other:?}"),
    }
}

#[test]
fn codes_are_stable_kebab_case_strings() {
    let all = [
        FindingCode::FullAccess,
        FindingCode::AllOrganizations,
        FindingCode::LongExpiry,
        FindingCode::HighPrivilegeScope,
        FindingCode::ManageOrFullLevel,
        FindingCode::BeyondPreset,
        FindingCode::NoScopes,
        FindingCode::VagueName,
        FindingCode::PolicyViolation,
    ];
    let names: std::collections::BTreeSet<&str> = all.iter().map(|c| c.as_str()).collect();
    assert_eq!(names.len(), all.len());
    for name in names {
        assert!(
            name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
            "{name}"
        );
    }
}

#[test]
fn a_ticked_unknown_scope_is_a_finding_and_known_groups_are_still_judged() {
    let mut form = FormBuilder::new(Lang::En)
        .name("renovate-bot-2026-11")
        .check(&["vso.code_manage"])
        .build();
    let unknown = |checked| crate::page::UnknownLevel {
        group_label: "Secret Vaults".into(),
        group_key: None,
        label: "Read".into(),
        handle: 4242,
        checked,
        disabled: false,
    };
    form.unknown.push(unknown(false));
    assert!(!codes(&run(&form, None)).contains(&"unknown-scope"));
    form.unknown[0] = unknown(true);
    let f = run(&form, None);
    let u = f
        .iter()
        .find(|f| f.code == FindingCode::UnknownScope)
        .unwrap();
    assert_eq!(u.title, "Scope PAT Guard cannot judge: Secret Vaults: Read");
    assert_eq!(u.targets, vec![4242]);
    assert!(u.fix.is_none(), "PAT Guard never clicks an unknown control");
    assert!(codes(&f).contains(&"manage-or-full-level"));
}

#[test]
fn an_expired_token_on_the_edit_form_gets_no_edit_based_fix() {
    let mut form = FormBuilder::new(Lang::En)
        .name("x")
        .check(&["vso.code_manage"])
        .expiry_days(-3)
        .build();
    form.mode = crate::page::FormMode::Edit;
    let f = run(&form, None);
    assert!(codes(&f).contains(&"expired-token"), "{:?}", codes(&f));
    assert!(f.iter().all(|f| f.fix.is_none()), "{f:?}");
    // The same form while creating keeps its fixes.
    form.mode = crate::page::FormMode::Create;
    let f = run(&form, None);
    assert!(!codes(&f).contains(&"expired-token"));
    assert!(f.iter().any(|f| f.fix.is_some()));
}
