//! The page's state, what it stores, its listeners and the order of its sections. Each
//! section's rendering and actions live in its own module.

use crate::form::Feedback;
use crate::glue::OptionsGlue;
use crate::texts::tr;
use crate::{aliases, policy, servers, settings, team};
use gloo_events::{EventListener, EventListenerOptions};
use patguard_browser::dom::{document, el};
use patguard_browser::glue::await_unit;
use patguard_core::catalog::text_match::LabelAlias;
use patguard_core::catalog::Lang;
use patguard_core::presets::team::{Origins, TeamFile};
use patguard_core::presets::{Preset, PresetError};
use serde_json::Value as Json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

pub struct Page {
    pub root: Element,
    pub glue: OptionsGlue,
    pub lang: Lang,
    pub settings: Json,
    pub managed: Json,
    pub user_presets: Vec<Preset>,
    /// The `labelAliases` of the user's team file, kept when its presets change.
    pub user_aliases: Vec<LabelAlias>,
    /// How each of the user's presets got there, stored beside them.
    pub user_origins: Origins,
    pub managed_presets: Vec<Preset>,
    pub servers: Vec<String>,
    pub settings_errors: Vec<settings::model::FieldError>,
    /// What the user typed, kept across a refused save.
    pub draft: Option<settings::model::Draft>,
    pub settings_fb: Feedback,
    pub team_fb: Feedback,
    pub editing: Option<String>,
    pub edit_errors: Vec<PresetError>,
    pub server_fb: Feedback,
}

pub type Shared = Rc<RefCell<Page>>;

fn parse(json: &str) -> Json {
    serde_json::from_str(json).unwrap_or(Json::Null)
}

impl Page {
    /// The page for the stored values, each JSON text ("null" when absent).
    pub fn load(
        root: Element,
        glue: OptionsGlue,
        browser_lang: &str,
        settings: &str,
        team_presets: &str,
        managed: &str,
        servers: &str,
    ) -> Shared {
        let managed = parse(managed);
        let managed_presets = team::model::managed_presets(&managed);
        let (user_file, user_origins, team_fb) =
            team::load_user_file(team_presets, &managed_presets);
        let servers = parse(servers)
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        Rc::new(RefCell::new(Page {
            root,
            glue,
            lang: Lang::from_tag(browser_lang).unwrap_or(Lang::En),
            settings: parse(settings),
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
        }))
    }

    pub fn set_managed(&mut self, managed: &str) {
        self.managed = parse(managed);
        self.managed_presets = team::model::managed_presets(&self.managed);
    }

    /// The user's team file as it is stored now.
    pub fn user_file(&self) -> TeamFile {
        TeamFile {
            presets: self.user_presets.clone(),
            label_aliases: self.user_aliases.clone(),
        }
    }
}

/// Stores `value` under `key` in `storage.local`; `done` gets the outcome, then the page
/// is drawn again.
pub fn store(
    page: &Shared,
    key: &'static str,
    value: Json,
    done: impl FnOnce(&mut Page, Result<(), String>) + 'static,
) {
    let promise = page.borrow().glue.save(key, &value.to_string());
    let page = page.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let result = await_unit(promise).await;
        done(&mut page.borrow_mut(), result);
        render(&page);
    });
}

fn on_action(page: &Shared, action: &str, target: &Element) {
    let id = target.get_attribute("data-id").unwrap_or_default();
    match action {
        "save-settings" => settings::save(page),
        "export-presets" => team::export(page),
        "edit-preset" => team::edit(page, id),
        "cancel-edit" => team::cancel_edit(page),
        "save-preset" => team::save_edit(page),
        "delete-preset" => team::delete(page, &id),
        "add-server" => servers::add(page),
        "remove-server" => servers::remove(page, id),
        _ => return,
    }
    render(page);
}

/// The page's listeners, on its root. They hold the page weakly and live as long as the
/// `OptionsPage` that owns them: dropping it removes them.
pub fn install(page: &Shared) -> Vec<EventListener> {
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
            team::import(&page, input);
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

/// Draws the whole page again from its state.
pub fn render(page: &Shared) {
    let p = page.borrow();
    let lang = p.lang;
    // Keep keyboard focus on the control that was used, across the rebuild.
    let focused = document().active_element().and_then(|a| {
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
    if let Some(html) = document().document_element() {
        html.set_attribute("lang", if lang == Lang::De { "de" } else { "en" })
            .ok();
    }
    document().set_title(&tr(
        lang,
        "PAT Guard – Settings",
        "PAT Guard – Einstellungen",
    ));
    root.set_attribute("data-state", "ready").ok();
    root.remove_attribute("aria-busy").ok();
    for part in [
        el("h1").text(&tr(lang, "PAT Guard settings", "PAT-Guard-Einstellungen")),
        settings::render(&p),
        policy::render(&p),
        aliases::render(&p),
        team::render(&p),
        servers::render(&p),
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
