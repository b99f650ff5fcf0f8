use keepass::{
    config::{CompressionConfig, DatabaseConfig, InnerCipherConfig, OuterCipherConfig},
    db::fields,
    Database, DatabaseKey,
};

use crate::{password::check_master_password, KdbxEntry, KdbxError, KdfSettings};

/// The group under the root that holds the entry, so an import into an
/// existing vault lands in one obvious place.
pub const GROUP_NAME: &str = "Azure DevOps";

const GENERATOR: &str = "PAT Guard";

/// Builds a complete, encrypted KDBX 4 file holding `entry` in [`GROUP_NAME`].
///
/// All input is checked before the (deliberately slow) key derivation runs.
pub fn build_kdbx(
    entry: &KdbxEntry,
    master_password: &str,
    kdf: KdfSettings,
) -> Result<Vec<u8>, KdbxError> {
    check_master_password(master_password, &entry.known_words())?;
    entry.validate()?;
    kdf.validate()?;

    let db = database_with(entry, kdf)?;
    let mut out = Vec::new();
    db.save(&mut out, DatabaseKey::new().with_password(master_password))
        .map_err(|e| KdbxError::Write(e.to_string()))?;
    Ok(out)
}

fn database_with(entry: &KdbxEntry, kdf: KdfSettings) -> Result<Database, KdbxError> {
    let mut config = DatabaseConfig::default();
    // AES-256 is the KDBX default that every KeePass port can read; ChaCha20
    // protects the token inside the XML, as KeePassXC does.
    config.outer_cipher_config = OuterCipherConfig::AES256;
    config.inner_cipher_config = InnerCipherConfig::ChaCha20;
    config.compression_config = CompressionConfig::GZip;
    config.kdf_config = kdf.to_config();

    let mut db = Database::with_config(config);
    db.meta.generator = Some(GENERATOR.to_owned());
    db.meta.database_name = Some(GROUP_NAME.to_owned());

    let expiry = entry.expiry()?;
    let mut root = db.root_mut();
    root.name = "Root".to_owned();
    let mut group = root.add_group();
    group.name = GROUP_NAME.to_owned();
    let mut e = group.add_entry();
    e.set_unprotected(fields::TITLE, entry.title.trim());
    e.set_unprotected(fields::USERNAME, entry.username().unwrap_or_default());
    // Protected: encrypted a second time with the inner stream, and kept in a
    // zeroize-on-drop box by the keepass crate.
    e.set_protected(fields::PASSWORD, entry.token.as_str());
    e.set_unprotected(fields::URL, entry.url().unwrap_or_default());
    e.set_unprotected(fields::NOTES, entry.notes().unwrap_or_default());
    e.tags = entry.tags();
    if let Some(expiry) = expiry {
        e.times.expiry = expiry;
        e.times.expires = Some(true);
    }
    Ok(db)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PW: &str = "correct horse battery";

    fn entry() -> KdbxEntry {
        let mut e = KdbxEntry::default();
        e.title = "ci-reader (Azure DevOps contoso)".into();
        e.username = Some("alice@contoso.com".into());
        e.token = "t0ken-value".into();
        e.url = Some("https://dev.azure.com/contoso".into());
        e.expires = Some("2026-12-31".into());
        e.notes = Some("Scopes: vso.build\nPreset: CI".into());
        e
    }

    fn reopen(bytes: &[u8], password: &str) -> Result<Database, keepass::db::DatabaseOpenError> {
        Database::open(&mut &bytes[..], DatabaseKey::new().with_password(password))
    }

    #[test]
    fn round_trips_through_the_keepass_reader() {
        let bytes = build_kdbx(&entry(), PW, KdfSettings::INSECURE_FAST_FOR_TESTS).unwrap();
        let db = reopen(&bytes, PW).unwrap();
        let root = db.root();
        let group = root.group_by_name(GROUP_NAME).expect("group");
        let e = group
            .entry_by_name("ci-reader (Azure DevOps contoso)")
            .expect("entry");
        assert_eq!(e.get_password(), Some("t0ken-value"));
        assert_eq!(e.get_username(), Some("alice@contoso.com"));
        assert_eq!(e.get_url(), Some("https://dev.azure.com/contoso"));
        assert_eq!(e.times.expires, Some(true));
        assert_eq!(e.times.expiry.to_string(), "2026-12-31 00:00:00");
        assert_eq!(e.tags, vec!["azure-devops-pat".to_owned()]);
        assert!(e.fields[fields::PASSWORD].is_protected());
    }

    #[test]
    fn the_chosen_kdf_is_written_into_the_header() {
        let kdf = KdfSettings {
            memory_kib: 2048,
            iterations: 2,
            parallelism: 2,
        };
        let bytes = build_kdbx(&entry(), PW, kdf).unwrap();
        let db = reopen(&bytes, PW).unwrap();
        assert_eq!(db.config.kdf_config, kdf.to_config());
        assert_eq!(db.config.outer_cipher_config, OuterCipherConfig::AES256);
    }

    #[test]
    fn wrong_password_does_not_open() {
        let bytes = build_kdbx(&entry(), PW, KdfSettings::INSECURE_FAST_FOR_TESTS).unwrap();
        assert!(reopen(&bytes, "not the password").is_err());
    }

    #[test]
    fn no_expiry_leaves_expires_off() {
        let mut e = entry();
        e.expires = None;
        let bytes = build_kdbx(&e, PW, KdfSettings::INSECURE_FAST_FOR_TESTS).unwrap();
        let db = reopen(&bytes, PW).unwrap();
        let stored = db.iter_all_entries().next().expect("entry");
        assert_ne!(stored.times.expires, Some(true));
    }

    #[test]
    fn token_bytes_never_appear_in_the_file() {
        let bytes = build_kdbx(&entry(), PW, KdfSettings::INSECURE_FAST_FOR_TESTS).unwrap();
        assert!(!bytes.windows(11).any(|w| w == b"t0ken-value"));
    }

    #[test]
    fn short_password_fails_before_any_work() {
        let err = build_kdbx(&entry(), "short", KdfSettings::SHIPPED).unwrap_err();
        assert!(matches!(err, KdbxError::PasswordTooShort { .. }));
    }
}
