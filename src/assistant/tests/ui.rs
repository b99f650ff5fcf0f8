//! The assistant's web-sys UI in a real browser (headless Chromium through
//! wasm-bindgen-test): snapshots in, DOM and port messages out.

use patguard_assistant::Assistant;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const CREATE_FULL: &str = include_str!("../../../tests/fixtures/snapshots/create-full-en.json");
const CREATE_DE: &str = include_str!("../../../tests/fixtures/snapshots/create-collapsed-de.json");
const SUCCESS: &str = include_str!("../../../tests/fixtures/snapshots/success-en.json");

struct Harness {
    root: Element,
    sent: js_sys::Array,
    assistant: Assistant,
}

fn harness() -> Harness {
    let doc = web_sys::window().unwrap().document().unwrap();
    // A container of our own: replacing the body would wipe the test runner's output.
    let root = doc.create_element("main").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
    let sent = js_sys::Array::new();
    let glue = js_sys::Object::new();
    let sink = sent.clone();
    // As extension/assistant.js: the wasm hands over the message object, the port carries it.
    let send = Closure::<dyn FnMut(JsValue)>::new(move |m: JsValue| {
        sink.push(&m);
    });
    js_sys::Reflect::set(&glue, &"send".into(), send.as_ref()).unwrap();
    send.forget();
    let assistant = Assistant::new(
        root.clone(),
        glue.unchecked_into(),
        "en-US".into(),
        "null".into(),
        "null".into(),
    );
    Harness {
        root,
        sent,
        assistant,
    }
}

/// The agent's message as assistant.js hands it over: the port's object itself, with the
/// snapshot in its flat wire form.
fn snapshot_message(json: &str) -> JsValue {
    let flat = patguard_core::testkit::flat_from_nested(json);
    js_sys::JSON::parse(&format!("{{\"type\":\"snapshot\",\"snap\":{flat}}}")).unwrap()
}

fn sent_types(h: &Harness) -> Vec<String> {
    h.sent
        .iter()
        .filter_map(|m| js_sys::Reflect::get(&m, &"type".into()).ok()?.as_string())
        .collect()
}

#[wasm_bindgen_test]
fn starts_loading_then_ready_on_a_recognised_form() {
    let h = harness();
    assert_eq!(
        h.root.get_attribute("data-state").as_deref(),
        Some("loading")
    );
    h.assistant.on_message(snapshot_message(CREATE_FULL));
    assert_eq!(h.root.get_attribute("data-state").as_deref(), Some("ready"));
    assert!(h
        .root
        .query_selector("[data-preset-id=\"git-push\"]")
        .unwrap()
        .is_some());
    h.root.remove();
}

#[wasm_bindgen_test]
fn full_access_shows_a_critical_finding_with_a_fix_and_arms_the_gate() {
    let h = harness();
    h.assistant.on_message(snapshot_message(CREATE_FULL));
    let finding = h
        .root
        .query_selector("[data-finding=\"full-access\"]")
        .unwrap()
        .expect("finding shown");
    assert_eq!(
        finding.get_attribute("data-severity").as_deref(),
        Some("critical")
    );
    assert!(finding
        .query_selector("[data-action=\"fix\"]")
        .unwrap()
        .is_some());
    assert!(sent_types(&h).contains(&"gate".to_string()));
    let live = h
        .root
        .query_selector("[data-live=\"critical\"]")
        .unwrap()
        .unwrap();
    assert!(!live.text_content().unwrap_or_default().is_empty());
    h.root.remove();
}

#[wasm_bindgen_test]
fn clicking_a_preset_asks_the_agent_to_act() {
    let h = harness();
    h.assistant.on_message(snapshot_message(CREATE_FULL));
    let button = h
        .root
        .query_selector("[data-preset-id=\"artifacts-read\"]")
        .unwrap()
        .unwrap();
    button.dyn_into::<HtmlElement>().unwrap().click();
    assert!(sent_types(&h).contains(&"act".to_string()));
    h.root.remove();
}

#[wasm_bindgen_test]
fn follows_the_page_language() {
    let h = harness();
    h.assistant.on_message(snapshot_message(CREATE_DE));
    assert_eq!(h.root.get_attribute("lang").as_deref(), Some("de"));
    let search = h
        .root
        .query_selector("[data-field=\"preset-search\"]")
        .unwrap()
        .unwrap();
    assert!(search
        .get_attribute("placeholder")
        .unwrap()
        .contains("Vorlagen"));
    h.root.remove();
}

