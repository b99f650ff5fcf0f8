//! The entry that hands one new token to a password manager: [`VaultEntry`] decides the
//! wording of title and notes once, here, and becomes the vault request that PAT Guard's
//! vault window (the `patguard-kdbx` module) turns into the encrypted KeePass file or an
//! import file, so every format agrees.

use serde::Serialize;
use std::fmt;

use zeroize::Zeroizing;

/// Tag on every exported entry, so all Azure DevOps tokens are one search away.
pub const DEFAULT_TAG: &str = "azure-devops-pat";

/// What the extension knows about a token right after Azure DevOps created it.
#[derive(Clone, Copy)]
pub struct NewToken<'a> {
    pub name: &'a str,
    pub organization: &'a str,
    pub username: Option<&'a str>,
    pub token: &'a str,
    /// Overrides the default `https://dev.azure.com/<organization>`.
    pub url: Option<&'a str>,
    /// `yyyy-mm-dd` or a UTC RFC 3339 timestamp (`...Z`).
    pub expires: Option<&'a str>,
    pub scopes: &'a [&'a str],
    pub preset: Option<&'a str>,
    /// When the token was created, as the caller's clock says (core has none).
    pub created: &'a str,
}

/// The address a vault entry records for the token page at `page_url`: the organization on
/// Azure DevOps Services (`https://dev.azure.com/<org>`, `https://<org>.visualstudio.com`), and
/// for Azure DevOps Server the server's own collection URL (`https://host[:port]/<collection>`),
/// never a dev.azure.com address made up from the first path segment. None when `page_url` is
/// not an https token page.
pub fn vault_url_for_page(page_url: &str) -> Option<String> {
    let page = crate::inventory::token_page_of(page_url)?;
    let rest = page.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let base = path.get(..path.len().checked_sub("_usersSettings/tokens".len())?)?;
    let base = base.trim_end_matches('/');
    let host_lower = host.to_ascii_lowercase();
    if host_lower == "dev.azure.com" {
        let org = base.split('/').next().filter(|o| !o.is_empty())?;
        return Some(format!("https://{host}/{org}"));
    }
    if host_lower.ends_with(".visualstudio.com") {
        return Some(format!("https://{host}"));
    }
    Some(if base.is_empty() {
        format!("https://{host}")
    } else {
        format!("https://{host}/{base}")
    })
}

/// One token, ready for any of the writers in this module.
#[derive(Clone)]
pub struct VaultEntry<'a> {
    pub title: String,
    pub username: Option<String>,
    /// Borrowed so that this module never holds its own copy of the secret.
    pub token: &'a str,
    pub url: String,
    pub expires: Option<Expiry>,
    pub notes: String,
    pub tags: Vec<String>,
}

// Hand-written so `{:?}` can never print the token.
impl fmt::Debug for VaultEntry<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VaultEntry")
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

impl<'a> VaultEntry<'a> {
    /// Composes title, URL, notes and tags the same way for every format:
    /// title `<name> (Azure DevOps <org>)`, notes listing scopes, preset,
    /// creation and expiry.
    pub fn for_new_token(t: &NewToken<'a>) -> Result<VaultEntry<'a>, VaultError> {
        let name = t.name.trim();
        let org = t.organization.trim();
        if name.is_empty() {
            return Err(VaultError::Missing("token name"));
        }
        if org.is_empty() {
            return Err(VaultError::Missing("organization"));
        }
        if t.token.is_empty() {
            return Err(VaultError::Missing("token"));
        }
        let expires = t.expires.map(Expiry::parse).transpose()?;

        let mut notes =
            format!("Azure DevOps personal access token \"{name}\" for organization {org}.");
        if !t.scopes.is_empty() {
            notes.push_str(&format!("\nScopes: {}", t.scopes.join(" ")));
        }
        if let Some(preset) = t.preset.map(str::trim).filter(|p| !p.is_empty()) {
            notes.push_str(&format!("\nPreset: {preset}"));
        }
        notes.push_str(&format!("\nCreated: {}", t.created.trim()));
        if let Some(expiry) = &expires {
            notes.push_str(&format!("\nExpires: {}", expiry.as_str()));
        }

        Ok(VaultEntry {
            title: format!("{name} (Azure DevOps {org})"),
            username: t
                .username
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_owned),
            token: t.token,
            url: t
                .url
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map_or_else(|| format!("https://dev.azure.com/{org}"), str::to_owned),
            expires,
            notes,
            tags: vec![DEFAULT_TAG.to_owned()],
        })
    }

