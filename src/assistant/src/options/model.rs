//! The options page's browser-free half: reading and validating the settings object
//! (`storage.local` `settings`), describing the enterprise policy, editing team presets
//! and checking Azure DevOps Server origins. Tested natively.

use super::texts::tr;
use crate::team;
use patguard_core::catalog::text_match::{normalize, LabelAlias};
use patguard_core::catalog::{catalog, Lang};
use patguard_core::policy::{read_policy, CriticalAction, EffectivePolicy, PolicyIssue};
use patguard_core::presets::{Preset, PresetError};
use serde_json::{json, Value as Json};

/// Bitwarden's choices for clearing the clipboard.
pub const CLIPBOARD_CHOICES: [u32; 6] = [10, 20, 30, 60, 120, 300];
pub const DEFAULT_CLIPBOARD: u32 = 30;
pub const DEFAULT_REMINDERS: [u32; 2] = [7, 1];
pub const DEFAULT_EXPIRY: u32 = 30;

/// Settings keys that are not policy rules (the policy reader must not see them).
pub const NON_POLICY_KEYS: [&str; 3] =
    ["clipboardClearSeconds", "reminderDays", "defaultExpiryDays"];

/// The policy half of a settings JSON text, for `read_policy`.
pub fn policy_json(settings_json: &str) -> String {
    match serde_json::from_str(settings_json) {
        Ok(Json::Object(mut obj)) => {
            for k in NON_POLICY_KEYS {
                obj.remove(k);
            }
            Json::Object(obj).to_string()
        }
        _ => settings_json.to_string(),
    }
}

/// What the settings form shows: text as typed, so it can be validated as a whole.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub clipboard_clear_seconds: String,
    pub reminder_days: String,
    pub default_expiry_days: String,
    pub critical_action: String,
    pub max_lifetime_days: String,
    pub forbidden_scopes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The settings key (also the form field's `data-field`).
    pub field: &'static str,
    pub message: String,
}

/// The form's values for a stored settings object (defaults for missing or bad keys).
pub fn draft_from(settings: &Json) -> Draft {
    let num = |k: &str| settings.get(k).and_then(Json::as_u64);
    let clipboard = num("clipboardClearSeconds")
        .map(|n| n as u32)
        .filter(|n| CLIPBOARD_CHOICES.contains(n))
        .unwrap_or(DEFAULT_CLIPBOARD);
    let reminders: Vec<u32> = settings
        .get("reminderDays")
        .and_then(Json::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_u64())
                .map(|n| n as u32)
                .collect()
        })
        .unwrap_or_else(|| DEFAULT_REMINDERS.to_vec());
    let policy = read_policy(&Json::Object(
        settings
            .as_object()
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| !NON_POLICY_KEYS.contains(&k.as_str()))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    ));
    Draft {
        clipboard_clear_seconds: clipboard.to_string(),
        reminder_days: reminders
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        default_expiry_days: num("defaultExpiryDays")
            .unwrap_or(u64::from(DEFAULT_EXPIRY))
            .to_string(),
        critical_action: match policy.layer.critical_action {
            Some(CriticalAction::Block) => "block",
            _ => "ask",
        }
        .into(),
        max_lifetime_days: policy
            .layer
            .max_lifetime_days
            .map(|d| d.to_string())
            .unwrap_or_default(),
        forbidden_scopes: policy.layer.forbidden_scopes.unwrap_or_default(),
    }
}

fn whole(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) || t.len() > 6 {
        return None;
    }
    t.parse().ok()
}

