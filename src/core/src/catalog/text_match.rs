//! Tolerant matching of visible labels: the live page and the translated documentation
//! spell the same label in several ways ("Lesen und Verwalten", "Lesen u. Verwalten",
//! "lesen, verwalten"; "Erfolg!" and "Erfolg"). Labels are compared after
//! [`normalize`], and against the known alternative spellings of
//! `data/ado-label-variants.json` and the organization's `labelAliases`.

pub use super::bundled::Variant;
use super::bundled::{GROUP_VARIANTS, LEVEL_VARIANTS, TEXT_VARIANTS};
use super::{catalog, Group, Lang, Level, PageText};
use std::cell::RefCell;
use std::sync::OnceLock;

/// Connector words dropped by [`normalize`]: "&", "and", "und", "u." all join two words
/// the same way, and the page is not consistent about which it uses.
const CONNECTORS: [&str; 3] = ["and", "und", "u"];

/// Lower case; punctuation, `&` and connector words dropped; a hyphen inside a word
/// dropped ("Agent-Pools" = "Agentpools"); whitespace collapsed; a trailing "!" gone.
/// Digits and letters of every script are kept, so numbers still tell labels apart.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else {
            let joins = c == '-'
                && prev.is_some_and(char::is_alphanumeric)
                && chars.peek().is_some_and(|n| n.is_alphanumeric());
            if !joins {
                end_word(&mut out, &mut word);
            }
        }
        prev = Some(c);
    }
    end_word(&mut out, &mut word);
    out
}

/// Appends a finished word to `out` unless it is a connector, and empties it.
fn end_word(out: &mut String, word: &mut String) {
    if !word.is_empty() && !CONNECTORS.contains(&word.as_str()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    word.clear();
}

/// Whether a label was read in a public source or reasoned from one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    Verified,
    Inferred,
}

/// The known alternative spellings (`data/ado-label-variants.json`, compiled in and
/// checked against the catalog by `build.rs`).
pub struct Variants {
    /// Other spellings of page texts (`target` is the `ado-page-texts.json` key).
    pub texts: Vec<Variant>,
    /// Other spellings of group labels (`target` is the group key).
    pub groups: Vec<Variant>,
    /// Other spellings of level labels (`target` is the scope id).
    pub levels: Vec<Variant>,
}

/// The variants, read once from the generated tables.
pub fn variants() -> &'static Variants {
    static VARIANTS: OnceLock<Variants> = OnceLock::new();
    VARIANTS.get_or_init(|| Variants {
        texts: Variant::read_all(TEXT_VARIANTS),
        groups: Variant::read_all(GROUP_VARIANTS),
        levels: Variant::read_all(LEVEL_VARIANTS),
    })
}

/// One label an organization pushed (`labelAliases`): in `lang`, `label` names the
/// scope `scope_id` — as a level label inside its group, or as the group's label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LabelAlias {
    pub lang: Lang,
    pub label: String,
    pub scope_id: String,
}

thread_local! {
    /// Per thread: the extension's wasm has one thread, and native tests that push
    /// different aliases run in parallel threads without seeing each other's.
    static PUSHED: RefCell<Vec<(Lang, String, String)>> = const { RefCell::new(Vec::new()) };
}

/// Replaces the organization's label aliases (already validated by `label_aliases`).
/// On a label given twice in a language, the first alias wins.
pub fn set_label_aliases(aliases: &[LabelAlias]) {
    let list = aliases
        .iter()
        .map(|a| (a.lang, normalize(&a.label), a.scope_id.clone()))
        .collect();
    PUSHED.with(|p| *p.borrow_mut() = list);
}

fn with_pushed<R>(f: impl FnOnce(&[(Lang, String, String)]) -> R) -> R {
    PUSHED.with(|p| f(&p.borrow()))
}

