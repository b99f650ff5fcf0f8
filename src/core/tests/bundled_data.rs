//! build.rs compiles data/*.json in compact form and without the documentation fields
//! (`_about`, `docs_name`, `docs_category`, `verified`); every other value must be unchanged.

use serde_json::Value;

fn without_documentation(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .filter(|(k, _)| {
                    !(k.starts_with('_')
                        || matches!(k.as_str(), "docs_name" | "docs_category" | "verified"))
                })
                .map(|(k, v)| (k, without_documentation(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_documentation).collect()),
        other => other,
    }
}

fn same(name: &str, original: &str, bundled: &str) {
    let a: Value = serde_json::from_str(original).unwrap();
    let b: Value = serde_json::from_str(bundled).unwrap();
    assert_eq!(without_documentation(a), b, "{name}: bundled copy differs");
    assert!(bundled.len() < original.len(), "{name}: nothing removed");
    assert!(!bundled.contains('\n'), "{name}: still indented");
    for field in [
        "\"_about\"",
        "\"docs_name\"",
        "\"docs_category\"",
        "\"verified\"",
    ] {
        assert!(!bundled.contains(field), "{name}: {field} kept");
    }
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
