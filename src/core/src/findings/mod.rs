//! The least-privilege findings engine: looks at the recognised token form (plus the
//! chosen preset and the effective policy) and says what is risky, why, where on the
//! page, and what would fix it. Fixes are declarative; the planner turns them into
//! page actions. Texts follow the page locale (English or German).

use crate::catalog::{catalog, Lang};
use crate::date::Date;
use crate::page::{FormState, ScopeMode};
use crate::policy::{CriticalAction, EffectivePolicy, PolicySource};
use crate::presets::{presets, Preset, Source};
use crate::snapshot::Handle;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Critical,
    Warning,
    Info,
}

/// Stable finding codes (their kebab-case strings are part of the UI/test contract).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingCode {
    FullAccess,
    AllOrganizations,
    LongExpiry,
    HighPrivilegeScope,
    ManageOrFullLevel,
    BeyondPreset,
    NoScopes,
    VagueName,
    PolicyViolation,
    UnknownScope,
    ExpiredToken,
}

impl FindingCode {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::FullAccess => "full-access",
            FindingCode::AllOrganizations => "all-organizations",
            FindingCode::LongExpiry => "long-expiry",
            FindingCode::HighPrivilegeScope => "high-privilege-scope",
            FindingCode::ManageOrFullLevel => "manage-or-full-level",
            FindingCode::BeyondPreset => "beyond-preset",
            FindingCode::NoScopes => "no-scopes",
            FindingCode::VagueName => "vague-name",
            FindingCode::PolicyViolation => "policy-violation",
            FindingCode::UnknownScope => "unknown-scope",
            FindingCode::ExpiredToken => "expired-token",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgChoice {
    /// The organization whose page is open.
    Current,
}

/// One declarative step of a fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixStep {
    SetScopeMode {
        mode: ScopeMode,
    },
    /// Tick exactly the preset's scopes (and untick the rest).
    ApplyPreset {
        id: String,
    },
    SelectOrganization {
        org: OrgChoice,
    },
    SetExpiryDays {
        days: u32,
    },
    /// Make `scope_id` the only ticked level of `group`.
    SetLevel {
        group: String,
        scope_id: String,
    },
    RemoveScopes {
        scope_ids: Vec<String>,
    },
    SetName {
        name: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// Button text for the fix.
    pub label: String,
    pub steps: Vec<FixStep>,
}

/// Which policy rule a `policy-violation` is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyRule {
    /// The settings key (`maxLifetimeDays`, `forbiddenScopes`, …).
    pub key: &'static str,
    pub source: PolicySource,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub code: FindingCode,
    pub severity: Severity,
    pub title: String,
    /// Plain language: what it means and why it matters.
    pub explanation: String,
    /// Where the rule comes from.
    pub source: Source,
    /// Page controls to outline.
    pub targets: Vec<Handle>,
    pub fix: Option<Fix>,
    pub rule: Option<PolicyRule>,
}

/// The date all global PATs stop working (sprint 270 release notes).
pub const GLOBAL_PAT_END: Date = Date {
    year: 2026,
    month: 12,
    day: 1,
};
/// Above this many days an expiry is flagged.
pub const LONG_EXPIRY_DAYS: i64 = 90;
/// The maximum PAT lifetime reported for Azure DevOps (third-party sources; 1 year).
pub const MAX_EXPIRY_DAYS: i64 = 365;
pub const FALLBACK_EXPIRY_DAYS: u32 = 30;

fn src(title: &str, url: &str) -> Source {
    Source {
        title: title.to_string(),
        url: url.to_string(),
    }
}

fn policies_source() -> Source {
    src(
        "Microsoft Learn: Manage personal access tokens using policies",
        "https://learn.microsoft.com/azure/devops/organizations/accounts/manage-pats-with-policies-for-administrators",
    )
}

fn retirement_source() -> Source {
    src(
        "Azure DevOps sprint 270 release notes: retirement of global PATs",
        "https://github.com/MicrosoftDocs/azure-devops-docs/blob/HEAD/release-notes/2026/includes/general/sprint-270-update.md",
    )
}

fn scopes_source() -> Source {
    src(
        "Microsoft Learn: Azure DevOps OAuth scopes (high-privilege flag, inheritance)",
        "https://learn.microsoft.com/azure/devops/integrate/get-started/authentication/oauth#scopes",
    )
}