/// Normalised labels, built once.
struct Table {
    /// (lang, normalised label, catalog group index)
    groups: Vec<(Lang, String, usize)>,
    /// (lang, group index, normalised label, level index)
    levels: Vec<(Lang, usize, String, usize)>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let cat = catalog();
        let var = variants();
        let mut groups = Vec::new();
        let mut levels = Vec::new();
        for (gi, g) in cat.groups.iter().enumerate() {
            for lang in Lang::ALL {
                groups.push((lang, normalize(g.label(lang)), gi));
                for (li, l) in g.levels.iter().enumerate() {
                    levels.push((lang, gi, normalize(l.label(lang)), li));
                }
            }
            for v in var.groups.iter().filter(|v| v.target == g.key) {
                groups.push((v.lang, normalize(v.label), gi));
            }
            for (li, l) in g.levels.iter().enumerate() {
                for v in var.levels.iter().filter(|v| v.target == l.scope_id) {
                    levels.push((v.lang, gi, normalize(v.label), li));
                }
            }
        }
        Table { groups, levels }
    })
}

/// A visible label, normalised once for many lookups.
pub struct Label(String);

impl Label {
    pub fn new(text: &str) -> Label {
        Label(normalize(text))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// The catalog group a visible group label names (main label, known variant, or an
/// organization's alias), with its index in `catalog().groups`.
pub fn group_by_visible_label(label: &Label, lang: Lang) -> Option<(usize, &'static Group)> {
    let cat = catalog();
    let t = table();
    let gi = t
        .groups
        .iter()
        .find(|(l, n, _)| *l == lang && *n == label.0)
        .map(|(_, _, gi)| *gi)
        .or_else(|| {
            with_pushed(|pushed| {
                let (_, _, id) = pushed
                    .iter()
                    .find(|(l, n, _)| *l == lang && *n == label.0)?;
                cat.groups
                    .iter()
                    .position(|g| g.level_by_scope(id).is_some())
            })
        })?;
    Some((gi, &cat.groups[gi]))
}

/// The level of group `gi` a visible level label names.
pub fn level_by_visible_label(gi: usize, label: &Label, lang: Lang) -> Option<&'static Level> {
    let g = &catalog().groups[gi];
    let t = table();
    if let Some((_, _, _, li)) = t
        .levels
        .iter()
        .find(|(l, g2, n, _)| *l == lang && *g2 == gi && *n == label.0)
    {
        return Some(&g.levels[*li]);
    }
    with_pushed(|pushed| {
        pushed
            .iter()
            .filter(|(l, n, _)| *l == lang && *n == label.0)
            .find_map(|(_, _, id)| g.level_by_scope(id))
    })
}

/// Whether `text` reads as the page text `key` in `lang` (main text or known variant).
pub fn is_page_text(text: &str, key: PageText, lang: Lang) -> bool {
    let n = normalize(text);
    if n.is_empty() {
        return false;
    }
    PAGE_TEXT_FORMS.with(|forms| {
        let mut forms = forms.borrow_mut();
        let at = match forms.iter().position(|(k, l, _)| *k == key && *l == lang) {
            Some(at) => at,
            None => {
                forms.push((key, lang, page_text_forms(key, lang)));
                forms.len() - 1
            }
        };
        forms[at].2.contains(&n)
    })
}

thread_local! {
    /// The normalised spellings of each page text asked about, made on first use: the
    /// recogniser compares every text of a snapshot with the same few page texts, and
    /// normalising those again on each comparison took most of its time in the wasm.
    /// A short list (a few dozen page texts in two languages), searched in order.
    static PAGE_TEXT_FORMS: RefCell<Vec<(PageText, Lang, Vec<String>)>> =
        const { RefCell::new(Vec::new()) };
}

/// The page text `key` in `lang` and its known variant spellings, normalised.
fn page_text_forms(key: PageText, lang: Lang) -> Vec<String> {
    std::iter::once(super::page_text(key, lang))
        .chain(
            variants()
                .texts
                .iter()
                .filter(|v| v.lang == lang && v.target == key.key())
                .map(|v| v.label),
        )
        .map(normalize)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule of [`normalize`] written the plain way, word list first.
    fn normalize_by_words(text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let mut words: Vec<String> = Vec::new();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
                continue;
            }
            let joins = c == '-'
                && i > 0
                && chars[i - 1].is_alphanumeric()
                && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if !joins && !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        }
        if !word.is_empty() {
            words.push(word);
        }
        words.retain(|w| !CONNECTORS.contains(&w.as_str()));
        words.join(" ")
    }

    #[test]
    fn normalize_follows_its_rule_on_every_bundled_label_and_odd_text() {
        let odd = [
            "",
            " - ",
            "-a-",
            "a--b",
            "Agent-Pools – Lesen",
            "ÄRGER-ÜBER İstanbul ǅ",
            "Read & write!",
            "u. und and U",
            "x-\u{fffd}-y",
            "30-Tage",
            "a -b",
            "a- b",
        ];
        let labels = super::super::all_page_texts()
            .chain(variants().texts.iter().map(|v| v.label))
            .chain(variants().groups.iter().map(|v| v.label))
            .chain(variants().levels.iter().map(|v| v.label))
            .chain(odd);
        for text in labels {
            assert_eq!(normalize(text), normalize_by_words(text), "{text:?}");
        }
    }

    #[test]
    fn normalises_connectors_punctuation_case_and_exclamation() {
        for (a, b) in [
            ("Lesen und Verwalten", "Lesen u. Verwalten"),
            ("Lesen und Verwalten", "lesen, verwalten"),
            ("Read, write, & manage", "Read, write and manage"),
            ("Erfolg!", "Erfolg"),
            ("Success!", "  success "),
            ("Agent-Pools", "Agentpools"),
            ("Show all scopes (30 more)", "show all scopes 30 more"),
        ] {
            assert_eq!(normalize(a), normalize(b), "{a} / {b}");
        }
        assert_ne!(normalize("Read"), normalize("Read & write"));
        assert_ne!(normalize("30 days"), normalize("60 days"));
        assert_eq!(normalize("Agent-Pools – Lesen"), "agentpools lesen");
    }

    #[test]
    fn normalised_labels_stay_distinct_within_each_group_and_language() {
        let cat = catalog();
        for lang in Lang::ALL {
            let mut seen = std::collections::BTreeMap::new();
            for g in &cat.groups {
                if let Some(other) = seen.insert(normalize(g.label(lang)), &g.key) {
                    panic!("{lang:?}: {} and {other} read the same", g.key);
                }
                let mut levels = std::collections::BTreeSet::new();
                for l in &g.levels {
                    assert!(
                        levels.insert(normalize(l.label(lang))),
                        "{lang:?} {}: {} collides",
                        g.key,
                        l.scope_id
                    );
                }
            }
        }
        // A variant must never name a different group or level than the main labels do.
        let t = table();
        for (lang, n, gi) in &t.groups {
            for (lang2, n2, gi2) in &t.groups {
                assert!(!(lang == lang2 && n == n2 && gi != gi2), "group label {n}");
            }
        }
        for (lang, gi, n, li) in &t.levels {
            for (lang2, gi2, n2, li2) in &t.levels {
                assert!(
                    !(lang == lang2 && gi == gi2 && n == n2 && li != li2),
                    "level label {n}"
                );
            }
        }
    }

    #[test]
    fn german_variants_from_the_evidence_are_recognised() {
        let de = Lang::De;
        let (gi, g) = group_by_visible_label(&Label::new("Agent-Pools"), de).unwrap();
        assert_eq!(g.key, "agentPools");
        for l in [
            "Lesen und Verwalten",
            "Lesen u. Verwalten",
            "lesen, verwalten",
        ] {
            assert_eq!(
                level_by_visible_label(gi, &Label::new(l), de)
                    .unwrap()
                    .scope_id,
                "vso.agentpools_manage"
            );
        }
        assert_eq!(
            group_by_visible_label(&Label::new("Arbeitsaufgaben"), de)
                .unwrap()
                .1
                .key,
            "workItems"
        );
        assert!(is_page_text("Ablaufzeit (UTC)", PageText::Expiration, de));
        assert!(is_page_text("Ablauf (UTC)", PageText::Expiration, de));
        assert!(is_page_text(
            "In Zwischenablage kopieren",
            PageText::Copy,
            de
        ));
        assert!(is_page_text("Erfolg", PageText::SuccessTitle, de));
        assert!(!is_page_text("Erfolg", PageText::SuccessTitle, Lang::En));
        assert!(variants()
            .groups
            .iter()
            .any(|v| v.status == Evidence::Inferred));
    }
}
