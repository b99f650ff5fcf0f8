//! The browser helpers both extension pages use: `dom` builds elements with web-sys
//! (never from markup, so page-derived text cannot become markup), and `glue` reads the
//! results of the typed JS glue each page declares for itself.

pub mod dom;
pub mod glue;
