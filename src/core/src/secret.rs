//! A string that must never be printed: every value that can hold the one-time PAT,
//! from the snapshot's input values (`snapshot::Node::v`) to the success panel's token on
//! its way to its destination. `Debug`/`Display` show only the length, every copy's
//! buffer is wiped on drop, there is no `Serialize` (a writer that must put the value on
//! the wire calls `expose()` itself), and the content is only reachable through the
//! explicit `expose()`. It reads from a plain JSON string (`Deserialize`), so the wire
//! format does not know about it.

use serde::{Deserialize, Deserializer};
use std::fmt;
use zeroize::Zeroize;

/// `Clone` makes another value that wipes itself too; `PartialEq` lets snapshots be compared
/// in tests without printing anything.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Secret {
        Secret(value)
    }

    /// The secret text. Every call site is a place the token leaves this type:
    /// keep them few and grep-able.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Length in characters.
    pub fn len(&self) -> usize {
        self.0.chars().count()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Secret {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Secret {
        Secret(value.to_string())
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Secret, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

impl Drop for Secret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret(***, {} chars)", self.len())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_content() {
        let s = Secret::new("hunter2-super-secret".to_string());
        assert_eq!(format!("{s:?}"), "Secret(***, 20 chars)");
        assert_eq!(format!("{s}"), "Secret(***, 20 chars)");
        assert_eq!(format!("{s:#?}"), "Secret(***, 20 chars)");
        assert!(!format!("{s:?}{s}").contains("hunter2"));
        assert_eq!(s.expose(), "hunter2-super-secret");
        assert_eq!(s.len(), 20);
        assert!(!s.is_empty());
        assert!(Secret::from(String::new()).is_empty());
    }

    #[test]
    fn reads_from_a_plain_json_string_and_never_prints_it() {
        let s: Secret = serde_json::from_str("\"pat-value-1234\"").unwrap();
        assert_eq!(s.expose(), "pat-value-1234");
        assert!(!format!("{s:?}").contains("pat-value"));
        assert!(serde_json::from_str::<Secret>("12").is_err());
    }

    #[test]
    fn counts_characters_not_bytes() {
        assert_eq!(Secret::new("äö".into()).len(), 2);
    }

    #[test]
    fn zeroize_wipes_the_buffer() {
        // What Drop does, observed on a String we still own.
        let mut s = String::from("abcdef");
        s.zeroize();
        assert!(s.is_empty());
    }
}
