//! The browser functions the JS glue (extension/assistant.js) hands to the assistant,
//! declared as typed imports: a missing function or a throwing one is an error here,
//! never a silent `undefined`.

use crate::protocol::Outgoing;
use js_sys::Promise;
pub use patguard_browser::glue::await_unit;
use patguard_browser::glue::{settle, warn};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// The object `glue` in extension/assistant.js.
    pub type Glue;

    /// Posts a message object to the agent's port.
    #[wasm_bindgen(method, catch, js_name = send)]
    fn post(this: &Glue, msg: &JsValue) -> Result<(), JsValue>;

    /// The background's clipboard service: `{ok:true, clearAt}` or `{ok:false, error}`.
    #[wasm_bindgen(method, catch, js_name = copy)]
    fn copy_js(this: &Glue, text: &str, clear_after_seconds: u32) -> Result<Promise, JsValue>;

    /// Starts a hand-off (the KeePass file or an import file) in the extension's own vault
    /// window (extension/vault/); the promise settles with that window's result.
    #[wasm_bindgen(method, catch, js_name = openVault)]
    fn open_vault_js(
        this: &Glue,
        format: &str,
        request_json: &str,
        filename: &str,
    ) -> Result<Promise, JsValue>;

    #[wasm_bindgen(method, catch, js_name = storeTeamPresets)]
    fn store_team_presets_js(this: &Glue, file: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(method, catch, js_name = recordInventory)]
    fn record_inventory_js(this: &Glue, entry_json: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(method, catch, js_name = copyReport)]
    fn copy_report_js(this: &Glue, report: &str) -> Result<JsValue, JsValue>;

    /// Loads the on-demand scope-calculator module (once; a failed load is tried again).
    #[wasm_bindgen(method, catch, js_name = loadCalculator)]
    fn load_calculator_js(this: &Glue) -> Result<Promise, JsValue>;

    /// The calculator module's answer: a promise of `AnswerView` JSON text.
    #[wasm_bindgen(method, catch, js_name = calculate)]
    fn calculate_js(this: &Glue, text: &str, lang: &str) -> Result<Promise, JsValue>;

}

/// Port messages are plain JSON-compatible objects: a `None` is written as null.
fn to_js(msg: &Outgoing) -> Result<JsValue, serde_wasm_bindgen::Error> {
    msg.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
}

impl Glue {
    /// Hands the message object to the port.
    pub fn send(&self, msg: &Outgoing) {
        match to_js(msg) {
            Ok(value) => {
                if let Err(e) = self.post(&value) {
                    warn("a message to the page was not sent", e);
                }
            }
            Err(e) => warn("a message to the page was not sent", e.into()),
        }
    }

    pub fn copy(&self, text: &str, clear_after_seconds: u32) -> Result<Promise, JsValue> {
        self.copy_js(text, clear_after_seconds)
    }

    pub fn open_vault(
        &self,
        format: &str,
        request_json: &str,
        filename: &str,
    ) -> Result<Promise, JsValue> {
        self.open_vault_js(format, request_json, filename)
    }

    pub fn store_team_presets(&self, file: &str) -> Result<Promise, JsValue> {
        self.store_team_presets_js(file)
    }

    /// Token metadata for the background's inventory (never the token).
    pub fn record_inventory(&self, entry_json: &str) {
        if let Err(e) = self.record_inventory_js(entry_json) {
            warn("inventory not updated", e);
        }
    }

    /// Copies the redacted page report (no secret in it, so no timed clear).
    pub fn copy_report(&self, report: &str) {
        if let Err(e) = self.copy_report_js(report) {
            warn("the page report was not copied", e);
        }
    }

    pub fn load_calculator(&self) -> Result<Promise, JsValue> {
        self.load_calculator_js()
    }

    pub fn calculate(&self, text: &str, lang: &str) -> Result<Promise, JsValue> {
        self.calculate_js(text, lang)
    }
}

/// The clipboard service's answer.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CopyReply {
    #[serde(default)]
    ok: bool,
    #[serde(default)]
    clear_at: f64,
    #[serde(default)]
    error: Option<String>,
}

/// `{ok:true, clearAt}` or `{ok:false, error}` from the background's clipboard service.
pub async fn await_copy(promise: Result<Promise, JsValue>) -> Result<f64, String> {
    let reply = settle(promise).await?;
    let reply: CopyReply = serde_wasm_bindgen::from_value(reply)
        .map_err(|_| "the clipboard service did not answer".to_string())?;
    if reply.ok {
        Ok(reply.clear_at)
    } else {
        Err(reply
            .error
            .unwrap_or_else(|| "the clipboard service did not answer".into()))
    }
}

/// A promise that settles with text (the calculator's JSON answer).
pub async fn await_text(promise: Result<Promise, JsValue>) -> Result<String, String> {
    settle(promise)
        .await?
        .as_string()
        .ok_or_else(|| "the answer is not text".to_string())
}
