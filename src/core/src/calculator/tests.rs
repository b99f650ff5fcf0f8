use super::*;
use crate::catalog::Lang;

fn ids(calls: &[Call]) -> Vec<&str> {
    calls
        .iter()
        .filter_map(|c| c.operation_id.as_deref())
        .collect()
}

fn union(answer: &Answer) -> Vec<String> {
    let mut all: Vec<String> = answer.calls.iter().flat_map(|c| c.scopes.clone()).collect();
    all.sort();
    all.dedup();
    all
}

fn kinds(answer: &Answer) -> Vec<&'static str> {
    answer.limits.iter().map(Limit::kind).collect()
}

// Sample lookups 1-10 of reference/rest-scopes/README.md.

#[test]
fn sample_1_git_push_operation_with_optional_project() {
    let a = calculate("POST https://dev.azure.com/{organization}/{project}/_apis/git/repositories/{repositoryId}/pushes");
    assert_eq!(ids(&a.calls), ["Pushes_Create"]);
    assert_eq!(a.calls[0].area.as_deref(), Some("git"));
    assert_eq!(a.scopes, ["vso.code_write"]);
    let without_project =
        calculate("POST https://dev.azure.com/fabrikam/_apis/git/repositories/7f0a/pushes");
    assert_eq!(ids(&without_project.calls), ["Pushes_Create"]);
}

#[test]
fn sample_2_feeds_with_and_without_project() {
    for url in [
        "GET https://feeds.dev.azure.com/{organization}/{project}/_apis/packaging/feeds",
        "GET https://feeds.dev.azure.com/fabrikam/_apis/packaging/feeds",
    ] {
        let a = calculate(url);
        assert_eq!(ids(&a.calls), ["Feed  Management_Get Feeds"], "{url}");
        assert_eq!(a.calls[0].area.as_deref(), Some("artifacts"));
        assert_eq!(a.scopes, ["vso.packaging"]);
    }
}

#[test]
fn sample_3_multi_scope_operation_takes_the_safe_reading() {
    let a = calculate("POST https://dev.azure.com/fabrikam/web/_apis/pipelines/checks/configurations?api-version=7.1");
    assert_eq!(ids(&a.calls), ["Check Configurations_Add"]);
    assert_eq!(
        a.scopes,
        ["vso.build_execute", "vso.pipelineresources_manage"]
    );
    let multi = a
        .limits
        .iter()
        .find(|l| l.kind() == "multi-scope")
        .expect("multi-scope limit");
    let text = multi.text(Lang::En);
    assert!(
        text.contains("Check Configurations_Add: vso.build_execute + vso.pipelineresources_manage"),
        "{text}"
    );
    assert!(text.contains("safe reading, all of them"), "{text}");
    assert!(multi.text(Lang::De).contains("„alle“"));
}

#[test]
fn sample_4_status_badge_lists_no_scope() {
    let a = calculate("GET https://dev.azure.com/fabrikam/web/_apis/build/status/CI");
    assert_eq!(ids(&a.calls), ["Status_Get"]);
    assert!(a.calls[0].scopes.is_empty());
    assert!(a.scopes.is_empty());
    let limit = a
        .limits
        .iter()
        .find(|l| l.kind() == "no-scope-listed")
        .expect("limit");
    assert!(limit
        .text(Lang::En)
        .contains("does not mean no token is needed"));
}

#[test]
fn sample_5_pat_lifecycle_api_is_entra_only() {
    let a = calculate("GET https://vssps.dev.azure.com/{organization}/_apis/tokens/pats?");
    assert_eq!(ids(&a.calls), ["Pats_List"]);
    assert_eq!(a.calls[0].scopes, ["vso.pats"]);
    assert!(
        a.scopes.is_empty(),
        "vso.pats is not on the PAT page: {:?}",
        a.scopes
    );
    assert_eq!(kinds(&a)[..2], ["entra-only", "not-on-pat-page"]);
}

