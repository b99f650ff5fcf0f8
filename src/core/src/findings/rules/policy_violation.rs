//! Breaks of the effective policy (enterprise, user settings or defaults): always critical, and the create gate blocks on them.

use super::*;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let Context {
        form,
        preset,
        policy,
        lang,
        full,
        checked,
        days,
        ..
    } = *cx;
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
