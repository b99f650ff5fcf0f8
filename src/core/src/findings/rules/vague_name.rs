//! A name that does not say what the token is for.

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
    if is_vague_name(&form.name.value) {
        let name = suggested_name(form, preset, today);
        out.push(finding(
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
        ));
    }
    out
}
