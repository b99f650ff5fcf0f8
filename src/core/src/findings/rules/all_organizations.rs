//! A global token (“All accessible organizations”): critical; global PATs stopped working on 2026-12-01.

use super::*;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let Context {
        form,
        preset,
        today,
        lang,
        ..
    } = *cx;
    let mut out = Vec::new();
    if form.all_organizations {
        let retired = today >= GLOBAL_PAT_END;
        let left = today.days_until(GLOBAL_PAT_END);
        let mut explanation = match (lang, retired) {
            (Lang::En, false) => format!(
                "“All accessible organizations” creates a global PAT that works in every organization you belong to. Microsoft is retiring global PATs: all global PATs stop working on 1 December 2026 ({left} days from today). Scope the token to this organization."
            ),
            (Lang::En, true) => "“All accessible organizations” creates a global PAT. Global PATs stopped working on 1 December 2026, so this token would be useless. Scope the token to this organization.".to_string(),
            (Lang::De, false) => format!(
                "„Alle zugänglichen Organisationen“ erstellt ein globales Token, das in jeder Ihrer Organisationen gilt. Microsoft schafft globale Tokens ab: alle globalen Tokens funktionieren ab dem 1. Dezember 2026 nicht mehr (in {left} Tagen). Beschränken Sie das Token auf diese Organisation."
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
        out.push(finding(
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
        ));
    }
    out
}
