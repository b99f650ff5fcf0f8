//! `Secret` wipes its buffer before the memory goes back to the allocator: observed at the
//! allocator itself. This binary's global allocator looks at every block it is handed back
//! and notes whether it still held the marker text; a plain `String` (the control) returns
//! its bytes intact, a `Secret` returns them zeroed.

use patguard_core::secret::Secret;
use patguard_core::snapshot::{HeldSnapshot, Node, Snapshot};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

/// A text no other allocation in this binary holds.
const MARKER: &[u8] = b"azdo-pat-marker-5f0e1c9a";

static FREED_WITH_MARKER: AtomicBool = AtomicBool::new(false);

struct Watching;

unsafe impl GlobalAlloc for Watching {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the block is still ours until System.dealloc below.
        let block = std::slice::from_raw_parts(ptr, layout.size());
        if block.windows(MARKER.len()).any(|w| w == MARKER) {
            FREED_WITH_MARKER.store(true, Ordering::SeqCst);
        }
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Watching = Watching;

fn marker_string() -> String {
    let mut s = String::with_capacity(64);
    s.push_str(std::str::from_utf8(MARKER).unwrap());
    s
}

#[test]
fn a_dropped_secret_or_held_snapshot_returns_zeroed_memory_and_a_plain_string_does_not() {
    // Control: the allocator check sees a plain String's bytes when it is freed.
    let plain = marker_string();
    FREED_WITH_MARKER.store(false, Ordering::SeqCst);
    drop(plain);
    assert!(
        FREED_WITH_MARKER.load(Ordering::SeqCst),
        "the check cannot see freed text"
    );

    let secret = Secret::new(marker_string());
    assert_eq!(secret.expose().as_bytes(), MARKER);
    FREED_WITH_MARKER.store(false, Ordering::SeqCst);
    drop(secret);
    assert!(
        !FREED_WITH_MARKER.load(Ordering::SeqCst),
        "a Secret's text was still in memory when it was freed"
    );

    // A held success-view snapshot: its input value (the token) deep in the tree is wiped
    // when the snapshot is dropped. One test function, so no other test frees memory meanwhile.
    let mut node = Node {
        v: Some(marker_string().into()),
        ..Node::default()
    };
    for _ in 0..300 {
        node = Node {
            k: vec![node],
            ..Node::default()
        };
    }
    let held = HeldSnapshot::new(Snapshot {
        roots: vec![node],
        ..Snapshot::default()
    });
    FREED_WITH_MARKER.store(false, Ordering::SeqCst);
    drop(held);
    assert!(
        !FREED_WITH_MARKER.load(Ordering::SeqCst),
        "a held snapshot's input value was still in memory when it was freed"
    );

    // Any snapshot, held or not: the value is a `Secret`, which wipes itself.
    let snap = Snapshot {
        roots: vec![Node {
            v: Some(marker_string().into()),
            ..Node::default()
        }],
        ..Snapshot::default()
    };
    FREED_WITH_MARKER.store(false, Ordering::SeqCst);
    drop(snap);
    assert!(
        !FREED_WITH_MARKER.load(Ordering::SeqCst),
        "a snapshot's input value was still in memory when it was freed"
    );
}
