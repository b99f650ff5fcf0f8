//! The token inventory: metadata about tokens PAT Guard saw being created, kept by the
//! background in `storage.local` under `inventory`. It never holds a token value — only
//! name, organization, preset, scopes and dates — so it can be listed, exported and used
//! for reminders and for the list-page audit (which scopes a listed token has).

use crate::date::Date;
use serde::{Deserialize, Serialize};

/// One inventory entry, as stored and as sent to the background
/// (`{type:'inventory.record', entry}`). Keyed by `name` + `organization`.
/// `name`, `organization` and `createdDate` are required; the rest may be missing.
/// Unknown values are written as null, except the rotation fields, which only a
/// rotated entry has.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct InventoryEntry {
    pub name: String,
    /// What the Organization field showed: an organization, or "All accessible organizations".
    pub organization: String,
    #[serde(default)]
    pub all_organizations: bool,
    #[serde(default)]
    pub preset: Option<String>,
    /// Scope ids; `app_token` for Full access.
    #[serde(default)]
    pub scopes: Vec<String>,
    /// ISO `YYYY-MM-DD` (UTC).
    pub created_date: String,
    /// ISO `YYYY-MM-DD` (UTC), when known.
    #[serde(default)]
    pub expiry_date: Option<String>,
    /// The token page it was made on (origin + path, no query), for links and reminders.
    #[serde(default)]
    pub token_page: Option<String>,
    /// Where the token was handed off to: `kdbx`, `browser`, `bitwarden-json`, …
    #[serde(default)]
    pub saved_to: Vec<String>,
    /// Set when the token was rotated: the name of the token that replaces it. A rotated
    /// entry stays (the old token may still be listed until it is revoked) but gets no reminders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotated_to: Option<String>,
    /// ISO `YYYY-MM-DD` (UTC) of the rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotated_on: Option<String>,
}

impl InventoryEntry {
    /// The stored form, as JSON text.
    pub fn to_json_string(&self) -> String {
        serde_json::to_string(self).expect("an inventory entry has only strings and lists")
    }
}

/// The scope id Azure DevOps uses for Full access.
pub const FULL_ACCESS_SCOPE: &str = "app_token";

impl InventoryEntry {
    pub fn expiry(&self) -> Option<Date> {
        self.expiry_date.as_deref().and_then(Date::parse)
    }

    pub fn full_access(&self) -> bool {
        self.scopes.iter().any(|s| s == FULL_ACCESS_SCOPE)
    }

    pub fn created(&self) -> Option<Date> {
        Date::parse(&self.created_date)
    }

    /// Days from creation to expiry, when both dates are known: what a regenerated token
    /// keeps (Azure DevOps regenerates with the token's own lifetime).
    pub fn lifetime_days(&self) -> Option<i64> {
        let days = self.created()?.days_until(self.expiry()?);
        (days > 0).then_some(days)
    }
}

/// The name a rotation gives the new token: `<name>-<yyyy-mm>`, replacing an earlier
/// rotation's `-yyyy-mm` suffix rather than stacking another.
pub fn rotated_name(name: &str, today: Date) -> String {
    let name = name.trim();
    let b = name.as_bytes();
    let has_suffix = b.len() > 8 && {
        let tail = &b[b.len() - 8..];
        tail[0] == b'-'
            && tail[5] == b'-'
            && tail[1..5].iter().all(u8::is_ascii_digit)
            && tail[6..8].iter().all(u8::is_ascii_digit)
    };
    let base = if has_suffix {
        &name[..name.len() - 8]
    } else {
        name
    };
    format!("{base}-{}", today.year_month())
}

/// Reads the stored inventory (a JSON array, or null). Malformed entries are skipped,
/// so one bad entry never hides the others from the audit.
pub fn parse_inventory(json: &str) -> Vec<InventoryEntry> {
    let Ok(serde_json::Value::Array(items)) = serde_json::from_str(json) else {
        return Vec::new();
    };
    items
        .into_iter()
        .filter_map(|v| serde_json::from_value::<InventoryEntry>(v).ok())
        .filter(|e| !e.name.is_empty())
        .collect()
}

