//! Snapshot parser + recogniser + planner: whatever the page agent sends.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patguard_core::page::PageView;
use patguard_core::planner::{plan_scopes, with_snapshot_expects};
use patguard_core::presets::preset;
use patguard_core::recognizer::recognize_at_days;
use patguard_core::snapshot::Snapshot;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(snap) = Snapshot::from_json(text) else {
        return;
    };
    // 2026-11-28
    if let PageView::Form(form) = recognize_at_days(&snap, 20_785) {
        let target = preset("git-push").unwrap().scope_set();
        let _ = with_snapshot_expects(&snap, plan_scopes(&form, &target, Some(30), form.lang));
    }
});
