//! What both pages do with their JS glue's answers (each page declares its glue functions
//! as typed `extern "C"` imports of its own): a throwing call or a rejected promise becomes
//! an error text the page can show.

use js_sys::Promise;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A rejected promise or a throwing glue function, as text for the user.
pub fn error_text(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

/// Says on the console that `what` failed, and why (never with a value that may be the token).
pub fn warn(what: &str, e: JsValue) {
    web_sys::console::warn_1(&format!("PAT Guard: {what}: {}", error_text(e)).into());
}

/// Awaits a glue call's promise: `Err` carries the error text of the throw or the rejection.
pub async fn settle(promise: Result<Promise, JsValue>) -> Result<JsValue, String> {
    JsFuture::from(promise.map_err(error_text)?)
        .await
        .map_err(error_text)
}

/// As `settle`, for a call whose value does not matter.
pub async fn await_unit(promise: Result<Promise, JsValue>) -> Result<(), String> {
    settle(promise).await.map(|_| ())
}
