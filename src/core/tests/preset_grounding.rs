//! Every built-in preset checked against the scope calculator's answer for the calls the
//! tool or task documents (cited per test). A preset must cover every call; where a
//! call's operation lists several scopes (any-of / all-of undocumented) the calculator
//! takes the safe reading (all of them) and the test says which reading the preset relies on.

use patguard_core::calculator::{calculate, Answer};
use patguard_core::catalog::catalog;
use patguard_core::presets::{preset, presets};
use std::collections::BTreeSet;

const ORG: &str = "https://dev.azure.com/fabrikam/web";

fn answer(lines: &[String]) -> Answer {
    let a = calculate(&lines.join("\n"));
    assert!(
        a.unmapped.is_empty(),
        "every documented call maps: {:?}",
        a.unmapped
    );
    assert_eq!(
        a.calls.len(),
        lines.len(),
        "one call per line: {:?}",
        a.calls
    );
    a
}

fn scopes_of(id: &str) -> BTreeSet<String> {
    preset(id)
        .unwrap_or_else(|| panic!("preset {id}"))
        .scope_set()
}

/// The calculator's minimal set equals the preset.
fn grounded(id: &str, lines: &[String]) {
    let a = answer(lines);
    assert_eq!(
        a.scopes.iter().cloned().collect::<BTreeSet<_>>(),
        scopes_of(id),
        "{id}: {:?}",
        a.calls
    );
}

/// The preset relies on the any-of reading: it holds (or includes) one listed scope of
/// every call, and the calculator's all-of answer only adds the multi-scope alternatives.
fn grounded_any_of(id: &str, lines: &[String]) {
    let a = answer(lines);
    let c = catalog();
    let chosen = scopes_of(id);
    for call in &a.calls {
        assert!(
            call.scopes
                .iter()
                .any(|s| chosen.iter().any(|p| c.covers(p, s))),
            "{id} does not cover {call:?}"
        );
    }
    assert!(
        a.limits.iter().any(|l| l.kind() == "multi-scope"),
        "{id}: the calls are multi-scope"
    );
    for s in &chosen {
        assert!(
            a.scopes.iter().any(|t| c.covers(t, s) || c.covers(s, t)),
            "{id}: {s} not in {:?}",
            a.scopes
        );
    }
}

fn l(s: &str) -> String {
    s.replace("{ORG}", ORG)
}

#[test]
fn every_built_in_preset_has_a_grounding_test() {
    let tested = [
        "git-read",
        "git-push",
        "git-credential-manager",
        "commit-status",
        "dependabot",
        "renovate",
        "sonarcloud",
        "sonarqube-import",
        "artifacts-read",
        "artifacts-publish",
        "artifacts-unpublish",
        "agent-pool",
        "agent-pool-container",
        "deployment-group-agent",
        "pipeline-run",
        "build-read",
        "release-read",
        "release-create",
        "variable-groups-read",
        "service-connections-read",
        "work-items-read",
        "work-items-write",
        "wiki-write",
        "test-read",
        "test-results-publish",
        "analytics",
        "project-read",
        "graph-read",
        "audit-log",
        "token-admin",
        "vsce-publish",
    ];
    let all: Vec<&str> = presets().iter().map(|p| p.id.as_str()).collect();
    assert_eq!(all, tested, "add a grounding test for each new preset");
}

/// Code: Read = clone/fetch (reference ado-scopes.md P1; git over HTTPS rule).
#[test]
fn git_read() {
    grounded(
        "git-read",
        &[l("git clone {ORG}/_git/site"), l("git fetch")],
    );
}

/// REST specs git 7.2: Pushes_Create, Refs_Update Refs, Pull Requests_Create (P2).
#[test]
fn git_push() {
    grounded(
        "git-push",
        &[
            l("git push {ORG}/_git/site"),
            l("POST {ORG}/_apis/git/repositories/site/pushes"),
            l("POST {ORG}/_apis/git/repositories/site/refs"),
            l("POST {ORG}/_apis/git/repositories/site/pullrequests"),
        ],
    );
}

/// GCM creates a PAT for git (push) and Azure Artifacts (feed read): AzureDevOpsConstants.cs.
#[test]
fn git_credential_manager() {
    grounded("git-credential-manager", &[
        l("git push {ORG}/_git/site"),
        "dotnet restore --source https://pkgs.dev.azure.com/fabrikam/_packaging/libs/nuget/v3/index.json".to_string(),
    ]);
    assert!(preset("git-credential-manager")
        .unwrap()
        .notes
        .contains("Defaults to the value `pat`"));
}

/// Statuses_Create lists vso.code_write + vso.code_status; Code (status) "grants the
/// ability to read and write commit and pull request status" (Microsoft's scope list),
/// so the preset relies on the any-of reading.
#[test]
fn commit_status() {
    grounded_any_of(
        "commit-status",
        &[
            l("POST {ORG}/_apis/git/repositories/site/commits/abc123/statuses"),
            l("POST {ORG}/_apis/git/repositories/site/pullRequests/7/statuses"),
        ],
    );
}

