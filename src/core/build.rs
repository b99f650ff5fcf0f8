//! Turns the bundled data (data/*.json) into Rust statics in OUT_DIR, validated at build
//! time: the scope catalog, page texts, label variants and presets (`build/catalog.rs`) and
//! the calculator's REST tables (`build/rest_scopes.rs`). The wasm parses none of them.

use std::{env, path::Path};

#[path = "build/catalog.rs"]
mod catalog;
#[path = "build/rest_scopes.rs"]
mod rest_scopes;

fn main() {
    let out_dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    catalog::generate(Path::new("data"), Path::new(&out_dir));
    rest_scopes::generate(Path::new(&out_dir));
    println!("cargo:rerun-if-changed=build.rs");
}