fn pat_docs_source() -> Source {
    src(
        "Microsoft Learn: Use personal access tokens",
        "https://learn.microsoft.com/azure/devops/organizations/accounts/use-personal-access-tokens-to-authenticate",
    )
}

fn t(lang: Lang, en: &str, de: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::De => de.to_string(),
    }
}

/// "Code: Read & write" in the page's language; the bare id for scopes outside the UI.
pub fn scope_label(scope_id: &str, lang: Lang) -> String {
    match catalog().scope(scope_id) {
        Some(s) => format!("{}: {}", s.group.label(lang), s.level.label(lang)),
        None => scope_id.to_string(),
    }
}

fn labels(ids: &[String], lang: Lang) -> String {
    ids.iter()
        .map(|id| scope_label(id, lang))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Lifetime in days: from the recogniser, else from the date text, else the dropdown.
pub fn lifetime_days(form: &FormState, today: Date) -> Option<i64> {
    let e = &form.expiration;
    e.days_from_today
        .or_else(|| {
            let text = &e.date.as_ref()?.value;
            Some(today.days_until(Date::parse(text)?))
        })
        .or(e.preset_days.map(i64::from))
}

/// The preset the name hints at ("renovate-bot" → renovate), for the Full access fix
/// when no preset was chosen: every part of the preset id must appear as a word.
pub fn preset_for_name(name: &str) -> Option<&'static Preset> {
    let words: Vec<String> = name
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    presets()
        .iter()
        .filter(|p| p.id.split('-').all(|part| words.iter().any(|w| w == part)))
        .max_by_key(|p| (p.id.split('-').count(), std::cmp::Reverse(p.scopes.len())))
}

fn is_vague_name(name: &str) -> bool {
    let norm = name
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_' || c == '.')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    const GENERIC: [&str; 20] = [
        "test",
        "token",
        "pat",
        "my token",
        "new token",
        "test token",
        "my pat",
        "new pat",
        "temp",
        "tmp",
        "asdf",
        "foo",
        "access token",
        "personal access token",
        "pat token",
        "mein token",
        "neues token",
        "neuer token",
        "testtoken",
        "zugriffstoken",
    ];
    norm.chars().count() < 3 || GENERIC.contains(&norm.as_str())
}

fn suggested_name(form: &FormState, preset: Option<&Preset>, today: Date) -> String {
    let ym = today.year_month();
    match preset {
        Some(p) => format!("{}-{}-{ym}", p.id, p.purpose_group.to_lowercase()),
        None => {
            let purpose = form
                .groups
                .iter()
                .find(|g| g.levels.iter().any(|l| l.checked))
                .map(|g| g.key.to_lowercase())
                .unwrap_or_else(|| "custom".to_string());
            format!("pat-{purpose}-{ym}")
        }
    }
}

fn preset_steps(preset: Option<&Preset>) -> Vec<FixStep> {
    let mut steps = vec![FixStep::SetScopeMode {
        mode: ScopeMode::Custom,
    }];
    if let Some(p) = preset {
        steps.push(FixStep::ApplyPreset { id: p.id.clone() });
    }
    steps
}

fn custom_fix(preset: Option<&Preset>, lang: Lang) -> Fix {
    let label = match (preset, lang) {
        (Some(p), Lang::En) => format!("Switch to Custom defined with preset “{}”", p.title),
        (Some(p), Lang::De) => format!("Zu Benutzerdefiniert mit Vorlage „{}“ wechseln", p.title),
        (None, _) => t(
            lang,
            "Switch to Custom defined",
            "Zu Benutzerdefiniert wechseln",
        ),
    };
    Fix {
        label,
        steps: preset_steps(preset),
    }
}

fn org_fix(lang: Lang) -> Fix {
    Fix {
        label: t(
            lang,
            "Select this organization",
            "Diese Organisation auswählen",
        ),
        steps: vec![FixStep::SelectOrganization {
            org: OrgChoice::Current,
        }],
    }
}

fn expiry_fix(days: u32, lang: Lang) -> Fix {
    Fix {
        label: match lang {
            Lang::En => format!("Expire in {days} days"),
            Lang::De => format!("In {days} Tagen ablaufen lassen"),
        },
        steps: vec![FixStep::SetExpiryDays { days }],
    }
}

