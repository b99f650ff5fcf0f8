//! PAT Guard's domain core. Nothing here may depend on a browser API: every
//! piece of Azure DevOps knowledge lives in these modules and is tested natively.
// Tests build JSON input with `json!`.
#[cfg(test)]
#[macro_use]
extern crate serde_json;

pub mod action;
pub mod audit;
pub mod calculator;
pub mod catalog;
pub mod date;
pub mod findings;
pub mod inventory;
pub mod label_aliases;
pub mod page;
pub mod planner;
pub mod policy;
pub mod presets;
pub mod recognizer;
pub mod report;
pub mod secret;
pub mod settings;
pub mod snapshot;
pub mod sort;
#[cfg(any(test, feature = "testkit"))]
pub mod testkit;
pub mod token;
pub mod vault;
