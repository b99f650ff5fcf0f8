use super::*;
use crate::catalog::Lang;
use crate::page::*;
use crate::snapshot::{Node, Snapshot};
use std::collections::BTreeSet;

pub(crate) use crate::testkit::{fixture, fixture_names};

/// The day the fixtures were captured (the capture script freezes the clock there).
pub(crate) fn capture_day() -> Date {
    Date::new(2026, 11, 28).unwrap()
}

pub(crate) fn form_of(name: &str) -> FormState {
    match recognize_at(&fixture(name), capture_day()) {
        PageView::Form(f) => f,
        other => panic!("{name}: expected a form, got {other:?}"),
    }
}

fn unrecognized(snap: &Snapshot) -> String {
    match recognize_at(snap, capture_day()) {
        PageView::Unrecognized { reason } => reason,
        other => panic!("expected Unrecognized, got {other:?}"),
    }
}

fn checked(f: &FormState) -> BTreeSet<&str> {
    f.checked_scopes().into_iter().collect()
}

fn set(ids: &[&'static str]) -> BTreeSet<&'static str> {
    ids.iter().copied().collect()
}

// ---- every fixture ----------------------------------------------------------------------------

#[test]
fn every_fixture_is_recognised_as_its_view() {
    // Fixtures made from page reports (`report-*`) carry their expected view beside them;
    // tests/report_fixtures.rs checks those.
    for name in fixture_names()
        .into_iter()
        .filter(|n| !n.starts_with("report-"))
    {
        let view = recognize_at(&fixture(&name), capture_day());
        let kind = match &view {
            PageView::List(_) => "list",
            PageView::Form(_) => "create|edit",
            PageView::Success(_) => "success",
            PageView::OtherDialog { .. } => "revoke",
            PageView::Unrecognized { reason } => panic!("{name}: unrecognised: {reason}"),
        };
        assert!(
            kind.split('|').any(|k| name.starts_with(k)),
            "{name} recognised as {kind}"
        );
    }
}

#[test]
fn list_pages_in_both_locales() {
    for (name, lang, status) in [
        ("list-en", Lang::En, "Expired"),
        ("list-de", Lang::De, "Abgelaufen"),
    ] {
        let PageView::List(l) = recognize(&fixture(name)) else {
            panic!("{name}")
        };
        assert_eq!(l.lang, lang);
        assert!(l.new_token.is_some());
        let names: Vec<_> = l.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "build-agent-2025",
                "nuget-publish",
                "vsce-marketplace",
                "git-laptop"
            ]
        );
        assert_eq!(l.rows[0].status, status);
        assert_eq!(l.rows[0].organization, "contoso");
        assert_eq!(l.rows[3].expires, "2027/1/27");
    }
}

#[test]
fn the_selected_row_by_aria_then_class() {
    let PageView::List(l) = recognize(&fixture("list-en")) else {
        panic!("list-en")
    };
    assert!(l.selected_row().is_none());
    let PageView::List(l) = recognize(&fixture("list-selected-en")) else {
        panic!("list-selected-en")
    };
    let row = l.selected_row().expect("a selected row");
    assert_eq!(row.name, "git-laptop");
    assert_eq!(l.rows.iter().filter(|r| r.selected).count(), 1);
    // aria-selected="false" wins over a stale class; the class counts only without ARIA.
    let mut snap = fixture("list-selected-en");
    fn edit(n: &mut Node, f: &mut dyn FnMut(&mut Node)) {
        f(n);
        for k in n.k.iter_mut() {
            edit(k, f);
        }
    }
    for root in snap.roots.iter_mut() {
        edit(root, &mut |n| {
            if n.sel.as_deref() == Some("true") {
                n.sel = Some("false".into());
            } else if n.r.as_deref() == Some("row") && n.x.is_none() && n.sel.is_some() {
                n.sel = None;
                n.c = Some(format!("{} selected", n.c.clone().unwrap_or_default()));
            }
        });
    }
    let PageView::List(l) = recognize(&snap) else {
        panic!("edited")
    };
    let names: Vec<_> = l
        .rows
        .iter()
        .filter(|r| r.selected)
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        names,
        ["build-agent-2025", "nuget-publish", "vsce-marketplace"]
    );
}

