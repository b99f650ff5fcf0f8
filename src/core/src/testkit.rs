//! Test support shared by the core's unit tests, its robustness suite and bench, and the
//! assistant's tests: the page snapshots captured from the replica
//! (`tests/fixtures/snapshots`). Compiled only for tests (feature `testkit`, which the
//! dev-dependencies turn on), never into the extension.

use crate::snapshot::Snapshot;

const DIR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/snapshots"
);

/// The fixture's JSON text in the agent's current (flat) form. Fixtures captured before
/// protocol version 2 hold the nested tree and are converted here.
pub fn fixture_json(name: &str) -> String {
    let path = format!("{DIR}/{name}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    flat_from_nested(&text)
}

/// A version 1 snapshot (`roots`: a tree of nodes with children in `k`) as version 2
/// (`nodes`: one list in document order, each node naming its parent's position in
/// `p`). A text that is already flat is returned as it is.
pub fn flat_from_nested(text: &str) -> String {
    use serde_json::Value;
    let mut snap: Value = serde_json::from_str(text).expect("a snapshot is JSON");
    let Some(obj) = snap.as_object_mut() else {
        return text.to_string();
    };
    let Some(Value::Array(roots)) = obj.remove("roots") else {
        return text.to_string();
    };
    let mut nodes = Vec::new();
    let mut stack: Vec<(Value, Option<usize>)> =
        roots.into_iter().rev().map(|n| (n, None)).collect();
    while let Some((mut node, parent)) = stack.pop() {
        let children = node.as_object_mut().and_then(|n| n.remove("k"));
        if let (Some(p), Some(n)) = (parent, node.as_object_mut()) {
            n.insert("p".into(), p.into());
        }
        let position = nodes.len();
        nodes.push(node);
        if let Some(Value::Array(children)) = children {
            stack.extend(children.into_iter().rev().map(|c| (c, Some(position))));
        }
    }
    obj.insert("nodes".into(), Value::Array(nodes));
    obj.insert("v".into(), crate::snapshot::PROTOCOL_VERSION.into());
    snap.to_string()
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
