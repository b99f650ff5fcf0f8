//! Opens what we write with the real KeePassXC command line client, using the
//! KDF settings the extension ships. This is the proof that the file is a
//! valid KDBX 4 database, not just something our own reader accepts.
//!
//! CI installs `keepassxc` (Debian package); without it this test fails on
//! purpose, because silently skipping would hide a broken export.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use patguard_core::vault::{NewToken, VaultEntry};
use patguard_kdbx::{build_kdbx, import_file_json, KdbxEntry, KdfSettings, GROUP_NAME};

const MASTER: &str = "correct horse battery staple";
const TITLE: &str = "build & <deploy> \"ci\" (Azure DevOps contoso)";

fn keepassxc_cli(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new("keepassxc-cli")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "keepassxc-cli could not be started ({e}). Install it \
                 (`apt-get install keepassxc`) - this test must not be skipped."
            )
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write password");
    child.wait_with_output().expect("keepassxc-cli output")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// KDBX 4 XML stores times as base64 of little-endian seconds since
/// 0001-01-01T00:00:00Z, which is what `keepassxc-cli export` prints.
fn kdbx4_time(rfc3339: &str) -> String {
    use base64::Engine;
    let t = chrono::DateTime::parse_from_rfc3339(rfc3339).expect("time");
    let year_one = chrono::DateTime::parse_from_rfc3339("0001-01-01T00:00:00Z").expect("epoch");
    let seconds = (t - year_one).num_seconds();
    base64::engine::general_purpose::STANDARD.encode(seconds.to_le_bytes())
}

fn entry(token: &str) -> KdbxEntry {
    let mut e = KdbxEntry::default();
    e.title = TITLE.into();
    e.username = Some("alice@contoso.com".into());
    e.token = token.into();
    e.url = Some("https://dev.azure.com/contoso".into());
    e.expires = Some("2026-12-31".into());
    e.notes =
        Some("Scopes: vso.build vso.code\nPreset: CI reader\nCreated: 2026-11-28T20:00:00Z".into());
    e.tags = vec!["ci".into()];
    e
}

fn write_db(dir: &Path, token: &str) -> String {
    let started = Instant::now();
    let bytes = build_kdbx(&entry(token), MASTER, KdfSettings::SHIPPED).expect("build");
    eprintln!(
        "build_kdbx with the shipped KDF took {:?} (debug build)",
        started.elapsed()
    );
    let path = dir.join("pat.kdbx");
    std::fs::write(&path, bytes).expect("write kdbx");
    path.to_str().expect("utf-8 path").to_owned()
}

#[test]
fn keepassxc_cli_opens_the_database_and_sees_the_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A realistic 84-character token shape; never printed.
    let token =
        "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789AZDOabcdefgh";
    let db = write_db(dir.path(), token);
    let pw = format!("{MASTER}\n");
    let path = format!("{GROUP_NAME}/{TITLE}");

    let ls = keepassxc_cli(&["ls", "-R", "-f", &db], &pw);
    assert!(
        ls.status.success(),
        "ls failed: {}",
        String::from_utf8_lossy(&ls.stderr)
    );
    assert!(
        stdout(&ls).lines().any(|l| l == path),
        "ls -R -f:\n{}",
        stdout(&ls)
    );

    let show = keepassxc_cli(
        &[
            "show", "-q", "-s", "-a", "Password", "-a", "URL", "-a", "UserName", &db, &path,
        ],
        &pw,
    );
    assert!(
        show.status.success(),
        "show failed: {}",
        String::from_utf8_lossy(&show.stderr)
    );
    let text = stdout(&show);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "expected three attribute lines");
    // Compared without printing either side: the token is a secret even here.
    assert!(
        lines[0] == token,
        "Password attribute differs from the token"
    );
    assert_eq!(lines[1], "https://dev.azure.com/contoso");
    assert_eq!(lines[2], "alice@contoso.com");

    let xml = keepassxc_cli(&["export", "-q", "-f", "xml", &db], &pw);
    assert!(xml.status.success(), "export failed");
    let xml = stdout(&xml);
    assert!(
        xml.contains("<Expires>True</Expires>"),
        "entry does not expire"
    );
    let expiry = format!(
        "<ExpiryTime>{}</ExpiryTime>",
        kdbx4_time("2026-12-31T00:00:00Z")
    );
    assert!(xml.contains(&expiry), "wrong expiry, wanted {expiry}");
    // KeePassXC re-sorts tags on export.
    assert!(
        xml.contains("<Tags>azure-devops-pat,ci</Tags>"),
        "tags missing"
    );
    assert!(xml.contains("Preset: CI reader"), "notes missing");
    assert!(xml.contains("<Name>Azure DevOps</Name>"), "group missing");

    let info = keepassxc_cli(&["db-info", "-q", &db], &pw);
    assert!(info.status.success(), "db-info failed");
    let info = stdout(&info);
    assert!(info.contains("Argon2id"), "KDF is not Argon2id:\n{info}");
    assert!(info.contains("AES 256"), "cipher is not AES-256:\n{info}");
}

