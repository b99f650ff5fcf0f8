//! The Azure DevOps scope catalog: every PAT-UI group, its levels and scope ids,
//! their descriptions, inheritance and high-privilege flags, with the UI labels per
//! locale. Built once from the reference data shipped in `data/`, so the tables the
//! recogniser, planner and findings use can never drift from one another.

mod labels;
mod model;
pub mod text_match;

pub use labels::{all_page_texts, page_text, PageText};
pub use model::{Catalog, Group, Lang, Level};

use std::sync::OnceLock;

static CATALOG: OnceLock<Catalog> = OnceLock::new();

/// The catalog, parsed on first use. The data is compiled in and tested, so a
/// parse failure is a build defect, not a runtime condition.
pub fn catalog() -> &'static Catalog {
    CATALOG.get_or_init(|| {
        Catalog::from_json(
            // data/*.json without indentation (build.rs)
            include_str!(concat!(env!("OUT_DIR"), "/ado-scopes.json")),
            include_str!(concat!(env!("OUT_DIR"), "/ado-page-texts.json")),
        )
        .expect("the bundled scope catalog is valid")
    })
}

#[cfg(test)]
mod tests;
