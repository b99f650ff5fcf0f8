//! The answer as the assistant's box shows it, in one language. It is what crosses from the
//! on-demand calculator module (`src/calculator`) to the panel module, as JSON: the panel
//! reads this type only, so it links none of the calculator's tables.

use super::answer::{Answer, Call};
use crate::catalog::Lang;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    /// The minimal set, in the answer's order, each with the calls that need it.
    pub scopes: Vec<ScopeView>,
    pub unmapped: Vec<UnmappedView>,
    pub limits: Vec<LimitView>,
    /// "You may not need a PAT."
    pub alternatives: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScopeView {
    pub id: String,
    /// `input → operation id` (or the stated rule) of each call needing the scope.
    pub calls: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnmappedView {
    pub input: String,
    pub reason: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LimitView {
    /// `Limit::kind`, a stable id (`git-smart-http`, `owner-permissions`, …).
    pub kind: String,
    pub text: String,
}

impl AnswerView {
    pub fn new(answer: &Answer, lang: Lang) -> AnswerView {
        AnswerView {
            scopes: answer
                .scopes
                .iter()
                .map(|s| ScopeView {
                    id: s.clone(),
                    calls: answer.calls_needing(s).into_iter().map(call_text).collect(),
                })
                .collect(),
            unmapped: answer
                .unmapped
                .iter()
                .map(|u| UnmappedView {
                    input: u.input.clone(),
                    reason: u.reason.text(lang),
                })
                .collect(),
            limits: answer
                .limits
                .iter()
                .map(|l| LimitView {
                    kind: l.kind().to_string(),
                    text: l.text(lang),
                })
                .collect(),
            alternatives: answer
                .alternatives
                .iter()
                .map(|a| a.text(lang).to_string())
                .collect(),
        }
    }

    /// The scope ids to tick.
    pub fn scope_ids(&self) -> impl Iterator<Item = &str> {
        self.scopes.iter().map(|s| s.id.as_str())
    }
}

fn call_text(call: &Call) -> String {
    let what = call
        .operation_id
        .as_deref()
        .or(call.rule.as_deref())
        .unwrap_or_default();
    format!("{} → {what}", call.input)
}
