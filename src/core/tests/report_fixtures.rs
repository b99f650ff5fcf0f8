//! Page reports turned into fixtures (`node tests/tools/report-to-fixture.mjs REPORT.json`):
//! each `tests/fixtures/snapshots/report-*.json` must still be recognised exactly as its
//! `expected/report-*.json` says. A user's bug report becomes a regression test this way.

use patguard_core::recognizer::recognize_at;
use patguard_core::report::verdict;
use patguard_core::snapshot::Snapshot;
use patguard_core::testkit::{fixture, fixture_names};

const EXPECTED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/snapshots/expected"
);

fn expected_verdict(name: &str) -> String {
    let path = format!("{EXPECTED}/{name}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    v["recognised"]
        .as_str()
        .unwrap_or_else(|| panic!("{path}: no \"recognised\""))
        .to_string()
}

#[test]
fn every_report_fixture_is_recognised_as_expected() {
    let names: Vec<String> = fixture_names()
        .into_iter()
        .filter(|n| n.starts_with("report-"))
        .collect();
    assert!(
        !names.is_empty(),
        "no report fixtures: the bug-report path is untested"
    );
    let today = patguard_core::date::Date::new(2026, 11, 28).unwrap();
    for name in names {
        let snap: Snapshot = fixture(&name);
        assert_eq!(
            verdict(&recognize_at(&snap, today)),
            expected_verdict(&name),
            "{name}"
        );
    }
}