#[test]
fn sample_6_az_repos_pr_create() {
    let a = calculate("az repos pr create --title \"Bump\" --source-branch dev");
    let mut via: Vec<&str> = a
        .calls
        .iter()
        .filter_map(|c| c.via.as_deref())
        .map(|v| v.rsplit('.').next().unwrap())
        .collect();
    via.sort();
    assert_eq!(
        via,
        [
            "create_pull_request",
            "get_commit",
            "get_pull_request_commits",
            "get_repository",
            "read_identities",
            "update_pull_request"
        ]
    );
    assert_eq!(union(&a), ["vso.code", "vso.code_write", "vso.identity"]);
    assert_eq!(
        a.scopes,
        ["vso.code_write", "vso.identity"],
        "vso.code_write includes vso.code"
    );
    assert!(a.unmapped.iter().any(|u| matches!(&u.reason, Reason::SdkCall { sdk, .. } if sdk == "v5_0.location.LocationClient.get_connection_data")));
    assert!(a.unmapped.iter().any(|u| matches!(&u.reason, Reason::ExternalProcess { process } if process.contains("git symbolic-ref --short -q HEAD"))));
    assert!(a.alternatives.contains(&Alternative::AzLogin));
}

#[test]
fn sample_7_az_variable_group_list() {
    let a = calculate("az pipelines variable-group list --org https://dev.azure.com/fabrikam");
    assert_eq!(ids(&a.calls), ["Variablegroups_Get Variable Groups"]);
    assert_eq!(
        a.calls[0].via.as_deref(),
        Some("v5_0.task_agent.TaskAgentClient.get_variable_groups")
    );
    assert_eq!(a.scopes, ["vso.variablegroups_read"]);
    assert!(a.unmapped.is_empty(), "{:?}", a.unmapped);
}

#[test]
fn sample_8_universal_publish_is_not_derivable_from_the_specs() {
    let a = calculate(
        "az artifacts universal publish --feed tools --name cli --version 1.0.0 --path .",
    );
    assert!(ids(&a.calls).is_empty(), "no spec operation: {:?}", a.calls);
    let sdks: Vec<&str> = a
        .unmapped
        .iter()
        .filter_map(|u| match &u.reason {
            Reason::SdkCall { sdk, .. } => Some(sdk.as_str()),
            _ => None,
        })
        .collect();
    assert!(sdks.contains(&"client_tool.ClientToolClient.get_clienttool_release"));
    assert!(sdks.iter().any(|s| s.starts_with("requests.get()")));
    assert!(a.unmapped.iter().any(|u| matches!(&u.reason, Reason::ExternalProcess { process } if process.contains("ExternalToolInvoker.start"))));
    let limit = a
        .limits
        .iter()
        .find(|l| l.kind() == "universal-packages")
        .unwrap();
    assert!(limit.text(Lang::En).contains("not derivable from it"));
    // The stated rule answers instead, marked as a rule.
    assert_eq!(
        a.calls[0].rule.as_deref(),
        Some("universal-packages-publish")
    );
    assert_eq!(a.scopes, ["vso.packaging_write"]);
}

#[test]
fn sample_9_terraform_git_repository() {
    let a = calculate("azuredevops_git_repository");
    assert_eq!(
        union(&a),
        [
            "vso.code",
            "vso.code_manage",
            "vso.code_write",
            "vso.profile",
            "vso.project",
            "vso.serviceendpoint_manage"
        ]
    );
    assert_eq!(
        a.scopes,
        [
            "vso.code_manage",
            "vso.project",
            "vso.serviceendpoint_manage"
        ]
    );
    let read = a
        .limits
        .iter()
        .find(|l| l.kind() == "terraform-read-only")
        .unwrap();
    assert!(read
        .text(Lang::En)
        .contains("resource azuredevops_git_repository: vso.code"));
    let docs = a
        .limits
        .iter()
        .find(|l| l.kind() == "terraform-docs")
        .unwrap();
    assert!(docs
        .text(Lang::En)
        .contains("**Code**: Read, Create, & Manage."));
}

#[test]
fn sample_10_terraform_data_source_project() {
    let a = calculate("data.azuredevops_project.main");
    assert_eq!(union(&a), ["vso.profile", "vso.project", "vso.work"]);
    assert!(a.unmapped.iter().any(|u| matches!(&u.reason, Reason::SdkCall { sdk, .. } if sdk == "featuremanagement.Client.QueryFeatureStates")));
    let docs = a
        .limits
        .iter()
        .find(|l| l.kind() == "terraform-docs")
        .unwrap()
        .text(Lang::En);
    assert!(
        docs.contains("Project & Team") && docs.contains("Work Items"),
        "{docs}"
    );
}

// One test per input kind.

#[test]
fn rest_url_without_method_is_read_as_get_and_says_so() {
    let a = calculate("https://dev.azure.com/fabrikam/web/_apis/build/builds?api-version=7.1");
    assert_eq!(ids(&a.calls), ["Builds_List"]);
    assert_eq!(a.scopes, ["vso.build"]);
    assert!(kinds(&a).contains(&"method-assumed"));
}

