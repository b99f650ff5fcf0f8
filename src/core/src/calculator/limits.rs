//! The known limits of the answer, each stated only where it applies, with the rule
//! PAT Guard uses and its public source.

use crate::catalog::Lang;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

pub const SCOPES_DOC: &str =
    "https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/oauth#scopes";
pub const ARTIFACTS_DOC: &str = "https://learn.microsoft.com/azure/devops/artifacts/npm/npmrc";
pub const UNIVERSAL_DOC: &str =
    "https://learn.microsoft.com/azure/devops/artifacts/quickstarts/universal-packages";
pub const ANALYTICS_DOC: &str =
    "https://learn.microsoft.com/azure/devops/report/powerbi/client-authentication-options";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Operations that list several scopes (`area OperationId: a + b`).
    MultiScope {
        operations: Vec<String>,
    },
    /// Operations for which the specification lists no scope.
    NoScopeListed {
        operations: Vec<String>,
    },
    /// Operations documented only for Microsoft Entra tokens.
    EntraOnly {
        operations: Vec<String>,
    },
    /// Scopes an operation lists that the PAT page does not offer.
    NotOnPatPage {
        scopes: Vec<String>,
    },
    GitSmartHttp,
    PackageFeeds,
    UniversalPackages,
    AnalyticsOData,
    InternalApi,
    /// URLs given without a method, read as GET.
    MethodAssumed {
        inputs: Vec<String>,
    },
    /// `az` commands / Terraform entries: every call of every branch.
    UpperBound,
    /// Terraform entries: the scopes of the read phase alone (`name: scopes`).
    TerraformReadOnly {
        entries: Vec<String>,
    },
    /// Terraform entries whose docs state PAT permissions (`name: text`).
    TerraformDocs {
        entries: Vec<String>,
    },
    OwnerPermissions,
}

