//! Copies the bundled JSON data (data/*.json) into OUT_DIR in compact form and without
//! the fields only people read (`_about`, `docs_name`, `docs_category`, `verified`), so
//! the wasm carries neither indentation nor documentation (issue #7). The tests compare
//! what is written with the source files.

use std::{env, fs, path::Path};

use serde_json::Value as Json;

#[path = "build/rest_scopes.rs"]
mod rest_scopes;

const FILES: [&str; 3] = ["ado-scopes.json", "ado-page-texts.json", "presets.json"];

/// Fields no code reads: kept in the source files for their readers.
fn is_documentation(key: &str) -> bool {
    key.starts_with('_') || matches!(key, "docs_name" | "docs_category" | "verified")
}

fn strip(value: Json) -> Json {
    match value {
        Json::Array(items) => Json::Array(items.into_iter().map(strip).collect()),
        Json::Object(map) => Json::Object(
            map.into_iter()
                .filter(|(k, _)| !is_documentation(k))
                .map(|(k, v)| (k, strip(v)))
                .collect(),
        ),
        other => other,
    }
}

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in FILES {
        let src = Path::new("data").join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let text = fs::read_to_string(&src).expect("bundled data file is readable");
        let value: Json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let compact = strip(value).to_string();
        fs::write(Path::new(&out_dir).join(name), compact).expect("OUT_DIR is writable");
    }
    rest_scopes::generate(Path::new(&out_dir));
    println!("cargo:rerun-if-changed=build.rs");
}
