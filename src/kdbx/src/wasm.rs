//! The only place that knows about JavaScript. Owned `String`s are taken on
//! purpose: wasm-bindgen then hands us the copies in linear memory, and
//! `export_json` can wipe them instead of leaving them to the allocator.

use wasm_bindgen::prelude::*;

use crate::{export_json, MIN_PASSWORD_CHARS};

/// `entry_json` is `{"title", "username"?, "token", "url"?, "expires"?,
/// "notes"?, "tags"?}`; returns the bytes of the `.kdbx` file, or throws an
/// `Error` whose message can be shown to the user.
#[wasm_bindgen]
pub fn kdbx_export(entry_json: String, password: String) -> Result<js_sys::Uint8Array, JsValue> {
    match export_json(entry_json, password) {
        Ok(bytes) => Ok(js_sys::Uint8Array::from(bytes.as_slice())),
        Err(e) => Err(js_sys::Error::new(&e.to_string()).into()),
    }
}

/// Lets the UI state the password rule before the user hits an error.
#[wasm_bindgen]
pub fn kdbx_min_password_chars() -> u32 {
    u32::try_from(MIN_PASSWORD_CHARS).unwrap_or(u32::MAX)
}
