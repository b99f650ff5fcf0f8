//! Runs the real binary on real-world scripts.

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], stdin: &str) -> (bool, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_patguard-scopes"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn json_for_a_pipeline_script_calling_five_endpoints() {
    let (ok, out, err) = run(&["--json", &fixture("release-notes.sh")], "");
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ops: Vec<&str> = v["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["operationId"].as_str().unwrap())
        .collect();
    assert_eq!(
        ops,
        [
            "Builds_Get",
            "Builds_Get Build Work Items Refs",
            "Pages_Create Or Update",
            "Pull Request Threads_Create",
            "Annotated Tags_Create"
        ]
    );
    // Threads_Create lists vso.code_write + vso.threads_full (safe reading: both);
    // annotated tags need vso.code_manage, which includes vso.code_write.
    assert_eq!(
        v["scopes"],
        serde_json::json!([
            "vso.build",
            "vso.code_manage",
            "vso.threads_full",
            "vso.wiki_write"
        ])
    );
    for call in v["calls"].as_array().unwrap() {
        assert!(
            call["input"].as_str().unwrap().starts_with("curl "),
            "{call}"
        );
        assert!(call["scopes"].is_array());
    }
    let unmapped: Vec<&str> = v["unmapped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["input"].as_str().unwrap())
        .collect();
    assert_eq!(
        unmapped,
        [
            "api=\"$SYSTEM_COLLECTIONURI$SYSTEM_TEAMPROJECT/_apis\"",
            "auth=\":$AZDO_PAT\"",
            "jq -r '.value[].id' items.json > ids.txt",
            "echo \"release notes published\""
        ]
    );
    assert!(v["unmapped"][0]["reason"].as_str().is_some());
    let kinds: Vec<&str> = v["limits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"multi-scope") && kinds.contains(&"owner-permissions"),
        "{kinds:?}"
    );
    assert!(out.contains("workload identity service connection"));
}

#[test]
fn text_from_standard_input_for_an_az_script() {
    let script =
        "az login\naz repos pr list --status active\naz pipelines run --name CI --branch main\n";
    let (ok, out, err) = run(&[], script);
    assert!(ok, "{err}");
    assert!(
        out.starts_with("Scopes to tick (3):\n  vso.build_execute  (Build: Read & execute)\n"),
        "{out}"
    );
    assert!(out.contains("  vso.code  (Code: Read)\n"), "{out}");
    assert!(out.contains("  vso.identity  (Identity: Read)\n"), "{out}");
    assert!(out.contains("Not mapped"), "{out}");
    assert!(
        out.contains("az login\n      not an Azure DevOps command"),
        "{out}"
    );
}

#[test]
fn a_missing_file_and_an_unknown_option_fail_clearly() {
    let (ok, _, err) = run(&["/no/such/file"], "");
    assert!(!ok);
    assert!(err.contains("cannot read /no/such/file"), "{err}");
    let (ok, _, err) = run(&["--yaml"], "");
    assert!(!ok);
    assert!(err.contains("unknown option --yaml"), "{err}");
}
