//! Policy reader: enterprise `storage.managed` and user settings are JSON from outside.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patguard_core::policy::read_policy;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = read_policy(&value);
    }
});
