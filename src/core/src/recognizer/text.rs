//! Matching visible texts against the catalog's page texts, including `{n}` templates.

use crate::catalog::text_match::{is_page_text, normalize};
use crate::catalog::{page_text, Lang, PageText};

/// The number in `text` when it reads as `template` with `{n}` replaced by digits.
pub fn matches_template(text: &str, template: &str) -> Option<u32> {
    Template::new(template).matches(text)
}

/// A `{n}` template split once, for matching many texts. Both sides are compared
/// normalised (`catalog::text_match::normalize`), so case, punctuation and spacing
/// around the number do not matter.
#[derive(Clone, Debug)]
pub struct Template {
    parts: Option<(String, String)>,
}

impl Template {
    /// A template without `{n}` matches nothing.
    pub fn new(template: &str) -> Template {
        Template {
            parts: template
                .split_once("{n}")
                .map(|(p, s)| (normalize(p), normalize(s))),
        }
    }

    pub fn matches(&self, text: &str) -> Option<u32> {
        let (prefix, suffix) = self.parts.as_ref()?;
        let text = normalize(text);
        let middle = text
            .strip_prefix(prefix.as_str())?
            .strip_suffix(suffix.as_str())?
            .trim();
        if middle.is_empty() || middle.len() > 6 || !middle.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        middle.parse().ok()
    }

    /// Whether `text` is the template's words without the number ("Show all scopes"):
    /// a page that does not show the count.
    pub fn matches_without_number(&self, text: &str) -> bool {
        let Some((prefix, _)) = self.parts.as_ref() else {
            return false;
        };
        !prefix.is_empty() && normalize(text) == *prefix
    }
}

/// Whether `text` is the page text `key` in `lang`.
/// Tolerant: normalised, and known variant spellings count (`catalog::text_match`).
pub fn is_text(text: &str, key: PageText, lang: Lang) -> bool {
    is_page_text(text, key, lang)
}

/// The language in which `text` is the page text `key`, English first.
pub fn lang_of(text: &str, key: PageText) -> Option<Lang> {
    Lang::ALL.into_iter().find(|&l| is_text(text, key, l))
}

/// Day count of an expiry option label such as "30 days" / "90 Tage". The template is
/// derived from the catalog's "30 days" text so every locale parses the same way.
pub fn expiry_option_days(label: &str, lang: Lang) -> Option<u32> {
    let template = page_text(PageText::Days30, lang).replacen("30", "{n}", 1);
    matches_template(label, &template).filter(|&d| d > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_match_only_digits() {
        assert_eq!(
            matches_template("Show all scopes (31 more)", "Show all scopes ({n} more)"),
            Some(31)
        );
        assert_eq!(
            matches_template("Show all scopes (x more)", "Show all scopes ({n} more)"),
            None
        );
        assert_eq!(
            matches_template("Show all scopes ( more)", "Show all scopes ({n} more)"),
            None
        );
        assert_eq!(expiry_option_days("90 Tage", Lang::De), Some(90));
        assert_eq!(expiry_option_days("7 days", Lang::En), Some(7));
        assert_eq!(expiry_option_days("Custom defined", Lang::En), None);
    }
}
