//! The edit form of an expired token. Azure DevOps no longer lets an expired token be
//! modified or extended (release notes sprint 271, 2026-03-31), so PAT Guard offers no
//! edit-based fix there and says what works instead.

use super::*;

fn release_notes() -> Source {
    src(
        "Azure DevOps sprint 271 release notes: expired PATs cannot be modified or extended",
        "https://learn.microsoft.com/azure/devops/release-notes/2026/general/sprint-271-update",
    )
}

pub(crate) fn check(cx: &Context) -> Vec<Finding> {
    let Context {
        form, today, lang, ..
    } = *cx;
    if !is_expired_edit(form, today) {
        return Vec::new();
    }
    vec![finding(
        FindingCode::ExpiredToken,
        Severity::Info,
        t(
            lang,
            "This token has expired and can no longer be edited",
            "Dieses Token ist abgelaufen und kann nicht mehr bearbeitet werden",
        ),
        t(
            lang,
            "Since March 2026 Azure DevOps does not let an expired token be changed or extended, in the page or the API. Close this panel and create a new token, or select it in the list and choose Regenerate.",
            "Seit März 2026 lässt Azure DevOps ein abgelaufenes Token weder ändern noch verlängern, weder auf der Seite noch über die API. Schließen Sie dieses Fenster und erstellen Sie ein neues Token, oder wählen Sie es in der Liste aus und dann „Neu generieren“.",
        ),
        release_notes(),
        vec![form.submit.handle],
        None,
    )]
}
