//! The options page (extension/options.html): the user's settings and own policy, the
//! policy in force with its sources and malformed keys, the label aliases, team presets
//! (list, edit, delete, export, import) and self-hosted Azure DevOps Server origins. Its own
//! wasm module, so none of it is in `patguard_assistant_bg.wasm`, which every panel open
//! loads. One module per section, each a browser-free `model` (all validation, tested
//! natively) and its rendering; the JS glue (extension/options.js) only talks to browser
//! storage, permissions and scripting.

mod aliases;
mod form;
mod glue;
mod page;
mod policy;
mod servers;
mod settings;
mod team;
mod texts;

use gloo_events::EventListener;
use glue::OptionsGlue;
use page::Shared;
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen]
pub struct OptionsPage {
    page: Shared,
    _listeners: Vec<EventListener>,
}

#[wasm_bindgen]
impl OptionsPage {
    /// `settings`, `team_presets`, `managed` and `servers` are the stored values as JSON
    /// text ("null" when absent).
    #[wasm_bindgen(constructor)]
    pub fn new(
        root: Element,
        glue: OptionsGlue,
        browser_lang: String,
        settings: String,
        team_presets: String,
        managed: String,
        servers: String,
    ) -> OptionsPage {
        let page = page::Page::load(
            root,
            glue,
            &browser_lang,
            &settings,
            &team_presets,
            &managed,
            &servers,
        );
        let listeners = page::install(&page);
        page::render(&page);
        OptionsPage {
            page,
            _listeners: listeners,
        }
    }

    /// The enterprise policy changed (storage.onChanged for "managed").
    pub fn set_managed(&self, managed: String) {
        self.page.borrow_mut().set_managed(&managed);
        page::render(&self.page);
    }
}
