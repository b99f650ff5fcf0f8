//! “Full access” grants every scope: critical, with a fix to Custom defined (and a preset when one fits).

use super::*;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let Context {
        form,
        preset,
        lang,
        full,
        ..
    } = *cx;
    let mut out = Vec::new();
    if full {
        let best = preset.or_else(|| preset_for_name(&form.name.value));
        out.push(finding(
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
        ));
    }
    out
}