    /// The vault request the `patguard-kdbx` wasm module's `kdbx_export` and
    /// `kdbx_import_file` take: `{"title","username","token","url","expires","notes","tags"}`.
    /// Wiped on drop because it contains the token.
    pub fn to_vault_request_json(&self) -> Zeroizing<String> {
        // Written straight from borrowed fields: no intermediate tree holds a copy of
        // the token, and the one text that does is wiped on drop.
        let request = VaultRequest {
            expires: self.expires.as_ref().map(Expiry::as_str),
            notes: &self.notes,
            tags: &self.tags,
            title: &self.title,
            token: self.token,
            url: &self.url,
            username: self.username.as_deref(),
        };
        Zeroizing::new(
            serde_json::to_string(&request).expect("the request has only strings and lists"),
        )
    }
}

/// The vault request (src/kdbx reads it); keys in alphabetical order, the
/// order the file has always had.
#[derive(Serialize)]
struct VaultRequest<'a> {
    expires: Option<&'a str>,
    notes: &'a str,
    tags: &'a [String],
    title: &'a str,
    token: &'a str,
    url: &'a str,
    username: Option<&'a str>,
}

/// An expiry as Azure DevOps reports it: a calendar date, or a UTC instant.
/// Offsets other than `Z` are refused rather than guessed at, since the
/// date a user sees must not shift silently.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expiry(String);

impl Expiry {
    /// Accepts `yyyy-mm-dd` and `yyyy-mm-ddThh:mm:ss[.fraction]Z`; the fraction
    /// is dropped because KeePass stores whole seconds.
    pub fn parse(text: &str) -> Result<Expiry, VaultError> {
        let text = text.trim();
        let bad = || VaultError::BadExpiry(text.to_owned());
        let (date, time) = match text.split_once('T') {
            None => (text, None),
            Some((date, rest)) => {
                let rest = rest.strip_suffix('Z').ok_or_else(bad)?;
                let whole = rest.split_once('.').map_or(rest, |(whole, fraction)| {
                    if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
                        ""
                    } else {
                        whole
                    }
                });
                (date, Some(whole))
            }
        };
        let d = numbers(date, '-').ok_or_else(bad)?;
        let valid_date = d.len() == 3
            && date.len() == 10
            && (1..=12).contains(&d[1])
            && d[2] >= 1
            && d[2] <= days_in_month(d[0], d[1]);
        if !valid_date {
            return Err(bad());
        }
        match time {
            None => Ok(Expiry(date.to_owned())),
            Some(time) => {
                let t = numbers(time, ':').ok_or_else(bad)?;
                if time.len() != 8 || t.len() != 3 || t[0] > 23 || t[1] > 59 || t[2] > 59 {
                    return Err(bad());
                }
                Ok(Expiry(format!("{date}T{time}Z")))
            }
        }
    }

    /// The canonical text: `yyyy-mm-dd` or `yyyy-mm-ddThh:mm:ssZ`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The calendar date part, `yyyy-mm-dd`.
    pub fn date(&self) -> &str {
        self.0.get(..10).unwrap_or(&self.0)
    }

    /// A full UTC timestamp; a bare date means 00:00:00 that day, the
    /// earliest moment the token may be gone.
    pub fn utc_timestamp(&self) -> String {
        if self.0.len() == 10 {
            format!("{}T00:00:00Z", self.0)
        } else {
            self.0.clone()
        }
    }
}

fn numbers(text: &str, separator: char) -> Option<Vec<u32>> {
    text.split(separator)
        .map(|part| {
            if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
                None
            } else {
                part.parse().ok()
            }
        })
        .collect()
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        // Written as a match, not `is_multiple_of`, to stay within the
        // workspace's Rust 1.85 floor.
        2 if matches!((year % 4, year % 100, year % 400), (0, 1.., _) | (_, _, 0)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Why no import file could be made. Messages never contain the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VaultError {
    Missing(&'static str),
    BadExpiry(String),
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            VaultError::Missing(what) => write!(f, "The {what} is missing; it is required."),
            VaultError::BadExpiry(text) => write!(
                f,
                "The expiry \"{text}\" is neither yyyy-mm-dd nor a UTC timestamp like 2026-12-31T23:59:59Z."
            ),
        }
    }
}

