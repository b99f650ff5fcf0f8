//! The "page report" for bug reports from the live site: the snapshot with every
//! text that is not a known Azure DevOps label replaced, input values (the token!)
//! removed and the organization hidden, plus what the recogniser made of it.

use super::App;
use patguard_core::report::{redacted_report, verdict};
use patguard_core::snapshot::Snapshot;
use serde::Serialize;
use zeroize::Zeroizing;

impl App {
    /// JSON for the user to attach to a bug report; `None` before the first snapshot.
    pub fn page_report(&self) -> Option<Zeroizing<String>> {
        let snap = self.snap.as_ref()?;
        let verdict = self
            .view
            .as_ref()
            .map_or_else(|| "none".to_string(), verdict);
        let report = PageReport {
            extension_version: env!("CARGO_PKG_VERSION"),
            patguard_report: 1,
            recognised: verdict,
            snapshot: redacted_report(snap),
        };
        let text = serde_json::to_string_pretty(&report).expect("a report has only plain values");
        Some(Zeroizing::new(text))
    }
}

/// The report file (tests/tools read it back); keys in alphabetical order, the order
/// reports have always had.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PageReport {
    extension_version: &'static str,
    patguard_report: u32,
    recognised: String,
    snapshot: Snapshot,
}
