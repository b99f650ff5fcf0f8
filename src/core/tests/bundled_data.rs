//! build.rs compiles data/*.json into Rust statics; the catalog, the page texts, the label
//! variants and the presets the code reads must say exactly what the source files say.

use patguard_core::catalog::text_match::{variants, Evidence, Variant};
use patguard_core::catalog::{all_page_texts, catalog, Lang};
use patguard_core::presets::{presets, Preset};
use serde_json::Value;

fn source(name: &str) -> Value {
    let path = format!("{}/data/{name}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn opt_str(v: &Value) -> Option<&str> {
    v.as_str()
}

#[test]
fn catalog_groups_and_levels_match_the_source_files() {
    let scopes = source("ado-scopes.json");
    let texts = source("ado-page-texts.json");
    let cat = catalog();
    let ui: Vec<&Value> = scopes
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["in_pat_ui"] == true)
        .collect();
    assert_eq!(cat.groups.len(), ui.len());
    for (g, raw) in cat.groups.iter().zip(&ui) {
        assert_eq!(g.key, raw["group"]);
        assert_eq!(g.label(Lang::En), raw["ui_label"]);
        assert_eq!(g.label(Lang::De), texts["group_labels_de"][&g.key]);
        assert_eq!(
            g.description(Lang::En),
            opt_str(&raw["ui_group_description"])
        );
        assert_eq!(
            g.description(Lang::De),
            opt_str(&texts["group_descriptions_de"][&g.key])
        );
        assert_eq!(g.shown_by_default, raw["shown_by_default"]);
        let levels = raw["levels"].as_array().unwrap();
        assert_eq!(g.levels.len(), levels.len(), "{}", g.key);
        for (l, rl) in g.levels.iter().zip(levels) {
            assert_eq!(l.scope_id, rl["scope_id"]);
            assert_eq!(l.label(Lang::En), rl["ui_level"]);
            assert_eq!(l.label(Lang::De), texts["level_labels_de"][&l.label_en]);
            assert_eq!(l.description, rl["description"]);
            assert_eq!(l.high_privilege, rl["high_privilege"]);
            assert_eq!(l.inherits_from.as_deref(), opt_str(&rl["inherits_from"]));
            assert_eq!(l.mapping_certain, rl["mapping_confidence"] == "high");
        }
    }
    // Scopes outside the token form are known, with their privilege and inheritance.
    for raw in scopes
        .as_array()
        .unwrap()
        .iter()
        .filter(|g| g["in_pat_ui"] == false)
    {
        for rl in raw["levels"].as_array().unwrap() {
            let id = rl["scope_id"].as_str().unwrap();
            assert!(cat.is_known_scope(id), "{id}");
            assert!(cat.scope(id).is_none(), "{id} is not offered in the form");
            assert_eq!(cat.is_high_privilege(id), rl["high_privilege"], "{id}");
        }
    }
}

#[test]
fn page_texts_match_the_source_file() {
    let texts = source("ado-page-texts.json");
    // Sorted by key, as the lookup needs.
    let by_key: std::collections::BTreeMap<&String, &Value> =
        texts["texts"].as_object().unwrap().iter().collect();
    let mut expected: Vec<&str> = Vec::new();
    for t in by_key.values() {
        expected.push(t["en"].as_str().unwrap());
        expected.push(t["de"].as_str().unwrap());
    }
    let bundled: Vec<&str> = all_page_texts().collect();
    assert_eq!(bundled, expected);
}

fn lang_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::De => "de",
    }
}

fn same_variants(bundled: &[Variant], raw: &Value, target_field: &str) {
    let raw = raw.as_array().unwrap();
    assert_eq!(bundled.len(), raw.len(), "{target_field}");
    for (v, r) in bundled.iter().zip(raw) {
        assert_eq!(v.target, r[target_field]);
        assert_eq!(lang_tag(v.lang), r["lang"]);
        assert_eq!(v.label, r["label"]);
        let status = match v.status {
            Evidence::Verified => "verified",
            Evidence::Inferred => "inferred",
        };
        assert_eq!(status, r["status"]);
        assert_eq!(v.source, r["source"]);
    }
}

#[test]
fn label_variants_match_the_source_file() {
    let raw = source("ado-label-variants.json");
    let v = variants();
    same_variants(&v.texts, &raw["texts"], "key");
    same_variants(&v.groups, &raw["groups"], "group");
    same_variants(&v.levels, &raw["levels"], "scope_id");
}

/// The statics hold exactly what the runtime validator (the one team files go through)
/// reads from the source file, so build-time and run-time checks cannot disagree.
#[test]
fn built_in_presets_match_the_validated_source_file() {
    let path = format!("{}/data/presets.json", env!("CARGO_MANIFEST_DIR"));
    let from_file = Preset::from_json(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("data/presets.json is invalid: {e:?}"));
    assert!(!from_file.is_empty());
    assert_eq!(presets(), from_file.as_slice());
}
