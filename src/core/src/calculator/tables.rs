//! The REST tables, generated at build time from `data/rest-scopes/` by
//! `build/rest_scopes.rs` (validated there), so the calculator reads plain statics.

/// HTTP methods; `Operation::method` is an index into this list.
pub const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
/// The most path segments an operation has (checked by the build).
pub const MAX_SEGMENTS: usize = 24;

/// The small fields of one REST operation of the specification (API 7.2). Repeated names
/// are one-byte indices into `AREAS` / `HOSTS` / `API_AREAS`.
#[derive(Debug)]
pub struct OpMeta {
    /// Where the operation's line starts in `OPERATION_TEXT`.
    pub text: u32,
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

/// One REST operation: its `OpMeta` and its line of `OPERATION_TEXT` (path, query keys,
/// operation id, scopes; tab-separated, checked by the build to hold no tab or newline).
/// The texts are one string rather than four pointers per row: the calculator module is
/// downloaded when the user first asks, so its size counts.
#[derive(Clone, Copy, Debug)]
pub struct Operation {
    /// The spec's path without its leading `/` and query: `{organization}/{project}/_apis/…`;
    /// `${type}` is a parameter with a literal prefix.
    pub path: &'static str,
    /// Lower-cased query keys an `x-ms-paths` variant requires, joined by `&`.
    pub query: &'static str,
    pub operation_id: &'static str,
    /// The scopes the spec lists, joined by spaces.
    pub scopes: &'static str,
    pub meta: &'static OpMeta,
}

impl Operation {
    fn new(line: &'static str, meta: &'static OpMeta) -> Operation {
        let mut fields = line.split('\t');
        let mut next = || fields.next().unwrap_or_default();
        Operation {
            path: next(),
            query: next(),
            operation_id: next(),
            scopes: next(),
            meta,
        }
    }

    pub fn area(&self) -> &'static str {
        AREAS[usize::from(self.meta.area)]
    }

    /// The spec's host, e.g. `vsrm.dev.azure.com`, or `{service}dev.azure.com`.
    pub fn host(&self) -> &'static str {
        HOSTS[usize::from(self.meta.host)]
    }

    pub fn scopes(&self) -> impl Iterator<Item = &'static str> {
        self.scopes.split(' ').filter(|s| !s.is_empty())
    }

    pub fn query_keys(&self) -> impl Iterator<Item = &'static str> {
        self.query.split('&').filter(|s| !s.is_empty())
    }
}

/// The operation at `index` in table order (`SdkCall::operation` refers to it).
pub fn operation(index: usize) -> Option<Operation> {
    let meta = OPERATION_META.get(index)?;
    let end = OPERATION_META
        .get(index + 1)
        .map_or(OPERATION_TEXT.len(), |next| next.text as usize);
    let line = OPERATION_TEXT.get(meta.text as usize..end)?;
    Some(Operation::new(line.trim_end_matches('\n'), meta))
}

/// Separates the items of a list field of `AZ_TEXT` / `TERRAFORM_TEXT`.
pub const RECORD: char = '\u{1e}';
/// Separates the parts of one item.
pub const UNIT: char = '\u{1f}';

/// An SDK call a command or Terraform entry may make, tied to a spec operation.
#[derive(Debug)]
pub struct SdkCall {
    pub sdk: &'static str,
    /// Index into the operations (`operation`).
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
    pub calls: Vec<SdkCall>,
    pub unmapped: Vec<SdkUnmapped>,
    /// Processes the command may start (`git …`, ArtifactTool); their traffic is not mapped.
    pub processes: Vec<&'static str>,
}

#[derive(Debug)]
pub struct TerraformEntry {
    pub name: &'static str,
    pub data_source: bool,
    pub calls: Vec<SdkCall>,
    pub unmapped: Vec<SdkUnmapped>,
    /// Scopes of the read phase alone (what a refresh / `terraform plan` needs).
    pub read_scopes: Vec<&'static str>,
    /// The provider docs' "PAT Permissions Required" text, verbatim.
    pub docs_say: Option<&'static str>,
}

/// The entries of `AZ_TEXT` / `TERRAFORM_TEXT` are lines of tab-separated fields (the
/// build writes them as text, not as structs, to keep pointers out of the module).
fn lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.split('\n').filter(|l| !l.is_empty())
}

fn items(field: &'static str) -> impl Iterator<Item = &'static str> {
    field.split(RECORD).filter(|i| !i.is_empty())
}

fn parts(item: &'static str) -> (&'static str, &'static str) {
    item.split_once(UNIT).unwrap_or((item, ""))
}

fn sdk_calls(field: &'static str) -> Vec<SdkCall> {
    items(field)
        .filter_map(|i| {
            let (operation, sdk) = parts(i);
            Some(SdkCall {
                sdk,
                operation: operation.parse().ok()?,
            })
        })
        .collect()
}

fn sdk_unmapped(field: &'static str) -> Vec<SdkUnmapped> {
    items(field)
        .map(|i| {
            let (sdk, reason) = parts(i);
            SdkUnmapped { sdk, reason }
        })
        .collect()
}

/// The `az` command named exactly `command` (`az repos pr create`).
pub fn find_az_command(command: &str) -> Option<AzCommand> {
    let line = lines(AZ_TEXT).find(|l| l.split('\t').next() == Some(command))?;
    let mut fields = line.split('\t');
    let mut next = || fields.next().unwrap_or_default();
    Some(AzCommand {
        command: next(),
        calls: sdk_calls(next()),
        unmapped: sdk_unmapped(next()),
        processes: items(next()).collect(),
    })
}

/// The Terraform resources and data sources, in table order.
pub fn terraform_entries() -> impl Iterator<Item = TerraformEntry> {
    lines(TERRAFORM_TEXT).map(|line| {
        let mut fields = line.split('\t');
        let mut next = || fields.next().unwrap_or_default();
        TerraformEntry {
            name: next(),
            data_source: next() == "d",
            calls: sdk_calls(next()),
            unmapped: sdk_unmapped(next()),
            read_scopes: next().split(' ').filter(|s| !s.is_empty()).collect(),
            docs_say: next()
                .parse::<usize>()
                .ok()
                .and_then(|i| TERRAFORM_DOCS.get(i).copied()),
        }
    })
}

include!(concat!(env!("OUT_DIR"), "/rest_scopes.rs"));
