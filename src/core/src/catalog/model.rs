use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};

/// The page locales PAT Guard recognises. Labels of other locales are refused,
/// never guessed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    De,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// Maps a BCP 47 tag such as `de-DE` to a supported locale.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "de" => Some(Lang::De),
            _ => None,
        }
    }

    /// The tag `from_tag` reads and `labelAliases` is keyed by.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }
}

#[derive(Debug)]
pub struct Level {
    pub scope_id: String,
    pub label_en: String,
    pub label_de: String,
    pub description: String,
    pub high_privilege: bool,
    pub inherits_from: Option<String>,
    /// Whether the UI label → scope id mapping is certain (`high`) or inferred (`medium`).
    pub mapping_certain: bool,
}

impl Level {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.label_en,
            Lang::De => &self.label_de,
        }
    }

    /// Levels named manage/full/execute-and-manage: the ones that administer rather than use.
    pub fn is_manage_or_full(&self) -> bool {
        let id = self.scope_id.as_str();
        id.ends_with("_manage") || id.ends_with("_full") || id == "vso.security_manage"
    }
}

#[derive(Debug)]
pub struct Group {
    pub key: String,
    pub label_en: String,
    pub label_de: String,
    pub description_en: Option<String>,
    pub description_de: Option<String>,
    pub shown_by_default: bool,
    pub levels: Vec<Level>,
}

impl Group {
    pub fn label(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.label_en,
            Lang::De => &self.label_de,
        }
    }

    pub fn description(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.description_en.as_deref(),
            Lang::De => self.description_de.as_deref(),
        }
    }

    pub fn level_by_label(&self, label: &str, lang: Lang) -> Option<&Level> {
        self.levels.iter().find(|l| l.label(lang) == label)
    }

    pub fn level_by_scope(&self, scope_id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.scope_id == scope_id)
    }
}

/// All groups offered in the PAT UI plus the scopes outside it (for inheritance and
/// for naming scopes a token may carry without the UI showing them).
#[derive(Debug)]
pub struct Catalog {
    pub groups: Vec<Group>,
    // Small fixed tables searched linearly / by binary search: a map type per value
    // type would add its own generic code to the wasm (issue #7).
    hidden_scopes: Vec<(String, HiddenScope)>,
    /// Sorted by key.
    pub(super) texts: Vec<(String, (String, String))>,
}

#[derive(Debug)]
struct HiddenScope {
    inherits_from: Option<String>,
    high_privilege: bool,
}

/// What `Catalog::scope` finds for a scope id.
#[derive(Clone, Copy, Debug)]
pub struct ScopeRef<'a> {
    pub group: &'a Group,
    pub level: &'a Level,
}

impl Catalog {
    pub fn from_json(scopes_json: &str, texts_json: &str) -> Result<Catalog, String> {
        let raw: Vec<RawGroup> =
            serde_json::from_str(scopes_json).map_err(|e| format!("scope data: {e}"))?;
        let texts: RawTexts =
            serde_json::from_str(texts_json).map_err(|e| format!("page texts: {e}"))?;
        let mut groups = Vec::new();
        let mut hidden_scopes: Vec<(String, HiddenScope)> = Vec::new();
        for g in raw {
            if !g.in_pat_ui {
                for l in g.levels {
                    let hidden = HiddenScope {
                        inherits_from: l.inherits_from,
                        high_privilege: l.high_privilege,
                    };
                    // A repeated id keeps its last entry, as a map insert did.
                    match hidden_scopes.iter_mut().find(|(id, _)| *id == l.scope_id) {
                        Some(slot) => slot.1 = hidden,
                        None => hidden_scopes.push((l.scope_id, hidden)),
                    }
                }
                continue;
            }
            let label_en = g
                .ui_label
                .ok_or_else(|| format!("group {} has no UI label", g.group))?;
            let label_de = de(&texts.group_labels_de, &g.group)
                .ok_or_else(|| format!("group {} has no German label", g.group))?;
            let mut levels = Vec::new();
            for l in g.levels {
                let label_en = l
                    .ui_level
                    .ok_or_else(|| format!("{} has no UI level label", l.scope_id))?;
                let label_de = de(&texts.level_labels_de, &label_en)
                    .ok_or_else(|| format!("level {label_en} has no German label"))?;
                levels.push(Level {
                    scope_id: l.scope_id,
                    label_en,
                    label_de,
                    description: l.description,
                    high_privilege: l.high_privilege,
                    inherits_from: l.inherits_from,
                    mapping_certain: l.mapping_confidence.as_deref() == Some("high"),
                });
            }
            groups.push(Group {
                description_de: de(&texts.group_descriptions_de, &g.group),
                key: g.group,
                label_en,
                label_de,
                description_en: g.ui_group_description,
                shown_by_default: g.shown_by_default,
                levels,
            });
        }
        // A sorted map, so this list is sorted by key with no repeats.
        let texts = texts
            .texts
            .into_iter()
            .map(|(k, t)| (k, (t.en, t.de)))
            .collect();
        Ok(Catalog {
            groups,
            hidden_scopes,
            texts,
        })
    }

    pub fn group(&self, key: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.key == key)
    }

    pub fn group_by_label(&self, label: &str, lang: Lang) -> Option<&Group> {
        self.groups.iter().find(|g| g.label(lang) == label)
    }

    /// The UI group and level that offer a scope id; `None` for scopes the UI does not offer.
    pub fn scope(&self, scope_id: &str) -> Option<ScopeRef<'_>> {
        self.groups.iter().find_map(|group| {
            group
                .level_by_scope(scope_id)
                .map(|level| ScopeRef { group, level })
        })
    }

    pub fn is_known_scope(&self, scope_id: &str) -> bool {
        self.scope(scope_id).is_some() || self.hidden(scope_id).is_some()
    }

    pub fn is_high_privilege(&self, scope_id: &str) -> bool {
        match self.scope(scope_id) {
            Some(s) => s.level.high_privilege,
            None => self.hidden(scope_id).is_some_and(|h| h.high_privilege),
        }
    }

    fn hidden(&self, scope_id: &str) -> Option<&HiddenScope> {
        self.hidden_scopes
            .iter()
            .find(|(id, _)| id == scope_id)
            .map(|(_, h)| h)
    }

    /// A page text pair (en, de) by key.
    pub(super) fn text_pair(&self, key: &str) -> Option<&(String, String)> {
        self.texts
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &self.texts[i].1)
    }

    fn parent_of(&self, scope_id: &str) -> Option<&str> {
        match self.scope(scope_id) {
            Some(s) => s.level.inherits_from.as_deref(),
            None => self.hidden(scope_id)?.inherits_from.as_deref(),
        }
    }

    /// A scope with everything it includes through inheritance (e.g. `vso.code_manage`
    /// → `vso.code_write` → `vso.code` → `vso.hooks_write`).
    pub fn implied_scopes(&self, scope_id: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut next = Some(scope_id);
        while let Some(id) = next {
            if !out.insert(id.to_string()) {
                break; // a cycle in the data must not hang the assistant
            }
            next = self.parent_of(id);
        }
        out
    }

    /// Whether holding `granted` gives everything `wanted` gives.
    pub fn covers(&self, granted: &str, wanted: &str) -> bool {
        self.implied_scopes(granted).contains(wanted)
    }
}

// The bundled data files as serde reads them. Unknown fields (`docs_name`, `verified`,
// `_about`, …) are ignored.

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

/// A German label from one of the page-text tables.
fn de(table: &BTreeMap<String, String>, key: &str) -> Option<String> {
    table.get(key).cloned()
}
