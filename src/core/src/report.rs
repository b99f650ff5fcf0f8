//! The "copy page report" for diagnostics: the snapshot's structure (tags, roles,
//! classes, ARIA state, handles) with every piece of user data removed. A text or
//! accessible name survives only when it is a known page text, a catalog group or
//! level label or description (en/de), or a `{n}` template instance; bare numbers and
//! dates become `{n}` / `{date}`; everything else becomes "…". Input values (the
//! token!) are dropped (a dropdown's displayed choice goes through the allow-list), ids are kept only when they look like azure-devops-ui's
//! generated `__bolt-` ids, and the URL is reduced to its path with the organization
//! replaced by `{org}`.

use crate::catalog::{all_page_texts, catalog, Lang};
use crate::date::Date;
use crate::recognizer::text::{expiry_option_days, Template};
use crate::snapshot::{Node, Snapshot};
use std::collections::BTreeSet;

/// Placeholder for any text that is not known to be safe.
pub const REDACTED: &str = "…";

/// Where the snapshot held a value that passed the token validation: the value is gone,
/// this marker (as the node's text) keeps the place, so a report of a success view can
/// become a test fixture again with [`with_sample_token`].
pub const TOKEN_PLACEHOLDER: &str = "{token}";

/// A made-up token in the 84-character layout (it passes the format check and was never
/// issued): what [`with_sample_token`] puts where a report's token was.
pub const SAMPLE_TOKEN: &str =
    "PatGuardReportSampleNotARealToken0000000000000000000JQQJ99CL000000000000AAAAAZDO0000";

/// What the recogniser made of a page, as a page report states it ("recognised") and as
/// `tests/fixtures/snapshots/expected/*.json` expect it.
pub fn verdict(view: &crate::page::PageView) -> String {
    use crate::page::PageView;
    match view {
        PageView::List(_) => "list".to_string(),
        PageView::Form(f) => format!("form ({:?}, {:?})", f.mode, f.lang),
        PageView::Success(_) => "success".to_string(),
        PageView::OtherDialog { .. } => "other dialog".to_string(),
        PageView::Unrecognized { reason } => format!("unrecognized: {reason}"),
    }
}

fn is_token(s: &str) -> bool {
    crate::token::classify(s).is_valid()
}

/// A report with [`SAMPLE_TOKEN`] back where the token was (in the field's value, or as
/// the text), so the recogniser sees a success view as the user's page showed it.
pub fn with_sample_token(report: &Snapshot) -> Snapshot {
    fn fill(n: &mut Node) {
        if n.x.as_deref() == Some(TOKEN_PLACEHOLDER) {
            if matches!(n.t.as_str(), "input" | "textarea") {
                n.x = None;
                n.v = Some(SAMPLE_TOKEN.into());
            } else {
                n.x = Some(SAMPLE_TOKEN.to_string());
            }
        }
        n.k.iter_mut().for_each(fill);
    }
    let mut out = report.clone();
    out.roots.iter_mut().for_each(fill);
    out
}

pub fn redacted_report(snap: &Snapshot) -> Snapshot {
    let allow = Allow::new();
    let org = org_of(&snap.url);
    Snapshot {
        v: snap.v,
        gen: snap.gen,
        url: redact_url(&snap.url),
        lang: snap.lang.clone(),
        theme: snap.theme.clone(),
        roots: snap
            .roots
            .iter()
            .map(|r| redact_node(r, &allow, org.as_deref()))
            .collect(),
        truncated: snap.truncated,
    }
}

struct Allow {
    exact: BTreeSet<&'static str>,
    templates: Vec<Template>,
}

impl Allow {
    fn new() -> Allow {
        let mut exact = BTreeSet::new();
        let mut templates = Vec::new();
        for t in all_page_texts() {
            if t.contains("{n}") {
                templates.push(Template::new(t));
            } else {
                exact.insert(t);
            }
        }
        for g in &catalog().groups {
            for lang in Lang::ALL {
                exact.insert(g.label(lang));
                if let Some(d) = g.description(lang) {
                    exact.insert(d);
                }
            }
            for l in &g.levels {
                exact.insert(l.label_en.as_str());
                exact.insert(l.label_de.as_str());
                exact.insert(l.description.as_str());
            }
        }
        Allow { exact, templates }
    }

