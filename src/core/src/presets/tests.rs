use super::*;
use serde_json::{json as sj, Value};

fn from_sj(v: &Value) -> Result<Vec<Preset>, Vec<PresetError>> {
    Preset::from_value(v)
}

const REQUIRED: [(&str, &[&str]); 20] = [
    ("git-read", &["vso.code"]),
    ("git-push", &["vso.code_write"]),
    (
        "git-credential-manager",
        &["vso.code_write", "vso.packaging"],
    ),
    ("artifacts-read", &["vso.packaging"]),
    ("artifacts-publish", &["vso.packaging_write"]),
    ("agent-pool", &["vso.agentpools_manage"]),
    ("pipeline-run", &["vso.build_execute"]),
    ("build-read", &["vso.build"]),
    ("work-items-read", &["vso.work"]),
    ("work-items-write", &["vso.work_write"]),
    ("renovate", &["vso.code_write", "vso.work_write"]),
    ("analytics", &["vso.analytics"]),
    ("release-read", &["vso.release"]),
    ("test-read", &["vso.test"]),
    ("wiki-write", &["vso.wiki_write"]),
    ("variable-groups-read", &["vso.variablegroups_read"]),
    ("service-connections-read", &["vso.serviceendpoint"]),
    ("project-read", &["vso.project"]),
    ("graph-read", &["vso.graph"]),
    ("sonarcloud", &["vso.code_write"]),
];

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

fn messages(errors: &[PresetError]) -> Vec<String> {
    errors.iter().map(ToString::to_string).collect()
}

fn valid_preset_json() -> Value {
    sj!({
        "id": "team-git",
        "title": "Team git",
        "purpose_group": "Code",
        "task": "Push to the team repos.",
        "scopes": ["vso.code_write"],
        "recommended_days": 30,
        "source": {"title": "Team wiki", "url": "https://wiki.example.com/pat"}
    })
}

#[test]
fn the_required_presets_exist_with_exactly_their_scopes() {
    for (id, scopes) in REQUIRED {
        let p = preset(id).unwrap_or_else(|| panic!("preset {id} missing"));
        assert_eq!(
            p.scopes,
            scopes.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            "{id}"
        );
    }
    assert!(presets().len() >= 28);
}

#[test]
fn every_built_in_preset_is_valid_against_the_catalog_ui() {
    let c = catalog();
    assert!(
        validate(presets()).is_empty(),
        "{:?}",
        messages(&validate(presets()))
    );
    for p in presets() {
        for s in &p.scopes {
            assert!(
                c.scope(s).is_some(),
                "{}: {s} not offered in the PAT UI",
                p.id
            );
        }
        assert!((1..=365).contains(&p.recommended_days), "{}", p.id);
        // Presets never recommend beyond the 90-day "long expiry" threshold.
        assert!(p.recommended_days <= 90, "{}", p.id);
        assert!(
            [
                "Code",
                "Packages",
                "Pipelines",
                "Work",
                "Reporting",
                "Administration"
            ]
            .contains(&p.purpose_group.as_str()),
            "{}",
            p.id
        );
    }
}

#[test]
fn ids_are_unique_and_well_formed() {
    let mut seen = BTreeSet::new();
    for p in presets() {
        assert!(seen.insert(p.id.as_str()), "duplicate {}", p.id);
        assert!(is_valid_id(&p.id), "{}", p.id);
    }
}

#[test]
fn sources_are_public_pages_from_the_reference() {
    let hosts = [
        "https://learn.microsoft.com/",
        "https://github.com/MicrosoftDocs/",
        "https://github.com/git-ecosystem/git-credential-manager/",
        "https://github.com/renovatebot/renovate/",
        "https://github.com/tinglesoftware/dependabot-azure-devops/",
        "https://github.com/mburumaxwell/paklo",
        "https://docs.sonarsource.com/",
        "https://code.visualstudio.com/",
    ];
    for p in presets() {
        assert!(
            hosts.iter().any(|h| p.source.url.starts_with(h)),
            "{}: {}",
            p.id,
            p.source.url
        );
        assert!(!p.source.title.is_empty());
    }
}

#[test]
fn extra_presets_from_the_reference() {
    let expect: [(&str, &[&str]); 8] = [
        ("deployment-group-agent", &["vso.machinegroup_manage"]),
        ("audit-log", &["vso.auditlog"]),
        ("artifacts-unpublish", &["vso.packaging_manage"]),
        ("sonarqube-import", &["vso.code"]),
        ("dependabot", &["vso.code_write", "vso.threads_full"]),
        ("vsce-publish", &["vso.gallery_manage"]),
        ("token-admin", &["vso.tokenadministration"]),
        ("commit-status", &["vso.code_status"]),
    ];
    for (id, scopes) in expect {
        assert_eq!(preset(id).map(|p| p.scope_set()), Some(set(scopes)), "{id}");
    }
    assert!(preset("dependabot").unwrap().notes.contains("over-broad"));
    let vsce = preset("vsce-publish").unwrap();
    assert!(vsce.needs_global);
    assert!(vsce.notes.contains("2026-12-01") && vsce.notes.contains("--azure-credential"));
    assert_eq!(presets().iter().filter(|p| p.needs_global).count(), 1);
}

#[test]
fn matching_preset_is_exact() {
    assert_eq!(
        matching_preset(&set(&["vso.code"])).map(|p| p.id.as_str()),
        Some("git-read")
    );
    assert_eq!(
        matching_preset(&set(&["vso.packaging", "vso.code_write"])).map(|p| p.id.as_str()),
        Some("git-credential-manager")
    );
    // git-push and sonarcloud share a scope set: table order decides.
    assert_eq!(
        matching_preset(&set(&["vso.code_write"])).map(|p| p.id.as_str()),
        Some("git-push")
    );
    assert!(matching_preset(&set(&["vso.code", "vso.work"])).is_none());
    assert!(matching_preset(&set(&["vso.code_manage"])).is_none());
    assert!(matching_preset(&BTreeSet::new()).is_none());
}