/// Validates the whole form. `Ok` is the complete settings object to store; `Err` lists
/// every problem, and nothing is stored then. Keys of `previous` this form does not edit
/// (e.g. from a newer version) are kept.
pub fn validate(d: &Draft, previous: &Json, lang: Lang) -> Result<Json, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail =
        |field: &'static str, message: String| errors.push(FieldError { field, message });
    let clipboard = whole(&d.clipboard_clear_seconds).filter(|n| CLIPBOARD_CHOICES.contains(n));
    if clipboard.is_none() {
        fail(
            "clipboardClearSeconds",
            tr(
                lang,
                &format!("choose one of {CLIPBOARD_CHOICES:?} seconds"),
                &format!("wählen Sie einen der Werte {CLIPBOARD_CHOICES:?} Sekunden"),
            ),
        );
    }
    let mut reminders = Vec::new();
    for part in d
        .reminder_days
        .split([',', ' ', ';'])
        .filter(|p| !p.trim().is_empty())
    {
        match whole(part).filter(|n| (1..=90).contains(n)) {
            Some(n) if !reminders.contains(&n) => reminders.push(n),
            Some(n) => fail(
                "reminderDays",
                tr(
                    lang,
                    &format!("{n} is listed twice"),
                    &format!("{n} ist doppelt angegeben"),
                ),
            ),
            None => fail(
                "reminderDays",
                tr(
                    lang,
                    &format!(
                        "{:?} is not a whole number of days from 1 to 90",
                        part.trim()
                    ),
                    &format!(
                        "{:?} ist keine ganze Zahl von Tagen zwischen 1 und 90",
                        part.trim()
                    ),
                ),
            ),
        }
    }
    reminders.sort_unstable_by(|a, b| b.cmp(a));
    let expiry = whole(&d.default_expiry_days).filter(|n| (1..=365).contains(n));
    if expiry.is_none() {
        fail(
            "defaultExpiryDays",
            tr(
                lang,
                &format!(
                    "expected a whole number from 1 to 365, got {:?}",
                    d.default_expiry_days.trim()
                ),
                &format!(
                    "erwartet eine ganze Zahl von 1 bis 365, erhalten {:?}",
                    d.default_expiry_days.trim()
                ),
            ),
        );
    }
    let action = match d.critical_action.as_str() {
        "ask" | "block" => Some(d.critical_action.clone()),
        _ => {
            fail(
                "criticalAction",
                tr(
                    lang,
                    "choose ask or block",
                    "wählen Sie „Nachfragen“ oder „Blockieren“",
                ),
            );
            None
        }
    };
    let max = if d.max_lifetime_days.trim().is_empty() {
        Some(None)
    } else {
        match whole(&d.max_lifetime_days).filter(|n| (1..=365).contains(n)) {
            Some(n) => Some(Some(n)),
            None => {
                fail(
                    "maxLifetimeDays",
                    tr(
                        lang,
                        &format!(
                            "expected a whole number from 1 to 365 or nothing, got {:?}",
                            d.max_lifetime_days.trim()
                        ),
                        &format!(
                            "erwartet eine ganze Zahl von 1 bis 365 oder nichts, erhalten {:?}",
                            d.max_lifetime_days.trim()
                        ),
                    ),
                );
                None
            }
        }
    };
    if let (Some(e), Some(Some(m))) = (expiry, max) {
        if e > m {
            fail(
                "defaultExpiryDays",
                tr(
                    lang,
                    &format!("{e} days is longer than your maximum lifetime of {m} days"),
                    &format!("{e} Tage sind länger als Ihre maximale Laufzeit von {m} Tagen"),
                ),
            );
        }
    }
    let mut forbidden: Vec<String> = Vec::new();
    for s in &d.forbidden_scopes {
        if !forbidden.contains(s) {
            forbidden.push(s.clone());
        }
    }
    let mut obj = previous.as_object().cloned().unwrap_or_default();
    obj.insert("clipboardClearSeconds".into(), json!(clipboard));
    obj.insert("reminderDays".into(), json!(reminders));
    obj.insert("defaultExpiryDays".into(), json!(expiry));
    obj.insert("criticalAction".into(), json!(action));
    match max {
        Some(Some(m)) => {
            obj.insert("maxLifetimeDays".into(), json!(m));
        }
        _ => {
            obj.remove("maxLifetimeDays");
        }
    }
    obj.insert("forbiddenScopes".into(), json!(forbidden));
    // The policy reader is the final word on the policy keys.
    let read = read_policy(&Json::Object(
        obj.iter()
            .filter(|(k, _)| !NON_POLICY_KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    ));
    for i in read
        .issues
        .into_iter()
        .filter(|i| i.level == patguard_core::policy::IssueLevel::Error)
    {
        let field = if i.key.starts_with("forbiddenScopes") {
            "forbiddenScopes"
        } else if i.key.starts_with("maxLifetimeDays") {
            "maxLifetimeDays"
        } else {
            "criticalAction"
        };
        if errors.iter().all(|e| e.field != field) {
            errors.push(FieldError {
                field,
                message: i.to_string(),
            });
        }
    }
    if errors.is_empty() {
        // A sorted map: new keys go in alphabetical order among the kept ones.
        Ok(Json::Object(obj))
    } else {
        Err(errors)
    }
}