#[test]
fn curl_invoke_restmethod_and_az_rest_lines() {
    let a = calculate(concat!(
        "curl -s -u :$AZDO_PAT -X POST -H 'Content-Type: application/json' -d @body.json \\\n",
        "  \"https://dev.azure.com/fabrikam/web/_apis/build/builds?api-version=7.1\"\n",
        "Invoke-RestMethod -Method Patch -Uri \"https://dev.azure.com/fabrikam/web/_apis/wit/workitems/42?api-version=7.1\" -Headers $h\n",
        "az rest --method post --url 'https://dev.azure.com/fabrikam/web/_apis/wit/workitems/$Bug?api-version=7.1' --resource 499b84ac-1321-427f-aa17-267ca6975798\n",
    ));
    assert_eq!(
        ids(&a.calls),
        ["Builds_Queue", "Work Items_Update", "Work Items_Create"]
    );
    assert_eq!(a.scopes, ["vso.build_execute", "vso.work_write"]);
    assert!(a.unmapped.is_empty(), "{:?}", a.unmapped);
    assert!(!kinds(&a).contains(&"method-assumed"));
}

#[test]
fn curl_data_flag_means_post_and_variable_hosts_still_match() {
    let a = calculate("curl -u \":$PAT\" --data-binary @pr.json \"$SYSTEM_COLLECTIONURI$SYSTEM_TEAMPROJECT/_apis/git/repositories/$REPO/pullrequests?api-version=7.1\"");
    assert_eq!(ids(&a.calls), ["Pull Requests_Create"]);
    assert!(a
        .alternatives
        .contains(&Alternative::PipelineWorkloadIdentity));
}

#[test]
fn visualstudio_com_hosts_are_the_same_services() {
    let a = calculate("POST https://fabrikam.vsrm.visualstudio.com/web/_apis/release/releases");
    assert_eq!(ids(&a.calls), ["Releases_Create"]);
    assert_eq!(a.scopes, ["vso.release_execute"]);
}

#[test]
fn terraform_file_reads_only_block_headers() {
    let tf = r#"
terraform {
  required_providers {
    azuredevops = { source = "microsoft/azuredevops" }
  }
}
provider "azuredevops" {
  org_service_url = "https://dev.azure.com/fabrikam"
}
resource "azuredevops_variable_group" "vg" {
  project_id = data.azuredevops_project.p.id
  name       = "shared"
}
data "azuredevops_project" "p" {
  name = "web"
}
resource "azurerm_resource_group" "rg" {
  name = "rg"
}
"#;
    let a = calculate(tf);
    let inputs: Vec<&str> = a.calls.iter().map(|c| c.input.as_str()).collect();
    assert!(
        inputs
            .iter()
            .all(|i| i.starts_with("resource \"azuredevops_variable_group\"")
                || i.starts_with("data \"azuredevops_project\"")),
        "{inputs:?}"
    );
    assert!(
        a.scopes.contains(&"vso.variablegroups_manage".to_string()),
        "{:?}",
        a.scopes
    );
    assert_eq!(
        a.unmapped
            .iter()
            .filter(|u| u.reason == Reason::OtherTerraformProvider)
            .count(),
        1
    );
    assert!(a.alternatives.contains(&Alternative::TerraformEntra));
}

#[test]
fn git_remotes_fetch_push_and_ssh() {
    let fetch = calculate("git clone https://fabrikam@dev.azure.com/fabrikam/web/_git/site");
    assert_eq!(fetch.scopes, ["vso.code"]);
    assert_eq!(fetch.calls[0].rule.as_deref(), Some("git-fetch"));
    assert!(kinds(&fetch).contains(&"git-smart-http"));
    assert!(fetch.alternatives.contains(&Alternative::GitOAuth));

    let remote_v = calculate("origin\thttps://dev.azure.com/fabrikam/web/_git/site (fetch)\norigin\thttps://dev.azure.com/fabrikam/web/_git/site (push)");
    assert_eq!(remote_v.scopes, ["vso.code_write"], "push includes fetch");

    let push = calculate("git push origin main");
    assert_eq!(push.scopes, ["vso.code_write"]);

    let ssh = calculate("git clone git@ssh.dev.azure.com:v3/fabrikam/web/site");
    assert!(ssh.scopes.is_empty());
    assert_eq!(ssh.unmapped[0].reason, Reason::SshRemote);
}

