use super::*;
use crate::protocol::Incoming;
use patguard_core::snapshot::Snapshot;

const TODAY: i64 = 20_785; // 2026-11-28

fn snapshot(name: &str) -> Box<Snapshot> {
    Box::new(patguard_core::testkit::fixture(name))
}

fn app_on(name: &str) -> (App, Vec<Effect>) {
    let mut app = App::new(Lang::En, TODAY);
    let out = app.on_message(Incoming::Snapshot {
        snap: snapshot(name),
    });
    (app, out)
}

#[test]
fn a_preset_click_plans_actions_on_the_form() {
    let (mut app, _) = app_on("create-collapsed-en");
    let out = app.apply_preset("git-push");
    assert_eq!(
        app.busy(),
        patguard_core::presets::preset("git-push").map(|p| p.title.as_str())
    );
    assert!(
        matches!(out.as_slice(), [Effect::Agent(Outgoing::Act { actions, .. })] if !actions.is_empty())
    );
}

#[test]
fn full_access_is_a_critical_finding_that_arms_the_gate() {
    let (app, out) = app_on("create-full-en");
    assert!(app
        .guard
        .findings
        .iter()
        .any(|f| f.code.as_str() == "full-access"));
    assert!(out
        .iter()
        .any(|e| matches!(e, Effect::Agent(Outgoing::Gate { h: Some(_), .. }))));
    assert!(app.guard.announcement.contains("Full"));
}

#[test]
fn the_gate_asks_then_releases_one_click() {
    let (mut app, _) = app_on("create-full-en");
    app.on_message(Incoming::GateClick);
    assert!(matches!(app.guard.dialog, Some(GateDialog::Confirm { .. })));
    let out = app.confirm_create();
    assert!(matches!(
        out.as_slice(),
        [Effect::Agent(Outgoing::ReleaseGate { .. })]
    ));
    assert!(app.guard.dialog.is_none());
}

