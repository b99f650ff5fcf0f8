//! Ticked scopes the chosen preset does not need.

use super::*;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let Context {
        form,
        preset,
        lang,
        checked,
        ..
    } = *cx;
    let mut out = Vec::new();
    if let Some(p) = preset {
        let beyond: Vec<String> = checked.iter().filter(|s| !p.covers(s)).cloned().collect();
        if !beyond.is_empty() {
            out.push(finding(
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
            ));
        }
    }
    out
}
