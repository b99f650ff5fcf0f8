use super::bundled::{lines, page_texts, Fields, GROUPS, HIDDEN_SCOPES};
use std::collections::BTreeSet;

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
    // A small fixed table searched linearly: a map type per value type would add its
    // own generic code to the wasm (issue #7).
    hidden_scopes: Vec<(String, HiddenScope)>,
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
    /// The bundled catalog (`data/`, validated and compiled in by `build.rs`).
    pub(super) fn bundled() -> Catalog {
        let mut groups: Vec<Group> = Vec::new();
        for line in lines(GROUPS) {
            match (line.strip_prefix('\t'), groups.last_mut()) {
                (Some(level), Some(group)) => group.levels.push(Level::read(level)),
                _ => groups.push(Group::read(line)),
            }
        }
        let hidden_scopes = lines(HIDDEN_SCOPES)
            .map(|line| {
                let mut f = Fields::new(line);
                let id = f.text().to_string();
                let hidden = HiddenScope {
                    inherits_from: f.opt().map(String::from),
                    high_privilege: f.flag(),
                };
                (id, hidden)
            })
            .collect();
        Catalog {
            groups,
            hidden_scopes,
        }
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
    pub(super) fn text_pair(&self, key: &str) -> Option<(&'static str, &'static str)> {
        // build.rs writes the page texts sorted by key with no repeats.
        let texts = page_texts();
        texts
            .binary_search_by(|(k, _, _)| (*k).cmp(key))
            .ok()
            .map(|i| (texts[i].1, texts[i].2))
    }

    /// Every page text pair (en, de) of the bundled table.
    pub(super) fn text_pairs(&self) -> impl Iterator<Item = (&'static str, &'static str)> {
        page_texts().iter().map(|(_, en, de)| (*en, *de))
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

impl Group {
    /// A group line of the generated table (its levels are added by the caller).
    fn read(line: &'static str) -> Group {
        let mut f = Fields::new(line);
        Group {
            key: f.text().into(),
            label_en: f.text().into(),
            label_de: f.text().into(),
            description_en: f.opt().map(String::from),
            description_de: f.opt().map(String::from),
            shown_by_default: f.flag(),
            levels: Vec::new(),
        }
    }
}

impl Level {
    /// A level line of the generated table, without its leading tab.
    fn read(line: &'static str) -> Level {
        let mut f = Fields::new(line);
        Level {
            scope_id: f.text().into(),
            label_en: f.text().into(),
            label_de: f.text().into(),
            description: f.text().into(),
            high_privilege: f.flag(),
            inherits_from: f.opt().map(String::from),
            mapping_certain: f.flag(),
        }
    }
}