impl std::error::Error for VaultError {}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "tok3n,with \"quotes\" & <xml> chars\nand a line";

    fn sample() -> VaultEntry<'static> {
        VaultEntry::for_new_token(&NewToken {
            name: "build, \"deploy\" & <ci>",
            organization: "contoso",
            username: Some("alice@contoso.com"),
            token: TOKEN,
            url: None,
            expires: Some("2026-12-31"),
            scopes: &["vso.build", "vso.code"],
            preset: Some("CI reader"),
            created: "2026-11-28T20:00:00Z",
        })
        .expect("sample entry")
    }

    #[test]
    fn composes_title_url_notes_and_tags() {
        let e = sample();
        assert_eq!(e.title, "build, \"deploy\" & <ci> (Azure DevOps contoso)");
        assert_eq!(e.url, "https://dev.azure.com/contoso");
        assert_eq!(e.tags, vec![DEFAULT_TAG.to_owned()]);
        assert_eq!(
            e.notes,
            "Azure DevOps personal access token \"build, \"deploy\" & <ci>\" for organization contoso.\n\
             Scopes: vso.build vso.code\nPreset: CI reader\nCreated: 2026-11-28T20:00:00Z\nExpires: 2026-12-31"
        );
    }

    #[test]
    fn a_given_url_wins_and_blank_username_is_dropped() {
        let e = VaultEntry::for_new_token(&NewToken {
            url: Some("https://contoso.visualstudio.com"),
            username: Some("  "),
            ..base()
        })
        .unwrap();
        assert_eq!(e.url, "https://contoso.visualstudio.com");
        assert_eq!(e.username, None);
    }

    fn base() -> NewToken<'static> {
        NewToken {
            name: "n",
            organization: "o",
            username: None,
            token: "t",
            url: None,
            expires: None,
            scopes: &[],
            preset: None,
            created: "2026-11-28T20:00:00Z",
        }
    }

    #[test]
    fn vault_url_is_the_organization_or_the_servers_own_url() {
        let cases = [
            (
                "https://dev.azure.com/contoso/_usersSettings/tokens?x=1",
                Some("https://dev.azure.com/contoso"),
            ),
            (
                "https://contoso.visualstudio.com/_usersSettings/tokens",
                Some("https://contoso.visualstudio.com"),
            ),
            (
                "https://ado.contoso.test:8443/DefaultCollection/_usersSettings/tokens",
                Some("https://ado.contoso.test:8443/DefaultCollection"),
            ),
            (
                "https://tfs.example.com/tfs/Main/_usersSettings/tokens/",
                Some("https://tfs.example.com/tfs/Main"),
            ),
            (
                "https://ado.example.com/_usersSettings/tokens",
                Some("https://ado.example.com"),
            ),
            (
                "http://ado.example.com/DefaultCollection/_usersSettings/tokens",
                None,
            ),
            ("https://dev.azure.com/contoso/_git/repo", None),
        ];
        for (page, want) in cases {
            assert_eq!(vault_url_for_page(page).as_deref(), want, "{page}");
        }
    }

    #[test]
    fn required_parts_are_checked() {
        let no_token = NewToken {
            token: "",
            ..base()
        };
        assert_eq!(
            VaultEntry::for_new_token(&no_token).unwrap_err(),
            VaultError::Missing("token")
        );
        let no_org = NewToken {
            organization: " ",
            ..base()
        };
        assert!(VaultEntry::for_new_token(&no_org).is_err());
    }

    #[test]
    fn expiry_accepts_dates_and_utc_instants_only() {
        assert_eq!(
            Expiry::parse("2028-02-29").unwrap().utc_timestamp(),
            "2028-02-29T00:00:00Z"
        );
        assert!(Expiry::parse("2000-02-29").is_ok());
        let ado = Expiry::parse("2026-12-31T23:59:59.9966667Z").unwrap();
        assert_eq!(ado.as_str(), "2026-12-31T23:59:59Z");
        assert_eq!(ado.date(), "2026-12-31");
        for bad in [
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-1-01",
            "31.12.2026",
            "2026-12-31T23:59:59+01:00",
            "2026-12-31T24:00:00Z",
            "2026-12-31T23:59Z",
            "2026-12-31T23:59:59.Z",
            "",
        ] {
            assert!(Expiry::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn debug_hides_the_token() {
        assert!(!format!("{:?}", sample()).contains("tok3n"));
    }

    #[test]
    fn vault_request_has_the_documented_shape() {
        let json: serde_json::Value =
            serde_json::from_str(&sample().to_vault_request_json()).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys.len(), 7);
        for key in [
            "title", "username", "token", "url", "expires", "notes", "tags",
        ] {
            assert!(keys.contains(&key), "{key} missing");
        }
        assert!(json["token"] == TOKEN);
        let e = sample();
        let expected = serde_json::json!({
            "title": e.title, "username": e.username, "token": e.token, "url": e.url,
            "expires": e.expires.as_ref().map(Expiry::as_str), "notes": e.notes, "tags": e.tags,
        });
        assert_eq!(*e.to_vault_request_json(), expected.to_string());
        assert_eq!(json["expires"], "2026-12-31");
    }
}
