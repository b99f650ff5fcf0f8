//! The policy section: the policy in force, each rule with its value and where it comes
//! from, read-only, and every enterprise key that was malformed and ignored.

pub mod model;

use crate::form::{section, table};
use crate::page::Page;
use crate::texts::tr;
use patguard_browser::dom::{el, El};

pub fn render(p: &Page) -> El {
    let lang = p.lang;
    let (rows, issues) = model::policy_rows(&p.settings, &p.managed, lang);
    let body = rows.iter().map(|r| {
        let mut tr_ = el("tr").attr("data-key", r.key);
        if r.locked {
            tr_ = tr_.attr("data-locked", "true");
        }
        tr_.child(el("th").attr("scope", "row").text(&r.label))
            .child(el("td").text(&r.value))
            .child(el("td").attr("data-source", "").text(&r.source))
    });
    let mut s = section("enterprise", "h-enterprise", &tr(lang, "Policy in force", "Geltende Richtlinie"))
        .child(el("p").text(&tr(
            lang,
            "Your organization's enterprise policy (managed storage) is a floor: your own settings can only make it stricter.",
            "Die Unternehmensrichtlinie Ihrer Organisation (verwalteter Speicher) ist eine Untergrenze: Ihre eigenen Einstellungen können sie nur verschärfen.",
        )))
        .child(table(
            &tr(lang, "Effective policy and where each value comes from", "Wirksame Richtlinie und Herkunft jedes Werts"),
            &[
                tr(lang, "Rule", "Regel"),
                tr(lang, "In force", "Gilt"),
                tr(lang, "Source", "Quelle"),
            ],
            body,
        ));
    if p.managed.is_null() {
        s = s.child(el("p").attr("data-patguard", "no-enterprise").text(&tr(
            lang,
            "No enterprise policy is installed.",
            "Es ist keine Unternehmensrichtlinie installiert.",
        )));
    }
    if !issues.is_empty() {
        s = s.child(
            el("div")
                .attr("data-patguard", "enterprise-issues")
                .child(el("p").text(&tr(
                    lang,
                    "These enterprise policy keys are malformed and were ignored:",
                    "Diese Schlüssel der Unternehmensrichtlinie sind fehlerhaft und wurden ignoriert:",
                )))
                .child(el("ul").children(issues.iter().map(|i| el("li").text(&i.to_string())))),
        );
    }
    s
}
