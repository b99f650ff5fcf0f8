//! The "page report" for bug reports from the live site: the snapshot with every
//! text that is not a known Azure DevOps label replaced, input values (the token!)
//! removed and the organization hidden, plus what the recogniser made of it.

use super::App;
use patguard_core::json::{Json, Map};
use patguard_core::page::PageView;
use patguard_core::report::redacted_report;
use zeroize::Zeroizing;

impl App {
    /// JSON for the user to attach to a bug report; `None` before the first snapshot.
    pub fn page_report(&self) -> Option<Zeroizing<String>> {
        let snap = self.snap.as_ref()?;
        let verdict = match &self.view {
            Some(PageView::List(_)) => "list".to_string(),
            Some(PageView::Form(f)) => format!("form ({:?}, {:?})", f.mode, f.lang),
            Some(PageView::Success(_)) => "success".to_string(),
            Some(PageView::OtherDialog { .. }) => "other dialog".to_string(),
            Some(PageView::Unrecognized { reason }) => format!("unrecognized: {reason}"),
            None => "none".to_string(),
        };
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