#[wasm_bindgen_test]
fn the_success_view_offers_the_hand_off_and_never_renders_the_token() {
    let h = harness();
    h.assistant.on_message(snapshot_message(SUCCESS));
    for action in ["secure-copy", "save-kdbx"] {
        assert!(
            h.root
                .query_selector(&format!("[data-action=\"{action}\"]"))
                .unwrap()
                .is_some(),
            "{action}"
        );
    }
    // The KeePass master password is asked for in the extension's own window, and the
    // browser's password manager is never offered (it would key the token to the page's origin).
    for absent in ["input[type=\"password\"]", "[data-action=\"save-browser\"]"] {
        assert!(h.root.query_selector(absent).unwrap().is_none(), "{absent}");
    }
    let snap = js_sys::JSON::parse(SUCCESS).unwrap(); // the fixture's nested form
    let text = h.root.text_content().unwrap_or_default();
    let html = h.root.outer_html();
    let token = find_token(&snap);
    assert_eq!(token.len(), 84);
    assert!(!text.contains(&token) && !html.contains(&token));
    h.root.remove();
}

/// The read-only input's value in the fixture: the replica's fake token.
fn find_token(node: &JsValue) -> String {
    let get = |k: &str| js_sys::Reflect::get(node, &k.into()).unwrap_or(JsValue::UNDEFINED);
    if get("ro").as_bool() == Some(true) {
        if let Some(v) = get("v").as_string() {
            return v;
        }
    }
    for key in ["roots", "k"] {
        if let Ok(children) = get(key).dyn_into::<js_sys::Array>() {
            for c in children.iter() {
                let found = find_token(&c);
                if !found.is_empty() {
                    return found;
                }
            }
        }
    }
    String::new()
}

/// The production path end to end in the wasm, for a panel nested 200 levels deep whose
/// page text holds a lone UTF-16 surrogate.
#[wasm_bindgen_test]
fn a_deep_panel_with_a_lone_surrogate_is_recognised() {
    use patguard_core::snapshot::{Node, Snapshot};
    let h = harness();
    let mut snap =
        Snapshot::from_json(&patguard_core::testkit::flat_from_nested(CREATE_FULL)).unwrap();
    let handle = snap.nodes().map(|n| n.h).max().unwrap() + 1;
    let root = &mut snap.roots[0];
    let mut inner = std::mem::take(&mut root.k);
    inner.push(Node {
        h: handle,
        t: "span".into(),
        x: Some("MARK".into()),
        ..Node::default()
    });
    for depth in 1..=200 {
        inner = vec![Node {
            h: handle + depth,
            t: "div".into(),
            k: inner,
            ..Node::default()
        }];
    }
    root.k = inner;
    let text = snap
        .to_json_string()
        .replace("\"MARK\"", "\"cut \\ud83d here\"");
    let msg = js_sys::JSON::parse(&format!("{{\"type\":\"snapshot\",\"snap\":{text}}}")).unwrap();
    h.assistant.on_message(msg);
    assert_eq!(h.root.get_attribute("data-view").as_deref(), Some("form"));
    assert_eq!(h.root.get_attribute("data-state").as_deref(), Some("ready"));
    h.root.remove();
}

#[wasm_bindgen_test]
fn an_unreadable_snapshot_is_shown_as_such() {
    let h = harness();
    h.assistant.on_message(snapshot_message(CREATE_FULL));
    assert_eq!(h.root.get_attribute("data-view").as_deref(), Some("form"));
    let bad = r#"{"type":"snapshot","snap":{"v":2,"gen":9,"url":"https://dev.azure.com/x/_usersSettings/tokens","nodes":[{"h":1,"t":"div","p":4}]}}"#;
    h.assistant.on_snapshot_text(bad.into());
    assert_eq!(
        h.root.get_attribute("data-view").as_deref(),
        Some("unrecognized")
    );
    let text = h.root.text_content().unwrap_or_default();
    assert!(text.contains("could not read this page"), "{text}");
    h.root.remove();
}
