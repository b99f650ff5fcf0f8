//! Custom defined with nothing ticked.

use super::*;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let Context {
        form,
        preset,
        lang,
        full,
        checked,
        ..
    } = *cx;
    let mut out = Vec::new();
    if !full && checked.is_empty() {
        out.push(finding(
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
        ));
    }
    out
}
