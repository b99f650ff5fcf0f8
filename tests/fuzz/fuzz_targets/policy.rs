//! Policy reader: enterprise `storage.managed` and user settings are JSON from outside.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patguard_core::policy::read_policy;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
        let _ = read_policy(&value);
    }
});