#[test]
fn keepassxc_cli_rejects_a_wrong_password() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = write_db(dir.path(), "not-a-real-token-0123456789");
    let out = keepassxc_cli(&["ls", "-q", &db], "wrong password entirely\n");
    assert!(
        !out.status.success(),
        "a wrong password opened the database"
    );
}

#[test]
fn keepassxc_cli_imports_the_keepass_xml_file_and_reads_the_entry_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let xml_path = dir.path().join("entry.xml");
    let db_path = dir.path().join("imported.kdbx");

    // Markup characters in the secret prove the escaping survives a real reader.
    let token = "pat&<tok>\"en'0123456789abcdefghijklmnopqrstuvwxyz";
    let entry = VaultEntry::for_new_token(&NewToken {
        name: "deploy & <release>",
        organization: "contoso",
        username: Some("alice@contoso.com"),
        token,
        url: None,
        expires: Some("2026-12-31"),
        scopes: &["vso.build", "vso.release_execute"],
        preset: Some("Release \"bot\""),
        created: "2026-11-28T20:00:00Z",
    })
    .expect("entry");
    // The request the panel sends, made into the file as the vault window makes it.
    let file = import_file_json(String::clone(&entry.to_vault_request_json()), "keepass-xml")
        .expect("xml");
    std::fs::write(&xml_path, file.as_bytes()).expect("write xml");
    let xml = xml_path.to_str().expect("path");
    let db = db_path.to_str().expect("path");

    let import = keepassxc_cli(
        &["import", "-q", "-p", xml, db],
        "pw-for-test\npw-for-test\n",
    );
    assert!(
        import.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&import.stderr)
    );

    let path = format!("Azure DevOps/{}", entry.title);
    let show = keepassxc_cli(
        &[
            "show", "-q", "-s", "-a", "Password", "-a", "URL", "-a", "UserName", db, &path,
        ],
        "pw-for-test\n",
    );
    assert!(
        show.status.success(),
        "show failed: {}",
        String::from_utf8_lossy(&show.stderr)
    );
    let out = String::from_utf8_lossy(&show.stdout).into_owned();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "expected three attribute lines");
    assert!(lines[0] == token, "Password differs from the token");
    assert_eq!(lines[1], "https://dev.azure.com/contoso");
    assert_eq!(lines[2], "alice@contoso.com");

    let notes = keepassxc_cli(&["show", "-q", "-a", "Notes", db, &path], "pw-for-test\n");
    assert_eq!(
        String::from_utf8_lossy(&notes.stdout).trim_end(),
        entry.notes
    );

    let export = keepassxc_cli(&["export", "-q", "-f", "xml", db], "pw-for-test\n");
    let exported = String::from_utf8_lossy(&export.stdout).into_owned();
    assert!(exported.contains("<Expires>True</Expires>"), "expiry lost");
    assert!(
        exported.contains("<Tags>azure-devops-pat</Tags>"),
        "tag lost"
    );
}
