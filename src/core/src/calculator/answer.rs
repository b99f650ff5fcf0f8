//! The calculator's answer and how it is assembled: calls, unmapped lines, limits and
//! alternatives are collected per input, then the scopes are minimised once.

use super::limits::Limit;
use crate::catalog::{catalog, Lang};
use serde::{Serialize, Serializer};
use std::collections::BTreeSet;

/// One call a pasted input makes, with the scopes it needs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Call {
    /// The pasted line (continuations joined, surrounding blanks removed).
    pub input: String,
    /// The specification's operation id; `None` when a stated rule or a preset answered.
    pub operation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    /// The SDK method behind an `az` command or Terraform entry.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// Every scope the operation lists (see `Limit::MultiScope` for the reading).
    pub scopes: Vec<String>,
    /// The stated rule (`git-fetch`, `package-feed-publish`, `preset:renovate`, …) when
    /// the specification has no operation for the call.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
}

/// Why a pasted line gave no call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Nothing in the line is a URL, command, Terraform name or tool name PAT Guard reads.
    NoCall,
    /// A URL on a host that is not Azure DevOps.
    NotAzureDevOps { host: String },
    /// An Azure DevOps address that is not an API, git or package feed address.
    NotAnApi,
    /// An Azure DevOps API URL that matches no operation of the specification.
    NoOperation { method: String },
    /// An internal endpoint the specification does not document.
    InternalApi,
    /// An SSH git remote: it authenticates with an SSH key, not a PAT.
    SshRemote,
    /// An `az` command of another group (`az login`, `az account …`).
    NotDevOpsCommand,
    /// An `az devops|repos|…` command the CLI extension does not have.
    UnknownAzCommand,
    /// A Terraform name the azuredevops provider does not have.
    UnknownTerraform,
    /// A Terraform block of another provider.
    OtherTerraformProvider,
    /// A git command that makes no network call.
    GitLocal,
    /// A call inside a command or Terraform entry that the tables could not tie to an
    /// operation (`sdk` is the SDK method, `why` the generator's reason).
    SdkCall { sdk: String, why: String },
    /// A process a command starts; its traffic is not mapped.
    ExternalProcess { process: String },
}

impl Reason {
    pub fn text(&self, lang: Lang) -> String {
        use Reason::*;
        match (self, lang) {
            (NoCall, Lang::En) => "no Azure DevOps call found: not a REST URL, az command, Terraform name, git or package feed URL, or tool name".into(),
            (NoCall, Lang::De) => "kein Azure-DevOps-Aufruf erkannt: weder REST-URL, az-Befehl, Terraform-Name, Git- oder Feed-URL noch Werkzeugname".into(),
            (NotAzureDevOps { host }, Lang::En) => format!("{host} is not an Azure DevOps address"),
            (NotAzureDevOps { host }, Lang::De) => format!("{host} ist keine Azure-DevOps-Adresse"),
            (NotAnApi, Lang::En) => "an Azure DevOps address, but not a REST API, git or package feed URL".into(),
            (NotAnApi, Lang::De) => "eine Azure-DevOps-Adresse, aber keine REST-API-, Git- oder Feed-URL".into(),
            (NoOperation { method }, Lang::En) => format!("no {method} operation with this path in the REST API specification (7.2)"),
            (NoOperation { method }, Lang::De) => format!("keine {method}-Operation mit diesem Pfad in der REST-API-Spezifikation (7.2)"),
            (InternalApi, Lang::En) => "an internal API that the REST specification does not document; some internal APIs only work with Full access".into(),
            (InternalApi, Lang::De) => "eine interne API, die die REST-Spezifikation nicht beschreibt; manche interne APIs gehen nur mit Vollzugriff".into(),
            (SshRemote, Lang::En) => "an SSH remote authenticates with an SSH key, not with a PAT".into(),
            (SshRemote, Lang::De) => "ein SSH-Remote meldet sich mit einem SSH-Schlüssel an, nicht mit einem PAT".into(),
            (NotDevOpsCommand, Lang::En) => "not an Azure DevOps command of the az CLI (devops, repos, pipelines, boards, artifacts)".into(),
            (NotDevOpsCommand, Lang::De) => "kein Azure-DevOps-Befehl der az CLI (devops, repos, pipelines, boards, artifacts)".into(),
            (UnknownAzCommand, Lang::En) => "the azure-devops CLI extension has no such command".into(),
            (UnknownAzCommand, Lang::De) => "die azure-devops-Erweiterung der CLI kennt diesen Befehl nicht".into(),
            (UnknownTerraform, Lang::En) => "the azuredevops Terraform provider has no such resource or data source".into(),
            (UnknownTerraform, Lang::De) => "der azuredevops-Terraform-Provider kennt diese Ressource bzw. Datenquelle nicht".into(),
            (OtherTerraformProvider, Lang::En) => "a block of another Terraform provider; it needs no Azure DevOps token".into(),
            (OtherTerraformProvider, Lang::De) => "ein Block eines anderen Terraform-Providers; er braucht kein Azure-DevOps-Token".into(),
            (GitLocal, Lang::En) => "a git command without network access".into(),
            (GitLocal, Lang::De) => "ein Git-Befehl ohne Netzwerkzugriff".into(),
            (SdkCall { sdk, why }, Lang::En) => format!("calls {sdk}, which is not in the REST specification ({why})"),
            (SdkCall { sdk, why }, Lang::De) => format!("ruft {sdk} auf, das nicht in der REST-Spezifikation steht ({why})"),
            (ExternalProcess { process }, Lang::En) => format!("may start a process ({process}); its network calls are not mapped"),
            (ExternalProcess { process }, Lang::De) => format!("kann einen Prozess starten ({process}); dessen Netzwerkaufrufe sind nicht zugeordnet"),
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text(Lang::En))
    }
}

