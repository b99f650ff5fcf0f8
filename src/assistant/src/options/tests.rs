use super::model::*;
use patguard_core::catalog::Lang;
use patguard_core::policy::read_policy;
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

#[test]
fn policy_json_hides_the_non_policy_keys() {
    let p = policy_json(
        r#"{"clipboardClearSeconds":30,"reminderDays":[7],"defaultExpiryDays":9,"maxLifetimeDays":5}"#,
    );
    assert_eq!(p, r#"{"maxLifetimeDays":5}"#);
    assert!(read_policy(&serde_json::from_str(&p).unwrap())
        .issues
        .is_empty());
}

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

#[test]
fn edit_and_import() {
    let file = json!({"version": 1, "presets": [{
        "id": "nightly", "title": "Nightly", "purpose_group": "Team", "task": "Builds.",
        "scopes": ["vso.build"], "recommended_days": 7,
        "source": {"title": "Wiki", "url": "https://wiki.contoso.test"}}]})
    .to_string();
    let imported = import(&file, &Default::default(), &[]).unwrap();
    let all = imported.presets.clone();
    assert_eq!(all.len(), 1);
    // Importing the same file again clashes and changes nothing.
    let e = import(&file, &imported, &[]).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "presets[0].id: \"nightly\" is already the id of an existing team preset"
    );
    let mut d = PresetDraft::of(&all[0]);
    d.days = "400".into();
    d.scopes = "vso.build, vso.bogus".into();
    let e = apply_edit("nightly", &d, &all, &[]).unwrap_err();
    let m: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(
        m,
        [
            "recommended_days: expected a whole number from 1 to 365, got 400",
            "scopes[1]: unknown scope id \"vso.bogus\""
        ]
    );
    d.days = "14".into();
    d.scopes = "vso.build_execute".into();
    let edited = apply_edit("nightly", &d, &all, &[]).unwrap();
    assert_eq!(edited[0].recommended_days, 14);
    assert_eq!(edited[0].scopes, ["vso.build_execute"]);
}

#[test]
fn server_origins() {
    assert_eq!(
        server_origin(
            " https://ADO.contoso.test/DefaultCollection/_usersSettings/tokens ",
            Lang::En
        )
        .unwrap(),
        "https://ado.contoso.test"
    );
    assert_eq!(
        server_origin("https://tfs.local:8443", Lang::En).unwrap(),
        "https://tfs.local:8443"
    );
    for bad in [
        "http://ado.contoso.test",
        "https://",
        "https://a b",
        "https://user@host",
        "https://h:0",
        "https://dev.azure.com/x",
    ] {
        assert!(server_origin(bad, Lang::En).is_err(), "{bad}");
    }
}

#[test]
fn alias_rows_name_scope_group_level_source_and_the_winner() {
    let managed = json!({
        "labelAliases": {"en": {"Repos": "vso.code"}, "de": {"Arbeitsaufgaben": "vso.work"}},
        "teamPresets": {"version": 1, "presets": [], "labelAliases": {"en": {"repos": "vso.build"}}}
    });
    let user = crate::team::read_value(
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
