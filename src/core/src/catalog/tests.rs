use super::*;

#[test]
fn has_every_pat_ui_group_with_german_labels() {
    let c = catalog();
    assert_eq!(c.groups.len(), 36);
    assert_eq!(c.groups.iter().filter(|g| g.shown_by_default).count(), 5);
    for g in &c.groups {
        assert!(!g.label_de.is_empty() && !g.levels.is_empty(), "{}", g.key);
    }
}

#[test]
fn finds_levels_by_label_in_both_locales() {
    let c = catalog();
    let code = c.group_by_label("Code", Lang::En).unwrap();
    assert_eq!(
        code.level_by_label("Read & write", Lang::En)
            .unwrap()
            .scope_id,
        "vso.code_write"
    );
    let work = c.group_by_label("Arbeitselemente", Lang::De).unwrap();
    assert_eq!(
        work.level_by_label("Lesen und schreiben", Lang::De)
            .unwrap()
            .scope_id,
        "vso.work_write"
    );
}

#[test]
fn inheritance_follows_the_docs_chain() {
    let c = catalog();
    let implied = c.implied_scopes("vso.code_manage");
    for id in [
        "vso.code_manage",
        "vso.code_write",
        "vso.code",
        "vso.hooks_write",
    ] {
        assert!(implied.contains(id), "{id}");
    }
    assert!(c.covers("vso.environment_manage", "vso.agentpools_manage"));
    assert!(!c.covers("vso.code", "vso.code_write"));
}

#[test]
fn counts_the_high_privilege_scopes_of_the_docs() {
    let c = catalog();
    let in_ui = c
        .groups
        .iter()
        .flat_map(|g| &g.levels)
        .filter(|l| l.high_privilege)
        .count();
    // 35 in the docs, of which user_impersonation is outside the PAT UI.
    assert_eq!(in_ui, 34);
    assert!(c.is_high_privilege("user_impersonation"));
    assert!(!c.is_high_privilege("vso.code"));
}

#[test]
fn page_texts_resolve_in_both_locales() {
    assert_eq!(
        page_text(PageText::CreateTitle, Lang::En),
        "Create a new personal access token"
    );
    assert_eq!(page_text(PageText::FullAccess, Lang::De), "Vollzugriff");
    assert_eq!(Lang::from_tag("de-DE"), Some(Lang::De));
    assert_eq!(Lang::from_tag("fr"), None);
}
