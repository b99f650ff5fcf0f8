//! The options page (extension/options.html): the user's settings and own policy, the
//! enterprise policy read-only with its sources and malformed keys, team presets (list,
//! edit, delete, export, import) and self-hosted Azure DevOps Server origins. Rendered with
//! web-sys from `model`, which does all validation; the JS glue (extension/options.js)
//! only talks to browser storage, permissions and scripting.

pub mod model;
#[cfg(test)]
mod tests;
mod texts;

use crate::team;
use crate::ui::dom::{el, El};
use gloo_events::{EventListener, EventListenerOptions};
use js_sys::{Function, Promise, Reflect};
use model::{Draft, FieldError, PresetDraft};
use patguard_core::catalog::text_match::LabelAlias;
use patguard_core::catalog::Lang;
use patguard_core::presets::{Preset, PresetError};
use serde_json::Value as Json;
use std::cell::RefCell;
use std::rc::Rc;
use texts::tr;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

#[derive(Default)]
struct Feedback {
    errors: Vec<String>,
    status: Option<String>,
}

impl Feedback {
    fn done(status: String) -> Feedback {
        Feedback {
            errors: Vec::new(),
            status: Some(status),
        }
    }

    fn failed(error: String) -> Feedback {
        Feedback {
            errors: vec![error],
            status: None,
        }
    }
}

struct Page {
    root: Element,
    glue: JsValue,
    lang: Lang,
    settings: Json,
    managed: Json,
    user_presets: Vec<Preset>,
    /// The `labelAliases` of the user's team file, kept when its presets change.
    user_aliases: Vec<LabelAlias>,
    /// How each of the user's presets got there, stored beside them.
    user_origins: team::Origins,
    managed_presets: Vec<Preset>,
    servers: Vec<String>,
    settings_errors: Vec<FieldError>,
    /// What the user typed, kept across a refused save.
    draft: Option<Draft>,
    settings_fb: Feedback,
    team_fb: Feedback,
    editing: Option<String>,
    edit_errors: Vec<PresetError>,
    server_fb: Feedback,
}

type Shared = Rc<RefCell<Page>>;

/// Exported to JS by the separate `patguard-options` module (src/options), so this page's
/// code is not in the wasm the assistant loads on panel open.
pub struct OptionsPage {
    page: Shared,
    _listeners: Vec<EventListener>,
}

fn parse(json: &str) -> Json {
    serde_json::from_str(json).unwrap_or(Json::Null)
}

impl OptionsPage {
    /// `settings`, `team_presets`, `managed` and `servers` are the stored values as JSON
    /// text ("null" when absent).
    pub fn new(
        root: Element,
        glue: JsValue,
        browser_lang: String,
        settings: String,
        team_presets: String,
        managed: String,
        servers: String,
    ) -> OptionsPage {
        let lang = Lang::from_tag(&browser_lang).unwrap_or(Lang::En);
        let managed = parse(&managed);
        let managed_presets = model::managed_presets(&managed);
        let mut team_fb = Feedback::default();
        let (user_file, user_origins) = if parse(&team_presets).is_null() {
            Default::default()
        } else {
            let taken: Vec<&str> = managed_presets.iter().map(|p| p.id.as_str()).collect();
            team::parse_stored(&team_presets, &taken).unwrap_or_else(|errors| {
                team_fb.errors = errors.iter().map(ToString::to_string).collect();
                Default::default()
            })
        };
        let servers = parse(&servers)
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let page = Rc::new(RefCell::new(Page {
            root,
            glue,
            lang,
            settings: parse(&settings),
            managed,
            user_presets: user_file.presets,
            user_aliases: user_file.label_aliases,
            user_origins,
            managed_presets,
            servers,
            settings_errors: Vec::new(),
            draft: None,
            settings_fb: Feedback::default(),
            team_fb,
            editing: None,
            edit_errors: Vec::new(),
            server_fb: Feedback::default(),
        }));
        let listeners = install(&page);
        render(&page);
        OptionsPage {
            page,
            _listeners: listeners,
        }
    }

    /// The enterprise policy changed (storage.onChanged for "managed").
    pub fn set_managed(&self, managed: String) {
        {
            let mut p = self.page.borrow_mut();
            p.managed = parse(&managed);
            p.managed_presets = model::managed_presets(&p.managed);
        }
        render(&self.page);
    }
}

