//! Findings by severity, each with why it matters, where the rule comes from and its
//! one-click fix; plus the gate dialog that stands between a risky token and Create.

use super::dom::{el, El};
use crate::app::GateDialog;
use patguard_core::catalog::Lang;
use patguard_core::findings::{Finding, Severity};

fn severity_id(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn severity_label(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Critical, Lang::En) => "Critical",
        (Severity::Critical, Lang::De) => "Kritisch",
        (Severity::Warning, Lang::En) => "Warning",
        (Severity::Warning, Lang::De) => "Warnung",
        (Severity::Info, Lang::En) => "Note",
        (Severity::Info, Lang::De) => "Hinweis",
    }
}

pub fn render(findings: &[Finding], lang: Lang, busy: bool) -> El {
    if findings.is_empty() {
        return el("div");
    }
    let heading = match lang {
        Lang::En => "Risks in this token",
        Lang::De => "Risiken dieses Tokens",
    };
    let items = findings.iter().map(|f| {
        let mut item = el("li")
            .class("finding")
            .attr("data-finding", f.code.as_str())
            .attr("data-severity", severity_id(f.severity))
            .child(el("strong").text(&format!(
                "{}: {}",
                severity_label(f.severity, lang),
                f.title
            )))
            .child(el("p").text(&f.explanation))
            .child(
                el("p").class("source").child(
                    el("a")
                        .attr("href", &f.source.url)
                        .attr("target", "_blank")
                        .attr("rel", "noopener noreferrer")
                        .text(&f.source.title),
                ),
            );
        if let Some(fix) = &f.fix {
            let mut button = el("button")
                .attr("type", "button")
                .class("secondary")
                .attr("data-action", "fix")
                .attr("data-code", f.code.as_str())
                .text(&fix.label);
            if busy {
                button = button.attr("disabled", "");
            }
            item = item.child(button);
        }
        item
    });
    el("section")
        .class("findings")
        .attr("aria-label", heading)
        .child(el("h3").class("section-title").text(heading))
        .child(el("ul").children(items))
}

pub fn render_gate(dialog: &GateDialog, lang: Lang) -> El {
    let (title, intro, items, can_confirm) = match (dialog, lang) {
        (GateDialog::Confirm { risks }, Lang::En) => (
            "Create this token anyway?",
            "It carries critical risks:",
            risks,
            true,
        ),
        (GateDialog::Confirm { risks }, Lang::De) => (
            "Token trotzdem erstellen?",
            "Es birgt kritische Risiken:",
            risks,
            true,
        ),
        (GateDialog::Blocked { reasons }, Lang::En) => (
            "This token cannot be created",
            "Your policy does not allow:",
            reasons,
            false,
        ),
        (GateDialog::Blocked { reasons }, Lang::De) => (
            "Dieses Token kann nicht erstellt werden",
            "Ihre Richtlinie erlaubt nicht:",
            reasons,
            false,
        ),
    };
    let mut buttons = el("div").class("buttons");
    if can_confirm {
        let label = if lang == Lang::De {
            "Trotzdem erstellen"
        } else {
            "Create anyway"
        };
        buttons = buttons.child(
            el("button")
                .attr("type", "button")
                .class("danger")
                .attr("data-action", "confirm-create")
                .text(label),
        );
    }
    let back = match (can_confirm, lang) {
        (true, Lang::En) => "Cancel and fix",
        (true, Lang::De) => "Abbrechen und beheben",
        (false, Lang::En) => "Back to the form",
        (false, Lang::De) => "Zurück zum Formular",
    };
    buttons = buttons.child(
        el("button")
            .attr("type", "button")
            .class("primary")
            .attr("data-action", "cancel-create")
            .text(back),
    );
    el("section")
        .class("gate")
        .attr("data-patguard", "gate")
        .attr("role", "alertdialog")
        .attr("aria-modal", "false")
        .attr("aria-labelledby", "gate-title")
        .child(el("h3").attr("id", "gate-title").text(title))
        .child(el("p").text(intro))
        .child(el("ul").children(items.iter().map(|r| el("li").text(r))))
        .child(buttons)
}
