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

/// All findings for the form, most severe first (stable within a severity).
pub fn findings(
    form: &FormState,
    preset: Option<&Preset>,
    policy: &EffectivePolicy,
    today: Date,
) -> Vec<Finding> {
    let lang = form.lang;
    let c = catalog();
    let full = form.scope_mode.mode == ScopeMode::Full;
    let checked: Vec<String> = if full {
        Vec::new()
    } else {
        form.checked_scopes()
            .into_iter()
            .map(str::to_string)
            .collect()
    };
    let days = lifetime_days(form, today);
    let mut out = Vec::new();
    let mut push = |code, severity, title: String, explanation: String, source, targets, fix| {
        out.push(Finding {
            code,
            severity,
            title,
            explanation,
            source,
            targets,
            fix,
            rule: None,
        });
    };

    // full-access
    if full {
        let best = preset.or_else(|| preset_for_name(&form.name.value));
        push(
            FindingCode::FullAccess,
            Severity::Critical,
            t(lang, "Full access grants every scope", "Vollzugriff gewährt alle Bereiche"),
            t(
                lang,
                "A Full access token can do everything you can do in Azure DevOps: read and change code, pipelines, packages, settings and permissions. If it leaks, all of that is exposed. Tools almost never need it; choose Custom defined and tick only what the task needs.",
                "Ein Token mit Vollzugriff kann alles, was Sie in Azure DevOps können: Code, Pipelines, Pakete, Einstellungen und Berechtigungen lesen und ändern. Gelangt es in falsche Hände, ist all das offen. Werkzeuge brauchen das fast nie; wählen Sie Benutzerdefiniert und nur die nötigen Bereiche.",
            ),
            policies_source(),
            vec![form.scope_mode.full.handle, form.scope_mode.custom.handle],
            Some(custom_fix(best, lang)),
        );
    }

    // all-organizations
    if form.all_organizations {
        let retired = today >= GLOBAL_PAT_END;
        let left = today.days_until(GLOBAL_PAT_END);
        let mut explanation = match (lang, retired) {
            (Lang::En, false) => format!(
                "“All accessible organizations” creates a global PAT that works in every organization you belong to. Microsoft is retiring global PATs: their creation is being blocked and all global PATs stop working on 1 December 2026 ({left} days from today). Scope the token to this organization."
            ),
            (Lang::En, true) => "“All accessible organizations” creates a global PAT. Global PATs stopped working on 1 December 2026, so this token would be useless. Scope the token to this organization.".to_string(),
            (Lang::De, false) => format!(
                "„Alle zugänglichen Organisationen“ erstellt ein globales Token, das in jeder Ihrer Organisationen gilt. Microsoft schafft globale Tokens ab: ihre Erstellung wird gesperrt, und alle globalen Tokens funktionieren ab dem 1. Dezember 2026 nicht mehr (in {left} Tagen). Beschränken Sie das Token auf diese Organisation."
            ),
            (Lang::De, true) => "„Alle zugänglichen Organisationen“ erstellt ein globales Token. Globale Tokens funktionieren seit dem 1. Dezember 2026 nicht mehr; dieses Token wäre nutzlos. Beschränken Sie das Token auf diese Organisation.".to_string(),
        };
        if let Some(p) = preset.filter(|p| p.needs_global) {
            explanation.push(' ');
            explanation.push_str(&match lang {
                Lang::En => format!("The documented setup for “{}” asks for a global token; see the preset notes for the organization-scoped alternative.", p.title),
                Lang::De => format!("Die dokumentierte Einrichtung für „{}“ verlangt ein globales Token; die Hinweise der Vorlage nennen die Alternative ohne globales Token.", p.title),
            });
        }
        push(
            FindingCode::AllOrganizations,
            Severity::Critical,
            t(
                lang,
                "Global token for all organizations",
                "Globales Token für alle Organisationen",
            ),
            explanation,
            retirement_source(),
            vec![form.organization.handle],
            Some(org_fix(lang)),
        );
    }

    // long-expiry
    if let Some(d) = days {
        let max = policy.max_lifetime_days.value.map(i64::from);
        let over_max = max.is_some_and(|m| d > m);
        if d > LONG_EXPIRY_DAYS || over_max {
            let critical = d > MAX_EXPIRY_DAYS || over_max;
            let mut target = preset.map_or(FALLBACK_EXPIRY_DAYS, |p| p.recommended_days);
            if let Some(m) = policy.max_lifetime_days.value {
                target = target.min(m);
            }
            let explanation = match lang {
                Lang::En => format!(
                    "The token stays valid for {d} days. The longer a token lives, the longer a leaked copy can be used. Pick the shortest period the task needs and renew it when it expires.{}",
                    if d > MAX_EXPIRY_DAYS { " Azure DevOps tokens are reported to be limited to one year." } else { "" }
                ),
                Lang::De => format!(
                    "Das Token bleibt {d} Tage gültig. Je länger ein Token lebt, desto länger ist eine abgeflossene Kopie nutzbar. Wählen Sie den kürzesten nötigen Zeitraum und erneuern Sie es bei Ablauf.{}",
                    if d > MAX_EXPIRY_DAYS { " Azure-DevOps-Tokens sind laut Berichten auf ein Jahr begrenzt." } else { "" }
                ),
            };
            push(
                FindingCode::LongExpiry,
                if critical {
                    Severity::Critical
                } else {
                    Severity::Warning
                },
                match lang {
                    Lang::En => format!("Long lifetime: {d} days"),
                    Lang::De => format!("Lange Laufzeit: {d} Tage"),
                },
                explanation,
                pat_docs_source(),
                expiry_targets(form),
                (i64::from(target) < d).then(|| expiry_fix(target, lang)),
            );
        }
    }

    // high-privilege-scope
    let high: Vec<String> = checked
        .iter()
        .filter(|s| c.is_high_privilege(s))
        .cloned()
        .collect();
    if !high.is_empty() {
        let mut explanation = t(
            lang,
            "Microsoft marks these scopes as high-privilege: they can change code, pipelines, packages or permissions, or reach secrets. Keep such tokens short-lived and stored safely.",
            "Microsoft stuft diese Bereiche als hochprivilegiert ein: Sie können Code, Pipelines, Pakete oder Berechtigungen ändern oder an Geheimnisse gelangen. Halten Sie solche Tokens kurzlebig und sicher verwahrt.",
        );
        // Only a built-in preset may say it needs them (Preset::is_built_in).
        if let Some(p) = preset.filter(|p| p.is_built_in() && high.iter().any(|h| p.covers(h))) {
            explanation.push(' ');
            explanation.push_str(&match lang {
                Lang::En => format!("The preset “{}” needs some of them.", p.title),
                Lang::De => format!("Die Vorlage „{}“ benötigt einige davon.", p.title),
            });
        }
        push(
            FindingCode::HighPrivilegeScope,
            Severity::Warning,
            match lang {
                Lang::En => format!("High-privilege scopes: {}", labels(&high, lang)),
                Lang::De => format!("Hochprivilegierte Bereiche: {}", labels(&high, lang)),
            },
            explanation,
            scopes_source(),
            handles(form, &high),
            None,
        );
    }

    // manage-or-full-level
    for id in &checked {
        let Some(s) = c.scope(id) else { continue };
        // A team preset never vouches for an administrative level (Preset::is_built_in).
        let vouched = preset.is_some_and(|p| p.is_built_in() && p.scopes.contains(id));
        if !s.level.is_manage_or_full() || vouched {
            continue;
        }
        let lower = s
            .level
            .inherits_from
            .as_deref()
            .and_then(|parent| s.group.level_by_scope(parent))
            .or_else(|| {
                let pos = s.group.levels.iter().position(|l| l.scope_id == *id)?;
                pos.checked_sub(1).map(|p| &s.group.levels[p])
            });
        let Some(lower) = lower else { continue };
        push(
            FindingCode::ManageOrFullLevel,
            Severity::Warning,
            match lang {
                Lang::En => format!("Administrative level: {}", scope_label(id, lang)),
                Lang::De => format!("Verwaltungsstufe: {}", scope_label(id, lang)),
            },
            match lang {
                Lang::En => format!(
                    "“{}” also lets the token create, delete or administer {} resources. Most tools only need “{}”.",
                    s.level.label(lang), s.group.label(lang), lower.label(lang)
                ),
                Lang::De => format!(
                    "„{}“ erlaubt dem Token zusätzlich, {}-Ressourcen anzulegen, zu löschen oder zu verwalten. Die meisten Werkzeuge brauchen nur „{}“.",
                    s.level.label(lang), s.group.label(lang), lower.label(lang)
                ),
            },
            scopes_source(),
            handles(form, std::slice::from_ref(id)),
            Some(Fix {
                label: match lang {
                    Lang::En => format!("Lower to “{}”", lower.label(lang)),
                    Lang::De => format!("Auf „{}“ senken", lower.label(lang)),
                },
                steps: vec![FixStep::SetLevel {
                    group: s.group.key.clone(),
                    scope_id: lower.scope_id.clone(),
                }],
            }),
        );
    }

    // beyond-preset
    if let Some(p) = preset {
        let beyond: Vec<String> = checked.iter().filter(|s| !p.covers(s)).cloned().collect();
        if !beyond.is_empty() {
            push(
                FindingCode::BeyondPreset,
                Severity::Warning,
                match lang {
                    Lang::En => format!("More than “{}” needs: {}", p.title, labels(&beyond, lang)),
                    Lang::De => format!("Mehr als „{}“ braucht: {}", p.title, labels(&beyond, lang)),
                },
                match lang {
                    Lang::En => format!("The preset “{}” ({}) does not need these scopes. Every extra scope is extra damage if the token leaks.", p.title, p.task),
                    Lang::De => format!("Die Vorlage „{}“ ({}) braucht diese Bereiche nicht. Jeder zusätzliche Bereich ist zusätzlicher Schaden, falls das Token abfließt.", p.title, p.task),
                },
                p.source.clone(),
                handles(form, &beyond),
                Some(remove_fix(beyond, lang)),
            );
        }
    }

    // no-scopes
    if !full && checked.is_empty() {
        push(
            FindingCode::NoScopes,
            Severity::Info,
            t(lang, "No scope selected", "Kein Bereich ausgewählt"),
            t(
                lang,
                "Custom defined is selected but nothing is ticked. Pick a preset or tick the scopes the task needs.",
                "Benutzerdefiniert ist gewählt, aber nichts angehakt. Wählen Sie eine Vorlage oder haken Sie die nötigen Bereiche an.",
            ),
            scopes_source(),
            vec![form.scope_mode.custom.handle],
            preset.map(|p| Fix {
                label: match lang {
                    Lang::En => format!("Apply preset “{}”", p.title),
                    Lang::De => format!("Vorlage „{}“ anwenden", p.title),
                },
                steps: vec![FixStep::ApplyPreset { id: p.id.clone() }],
            }),
        );
    }

    // vague-name
    if is_vague_name(&form.name.value) {
        let name = suggested_name(form, preset, today);
        push(
            FindingCode::VagueName,
            Severity::Info,
            t(lang, "Name does not say what the token is for", "Der Name sagt nicht, wofür das Token ist"),
            match lang {
                Lang::En => format!("You will see this name in the token list, in expiry e-mails and in audit events. Say what uses the token and when it was made, e.g. “{name}”."),
                Lang::De => format!("Dieser Name erscheint in der Tokenliste, in Ablauf-E-Mails und in Überwachungsereignissen. Nennen Sie, wer das Token nutzt und wann es erstellt wurde, z. B. „{name}“."),
            },
            pat_docs_source(),
            vec![form.name.handle],
            Some(Fix {
                label: match lang {
                    Lang::En => format!("Name it “{name}”"),
                    Lang::De => format!("„{name}“ als Name verwenden"),
                },
                steps: vec![FixStep::SetName { name }],
            }),
        );
    }

    out.extend(policy_violations(form, preset, policy, &checked, days));
    crate::sort::stable_sort_by_key(&mut out, |f| f.severity);
    out
}