#[test]
fn package_feed_urls_of_each_protocol() {
    let read = [
        "npm config set registry https://pkgs.dev.azure.com/fabrikam/_packaging/web/npm/registry/",
        "dotnet nuget add source https://pkgs.dev.azure.com/fabrikam/web/_packaging/libs/nuget/v3/index.json -n libs",
        "<url>https://pkgs.dev.azure.com/fabrikam/_packaging/java/maven/v1</url>",
        "pip install --index-url https://pkgs.dev.azure.com/fabrikam/_packaging/py/pypi/simple/ requests",
        "https://fabrikam.pkgs.visualstudio.com/_packaging/web/npm/registry/",
    ];
    for line in read {
        let a = calculate(line);
        assert_eq!(a.scopes, ["vso.packaging"], "{line}");
        assert_eq!(
            a.calls[0].rule.as_deref(),
            Some("package-feed-read"),
            "{line}"
        );
        assert!(kinds(&a).contains(&"package-feeds"));
    }
    let publish = [
        "dotnet nuget push pkg.nupkg --source https://pkgs.dev.azure.com/fabrikam/_packaging/libs/nuget/v3/index.json --api-key az",
        "twine upload --repository-url https://pkgs.dev.azure.com/fabrikam/_packaging/py/pypi/upload/ dist/*",
        "npm publish --registry https://pkgs.dev.azure.com/fabrikam/_packaging/web/npm/registry/",
    ];
    for line in publish {
        assert_eq!(calculate(line).scopes, ["vso.packaging_write"], "{line}");
    }
    let universal = calculate("az artifacts universal download --organization https://dev.azure.com/fabrikam --feed tools --name cli --version 1.0.0 --path .");
    assert_eq!(universal.scopes, ["vso.packaging"]);
}

#[test]
fn analytics_odata_uses_the_stated_rule() {
    let a = calculate("https://analytics.dev.azure.com/fabrikam/web/_odata/v4.0-preview/WorkItems?$select=WorkItemId");
    assert_eq!(a.scopes, ["vso.analytics"]);
    assert!(kinds(&a).contains(&"analytics-odata"));
}

#[test]
fn tool_names_with_a_preset() {
    let a = calculate("Renovate");
    assert_eq!(a.scopes, ["vso.code_write", "vso.work_write"]);
    assert_eq!(a.calls[0].rule.as_deref(), Some("preset:renovate"));
    let v = calculate("vsce");
    assert!(v.alternatives.contains(&Alternative::VsceAzureCredential));
    assert_eq!(calculate("git-read").scopes, ["vso.code"]);
}

// Unmapped lines.

#[test]
fn every_unmapped_line_has_its_reason() {
    let a = calculate(concat!(
        "echo done\n",
        "https://github.com/org/repo\n",
        "https://dev.azure.com/fabrikam\n",
        "GET https://dev.azure.com/fabrikam/_apis/nothing/here\n",
        "GET https://dev.azure.com/fabrikam/_apis/connectionData\n",
        "az login\n",
        "az repos frobnicate\n",
        "azuredevops_no_such_thing\n",
        "git commit -m x\n",
        "az devops invoke --area git --resource repositories\n",
    ));
    assert!(a.calls.is_empty(), "{:?}", a.calls);
    let reasons: Vec<(&str, &Reason)> = a
        .unmapped
        .iter()
        .map(|u| (u.input.as_str(), &u.reason))
        .collect();
    assert_eq!(reasons[0], ("echo done", &Reason::NoCall));
    assert_eq!(
        reasons[1].1,
        &Reason::NotAzureDevOps {
            host: "github.com".into()
        }
    );
    assert_eq!(reasons[2].1, &Reason::NotAnApi);
    assert_eq!(
        reasons[3].1,
        &Reason::NoOperation {
            method: "GET".into()
        }
    );
    assert_eq!(reasons[4].1, &Reason::InternalApi);
    assert_eq!(reasons[5].1, &Reason::NotDevOpsCommand);
    assert_eq!(reasons[6].1, &Reason::UnknownAzCommand);
    assert_eq!(reasons[7].1, &Reason::UnknownTerraform);
    assert_eq!(reasons[8].1, &Reason::GitLocal);
    assert!(
        matches!(reasons[9].1, Reason::SdkCall { .. }),
        "az devops invoke can call anything"
    );
    assert!(kinds(&a).contains(&"internal-api"));
    assert!(Limit::InternalApi.text(Lang::En).contains("Full access"));
    for u in &a.unmapped {
        assert!(!u.reason.text(Lang::De).is_empty());
    }
}

