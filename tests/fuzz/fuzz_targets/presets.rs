//! Preset importer: a user-supplied JSON file of presets.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patguard_core::presets::Preset;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Preset::from_json(text);
    }
});
