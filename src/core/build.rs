//! Copies the bundled JSON data (data/*.json) into OUT_DIR without the whitespace between
//! tokens, so the wasm carries no indentation. Only whitespace outside strings is dropped;
//! the parsed values are identical (tests parse both and compare).

use std::{env, fs, path::Path};

const FILES: [&str; 3] = ["ado-scopes.json", "ado-page-texts.json", "presets.json"];

fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
        }
    }
    out
}

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in FILES {
        let src = Path::new("data").join(name);
        println!("cargo:rerun-if-changed={}", src.display());
        let text = fs::read_to_string(&src).expect("bundled data file is readable");
        fs::write(Path::new(&out_dir).join(name), minify(&text)).expect("OUT_DIR is writable");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
