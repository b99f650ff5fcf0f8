//! The token inventory: metadata about tokens PAT Guard saw being created, kept by the
//! background in `storage.local` under `inventory`. It never holds a token value — only
//! name, organization, preset, scopes and dates — so it can be listed, exported and used
//! for reminders and for the list-page audit (which scopes a listed token has).

use crate::date::Date;
use crate::json::{self, Json, Map};

/// One inventory entry, as stored and as sent to the background
/// (`{type:'inventory.record', entry}`). Keyed by `name` + `organization`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InventoryEntry {
    pub name: String,
    /// What the Organization field showed: an organization, or "All accessible organizations".
    pub organization: String,
    pub all_organizations: bool,
    pub preset: Option<String>,
    /// Scope ids; `app_token` for Full access.
    pub scopes: Vec<String>,
    /// ISO `YYYY-MM-DD` (UTC).
    pub created_date: String,
    /// ISO `YYYY-MM-DD` (UTC), when known.
    pub expiry_date: Option<String>,
    /// The token page it was made on (origin + path, no query), for links and reminders.
    pub token_page: Option<String>,
    /// Where the token was handed off to: `kdbx`, `browser`, `bitwarden-json`, …
    pub saved_to: Vec<String>,
    /// Set when the token was rotated: the name of the token that replaces it. A rotated
    /// entry stays (the old token may still be listed until it is revoked) but gets no reminders.
    pub rotated_to: Option<String>,
    /// ISO `YYYY-MM-DD` (UTC) of the rotation.
    pub rotated_on: Option<String>,
}

impl InventoryEntry {
    /// Reads one stored entry (camelCase keys). `name`, `organization` and
    /// `createdDate` are required; the rest may be missing.
    pub fn from_value(value: &Json) -> Result<InventoryEntry, String> {
        let o = json::object(value, "an inventory entry")?;
        Ok(InventoryEntry {
            name: json::req_str(o, "name")?,
            organization: json::req_str(o, "organization")?,
            all_organizations: json::bool_or_false(o, "allOrganizations")?,
            preset: json::opt_str(o, "preset")?,
            scopes: json::strings_or_default(o, "scopes")?,
            created_date: json::req_str(o, "createdDate")?,
            expiry_date: json::opt_str(o, "expiryDate")?,
            token_page: json::opt_str(o, "tokenPage")?,
            saved_to: json::strings_or_default(o, "savedTo")?,
            rotated_to: json::opt_str(o, "rotatedTo")?,
            rotated_on: json::opt_str(o, "rotatedOn")?,
        })
    }

    /// The stored form: unknown values are written as null, except the rotation
    /// fields, which only a rotated entry has.
    pub fn to_json(&self) -> Json {
        Map::new()
            .with("name", &self.name)
            .with("organization", &self.organization)
            .with("allOrganizations", self.all_organizations)
            .with("preset", self.preset.as_ref())
            .with("scopes", json::strings(&self.scopes))
            .with("createdDate", &self.created_date)
            .with("expiryDate", self.expiry_date.as_ref())
            .with("tokenPage", self.token_page.as_ref())
            .with("savedTo", json::strings(&self.saved_to))
            .with_some("rotatedTo", self.rotated_to.as_ref())
            .with_some("rotatedOn", self.rotated_on.as_ref())
            .into()
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
    let Ok(Json::Array(items)) = Json::parse(json) else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|v| InventoryEntry::from_value(v).ok())
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
        let v = e.to_json();
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
            v.to_json_string(),
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
        let v = e.to_json();
        assert!(v.get("rotatedTo").is_none());
        let r = InventoryEntry {
            rotated_to: Some("nuget-publish-2026-11".into()),
            rotated_on: Some("2026-11-28".into()),
            ..e
        };
        let v = r.to_json();
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