/// Dependabot pushes update branches, opens pull requests and comments in threads
/// (mburumaxwell/paklo; formerly tinglesoftware/dependabot-azure-devops).
#[test]
fn dependabot() {
    grounded(
        "dependabot",
        &[
            l("git push {ORG}/_git/site"),
            l("POST {ORG}/_apis/git/repositories/site/pullrequests"),
            l("POST {ORG}/_apis/git/repositories/site/pullRequests/7/threads"),
        ],
    );
}

/// Renovate's Azure readme: Code Read & write; Work Items Read & write for work-item links.
#[test]
fn renovate() {
    grounded(
        "renovate",
        &[
            l("git push {ORG}/_git/site"),
            l("POST {ORG}/_apis/git/repositories/site/pullrequests"),
            l("PATCH {ORG}/_apis/wit/workitems/42"),
        ],
    );
}

/// SonarQube Cloud decorates pull requests (threads, statuses) and asks for Code: Read &
/// write; Code: Read & write is one of the listed scopes of both operations (any-of).
#[test]
fn sonarcloud() {
    grounded_any_of(
        "sonarcloud",
        &[
            l("POST {ORG}/_apis/git/repositories/site/pullRequests/7/threads"),
            l("POST {ORG}/_apis/git/repositories/site/pullRequests/7/statuses"),
        ],
    );
}

/// SonarQube Server's import lists repositories and reads their files ("Code > Read").
#[test]
fn sonarqube_import() {
    grounded(
        "sonarqube-import",
        &[
            l("GET {ORG}/_apis/git/repositories"),
            l("GET {ORG}/_apis/git/repositories/site/items?path=/sonar-project.properties"),
        ],
    );
}

/// Feed Management_Get Feeds, NuGet/npm restore (Microsoft Learn Artifacts guides).
#[test]
fn artifacts_read() {
    grounded("artifacts-read", &[
        "GET https://feeds.dev.azure.com/fabrikam/_apis/packaging/feeds".to_string(),
        "npm config set registry https://pkgs.dev.azure.com/fabrikam/_packaging/web/npm/registry/".to_string(),
    ]);
}

/// "Create a PAT with Packaging > Read & write" (Microsoft Learn npm/NuGet publish).
#[test]
fn artifacts_publish() {
    grounded("artifacts-publish", &[
        "npm publish --registry https://pkgs.dev.azure.com/fabrikam/_packaging/web/npm/registry/".to_string(),
        "dotnet nuget push pkg.nupkg --source https://pkgs.dev.azure.com/fabrikam/_packaging/libs/nuget/v3/index.json".to_string(),
    ]);
}

/// Npm_Unpublish Package, Feed Management_Delete Feed (REST specs).
#[test]
fn artifacts_unpublish() {
    grounded("artifacts-unpublish", &[
        "DELETE https://pkgs.dev.azure.com/fabrikam/_apis/packaging/feeds/web/npm/left-pad/versions/1.0.0".to_string(),
        "DELETE https://feeds.dev.azure.com/fabrikam/_apis/packaging/feeds/web".to_string(),
    ]);
}

/// config.sh --auth pat: lists pools and adds the agent (Agents_Add).
#[test]
fn agent_pool() {
    grounded(
        "agent-pool",
        &[
            "GET https://dev.azure.com/fabrikam/_apis/distributedtask/pools".to_string(),
            "POST https://dev.azure.com/fabrikam/_apis/distributedtask/pools/1/agents".to_string(),
        ],
    );
    assert_eq!(preset("agent-pool").unwrap().recommended_days, 7);
}

/// The docker agent's start script registers on every start and removes itself on exit
/// (docs/pipelines/agents/docker.md), so the token must outlive many restarts.
#[test]
fn agent_pool_container() {
    grounded(
        "agent-pool-container",
        &[
            "GET https://dev.azure.com/fabrikam/_apis/distributedtask/pools".to_string(),
            "POST https://dev.azure.com/fabrikam/_apis/distributedtask/pools/1/agents".to_string(),
            "DELETE https://dev.azure.com/fabrikam/_apis/distributedtask/pools/1/agents/5"
                .to_string(),
        ],
    );
    let p = preset("agent-pool-container").unwrap();
    assert!(
        p.recommended_days >= 90,
        "a container restart after expiry cannot register"
    );
    assert!(p.notes.contains("7-day"));
}

/// Deployment-group agents: Deploymentgroups_* need vso.machinegroup_manage.
#[test]
fn deployment_group_agent() {
    grounded(
        "deployment-group-agent",
        &[
            l("GET {ORG}/_apis/distributedtask/deploymentgroups"),
            l("GET {ORG}/_apis/distributedtask/deploymentgroups/3"),
        ],
    );
}

/// Builds_Queue, Runs_Run Pipeline.
#[test]
fn pipeline_run() {
    grounded(
        "pipeline-run",
        &[
            l("POST {ORG}/_apis/build/builds"),
            l("POST {ORG}/_apis/pipelines/12/runs"),
        ],
    );
}

