//! PAT Guard's domain core. Nothing here may depend on a browser API: every
//! piece of Azure DevOps knowledge lives in these modules and is tested natively.
pub mod catalog;
pub mod snapshot;
pub mod action;
pub mod page;
pub mod date;
pub mod secret;
pub mod token;
pub mod presets;
pub mod policy;
pub mod vault;
pub mod findings;
pub mod recognizer;
pub mod planner;
pub mod report;
