use std::fmt;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use serde::Deserialize;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::KdbxError;

/// Every exported entry carries this tag so users can find all their Azure
/// DevOps tokens in one search, whatever the caller passed in `tags`.
pub const DEFAULT_TAG: &str = "azure-devops-pat";

/// The one entry a generated database holds. Title and notes arrive already
/// composed (the core crate owns that wording); this crate only stores them.
///
/// The JSON shape taken by the wasm export is exactly this struct:
/// `{"title", "username"?, "token", "url"?, "expires"?, "notes"?, "tags"?}`.
/// Unknown keys are rejected so a misspelt `expiry` cannot silently drop the
/// expiry date.
#[derive(Clone, Default, Deserialize, Zeroize, ZeroizeOnDrop)]
#[serde(deny_unknown_fields)]
pub struct KdbxEntry {
    pub title: String,
    #[serde(default)]
    pub username: Option<String>,
    pub token: String,
    #[serde(default)]
    pub url: Option<String>,
    /// `yyyy-mm-dd` or RFC 3339. A bare date means 00:00:00 UTC that day, the
    /// earliest moment the token may be gone, so the vault never shows a dead
    /// token as valid.
    #[serde(default)]
    pub expires: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
}

// Hand-written so that a stray `{:?}` in a log can never print the token.
impl fmt::Debug for KdbxEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("KdbxEntry")
            .field("title", &self.title)
            .field("username", &self.username)
            .field("token", &"<redacted>")
            .field("url", &self.url)
            .field("expires", &self.expires)
            .field("notes", &self.notes)
            .field("tags", &self.tags)
            .finish()
    }
}

impl KdbxEntry {
    /// Checks everything that does not need the KDF, so bad input fails in
    /// milliseconds instead of after a second of Argon2.
    pub(crate) fn validate(&self) -> Result<(), KdbxError> {
        if self.title.trim().is_empty() {
            return Err(KdbxError::MissingField("title"));
        }
        if self.token.is_empty() {
            return Err(KdbxError::MissingField("token"));
        }
        if self.token.trim() != self.token {
            return Err(KdbxError::TokenHasWhitespace);
        }
        self.expiry()?;
        Ok(())
    }

    /// The expiry as KDBX stores it: a naive UTC timestamp.
    pub(crate) fn expiry(&self) -> Result<Option<NaiveDateTime>, KdbxError> {
        match self.expires.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(text) => parse_expiry(text).map(Some),
        }
    }

    pub(crate) fn username(&self) -> Option<&str> {
        non_blank(self.username.as_deref())
    }

    pub(crate) fn url(&self) -> Option<&str> {
        non_blank(self.url.as_deref())
    }

    /// The expiry as the caller wrote it (the core sends its canonical text), if any.
    pub(crate) fn expires_text(&self) -> Option<&str> {
        non_blank(self.expires.as_deref())
    }

    pub(crate) fn notes(&self) -> Option<&str> {
        non_blank(self.notes.as_deref())
    }

    /// Words an attacker would try first in a master password for this file: the
    /// title's, user name's and URL's words (organization, token name, "azure", "devops").
    pub fn known_words(&self) -> Vec<&str> {
        let texts = [
            Some(self.title.as_str()),
            self.username.as_deref(),
            self.url.as_deref(),
        ];
        let mut words: Vec<&str> = texts
            .into_iter()
            .flatten()
            .flat_map(|t| t.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.chars().count() >= 3)
            .collect();
        words.extend(["keepass", "patguard"]);
        words
    }

    /// Caller's tags, trimmed and de-duplicated, always including [`DEFAULT_TAG`].
    pub(crate) fn tags(&self) -> Vec<String> {
        let mut tags: Vec<String> = Vec::new();
        let wanted = self.tags.iter().map(|t| t.trim()).chain([DEFAULT_TAG]);
        for tag in wanted {
            if !tag.is_empty() && !tags.iter().any(|t| t == tag) {
                tags.push(tag.to_owned());
            }
        }
        tags
    }
}

fn non_blank(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn parse_expiry(text: &str) -> Result<NaiveDateTime, KdbxError> {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        if let Some(midnight) = date.and_hms_opt(0, 0, 0) {
            return Ok(midnight);
        }
    }
    // KDBX has no time zone and whole seconds only, so normalise to UTC and
    // drop the fraction (Azure DevOps reports e.g. `...T23:59:59.997Z`).
    DateTime::parse_from_rfc3339(text)
        .ok()
        .and_then(|t| DateTime::from_timestamp(t.timestamp(), 0))
        .map(|t| t.naive_utc())
        .ok_or_else(|| KdbxError::BadExpiry(text.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    // KdbxEntry wipes itself on drop, so struct-update syntax cannot move out
    // of a template; tests tweak a fresh one instead.
    fn with(tweak: impl FnOnce(&mut KdbxEntry)) -> KdbxEntry {
        let mut e = KdbxEntry::default();
        e.title = "ci (Azure DevOps contoso)".into();
        e.token = "tok".into();
        tweak(&mut e);
        e
    }

    #[test]
    fn bare_date_means_midnight_utc() {
        let e = with(|e| e.expires = Some("2026-12-31".into()));
        let t = e.expiry().unwrap().unwrap();
        assert_eq!(t.to_string(), "2026-12-31 00:00:00");
    }

    #[test]
    fn rfc3339_is_converted_to_utc_whole_seconds() {
        let e = with(|e| e.expires = Some("2026-12-31T23:59:59.997+01:00".into()));
        let t = e.expiry().unwrap().unwrap();
        assert_eq!(t.to_string(), "2026-12-31 22:59:59");
    }

    #[test]
    fn blank_expiry_means_no_expiry() {
        let e = with(|e| e.expires = Some("  ".into()));
        assert_eq!(e.expiry(), Ok(None));
    }

    #[test]
    fn garbage_expiry_is_rejected_and_quoted() {
        let e = with(|e| e.expires = Some("31.12.2026".into()));
        let err = e.validate().unwrap_err();
        assert!(err.to_string().contains("31.12.2026"), "{err}");
    }

    #[test]
    fn title_and_token_are_required() {
        let no_title = with(|e| e.title = " ".into());
        assert_eq!(no_title.validate(), Err(KdbxError::MissingField("title")));
        let no_token = with(|e| e.token.clear());
        assert_eq!(no_token.validate(), Err(KdbxError::MissingField("token")));
    }

    #[test]
    fn token_with_a_trailing_newline_is_rejected() {
        let e = with(|e| e.token = "tok\n".into());
        assert_eq!(e.validate(), Err(KdbxError::TokenHasWhitespace));
    }

    #[test]
    fn default_tag_is_always_present_once() {
        let e = with(|e| {
            e.tags = vec![
                " build ".into(),
                DEFAULT_TAG.into(),
                "build".into(),
                "".into(),
            ];
        });
        assert_eq!(e.tags(), vec!["build".to_owned(), DEFAULT_TAG.to_owned()]);
        assert_eq!(with(|_| ()).tags(), vec![DEFAULT_TAG.to_owned()]);
    }

    #[test]
    fn debug_output_hides_the_token() {
        let e = with(|e| e.token = "super-secret-token".into());
        assert!(!format!("{e:?}").contains("super-secret-token"));
    }
}
