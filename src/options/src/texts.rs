//! The options page's texts: every string is given in English and German side by side,
//! chosen by the browser's language (the options page has no Azure DevOps page to follow).

use patguard_core::catalog::Lang;

pub fn tr(lang: Lang, en: &str, de: &str) -> String {
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
    .to_string()
}
