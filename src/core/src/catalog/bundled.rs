//! The bundled catalog data, generated and validated by `build.rs` (`build/catalog.rs`)
//! from `data/ado-scopes.json`, `data/ado-page-texts.json` and
//! `data/ado-label-variants.json`. Each table is text, one line per entry with its
//! fields separated by tabs (the generator's comments name the fields), read once into
//! its owned form: nothing is parsed from JSON at run time and nothing can fail.

use super::text_match::Evidence;
use super::Lang;
use std::sync::OnceLock;

/// The text before the first `sep` in `rest` (all of it if there is none); `rest` keeps
/// what follows. One function for lines and fields, not inlined: the readers of every
/// table share its code in the wasm.
#[inline(never)]
fn cut(rest: &mut &'static str, sep: char) -> &'static str {
    let (head, tail) = rest.split_once(sep).unwrap_or((rest, ""));
    *rest = tail;
    head
}

/// The lines of a generated table (each ends with a line break).
pub(crate) fn lines(table: &'static str) -> impl Iterator<Item = &'static str> {
    let mut rest = table;
    std::iter::from_fn(move || (!rest.is_empty()).then(|| cut(&mut rest, '\n')))
}

/// The fields of one generated line, in order. A missing field reads as empty, so a
/// reader never panics (the generator writes every field; `tests/bundled_data.rs`
/// compares what is read with the source files).
pub(crate) struct Fields(&'static str);

impl Fields {
    pub(crate) fn new(line: &'static str) -> Fields {
        Fields(line)
    }

    pub(crate) fn text(&mut self) -> &'static str {
        cut(&mut self.0, '\t')
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
        lines(table).map(Variant::read).collect()
    }
}

/// The page texts: (key, English, German), sorted by key with no repeats.
pub(crate) fn page_texts() -> &'static [(&'static str, &'static str, &'static str)] {
    static PAGE_TEXTS: OnceLock<Vec<(&str, &str, &str)>> = OnceLock::new();
    PAGE_TEXTS.get_or_init(|| {
        lines(TEXTS)
            .map(|line| {
                let mut f = Fields::new(line);
                (f.text(), f.text(), f.text())
            })
            .collect()
    })
}

include!(concat!(env!("OUT_DIR"), "/bundled_catalog.rs"));
