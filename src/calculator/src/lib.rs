//! The scope calculator as its own wasm module. Its REST tables are about 30 KB gzip, which
//! the panel module would otherwise load on every panel open although most people never
//! open the "Which scopes do I need?" box; the assistant loads this module when the box is
//! first opened or used (extension/assistant.js) and reads the answer as JSON into
//! `patguard_core::calculator::AnswerView`.
//!
//! Everything except `wasm.rs` is plain Rust and is tested natively.

mod wasm;

use patguard_core::calculator::calculate_view;
use patguard_core::catalog::Lang;

/// The answer for pasted `text` as the box shows it, as JSON text of `AnswerView`. `lang` is
/// the page's language tag (`en`, `de-DE`, …); any other language answers in English.
pub fn answer_json(text: &str, lang: &str) -> String {
    let lang = Lang::from_tag(lang).unwrap_or(Lang::En);
    serde_json::to_string(&calculate_view(text, lang))
        .expect("an AnswerView is plain strings and lists")
}

#[cfg(test)]
mod tests {
    use super::answer_json;
    use patguard_core::calculator::AnswerView;

    const SCRIPT: &str = "curl -u \":$PAT\" https://dev.azure.com/contoso/web/_apis/git/repositories\ngit push https://dev.azure.com/contoso/web/_git/site HEAD:main\necho queued";

    #[test]
    fn answers_in_the_page_language_as_the_panel_reads_it() {
        let de: AnswerView = serde_json::from_str(&answer_json(SCRIPT, "de-DE")).unwrap();
        assert_eq!(de.scope_ids().collect::<Vec<_>>(), ["vso.code_write"]);
        assert!(de.unmapped[0]
            .reason
            .starts_with("kein Azure-DevOps-Aufruf"));
        let en: AnswerView = serde_json::from_str(&answer_json(SCRIPT, "en")).unwrap();
        assert!(en.unmapped[0].reason.starts_with("no Azure DevOps call"));
    }

    #[test]
    fn an_unsupported_language_answers_in_english() {
        let fr: AnswerView = serde_json::from_str(&answer_json(SCRIPT, "fr")).unwrap();
        let en: AnswerView = serde_json::from_str(&answer_json(SCRIPT, "en")).unwrap();
        assert_eq!(fr, en);
    }

    #[test]
    fn blank_text_is_an_empty_answer() {
        let v: AnswerView = serde_json::from_str(&answer_json("  \n", "en")).unwrap();
        assert_eq!(v, AnswerView::default());
    }
}