#[test]
fn collapsed_create_form() {
    for (name, lang) in [
        ("create-collapsed-en", Lang::En),
        ("create-collapsed-de", Lang::De),
    ] {
        let f = form_of(name);
        assert_eq!((f.mode, f.lang), (FormMode::Create, lang), "{name}");
        assert_eq!(f.scope_mode.mode, ScopeMode::Custom);
        let keys: Vec<_> = f.groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(
            keys,
            ["workItems", "code", "build", "release", "testManagement"]
        );
        assert_eq!(f.show_all.as_ref().unwrap().hidden_count, 31);
        assert!(checked(&f).is_empty());
        assert!(!f.submit.enabled, "Create is disabled while Name is empty");
        assert_eq!(f.name.value, "");
        assert!(!f.all_organizations);
        assert_eq!(f.organization.selected, "contoso");
        assert_eq!(f.expiration.preset_days, Some(30));
        assert_eq!(f.expiration.days_from_today, Some(30));
        assert!(f.messages.is_empty());
    }
}

#[test]
fn expanded_forms_show_every_group_with_their_ticks() {
    let cases: [(&str, Lang, &[&'static str]); 4] = [
        (
            "create-expanded-en",
            Lang::En,
            &["vso.code_write", "vso.packaging"],
        ),
        (
            "create-expanded-de",
            Lang::De,
            &["vso.code_write", "vso.packaging"],
        ),
        (
            "create-expanded-multi-en",
            Lang::En,
            &["vso.code", "vso.code_status", "vso.work_write"],
        ),
        ("create-expanded-dark-en", Lang::En, &["vso.build_execute"]),
    ];
    for (name, lang, ticks) in cases {
        let f = form_of(name);
        assert_eq!(f.lang, lang);
        assert_eq!(f.groups.len(), 36, "{name}");
        assert!(f.show_all.is_none(), "{name}");
        assert_eq!(checked(&f), set(ticks), "{name}");
        let levels: usize = f.groups.iter().map(|g| g.levels.len()).sum();
        let catalog_levels: usize = crate::catalog::catalog()
            .groups
            .iter()
            .map(|g| g.levels.len())
            .sum();
        assert_eq!(levels, catalog_levels, "{name}");
    }
    assert!(form_of("create-expanded-en").submit.enabled);
    assert!(!form_of("create-expanded-dark-en").submit.enabled);
}

#[test]
fn full_access_form_has_no_groups() {
    let f = form_of("create-full-en");
    assert_eq!(f.scope_mode.mode, ScopeMode::Full);
    assert!(f.scope_mode.full.checked && !f.scope_mode.custom.checked);
    assert!(f.groups.is_empty() && f.show_all.is_none());
}

#[test]
fn open_dropdowns_carry_their_options() {
    let f = form_of("create-org-open-en");
    let opts = f.organization.open_options.as_ref().unwrap();
    let labels: Vec<_> = opts.iter().map(|o| o.label.as_str()).collect();
    assert_eq!(labels, ["contoso", "All accessible organizations"]);
    assert!(opts[0].selected);
    assert!(f.expiration.dropdown.open_options.is_none());

    for (name, labels) in [
        (
            "create-expiry-open-en",
            ["30 days", "60 days", "90 days", "Custom defined"],
        ),
        (
            "create-expiry-open-de",
            ["30 Tage", "60 Tage", "90 Tage", "Benutzerdefiniert"],
        ),
    ] {
        let f = form_of(name);
        assert!(f.organization.open_options.is_none());
        let opts = f.expiration.dropdown.open_options.as_ref().unwrap();
        assert_eq!(
            opts.iter().map(|o| o.label.as_str()).collect::<Vec<_>>(),
            labels
        );
    }
}

#[test]
fn policy_disabled_option_is_disabled() {
    let f = form_of("create-policy-org-open-en");
    let opts = f.organization.open_options.as_ref().unwrap();
    assert!(!opts[0].disabled);
    assert!(
        opts[1].disabled,
        "All accessible organizations is unselectable under the policy"
    );
}

#[test]
fn other_hosts_and_german_edit() {
    for name in ["create-collapsed-vs-en", "create-collapsed-server-en"] {
        let f = form_of(name);
        assert_eq!(f.groups.len(), 5, "{name}");
    }
    let PageView::List(l) = recognize(&fixture("list-server-en")) else {
        panic!()
    };
    assert_eq!(l.rows.len(), 4);
    let f = form_of("edit-de");
    assert_eq!(
        (f.mode, f.lang, f.submit.label.as_str()),
        (FormMode::Edit, Lang::De, "Speichern")
    );
    assert_eq!(checked(&f), set(&["vso.code_write", "vso.work_write"]));
}

#[test]
fn all_organizations_and_90_days() {
    let f = form_of("create-allorgs-90-en");
    assert!(f.all_organizations);
    assert_eq!(f.expiration.preset_days, Some(90));
    assert_eq!(f.expiration.days_from_today, Some(90));
    assert!(
        f.expiration.date.as_ref().unwrap().disabled,
        "read-only while a preset is chosen"
    );
}

#[test]
fn policy_texts_and_alerts_become_messages() {
    let f = form_of("create-policy-en");
    assert!(f.scope_mode.full.disabled);
    assert_eq!(f.messages.len(), 2, "{:?}", f.messages);
    assert!(f
        .messages
        .iter()
        .any(|m| m.contains("global personal access tokens")));
    assert!(f.messages.iter().any(|m| m.contains("full-scoped")));

    let f = form_of("create-policy-error-en");
    assert!(
        f.messages
            .iter()
            .any(|m| m.contains("maximum lifespan of 30 days")),
        "{:?}",
        f.messages
    );
}

#[test]
fn edit_form() {
    let f = form_of("edit-en");
    assert_eq!(f.mode, FormMode::Edit);
    assert_eq!(f.submit.label, "Save");
    assert!(f.submit.enabled);
    assert_eq!(f.name.value, "git-laptop");
    assert_eq!(checked(&f), set(&["vso.code_write", "vso.work_write"]));
    assert_eq!(f.expiration.preset_days, None);
    assert_eq!(f.expiration.days_from_today, Some(60));
    assert!(!f.expiration.date.as_ref().unwrap().disabled);
}

#[test]
fn success_views_point_at_the_token_without_copying_it() {
    for (name, len, regenerated, lang) in [
        ("success-en", 84, false, Lang::En),
        ("success-legacy-en", 52, false, Lang::En),
        ("success-de", 84, false, Lang::De),
        ("success-regenerated-en", 84, true, Lang::En),
    ] {
        let snap = fixture(name);
        let view = recognize(&snap);
        let PageView::Success(s) = &view else {
            panic!("{name}: {view:?}")
        };
        assert_eq!((s.regenerated, s.lang), (regenerated, lang), "{name}");
        let field = snap.find(s.token_field).unwrap();
        let token = field.expose_value().unwrap();
        assert_eq!(token.len(), len, "{name}");
        assert!(!format!("{view:?}").contains(token));
        // The snapshot's own input value is the redacting secret type.
        assert!(!format!("{field:?}").contains(token), "{name}");
        assert!(!format!("{snap:?}").contains(token), "{name}");
        assert!(s.copy_button.is_some() && s.close_button.is_some());
        let close = snap.find(s.close_button.unwrap()).unwrap();
        assert_eq!(close.r.as_deref(), Some("button"));
        assert!(close.l.is_none(), "the footer's Close, not the header's ×");
    }
}

#[test]
fn revoke_confirmation_is_another_dialog() {
    assert_eq!(
        recognize(&fixture("revoke-en")),
        PageView::OtherDialog {
            title: "Revoke token".into()
        }
    );
}

#[test]
fn only_the_token_page_is_recognised() {
    let mut snap = fixture("list-en");
    snap.url = "https://dev.azure.com/contoso/_usersSettings/keys".into();
    assert_eq!(unrecognized(&snap), "not the token page");
    for url in [
        "https://dev.azure.com/contoso/_usersSettings/tokens",
        "https://contoso.visualstudio.com/_usersSettings/tokens?x=1#y",
        "https://tfs.example.com/DefaultCollection/_usersSettings/tokens/",
    ] {
        assert!(is_token_page_url(url), "{url}");
    }
    assert!(!is_token_page_url(
        "https://dev.azure.com/contoso/_usersSettings/tokens2"
    ));
    assert!(!is_token_page_url(
        "https://evil.example/?next=/_usersSettings/tokens"
    ));
}

#[test]
fn without_today_the_date_is_not_turned_into_days() {
    let PageView::Form(f) = recognize(&fixture("create-collapsed-en")) else {
        panic!()
    };
    assert_eq!(f.expiration.days_from_today, None);
    assert_eq!(f.expiration.preset_days, Some(30));
    let PageView::Form(f) =
        recognize_at_days(&fixture("edit-en"), capture_day().days_since_epoch())
    else {
        panic!()
    };
    assert_eq!(f.expiration.days_from_today, Some(60));
}

// ---- negative cases: edited fixtures ------------------------------------------------------------

/// Applies `f` to every node (depth first, parents before children).
pub(crate) fn edit_nodes(snap: &mut Snapshot, f: &mut dyn FnMut(&mut Node)) {
    fn walk(n: &mut Node, f: &mut dyn FnMut(&mut Node)) {
        f(n);
        for k in &mut n.k {
            walk(k, f);
        }
    }
    for r in &mut snap.roots {
        walk(r, f);
    }
}

/// The scope-group row whose header reads `label` (found by text, as the recogniser does).
pub(crate) fn group_row_mut<'a>(snap: &'a mut Snapshot, label: &str) -> &'a mut Node {
    fn find<'a>(n: &'a mut Node, label: &str) -> Option<&'a mut Node> {
        let is_row =
            n.k.iter()
                .any(|h| h.k.iter().any(|t| t.x.as_deref() == Some(label)))
                && n.k
                    .iter()
                    .any(|k| k.k.iter().any(|c| c.r.as_deref() == Some("checkbox")));
        if is_row {
            return Some(n);
        }
        n.k.iter_mut().find_map(|k| find(k, label))
    }
    snap.roots
        .iter_mut()
        .find_map(|r| find(r, label))
        .unwrap_or_else(|| panic!("no row {label}"))
}

