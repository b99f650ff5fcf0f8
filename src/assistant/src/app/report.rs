//! The "page report" for bug reports from the live site: the snapshot with every
//! text that is not a known Azure DevOps label replaced, input values (the token!)
//! removed and the organization hidden, plus what the recogniser made of it.

use super::App;
use patguard_core::json::{Json, Map};
use patguard_core::report::{redacted_report, verdict};
use zeroize::Zeroizing;

impl App {
    /// JSON for the user to attach to a bug report; `None` before the first snapshot.
    pub fn page_report(&self) -> Option<Zeroizing<String>> {
        let snap = self.snap.as_ref()?;
        let verdict = self
            .view
            .as_ref()
            .map_or_else(|| "none".to_string(), verdict);
        // Keys in alphabetical order, as the former serde_json `json!` wrote them.
        let report: Json = Map::new()
            .with("extensionVersion", env!("CARGO_PKG_VERSION"))
            .with("patguardReport", 1u32)
            .with("recognised", verdict)
            .with("snapshot", redacted_report(snap).to_json())
            .into();
        Some(Zeroizing::new(report.to_string_pretty()))
    }
}
