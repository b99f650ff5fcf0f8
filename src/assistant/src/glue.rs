//! The browser functions the JS glue hands to the assistant: port messages, the
//! background's clipboard service, the on-demand KeePass module and downloads.

use crate::protocol::Outgoing;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

pub struct Glue(JsValue);

impl Glue {
    pub fn new(value: JsValue) -> Glue {
        Glue(value)
    }

    fn function(&self, name: &str) -> Option<Function> {
        Reflect::get(&self.0, &name.into())
            .ok()?
            .dyn_into::<Function>()
            .ok()
    }

    fn call(&self, name: &str, args: &[JsValue]) -> JsValue {
        let Some(f) = self.function(name) else {
            return JsValue::UNDEFINED;
        };
        let array: js_sys::Array = args.iter().collect();
        f.apply(&JsValue::NULL, &array)
            .unwrap_or(JsValue::UNDEFINED)
    }

    /// Hands the message to the port as JSON text (extension/assistant.js parses it).
    pub fn send(&self, msg: &Outgoing) {
        let mut value = msg.to_json();
        let text = zeroize::Zeroizing::new(value.to_json_string());
        value.wipe();
        self.call("send", &[text.as_str().into()]);
    }

    pub fn copy(&self, text: &str, clear_after_seconds: u32) -> JsValue {
        self.call("copy", &[text.into(), clear_after_seconds.into()])
    }

    /// Starts the KeePass hand-off in the extension's own window (extension/vault/);
    /// the promise settles with that window's result.
    pub fn open_vault(&self, request_json: &str, filename: &str) -> JsValue {
        self.call("openVault", &[request_json.into(), filename.into()])
    }

    pub fn store_team_presets(&self, file: &str) -> JsValue {
        self.call("storeTeamPresets", &[file.into()])
    }

    /// Token metadata for the background's inventory (never the token).
    pub fn record_inventory(&self, entry_json: &str) {
        self.call("recordInventory", &[entry_json.into()]);
    }

    /// Copies the redacted page report (no secret in it, so no timed clear).
    pub fn copy_report(&self, report: &str) {
        self.call("copyReport", &[report.into()]);
    }

    pub fn download(&self, filename: &str, mime: &str, content: &str) {
        self.call("download", &[filename.into(), mime.into(), content.into()]);
    }
}

fn error_text(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

async fn settle(promise: JsValue) -> Result<JsValue, String> {
    let promise = promise
        .dyn_into::<Promise>()
        .map_err(|_| "the browser glue is missing".to_string())?;
    JsFuture::from(promise).await.map_err(error_text)
}

/// `{ok:true, clearAt}` or `{ok:false, error}` from the background's clipboard service.
pub async fn await_copy(promise: JsValue) -> Result<f64, String> {
    let reply = settle(promise).await?;
    let ok = Reflect::get(&reply, &"ok".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if ok {
        Ok(Reflect::get(&reply, &"clearAt".into())
            .ok()
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0))
    } else {
        Err(Reflect::get(&reply, &"error".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| "the clipboard service did not answer".into()))
    }
}

pub async fn await_unit(promise: JsValue) -> Result<(), String> {
    settle(promise).await.map(|_| ())
}
