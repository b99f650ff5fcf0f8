//! Unencrypted import files that hand one new token to another password manager, built in
//! PAT Guard's vault window beside the encrypted KeePass file: the panel frame inside the web
//! page only starts the hand-off, so neither the writers nor the file's text are ever in it.
//!
//! Every writer takes the same [`KdbxEntry`] the KeePass file does (title, notes and tags
//! already composed by the core's `VaultEntry`), so all formats agree. The files contain the
//! token in clear text: the vault window writes one only after the user confirmed that, and
//! tells them to delete it after the import.

mod bitwarden_json;
mod keepass_xml;
mod onepassword_csv;

use zeroize::{Zeroize, Zeroizing};

use crate::json::parse_entry;
use crate::{KdbxEntry, KdbxError};

pub use bitwarden_json::bitwarden_json;
pub use keepass_xml::keepass_xml;
pub use onepassword_csv::onepassword_csv;

/// The import files the vault window offers, by the id the panel's buttons and the hand-off
/// message use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportFormat {
    BitwardenJson,
    OnePasswordCsv,
    KeepassXml,
}

impl ImportFormat {
    pub fn from_id(id: &str) -> Option<ImportFormat> {
        match id {
            "bitwarden-json" => Some(ImportFormat::BitwardenJson),
            "1password-csv" => Some(ImportFormat::OnePasswordCsv),
            "keepass-xml" => Some(ImportFormat::KeepassXml),
            _ => None,
        }
    }
}

/// The file's text for `entry`, after the same checks the KeePass file makes (a title, a
/// token without surrounding whitespace, a readable expiry).
pub fn import_file(
    format: ImportFormat,
    entry: &KdbxEntry,
) -> Result<Zeroizing<String>, KdbxError> {
    entry.validate()?;
    Ok(match format {
        ImportFormat::BitwardenJson => bitwarden_json(entry),
        ImportFormat::OnePasswordCsv => onepassword_csv(entry),
        ImportFormat::KeepassXml => keepass_xml(entry)?,
    })
}

/// The export behind the wasm function: the import file for the vault request
/// `entry_json` (the JSON `kdbx_export` takes), whose text, holding the token, is wiped.
pub fn import_file_json(
    mut entry_json: String,
    format_id: &str,
) -> Result<Zeroizing<String>, KdbxError> {
    let result = ImportFormat::from_id(format_id)
        .ok_or_else(|| KdbxError::UnknownFormat(format_id.chars().take(40).collect()))
        .and_then(|format| parse_entry(&entry_json).and_then(|e| import_file(format, &e)));
    entry_json.zeroize();
    result
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) const TOKEN: &str = "tok3n,with \"quotes\" & <xml> chars\nand a line";

    /// The entry the core's `VaultEntry` composes for its own sample token.
    pub(crate) fn sample() -> KdbxEntry {
        let mut e = KdbxEntry::default();
        e.title = "build, \"deploy\" & <ci> (Azure DevOps contoso)".into();
        e.username = Some("alice@contoso.com".into());
        e.token = TOKEN.into();
        e.url = Some("https://dev.azure.com/contoso".into());
        e.expires = Some("2026-12-31".into());
        e.notes = Some(
            "Azure DevOps personal access token \"build, \"deploy\" & <ci>\" for organization contoso.\n\
             Scopes: vso.build vso.code\nPreset: CI reader\nCreated: 2026-11-28T20:00:00Z\nExpires: 2026-12-31"
                .into(),
        );
        e.tags = vec![crate::DEFAULT_TAG.into()];
        e
    }

    #[test]
    fn format_ids_are_the_panels() {
        for (id, format) in [
            ("bitwarden-json", ImportFormat::BitwardenJson),
            ("1password-csv", ImportFormat::OnePasswordCsv),
            ("keepass-xml", ImportFormat::KeepassXml),
        ] {
            assert_eq!(ImportFormat::from_id(id), Some(format));
        }
        assert_eq!(ImportFormat::from_id("kdbx"), None);
    }

    #[test]
    fn a_file_is_made_from_the_request_json_and_checked_like_the_kdbx() {
        let json = r#"{"title":"t (Azure DevOps o)","username":null,"token":"tok","url":"https://dev.azure.com/o","expires":"2026-12-31","notes":"n","tags":["azure-devops-pat"]}"#;
        let csv = import_file_json(json.into(), "1password-csv").unwrap();
        assert!(csv.contains("\"tok\""));
        let err = import_file_json(json.replace("tok\"", "tok \""), "keepass-xml").unwrap_err();
        assert_eq!(err, KdbxError::TokenHasWhitespace);
        let err = import_file_json(json.into(), "text-file").unwrap_err();
        assert!(err.to_string().contains("text-file"), "{err}");
        let err = import_file_json(json.replace("2026-12-31", "31.12.2026"), "bitwarden-json")
            .unwrap_err();
        assert!(matches!(err, KdbxError::BadExpiry(_)), "{err}");
    }
}
