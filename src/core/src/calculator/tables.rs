//! The REST tables, generated at build time from `data/rest-scopes/` by
//! `build/rest_scopes.rs` (validated there), so the calculator reads plain statics.

/// HTTP methods; `Operation::method` is an index into this list.
pub const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
/// The most path segments an operation has (checked by the build).
pub const MAX_SEGMENTS: usize = 24;

/// One REST operation of the specification (API 7.2). Repeated names are one-byte
/// indices into `AREAS` / `HOSTS` / `API_AREAS`, lists are joined strings: the table lives
/// in the panel module, so its size counts.
#[derive(Debug)]
pub struct Operation {
    /// The spec's path without its leading `/` and query: `{organization}/{project}/_apis/…`;
    /// `${type}` is a parameter with a literal prefix.
    pub path: &'static str,
    /// Lower-cased query keys an `x-ms-paths` variant requires, joined by `&`.
    pub query: &'static str,
    pub operation_id: &'static str,
    /// The scopes the spec lists, joined by spaces.
    pub scopes: &'static str,
    /// Bit n set: path segment n is a parameter that may be absent.
    pub optional: u32,
    pub area: u8,
    pub host: u8,
    /// The lower-cased segment after `_apis` (`git`, `build`), a quick pre-filter.
    pub api_area: u8,
    pub method: u8,
    /// An `x-ms-paths` key (`…/tokens/pats?`): the spec's way to give one path two
    /// operations told apart by query parameters.
    pub query_variant: bool,
    /// Documented only under the Microsoft Entra scheme (PAT lifecycle API).
    pub entra_only: bool,
}

impl Operation {
    pub fn area(&self) -> &'static str {
        AREAS[usize::from(self.area)]
    }

    /// The spec's host, e.g. `vsrm.dev.azure.com`, or `{service}dev.azure.com`.
    pub fn host(&self) -> &'static str {
        HOSTS[usize::from(self.host)]
    }

    pub fn method(&self) -> &'static str {
        METHODS[usize::from(self.method)]
    }

    pub fn scopes(&self) -> impl Iterator<Item = &'static str> {
        self.scopes.split(' ').filter(|s| !s.is_empty())
    }

    pub fn query_keys(&self) -> impl Iterator<Item = &'static str> {
        self.query.split('&').filter(|s| !s.is_empty())
    }
}

/// An SDK call a command or Terraform entry may make, tied to a spec operation.
#[derive(Debug)]
pub struct SdkCall {
    pub sdk: &'static str,
    /// Index into `OPERATIONS`.
    pub operation: u16,
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
