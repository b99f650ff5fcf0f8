//! Bitwarden's unencrypted JSON export, which its importer reads back:
//! one Login item in one folder. Bitwarden has no expiry or tags on logins,
//! so the expiry becomes a custom text field (and is in the notes).
//!
//! The password-protected variant is not offered: its format (KDF, key
//! stretching, validation blob) cannot be checked against a real Bitwarden
//! offline, and an encrypted file that might not import is worse than none.
//! The KDBX export covers "encrypted at rest".

use serde::Serialize;
use zeroize::Zeroizing;

use crate::{KdbxEntry, GROUP_NAME};

/// Any stable id works: the importer replaces ids and only uses this one to
/// link the item to its folder.
const FOLDER_ID: &str = "5c7a9d0e-3b1f-4e2a-9c6d-0a1b2c3d4e5f";
const CIPHER_TYPE_LOGIN: u32 = 1;
const FIELD_TYPE_TEXT: u32 = 0;
const REPROMPT_NONE: u32 = 0;

/// The whole export document, pretty-printed like Bitwarden's own exports. Keys are
/// in alphabetical order at every level, the order the file has always had. It is
/// written from borrowed fields, so no tree holds a copy of the token.
pub fn bitwarden_json(entry: &KdbxEntry) -> Zeroizing<String> {
    let fields: Vec<Field<'_>> = entry
        .expires_text()
        .into_iter()
        .map(|expiry| Field {
            name: "expires",
            r#type: FIELD_TYPE_TEXT,
            value: expiry,
        })
        .collect();
    let document = Document {
        encrypted: false,
        folders: [Folder {
            id: FOLDER_ID,
            name: GROUP_NAME,
        }],
        items: [Item {
            favorite: false,
            fields,
            folder_id: FOLDER_ID,
            login: Login {
                password: &entry.token,
                totp: None,
                uris: [Uri {
                    r#match: None,
                    uri: entry.url().unwrap_or_default(),
                }],
                username: entry.username(),
            },
            name: entry.title.trim(),
            notes: entry.notes().unwrap_or_default(),
            reprompt: REPROMPT_NONE,
            r#type: CIPHER_TYPE_LOGIN,
        }],
    };
    Zeroizing::new(
        serde_json::to_string_pretty(&document).expect("the document has only plain values"),
    )
}

#[derive(Serialize)]
struct Document<'a> {
    encrypted: bool,
    folders: [Folder<'a>; 1],
    items: [Item<'a>; 1],
}

#[derive(Serialize)]
struct Folder<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    favorite: bool,
    fields: Vec<Field<'a>>,
    folder_id: &'a str,
    login: Login<'a>,
    name: &'a str,
    notes: &'a str,
    reprompt: u32,
    r#type: u32,
}

#[derive(Serialize)]
struct Field<'a> {
    name: &'a str,
    r#type: u32,
    value: &'a str,
}

#[derive(Serialize)]
struct Login<'a> {
    password: &'a str,
    totp: Option<&'a str>,
    uris: [Uri<'a>; 1],
    username: Option<&'a str>,
}

#[derive(Serialize)]
struct Uri<'a> {
    r#match: Option<u32>,
    uri: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::tests::{sample, TOKEN};
    use serde_json::Value;

    fn parsed(entry: &KdbxEntry) -> Value {
        serde_json::from_str(&bitwarden_json(entry)).expect("valid JSON")
    }

    /// Byte for byte the document the former `serde_json::json!` code wrote.
    #[test]
    fn same_text_as_serde_json() {
        let mut bare = sample();
        bare.expires = None;
        bare.username = None;
        for entry in [sample(), bare] {
            let fields: Vec<_> = entry
                .expires
                .iter()
                .map(|e| serde_json::json!({ "name": "expires", "value": e, "type": 0 }))
                .collect();
            let expected = serde_json::json!({
                "encrypted": false,
                "folders": [{ "id": FOLDER_ID, "name": GROUP_NAME }],
                "items": [{
                    "type": 1, "folderId": FOLDER_ID, "name": entry.title, "notes": entry.notes,
                    "favorite": false, "reprompt": 0,
                    "login": {
                        "username": entry.username, "password": entry.token, "totp": null,
                        "uris": [{ "uri": entry.url, "match": null }],
                    },
                    "fields": fields,
                }],
            });
            assert_eq!(
                *bitwarden_json(&entry),
                serde_json::to_string_pretty(&expected).unwrap()
            );
        }
    }

    #[test]
    fn one_login_item_in_one_folder() {
        let doc = parsed(&sample());
        assert_eq!(doc["encrypted"], false);
        assert_eq!(doc["folders"].as_array().map(Vec::len), Some(1));
        assert_eq!(doc["folders"][0]["name"], "Azure DevOps");
        let items = doc["items"].as_array().expect("items");
        assert_eq!(items.len(), 1);
        let item = &items[0];
        assert_eq!(item["type"], 1);
        assert_eq!(item["folderId"], doc["folders"][0]["id"]);
        assert_eq!(
            item["name"],
            "build, \"deploy\" & <ci> (Azure DevOps contoso)"
        );
        assert_eq!(item["reprompt"], 0);
        assert_eq!(item["login"]["username"], "alice@contoso.com");
        assert!(
            item["login"]["password"] == TOKEN,
            "password differs from the token"
        );
        assert_eq!(
            item["login"]["uris"][0]["uri"],
            "https://dev.azure.com/contoso"
        );
        assert!(item["login"]["totp"].is_null());
        assert_eq!(item["fields"][0]["name"], "expires");
        assert_eq!(item["fields"][0]["value"], "2026-12-31");
        assert_eq!(item["fields"][0]["type"], 0);
        assert!(item["notes"]
            .as_str()
            .unwrap_or_default()
            .contains("Scopes: vso.build vso.code"));
    }

    #[test]
    fn no_expiry_means_no_fields_and_missing_username_is_null() {
        let mut e = sample();
        e.expires = None;
        e.username = None;
        let doc = parsed(&e);
        assert_eq!(doc["items"][0]["fields"], Value::Array(vec![]));
        assert!(doc["items"][0]["login"]["username"].is_null());
    }
}
