//! Where the assistant is mounted for a success view shown in the page itself (no
//! dialog): `SuccessState::region` / `PageView::mount_region`, the handle the agent puts
//! the assistant frame before.

use super::index::{is_clickable, Index};
use super::tests::{capture_day, edit_nodes, fixture};
use super::*;
use crate::page::{PageView, SuccessState};
use crate::snapshot::{Handle, Node, Snapshot};

/// The fixture's success panel with its dialog role taken away: the same content as a
/// plain page region.
fn in_page(name: &str) -> Snapshot {
    let mut snap = fixture(name);
    edit_nodes(&mut snap, &mut |n| {
        if matches!(n.r.as_deref(), Some("dialog" | "alertdialog")) {
            n.r = None;
        }
    });
    snap
}

fn success(snap: &Snapshot) -> SuccessState {
    match recognize_at(snap, capture_day()) {
        PageView::Success(s) => s,
        other => panic!("expected the success view, got {other:?}"),
    }
}

/// The position of handle `h` in the index.
fn pos(ix: &Index, h: Handle) -> usize {
    (0..ix.len()).find(|&j| ix.node(j).h == h).unwrap()
}

/// Checks that `region` holds the token and `beside` (its copy button), and that no
/// child of it does: it is the nearest such container, and not a snapshot root.
fn assert_nearest_container(snap: &Snapshot, s: &SuccessState, beside: Handle) {
    let ix = Index::new(snap);
    let region = pos(&ix, s.region.expect("a region is named"));
    let token = pos(&ix, s.token_field);
    let button = pos(&ix, beside);
    assert!(ix.parent(region).is_some(), "the region is a snapshot root");
    assert!(ix.contains(region, token) && ix.contains(region, button));
    let child_holds_both = ix
        .descendants(region)
        .filter(|&c| ix.parent(c) == Some(region))
        .any(|c| ix.contains(c, token) && ix.contains(c, button));
    assert!(!child_holds_both, "a nearer container holds both");
}

#[test]
fn a_token_in_the_page_names_the_row_holding_it_and_its_copy_button() {
    for name in [
        "success-en",
        "success-de",
        "success-legacy-en",
        "success-regenerated-en",
    ] {
        let snap = in_page(name);
        let s = success(&snap);
        let copy = s
            .copy_button
            .unwrap_or_else(|| panic!("{name}: no copy button"));
        assert_nearest_container(&snap, &s, copy);
        assert_eq!(
            recognize_at(&snap, capture_day()).mount_region(),
            s.region,
            "{name}"
        );
    }
    // In the English fixture: the flex row of the read-only field and the copy button.
    let snap = in_page("success-en");
    let region = success(&snap).region.unwrap();
    let row = snap.find(region).unwrap();
    assert_eq!(
        row.c.as_deref(),
        Some("flex-row flex-center rhythm-horizontal-8")
    );
}

#[test]
fn an_unlabelled_copy_button_is_found_by_its_place_beside_the_token() {
    let labelled = success(&in_page("success-en"));
    let mut snap = in_page("success-en");
    edit_nodes(&mut snap, &mut |n| {
        if n.l.as_deref() == Some("Copy to clipboard") {
            n.l = None;
        }
    });
    let s = success(&snap);
    assert_eq!(s.copy_button, None, "no label, no recognised copy button");
    assert_eq!(s.region, labelled.region);
}

#[test]
fn a_token_shown_as_text_names_the_same_kind_of_container() {
    let mut snap = in_page("success-en");
    edit_nodes(&mut snap, &mut |n| {
        if n.t == "input" && n.ro {
            n.t = "code".into();
            n.x = n.v.take().map(|v| v.expose().to_string());
            n.ro = false;
            n.ty = None;
        }
    });
    let s = success(&snap);
    assert_eq!(snap.find(s.token_field).unwrap().t, "code");
    assert_nearest_container(&snap, &s, s.copy_button.unwrap());
}

#[test]
fn without_any_button_the_region_is_the_tokens_parent() {
    let mut snap = in_page("success-en");
    edit_nodes(&mut snap, &mut |n| {
        n.k.retain(|k| !is_clickable(k));
    });
    let s = success(&snap);
    let ix = Index::new(&snap);
    let token = pos(&ix, s.token_field);
    assert_eq!(s.region, ix.parent(token).map(|p| ix.node(p).h));
}

#[test]
fn a_token_above_the_token_list_is_the_success_view_and_names_its_row() {
    let mut snap = fixture("list-en");
    let mut region = in_page("success-en").roots.remove(0);
    // Handles are unique in a snapshot: the success content gets its own range.
    fn shift(n: &mut Node) {
        n.h += 10_000;
        n.k.iter_mut().for_each(shift);
    }
    shift(&mut region);
    snap.roots[0].k.insert(0, region);
    let s = success(&snap);
    assert_eq!(s.region, Some(10_022));
    assert_nearest_container(&snap, &s, s.copy_button.unwrap());
}

#[test]
fn in_a_dialog_or_on_any_other_view_no_region_is_named() {
    // The agent mounts in the dialog itself, as before.
    let s = success(&fixture("success-en"));
    assert_eq!(s.region, None);
    for name in [
        "success-de",
        "list-en",
        "create-collapsed-en",
        "edit-en",
        "revoke-en",
    ] {
        let view = recognize_at(&fixture(name), capture_day());
        assert_eq!(view.mount_region(), None, "{name}: {view:?}");
    }
    // Nothing recognised: nothing named.
    let mut snap = in_page("success-en");
    snap.url = "https://dev.azure.com/contoso/_git/repo".into();
    let view = recognize_at(&snap, capture_day());
    assert!(matches!(view, PageView::Unrecognized { .. }), "{view:?}");
    assert_eq!(view.mount_region(), None);
    // A value that fails the token validation is no token: no success view, no region.
    let mut snap = in_page("success-en");
    edit_nodes(&mut snap, &mut |n| {
        if n.expose_value().is_some_and(|v| v.len() == 84) {
            n.v = Some("x".repeat(84).into());
        }
    });
    assert_eq!(recognize_at(&snap, capture_day()).mount_region(), None);
}