fn call(glue: &JsValue, name: &str, args: &[JsValue]) -> JsValue {
    let Some(f) = Reflect::get(glue, &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
    else {
        return JsValue::UNDEFINED;
    };
    let array: js_sys::Array = args.iter().collect();
    f.apply(glue, &array).unwrap_or(JsValue::UNDEFINED)
}

/// Awaits a glue promise; `Err` carries the error text.
async fn settle(promise: JsValue) -> Result<JsValue, String> {
    let promise = promise
        .dyn_into::<Promise>()
        .map_err(|_| "the browser glue is missing".to_string())?;
    let value = JsFuture::from(promise).await.map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "unknown error".into())
    })?;
    // `{ok:false, error}` replies are errors too.
    if Reflect::get(&value, &"ok".into())
        .ok()
        .and_then(|v| v.as_bool())
        == Some(false)
    {
        return Err(Reflect::get(&value, &"error".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| "refused".into()));
    }
    Ok(value)
}

fn input_value(root: &Element, field: &str) -> String {
    let Ok(Some(e)) = root.query_selector(&format!("[data-field=\"{field}\"]")) else {
        return String::new();
    };
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        return i.value();
    }
    if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        return s.value();
    }
    if let Some(t) = e.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        return t.value();
    }
    String::new()
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

fn store(
    page: &Shared,
    key: &'static str,
    value: Json,
    done: impl FnOnce(&mut Page, Result<(), String>) + 'static,
) {
    let promise = {
        let p = page.borrow();
        call(&p.glue, "save", &[key.into(), value.to_string().into()])
    };
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = settle(promise).await.map(|_| ());
        done(&mut page.borrow_mut(), result);
        render(&page);
    });
}

/// Stores the user's team file; once stored it is the page's list, and `status` says
/// what changed.
fn store_team_file(page: &Shared, file: team::TeamFile, origins: team::Origins, status: String) {
    let value = team::to_stored(&file.presets, &file.label_aliases, &origins);
    store(page, "teamPresets", value, move |p, r| match r {
        Ok(()) => {
            p.user_presets = file.presets;
            p.user_aliases = file.label_aliases;
            p.user_origins = origins;
            p.team_fb = Feedback::done(status);
        }
        Err(e) => p.team_fb.errors = vec![e],
    });
}

/// Adds or removes a server host in the glue (`addServer`, `removeServer`: the permission
/// and the content-script registration), then reports it; on success `done` updates the
/// list and says what changed.
fn change_servers(
    page: &Shared,
    glue_fn: &str,
    origin: String,
    done: impl FnOnce(&mut Page) -> String + 'static,
) {
    let promise = call(&page.borrow().glue, glue_fn, &[origin.into()]);
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = settle(promise).await;
        {
            let mut p = page.borrow_mut();
            p.server_fb = match result {
                Ok(_) => Feedback::done(done(&mut p)),
                Err(e) => Feedback::failed(e),
            };
        }
        render(&page);
    });
}

