//! The plain-text form of the answer, for people reading a terminal.

use patguard_core::calculator::{Answer, Call};
use patguard_core::catalog::{catalog, Lang};
use std::fmt::Write;

fn call_line(call: &Call) -> String {
    let what = match (&call.operation_id, &call.rule) {
        (Some(id), _) => format!("{} {id}", call.area.as_deref().unwrap_or_default()),
        (None, Some(rule)) => format!("rule {rule}"),
        (None, None) => String::new(),
    };
    format!("{}  [{what}]", call.input)
}

pub fn render(answer: &Answer) -> String {
    let c = catalog();
    let mut s = String::new();
    if answer.scopes.is_empty() {
        s.push_str("No PAT scope could be derived from this input.\n");
    } else {
        let _ = writeln!(s, "Scopes to tick ({}):", answer.scopes.len());
        for scope in &answer.scopes {
            let label = c
                .scope(scope)
                .map(|r| format!("{}: {}", r.group.label(Lang::En), r.level.label(Lang::En)))
                .unwrap_or_default();
            let _ = writeln!(s, "  {scope}  ({label})");
            for call in answer.calls_needing(scope) {
                let _ = writeln!(s, "      {}", call_line(call));
            }
        }
    }
    let scopeless: Vec<&Call> = answer
        .calls
        .iter()
        .filter(|call| {
            !answer
                .scopes
                .iter()
                .any(|sc| answer.calls_needing(sc).contains(call))
        })
        .collect();
    if !scopeless.is_empty() {
        let _ = writeln!(s, "\nCalls without a PAT-page scope ({}):", scopeless.len());
        for call in scopeless {
            let _ = writeln!(
                s,
                "  {}  scopes: {}",
                call_line(call),
                call.scopes.join(", ")
            );
        }
    }
    if !answer.unmapped.is_empty() {
        let _ = writeln!(s, "\nNot mapped ({}):", answer.unmapped.len());
        for u in &answer.unmapped {
            let _ = writeln!(s, "  {}\n      {}", u.input, u.reason.text(Lang::En));
        }
    }
    if !answer.limits.is_empty() {
        s.push_str("\nLimits:\n");
        for l in &answer.limits {
            let _ = writeln!(s, "  - {}", l.text(Lang::En));
        }
    }
    if !answer.alternatives.is_empty() {
        s.push_str("\nYou may not need a PAT:\n");
        for a in &answer.alternatives {
            let _ = writeln!(s, "  - {}", a.text(Lang::En));
        }
    }
    s
}
