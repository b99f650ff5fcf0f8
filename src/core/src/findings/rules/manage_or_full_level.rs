//! Manage/full levels the preset does not need, with a fix to the level below.

use super::*;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let Context {
        form,
        preset,
        lang,
        checked,
        ..
    } = *cx;
    let c = catalog();
    let mut out = Vec::new();
    for id in checked {
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
        out.push(finding(
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
        ));
    }
    out
}
