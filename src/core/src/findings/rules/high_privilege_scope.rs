//! Ticked scopes Microsoft marks as high-privilege.

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
        out.push(finding(
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
        ));
    }
    out
}
