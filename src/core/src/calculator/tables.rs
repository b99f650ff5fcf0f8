//! The REST tables, generated at build time from `data/rest-scopes/` by
//! `build/rest_scopes.rs` (validated there), so the calculator reads plain statics.

/// One path segment of an operation's URL template.
#[derive(Debug)]
pub enum Segment {
    /// Lower-cased; compared without case, as Azure DevOps routes are.
    Literal(&'static str),
    /// `{name}`, or `${type}` with the literal `$` as prefix.
    Param {
        prefix: &'static str,
        suffix: &'static str,
        optional: bool,
    },
}

/// One REST operation of the specification (API 7.2).
#[derive(Debug)]
pub struct Operation {
    pub area: &'static str,
    pub method: &'static str,
    /// The spec's host, e.g. `vsrm.dev.azure.com`, or `{service}dev.azure.com`.
    pub host: &'static str,
    pub segments: &'static [Segment],
    /// Lower-cased query keys an `x-ms-paths` variant requires (`…/items?path={path}`).
    pub query: &'static [&'static str],
    /// An `x-ms-paths` key (`…/tokens/pats?`): the spec's way to give one path two
    /// operations told apart by query parameters.
    pub query_variant: bool,
    /// The lower-cased segment after `_apis` (`git`, `build`), a quick pre-filter.
    pub api_area: &'static str,
    pub operation_id: &'static str,
    pub scopes: &'static [&'static str],
    /// Documented only under the Microsoft Entra scheme (PAT lifecycle API).
    pub entra_only: bool,
}

/// An SDK call a command or Terraform entry may make, tied to a spec operation.
#[derive(Debug)]
pub struct SdkCall {
    pub sdk: &'static str,
    /// Index into `OPERATIONS`.
    pub operation: usize,
}

/// An SDK call the generator could not tie to a spec operation, with its reason.
#[derive(Debug)]
pub struct SdkUnmapped {
    pub sdk: &'static str,
    pub reason: &'static str,
}

#[derive(Debug)]
pub struct AzCommand {
    pub command: &'static str,
    pub calls: &'static [SdkCall],
    pub unmapped: &'static [SdkUnmapped],
    /// Processes the command may start (`git …`, ArtifactTool); their traffic is not mapped.
    pub processes: &'static [&'static str],
}

#[derive(Debug)]
pub struct TerraformEntry {
    pub name: &'static str,
    pub data_source: bool,
    pub calls: &'static [SdkCall],
    pub unmapped: &'static [SdkUnmapped],
    /// Scopes of the read phase alone (what a refresh / `terraform plan` needs).
    pub read_scopes: &'static [&'static str],
    /// The provider docs' "PAT Permissions Required" text, verbatim.
    pub docs_say: Option<&'static str>,
}

include!(concat!(env!("OUT_DIR"), "/rest_scopes.rs"));
