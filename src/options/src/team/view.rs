//! The team presets section: the organization's presets (read-only) and the user's, each
//! with its scopes and source, the edit form of one, and the file export and import.

use super::model::PresetDraft;
use crate::form::{button, feedback, labelled, section, text_input};
use crate::page::Page;
use crate::texts::tr;
use patguard_browser::dom::{el, El};
use patguard_core::findings::scope_label;
use patguard_core::presets::Preset;

fn preset_item(p: &Page, preset: &Preset, managed: bool) -> El {
    let lang = p.lang;
    let scopes = preset
        .scopes
        .iter()
        .map(|s| scope_label(s, lang))
        .collect::<Vec<_>>()
        .join(", ");
    let mut li = el("li")
        .class("team-preset")
        .attr("data-team-preset", &preset.id)
        .child(el("h3").text(&preset.title))
        .child(el("p").class("task").text(&preset.task))
        .child(el("p").class("meta").text(&format!(
            "{}: {} · {} {} · id {}",
            tr(lang, "Scopes", "Bereiche"),
            scopes,
            preset.recommended_days,
            tr(lang, "days", "Tage"),
            preset.id
        )))
        .child(
            el("p")
                .class("source")
                .text(&format!("{}: ", tr(lang, "Source", "Quelle")))
                .child(
                    el("a")
                        .attr("href", &preset.source.url)
                        .attr("target", "_blank")
                        .attr("rel", "noopener noreferrer")
                        .text(&preset.source.title),
                ),
        );
    if !preset.notes.is_empty() {
        li = li.child(el("p").class("notes").text(&preset.notes));
    }
    if managed {
        return li.child(el("p").class("badge").text(&tr(
            lang,
            "From your organization (read-only)",
            "Von Ihrer Organisation (schreibgeschützt)",
        )));
    }
    if p.editing.as_deref() == Some(preset.id.as_str()) {
        return li.child(edit_form(p, preset));
    }
    // The visible label is one word; the accessible name says which preset.
    let row_button = |action: &str, label: String, name: String| {
        button(action, &label)
            .attr("data-id", &preset.id)
            .attr("aria-label", &name)
    };
    let title = &preset.title;
    li.child(
        el("div")
            .class("row")
            .child(row_button(
                "edit-preset",
                tr(lang, "Edit", "Bearbeiten"),
                tr(
                    lang,
                    &format!("Edit “{title}”"),
                    &format!("„{title}“ bearbeiten"),
                ),
            ))
            .child(row_button(
                "delete-preset",
                tr(lang, "Delete", "Löschen"),
                tr(
                    lang,
                    &format!("Delete “{title}”"),
                    &format!("„{title}“ löschen"),
                ),
            )),
    )
}

fn edit_form(p: &Page, preset: &Preset) -> El {
    let lang = p.lang;
    let d = PresetDraft::of(preset);
    let err = |field: &str| {
        let list: Vec<String> = p
            .edit_errors
            .iter()
            .filter(|e| {
                e.path == field
                    || e.path.starts_with(&format!("{field}["))
                    || e.path.starts_with(&format!("{field}."))
            })
            .map(|e| e.to_string())
            .collect();
        (!list.is_empty()).then(|| list.join("; "))
    };
    // (field key, the error path it shows, label, value as typed)
    let fields = [
        ("id", "id", tr(lang, "Id", "Id"), &d.id),
        ("title", "title", tr(lang, "Title", "Titel"), &d.title),
        ("task", "task", tr(lang, "Task", "Aufgabe"), &d.task),
        (
            "scopes",
            "scopes",
            tr(
                lang,
                "Scope ids (comma-separated)",
                "Bereichs-IDs (durch Kommas getrennt)",
            ),
            &d.scopes,
        ),
        (
            "days",
            "recommended_days",
            tr(lang, "Expiry (days)", "Ablauf (Tage)"),
            &d.days,
        ),
        (
            "source-title",
            "source.title",
            tr(lang, "Source title", "Titel der Quelle"),
            &d.source_title,
        ),
        (
            "source-url",
            "source.url",
            tr(lang, "Source link (https://)", "Link zur Quelle (https://)"),
            &d.source_url,
        ),
        ("notes", "notes", tr(lang, "Notes", "Hinweise"), &d.notes),
    ];
    el("form")
        .attr("data-form", "preset-edit")
        .attr("novalidate", "")
        .attr(
            "aria-label",
            &tr(lang, "Edit team preset", "Team-Vorlage bearbeiten"),
        )
        .children(fields.iter().map(|(key, path, label, value)| {
            labelled(
                &format!("preset-{key}"),
                label,
                text_input(&format!("preset-{key}"), value),
                None,
                err(path).as_deref(),
            )
        }))
        .child(
            el("div")
                .class("row")
                .child(
                    button("save-preset", &tr(lang, "Save preset", "Vorlage speichern"))
                        .class("primary"),
                )
                .child(button("cancel-edit", &tr(lang, "Cancel", "Abbrechen"))),
        )
}

pub fn render(p: &Page) -> El {
    let lang = p.lang;
    let mut list = el("ul").attr("data-list", "team-presets");
    for preset in &p.managed_presets {
        list = list.child(preset_item(p, preset, true));
    }
    for preset in &p.user_presets {
        list = list.child(preset_item(p, preset, false));
    }
    let empty = p.managed_presets.is_empty() && p.user_presets.is_empty();
    let mut s = section("team", "h-team", &tr(lang, "Team presets", "Team-Vorlagen"));
    if empty {
        s = s.child(el("p").class("empty").text(&tr(
            lang,
            "No team presets yet. Use “Save form as preset” in the assistant, or import a file.",
            "Noch keine Team-Vorlagen. Nutzen Sie „Formular als Vorlage speichern“ im Assistenten oder importieren Sie eine Datei.",
        )));
    }
    s.child(list)
        .child(
            el("div")
                .class("row")
                .child(button(
                    "export-presets",
                    &tr(lang, "Export file", "Datei exportieren"),
                ))
                .child(
                    el("label")
                        .attr("for", "import-file")
                        .class("file-label")
                        .text(&tr(lang, "Import file", "Datei importieren")),
                )
                .child(
                    el("input")
                        .attr("type", "file")
                        .attr("id", "import-file")
                        .attr("accept", ".json,application/json")
                        .attr("data-field", "import-file"),
                ),
        )
        .child(feedback("team", &p.team_fb))
}