/// One row of the read-only enterprise view.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyRow {
    pub key: &'static str,
    pub label: String,
    pub value: String,
    pub source: String,
    pub locked: bool,
}

/// The effective policy, each value with its source, plus every malformed enterprise key.
pub fn policy_rows(
    settings: &Json,
    managed: &Json,
    lang: Lang,
) -> (Vec<PolicyRow>, Vec<PolicyIssue>) {
    let user = read_policy(
        &serde_json::from_str(&policy_json(&settings.to_string())).unwrap_or(Json::Null),
    );
    let ent = read_policy(managed);
    let mut issues = ent.issues;
    if let Some(file) = managed.get("teamPresets") {
        if let Err(errors) = team::parse_value(file, &[]) {
            issues.extend(errors.into_iter().map(|e| PolicyIssue {
                key: format!("teamPresets.{}", e.path),
                level: patguard_core::policy::IssueLevel::Error,
                message: e.message,
            }));
        }
    }
    let e = EffectivePolicy::merge(&user.layer, &ent.layer);
    let yes_no = |b: bool| {
        tr(
            lang,
            if b { "yes" } else { "no" },
            if b { "ja" } else { "nein" },
        )
    };
    let forbidden: Vec<String> = e
        .forbidden_scopes
        .iter()
        .filter(|s| s.locked)
        .map(|s| s.value.clone())
        .collect();
    let rows = vec![
        PolicyRow {
            key: "maxLifetimeDays",
            label: tr(lang, "Maximum lifetime", "Maximale Laufzeit"),
            value: e.max_lifetime_days.value.map_or_else(
                || tr(lang, "no limit", "keine Grenze"),
                |d| format!("{d} {}", tr(lang, "days", "Tage")),
            ),
            source: e.max_lifetime_days.source.describe(lang).into(),
            locked: e.max_lifetime_days.locked,
        },
        PolicyRow {
            key: "forbiddenScopes",
            label: tr(
                lang,
                "Forbidden scopes (enterprise)",
                "Verbotene Bereiche (Unternehmen)",
            ),
            value: if forbidden.is_empty() {
                tr(lang, "none", "keine")
            } else {
                forbidden.join(", ")
            },
            source: if forbidden.is_empty() {
                patguard_core::policy::PolicySource::Default
                    .describe(lang)
                    .into()
            } else {
                patguard_core::policy::PolicySource::Enterprise
                    .describe(lang)
                    .into()
            },
            locked: !forbidden.is_empty(),
        },
        PolicyRow {
            key: "blockFullAccess",
            label: tr(lang, "Block Full access", "Vollzugriff blockieren"),
            value: yes_no(e.block_full_access.value),
            source: e.block_full_access.source.describe(lang).into(),
            locked: e.block_full_access.locked,
        },
        PolicyRow {
            key: "blockAllOrganizations",
            label: tr(lang, "Block global tokens", "Globale Tokens blockieren"),
            value: yes_no(e.block_all_organizations.value),
            source: e.block_all_organizations.source.describe(lang).into(),
            locked: e.block_all_organizations.locked,
        },
        PolicyRow {
            key: "criticalAction",
            label: tr(lang, "On critical findings", "Bei kritischen Befunden"),
            value: match e.critical_action.value {
                CriticalAction::Ask => tr(lang, "ask", "nachfragen"),
                CriticalAction::Block => tr(lang, "block", "blockieren"),
            },
            source: e.critical_action.source.describe(lang).into(),
            locked: e.critical_action.locked,
        },
        aliases_row(&ent.layer, lang),
    ];
    (rows, issues)
}

/// Where a label alias comes from, in the order that decides a conflict (the first
/// source that maps a label wins, as in the assistant's `apply_label_aliases`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AliasSource {
    EnterprisePolicy,
    Settings,
    OrganizationTeamFile,
    UserTeamFile,
}

impl AliasSource {
    pub fn key(self) -> &'static str {
        match self {
            AliasSource::EnterprisePolicy => "enterprise",
            AliasSource::Settings => "settings",
            AliasSource::OrganizationTeamFile => "organization-team-presets",
            AliasSource::UserTeamFile => "team-presets",
        }
    }

    pub fn describe(self, lang: Lang) -> String {
        match self {
            AliasSource::EnterprisePolicy => tr(
                lang,
                "enterprise policy (labelAliases)",
                "Unternehmensrichtlinie (labelAliases)",
            ),
            AliasSource::Settings => tr(lang, "your settings", "Ihre Einstellungen"),
            AliasSource::OrganizationTeamFile => tr(
                lang,
                "your organization's team presets",
                "Team-Vorlagen Ihrer Organisation",
            ),
            AliasSource::UserTeamFile => tr(lang, "your team presets", "Ihre Team-Vorlagen"),
        }
    }
}