/// The token page URL without query or fragment (`https://dev.azure.com/org/_usersSettings/tokens`).
pub fn token_page_of(url: &str) -> Option<String> {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    let page = &url[..end];
    (page.starts_with("https://") && crate::recognizer::is_token_page_url(page))
        .then(|| page.trim_end_matches('/').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(e: &InventoryEntry) -> serde_json::Value {
        serde_json::to_value(e).unwrap()
    }

    #[test]
    fn parses_and_skips_malformed_entries() {
        let json = r#"[
          {"name":"a","organization":"contoso","scopes":["vso.code"],"createdDate":"2026-11-28","expiryDate":"2026-12-28","savedTo":[]},
          {"name":"b"},
          {"name":"","organization":"x","createdDate":"2026-11-28"},
          {"name":"c","organization":"All accessible organizations","allOrganizations":true,"scopes":["app_token"],"createdDate":"2026-11-28"}
        ]"#;
        let inv = parse_inventory(json);
        assert_eq!(inv.len(), 2);
        assert_eq!(inv[0].expiry(), Date::new(2026, 12, 28));
        assert!(!inv[0].full_access());
        assert!(inv[1].full_access());
        assert_eq!(inv[1].expiry(), None);
        assert!(parse_inventory("null").is_empty());
        assert!(parse_inventory("{}").is_empty());
        assert!(parse_inventory("not json").is_empty());
    }

    #[test]
    fn serialises_camel_case_without_a_token_field() {
        let e = InventoryEntry {
            name: "n".into(),
            organization: "contoso".into(),
            created_date: "2026-11-28".into(),
            ..Default::default()
        };
        let v = value(&e);
        for key in [
            "name",
            "organization",
            "createdDate",
            "expiryDate",
            "savedTo",
            "scopes",
        ] {
            assert!(v.get(key).is_some(), "{key}");
        }
        assert!(v.get("token").is_none());
        // Byte for byte what the background stored before (serde's field order, nulls kept).
        assert_eq!(
            e.to_json_string(),
            r#"{"name":"n","organization":"contoso","allOrganizations":false,"preset":null,"scopes":[],"createdDate":"2026-11-28","expiryDate":null,"tokenPage":null,"savedTo":[]}"#
        );
    }

    #[test]
    fn lifetime_and_rotated_names() {
        let e = InventoryEntry {
            name: "nuget-publish".into(),
            created_date: "2026-11-01".into(),
            expiry_date: Some("2026-12-01".into()),
            ..Default::default()
        };
        assert_eq!(e.lifetime_days(), Some(30));
        let unknown = InventoryEntry {
            expiry_date: None,
            ..e.clone()
        };
        assert_eq!(unknown.lifetime_days(), None);
        let today = Date::new(2026, 11, 28).unwrap();
        assert_eq!(
            rotated_name("nuget-publish", today),
            "nuget-publish-2026-11"
        );
        assert_eq!(
            rotated_name("nuget-publish-2026-10", today),
            "nuget-publish-2026-11"
        );
        assert_eq!(
            rotated_name("build-agent-2025", today),
            "build-agent-2025-2026-11"
        );
        // Rotation marks serialise only when set, so older entries keep their shape.
        let v = value(&e);
        assert!(v.get("rotatedTo").is_none());
        let r = InventoryEntry {
            rotated_to: Some("nuget-publish-2026-11".into()),
            rotated_on: Some("2026-11-28".into()),
            ..e
        };
        let v = value(&r);
        assert_eq!(v["rotatedTo"].as_str(), Some("nuget-publish-2026-11"));
        assert_eq!(parse_inventory(&format!("[{v}]"))[0], r);
    }

    #[test]
    fn token_page_strips_query_and_refuses_other_pages() {
        assert_eq!(
            token_page_of("https://dev.azure.com/contoso/_usersSettings/tokens?csp=strict#x")
                .as_deref(),
            Some("https://dev.azure.com/contoso/_usersSettings/tokens")
        );
        assert_eq!(
            token_page_of("https://dev.azure.com/contoso/_git/repo"),
            None
        );
        assert_eq!(
            token_page_of("http://dev.azure.com/contoso/_usersSettings/tokens"),
            None
        );
    }
}
