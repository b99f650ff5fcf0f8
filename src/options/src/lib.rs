//! The options page's wasm module. It exports `OptionsPage` from patguard-assistant's
//! `options` module; being its own module keeps the options page (its rendering,
//! validation and texts) out of `patguard_assistant_bg.wasm`, which every panel open loads.

use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen]
pub struct OptionsPage(patguard_assistant::options::OptionsPage);

#[wasm_bindgen]
impl OptionsPage {
    /// `settings`, `team_presets`, `managed` and `servers` are the stored values as JSON
    /// text ("null" when absent).
    #[wasm_bindgen(constructor)]
    pub fn new(
        root: Element,
        glue: JsValue,
        browser_lang: String,
        settings: String,
        team_presets: String,
        managed: String,
        servers: String,
    ) -> OptionsPage {
        OptionsPage(patguard_assistant::options::OptionsPage::new(
            root,
            glue,
            browser_lang,
            settings,
            team_presets,
            managed,
            servers,
        ))
    }

    /// The enterprise policy changed (storage.onChanged for "managed").
    pub fn set_managed(&self, managed: String) {
        self.0.set_managed(managed);
    }
}
