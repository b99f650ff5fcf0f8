//! The assistant builds the request with `patguard_core::vault` and hands it
//! to `kdbx_export`; this pins the two crates to the same JSON shape.

use patguard_core::vault::{NewToken, VaultEntry};
use patguard_kdbx::{build_kdbx, KdbxEntry, KdfSettings};

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
    let json = vault.to_kdbx_request_json();

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