fn rename_text(node: &mut Node, from: &str, to: &str) {
    let mut done = false;
    fn walk(n: &mut Node, from: &str, to: &str, done: &mut bool) {
        if !*done && n.x.as_deref() == Some(from) {
            n.x = Some(to.to_string());
            *done = true;
        }
        for k in &mut n.k {
            walk(k, from, to, done);
        }
    }
    walk(node, from, to, &mut done);
    assert!(done, "no text {from}");
}

#[test]
fn unknown_level_label_is_reported_not_mapped() {
    let mut snap = fixture("create-collapsed-en");
    rename_text(
        group_row_mut(&mut snap, "Code"),
        "Read & write",
        "Read & wrote",
    );
    let form = match recognize_at(&snap, capture_day()) {
        PageView::Form(f) => f,
        other => panic!("{other:?}"),
    };
    assert!(form.level("vso.code_write").is_none());
    assert!(form.level("vso.code").is_some());
    assert_eq!(form.unknown.len(), 1);
    assert_eq!(form.unknown[0].group_key.as_deref(), Some("code"));
    assert_eq!(form.unknown_group_labels(), vec!["Code: Read & wrote"]);
}

#[test]
fn renamed_group_becomes_an_unknown_group() {
    let mut snap = fixture("create-collapsed-en");
    rename_text(group_row_mut(&mut snap, "Code"), "Code", "Source Code");
    let form = match recognize_at(&snap, capture_day()) {
        PageView::Form(f) => f,
        other => panic!("{other:?}"),
    };
    assert!(form.groups.iter().all(|g| g.key != "code"));
    assert_eq!(form.unknown.len(), 5);
    assert!(form.unknown.iter().all(|u| u.group_key.is_none()));
    assert_eq!(form.unknown_group_labels(), vec!["Source Code"]);
}

