//! The label aliases section: every `labelAliases` in force, per page language, with
//! where it comes from and what overrules it.

pub mod model;

use crate::form::{section, table};
use crate::page::Page;
use crate::texts::tr;
use patguard_browser::dom::{el, El};

/// The `labelAliases` in force, per page language, with where each comes from; an alias
/// a higher source overrules is listed as such, so an admin sees why it has no effect.
pub fn render(p: &Page) -> El {
    let lang = p.lang;
    let rows = model::alias_rows(&p.settings, &p.managed, &p.user_aliases, lang);
    let mut s = section("label-aliases", "h-aliases", &tr(lang, "Label aliases", "Bezeichnungs-Aliasse"))
        .child(el("p").text(&tr(
            lang,
            "Labels on the token page that your organization or a team file maps to a scope (labelAliases). On a conflict the enterprise policy wins, then your settings, then your organization's team presets, then yours.",
            "Bezeichnungen auf der Token-Seite, die Ihre Organisation oder eine Team-Datei einem Bereich zuordnet (labelAliases). Bei einem Konflikt gilt die Unternehmensrichtlinie, dann Ihre Einstellungen, dann die Team-Vorlagen Ihrer Organisation, dann Ihre.",
        )));
    if rows.is_empty() {
        return s.child(
            el("p")
                .class("empty")
                .attr("data-patguard", "no-aliases")
                .text(&tr(
                    lang,
                    "No label aliases are set.",
                    "Es sind keine Bezeichnungs-Aliasse gesetzt.",
                )),
        );
    }
    for page_lang in ["en", "de"] {
        let in_lang: Vec<_> = rows.iter().filter(|r| r.page_lang == page_lang).collect();
        if in_lang.is_empty() {
            continue;
        }
        let caption = match page_lang {
            "de" => tr(lang, "Page in German", "Seite auf Deutsch"),
            _ => tr(lang, "Page in English", "Seite auf Englisch"),
        };
        let body = in_lang.iter().map(|r| {
            let mut source = r.source.describe(lang);
            if let Some(winner) = r.overruled_by {
                source = format!(
                    "{source} – {} {}",
                    tr(
                        lang,
                        "not used: overruled by",
                        "nicht verwendet: überstimmt von"
                    ),
                    winner.describe(lang)
                );
            }
            let mut row = el("tr")
                .attr("data-alias", &r.label)
                .attr("data-source", r.source.key());
            if r.overruled_by.is_some() {
                row = row.attr("data-overruled", "true");
            }
            row.child(el("th").attr("scope", "row").text(&r.label))
                .child(
                    el("td")
                        .child(el("code").text(&r.scope_id))
                        .child(el("span").text(&format!(" ({})", r.names))),
                )
                .child(el("td").text(&source))
        });
        let headings = [
            tr(lang, "Visible label", "Sichtbare Bezeichnung"),
            tr(lang, "Scope", "Bereich"),
            tr(lang, "Source", "Quelle"),
        ];
        s = s.child(table(&caption, &headings, body).attr("data-alias-lang", page_lang));
    }
    s
}