/// Artifacts_Get Artifact, Builds_Get Build Log.
#[test]
fn build_read() {
    grounded(
        "build-read",
        &[
            l("GET {ORG}/_apis/build/builds/99/artifacts"),
            l("GET {ORG}/_apis/build/builds/99/logs/3"),
        ],
    );
}

#[test]
fn release_read() {
    grounded(
        "release-read",
        &["GET https://vsrm.dev.azure.com/fabrikam/web/_apis/release/releases".to_string()],
    );
}

/// Releases_Create.
#[test]
fn release_create() {
    grounded(
        "release-create",
        &["POST https://vsrm.dev.azure.com/fabrikam/web/_apis/release/releases".to_string()],
    );
}

/// `az pipelines variable-group list` → Variablegroups_Get Variable Groups.
#[test]
fn variable_groups_read() {
    grounded(
        "variable-groups-read",
        &["az pipelines variable-group list".to_string()],
    );
}

#[test]
fn service_connections_read() {
    grounded(
        "service-connections-read",
        &[l("GET {ORG}/_apis/serviceendpoint/endpoints")],
    );
}

/// Wiql_Query By Wiql, Work Items_Get Work Item.
#[test]
fn work_items_read() {
    grounded(
        "work-items-read",
        &[
            l("POST {ORG}/_apis/wit/wiql"),
            l("GET {ORG}/_apis/wit/workitems/42"),
        ],
    );
}

/// Work Items_Create / Work Items_Update.
#[test]
fn work_items_write() {
    grounded(
        "work-items-write",
        &[
            l("POST {ORG}/_apis/wit/workitems/$Bug"),
            l("PATCH {ORG}/_apis/wit/workitems/42"),
        ],
    );
}

/// Pages_Create Or Update.
#[test]
fn wiki_write() {
    grounded(
        "wiki-write",
        &[l("PUT {ORG}/_apis/wiki/wikis/web.wiki/pages?path=/Home")],
    );
}

#[test]
fn test_read() {
    grounded("test-read", &[l("GET {ORG}/_apis/test/runs")]);
}

/// Runs_Create, Results_Add.
#[test]
fn test_results_publish() {
    grounded(
        "test-results-publish",
        &[
            l("POST {ORG}/_apis/test/runs"),
            l("POST {ORG}/_apis/test/Runs/5/results"),
        ],
    );
}

/// Power BI / OData: "Analytics (read)" (Microsoft Learn, client authentication options).
#[test]
fn analytics() {
    grounded(
        "analytics",
        &[
            "https://analytics.dev.azure.com/fabrikam/web/_odata/v4.0-preview/WorkItems"
                .to_string(),
        ],
    );
}

/// Projects_List and Teams_Get Teams list vso.profile + vso.project; Teams_Get All Teams
/// only vso.project. The preset relies on the any-of reading (Project and team: Read).
#[test]
fn project_read() {
    grounded_any_of(
        "project-read",
        &[
            "GET https://dev.azure.com/fabrikam/_apis/projects".to_string(),
            "GET https://dev.azure.com/fabrikam/_apis/projects/web/teams".to_string(),
            "GET https://dev.azure.com/fabrikam/_apis/teams".to_string(),
        ],
    );
}

#[test]
fn graph_read() {
    grounded(
        "graph-read",
        &["GET https://vssps.dev.azure.com/fabrikam/_apis/graph/users".to_string()],
    );
}

#[test]
fn audit_log() {
    grounded(
        "audit-log",
        &["GET https://auditservice.dev.azure.com/fabrikam/_apis/audit/auditlog".to_string()],
    );
}

/// Personal Access Tokens_List, Revocations_Revoke Authorizations.
#[test]
fn token_admin() {
    grounded("token-admin", &[
        "GET https://vssps.dev.azure.com/fabrikam/_apis/tokenadmin/personalaccesstokens/aad.abc".to_string(),
        "POST https://vssps.dev.azure.com/fabrikam/_apis/tokenadmin/revocations".to_string(),
    ]);
}

/// Marketplace publishing is not in the REST specification (no operation lists
/// vso.gallery*): the preset rests on the VS Code publishing guide alone, and that guide
/// now points to Microsoft Entra (`--azure-credential`), which the calculator says too.
#[test]
fn vsce_publish() {
    let a = calculate(
        "POST https://marketplace.visualstudio.com/_apis/gallery/publisher/fabrikam/extension",
    );
    assert!(a.calls.is_empty() && a.scopes.is_empty(), "{a:?}");
    let by_name = calculate("vsce");
    assert_eq!(by_name.scopes, ["vso.gallery_manage"]);
    assert!(by_name.alternatives.iter().any(|alt| alt
        .text(patguard_core::catalog::Lang::En)
        .contains("--azure-credential")));
    assert!(preset("vsce-publish")
        .unwrap()
        .notes
        .contains("--azure-credential"));
}
