//! The assistant builds the request with `patguard_core::vault` and hands it
//! to `kdbx_export`; this pins the two crates to the same JSON shape.

use patguard_core::vault::{NewToken, VaultEntry};
use patguard_kdbx::{build_kdbx, import_file_json, KdbxEntry, KdfSettings};

#[test]
fn core_vault_json_is_accepted_by_the_kdbx_module() {
    let vault = VaultEntry::for_new_token(&NewToken {
        name: "ci-reader",
        organization: "contoso",
        username: Some("alice@contoso.com"),
        token: "not-a-real-token-0123456789",
        url: None,
        expires: Some("2026-12-31T23:59:59.9966667Z"),
        scopes: &["vso.build"],
        preset: Some("CI reader"),
        created: "2026-11-28T20:00:00Z",
    })
    .expect("vault entry");
    let json = vault.to_vault_request_json();

    let entry: KdbxEntry = serde_json::from_str(&json).expect("kdbx accepts core's JSON");
    assert_eq!(entry.title, "ci-reader (Azure DevOps contoso)");
    assert_eq!(entry.url.as_deref(), Some("https://dev.azure.com/contoso"));
    assert_eq!(entry.expires.as_deref(), Some("2026-12-31T23:59:59Z"));
    assert!(entry.token == "not-a-real-token-0123456789");
    build_kdbx(
        &entry,
        "correct horse battery",
        KdfSettings::INSECURE_FAST_FOR_TESTS,
    )
    .expect("a database is written");
}

#[test]
fn core_vault_json_makes_every_import_file() {
    let token = "not-a-real-token-0123456789";
    let vault = VaultEntry::for_new_token(&NewToken {
        name: "=ci-reader",
        organization: "contoso",
        username: None,
        token,
        url: Some("https://ado.contoso.test/DefaultCollection"),
        expires: Some("2026-12-31"),
        scopes: &["vso.build"],
        preset: None,
        created: "2026-11-28",
    })
    .expect("vault entry");
    let json = vault.to_vault_request_json();
    let file = |format: &str| import_file_json(json.to_string(), format).expect(format);

    let bitwarden: serde_json::Value = serde_json::from_str(&file("bitwarden-json")).unwrap();
    let item = &bitwarden["items"][0];
    assert_eq!(item["name"], "=ci-reader (Azure DevOps contoso)");
    assert!(item["login"]["password"] == token);
    assert!(item["login"]["username"].is_null());
    assert_eq!(
        item["login"]["uris"][0]["uri"],
        "https://ado.contoso.test/DefaultCollection"
    );
    assert_eq!(item["fields"][0]["value"], "2026-12-31");
    assert_eq!(item["notes"], vault.notes.as_str());

    let csv = file("1password-csv");
    let record = csv.lines().nth(1).expect("one record");
    assert!(
        record.starts_with("\"'=ci-reader (Azure DevOps contoso)\","),
        "{record}"
    );
    assert!(record.contains(&format!(",\"{token}\",")));

    let xml = file("keepass-xml");
    assert!(xml.contains("<ExpiryTime>2026-12-31T00:00:00Z</ExpiryTime>"));
    assert!(xml.contains(&format!(
        "<Key>Password</Key><Value ProtectInMemory=\"True\">{token}</Value>"
    )));
    assert!(xml.contains("<Tags>azure-devops-pat</Tags>"));
}