impl Limit {
    pub fn kind(&self) -> &'static str {
        use Limit::*;
        match self {
            MultiScope { .. } => "multi-scope",
            NoScopeListed { .. } => "no-scope-listed",
            EntraOnly { .. } => "entra-only",
            NotOnPatPage { .. } => "not-on-pat-page",
            GitSmartHttp => "git-smart-http",
            PackageFeeds => "package-feeds",
            UniversalPackages => "universal-packages",
            AnalyticsOData => "analytics-odata",
            InternalApi => "internal-api",
            MethodAssumed { .. } => "method-assumed",
            UpperBound => "upper-bound",
            TerraformReadOnly { .. } => "terraform-read-only",
            TerraformDocs { .. } => "terraform-docs",
            OwnerPermissions => "owner-permissions",
        }
    }

    /// Display order: what changes the answer first, the general caveat last.
    pub(super) fn order(&self) -> usize {
        use Limit::*;
        match self {
            EntraOnly { .. } => 0,
            MultiScope { .. } => 1,
            NoScopeListed { .. } => 2,
            NotOnPatPage { .. } => 3,
            InternalApi => 4,
            GitSmartHttp => 5,
            PackageFeeds => 6,
            UniversalPackages => 7,
            AnalyticsOData => 8,
            MethodAssumed { .. } => 9,
            UpperBound => 10,
            TerraformReadOnly { .. } => 11,
            TerraformDocs { .. } => 12,
            OwnerPermissions => 13,
        }
    }

    fn list_mut(&mut self) -> Option<&mut Vec<String>> {
        use Limit::*;
        match self {
            MultiScope { operations } | NoScopeListed { operations } | EntraOnly { operations } => {
                Some(operations)
            }
            NotOnPatPage { scopes } => Some(scopes),
            MethodAssumed { inputs } => Some(inputs),
            TerraformReadOnly { entries } | TerraformDocs { entries } => Some(entries),
            _ => None,
        }
    }

    /// Adds `limit` to `limits`: a limit of a kind already present extends its list.
    pub(super) fn merge_into(limits: &mut Vec<Limit>, mut limit: Limit) {
        match limits.iter_mut().find(|l| l.kind() == limit.kind()) {
            None => limits.push(limit),
            Some(existing) => {
                if let (Some(list), Some(new)) = (existing.list_mut(), limit.list_mut()) {
                    for item in new.drain(..) {
                        if !list.contains(&item) {
                            list.push(item);
                        }
                    }
                }
            }
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        use Limit::*;
        let de = lang == Lang::De;
        match self {
            MultiScope { operations } => {
                if de {
                    format!("Diese Operationen nennen mehrere Scopes, und die Spezifikation sagt nicht, ob einer davon oder alle nötig sind: {}. PAT Guard liest sie sicher als „alle“ (das Token funktioniert in beiden Lesarten) und nimmt jeden genannten Scope auf; genügt einer, wären die anderen verzichtbar.", operations.join("; "))
                } else {
                    format!("These operations list several scopes, and the specification does not say whether any one or all of them are needed: {}. PAT Guard takes the safe reading, all of them (the token works under either reading), and includes every listed scope; if any one suffices, the others could be dropped.", operations.join("; "))
                }
            }
            NoScopeListed { operations } => {
                if de {
                    format!("Für {} nennt die Spezifikation keinen Scope; das heißt nicht, dass kein Token nötig ist.", operations.join(", "))
                } else {
                    format!("The specification lists no scope for {}; that does not mean no token is needed.", operations.join(", "))
                }
            }
            EntraOnly { operations } => {
                if de {
                    format!("{} nehmen nur Microsoft-Entra-Tokens an (API für den PAT-Lebenszyklus): kein PAT kann sie aufrufen, egal mit welchen Scopes.", operations.join(", "))
                } else {
                    format!("{} accept only Microsoft Entra tokens (the PAT lifecycle API): no PAT can call them, whatever its scopes.", operations.join(", "))
                }
            }
            NotOnPatPage { scopes } => {
                if de {
                    format!("{} wird auf der PAT-Seite nicht angeboten und ist daher nicht in der Auswahl.", scopes.join(", "))
                } else {
                    format!(
                        "{} is not offered on the PAT page, so it is not in the set to tick.",
                        scopes.join(", ")
                    )
                }
            }
            GitSmartHttp => {
                if de {
                    format!("Git über HTTPS (clone, fetch, push) steht nicht in der REST-Spezifikation. Regel: clone/fetch/pull braucht Code (Lesen) vso.code, push braucht Code (Lesen und Schreiben) vso.code_write. Quelle: Microsofts Scope-Beschreibungen ({SCOPES_DOC}).")
                } else {
                    format!("Git over HTTPS (clone, fetch, push) is not in the REST specification. Rule: clone/fetch/pull needs Code (Read) vso.code, push needs Code (Read & write) vso.code_write. Source: Microsoft's scope descriptions ({SCOPES_DOC}).")
                }
            }
            PackageFeeds => {
                if de {
                    format!("Die Paketprotokolle (npm, NuGet, Maven, Python) stehen nicht in der REST-Spezifikation. Regel: Wiederherstellen braucht Packaging (Lesen) vso.packaging, Veröffentlichen Packaging (Lesen und Schreiben) vso.packaging_write. Quelle: Microsoft Learn, Azure Artifacts ({ARTIFACTS_DOC}).")
                } else {
                    format!("The package protocols (npm, NuGet, Maven, Python) are not in the REST specification. Rule: restore needs Packaging (Read) vso.packaging, publish needs Packaging (Read & write) vso.packaging_write. Source: Microsoft Learn, Azure Artifacts ({ARTIFACTS_DOC}).")
                }
            }
            UniversalPackages => {
                if de {
                    format!("Universal-Packages-Upload und -Download (durch das ArtifactTool) stehen nicht in der Spezifikation und lassen sich daraus nicht ableiten. Regel: Download braucht vso.packaging, Veröffentlichen vso.packaging_write. Quelle: Microsoft Learn, Universal Packages ({UNIVERSAL_DOC}).")
                } else {
                    format!("Universal Packages upload and download (done by ArtifactTool) are not in the specification: not derivable from it. Rule: download needs vso.packaging, publish needs vso.packaging_write. Source: Microsoft Learn, Universal Packages ({UNIVERSAL_DOC}).")
                }
            }
            AnalyticsOData => {
                if de {
                    format!("Analytics OData steht nicht in der Spezifikation. Regel: Analytics (Lesen) vso.analytics. Quelle: Microsoft Learn, Power BI ({ANALYTICS_DOC}).")
                } else {
                    format!("Analytics OData is not in the specification. Rule: Analytics (Read) vso.analytics. Source: Microsoft Learn, Power BI ({ANALYTICS_DOC}).")
                }
            }
            InternalApi => {
                if de {
                    "Interne APIs stehen nicht in der Spezifikation, und manche gehen nur mit Vollzugriff. PAT Guard schlägt nie Vollzugriff vor: Wenn ein Werkzeug ihn verlangt, prüfen Sie dessen Dokumentation.".into()
                } else {
                    "Internal APIs are not in the specification, and some only work with Full access. PAT Guard never suggests Full access: if a tool requires it, check that tool's documentation.".into()
                }
            }
            MethodAssumed { inputs } => {
                if de {
                    format!("Ohne HTTP-Methode als GET gelesen: {}. Schreiben Sie die Methode vor die URL (z. B. POST https://…), wenn der Aufruf schreibt.", inputs.join(", "))
                } else {
                    format!("No HTTP method given, read as GET: {}. Put the method before the URL (e.g. POST https://…) if the call writes.", inputs.join(", "))
                }
            }
            UpperBound => {
                if de {
                    "az-Befehle und Terraform-Einträge sind durch statische Analyse ihres Quelltexts zugeordnet: jeder Aufruf, den sie in irgendeinem Zweig machen können. Ein bestimmter Aufruf braucht unter Umständen weniger.".into()
                } else {
                    "az commands and Terraform entries are mapped by static analysis of their source: every call they may make on any branch. A particular invocation may need fewer scopes.".into()
                }
            }
            TerraformReadOnly { entries } => {
                if de {
                    format!(
                        "Nur lesen (terraform plan / refresh) braucht: {}.",
                        entries.join("; ")
                    )
                } else {
                    format!(
                        "Reading only (terraform plan / refresh) needs: {}.",
                        entries.join("; ")
                    )
                }
            }
            TerraformDocs { entries } => {
                if de {
                    format!("Die Provider-Dokumentation sagt (wörtlich, oft abweichend von der Spezifikation): {}", entries.join(" | "))
                } else {
                    format!(
                        "The provider's docs say (verbatim, often unlike the specification): {}",
                        entries.join(" | ")
                    )
                }
            }
            OwnerPermissions => {
                if de {
                    "Ein Scope ist nötig, aber nicht hinreichend: Ein Token kann nie mehr als die Berechtigungen seines Besitzers (und die Richtlinien der Organisation) erlauben.".into()
                } else {
                    "A scope is necessary, not sufficient: a token can never do more than its owner's own permissions (and the organization's policies) allow.".into()
                }
            }
        }
    }
}

impl Serialize for Limit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Limit", 2)?;
        st.serialize_field("kind", self.kind())?;
        st.serialize_field("text", &self.text(Lang::En))?;
        st.end()
    }
}
