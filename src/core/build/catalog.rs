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

/// One field of a generated text line: tabs and line breaks separate fields and lines,
/// so no field may hold one (`what` names the entry for the build error).
fn field<'a>(what: &str, s: &'a str) -> &'a str {
    if s.contains(['\t', '\n', '\r']) {
        panic!("{what}: {s:?} holds a tab or line break");
    }
    s
}

/// An optional field: empty for `None`, so a present value must not be empty.
fn opt_field<'a>(what: &str, s: &'a Option<String>) -> &'a str {
    match s.as_deref() {
        Some("") => panic!("{what}: an empty text (leave the field out instead)"),
        Some(s) => field(what, s),
        None => "",
    }
}

fn flag(b: bool) -> &'static str {
    if b {
        "1"
    } else {
        "0"
    }
}

/// Appends one line of tab-separated fields.
fn line(out: &mut String, what: &str, fields: &[&str]) {
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        out.push_str(field(what, f));
    }
    out.push('\n');
}

/// A `pub(crate) static NAME: &str = "...";` item (Debug escapes the text the way the
/// Rust lexer reads it).
fn text_static(out: &mut String, name: &str, text: &str) {
    let _ = writeln!(out, "pub(crate) static {name}: &str = {text:?};\n");
}

fn lang(name: &str, value: &str) -> &'static str {
    match value {
        "en" => "en",
        "de" => "de",
        other => panic!("{name}: unknown lang {other:?} (expected \"en\" or \"de\")"),
    }
}

fn evidence(name: &str, value: &str) -> &'static str {
    match value {
        "verified" => "v",
        "inferred" => "i",
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
            if l.scope_id.is_empty() || l.scope_id.contains(char::is_whitespace) {
                panic!(
                    "ado-scopes.json: scope id {:?} is empty or holds a space",
                    l.scope_id
                );
            }
            if g.in_pat_ui && !ui_ids.insert(l.scope_id.as_str()) {
                panic!("ado-scopes.json: scope id {} appears twice", l.scope_id);
            }
            all_ids.insert(l.scope_id.as_str());
        }
        if g.in_pat_ui && !group_keys.insert(g.group.as_str()) {
            panic!("ado-scopes.json: group {} appears twice", g.group);
        }
    }

    // Lines of tab-separated fields rather than structs of `&str`: a `&str` in a static is
    // a pointer and a length (8 bytes that compress badly), and the wasm reads each table
    // once into its owned form anyway (`catalog/bundled.rs` reads the lines).
    let mut out = String::from(
        "// Generated by build.rs from data/ado-scopes.json, data/ado-page-texts.json and\n\
         // data/ado-label-variants.json. Do not edit.\n\n",
    );
    // A group line: key, English and German label, English and German description
    // (empty: none), shown by default. Its levels follow, each line starting with a tab:
    // scope id, English and German label, description, high privilege, the scope it
    // inherits from (empty: none), mapping certain.
    let mut groups_text = String::new();
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
        let at = format!("ado-scopes.json: group {}", g.group);
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
        let description_de = texts.group_descriptions_de.get(&g.group).cloned();
        line(
            &mut groups_text,
            &at,
            &[
                &g.group,
                label_en,
                label_de,
                opt_field(&at, &g.ui_group_description),
                opt_field(&at, &description_de),
                flag(g.shown_by_default),
            ],
        );
        for l in &g.levels {
            let at = format!("ado-scopes.json: {}", l.scope_id);
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
            groups_text.push('\t');
            line(
                &mut groups_text,
                &at,
                &[
                    &l.scope_id,
                    level_en,
                    level_de,
                    &l.description,
                    flag(l.high_privilege),
                    opt_field(&at, &l.inherits_from),
                    flag(l.mapping_confidence.as_deref() == Some("high")),
                ],
            );
        }
    }
    text_static(&mut out, "GROUPS", &groups_text);

    // scope id, the scope it inherits from (empty: none), high privilege.
    let mut hidden_text = String::new();
    for (id, parent, high) in &hidden {
        let at = format!("ado-scopes.json: {id}");
        line(
            &mut hidden_text,
            &at,
            &[id, opt_field(&at, parent), flag(*high)],
        );
    }
    text_static(&mut out, "HIDDEN_SCOPES", &hidden_text);

    // key, English, German. A BTreeMap, so sorted by key with no repeats (the lookup
    // binary-searches).
    let mut page_texts = String::new();
    for (key, t) in &texts.texts {
        let at = format!("ado-page-texts.json: {key}");
        line(&mut page_texts, &at, &[key, &t.en, &t.de]);
    }
    text_static(&mut out, "TEXTS", &page_texts);

    let name = "ado-label-variants.json";
    let write_variants = |out: &mut String, list: &[RawVariant], kind: &str, field: &str| {
        // target, lang (en, de), label, status (v: verified, i: inferred), source.
        let mut text = String::new();
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
            line(
                &mut text,
                &format!("{name}: {kind} {:?}", v.label),
                &[
                    target.as_deref().unwrap_or_default(),
                    lang(name, &v.lang),
                    &v.label,
                    evidence(name, &v.status),
                    &v.source,
                ],
            );
        }
        text_static(out, kind, &text);
    };
    write_variants(&mut out, &variants.texts, "TEXT_VARIANTS", "key");
    write_variants(&mut out, &variants.groups, "GROUP_VARIANTS", "group");
    write_variants(&mut out, &variants.levels, "LEVEL_VARIANTS", "scope_id");
    fs::write(out_dir.join("bundled_catalog.rs"), out).expect("OUT_DIR is writable");

    let mut out = String::from("// Generated by build.rs from data/presets.json. Do not edit.\n\n");
    // id, title, purpose group, task, scope ids (separated by spaces), recommended days,
    // source title, source URL, notes, needs a global token.
    let mut presets_text = String::new();
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
        line(
            &mut presets_text,
            &at,
            &[
                &p.id,
                &p.title,
                &p.purpose_group,
                &p.task,
                // Catalog scope ids hold no spaces (checked above against `ui_ids`).
                &p.scopes.join(" "),
                &p.recommended_days.to_string(),
                &p.source.title,
                &p.source.url,
                &p.notes,
                flag(p.needs_global),
            ],
        );
    }
    text_static(&mut out, "BUILT_IN", &presets_text);
    fs::write(out_dir.join("bundled_presets.rs"), out).expect("OUT_DIR is writable");
}
