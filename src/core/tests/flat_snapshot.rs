//! The snapshot's wire form (protocol version 2): a flat node list with parent
//! positions. No DOM depth and no odd character in a page text costs the snapshot.

use patguard_core::date::Date;
use patguard_core::page::PageView;
use patguard_core::recognizer::recognize_at;
use patguard_core::snapshot::{Node, Snapshot, PROTOCOL_VERSION};
use patguard_core::testkit::{fixture, fixture_names};

fn capture_day() -> Date {
    Date::new(2026, 11, 28).unwrap()
}

/// Moves the children of every root into a chain of `depth` plain `div`s, as a page
/// that wraps its panel content in many layers would.
fn nest(mut snap: Snapshot, depth: u32) -> Snapshot {
    let mut next_handle = snap.nodes().map(|n| n.h).max().unwrap_or(0) + 1;
    for root in &mut snap.roots {
        let mut inner = std::mem::take(&mut root.k);
        for _ in 0..depth {
            let wrapper = Node {
                h: next_handle,
                t: "div".into(),
                k: inner,
                ..Node::default()
            };
            next_handle += 1;
            inner = vec![wrapper];
        }
        root.k = inner;
    }
    snap
}

fn depth_of(snap: &Snapshot) -> usize {
    let mut deepest = 0;
    let mut stack: Vec<(&Node, usize)> = snap.roots.iter().map(|n| (n, 1)).collect();
    while let Some((n, d)) = stack.pop() {
        deepest = deepest.max(d);
        stack.extend(n.k.iter().map(|k| (k, d + 1)));
    }
    deepest
}

#[test]
fn every_fixture_survives_the_wire_form() {
    for name in fixture_names() {
        let snap = fixture(&name);
        let text = snap.to_json_string();
        assert!(text.contains("\"nodes\":["), "{name}");
        assert!(!text.contains("\"k\":"), "{name}");
        assert_eq!(Snapshot::from_json(&text).unwrap(), snap, "{name}");
    }
}

#[test]
fn a_dom_200_levels_deep_is_recognised() {
    for (name, want_form) in [("create-full-en", true), ("success-en", false)] {
        let deep = nest(fixture(name), 200);
        assert!(depth_of(&deep) > 200);
        let text = deep.to_json_string();
        let read = Snapshot::from_json(&text).expect("a deep snapshot reads");
        assert_eq!(read, deep);
        match recognize_at(&read, capture_day()) {
            PageView::Form(_) => assert!(want_form, "{name}"),
            PageView::Success(_) => assert!(!want_form, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn depth_is_bounded_only_by_the_node_budget() {
    // The agent stops at 6,000 nodes; a chain that long reads, recognises and drops.
    let deep = nest(fixture("create-full-en"), 5_000);
    let read = Snapshot::from_json(&deep.to_json_string()).unwrap();
    assert!(matches!(
        recognize_at(&read, capture_day()),
        PageView::Form(_)
    ));
}

#[test]
fn a_lone_surrogate_costs_one_character_not_the_snapshot() {
    let mut snap = fixture("create-full-en");
    let marked = snap.roots[0]
        .k
        .iter_mut()
        .find(|n| n.x.is_none())
        .expect("a node without own text");
    marked.x = Some("MARK".into());
    // `JSON.stringify` writes a lone surrogate as an escape; serde_json alone refuses it.
    let text = snap
        .to_json_string()
        .replace("\"MARK\"", "\"a\\ud800b\\udc00c\\ud83d\\ude00\"");
    assert!(serde_json::from_str::<serde_json::Value>(&text).is_err());
    let read = Snapshot::from_json(&text).expect("read with U+FFFD in place");
    assert!(read
        .nodes()
        .any(|n| n.x.as_deref() == Some("a\u{FFFD}b\u{FFFD}c\u{1F600}")));
    assert!(matches!(
        recognize_at(&read, capture_day()),
        PageView::Form(_)
    ));
    // An escaped backslash before `u` is not an escape of a surrogate.
    let text = snap.to_json_string().replace("\"MARK\"", "\"\\\\ud800\"");
    let read = Snapshot::from_json(&text).unwrap();
    assert!(read.nodes().any(|n| n.x.as_deref() == Some("\\ud800")));
}

#[test]
fn a_bad_parent_or_version_is_refused_with_the_reason() {
    let ok = r#"{"v":2,"gen":1,"url":"u","nodes":[{"h":1,"t":"div"},{"h":2,"t":"span","p":0}]}"#;
    let snap = Snapshot::from_json(ok).unwrap();
    assert_eq!(snap.roots.len(), 1);
    assert_eq!(snap.roots[0].k[0].h, 2);
    let forward =
        r#"{"v":2,"gen":1,"url":"u","nodes":[{"h":1,"t":"div","p":1},{"h":2,"t":"span"}]}"#;
    assert!(Snapshot::from_json(forward)
        .unwrap_err()
        .contains("node 0: its parent 1 does not come before it"));
    let nested = r#"{"v":1,"gen":1,"url":"u","roots":[]}"#;
    assert!(Snapshot::from_json(nested).unwrap_err().contains(&format!(
        "snapshot protocol version 1 is not supported (expected {PROTOCOL_VERSION})"
    )));
}