#[test]
fn extra_unknown_group_is_named() {
    let mut snap = fixture("create-expanded-en");
    let mut row = group_row_mut(&mut snap, "Build").clone();
    rename_text(&mut row, "Build", "Copilot");
    let mut h = 10_000;
    fn renumber(n: &mut Node, h: &mut u32) {
        *h += 1;
        n.h = *h;
        for k in &mut n.k {
            renumber(k, h);
        }
    }
    renumber(&mut row, &mut h);
    // Insert the copy right after the Build row.
    fn insert_after(n: &mut Node, label: &str, row: &Node) -> bool {
        if let Some(i) = n.k.iter().position(|c| {
            c.k.iter()
                .any(|h| h.k.iter().any(|t| t.x.as_deref() == Some(label)))
        }) {
            n.k.insert(i + 1, row.clone());
            return true;
        }
        n.k.iter_mut().any(|k| insert_after(k, label, row))
    }
    assert!(snap
        .roots
        .iter_mut()
        .any(|r| insert_after(r, "Build", &row)));
    let form = match recognize_at(&snap, capture_day()) {
        PageView::Form(f) => f,
        other => panic!("{other:?}"),
    };
    assert_eq!(form.unknown_group_labels(), vec!["Copilot"]);
    assert_eq!(form.unknown.len(), 2);
    assert_eq!(
        form.groups.len(),
        form_of("create-expanded-en").groups.len()
    );
    assert_eq!(
        checked(&form),
        checked(&form_of("create-expanded-en")),
        "the known groups read as before"
    );
}

