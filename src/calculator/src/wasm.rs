//! The only place that knows about JavaScript.

use wasm_bindgen::prelude::*;

/// The answer for pasted `text` in the page language `lang`, as JSON text of
/// `patguard_core::calculator::AnswerView`.
#[wasm_bindgen]
pub fn calculate(text: &str, lang: &str) -> String {
    crate::answer_json(text, lang)
}