    fn text(&self, text: &str) -> String {
        let t = text.trim();
        if self.exact.contains(t)
            || self.templates.iter().any(|tpl| tpl.matches(t).is_some())
            || Lang::ALL
                .into_iter()
                .any(|l| expiry_option_days(t, l).is_some())
        {
            return t.to_string();
        }
        if !t.is_empty() && t.len() <= 6 && t.bytes().all(|b| b.is_ascii_digit()) {
            return "{n}".to_string();
        }
        if Date::parse(t).is_some() {
            return "{date}".to_string();
        }
        REDACTED.to_string()
    }
}

fn redact_node(n: &Node, allow: &Allow, org: Option<&str>) -> Node {
    Node {
        h: n.h,
        t: n.t.clone(),
        r: n.r.clone(),
        c: n.c.clone(),
        id: n.id.as_deref().and_then(|id| redact_id(id, org)),
        x: if n.expose_value().is_some_and(is_token) || n.x.as_deref().is_some_and(is_token) {
            Some(TOKEN_PLACEHOLDER.to_string())
        } else {
            n.x.as_deref().map(|x| allow.text(x))
        },
        l: n.l.as_deref().map(|l| allow.text(l)),
        ck: n.ck.clone(),
        dis: n.dis,
        ex: n.ex.clone(),
        sel: n.sel.clone(),
        // Only a dropdown's displayed choice (an `<input type=button>`) passes, through
        // the same allow-list as texts; typed values and the token never do.
        v: match (n.ty.as_deref(), n.expose_value()) {
            (Some("button"), Some(v)) => Some(allow.text(v).into()),
            _ => None,
        },
        ty: n.ty.clone(),
        ro: n.ro,
        hid: n.hid,
        k: n.k.iter().map(|k| redact_node(k, allow, org)).collect(),
    }
}

/// Generated azure-devops-ui ids (`__bolt-…`) only, with the organization masked.
fn redact_id(id: &str, org: Option<&str>) -> Option<String> {
    if !id.starts_with("__bolt-")
        || !id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return None;
    }
    let mut out = id.to_string();
    if let Some(org) = org.filter(|o| o.len() >= 2) {
        let safe_org: String = org
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let lower = out.to_ascii_lowercase();
        if let Some(i) = lower.find(&safe_org.to_ascii_lowercase()) {
            out.replace_range(i..i + safe_org.len(), "{org}");
        }
    }
    Some(out)
}

/// The organization (or collection) a token-page URL names.
fn org_of(url: &str) -> Option<String> {
    let host = url
        .split_once("://")
        .map(|(_, rest)| rest.split(['/', '?', '#']).next().unwrap_or(""));
    if let Some(org) = host.and_then(|h| {
        h.to_ascii_lowercase()
            .strip_suffix(".visualstudio.com")
            .map(str::to_string)
    }) {
        return Some(org);
    }
    let path = crate::recognizer::url_path(url);
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let first_underscore = segs.iter().position(|s| s.starts_with('_'))?;
    first_underscore.checked_sub(1).map(|i| segs[i].to_string())
}

