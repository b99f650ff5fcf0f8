//! The bundled catalog data as Rust statics, generated and validated by `build.rs`
//! (`build/catalog.rs`) from `data/ado-scopes.json`, `data/ado-page-texts.json` and
//! `data/ado-label-variants.json`: nothing is parsed at run time and nothing can fail.

use super::text_match::Evidence;
use super::Lang;

pub(crate) struct StaticGroup {
    pub key: &'static str,
    pub label_en: &'static str,
    pub label_de: &'static str,
    pub description_en: Option<&'static str>,
    pub description_de: Option<&'static str>,
    pub shown_by_default: bool,
    pub levels: &'static [StaticLevel],
}

pub(crate) struct StaticLevel {
    pub scope_id: &'static str,
    pub label_en: &'static str,
    pub label_de: &'static str,
    pub description: &'static str,
    pub high_privilege: bool,
    pub inherits_from: Option<&'static str>,
    pub mapping_certain: bool,
}

/// A scope the token form does not offer (kept for inheritance and for naming it).
pub(crate) struct StaticHiddenScope {
    pub scope_id: &'static str,
    pub inherits_from: Option<&'static str>,
    pub high_privilege: bool,
}

/// Another spelling of a page text, group label or level label
/// (`data/ado-label-variants.json`). `target` is the page-text key, the group key or
/// the scope id, by the list it is in.
#[derive(Debug)]
pub struct Variant {
    pub target: &'static str,
    pub lang: Lang,
    pub label: &'static str,
    pub status: Evidence,
    pub source: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/bundled_catalog.rs"));
