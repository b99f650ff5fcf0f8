//! Snapshots as the port delivers them: an already-parsed object tree (the JS object the
//! glue hands the wasm), read with the same serde `Deserialize` the port uses, then
//! written back and read again, and recognised.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patguard_core::recognizer::recognize_at_days;
use patguard_core::snapshot::Snapshot;
use serde::Deserialize;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return;
    };
    let Ok(snap) = Snapshot::deserialize(&value) else {
        return;
    };
    let again = Snapshot::from_json(&snap.to_json_string()).expect("what the core writes, it reads");
    assert_eq!(again, snap);
    // 2026-11-28
    let _ = recognize_at_days(&snap, 20_785);
});