/// One label alias in force or overruled, for the options page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AliasRow {
    /// The page language the label is read in (`en`, `de`).
    pub page_lang: &'static str,
    pub label: String,
    pub scope_id: String,
    /// "<group> – <level>" in the options page's language.
    pub names: String,
    pub source: AliasSource,
    /// The source whose alias of the same label wins over this one.
    pub overruled_by: Option<AliasSource>,
}

/// Every `labelAliases` the assistant uses, from the enterprise policy, the user's
/// settings and both team files, in the order that decides conflicts. Invalid sources
/// are left out (their errors are shown with the policy or the team presets).
pub fn alias_rows(
    settings: &Json,
    managed: &Json,
    user_aliases: &[LabelAlias],
    lang: Lang,
) -> Vec<AliasRow> {
    let policy_aliases =
        |v: &Json| -> Vec<LabelAlias> { read_policy(v).layer.label_aliases.unwrap_or_default() };
    let user_policy =
        serde_json::from_str(&policy_json(&settings.to_string())).unwrap_or(Json::Null);
    let org_file = managed
        .get("teamPresets")
        .and_then(|f| team::read_value(f, &[]).ok())
        .map(|f| f.label_aliases)
        .unwrap_or_default();
    let sources = [
        (AliasSource::EnterprisePolicy, policy_aliases(managed)),
        (AliasSource::Settings, policy_aliases(&user_policy)),
        (AliasSource::OrganizationTeamFile, org_file),
        (AliasSource::UserTeamFile, user_aliases.to_vec()),
    ];
    let cat = catalog();
    let mut rows: Vec<AliasRow> = Vec::new();
    for (source, aliases) in sources {
        for a in aliases {
            let names = cat.scope(&a.scope_id).map_or_else(String::new, |s| {
                format!("{} – {}", s.group.label(lang), s.level.label(lang))
            });
            let overruled_by = rows
                .iter()
                .find(|r| {
                    r.overruled_by.is_none()
                        && r.page_lang == a.lang.tag()
                        && normalize(&r.label) == normalize(&a.label)
                })
                .map(|r| r.source);
            rows.push(AliasRow {
                page_lang: a.lang.tag(),
                label: a.label,
                scope_id: a.scope_id,
                names,
                source,
                overruled_by,
            });
        }
    }
    rows
}

/// The enterprise policy's `labelAliases` as a count; each alias is listed under "Label
/// aliases" (`alias_rows`).
fn aliases_row(enterprise: &patguard_core::policy::PolicyLayer, lang: Lang) -> PolicyRow {
    let count = enterprise.label_aliases.as_ref().map_or(0, Vec::len);
    let source = if count == 0 {
        patguard_core::policy::PolicySource::Default
    } else {
        patguard_core::policy::PolicySource::Enterprise
    };
    PolicyRow {
        key: "labelAliases",
        label: tr(lang, "Label aliases", "Bezeichnungs-Aliasse"),
        value: match count {
            0 => tr(lang, "none", "keine"),
            n => tr(
                lang,
                &format!("{n} (listed under Label aliases)"),
                &format!("{n} (aufgeführt unter Bezeichnungs-Aliasse)"),
            ),
        },
        source: source.describe(lang).into(),
        locked: count > 0,
    }
}

/// The team presets an organization pushes (empty when absent or invalid).
pub fn managed_presets(managed: &Json) -> Vec<Preset> {
    managed
        .get("teamPresets")
        .and_then(|f| team::parse_value(f, &[]).ok())
        .unwrap_or_default()
}

/// Imports a file on top of the user's `existing` file: all or nothing. Its presets and
/// its `labelAliases` are added; a label the user's file maps already is refused.
pub fn import(
    text: &str,
    existing: &team::TeamFile,
    managed: &[Preset],
) -> Result<team::TeamFile, Vec<PresetError>> {
    let taken: Vec<&str> = existing
        .presets
        .iter()
        .chain(managed)
        .map(|p| p.id.as_str())
        .collect();
    let added = team::read_file(text, &taken)?;
    let label_aliases =
        team::merge_aliases(&existing.label_aliases, &added.label_aliases).map_err(|e| vec![e])?;
    let mut presets = existing.presets.clone();
    presets.extend(added.presets);
    Ok(team::TeamFile {
        presets,
        label_aliases,
    })
}

