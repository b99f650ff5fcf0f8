//! Calls the REST specification does not describe, answered by stated rules (the
//! sources are in `Limit::text`): git over HTTPS, package feed protocols, Universal
//! Packages and Analytics OData.

use super::answer::{Builder, Call};
use super::limits::Limit;

fn rule_call(input: &str, rule: &str, scope: &str) -> Call {
    Call {
        input: input.to_string(),
        operation_id: None,
        area: None,
        via: None,
        scopes: vec![scope.to_string()],
        rule: Some(rule.to_string()),
    }
}

/// git clone / fetch / pull (`push` false) or push over HTTPS.
pub fn git(out: &mut Builder, input: &str, push: bool) {
    let (rule, scope) = if push {
        ("git-push", "vso.code_write")
    } else {
        ("git-fetch", "vso.code")
    };
    out.call(rule_call(input, rule, scope));
    out.limit(Limit::GitSmartHttp);
}

pub fn package_feed(out: &mut Builder, input: &str, publish: bool) {
    let (rule, scope) = if publish {
        ("package-feed-publish", "vso.packaging_write")
    } else {
        ("package-feed-read", "vso.packaging")
    };
    out.call(rule_call(input, rule, scope));
    out.limit(Limit::PackageFeeds);
}

pub fn universal_packages(out: &mut Builder, input: &str, publish: bool) {
    let (rule, scope) = if publish {
        ("universal-packages-publish", "vso.packaging_write")
    } else {
        ("universal-packages-download", "vso.packaging")
    };
    out.call(rule_call(input, rule, scope));
    out.limit(Limit::UniversalPackages);
}

pub fn analytics(out: &mut Builder, input: &str) {
    out.call(rule_call(input, "analytics-odata", "vso.analytics"));
    out.limit(Limit::AnalyticsOData);
}

pub fn preset(out: &mut Builder, input: &str, preset_id: &str, scopes: &[String]) {
    out.call(Call {
        input: input.to_string(),
        operation_id: None,
        area: None,
        via: None,
        scopes: scopes.to_vec(),
        rule: Some(format!("preset:{preset_id}")),
    });
}