/// The path only: `/{org}/_usersSettings/tokens`. Segments before the first `_…`
/// segment are the organization (the last one) and a server's virtual directory
/// (`{path}`); other non-`_` segments after it are kept only when they are the pivot
/// names `tokens` / `keys`.
fn redact_url(url: &str) -> String {
    let path = crate::recognizer::url_path(url);
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let first_underscore = segs
        .iter()
        .position(|s| s.starts_with('_'))
        .unwrap_or(segs.len());
    let mut out = String::new();
    for (i, s) in segs.iter().enumerate() {
        out.push('/');
        if i + 1 == first_underscore {
            out.push_str("{org}");
        } else if i < first_underscore {
            out.push_str("{path}");
        } else if s.starts_with('_') && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            || matches!(*s, "tokens" | "keys")
        {
            out.push_str(s);
        } else {
            out.push_str("{seg}");
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::PageView;
    use crate::recognizer::recognize_at;
    use crate::recognizer::tests::{capture_day, fixture, fixture_names};

    /// Every value a fixture carries that a report must not: tokens and other input
    /// values, the organization, token names, and the replica's user.
    fn secrets_of(snap: &Snapshot) -> Vec<String> {
        let mut out = vec!["contoso".to_string(), "Ada Lovelace".into(), "ada@".into()];
        for n in snap.nodes() {
            if let Some(v) = n
                .expose_value()
                .filter(|v| v.len() >= 4 && !v.contains(" days") && !v.contains(" Tage"))
            {
                if Date::parse(v).is_none() && !Allow::new().exact.contains(v) {
                    out.push(v.to_string());
                }
            }
        }
        for name in [
            "build-agent-2025",
            "nuget-publish",
            "vsce-marketplace",
            "git-laptop",
            "release-bot",
            "multi-bot",
            "ci-reader",
            "too-long",
        ] {
            out.push(name.to_string());
        }
        out
    }

    #[test]
    fn no_token_user_org_or_token_name_survives() {
        for name in fixture_names() {
            let snap = fixture(&name);
            let report = redacted_report(&snap).to_json_string().to_lowercase();
            for secret in secrets_of(&snap) {
                assert!(
                    !report.contains(&secret.to_lowercase()),
                    "{name}: {secret} survived"
                );
            }
            let redacted = redacted_report(&snap);
            let typed = redacted
                .nodes()
                .filter(|n| n.v.is_some() && n.ty.as_deref() != Some("button"))
                .count();
            assert_eq!(typed, 0, "{name}: an input value survived");
        }
        // The success fixtures really carried tokens (so the check above means something).
        let snap = fixture("success-en");
        assert!(snap
            .nodes()
            .any(|n| n.expose_value().is_some_and(|v| v.len() == 84)));
    }

    #[test]
    fn known_texts_and_structure_survive() {
        let snap = fixture("create-collapsed-en");
        let report = redacted_report(&snap);
        let json = report.to_json_string();
        for keep in [
            "Create a new personal access token",
            "Read & write",
            "Show all scopes (31 more)",
            "Work items, queries, backlogs, plans, and metadata",
            "30 days",
            "__bolt-custom-defined",
            "bolt-checkbox",
        ] {
            assert!(json.contains(keep), "{keep} was lost");
        }
        assert_eq!(report.nodes().count(), snap.nodes().count());
        assert_eq!(report.url, "/{org}/_usersSettings/tokens");
        let list = redacted_report(&fixture("list-en")).to_json_string();
        assert!(list.contains("{date}") && list.contains("Expired") && list.contains(REDACTED));
    }

    #[test]
    fn the_report_is_still_recognised() {
        for name in fixture_names() {
            let snap = fixture(&name);
            let before = recognize_at(&snap, capture_day());
            // A report keeps only the token's place; the fixture path puts a sample back.
            let after = recognize_at(&with_sample_token(&redacted_report(&snap)), capture_day());
            assert_eq!(
                std::mem::discriminant(&before),
                std::mem::discriminant(&after),
                "{name}: {after:?}"
            );
            if let (PageView::Form(b), PageView::Form(a)) = (&before, &after) {
                assert_eq!(b.checked_scopes(), a.checked_scopes(), "{name}");
                assert_eq!(b.groups.len(), a.groups.len(), "{name}");
            }
        }
    }

    #[test]
    fn the_sample_token_is_valid_and_a_report_marks_the_token_place() {
        assert!(is_token(SAMPLE_TOKEN));
        let report = redacted_report(&fixture("success-en"));
        assert_eq!(
            report
                .nodes()
                .filter(|n| n.x.as_deref() == Some(TOKEN_PLACEHOLDER))
                .count(),
            1
        );
    }

    #[test]
    fn urls_lose_origin_and_organization() {
        assert_eq!(
            redact_url("https://dev.azure.com/contoso/_usersSettings/tokens?lang=de"),
            "/{org}/_usersSettings/tokens"
        );
        assert_eq!(
            redact_url("https://contoso.visualstudio.com/_usersSettings/tokens"),
            "/_usersSettings/tokens"
        );
        assert_eq!(
            redact_url("https://tfs.corp.example/tfs/Fabrikam/_usersSettings/tokens"),
            "/{path}/{org}/_usersSettings/tokens"
        );
        assert_eq!(
            redact_url("https://dev.azure.com/contoso/Secret%20Project/_git/repo"),
            "/{path}/{org}/_git/{seg}"
        );
        assert_eq!(
            org_of("https://Contoso.visualstudio.com/_usersSettings/tokens").as_deref(),
            Some("contoso")
        );
        assert_eq!(
            redact_id("__bolt-contoso-option", Some("contoso")).as_deref(),
            Some("__bolt-{org}-option")
        );
        assert_eq!(redact_id("user-ada", None), None);
    }
}
