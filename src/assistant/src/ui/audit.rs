//! The token list audit: a summary line and, per flagged row, the reasons, the action
//! that helps and a Rotate button. PAT Guard only explains and opens the create form for a
//! rotation; the user clicks Regenerate or Revoke.

use super::dom::{el, El};
use patguard_core::audit::{advice_text, reason_text, summary, RowAudit};
use patguard_core::catalog::Lang;

pub fn render(
    rows: &[RowAudit],
    lang: Lang,
    highlight: Option<&str>,
    rotated_to: &dyn Fn(&RowAudit) -> Option<String>,
    busy: bool,
) -> El {
    let items = rows.iter().map(|a| {
        let reasons: Vec<String> = a.reasons.iter().map(|r| reason_text(r, lang)).collect();
        let mut rotate = el("button")
            .attr("type", "button")
            .attr("data-action", "rotate")
            .attr("data-name", &a.name)
            .class("secondary")
            .attr(
                "title",
                match lang {
                    Lang::En => "Open a new token with the same preset, named with this month",
                    Lang::De => "Ein neues Token mit derselben Vorlage öffnen, benannt mit diesem Monat",
                },
            )
            .text(match lang {
                Lang::En => "Rotate",
                Lang::De => "Rotieren",
            });
        if busy {
            rotate = rotate.attr("disabled", "");
        }
        let mut item = el("li")
            .class("finding")
            .attr("data-audit-row", &a.name)
            .attr("data-severity", a.severity.as_str())
            .child(el("strong").text(&format!("{} ({})", a.name, a.organization)))
            .child(el("p").attr("data-reason", "").text(&reasons.join("; ")))
            .child(
                el("p")
                    .attr("data-advice", "")
                    .text(advice_text(a.advice, lang)),
            );
        if let Some(new_name) = rotated_to(a) {
            item = item.child(el("p").attr("data-rotated-to", &new_name).text(&match lang {
                Lang::En => format!("Rotated to “{new_name}”: revoke this one once nothing uses it."),
                Lang::De => format!("Ersetzt durch „{new_name}“: widerrufen, sobald es nicht mehr verwendet wird."),
            }));
        }
        if highlight == Some(a.name.as_str()) {
            item = item
                .class("finding highlight")
                .attr("data-highlight", "true");
        }
        item.child(el("p").child(rotate))
    });
    el("section")
        .class("findings")
        .attr("data-patguard", "audit")
        .attr("data-count", &rows.len().to_string())
        .child(el("p").class("audit-summary").text(&summary(rows, lang)))
        .child(el("ul").children(items))
}
