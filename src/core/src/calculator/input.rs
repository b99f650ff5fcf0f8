//! Reading pasted text line by line and sending each line to what answers it.

use super::answer::{Alternative, Builder, Call, Reason};
use super::limits::Limit;
use super::rules;
use super::tables::{find_az_command, operation, terraform_entries, SdkCall, SdkUnmapped};
use super::tools::tool_preset;
use super::url::Url;

const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
const AZ_GROUPS: [&str; 5] = ["devops", "repos", "pipelines", "boards", "artifacts"];
const GIT_NETWORK: [&str; 6] = ["clone", "fetch", "pull", "push", "ls-remote", "remote"];
/// Words that make a package feed line a publish (`npm publish`, `dotnet nuget push`,
/// `twine upload`, `mvn deploy`).
const PUBLISH_WORDS: [&str; 4] = ["publish", "push", "upload", "deploy"];
/// Signs that a script runs inside an Azure Pipelines job.
const PIPELINE_SIGNS: [&str; 6] = [
    "system.accesstoken",
    "system_accesstoken",
    "##vso[",
    "system.collectionuri",
    "system_collectionuri",
    "system_teamproject",
];

pub fn read(text: &str, out: &mut Builder) {
    let lines = logical_lines(text);
    let terraform_file = lines.iter().any(|l| is_terraform_block(l));
    let lower = text.to_lowercase();
    if PIPELINE_SIGNS.iter().any(|s| lower.contains(s)) {
        out.alternative(Alternative::PipelineWorkloadIdentity);
    }
    for line in &lines {
        let line = line.trim();
        if is_noise(line) {
            continue;
        }
        if terraform_file {
            if is_terraform_block(line) {
                terraform_block(out, line);
            }
            continue; // attributes and nested blocks make no call of their own
        }
        read_line(out, line);
    }
}

/// Joins shell (`\`), PowerShell (`` ` ``) and cmd (`^`) line continuations.
fn logical_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for raw in text.lines() {
        let trimmed = raw.trim_end();
        match trimmed.strip_suffix(['\\', '`', '^']) {
            Some(head) => {
                current.push_str(head);
                current.push(' ');
            }
            None => {
                current.push_str(trimmed);
                lines.push(std::mem::take(&mut current));
            }
        }
    }
    if !current.trim().is_empty() {
        lines.push(current);
    }
    lines
}

/// Blank lines, comments and bare shell/HCL punctuation.
fn is_noise(line: &str) -> bool {
    line.is_empty()
        || line.starts_with('#')
        || line.starts_with("//")
        || line.starts_with("::")
        || line.to_ascii_lowercase().starts_with("rem ")
        || line.chars().all(|c| "{}()[];".contains(c))
        || matches!(
            line,
            "fi" | "done"
                | "do"
                | "then"
                | "else"
                | "esac"
                | "EOF"
                | "set -e"
                | "set -euo pipefail"
        )
}

fn is_terraform_block(line: &str) -> bool {
    let l = line.trim_start();
    (l.starts_with("resource \"")
        || l.starts_with("data \"")
        || l.starts_with("provider \"")
        || l.starts_with("terraform {"))
        && l.trim_end().ends_with('{')
}

fn tokens(line: &str) -> Vec<&str> {
    line.split_whitespace()
        .map(|t| t.trim_matches(|c: char| matches!(c, '"' | '\'')))
        .filter(|t| !t.is_empty())
        .collect()
}

