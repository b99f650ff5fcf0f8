//! The DOM builder lives in the shared browser crate (the options page uses it too).

pub use patguard_browser::dom::*;
