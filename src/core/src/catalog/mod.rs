//! The Azure DevOps scope catalog: every PAT-UI group, its levels and scope ids,
//! their descriptions, inheritance and high-privilege flags, with the UI labels per
//! locale. Compiled in from the reference data in `data/` (validated by `build.rs`), so
//! the tables the recogniser, planner and findings use can never drift from one another.

pub(crate) mod bundled;
mod labels;
mod model;
pub mod text_match;

pub use labels::{all_page_texts, page_text, PageText};
pub use model::{Catalog, Group, Lang, Level};

use std::sync::OnceLock;

static CATALOG: OnceLock<Catalog> = OnceLock::new();

/// The catalog, built on first use from the statics `build.rs` generated and validated.
pub fn catalog() -> &'static Catalog {
    CATALOG.get_or_init(Catalog::bundled)
}

#[cfg(test)]
mod tests;