fn read_line(out: &mut Builder, line: &str) {
    let words = tokens(line);
    let lower: Vec<String> = words.iter().map(|w| w.to_ascii_lowercase()).collect();

    if let Some(i) = lower.iter().position(|w| w == "az") {
        if let Some(next) = lower.get(i + 1) {
            if next == "rest" {
                return az_rest(out, line, &words[i + 2..]);
            }
            if AZ_GROUPS.contains(&next.as_str()) {
                return az_command(out, line, &lower[i..]);
            }
            if !next.starts_with('-') {
                return out.unmapped(line, Reason::NotDevOpsCommand);
            }
        }
    }
    if let Some((name, data_source)) = terraform_name(&lower) {
        return terraform(out, line, name, data_source);
    }
    if let Some(i) = lower.iter().position(|w| w == "git") {
        if let Some(sub) = lower.get(i + 1) {
            if !GIT_NETWORK.contains(&sub.as_str()) && !sub.starts_with('-') {
                return out.unmapped(line, Reason::GitLocal);
            }
            if words.iter().any(|w| is_ssh_remote(w)) {
                return out.unmapped(line, Reason::SshRemote);
            }
            if words.iter().all(|w| Url::parse(w).is_none()) && sub != "remote" {
                out.alternative(Alternative::GitOAuth);
                return rules::git(out, line, sub == "push");
            }
        }
    }
    if let Some(url) = words
        .iter()
        .skip_while(|w| !looks_like_url(w))
        .find_map(|w| Url::parse(w))
    {
        return url_line(out, line, &words, &lower, url);
    }
    if words.iter().any(|w| is_ssh_remote(w)) {
        return out.unmapped(line, Reason::SshRemote);
    }
    if let Some(p) = tool_preset(line) {
        if p.id == "vsce-publish" {
            out.alternative(Alternative::VsceAzureCredential);
        }
        if p.purpose_group == "Code" && p.id.starts_with("git") {
            out.alternative(Alternative::GitOAuth);
        }
        return rules::preset(out, line, &p.id, &p.scopes);
    }
    out.unmapped(line, Reason::NoCall);
}

fn looks_like_url(w: &str) -> bool {
    w.contains("://")
        || w.contains("_apis/")
        || w.contains("/_git/")
        || w.contains("_packaging/")
        || w.contains("_odata")
}

fn is_ssh_remote(w: &str) -> bool {
    let w = w.to_ascii_lowercase();
    w.contains("ssh.dev.azure.com") || w.contains("vs-ssh.visualstudio.com")
}

/// The HTTP method a line states: `-X POST`, `--request`, `-Method`, `--method`, `-m`,
/// a bare upper-case verb; curl data flags mean POST (`-T` PUT). `None` if none.
fn method_of(words: &[&str]) -> Option<String> {
    let mut data = None;
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_ascii_lowercase();
        if matches!(
            lower.as_str(),
            "-x" | "--request" | "-method" | "--method" | "-m"
        ) {
            if let Some(m) = words.get(i + 1).map(|m| m.to_ascii_uppercase()) {
                if METHODS.contains(&m.as_str()) {
                    return Some(m);
                }
            }
        }
        if let Some(m) = w.strip_prefix("-X").filter(|m| METHODS.contains(m)) {
            return Some(m.to_string());
        }
        if METHODS.contains(w) {
            return Some(w.to_string());
        }
        if lower.starts_with("--data")
            || matches!(
                lower.as_str(),
                "-d" | "-f" | "--form" | "--json" | "-body" | "--body"
            )
        {
            data.get_or_insert("POST");
        }
        if matches!(lower.as_str(), "-t" | "--upload-file" | "-infile") {
            data = Some("PUT");
        }
    }
    data.map(str::to_string)
}