fn on_action(page: &Shared, action: &str, target: &Element) {
    let lang = page.borrow().lang;
    let id = target.get_attribute("data-id").unwrap_or_default();
    match action {
        "save-settings" => {
            let (draft, previous) = {
                let p = page.borrow();
                (read_draft(&p.root), p.settings.clone())
            };
            match model::validate(&draft, &previous, lang) {
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
        "export-presets" => {
            let p = page.borrow();
            call(
                &p.glue,
                "download",
                &[
                    "patguard-team-presets.json".into(),
                    "application/json".into(),
                    team::to_file(&p.user_presets, &p.user_aliases).into(),
                ],
            );
        }
        "edit-preset" => {
            let mut p = page.borrow_mut();
            p.editing = Some(id);
            p.edit_errors.clear();
        }
        "cancel-edit" => {
            let mut p = page.borrow_mut();
            p.editing = None;
            p.edit_errors.clear();
        }
        "save-preset" => {
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
                Ok(all) => {
                    // The edited preset keeps its origin under its new id.
                    let mut origins = page.borrow().user_origins.clone();
                    let slot = page
                        .borrow()
                        .user_presets
                        .iter()
                        .position(|p| p.id == original);
                    if let (Some(slot), Some(o)) = (slot, origins.remove(&original)) {
                        origins.insert(all[slot].id.clone(), o);
                    }
                    let value = team::to_stored(&all, &page.borrow().user_aliases, &origins);
                    store(page, "teamPresets", value, move |p, r| match r {
                        Ok(()) => {
                            p.user_presets = all;
                            p.user_origins = origins;
                            p.editing = None;
                            p.edit_errors.clear();
                            p.team_fb =
                                Feedback::done(tr(lang, "Preset saved.", "Vorlage gespeichert."));
                        }
                        Err(e) => p.team_fb.errors = vec![e],
                    });
                    let _ = original;
                }
                Err(errors) => page.borrow_mut().edit_errors = errors,
            }
        }
        "delete-preset" => {
            let file = {
                let p = page.borrow();
                team::TeamFile {
                    presets: p
                        .user_presets
                        .iter()
                        .filter(|p| p.id != id)
                        .cloned()
                        .collect(),
                    label_aliases: p.user_aliases.clone(),
                }
            };
            let status = tr(
                lang,
                &format!("Preset “{id}” deleted."),
                &format!("Vorlage „{id}“ gelöscht."),
            );
            let origins = page.borrow().user_origins.clone();
            store_team_file(page, file, origins, status);
        }
        "add-server" => {
            let input = input_value(&page.borrow().root, "server-origin");
            match model::server_origin(&input, lang) {
                Err(e) => page.borrow_mut().server_fb = Feedback::failed(e),
                Ok(origin) if page.borrow().servers.contains(&origin) => {
                    page.borrow_mut().server_fb = Feedback::failed(tr(
                        lang,
                        &format!("{origin} is listed already"),
                        &format!("{origin} ist bereits eingetragen"),
                    ))
                }
                Ok(origin) => {
                    // Called synchronously from the click: permissions.request needs the gesture.
                    change_servers(page, "addServer", origin.clone(), move |p| {
                        p.servers.push(origin.clone());
                        tr(
                            lang,
                            &format!("PAT Guard now runs on {origin}."),
                            &format!("PAT Guard läuft jetzt auf {origin}."),
                        )
                    });
                }
            }
        }
        "remove-server" => change_servers(page, "removeServer", id.clone(), move |p| {
            p.servers.retain(|s| *s != id);
            tr(lang, &format!("{id} removed."), &format!("{id} entfernt."))
        }),
        _ => return,
    }
    render(page);
}

/// The name of the file chosen in `input` ("" when none).
fn chosen_file_name(input: &HtmlInputElement) -> String {
    Reflect::get(input, &"files".into())
        .and_then(|files| Reflect::get(&files, &0.into()))
        .and_then(|file| Reflect::get(&file, &"name".into()))
        .ok()
        .and_then(|name| name.as_string())
        .unwrap_or_default()
}

fn on_import(page: &Shared, input: HtmlInputElement) {
    let origin = team::imported_from(&chosen_file_name(&input));
    let promise = call(&page.borrow().glue, "readFile", &[input.clone().into()]);
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let lang = page.borrow().lang;
        let text = match settle(promise).await {
            Ok(v) => v.as_string().unwrap_or_default(),
            Err(e) => {
                page.borrow_mut().team_fb = Feedback::failed(e);
                render(&page);
                return;
            }
        };
        input.set_value("");
        let result = {
            let p = page.borrow();
            let existing = team::TeamFile {
                presets: p.user_presets.clone(),
                label_aliases: p.user_aliases.clone(),
            };
            model::import(&text, &existing, &p.managed_presets)
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
                store_team_file(&page, file, origins, status);
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
                render(&page);
            }
        }
    });
}

