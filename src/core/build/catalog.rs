//! Build step for the bundled data the recogniser, planner and presets read: the scope
//! catalog (`data/ado-scopes.json`), the page texts (`data/ado-page-texts.json`), the
//! label variants (`data/ado-label-variants.json`) and the built-in presets
//! (`data/presets.json`). They are validated against each other here and written as Rust
//! statics (`OUT_DIR/bundled_catalog.rs`, `OUT_DIR/bundled_presets.rs`), so a defect in
//! the data stops the build with the entry that has it and the wasm never parses them.

use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::{fs, path::Path};

// The data files as serde reads them. Fields only people read (`_about`, `docs_name`,
// `docs_category`, `verified`) are ignored.

#[derive(Deserialize)]
struct RawGroup {
    group: String,
    #[serde(default)]
    ui_label: Option<String>,
    in_pat_ui: bool,
    shown_by_default: bool,
    #[serde(default)]
    ui_group_description: Option<String>,
    levels: Vec<RawLevel>,
}

#[derive(Deserialize)]
struct RawLevel {
    #[serde(default)]
    ui_level: Option<String>,
    scope_id: String,
    description: String,
    high_privilege: bool,
    #[serde(default)]
    inherits_from: Option<String>,
    #[serde(default)]
    mapping_confidence: Option<String>,
}