/// A pasted line that gave no call (or a part of a command that could not be mapped).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unmapped {
    pub input: String,
    pub reason: Reason,
}

/// "You may not need a PAT": a Microsoft Entra way to do the same task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Alternative {
    GitOAuth,
    EntraAccessToken,
    AzLogin,
    VsceAzureCredential,
    PipelineWorkloadIdentity,
    TerraformEntra,
}

impl Alternative {
    pub fn text(self, lang: Lang) -> &'static str {
        use Alternative::*;
        match (self, lang) {
            (GitOAuth, Lang::En) => "Git: Git Credential Manager can sign in with Microsoft Entra instead of a PAT: git config --global credential.azreposCredentialType oauth",
            (GitOAuth, Lang::De) => "Git: Git Credential Manager kann sich statt mit einem PAT mit Microsoft Entra anmelden: git config --global credential.azreposCredentialType oauth",
            (EntraAccessToken, Lang::En) => "Scripts: a short-lived Microsoft Entra token works as a bearer token: az account get-access-token --resource 499b84ac-1321-427f-aa17-267ca6975798",
            (EntraAccessToken, Lang::De) => "Skripte: ein kurzlebiges Microsoft-Entra-Token funktioniert als Bearer-Token: az account get-access-token --resource 499b84ac-1321-427f-aa17-267ca6975798",
            (AzLogin, Lang::En) => "az CLI: the azure-devops extension also works after az login (Microsoft Entra) instead of az devops login with a PAT",
            (AzLogin, Lang::De) => "az CLI: die azure-devops-Erweiterung funktioniert auch nach az login (Microsoft Entra) statt az devops login mit einem PAT",
            (VsceAzureCredential, Lang::En) => "vsce: publish with Microsoft Entra instead of a PAT: vsce publish --azure-credential",
            (VsceAzureCredential, Lang::De) => "vsce: mit Microsoft Entra statt einem PAT veröffentlichen: vsce publish --azure-credential",
            (PipelineWorkloadIdentity, Lang::En) => "Pipelines: use a workload identity service connection (or $(System.AccessToken)) instead of a PAT",
            (PipelineWorkloadIdentity, Lang::De) => "Pipelines: eine Dienstverbindung mit Workload-Identität (oder $(System.AccessToken)) statt eines PAT verwenden",
            (TerraformEntra, Lang::En) => "Terraform: the azuredevops provider can authenticate with a service principal or managed identity (Microsoft Entra) instead of a PAT",
            (TerraformEntra, Lang::De) => "Terraform: der azuredevops-Provider kann sich mit einem Dienstprinzipal oder einer verwalteten Identität (Microsoft Entra) statt mit einem PAT anmelden",
        }
    }
}

impl Serialize for Alternative {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.text(Lang::En))
    }
}

/// The answer. `scopes` is the minimal set to tick: per group the lowest level that
/// covers every call, with the catalog's inheritance (a scope another listed scope
/// includes is left out).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Answer {
    pub scopes: Vec<String>,
    pub calls: Vec<Call>,
    pub unmapped: Vec<Unmapped>,
    pub limits: Vec<Limit>,
    /// "You may not need a PAT."
    pub alternatives: Vec<Alternative>,
}

impl Answer {
    /// The calls that need `scope` (directly or through a scope it includes).
    pub fn calls_needing(&self, scope: &str) -> Vec<&Call> {
        let implied = catalog().implied_scopes(scope);
        self.calls
            .iter()
            .filter(|call| call.scopes.iter().any(|s| implied.contains(s)))
            .collect()
    }
}

#[derive(Default)]
pub(super) struct Builder {
    calls: Vec<Call>,
    unmapped: Vec<Unmapped>,
    limits: Vec<Limit>,
    alternatives: BTreeSet<Alternative>,
}

impl Builder {
    pub(super) fn call(&mut self, call: Call) {
        if !self.calls.contains(&call) {
            self.calls.push(call);
        }
    }

    pub(super) fn unmapped(&mut self, input: &str, reason: Reason) {
        let u = Unmapped {
            input: input.to_string(),
            reason,
        };
        if !self.unmapped.contains(&u) {
            self.unmapped.push(u);
        }
    }

    pub(super) fn limit(&mut self, limit: Limit) {
        Limit::merge_into(&mut self.limits, limit);
    }

    pub(super) fn alternative(&mut self, a: Alternative) {
        self.alternatives.insert(a);
    }

    pub(super) fn finish(mut self) -> Answer {
        let c = catalog();
        let mut required = BTreeSet::new();
        let mut not_offered = BTreeSet::new();
        for call in &self.calls {
            for s in &call.scopes {
                if c.scope(s).is_some() {
                    required.insert(s.clone());
                } else {
                    not_offered.insert(s.clone());
                }
            }
        }
        let scopes: Vec<String> = required
            .iter()
            .filter(|s| !required.iter().any(|t| t != *s && c.covers(t, s)))
            .cloned()
            .collect();
        if !not_offered.is_empty() {
            self.limit(Limit::NotOnPatPage {
                scopes: not_offered.into_iter().collect(),
            });
        }
        if !self.calls.is_empty() {
            self.limit(Limit::OwnerPermissions);
        }
        self.limits.sort_by_key(Limit::order);
        Answer {
            scopes,
            calls: self.calls,
            unmapped: self.unmapped,
            limits: self.limits,
            alternatives: self.alternatives.into_iter().collect(),
        }
    }
}
