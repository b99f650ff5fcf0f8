//! "Which scopes do I need?": the least PAT scopes for what a token will be used for,
//! computed from text a person pastes — REST URLs and `curl` / `Invoke-RestMethod` /
//! `az rest` lines, `az devops|repos|pipelines|boards|artifacts` commands, Terraform
//! `azuredevops_*` names or a whole `.tf` file, git remote URLs, package feed URLs, and
//! names of tools that have a preset.
//!
//! The answer comes from Microsoft's REST API specification (API 7.2) and the tables
//! derived from it for the `az` CLI and the Terraform provider (`data/rest-scopes/`),
//! plus a few stated rules for what the specification does not cover (`rules.rs`). Every
//! line that cannot be mapped is returned with its reason, and the known limits of the
//! data are returned where they apply (`limits.rs`).

mod answer;
mod input;
mod limits;
mod rules;
mod tables;
mod tools;
mod url;
mod view;

#[cfg(test)]
mod tests;

use crate::catalog::Lang;

pub use answer::{Alternative, Answer, Call, Reason, Unmapped};
pub use limits::Limit;
pub use tools::tool_preset;
pub use view::{AnswerView, LimitView, ScopeView, UnmappedView};

/// Computes the answer for pasted text (one input per line; shell line continuations
/// are joined first).
pub fn calculate(text: &str) -> Answer {
    let mut answer = answer::Builder::default();
    input::read(text, &mut answer);
    answer.finish()
}

/// The answer for pasted text as the assistant's box shows it in `lang`.
pub fn calculate_view(text: &str, lang: Lang) -> AnswerView {
    AnswerView::new(&calculate(text), lang)
}
