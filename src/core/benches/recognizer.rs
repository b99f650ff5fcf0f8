//! The recogniser on a ~2,000-node snapshot (issue #7; budget 1 ms).
//! The snapshot is the expanded create panel (620 nodes) over a token list long enough
//! to bring the page to 2,000 nodes: what the agent sends for a busy account.

use criterion::{criterion_group, criterion_main, Criterion};
use patguard_core::date::Date;
use patguard_core::page::PageView;
use patguard_core::recognizer::recognize_at;
use patguard_core::snapshot::{Node, Snapshot};
use patguard_core::testkit::fixture;
use std::hint::black_box;

fn renumber(n: &mut Node, next: &mut u32) {
    *next += 1;
    n.h = *next;
    for c in &mut n.k {
        renumber(c, next);
    }
}

/// The expanded create form over copies of the token list, renumbered in document order.
pub fn snapshot_of(nodes: usize) -> Snapshot {
    let mut snap = fixture("create-expanded-en");
    let list = fixture("list-en").roots.remove(0);
    while snap.nodes().count() < nodes {
        snap.roots.push(list.clone());
    }
    let mut next = 0;
    for r in &mut snap.roots {
        renumber(r, &mut next);
    }
    snap
}

fn bench(c: &mut Criterion) {
    let snap = snapshot_of(2_000);
    let count = snap.nodes().count();
    let today = Date::new(2026, 11, 28).unwrap();
    assert!(matches!(recognize_at(&snap, today), PageView::Form(_)));
    let json = snap.to_json_string();
    println!("recognizer bench snapshot: {count} nodes");
    c.bench_function("recognize", |b| {
        b.iter(|| recognize_at(black_box(&snap), today))
    });
    c.bench_function("parse_and_recognize", |b| {
        b.iter(|| recognize_at(&Snapshot::from_json(black_box(&json)).unwrap(), today))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(std::time::Duration::from_secs(1))
        .measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
