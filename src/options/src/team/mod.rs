//! The team presets section's actions: export, edit, delete and import of the user's team
//! file, each stored whole (presets, label aliases and origins together) or not at all.

pub mod model;
mod view;

pub use view::render;

use crate::form::{input_value, Feedback};
use crate::page::{render as render_page, store, Page, Shared};
use crate::texts::tr;
use model::PresetDraft;
use patguard_browser::glue::settle;
use patguard_core::presets::team::{self, Origins, TeamFile};
use patguard_core::presets::Preset;
use web_sys::{Element, HtmlInputElement};

/// The user's stored team file (JSON text, "null" when absent), with how each preset got
/// there; a file that does not read is reported and nothing of it is used.
pub fn load_user_file(json: &str, managed: &[Preset]) -> (TeamFile, Origins, Feedback) {
    let mut fb = Feedback::default();
    if serde_json::from_str::<serde_json::Value>(json).map_or(true, |v| v.is_null()) {
        return (TeamFile::default(), Origins::new(), fb);
    }
    let taken: Vec<&str> = managed.iter().map(|p| p.id.as_str()).collect();
    let (file, origins) = team::parse_stored(json, &taken).unwrap_or_else(|errors| {
        fb.errors = errors.iter().map(ToString::to_string).collect();
        Default::default()
    });
    (file, origins, fb)
}

pub fn export(page: &Shared) {
    let p = page.borrow();
    p.glue.download(
        "patguard-team-presets.json",
        "application/json",
        &team::to_file(&p.user_presets, &p.user_aliases),
    );
}

pub fn edit(page: &Shared, id: String) {
    let mut p = page.borrow_mut();
    p.editing = Some(id);
    p.edit_errors.clear();
}

pub fn cancel_edit(page: &Shared) {
    let mut p = page.borrow_mut();
    p.editing = None;
    p.edit_errors.clear();
}

/// Stores the edited preset in place of the one being edited; every error names its field.
pub fn save_edit(page: &Shared) {
    let lang = page.borrow().lang;
    let (result, original) = {
        let p = page.borrow();
        let original = p.editing.clone().unwrap_or_default();
        (
            model::apply_edit(
                &original,
                &read_preset_draft(&p.root),
                &p.user_presets,
                &p.managed_presets,
            ),
            original,
        )
    };
    match result {
        Ok(presets) => {
            let (file, origins) = {
                let p = page.borrow();
                // The edited preset keeps its origin under its new id.
                let mut origins = p.user_origins.clone();
                let slot = p.user_presets.iter().position(|p| p.id == original);
                if let (Some(slot), Some(o)) = (slot, origins.remove(&original)) {
                    origins.insert(presets[slot].id.clone(), o);
                }
                let file = TeamFile {
                    presets,
                    label_aliases: p.user_aliases.clone(),
                };
                (file, origins)
            };
            let status = tr(lang, "Preset saved.", "Vorlage gespeichert.");
            store_team_file(page, file, origins, status, Edit::Close);
        }
        Err(errors) => page.borrow_mut().edit_errors = errors,
    }
}

pub fn delete(page: &Shared, id: &str) {
    let lang = page.borrow().lang;
    let (file, origins) = {
        let p = page.borrow();
        let mut file = p.user_file();
        file.presets.retain(|p| p.id != id);
        (file, p.user_origins.clone())
    };
    let status = tr(
        lang,
        &format!("Preset “{id}” deleted."),
        &format!("Vorlage „{id}“ gelöscht."),
    );
    store_team_file(page, file, origins, status, Edit::Keep);
}

/// Imports the file chosen in `input` on top of the user's file, all or nothing.
pub fn import(page: &Shared, input: HtmlInputElement) {
    let file_name = input
        .files()
        .and_then(|files| files.get(0))
        .map(|file| file.name())
        .unwrap_or_default();
    let origin = team::imported_from(&file_name);
    let promise = page.borrow().glue.read_file(&input);
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let lang = page.borrow().lang;
        let text = match settle(promise).await {
            Ok(v) => v.as_string().unwrap_or_default(),
            Err(e) => {
                page.borrow_mut().team_fb = Feedback::failed(e);
                render_page(&page);
                return;
            }
        };
        input.set_value("");
        let result = {
            let p = page.borrow();
            model::import(&text, &p.user_file(), &p.managed_presets)
        };
        match result {
            Ok(file) => {
                let (added, origins) = {
                    let p = page.borrow();
                    let mut origins = p.user_origins.clone();
                    for new in &file.presets[p.user_presets.len()..] {
                        origins.insert(new.id.clone(), origin.clone());
                    }
                    (file.presets.len() - p.user_presets.len(), origins)
                };
                let status = tr(
                    lang,
                    &format!("Imported {added} preset(s)."),
                    &format!("{added} Vorlage(n) importiert."),
                );
                store_team_file(&page, file, origins, status, Edit::Keep);
            }
            Err(errors) => {
                page.borrow_mut().team_fb = Feedback {
                    errors: errors.iter().map(ToString::to_string).collect(),
                    status: Some(tr(
                        lang,
                        "The file was not imported; your presets are unchanged:",
                        "Die Datei wurde nicht importiert; Ihre Vorlagen sind unverändert:",
                    )),
                };
                render_page(&page);
            }
        }
    });
}

/// Whether a stored change ends the open edit form.
#[derive(PartialEq)]
enum Edit {
    Close,
    Keep,
}

/// Stores the user's team file; once stored it is the page's list, and `status` says
/// what changed. A refused write changes nothing but the error shown.
fn store_team_file(page: &Shared, file: TeamFile, origins: Origins, status: String, edit: Edit) {
    let value = team::to_stored(&file.presets, &file.label_aliases, &origins);
    store(page, "teamPresets", value, move |p: &mut Page, r| match r {
        Ok(()) => {
            p.user_presets = file.presets;
            p.user_aliases = file.label_aliases;
            p.user_origins = origins;
            if edit == Edit::Close {
                p.editing = None;
                p.edit_errors.clear();
            }
            p.team_fb = Feedback::done(status);
        }
        Err(e) => p.team_fb.errors = vec![e],
    });
}

fn read_preset_draft(root: &Element) -> PresetDraft {
    let f = |k: &str| input_value(root, &format!("preset-{k}"));
    PresetDraft {
        id: f("id"),
        title: f("title"),
        task: f("task"),
        scopes: f("scopes"),
        days: f("days"),
        source_title: f("source-title"),
        source_url: f("source-url"),
        notes: f("notes"),
    }
}