fn policy_violations(
    form: &FormState,
    preset: Option<&Preset>,
    policy: &EffectivePolicy,
    checked: &[String],
    days: Option<i64>,
) -> Vec<Finding> {
    let lang = form.lang;
    let full = form.scope_mode.mode == ScopeMode::Full;
    let mut out = Vec::new();
    let mut violation = |key: &'static str,
                         source: PolicySource,
                         what: String,
                         targets,
                         fix: Option<Fix>| {
        let by = source.describe(lang);
        out.push(Finding {
                code: FindingCode::PolicyViolation,
                severity: Severity::Critical,
                title: match lang {
                    Lang::En => format!("Policy: {what}"),
                    Lang::De => format!("Richtlinie: {what}"),
                },
                explanation: match lang {
                    Lang::En => format!("This breaks the rule “{key}” set by {by}. Change the form before creating the token."),
                    Lang::De => format!("Das verletzt die Regel „{key}“ aus: {by}. Ändern Sie das Formular, bevor Sie das Token erstellen."),
                },
                source: Source {
                    title: match source {
                        PolicySource::Enterprise => format!("Enterprise policy (storage.managed): {key}"),
                        PolicySource::User => format!("PAT Guard settings: {key}"),
                        PolicySource::Default => format!("PAT Guard default: {key}"),
                    },
                    url: policies_source().url,
                },
                targets,
                fix,
                rule: Some(PolicyRule { key, source }),
            });
    };
    if full && policy.block_full_access.value {
        violation(
            "blockFullAccess",
            policy.block_full_access.source,
            t(
                lang,
                "Full access is not allowed",
                "Vollzugriff ist nicht erlaubt",
            ),
            vec![form.scope_mode.full.handle],
            Some(custom_fix(
                preset.or_else(|| preset_for_name(&form.name.value)),
                lang,
            )),
        );
    }
    if form.all_organizations && policy.block_all_organizations.value {
        violation(
            "blockAllOrganizations",
            policy.block_all_organizations.source,
            t(
                lang,
                "Global tokens are not allowed",
                "Globale Tokens sind nicht erlaubt",
            ),
            vec![form.organization.handle],
            Some(org_fix(lang)),
        );
    }
    if let (Some(d), Some(max)) = (days, policy.max_lifetime_days.value) {
        if d > i64::from(max) {
            let target = preset.map_or(max, |p| p.recommended_days.min(max));
            violation(
                "maxLifetimeDays",
                policy.max_lifetime_days.source,
                match lang {
                    Lang::En => format!("lifetime {d} days exceeds the maximum of {max} days"),
                    Lang::De => {
                        format!("Laufzeit {d} Tage überschreitet das Maximum von {max} Tagen")
                    }
                },
                expiry_targets(form),
                Some(expiry_fix(target, lang)),
            );
        }
    }
    let c = catalog();
    for f in &policy.forbidden_scopes {
        if full {
            violation(
                "forbiddenScopes",
                f.source,
                match lang {
                    Lang::En => format!(
                        "Full access includes the forbidden scope {}",
                        scope_label(&f.value, lang)
                    ),
                    Lang::De => format!(
                        "Vollzugriff umfasst den verbotenen Bereich {}",
                        scope_label(&f.value, lang)
                    ),
                },
                vec![form.scope_mode.full.handle],
                Some(custom_fix(preset.filter(|p| !p.covers(&f.value)), lang)),
            );
            continue;
        }
        let granting: Vec<String> = checked
            .iter()
            .filter(|s| c.covers(s, &f.value))
            .cloned()
            .collect();
        if !granting.is_empty() {
            violation(
                "forbiddenScopes",
                f.source,
                match lang {
                    Lang::En => format!(
                        "forbidden scope {} is granted by {}",
                        scope_label(&f.value, lang),
                        labels(&granting, lang)
                    ),
                    Lang::De => format!(
                        "verbotener Bereich {} wird gewährt durch {}",
                        scope_label(&f.value, lang),
                        labels(&granting, lang)
                    ),
                },
                handles(form, &granting),
                Some(remove_fix(granting, lang)),
            );
        }
    }
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

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
mod tests;