/// The edit form of one team preset, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PresetDraft {
    pub id: String,
    pub title: String,
    pub task: String,
    pub scopes: String,
    pub days: String,
    pub source_title: String,
    pub source_url: String,
    pub notes: String,
}

impl PresetDraft {
    pub fn of(p: &Preset) -> PresetDraft {
        PresetDraft {
            id: p.id.clone(),
            title: p.title.clone(),
            task: p.task.clone(),
            scopes: p.scopes.join(", "),
            days: p.recommended_days.to_string(),
            source_title: p.source.title.clone(),
            source_url: p.source.url.clone(),
            notes: p.notes.clone(),
        }
    }
}

/// Replaces the preset `original_id` with the edited one; every error names its field.
pub fn apply_edit(
    original_id: &str,
    d: &PresetDraft,
    existing: &[Preset],
    managed: &[Preset],
) -> Result<Vec<Preset>, Vec<PresetError>> {
    let days: Json = match d.days.trim().parse::<u64>() {
        Ok(n) => n.into(),
        Err(_) => d.days.trim().into(),
    };
    let scopes: Vec<&str> = d
        .scopes
        .split([',', ' ', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let notes = d.notes.trim();
    let mut obj = json!({
        "id": d.id.trim(),
        "title": d.title.trim(),
        "purpose_group": team::GROUP,
        "task": d.task.trim(),
        "scopes": scopes,
        "recommended_days": days,
        "source": { "title": d.source_title.trim(), "url": d.source_url.trim() },
    });
    if !notes.is_empty() {
        obj["notes"] = notes.into();
    }
    let taken: Vec<&str> = existing
        .iter()
        .chain(managed)
        .map(|p| p.id.as_str())
        .filter(|id| *id != original_id)
        .collect();
    let file = json!({ "version": team::VERSION, "presets": [obj] });
    let edited = team::parse_value(&file, &taken).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| PresetError {
                path: e.path.trim_start_matches("presets[0].").to_string(),
                message: e.message,
            })
            .collect::<Vec<_>>()
    })?;
    let mut all = existing.to_vec();
    match all.iter_mut().find(|p| p.id == original_id) {
        Some(slot) => *slot = edited[0].clone(),
        None => all.extend(edited),
    }
    Ok(all)
}

/// A self-hosted Azure DevOps Server origin from what the user typed (an origin or any
/// URL on it, e.g. the token page): `https://host[:port]`.
pub fn server_origin(input: &str, lang: Lang) -> Result<String, String> {
    let t = input.trim();
    let Some(rest) = t.strip_prefix("https://") else {
        return Err(tr(
            lang,
            "enter an https:// address, e.g. https://ado.contoso.com",
            "geben Sie eine https://-Adresse ein, z. B. https://ado.contoso.com",
        ));
    };
    let host_port = rest
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) => (h.to_string(), Some(p.to_string())),
        None => (host_port.clone(), None),
    };
    let host_ok = !host.is_empty()
        && host.len() <= 253
        && host.split('.').all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        });
    let port_ok = port
        .as_deref()
        .is_none_or(|p| p.parse::<u16>().is_ok_and(|n| n > 0));
    if !host_ok || !port_ok || host_port.contains('@') {
        return Err(tr(
            lang,
            &format!("{host_port:?} is not a valid host name"),
            &format!("{host_port:?} ist kein gültiger Hostname"),
        ));
    }
    if host == "dev.azure.com" || host.ends_with(".visualstudio.com") || host == "visualstudio.com"
    {
        return Err(tr(
            lang,
            "Azure DevOps Services (dev.azure.com, *.visualstudio.com) is supported already",
            "Azure DevOps Services (dev.azure.com, *.visualstudio.com) wird bereits unterstützt",
        ));
    }
    Ok(format!("https://{host_port}"))
}

/// The scopes offered for the forbidden list: (group label, [(scope id, level label)]).
pub fn scope_choices(lang: Lang) -> Vec<(String, Vec<(String, String)>)> {
    catalog()
        .groups
        .iter()
        .map(|g| {
            (
                g.label(lang).to_string(),
                g.levels
                    .iter()
                    .map(|l| (l.scope_id.clone(), l.label(lang).to_string()))
                    .collect(),
            )
        })
        .collect()
}
