//! The only place that knows about JavaScript. Owned `String`s are taken on
//! purpose: wasm-bindgen then hands us the copies in linear memory, and
//! `export_json` can wipe them instead of leaving them to the allocator.

use wasm_bindgen::prelude::*;
use zeroize::Zeroize;

use crate::{
    export_json, import_file_json, known_words_json, password_strength, MIN_PASSWORD_CHARS,
};

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

/// `format` is `bitwarden-json`, `1password-csv` or `keepass-xml`; returns the bytes of that
/// unencrypted import file for the same `entry_json`, or throws an `Error` to show the user.
/// The file's text in linear memory is wiped once copied out.
#[wasm_bindgen]
pub fn kdbx_import_file(entry_json: String, format: String) -> Result<js_sys::Uint8Array, JsValue> {
    match import_file_json(entry_json, &format) {
        Ok(text) => Ok(js_sys::Uint8Array::from(text.as_bytes())),
        Err(e) => Err(js_sys::Error::new(&e.to_string()).into()),
    }
}

/// Lets the UI state the password rule before the user hits an error.
#[wasm_bindgen]
pub fn kdbx_min_password_chars() -> u32 {
    u32::try_from(MIN_PASSWORD_CHARS).unwrap_or(u32::MAX)
}

/// The entry's words a master password should not be made of, as a JSON array for
/// [`kdbx_password_strength`]; throws on a malformed entry.
#[wasm_bindgen]
pub fn kdbx_known_words(entry_json: String) -> Result<String, JsValue> {
    known_words_json(entry_json).map_err(|e| js_sys::Error::new(&e.to_string()).into())
}

/// The strength of a candidate master password as JSON text
/// `{score, guessesLog10, acceptable, warning, suggestions}`, judged against the
/// words of `context_json` (a JSON array of strings: the entry's title, user, URL).
#[wasm_bindgen]
pub fn kdbx_password_strength(mut password: String, context_json: String) -> String {
    let context: Vec<String> = serde_json::from_str(&context_json).unwrap_or_default();
    let words: Vec<&str> = context.iter().map(String::as_str).collect();
    let strength = password_strength(&password, &words);
    password.zeroize();
    serde_json::to_string(&strength).unwrap_or_else(|_| "null".into())
}
