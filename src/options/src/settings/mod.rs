//! The settings section: the user's preferences and own policy rules, validated as a
//! whole form (`model`) and stored only when every field is right.

pub mod model;

use crate::form::{button, feedback, input_value, labelled, section, select, text_input, Feedback};
use crate::page::{store, Page, Shared};
use crate::texts::tr;
use model::{draft_from, scope_choices, validate, Draft, CLIPBOARD_CHOICES};
use patguard_browser::dom::{el, El};
use wasm_bindgen::JsCast;
use web_sys::Element;

pub fn render(p: &Page) -> El {
    let lang = p.lang;
    let d = p.draft.clone().unwrap_or_else(|| draft_from(&p.settings));
    let err = |field: &str| {
        let list: Vec<&str> = p
            .settings_errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.as_str())
            .collect();
        if list.is_empty() {
            None
        } else {
            Some(list.join("; "))
        }
    };
    let clipboard_options: Vec<(String, String)> = CLIPBOARD_CHOICES
        .iter()
        .map(|s| {
            let label = if *s >= 60 {
                tr(
                    lang,
                    &format!("{} min", s / 60),
                    &format!("{} Min.", s / 60),
                )
            } else {
                tr(lang, &format!("{s} seconds"), &format!("{s} Sekunden"))
            };
            (s.to_string(), label)
        })
        .collect();
    let actions = vec![
        (
            "ask".to_string(),
            tr(lang, "Ask for confirmation", "Bestätigung verlangen"),
        ),
        (
            "block".to_string(),
            tr(lang, "Block creation", "Erstellen blockieren"),
        ),
    ];
    let mut scopes = el("fieldset")
        .class("forbidden")
        .attr("data-field", "forbiddenScopes")
        .child(el("legend").text(&tr(
            lang,
            "Forbidden scopes (your own policy)",
            "Verbotene Bereiche (Ihre eigene Richtlinie)",
        )));
    if let Some(e) = err("forbiddenScopes") {
        scopes = scopes.child(
            el("p")
                .class("error")
                .attr("id", "forbiddenScopes-error")
                .text(&e),
        );
    }
    for (group, levels) in scope_choices(lang) {
        let mut g = el("div")
            .class("scope-group")
            .attr("role", "group")
            .attr("aria-label", &group)
            .child(
                el("span")
                    .class("scope-group-label")
                    .attr("aria-hidden", "true")
                    .text(&group),
            );
        for (scope, label) in levels {
            let cid = format!("forbid-{}", scope.replace('.', "-"));
            let mut cb = el("input")
                .attr("type", "checkbox")
                .attr("id", &cid)
                .attr("data-forbidden", &scope);
            if d.forbidden_scopes.contains(&scope) {
                cb = cb.attr("checked", "");
            }
            g = g.child(
                el("span").class("check").child(cb).child(
                    el("label")
                        .attr("for", &cid)
                        .attr("title", &scope)
                        .text(&format!("{group}: {label}")),
                ),
            );
        }
        scopes = scopes.child(g);
    }
    section(
        "settings",
        "h-settings",
        &tr(lang, "Settings", "Einstellungen"),
    )
    .child(
        el("form")
            .attr("data-form", "settings")
            .attr("novalidate", "")
            .child(labelled(
                "clipboardClearSeconds",
                &tr(
                    lang,
                    "Clear the clipboard after",
                    "Zwischenablage leeren nach",
                ),
                select(
                    "clipboardClearSeconds",
                    &clipboard_options,
                    &d.clipboard_clear_seconds,
                ),
                None,
                err("clipboardClearSeconds").as_deref(),
            ))
            .child(labelled(
                "reminderDays",
                &tr(
                    lang,
                    "Expiry reminders (days before)",
                    "Ablauf-Erinnerungen (Tage vorher)",
                ),
                text_input("reminderDays", &d.reminder_days).attr("inputmode", "numeric"),
                Some(&tr(
                    lang,
                    "Whole numbers separated by commas, e.g. 7, 1",
                    "Ganze Zahlen, durch Kommas getrennt, z. B. 7, 1",
                )),
                err("reminderDays").as_deref(),
            ))
            .child(labelled(
                "defaultExpiryDays",
                &tr(lang, "Default expiry (days)", "Standard-Ablauf (Tage)"),
                text_input("defaultExpiryDays", &d.default_expiry_days)
                    .attr("inputmode", "numeric"),
                None,
                err("defaultExpiryDays").as_deref(),
            ))
            .child(labelled(
                "criticalAction",
                &tr(lang, "On critical findings", "Bei kritischen Befunden"),
                select("criticalAction", &actions, &d.critical_action),
                None,
                err("criticalAction").as_deref(),
            ))
            .child(labelled(
                "maxLifetimeDays",
                &tr(
                    lang,
                    "Maximum token lifetime (days)",
                    "Maximale Token-Laufzeit (Tage)",
                ),
                text_input("maxLifetimeDays", &d.max_lifetime_days).attr("inputmode", "numeric"),
                Some(&tr(
                    lang,
                    "1 to 365; empty for no limit of your own",
                    "1 bis 365; leer für keine eigene Grenze",
                )),
                err("maxLifetimeDays").as_deref(),
            ))
            .child(scopes)
            .child(
                button(
                    "save-settings",
                    &tr(lang, "Save settings", "Einstellungen speichern"),
                )
                .class("primary"),
            ),
    )
    .child(feedback("settings", &p.settings_fb))
}

/// Validates the whole form and stores it; a refused form keeps what the user typed.
pub fn save(page: &Shared) {
    let lang = page.borrow().lang;
    let (draft, previous) = {
        let p = page.borrow();
        (read_draft(&p.root), p.settings.clone())
    };
    match validate(&draft, &previous, lang) {
        Ok(value) => {
            {
                let mut p = page.borrow_mut();
                p.settings_errors.clear();
                p.draft = None;
                p.settings_fb = Feedback::default();
            }
            let saved = value.clone();
            store(page, "settings", value, move |p, r| match r {
                Ok(()) => {
                    p.settings = saved;
                    p.settings_fb.status =
                        Some(tr(lang, "Settings saved.", "Einstellungen gespeichert."));
                }
                Err(e) => p.settings_fb.errors = vec![e],
            });
        }
        Err(errors) => {
            let mut p = page.borrow_mut();
            p.settings_errors = errors;
            p.draft = Some(draft);
            p.settings_fb.status = Some(tr(
                lang,
                "Nothing was saved: correct the fields marked below.",
                "Nichts wurde gespeichert: Korrigieren Sie die markierten Felder.",
            ));
        }
    }
}

fn read_draft(root: &Element) -> Draft {
    let mut forbidden = Vec::new();
    if let Ok(list) = root.query_selector_all("input[data-forbidden]:checked") {
        for i in 0..list.length() {
            if let Some(id) = list
                .item(i)
                .and_then(|n| n.dyn_into::<Element>().ok())
                .and_then(|e| e.get_attribute("data-forbidden"))
            {
                forbidden.push(id);
            }
        }
    }
    Draft {
        clipboard_clear_seconds: input_value(root, "clipboardClearSeconds"),
        reminder_days: input_value(root, "reminderDays"),
        default_expiry_days: input_value(root, "defaultExpiryDays"),
        critical_action: input_value(root, "criticalAction"),
        max_lifetime_days: input_value(root, "maxLifetimeDays"),
        forbidden_scopes: forbidden,
    }
}
