//! The token list audit: a summary line and, per flagged row, the reasons and the
//! action that helps. PAT Guard only explains; the user clicks Regenerate or Revoke.

use super::dom::{el, El};
use patguard_core::audit::{advice_text, reason_text, summary, RowAudit};
use patguard_core::catalog::Lang;

pub fn render(rows: &[RowAudit], lang: Lang) -> El {
    let items = rows.iter().map(|a| {
        let reasons: Vec<String> = a.reasons.iter().map(|r| reason_text(r, lang)).collect();
        el("li")
            .class("finding")
            .attr("data-audit-row", &a.name)
            .attr("data-severity", a.severity.as_str())
            .child(el("strong").text(&format!("{} ({})", a.name, a.organization)))
            .child(el("p").attr("data-reason", "").text(&reasons.join("; ")))
            .child(
                el("p")
                    .attr("data-advice", "")
                    .text(advice_text(a.advice, lang)),
            )
    });
    el("section")
        .class("findings")
        .attr("data-patguard", "audit")
        .attr("data-count", &rows.len().to_string())
        .child(el("p").class("audit-summary").text(&summary(rows, lang)))
        .child(el("ul").children(items))
}