#[derive(Deserialize)]
struct RawTexts {
    texts: BTreeMap<String, RawText>,
    group_labels_de: BTreeMap<String, String>,
    level_labels_de: BTreeMap<String, String>,
    group_descriptions_de: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct RawText {
    en: String,
    de: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariantFile {
    #[serde(rename = "_about")]
    _about: String,
    texts: Vec<RawVariant>,
    groups: Vec<RawVariant>,
    levels: Vec<RawVariant>,
}

/// One entry of any of the three variant lists; which of `key`, `group`, `scope_id`
/// it names is checked per list.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    #[serde(default)]
    key: Option<String>,
    #[serde(default)]
    group: Option<String>,
    #[serde(default)]
    scope_id: Option<String>,
    lang: String,
    label: String,
    status: String,
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPresetFile {
    #[serde(rename = "_about", default)]
    _about: Option<serde_json::Value>,
    presets: Vec<RawPreset>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    id: String,
    title: String,
    purpose_group: String,
    task: String,
    scopes: Vec<String>,
    recommended_days: u32,
    source: RawSource,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    needs_global: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    title: String,
    url: String,
}

fn read<T: for<'de> Deserialize<'de>>(data: &Path, name: &str) -> T {
    let path = data.join(name);
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// A Rust string literal (Debug escapes quotes, backslashes and control characters the
/// way the Rust lexer reads them).
fn lit(s: &str) -> String {
    format!("{s:?}")
}

fn opt(s: &Option<String>) -> String {
    match s {
        Some(s) => format!("Some({})", lit(s)),
        None => "None".into(),
    }
}

fn lang(name: &str, value: &str) -> &'static str {
    match value {
        "en" => "Lang::En",
        "de" => "Lang::De",
        other => panic!("{name}: unknown lang {other:?} (expected \"en\" or \"de\")"),
    }
}

fn evidence(name: &str, value: &str) -> &'static str {
    match value {
        "verified" => "Evidence::Verified",
        "inferred" => "Evidence::Inferred",
        other => panic!("{name}: unknown status {other:?} (expected \"verified\" or \"inferred\")"),
    }
}

/// Must match `presets::is_valid_id`.
fn is_valid_preset_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub fn generate(data: &Path, out_dir: &Path) {
    println!("cargo:rerun-if-changed=build/catalog.rs");
    let groups: Vec<RawGroup> = read(data, "ado-scopes.json");
    let texts: RawTexts = read(data, "ado-page-texts.json");
    let variants: RawVariantFile = read(data, "ado-label-variants.json");
    let presets: RawPresetFile = read(data, "presets.json");

    let mut all_ids = BTreeSet::new();
    let mut ui_ids = BTreeSet::new();
    let mut group_keys = BTreeSet::new();
    for g in &groups {
        for l in &g.levels {
            if g.in_pat_ui && !ui_ids.insert(l.scope_id.as_str()) {
                panic!("ado-scopes.json: scope id {} appears twice", l.scope_id);
            }
            all_ids.insert(l.scope_id.as_str());
        }
        if g.in_pat_ui && !group_keys.insert(g.group.as_str()) {
            panic!("ado-scopes.json: group {} appears twice", g.group);
        }
    }

    let mut out = String::from(
        "// Generated by build.rs from data/ado-scopes.json, data/ado-page-texts.json and\n\
         // data/ado-label-variants.json. Do not edit.\n\n",
    );
    out.push_str("pub(crate) static GROUPS: &[StaticGroup] = &[\n");
    let mut hidden: Vec<(&str, &Option<String>, bool)> = Vec::new();
    for g in &groups {
        for l in &g.levels {
            if let Some(parent) = &l.inherits_from {
                if !all_ids.contains(parent.as_str()) {
                    panic!(
                        "ado-scopes.json: {} inherits from unknown scope {parent}",
                        l.scope_id
                    );
                }
            }
        }
        if !g.in_pat_ui {
            for l in &g.levels {
                // A repeated hidden id keeps its last entry.
                hidden.retain(|(id, _, _)| *id != l.scope_id);
                hidden.push((&l.scope_id, &l.inherits_from, l.high_privilege));
            }
            continue;
        }
        let label_en = g
            .ui_label
            .as_ref()
            .unwrap_or_else(|| panic!("ado-scopes.json: group {} has no ui_label", g.group));
        let label_de = texts.group_labels_de.get(&g.group).unwrap_or_else(|| {
            panic!(
                "ado-page-texts.json: group {} has no German label in group_labels_de",
                g.group
            )
        });
        let _ = writeln!(
            out,
            "    StaticGroup {{ key: {}, label_en: {}, label_de: {}, description_en: {}, \
             description_de: {}, shown_by_default: {}, levels: &[",
            lit(&g.group),
            lit(label_en),
            lit(label_de),
            opt(&g.ui_group_description),
            opt(&texts.group_descriptions_de.get(&g.group).cloned()),
            g.shown_by_default,
        );
        for l in &g.levels {
            let level_en = l
                .ui_level
                .as_ref()
                .unwrap_or_else(|| panic!("ado-scopes.json: {} has no ui_level", l.scope_id));
            let level_de = texts.level_labels_de.get(level_en).unwrap_or_else(|| {
                panic!(
                    "ado-page-texts.json: level {level_en:?} ({}) has no German label in \
                     level_labels_de",
                    l.scope_id
                )
            });
            let _ = writeln!(
                out,
                "        StaticLevel {{ scope_id: {}, label_en: {}, label_de: {}, description: {}, \
                 high_privilege: {}, inherits_from: {}, mapping_certain: {} }},",
                lit(&l.scope_id),
                lit(level_en),
                lit(level_de),
                lit(&l.description),
                l.high_privilege,
                opt(&l.inherits_from),
                l.mapping_confidence.as_deref() == Some("high"),
            );
        }
        out.push_str("    ] },\n");
    }
    out.push_str("];\n\n");

    out.push_str("pub(crate) static HIDDEN_SCOPES: &[StaticHiddenScope] = &[\n");
    for (id, parent, high) in &hidden {
        let _ = writeln!(
            out,
            "    StaticHiddenScope {{ scope_id: {}, inherits_from: {}, high_privilege: {high} }},",
            lit(id),
            opt(parent),
        );
    }
    out.push_str("];\n\n");

    // A BTreeMap, so sorted by key with no repeats (the lookup binary-searches).
    out.push_str("pub(crate) static TEXTS: &[(&str, &str, &str)] = &[\n");
    for (key, t) in &texts.texts {
        let _ = writeln!(out, "    ({}, {}, {}),", lit(key), lit(&t.en), lit(&t.de));
    }
    out.push_str("];\n\n");

    let name = "ado-label-variants.json";
    let write_variants = |out: &mut String, list: &[RawVariant], kind: &str, field: &str| {
        let _ = writeln!(out, "pub(crate) static {kind}: &[Variant] = &[");
        for v in list {
            let (target, known) = match field {
                "key" => (
                    &v.key,
                    v.key.as_deref().map(|k| texts.texts.contains_key(k)),
                ),
                "group" => (&v.group, v.group.as_deref().map(|k| group_keys.contains(k))),
                _ => (
                    &v.scope_id,
                    v.scope_id.as_deref().map(|k| ui_ids.contains(k)),
                ),
            };
            match known {
                None => panic!("{name}: an entry of {kind} has no {field} ({:?})", v.label),
                Some(false) => panic!(
                    "{name}: {field} {:?} is unknown (or not offered in the token form)",
                    target.as_deref().unwrap_or_default()
                ),
                Some(true) => {}
            }
            let _ = writeln!(
                out,
                "    Variant {{ target: {}, lang: {}, label: {}, status: {}, source: {} }},",
                lit(target.as_deref().unwrap_or_default()),
                lang(name, &v.lang),
                lit(&v.label),
                evidence(name, &v.status),
                lit(&v.source),
            );
        }
        out.push_str("];\n\n");
    };
    write_variants(&mut out, &variants.texts, "TEXT_VARIANTS", "key");
    write_variants(&mut out, &variants.groups, "GROUP_VARIANTS", "group");
    write_variants(&mut out, &variants.levels, "LEVEL_VARIANTS", "scope_id");
    fs::write(out_dir.join("bundled_catalog.rs"), out).expect("OUT_DIR is writable");

    let mut out = String::from("// Generated by build.rs from data/presets.json. Do not edit.\n\n");
    out.push_str("pub(super) static BUILT_IN: &[StaticPreset] = &[\n");
    let mut preset_ids = BTreeSet::new();
    for p in &presets.presets {
        let at = format!("presets.json: preset {:?}", p.id);
        if !is_valid_preset_id(&p.id) {
            panic!("{at}: the id must be lower-case letters, digits and single hyphens");
        }
        if !preset_ids.insert(p.id.as_str()) {
            panic!("{at}: the id appears twice");
        }
        if p.title.trim().is_empty() || p.task.trim().is_empty() {
            panic!("{at}: title and task must not be empty");
        }
        if p.scopes.is_empty() {
            panic!("{at}: no scopes");
        }
        let mut seen = BTreeSet::new();
        for s in &p.scopes {
            if !ui_ids.contains(s.as_str()) {
                panic!("{at}: unknown scope id {s} (not offered in the token form)");
            }
            if !seen.insert(s.as_str()) {
                panic!("{at}: scope {s} is listed twice");
            }
        }
        if p.recommended_days == 0 {
            panic!("{at}: recommended_days must be at least 1");
        }
        let scopes: Vec<String> = p.scopes.iter().map(|s| lit(s)).collect();
        let _ = writeln!(
            out,
            "    StaticPreset {{ id: {}, title: {}, purpose_group: {}, task: {}, scopes: &[{}], \
             recommended_days: {}, source_title: {}, source_url: {}, notes: {}, needs_global: {} }},",
            lit(&p.id),
            lit(&p.title),
            lit(&p.purpose_group),
            lit(&p.task),
            scopes.join(", "),
            p.recommended_days,
            lit(&p.source.title),
            lit(&p.source.url),
            lit(&p.notes),
            p.needs_global,
        );
    }
    out.push_str("];\n");
    fs::write(out_dir.join("bundled_presets.rs"), out).expect("OUT_DIR is writable");
}