#[test]
fn checkbox_without_label_is_refused() {
    let mut snap = fixture("create-collapsed-en");
    let row = group_row_mut(&mut snap, "Build");
    let mut cleared = false;
    edit_one_checkbox_label(row, &mut cleared);
    assert!(cleared);
    let form = match recognize_at(&snap, capture_day()) {
        PageView::Form(f) => f,
        other => panic!("{other:?}"),
    };
    assert_eq!(form.unknown.len(), 1);
    assert_eq!(form.unknown[0].group_key.as_deref(), Some("build"));
    assert_eq!(form.unknown[0].label, "");
}

fn edit_one_checkbox_label(n: &mut Node, cleared: &mut bool) {
    if *cleared {
        return;
    }
    if n.r.as_deref() == Some("checkbox") {
        for k in &mut n.k {
            if k.has_class("bolt-checkbox-label") {
                k.x = None;
                *cleared = true;
            }
        }
        return;
    }
    for k in &mut n.k {
        edit_one_checkbox_label(k, cleared);
    }
}

#[test]
fn group_without_levels_and_duplicate_groups_are_refused() {
    let mut snap = fixture("create-collapsed-en");
    let row = group_row_mut(&mut snap, "Release");
    row.k.truncate(1); // header only
    assert_eq!(
        unrecognized(&snap),
        "the scope group \"Release\" shows no levels"
    );

    let mut snap = fixture("create-collapsed-en");
    let mut copy = group_row_mut(&mut snap, "Release").clone();
    edit_nodes_in(&mut copy, &mut |n| n.h += 50_000);
    fn push_into_list(n: &mut Node, row: &Node) -> bool {
        if n.has_class("pat-scope-list") {
            n.k.push(row.clone());
            return true;
        }
        n.k.iter_mut().any(|k| push_into_list(k, row))
    }
    assert!(snap.roots.iter_mut().any(|r| push_into_list(r, &copy)));
    assert_eq!(
        unrecognized(&snap),
        "the scope group \"Release\" appears twice"
    );
}

fn edit_nodes_in(n: &mut Node, f: &mut dyn FnMut(&mut Node)) {
    f(n);
    for k in &mut n.k {
        edit_nodes_in(k, f);
    }
}

#[test]
fn the_form_is_recognised_by_its_shape_whatever_its_title() {
    for title in [Some("Créer un jeton d'accès personnel"), None] {
        let mut snap = fixture("create-collapsed-en");
        edit_nodes(&mut snap, &mut |n| {
            if n.x.as_deref() == Some("Create a new personal access token") {
                n.x = title.map(str::to_string);
            }
            if n.l.as_deref() == Some("Create a new personal access token") {
                n.l = None;
            }
        });
        match recognize_at(&snap, capture_day()) {
            PageView::Form(f) => {
                assert_eq!(f.mode, FormMode::Create, "{title:?}");
                assert_eq!(f.groups.len(), form_of("create-collapsed-en").groups.len());
            }
            other => panic!("{title:?}: {other:?}"),
        }
    }
    // Without its labels in a known language the form is still refused, naming the field.
    let mut snap = fixture("create-collapsed-en");
    edit_nodes(&mut snap, &mut |n| {
        if n.x.as_deref() == Some("Name") {
            n.x = Some("Nom".into());
        }
    });
    assert!(unrecognized(&snap).contains("\"Name\""));
}

#[test]
fn mixed_checkbox_state_and_unknown_radio_are_refused() {
    let mut snap = fixture("create-collapsed-en");
    let mut once = false;
    edit_nodes(&mut snap, &mut |n| {
        if !once && n.r.as_deref() == Some("checkbox") {
            n.ck = Some("mixed".into());
            once = true;
        }
    });
    assert!(unrecognized(&snap).contains("has no clear state"));

    let mut snap = fixture("create-collapsed-en");
    edit_nodes(&mut snap, &mut |n| {
        if n.l.as_deref() == Some("Full access") && n.r.as_deref() == Some("radio") {
            n.l = Some("Everything".into());
        }
    });
    assert_eq!(
        unrecognized(&snap),
        "unknown option \"Everything\" next to the scope mode"
    );
}

#[test]
fn truncated_form_snapshot_is_refused() {
    let mut snap = fixture("create-collapsed-en");
    snap.truncated = true;
    assert!(unrecognized(&snap).contains("cut off"));
}