/// The page's listeners, on its root. They hold the page weakly and live as long as the
/// `OptionsPage` that owns them: dropping it removes them.
fn install(page: &Shared) -> Vec<EventListener> {
    let root = page.borrow().root.clone();
    let weak = Rc::downgrade(page);
    // Not passive: a button inside a form must not submit it.
    let on_click = EventListener::new_with_options(
        &root,
        "click",
        EventListenerOptions::enable_prevent_default(),
        move |ev| {
            let Some(page) = weak.upgrade() else { return };
            let Some(target) = ev.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
                return;
            };
            if let Ok(Some(button)) = target.closest("button[data-action]") {
                if let Some(action) = button.get_attribute("data-action") {
                    ev.prevent_default();
                    on_action(&page, &action, &button);
                }
            }
        },
    );
    let weak = Rc::downgrade(page);
    let on_change = EventListener::new(&root, "change", move |ev| {
        let Some(page) = weak.upgrade() else { return };
        if let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            .filter(|i| i.get_attribute("data-field").as_deref() == Some("import-file"))
        {
            on_import(&page, input);
        }
    });
    // Enter in a single-line field submits its section instead of reloading the page.
    let on_submit = EventListener::new_with_options(
        &root,
        "submit",
        EventListenerOptions::enable_prevent_default(),
        |ev| ev.prevent_default(),
    );
    vec![on_click, on_change, on_submit]
}

// ------------------------------------------------------------------ rendering

fn feedback(kind: &str, fb: &Feedback) -> El {
    let mut out = el("div").attr("data-feedback", kind);
    let status = el("p")
        .attr("role", "status")
        .attr("data-status", kind)
        .text(fb.status.as_deref().unwrap_or(""));
    out = out.child(status);
    let mut alert = el("div").attr("role", "alert").attr("data-errors", kind);
    if !fb.errors.is_empty() {
        alert = alert.child(el("ul").children(fb.errors.iter().map(|e| el("li").text(e))));
    }
    out.child(alert)
}

fn labelled(id: &str, label: &str, control: El, hint: Option<&str>, error: Option<&str>) -> El {
    let mut control = control.attr("id", id);
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(format!("{id}-hint"));
    }
    if error.is_some() {
        described.push(format!("{id}-error"));
        control = control.attr("aria-invalid", "true");
    }
    if !described.is_empty() {
        control = control.attr("aria-describedby", &described.join(" "));
    }
    let mut row = el("div")
        .class("field")
        .child(el("label").attr("for", id).text(label))
        .child(control);
    if let Some(h) = hint {
        row = row.child(
            el("p")
                .class("hint")
                .attr("id", &format!("{id}-hint"))
                .text(h),
        );
    }
    if let Some(e) = error {
        row = row.child(
            el("p")
                .class("error")
                .attr("id", &format!("{id}-error"))
                .text(e),
        );
    }
    row
}

fn text_input(field: &str, value: &str) -> El {
    let i = el("input").attr("type", "text").attr("data-field", field);
    if let Some(x) = i.0.dyn_ref::<HtmlInputElement>() {
        x.set_value(value);
    }
    i
}

fn select(field: &str, options: &[(String, String)], selected: &str) -> El {
    let mut s = el("select").attr("data-field", field);
    for (value, label) in options {
        let mut o = el("option").attr("value", value).text(label);
        if value == selected {
            o = o.attr("selected", "");
        }
        s = s.child(o);
    }
    s
}

fn button(action: &str, label: &str) -> El {
    el("button")
        .attr("type", "button")
        .attr("data-action", action)
        .text(label)
}

