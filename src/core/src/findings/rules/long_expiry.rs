//! A lifetime over 90 days (warning) or over a year / the policy maximum (critical).

use super::*;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let Context {
        form,
        preset,
        policy,
        lang,
        days,
        ..
    } = *cx;
    let mut out = Vec::new();
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
            out.push(finding(
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
            ));
        }
    }
    out
}
