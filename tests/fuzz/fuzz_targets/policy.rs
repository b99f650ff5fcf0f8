//! Policy reader: enterprise `storage.managed` and user settings are JSON from outside.
//! Also checks the core's own JSON module: whatever it reads, it writes back to text
//! that reads as the same value.
#![no_main]
use libfuzzer_sys::fuzz_target;
use patguard_core::json::Json;
use patguard_core::policy::read_policy;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = Json::parse(text) {
        assert_eq!(Json::parse(&value.to_json_string()).as_ref(), Ok(&value));
        assert_eq!(Json::parse(&value.to_string_pretty()).as_ref(), Ok(&value));
        let _ = read_policy(&value);
    }
});
