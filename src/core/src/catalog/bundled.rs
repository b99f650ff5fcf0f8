//! The bundled catalog data, generated and validated by `build.rs` (`build/catalog.rs`)
//! from `data/ado-scopes.json`, `data/ado-page-texts.json` and
//! `data/ado-label-variants.json`. Each table is text, one line per entry with its
//! fields separated by tabs (the generator's comments name the fields), read once into
//! its owned form: nothing is parsed from JSON at run time and nothing can fail.

use super::text_match::Evidence;
use super::Lang;
use std::sync::OnceLock;

/// The fields of one generated line, in order. A missing field reads as empty, so a
/// reader never panics (the generator writes every field; `tests/bundled_data.rs`
/// compares what is read with the source files).
pub(crate) struct Fields(std::str::Split<'static, char>);

impl Fields {
    pub(crate) fn new(line: &'static str) -> Fields {
        Fields(line.split('\t'))
    }

    pub(crate) fn text(&mut self) -> &'static str {
        self.0.next().unwrap_or_default()
    }

    /// An optional text: empty means none.
    pub(crate) fn opt(&mut self) -> Option<&'static str> {
        Some(self.text()).filter(|s| !s.is_empty())
    }

    /// A flag written as `1` or `0`.
    pub(crate) fn flag(&mut self) -> bool {
        self.text() == "1"
    }
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

impl Variant {
    fn read(line: &'static str) -> Variant {
        let mut f = Fields::new(line);
        Variant {
            target: f.text(),
            lang: if f.text() == "de" { Lang::De } else { Lang::En },
            label: f.text(),
            status: if f.text() == "i" {
                Evidence::Inferred
            } else {
                Evidence::Verified
            },
            source: f.text(),
        }
    }

    /// A generated variant table as a list.
    pub(crate) fn read_all(table: &'static str) -> Vec<Variant> {
        table.lines().map(Variant::read).collect()
    }
}

/// The page texts: (key, English, German), sorted by key with no repeats.
pub(crate) fn page_texts() -> &'static [(&'static str, &'static str, &'static str)] {
    static PAGE_TEXTS: OnceLock<Vec<(&str, &str, &str)>> = OnceLock::new();
    PAGE_TEXTS.get_or_init(|| {
        TEXTS.lines()
            .map(|line| {
                let mut f = Fields::new(line);
                (f.text(), f.text(), f.text())
            })
            .collect()
    })
}

include!(concat!(env!("OUT_DIR"), "/bundled_catalog.rs"));