#[test]
fn preset_covers_through_inheritance() {
    let p = preset("git-push").unwrap();
    assert!(p.covers("vso.code"));
    assert!(p.covers("vso.code_write"));
    assert!(!p.covers("vso.code_manage"));
    assert!(preset("deployment-group-agent")
        .unwrap()
        .covers("vso.agentpools_manage"));
}

#[test]
fn a_valid_team_file_parses_in_both_shapes() {
    let doc = sj!({"_about": "team", "presets": [valid_preset_json()]});
    let out = from_sj(&doc).unwrap();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].id, "team-git");
    assert!(!out[0].needs_global && out[0].notes.is_empty());
    assert_eq!(from_sj(&sj!([valid_preset_json()])).unwrap(), out);
    let text = serde_json::to_string(&doc).unwrap();
    assert_eq!(Preset::from_json(&text).unwrap(), out);
}

#[test]
fn reports_every_error_with_its_path() {
    let mut bad_scopes = valid_preset_json();
    bad_scopes["id"] = sj!("team-mixed");
    bad_scopes["scopes"] = sj!([
        "vso.code_write",
        "vso.cod",
        "vso.hooks_write",
        "vso.code_write",
        7
    ]);
    let mut bad_fields = valid_preset_json();
    bad_fields["id"] = sj!("Team Git!");
    bad_fields["title"] = sj!("  ");
    bad_fields["recommended_days"] = sj!(400);
    bad_fields["source"] = sj!({"title": "x", "url": "http://insecure.example.com"});
    let mut bad_types = valid_preset_json();
    bad_types["recommended_days"] = sj!("ninety");
    bad_types["needs_global"] = sj!("yes");
    bad_types["scope"] = sj!([]);
    bad_types.as_object_mut().unwrap().remove("task");
    let dup = valid_preset_json();
    let doc =
        sj!({"presets": [valid_preset_json(), bad_scopes, bad_fields, bad_types, dup, "nope"]});
    let errors = from_sj(&doc).unwrap_err();
    let m = messages(&errors);
    let expected = [
        r#"presets[1].scopes[1]: unknown scope id "vso.cod""#,
        r#"presets[1].scopes[2]: scope "vso.hooks_write" is not offered in the PAT page"#,
        r#"presets[1].scopes[3]: duplicate scope "vso.code_write""#,
        "presets[1].scopes[4]: expected a scope id, got a number (7)",
        r#"presets[2].id: "Team Git!" is not a valid id"#,
        "presets[2].title: must not be empty",
        "presets[2].recommended_days: expected a whole number from 1 to 365, got 400",
        r#"presets[2].source.url: expected an https:// address, got "http://insecure.example.com""#,
        r#"presets[3].recommended_days: expected a whole number from 1 to 365, got "ninety""#,
        r#"presets[3].needs_global: expected true or false, got "yes""#,
        "presets[3].scope: unknown field",
        "presets[3].task: missing",
        r#"presets[4].id: duplicate id "team-git" (also presets[0])"#,
        r#"presets[5]: expected an object, got "nope""#,
    ];
    for want in expected {
        assert!(
            m.iter().any(|e| e.starts_with(want)),
            "missing {want:?} in {m:#?}"
        );
    }
    assert_eq!(m.len(), expected.len(), "{m:#?}");
    // Sorted by preset index.
    let idx: Vec<usize> = errors.iter().map(|e| path_key(&e.path).0).collect();
    assert!(idx.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn rejects_redundant_and_empty_scope_lists() {
    let mut p = valid_preset_json();
    p["scopes"] = sj!(["vso.code", "vso.code_write"]);
    let m = messages(&from_sj(&sj!([p])).unwrap_err());
    assert_eq!(
        m,
        [r#"presets[0].scopes[0]: scope "vso.code" is already included by "vso.code_write""#]
    );
    let mut p = valid_preset_json();
    p["scopes"] = sj!([]);
    let m = messages(&from_sj(&sj!([p])).unwrap_err());
    assert_eq!(m, ["presets[0].scopes: must list at least one scope"]);
}

#[test]
fn rejects_bad_documents() {
    assert_eq!(Preset::from_json("{").unwrap_err()[0].path, "$");
    assert_eq!(
        messages(&from_sj(&sj!({"presets": {}})).unwrap_err()),
        ["presets: expected a list, got an object"]
    );
    assert_eq!(
        messages(&from_sj(&sj!({})).unwrap_err()),
        ["presets: missing"]
    );
    assert_eq!(
        messages(&from_sj(&sj!({"preset": [], "presets": []})).unwrap_err()),
        [r#"preset: unknown key (expected "presets")"#]
    );
    assert!(from_sj(&sj!(3)).is_err());
    // An empty list is a valid (empty) team file.
    assert_eq!(from_sj(&sj!({"presets": []})).unwrap(), vec![]);
}

#[test]
fn id_charset() {
    for ok in ["a", "git-read", "x1-2", "a-b-c"] {
        assert!(is_valid_id(ok), "{ok}");
    }
    for bad in [
        "",
        "-a",
        "a-",
        "a--b",
        "1a",
        "Git",
        "a_b",
        "a b",
        "ä",
        &"a".repeat(65),
    ] {
        assert!(!is_valid_id(bad), "{bad}");
    }
}