fn render_settings(p: &Page) -> El {
    let lang = p.lang;
    let d = p
        .draft
        .clone()
        .unwrap_or_else(|| model::draft_from(&p.settings));
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
    let clipboard_options: Vec<(String, String)> = model::CLIPBOARD_CHOICES
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
    for (group, levels) in model::scope_choices(lang) {
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
    el("section")
        .attr("aria-labelledby", "h-settings")
        .attr("data-section", "settings")
        .child(
            el("h2")
                .attr("id", "h-settings")
                .text(&tr(lang, "Settings", "Einstellungen")),
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
                    text_input("maxLifetimeDays", &d.max_lifetime_days)
                        .attr("inputmode", "numeric"),
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

fn render_enterprise(p: &Page) -> El {
    let lang = p.lang;
    let (rows, issues) = model::policy_rows(&p.settings, &p.managed, lang);
    let head = el("tr")
        .child(
            el("th")
                .attr("scope", "col")
                .text(&tr(lang, "Rule", "Regel")),
        )
        .child(
            el("th")
                .attr("scope", "col")
                .text(&tr(lang, "In force", "Gilt")),
        )
        .child(
            el("th")
                .attr("scope", "col")
                .text(&tr(lang, "Source", "Quelle")),
        );
    let body = rows.iter().map(|r| {
        let mut tr_ = el("tr").attr("data-key", r.key);
        if r.locked {
            tr_ = tr_.attr("data-locked", "true");
        }
        tr_.child(el("th").attr("scope", "row").text(&r.label))
            .child(el("td").text(&r.value))
            .child(el("td").attr("data-source", "").text(&r.source))
    });
    let mut s = el("section")
        .attr("aria-labelledby", "h-enterprise")
        .attr("data-section", "enterprise")
        .child(el("h2").attr("id", "h-enterprise").text(&tr(lang, "Policy in force", "Geltende Richtlinie")))
        .child(el("p").text(&tr(
            lang,
            "Your organization's enterprise policy (managed storage) is a floor: your own settings can only make it stricter.",
            "Die Unternehmensrichtlinie Ihrer Organisation (verwalteter Speicher) ist eine Untergrenze: Ihre eigenen Einstellungen können sie nur verschärfen.",
        )))
        .child(
            el("table")
                .child(el("caption").text(&tr(lang, "Effective policy and where each value comes from", "Wirksame Richtlinie und Herkunft jedes Werts")))
                .child(el("thead").child(head))
                .child(el("tbody").children(body)),
        );
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

fn render_preset_item(p: &Page, preset: &Preset, managed: bool) -> El {
    let lang = p.lang;
    let scopes = preset
        .scopes
        .iter()
        .map(|s| crate::ui::presets::scope_label(s, lang))
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
        return li.child(render_edit(p, preset));
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

fn render_edit(p: &Page, preset: &Preset) -> El {
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
    let field = |key: &str, path: &str, label: String, value: &str| {
        labelled(
            &format!("preset-{key}"),
            &label,
            text_input(&format!("preset-{key}"), value),
            None,
            err(path).as_deref(),
        )
    };
    el("form")
        .attr("data-form", "preset-edit")
        .attr("novalidate", "")
        .attr(
            "aria-label",
            &tr(lang, "Edit team preset", "Team-Vorlage bearbeiten"),
        )
        .child(field("id", "id", tr(lang, "Id", "Id"), &d.id))
        .child(field(
            "title",
            "title",
            tr(lang, "Title", "Titel"),
            &d.title,
        ))
        .child(field("task", "task", tr(lang, "Task", "Aufgabe"), &d.task))
        .child(field(
            "scopes",
            "scopes",
            tr(
                lang,
                "Scope ids (comma-separated)",
                "Bereichs-IDs (durch Kommas getrennt)",
            ),
            &d.scopes,
        ))
        .child(field(
            "days",
            "recommended_days",
            tr(lang, "Expiry (days)", "Ablauf (Tage)"),
            &d.days,
        ))
        .child(field(
            "source-title",
            "source.title",
            tr(lang, "Source title", "Titel der Quelle"),
            &d.source_title,
        ))
        .child(field(
            "source-url",
            "source.url",
            tr(lang, "Source link (https://)", "Link zur Quelle (https://)"),
            &d.source_url,
        ))
        .child(field(
            "notes",
            "notes",
            tr(lang, "Notes", "Hinweise"),
            &d.notes,
        ))
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

fn render_team(p: &Page) -> El {
    let lang = p.lang;
    let mut list = el("ul").attr("data-list", "team-presets");
    for preset in &p.managed_presets {
        list = list.child(render_preset_item(p, preset, true));
    }
    for preset in &p.user_presets {
        list = list.child(render_preset_item(p, preset, false));
    }
    let empty = p.managed_presets.is_empty() && p.user_presets.is_empty();
    let mut s = el("section")
        .attr("aria-labelledby", "h-team")
        .attr("data-section", "team")
        .child(
            el("h2")
                .attr("id", "h-team")
                .text(&tr(lang, "Team presets", "Team-Vorlagen")),
        );
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

/// The `labelAliases` in force, per page language, with where each comes from; an alias
/// a higher source overrules is listed as such, so an admin sees why it has no effect.
fn render_aliases(p: &Page) -> El {
    let lang = p.lang;
    let rows = model::alias_rows(&p.settings, &p.managed, &p.user_aliases, lang);
    let mut s = el("section")
        .attr("aria-labelledby", "h-aliases")
        .attr("data-section", "label-aliases")
        .child(el("h2").attr("id", "h-aliases").text(&tr(lang, "Label aliases", "Bezeichnungs-Aliasse")))
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
        let head = el("tr")
            .child(el("th").attr("scope", "col").text(&tr(
                lang,
                "Visible label",
                "Sichtbare Bezeichnung",
            )))
            .child(
                el("th")
                    .attr("scope", "col")
                    .text(&tr(lang, "Scope", "Bereich")),
            )
            .child(
                el("th")
                    .attr("scope", "col")
                    .text(&tr(lang, "Source", "Quelle")),
            );
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
        s = s.child(
            el("table")
                .attr("data-alias-lang", page_lang)
                .child(el("caption").text(&caption))
                .child(el("thead").child(head))
                .child(el("tbody").children(body)),
        );
    }
    s
}

fn render_servers(p: &Page) -> El {
    let lang = p.lang;
    let items = p.servers.iter().map(|s| {
        el("li")
            .attr("data-server", s)
            .child(el("span").text(s))
            .child(
                button("remove-server", &tr(lang, "Remove", "Entfernen"))
                    .attr("data-id", s)
                    .attr(
                        "aria-label",
                        &tr(lang, &format!("Remove {s}"), &format!("{s} entfernen")),
                    ),
            )
    });
    el("section")
        .attr("aria-labelledby", "h-servers")
        .attr("data-section", "servers")
        .child(el("h2").attr("id", "h-servers").text(&tr(lang, "Azure DevOps Server", "Azure DevOps Server")))
        .child(el("p").text(&tr(
            lang,
            "Add the address of your own Azure DevOps Server. Your browser asks you to allow PAT Guard on that site; PAT Guard then runs only on its token pages (…/_usersSettings/tokens).",
            "Fügen Sie die Adresse Ihres eigenen Azure DevOps Server hinzu. Ihr Browser fragt, ob PAT Guard auf dieser Website laufen darf; PAT Guard wird dann nur auf deren Token-Seiten (…/_usersSettings/tokens) aktiv.",
        )))
        .child(el("ul").attr("data-list", "servers").children(items))
        .child(
            el("form")
                .attr("data-form", "server")
                .attr("novalidate", "")
                .child(labelled(
                    "server-origin",
                    &tr(lang, "Server address", "Serveradresse"),
                    text_input("server-origin", "").attr("placeholder", "https://ado.contoso.com").attr("autocomplete", "url"),
                    None,
                    None,
                ))
                .child(button("add-server", &tr(lang, "Add server", "Server hinzufügen")).class("primary")),
        )
        .child(feedback("servers", &p.server_fb))
}

fn render(page: &Shared) {
    let p = page.borrow();
    let lang = p.lang;
    // Keep keyboard focus on the control that was used, across the rebuild.
    let focused = crate::ui::dom::document().active_element().and_then(|a| {
        let action = a
            .get_attribute("data-action")
            .map(|v| format!("[data-action=\"{v}\"]"));
        let field = a
            .get_attribute("data-field")
            .map(|v| format!("[data-field=\"{v}\"]"));
        let id = a
            .get_attribute("data-id")
            .map(|v| format!("[data-id=\"{v}\"]"))
            .unwrap_or_default();
        action.or(field).map(|s| s + &id)
    });
    let root = &p.root;
    root.set_text_content(None);
    root.set_attribute("lang", if lang == Lang::De { "de" } else { "en" })
        .ok();
    if let Some(html) = crate::ui::dom::document().document_element() {
        html.set_attribute("lang", if lang == Lang::De { "de" } else { "en" })
            .ok();
    }
    crate::ui::dom::document().set_title(&tr(
        lang,
        "PAT Guard – Settings",
        "PAT Guard – Einstellungen",
    ));
    root.set_attribute("data-state", "ready").ok();
    root.remove_attribute("aria-busy").ok();
    for part in [
        el("h1").text(&tr(lang, "PAT Guard settings", "PAT-Guard-Einstellungen")),
        render_settings(&p),
        render_enterprise(&p),
        render_aliases(&p),
        render_team(&p),
        render_servers(&p),
    ] {
        root.append_child(&part.build()).ok();
    }
    if let Some(sel) = focused {
        if let Ok(Some(e)) = root.query_selector(&sel) {
            if let Some(h) = e.dyn_ref::<web_sys::HtmlElement>() {
                h.focus().ok();
            }
        }
    }
}
