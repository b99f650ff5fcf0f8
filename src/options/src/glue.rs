//! The browser functions the options page's JS glue (extension/options.js) hands to it,
//! declared as typed imports: a missing function or a throwing one is an error here,
//! never a silent `undefined`.

use js_sys::Promise;
use patguard_browser::glue::{settle, warn};
use wasm_bindgen::prelude::*;
use web_sys::HtmlInputElement;

#[wasm_bindgen]
extern "C" {
    /// The object `glue` in extension/options.js.
    pub type OptionsGlue;

    /// Stores `json` (JSON text) under `key` in `storage.local`.
    #[wasm_bindgen(method, catch)]
    pub fn save(this: &OptionsGlue, key: &str, json: &str) -> Result<Promise, JsValue>;

    #[wasm_bindgen(method, catch, js_name = download)]
    fn download_js(
        this: &OptionsGlue,
        filename: &str,
        mime: &str,
        content: &str,
    ) -> Result<(), JsValue>;

    /// The text of the file chosen in `input`.
    #[wasm_bindgen(method, catch, js_name = readFile)]
    pub fn read_file(this: &OptionsGlue, input: &HtmlInputElement) -> Result<Promise, JsValue>;

    /// Asks for the host permission (inside the click's gesture) and registers the agent
    /// there: `{ok:true}` or `{ok:false, error}`.
    #[wasm_bindgen(method, catch, js_name = addServer)]
    pub fn add_server(this: &OptionsGlue, origin: &str) -> Result<Promise, JsValue>;

    /// Unregisters the agent there and gives the permission back: `{ok, error?}`.
    #[wasm_bindgen(method, catch, js_name = removeServer)]
    pub fn remove_server(this: &OptionsGlue, origin: &str) -> Result<Promise, JsValue>;

    /// A server function's answer.
    type ServerReply;

    #[wasm_bindgen(method, getter)]
    fn ok(this: &ServerReply) -> Option<bool>;

    #[wasm_bindgen(method, getter)]
    fn error(this: &ServerReply) -> Option<String>;
}

impl OptionsGlue {
    pub fn download(&self, filename: &str, mime: &str, content: &str) {
        if let Err(e) = self.download_js(filename, mime, content) {
            warn("the download failed", e);
        }
    }
}

/// Awaits `addServer` or `removeServer`: a rejection and an `{ok:false, error}` answer are
/// both errors.
pub async fn server_changed(promise: Result<Promise, JsValue>) -> Result<(), String> {
    let value = settle(promise).await?;
    if !value.is_object() {
        return Ok(());
    }
    let reply: ServerReply = value.unchecked_into();
    if reply.ok() == Some(false) {
        return Err(reply.error().unwrap_or_else(|| "refused".into()));
    }
    Ok(())
}
