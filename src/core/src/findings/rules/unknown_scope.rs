//! A ticked scope checkbox the catalog does not know (a new group, or a new or renamed
//! level): PAT Guard cannot say what it grants, so it says so, and never clicks it.

use super::*;

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let Context {
        form, lang, full, ..
    } = *cx;
    let ticked = form.ticked_unknown();
    if full || ticked.is_empty() {
        return Vec::new();
    }
    let names: Vec<String> = ticked.iter().map(|u| u.display()).collect();
    vec![finding(
        FindingCode::UnknownScope,
        Severity::Warning,
        match lang {
            Lang::En => format!("Scope PAT Guard cannot judge: {}", names.join(", ")),
            Lang::De => format!(
                "Bereich, den PAT Guard nicht beurteilen kann: {}",
                names.join(", ")
            ),
        },
        t(
            lang,
            "This scope is new to PAT Guard (or its label changed), so PAT Guard cannot say what it allows or whether the task needs it. PAT Guard never clicks a control it does not recognise: check the scope yourself and untick it unless the token needs it.",
            "Dieser Bereich ist PAT Guard neu (oder seine Beschriftung hat sich geändert), daher kann PAT Guard nicht sagen, was er erlaubt und ob die Aufgabe ihn braucht. PAT Guard klickt nie ein Element, das es nicht erkannt hat: Prüfen Sie den Bereich selbst und entfernen Sie den Haken, falls das Token ihn nicht braucht.",
        ),
        scopes_source(),
        ticked.iter().map(|u| u.handle).collect(),
        None,
    )]
}