#[test]
fn a_blocking_policy_refuses_instead_of_asking() {
    let mut app = App::new(Lang::En, TODAY);
    app.load_policy("null", r#"{"blockFullAccess": true}"#);
    app.on_message(Incoming::Snapshot {
        snap: snapshot("create-full-en"),
    });
    app.on_message(Incoming::GateClick);
    assert!(matches!(app.guard.dialog, Some(GateDialog::Blocked { .. })));
    assert!(app.confirm_create().is_empty());
}

#[test]
fn a_malformed_policy_is_reported_and_defaults_stay() {
    let mut app = App::new(Lang::En, TODAY);
    app.load_policy("null", r#"{"maxLifetimeDays": "ninety"}"#);
    let issue = &app.policy_issues()[0];
    assert!(issue.to_string().contains("maxLifetimeDays"), "{issue}");
    assert_eq!(app.policy().policy().max_lifetime_days, None);
}

#[test]
fn the_success_view_holds_a_validated_token_and_drops_it_when_closed() {
    let (mut app, _) = app_on("success-en");
    let s = app.success().expect("success session");
    assert!(s.kind.is_valid());
    assert_eq!(s.token_len(), 84);
    let out = app.secure_copy();
    assert!(matches!(
        out.as_slice(),
        [Effect::Copy {
            clear_after_seconds: 30,
            ..
        }]
    ));
    app.on_message(Incoming::Snapshot {
        snap: snapshot("list-en"),
    });
    assert!(app.success().is_none());
}

#[test]
fn import_files_go_to_the_vault_window_and_name_no_secret() {
    let (mut app, _) = app_on("success-en");
    for (format, id, ext) in [
        (HandoffFormat::BitwardenJson, "bitwarden-json", ".json"),
        (HandoffFormat::OnePasswordCsv, "1password-csv", ".csv"),
        (HandoffFormat::KeepassXml, "keepass-xml", ".xml"),
    ] {
        let out = app.start_handoff(format);
        let [Effect::OpenVault {
            format: sent,
            request_json,
            filename,
        }] = out.as_slice()
        else {
            panic!("one OpenVault effect, got {out:?}")
        };
        assert_eq!(*sent, id);
        assert!(filename.starts_with("azure-devops-pat-contoso-") && filename.ends_with(ext));
        // Only the organization and a yyyy-mm-dd date besides the fixed parts.
        assert_eq!(
            filename.len(),
            "azure-devops-pat-contoso-".len() + 10 + ext.len()
        );
        // The frame sends the entry, never a file: the window builds and confirms that.
        assert!(request_json.starts_with("{\"expires\":") && request_json.contains("\"token\""));
        assert!(!request_json.contains("<KeePassFile>") && !request_json.contains("\"items\""));
        app.on_handoff_done(Err(
            "Cancelled in PAT Guard's window; no file was written.".into()
        ));
        assert!(
            matches!(&app.notice, Some(Notice::Error(e)) if e.starts_with("The import file could not be made") && e.contains("no file was written"))
        );
        assert_eq!(app.start_handoff(format).len(), 1);
        app.on_handoff_done(Ok(()));
        assert!(matches!(&app.notice, Some(Notice::Success(t)) if t.contains("NOT encrypted")));
    }
    assert_eq!(
        app.success().map(|s| s.saved.clone()),
        Some(vec!["bitwarden-json", "1password-csv", "keepass-xml"])
    );
}

#[test]
fn the_kdbx_hand_off_goes_to_the_vault_window_once_and_reports_back() {
    let (mut app, _) = app_on("success-en");
    let out = app.start_handoff(HandoffFormat::Kdbx);
    let [Effect::OpenVault {
        format,
        request_json,
        filename,
    }] = out.as_slice()
    else {
        panic!("one OpenVault effect, got {out:?}")
    };
    assert_eq!(*format, "kdbx");
    assert!(filename.starts_with("azure-devops-pat-contoso-") && filename.ends_with(".kdbx"));
    assert!(request_json.contains("\"token\""));
    // A second click while the window is open opens no other one, nor an import file's.
    assert!(app.start_handoff(HandoffFormat::Kdbx).is_empty());
    assert!(app.start_handoff(HandoffFormat::BitwardenJson).is_empty());
    app.on_handoff_done(Err("The KeePass window was closed.".into()));
    assert!(matches!(&app.notice, Some(Notice::Error(e)) if e.contains("closed")));
    assert_eq!(app.start_handoff(HandoffFormat::Kdbx).len(), 1);
    app.on_handoff_done(Ok(()));
    assert_eq!(app.success().map(|s| s.saved.clone()), Some(vec!["kdbx"]));
}

#[test]
fn the_page_report_keeps_structure_but_no_token() {
    let (app, _) = app_on("success-en");
    let token = app.success().map(|s| s.token_len()).unwrap();
    assert_eq!(token, 84);
    let report = app.page_report().expect("a report");
    let snap = snapshot("success-en");
    let value = snap
        .nodes()
        .find(|n| n.ro)
        .and_then(|n| n.expose_value().map(String::from))
        .unwrap();
    assert!(
        !report.contains(&value),
        "the token must not be in the report"
    );
    assert!(
        !report.contains("contoso"),
        "the organization must not be in the report"
    );
    assert!(report.contains("\"recognised\": \"success\""));
}

#[test]
fn the_organization_comes_from_every_url_shape() {
    let (mut app, _) = app_on("create-collapsed-en");
    assert_eq!(app.organization_from_url().as_deref(), Some("contoso"));
    let mut snap = snapshot("create-collapsed-en");
    snap.url = "https://fabrikam.visualstudio.com/_usersSettings/tokens".into();
    snap.gen += 1;
    app.on_message(Incoming::Snapshot { snap });
    assert_eq!(app.organization_from_url().as_deref(), Some("fabrikam"));
}

#[test]
fn an_unreadable_snapshot_replaces_the_view_and_keeps_the_page_gated() {
    let (mut app, out) = app_on("create-full-en");
    assert!(out
        .iter()
        .any(|e| matches!(e, Effect::Agent(Outgoing::Gate { h: Some(_), .. }))));
    let out = app.on_unreadable_snapshot("node 3: its parent 9 does not come before it");
    match app.view() {
        Some(PageView::Unrecognized { reason }) => {
            assert!(reason.contains("could not read this page"), "{reason}");
            assert!(reason.contains("node 3"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert!(app.snapshot().is_none());
    // Fail closed: the agent keeps intercepting the submit button it was given.
    assert!(!out
        .iter()
        .any(|e| matches!(e, Effect::Agent(Outgoing::Gate { h: None, .. }))));
}

/// The "Code" group renamed on the page, as a drifted live page would show it.
fn renamed_code_group() -> Box<Snapshot> {
    let text = patguard_core::testkit::fixture_json("create-expanded-en")
        .replace(r#""x":"Code""#, r#""x":"Repo Sources""#);
    Box::new(Snapshot::from_json(&text).unwrap())
}

fn team_file(aliases: serde_json::Value) -> String {
    serde_json::json!({"version": 1, "labelAliases": aliases, "presets": [{
        "id": "release-bot", "title": "Release bot", "purpose_group": "Team",
        "task": "Reads builds.", "scopes": ["vso.build"], "recommended_days": 14,
        "source": {"title": "Team wiki", "url": "https://wiki.contoso.test/pat"}}]})
    .to_string()
}

fn group_keys(app: &App) -> Vec<String> {
    app.form()
        .unwrap()
        .groups
        .iter()
        .map(|g| g.key.clone())
        .collect()
}

#[test]
fn a_team_files_label_aliases_reach_the_recogniser() {
    let mut app = App::new(Lang::En, TODAY);
    app.load_policy("null", "null");
    app.on_message(Incoming::Snapshot {
        snap: renamed_code_group(),
    });
    assert!(!group_keys(&app).contains(&"code".to_string()));
    assert!(!app.form().unwrap().unknown.is_empty());
    // A team file that arrives after the page was read re-reads it with its aliases.
    app.set_team_presets(
        &team_file(serde_json::json!({"en": {"Repo Sources": "vso.code"}})),
        "null",
    );
    assert!(group_keys(&app).contains(&"code".to_string()));
    assert!(app.form().unwrap().unknown.is_empty());
    assert_eq!(app.team_presets().user.len(), 1);
    // Saving a preset from the form keeps the file's aliases.
    let out = app.save_preset();
    let Some(Effect::StoreTeamPresets { file }) = out.first() else {
        panic!("{out:?}")
    };
    let (saved, origins) = patguard_core::presets::team::parse_stored(file, &[]).unwrap();
    assert_eq!(saved.presets.len(), 2);
    assert_eq!(saved.label_aliases, app.team_presets().user_aliases);
    assert_eq!(
        origins.get(&saved.presets[1].id),
        Some(&patguard_core::presets::team::UserOrigin::Saved)
    );
}

#[test]
fn the_organizations_label_aliases_win_over_a_team_files() {
    let mut app = App::new(Lang::En, TODAY);
    app.load_policy(
        "null",
        r#"{"labelAliases": {"en": {"Repo Sources": "vso.code"}}}"#,
    );
    // Both team files map the same label to another group.
    let other = team_file(serde_json::json!({"en": {"repo sources": "vso.build"}}));
    let org = serde_json::json!({"version": 1, "presets": [],
        "labelAliases": {"en": {"REPO SOURCES": "vso.release"}}})
    .to_string();
    app.set_team_presets(&other, &org);
    let first = &app.label_aliases_in_force()[0];
    assert_eq!(
        (first.label.as_str(), first.scope_id.as_str()),
        ("Repo Sources", "vso.code")
    );
    app.on_message(Incoming::Snapshot {
        snap: renamed_code_group(),
    });
    let keys = group_keys(&app);
    assert!(keys.contains(&"code".to_string()), "{keys:?}");
    assert_eq!(keys.iter().filter(|k| *k == "build").count(), 1);
    // Without the policy, the organization's team file comes before the user's.
    app.load_policy("null", "null");
    assert_eq!(app.label_aliases_in_force()[0].scope_id, "vso.release");
}

#[test]
fn a_team_file_with_a_bad_label_alias_is_refused_whole() {
    let mut app = App::new(Lang::En, TODAY);
    app.set_team_presets(
        &team_file(serde_json::json!({"en": {"Repo Sources": "vso.cod"}})),
        "null",
    );
    assert!(app.team_presets().user.is_empty());
    assert!(app.team_presets().user_aliases.is_empty());
    let issue = app
        .policy_issues()
        .iter()
        .find(|i| i.key == "teamPresets.labelAliases")
        .expect("the alias error is reported");
    assert!(issue.message.contains("vso.cod"), "{}", issue.message);
}

#[test]
fn each_team_preset_says_where_it_came_from() {
    let preset = |id: &str| {
        serde_json::json!({
            "id": id, "title": "Release bot", "purpose_group": "Team", "task": "Reads builds.",
            "scopes": ["vso.build"], "recommended_days": 14,
            "source": {"title": "Team wiki", "url": "https://wiki.contoso.test/pat"}
        })
    };
    let user = serde_json::json!({
        "version": 1,
        "presets": [preset("from-file"), preset("from-form"), preset("stored-before")],
        "labelAliases": {"en": {"Repo Sources": "vso.code"}},
        "origins": {
            "from-file": {"how": "imported", "file": "release-team.json"},
            "from-form": {"how": "saved"}
        }
    });
    let managed = serde_json::json!({"version": 1, "presets": [preset("pushed")]});
    let mut app = App::new(Lang::En, TODAY);
    app.set_team_presets(&user.to_string(), &managed.to_string());
    let origins: Vec<(&str, PresetOrigin)> = app
        .team_presets()
        .with_origin()
        .map(|(p, o)| (p.id.as_str(), o))
        .collect();
    assert_eq!(
        origins,
        [
            ("pushed", PresetOrigin::Organization),
            ("from-file", PresetOrigin::File("release-team.json".into())),
            ("from-form", PresetOrigin::Saved),
            ("stored-before", PresetOrigin::User),
        ]
    );
    assert!(app.policy_issues.is_empty());
    // The stored file's aliases are read beside its origins.
    assert_eq!(app.team_presets().user_aliases.len(), 1);

    // A pushed file cannot name an origin for its presets: it is refused like any unknown key.
    let mut claims = managed.clone();
    claims["origins"] = serde_json::json!({"pushed": {"how": "saved"}});
    app.set_team_presets("null", &claims.to_string());
    assert!(app.team_presets().managed.is_empty());
    assert!(app
        .policy_issues
        .iter()
        .any(|i| i.key == "enterprise policy.teamPresets.origins"));
}

/// The `Gate` verdicts among the effects, as (gen, handle given, armed).
fn gate_verdicts(out: &[Effect]) -> Vec<(u32, bool, bool)> {
    out.iter()
        .filter_map(|e| match e {
            Effect::Agent(Outgoing::Gate { gen, h, armed }) => Some((*gen, h.is_some(), *armed)),
            _ => None,
        })
        .collect()
}

#[test]
fn every_snapshot_of_a_form_gets_a_gate_verdict_armed_or_not() {
    let (mut app, out) = app_on("create-collapsed-en");
    let first = gate_verdicts(&out);
    assert_eq!(first.len(), 1, "{first:?}");
    assert!(
        first[0].1 && !first[0].2,
        "a safe form: held only while unjudged"
    );
    let mut snap = snapshot("create-collapsed-en");
    snap.gen += 1;
    let gen = snap.gen;
    let out = app.on_message(Incoming::Snapshot { snap });
    assert_eq!(gate_verdicts(&out), vec![(gen, true, false)]);
    let (_, out) = app_on("create-full-en");
    assert!(gate_verdicts(&out).iter().any(|&(_, h, armed)| h && armed));
}

#[test]
fn a_held_click_on_a_safe_form_goes_on_at_once() {
    let (mut app, _) = app_on("create-collapsed-en");
    let out = app.on_message(Incoming::GateClick);
    assert!(app.guard.dialog.is_none());
    assert!(
        matches!(out.as_slice(), [Effect::Agent(Outgoing::ReleaseGate { expect, .. })] if expect.name.is_some())
    );
}

#[test]
fn leaving_a_safe_form_lifts_the_gate_but_a_risky_one_stays_held() {
    let (mut app, _) = app_on("create-collapsed-en");
    let out = app.on_message(Incoming::Snapshot {
        snap: snapshot("list-en"),
    });
    assert_eq!(
        gate_verdicts(&out)
            .iter()
            .map(|&(_, h, armed)| (h, armed))
            .collect::<Vec<_>>(),
        vec![(false, false)]
    );
    let (mut app, _) = app_on("create-full-en");
    let out = app.on_message(Incoming::Snapshot {
        snap: snapshot("list-en"),
    });
    assert!(
        gate_verdicts(&out).is_empty(),
        "fail closed after an armed verdict"
    );
    assert!(app.on_message(Incoming::GateClick).is_empty());
    assert!(matches!(app.notice, Some(Notice::Error(_))));
}

/// The `mount` message each view sends the agent: where the assistant belongs.
fn mount_of(out: &[Effect]) -> Option<(u32, Option<u32>)> {
    out.iter().find_map(|e| match e {
        Effect::Agent(Outgoing::Mount { gen, h }) => Some((*gen, *h)),
        _ => None,
    })
}

#[test]
fn a_token_shown_in_the_page_asks_the_agent_to_mount_beside_it() {
    // The success panel's content as a page region: no dialog anywhere.
    let mut snap = patguard_core::testkit::fixture("success-en");
    snap.roots[0].r = None;
    let gen = snap.gen;
    let mut app = App::new(Lang::En, TODAY);
    let out = app.on_message(Incoming::Snapshot {
        snap: Box::new(snap),
    });
    assert!(matches!(app.view(), Some(PageView::Success(_))));
    // The row of the read-only field and its copy button (tests in the core).
    assert_eq!(mount_of(&out), Some((gen, Some(22))));
    // Back on the list, the agent is told to put it where it goes by itself.
    let out = app.on_message(Incoming::Snapshot {
        snap: snapshot("list-en"),
    });
    assert_eq!(mount_of(&out).map(|(_, h)| h), Some(None));
    // In a dialog, too: the agent mounts in the dialog.
    let (_, out) = app_on("success-en");
    assert_eq!(mount_of(&out).map(|(_, h)| h), Some(None));
}