/// A 2,000+ node snapshot (the expanded form, padded with copies of the list) must be
/// recognised in well under a millisecond in release builds. Run with
/// `cargo test --release -p patguard-core recognizer -- --ignored --nocapture`.
#[test]
#[ignore]
fn large_snapshot_timing() {
    let mut snap = fixture("create-expanded-en");
    let pad = fixture("list-en").roots[0].clone();
    let mut extra = Vec::new();
    let mut h = 100_000;
    for _ in 0..10 {
        let mut p = pad.clone();
        edit_nodes_in(&mut p, &mut |n| {
            h += 1;
            n.h = h;
            n.r = None; // plain content, no second grid or heading
        });
        extra.push(p);
    }
    snap.roots[0].k[0].k.extend(extra);
    let count = Index::new(&snap).len();
    assert!(count >= 2000, "{count}");
    let start = std::time::Instant::now();
    let runs = 200;
    for _ in 0..runs {
        assert!(matches!(
            recognize_at(&snap, capture_day()),
            PageView::Form(_)
        ));
    }
    let each = start.elapsed() / runs;
    println!("{count} nodes: {each:?} per recognition");
}

/// The own JSON reader and writer keep every fixture intact: reading what `to_json`
/// wrote gives the same snapshot, and serde_json reads the same tree from the files.
#[test]
fn snapshot_json_round_trips_every_fixture() {
    for name in fixture_names() {
        let snap = fixture(&name);
        let text = snap.to_json_string();
        assert_eq!(Snapshot::from_json(&text).unwrap(), snap, "{name}");
        let original: serde_json::Value =
            serde_json::from_str(&crate::testkit::fixture_json(&name)).unwrap();
        let ours: serde_json::Value = serde_json::from_str(&text).unwrap();
        // The agent may send `false` flags and empty child lists; ours leaves them out.
        assert_eq!(strip_defaults(original), ours, "{name}");
    }
}

fn strip_defaults(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, v)| {
                    !(v.is_null()
                        || (matches!(k.as_str(), "dis" | "ro" | "hid") && *v == Value::Bool(false))
                        || (k == "k" && v.as_array().is_some_and(Vec::is_empty)))
                })
                .map(|(k, v)| (k, strip_defaults(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(strip_defaults).collect()),
        other => other,
    }
}

#[test]
fn success_view_is_recognised_by_the_token_alone() {
    let mut snap = fixture("success-en");
    edit_nodes(&mut snap, &mut |n| {
        if n.t != "input" {
            n.x = None;
            n.l = None;
        }
    });
    match recognize_at(&snap, capture_day()) {
        PageView::Success(s) => {
            assert!(!s.regenerated);
            assert_eq!(s.lang, Lang::En);
        }
        other => panic!("{other:?}"),
    }
    // The German title variant "Erfolg" (without "!") reads as the success title.
    let mut snap = fixture("success-de");
    edit_nodes(&mut snap, &mut |n| {
        if n.x.as_deref() == Some("Erfolg!") {
            n.x = Some("Erfolg".into());
        }
    });
    assert!(matches!(
        recognize_at(&snap, capture_day()),
        PageView::Success(SuccessState { lang: Lang::De, .. })
    ));
    // A value that fails the validation is no token: no success view.
    let mut snap = fixture("success-en");
    edit_nodes(&mut snap, &mut |n| {
        if n.expose_value().is_some_and(|v| v.len() == 84) {
            n.v = Some("x".repeat(84).into());
        }
    });
    assert!(!matches!(
        recognize_at(&snap, capture_day()),
        PageView::Success(_)
    ));
}

#[test]
fn a_ticked_unknown_scope_stops_an_exact_preset_and_is_never_clicked() {
    let mut form = form_of("create-expanded-en");
    let target: BTreeSet<String> = ["vso.code".to_string()].into();
    form.unknown.push(UnknownLevel {
        group_label: "Secret Vaults".into(),
        group_key: None,
        label: "Read".into(),
        handle: 9_999,
        checked: false,
        disabled: false,
    });
    let step = crate::planner::plan_scopes(&form, &target, None, Lang::En);
    let crate::planner::Step::Actions(actions) = step else {
        panic!("an unticked unknown group must not stop the preset: {step:?}")
    };
    assert!(actions
        .iter()
        .all(|a| !matches!(a, crate::action::Action::Click { h: 9_999, .. })));
    form.unknown[0].checked = true;
    match crate::planner::plan_scopes(&form, &target, None, Lang::En) {
        crate::planner::Step::Stuck { reason } => assert!(reason.contains("Secret Vaults: Read")),
        other => panic!("{other:?}"),
    }
}