// Minimisation with the catalog's inheritance.

#[test]
fn lowest_level_per_group_that_covers_every_call() {
    let a = calculate(concat!(
        "GET https://dev.azure.com/fabrikam/web/_apis/git/repositories\n",
        "POST https://dev.azure.com/fabrikam/web/_apis/git/repositories/r/pushes\n",
        "GET https://dev.azure.com/fabrikam/web/_apis/build/builds\n",
    ));
    assert_eq!(a.scopes, ["vso.build", "vso.code_write"]);
    assert_eq!(
        a.calls_needing("vso.code_write").len(),
        2,
        "the read is covered by write"
    );
    let more = calculate(concat!(
        "DELETE https://dev.azure.com/fabrikam/web/_apis/git/repositories/r\n",
        "POST https://dev.azure.com/fabrikam/web/_apis/git/repositories/r/pushes\n",
    ));
    assert_eq!(more.scopes, ["vso.code_manage"]);
}

#[test]
fn inheritance_across_groups_is_used() {
    // vso.environment_manage includes vso.agentpools_manage (catalog inheritance).
    let a = calculate(concat!(
        "POST https://dev.azure.com/fabrikam/_apis/distributedtask/pools/1/agents\n",
        "POST https://dev.azure.com/fabrikam/web/_apis/pipelines/environments\n",
    ));
    assert_eq!(
        union(&a),
        [
            "vso.agentpools_manage",
            "vso.build_execute",
            "vso.environment_manage"
        ]
    );
    assert_eq!(a.scopes, ["vso.build_execute", "vso.environment_manage"]);
}

#[test]
fn owner_permissions_are_always_stated_when_there_is_a_call() {
    assert!(kinds(&calculate(
        "GET https://dev.azure.com/fabrikam/_apis/projects"
    ))
    .contains(&"owner-permissions"));
    assert!(calculate("hello").limits.is_empty());
}

#[test]
fn answer_serialises_to_the_cli_shape() {
    let a = calculate("GET https://dev.azure.com/fabrikam/_apis/projects\nnonsense");
    let v: serde_json::Value = serde_json::to_value(&a).unwrap();
    assert_eq!(
        v["scopes"],
        serde_json::json!(["vso.profile", "vso.project"])
    );
    assert_eq!(v["calls"][0]["operationId"], "Projects_List");
    assert_eq!(
        v["calls"][0]["input"],
        "GET https://dev.azure.com/fabrikam/_apis/projects"
    );
    assert_eq!(v["unmapped"][0]["input"], "nonsense");
    assert!(v["unmapped"][0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("no Azure DevOps call"));
}

#[test]
fn view_carries_each_scope_with_the_calls_it_covers_in_the_page_language() {
    let text = "GET https://dev.azure.com/contoso/web/_apis/git/repositories\ngit push https://dev.azure.com/contoso/web/_git/site\nnonsense";
    let de = super::calculate_view(text, Lang::De);
    assert_eq!(de.scope_ids().collect::<Vec<_>>(), ["vso.code_write"]);
    // Code (read and write) includes Code (read): the read call is listed under it too.
    assert_eq!(de.scopes[0].calls.len(), 2, "{:?}", de.scopes[0].calls);
    assert!(de.scopes[0].calls[0].ends_with("→ Repositories_List"));
    assert_eq!(de.unmapped[0].input, "nonsense");
    assert!(de.unmapped[0]
        .reason
        .starts_with("kein Azure-DevOps-Aufruf"));
    assert!(de.limits.iter().any(|l| l.kind == "git-smart-http"));
    let en = super::calculate_view(text, Lang::En);
    assert_ne!(en.unmapped[0].reason, de.unmapped[0].reason);
    assert_eq!(
        en.alternatives.len(),
        calculate(text).alternatives.len(),
        "every alternative is shown"
    );
}

#[test]
fn view_survives_its_json_round_trip() {
    let view = super::calculate_view(
        "az repos pr create --title t\nazuredevops_git_repository\necho x",
        Lang::En,
    );
    let json = serde_json::to_string(&view).unwrap();
    let back: super::AnswerView = serde_json::from_str(&json).unwrap();
    assert_eq!(back, view);
}