fn url_line(out: &mut Builder, line: &str, words: &[&str], lower: &[String], url: Url) {
    if !url.is_azure_devops() {
        return out.unmapped(
            line,
            Reason::NotAzureDevOps {
                host: url.host.unwrap_or_default(),
            },
        );
    }
    if url.host.as_deref().is_some_and(|h| h.contains("ssh.")) {
        return out.unmapped(line, Reason::SshRemote);
    }
    let publish = lower.iter().any(|w| PUBLISH_WORDS.contains(&w.as_str()));
    if url.has_segment("_git") {
        out.alternative(Alternative::GitOAuth);
        let push = lower.iter().any(|w| w == "push" || w == "(push)");
        return rules::git(out, line, push);
    }
    if url
        .host
        .as_deref()
        .is_some_and(|h| h.starts_with("analytics."))
        || url.has_segment("_odata")
    {
        out.alternative(Alternative::EntraAccessToken);
        return rules::analytics(out, line);
    }
    let stated = method_of(words);
    if url.has_segment("_apis") {
        let method = stated.clone().unwrap_or_else(|| "GET".to_string());
        if let Some(op) = url.operation(&method) {
            if stated.is_none() {
                out.limit(Limit::MethodAssumed {
                    inputs: vec![line.to_string()],
                });
            }
            out.alternative(Alternative::EntraAccessToken);
            return operation_call(out, line, op, None);
        }
        if !url.has_segment("_packaging") {
            let reason = if is_internal(&url) {
                Reason::InternalApi
            } else {
                Reason::NoOperation { method }
            };
            if reason == Reason::InternalApi {
                out.limit(Limit::InternalApi);
            }
            return out.unmapped(line, reason);
        }
    }
    if url.has_segment("_packaging") || url.host.as_deref().is_some_and(|h| h.starts_with("pkgs."))
    {
        return rules::package_feed(
            out,
            line,
            publish || matches!(stated.as_deref(), Some("PUT" | "POST")),
        );
    }
    if is_internal(&url) {
        out.limit(Limit::InternalApi);
        return out.unmapped(line, Reason::InternalApi);
    }
    out.unmapped(line, Reason::NotAnApi)
}

/// Endpoints clients call that the specification does not document
/// (reference/rest-scopes/README.md, "Not in the specs at all").
fn is_internal(url: &Url) -> bool {
    const INTERNAL: [&str; 7] = [
        "connectiondata",
        "settings",
        "featuremanagement",
        "contribution",
        "elm",
        "organization",
        "vsts",
    ];
    let after = match url.anchor() {
        Some(a) => url.segments.get(a + 1),
        None => url.segments.iter().find(|s| s.eq_ignore_ascii_case("vsts")),
    };
    after.is_some_and(|s| INTERNAL.contains(&s.to_ascii_lowercase().as_str()))
}

/// Records one spec operation as a call, with the limits its scopes carry.
fn operation_call(out: &mut Builder, input: &str, index: usize, via: Option<&str>) {
    let Some(op) = operation(index) else {
        return; // the build checked every index
    };
    let name = format!("{} {}", op.area(), op.operation_id);
    let scopes: Vec<String> = op.scopes().map(str::to_string).collect();
    if scopes.len() > 1 {
        out.limit(Limit::MultiScope {
            operations: vec![format!("{name}: {}", scopes.join(" + "))],
        });
    }
    if scopes.is_empty() {
        out.limit(Limit::NoScopeListed {
            operations: vec![name.clone()],
        });
    }
    if op.meta.entra_only {
        out.limit(Limit::EntraOnly {
            operations: vec![name],
        });
    }
    out.call(Call {
        input: input.to_string(),
        operation_id: Some(op.operation_id.to_string()),
        area: Some(op.area().to_string()),
        via: via.map(str::to_string),
        scopes,
        rule: None,
    });
}

fn sdk_calls(out: &mut Builder, input: &str, calls: &[SdkCall], unmapped: &[SdkUnmapped]) {
    for c in calls {
        operation_call(out, input, usize::from(c.operation), Some(c.sdk));
    }
    for u in unmapped {
        out.unmapped(
            input,
            Reason::SdkCall {
                sdk: u.sdk.to_string(),
                why: u.reason.to_string(),
            },
        );
    }
}