fn remove_fix(ids: Vec<String>, lang: Lang) -> Fix {
    Fix {
        label: t(lang, "Remove these scopes", "Diese Bereiche entfernen"),
        steps: vec![FixStep::RemoveScopes { scope_ids: ids }],
    }
}

fn expiry_targets(form: &FormState) -> Vec<Handle> {
    let e = &form.expiration;
    std::iter::once(e.dropdown.handle)
        .chain(e.date.as_ref().map(|d| d.handle))
        .collect()
}

fn handles(form: &FormState, ids: &[String]) -> Vec<Handle> {
    ids.iter()
        .filter_map(|id| form.level(id).map(|l| l.handle))
        .collect()
}

/// What every rule sees.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    pub form: &'a FormState,
    pub preset: Option<&'a Preset>,
    pub policy: &'a EffectivePolicy,
    pub today: Date,
    pub lang: Lang,
    /// Full access is selected.
    pub full: bool,
    /// Ticked scope ids of the known groups (none under Full access).
    pub checked: &'a [String],
    /// The token's lifetime in days, when it can be read.
    pub days: Option<i64>,
}

pub(crate) fn finding(
    code: FindingCode,
    severity: Severity,
    title: String,
    explanation: String,
    source: Source,
    targets: Vec<Handle>,
    fix: Option<Fix>,
) -> Finding {
    Finding {
        code,
        severity,
        title,
        explanation,
        source,
        targets,
        fix,
        rule: None,
    }
}

/// Every rule, in the order its findings are listed within a severity. One file each.
const RULES: [fn(&Context) -> Vec<Finding>; 11] = [
    rules::full_access::check,
    rules::all_organizations::check,
    rules::long_expiry::check,
    rules::high_privilege_scope::check,
    rules::manage_or_full_level::check,
    rules::beyond_preset::check,
    rules::no_scopes::check,
    rules::vague_name::check,
    rules::unknown_scope::check,
    rules::policy_violation::check,
    rules::expired_token::check,
];

/// Editing a token whose expiry date has passed: since March 2026 Azure DevOps refuses
/// to modify or extend it, so no fix may be offered on its form.
pub(crate) fn is_expired_edit(form: &FormState, today: Date) -> bool {
    form.mode == crate::page::FormMode::Edit && lifetime_days(form, today).is_some_and(|d| d < 0)
}

/// All findings for the form, most severe first (stable within a severity).
pub fn findings(
    form: &FormState,
    preset: Option<&Preset>,
    policy: &EffectivePolicy,
    today: Date,
) -> Vec<Finding> {
    let full = form.scope_mode.mode == ScopeMode::Full;
    let checked: Vec<String> = if full {
        Vec::new()
    } else {
        form.checked_scopes()
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    let cx = Context {
        form,
        preset,
        policy,
        today,
        lang: form.lang,
        full,
        checked: &checked,
        days: lifetime_days(form, today),
    };
    let mut out: Vec<Finding> = RULES.iter().flat_map(|rule| rule(&cx)).collect();
    if is_expired_edit(form, today) {
        for f in &mut out {
            f.fix = None;
        }
    }
    crate::sort::stable_sort_by_key(&mut out, |f| f.severity);
    out
}

/// What happens when the user clicks Create.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gate {
    None,
    /// Ask first, listing the critical risks.
    Confirm {
        risks: Vec<String>,
    },
    /// Refuse: a policy is violated, or critical findings with `criticalAction = block`.
    Block {
        reasons: Vec<String>,
    },
}

pub fn gate(findings: &[Finding], policy: &EffectivePolicy) -> Gate {
    let violations: Vec<String> = findings
        .iter()
        .filter(|f| f.code == FindingCode::PolicyViolation)
        .map(|f| f.title.clone())
        .collect();
    if !violations.is_empty() {
        return Gate::Block {
            reasons: violations,
        };
    }
    let critical: Vec<String> = findings
        .iter()
        .filter(|f| f.severity == Severity::Critical)
        .map(|f| f.title.clone())
        .collect();
    if critical.is_empty() {
        Gate::None
    } else if policy.critical_action.value == CriticalAction::Block {
        Gate::Block { reasons: critical }
    } else {
        Gate::Confirm { risks: critical }
    }
}

mod rules;

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;
