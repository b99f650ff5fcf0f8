//! build.rs compiles data/*.json in without indentation; the values must be unchanged.

use serde_json::Value;

fn same(name: &str, original: &str, bundled: &str) {
    let a: Value = serde_json::from_str(original).unwrap();
    let b: Value = serde_json::from_str(bundled).unwrap();
    assert_eq!(a, b, "{name}: minified copy differs");
    assert!(bundled.len() < original.len(), "{name}: nothing removed");
    assert!(!bundled.contains('\n'), "{name}: still indented");
}

#[test]
fn minified_data_parses_to_the_same_values() {
    same(
        "ado-scopes.json",
        include_str!("../data/ado-scopes.json"),
        include_str!(concat!(env!("OUT_DIR"), "/ado-scopes.json")),
    );
    same(
        "ado-page-texts.json",
        include_str!("../data/ado-page-texts.json"),
        include_str!(concat!(env!("OUT_DIR"), "/ado-page-texts.json")),
    );
    same(
        "presets.json",
        include_str!("../data/presets.json"),
        include_str!(concat!(env!("OUT_DIR"), "/presets.json")),
    );
}