fn az_rest(out: &mut Builder, line: &str, args: &[&str]) {
    let url = args
        .iter()
        .enumerate()
        .find(|(i, _)| {
            i.checked_sub(1).is_some_and(|p| {
                matches!(
                    args[p].to_ascii_lowercase().as_str(),
                    "--url" | "--uri" | "-u"
                )
            })
        })
        .map(|(_, u)| *u)
        .or_else(|| args.iter().copied().find(|w| looks_like_url(w)));
    match url.and_then(Url::parse) {
        Some(u) => {
            let lower: Vec<String> = args.iter().map(|w| w.to_ascii_lowercase()).collect();
            url_line(out, line, args, &lower, u)
        }
        None => out.unmapped(line, Reason::NoCall),
    }
}

/// `words` starts at `az`; the command is its longest known prefix of sub-command words.
fn az_command(out: &mut Builder, line: &str, words: &[String]) {
    let names: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .take_while(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && !w.starts_with('-')
        })
        .collect();
    let found = (2..=names.len()).rev().find_map(|n| {
        let candidate = names[..n].join(" ");
        find_az_command(&candidate)
    });
    let Some(cmd) = found else {
        return out.unmapped(line, Reason::UnknownAzCommand);
    };
    out.alternative(Alternative::AzLogin);
    if !cmd.calls.is_empty() {
        out.limit(Limit::UpperBound);
    }
    sdk_calls(out, line, &cmd.calls, &cmd.unmapped);
    for p in &cmd.processes {
        out.unmapped(
            line,
            Reason::ExternalProcess {
                process: p.to_string(),
            },
        );
    }
    match cmd.command {
        "az artifacts universal publish" => rules::universal_packages(out, line, true),
        "az artifacts universal download" => rules::universal_packages(out, line, false),
        _ => {}
    }
}

/// A bare Terraform name (`azuredevops_git_repository`, `data.azuredevops_project`),
/// with `Some(true)` when it names a data source.
fn terraform_name(lower: &[String]) -> Option<(&str, Option<bool>)> {
    if lower.len() > 3 {
        return None;
    }
    lower.iter().find_map(|w| {
        let (w, data) = match w.strip_prefix("data.") {
            Some(rest) => (rest, Some(true)),
            None => (w.as_str(), None),
        };
        let w = w.split('.').next().unwrap_or(w);
        w.starts_with("azuredevops_").then_some((w, data))
    })
}

/// `resource "azuredevops_x" "name" {` or `data "azuredevops_x" "name" {`.
fn terraform_block(out: &mut Builder, line: &str) {
    let words = tokens(line);
    let (Some(kind), Some(name)) = (words.first(), words.get(1)) else {
        return;
    };
    if !name.starts_with("azuredevops_") {
        if matches!(*kind, "resource" | "data") {
            out.unmapped(line, Reason::OtherTerraformProvider);
        }
        return;
    }
    let data_source = match *kind {
        "resource" => Some(false),
        "data" => Some(true),
        _ => return, // provider "azuredevops" {
    };
    terraform(out, line, name, data_source);
}

fn terraform(out: &mut Builder, line: &str, name: &str, data_source: Option<bool>) {
    let entry = terraform_entries()
        .find(|t| t.name == name && data_source.is_none_or(|d| d == t.data_source));
    let Some(entry) = entry else {
        return out.unmapped(line, Reason::UnknownTerraform);
    };
    out.alternative(Alternative::TerraformEntra);
    out.limit(Limit::UpperBound);
    sdk_calls(out, line, &entry.calls, &entry.unmapped);
    let kind = if entry.data_source {
        "data"
    } else {
        "resource"
    };
    if !entry.data_source && !entry.read_scopes.is_empty() {
        out.limit(Limit::TerraformReadOnly {
            entries: vec![format!(
                "{kind} {}: {}",
                entry.name,
                entry.read_scopes.join(", ")
            )],
        });
    }
    if let Some(docs) = entry.docs_say {
        if docs.to_ascii_lowercase().contains("full access") {
            out.limit(Limit::InternalApi);
        }
        out.limit(Limit::TerraformDocs {
            entries: vec![format!("{kind} {}: {}", entry.name, docs.trim())],
        });
    }
}
