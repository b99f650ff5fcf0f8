//! Test support shared by the core's unit tests, its robustness suite and bench, and the
//! assistant's tests: the page snapshots captured from the replica
//! (`tests/fixtures/snapshots`). Compiled only for tests (feature `testkit`, which the
//! dev-dependencies turn on), never into the extension.

use crate::snapshot::Snapshot;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/snapshots"
);

/// The fixture's JSON text, as the agent sent it.
pub fn fixture_json(name: &str) -> String {
    let path = format!("{DIR}/{name}.json");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn fixture(name: &str) -> Snapshot {
    Snapshot::from_json(&fixture_json(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// Every fixture's name (without `.json`), sorted.
pub fn fixture_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(DIR)
        .unwrap_or_else(|e| panic!("{DIR}: {e}"))
        .filter_map(|e| e.unwrap().file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".json").map(str::to_string))
        .collect();
    names.sort();
    names
}
