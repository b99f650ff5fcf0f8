//! The one-time token view ("Success!"): only handles are returned. The token itself
//! never enters the `PageView`; the façade reads it from the snapshot node.

use super::index::{is_clickable, own_text, Index};
use crate::catalog::{page_text, Lang, PageText};
use crate::page::SuccessState;

pub(crate) fn recognize_success(
    ix: &Index,
    panel: usize,
    regenerate_title: bool,
    lang: Lang,
) -> Result<SuccessState, String> {
    let fields: Vec<usize> = ix
        .descendants(panel)
        .filter(|&j| {
            let n = ix.node(j);
            matches!(n.t.as_str(), "input" | "textarea")
                && n.ro
                && n.ty.as_deref() != Some("button")
        })
        .collect();
    let token_field = match fields.as_slice() {
        [one] => ix.node(*one).h,
        [] => return Err("the success view shows no read-only token field".to_string()),
        _ => return Err("the success view shows more than one read-only field".to_string()),
    };
    let regenerated_text = page_text(PageText::RegeneratedText, lang);
    let regenerated = regenerate_title
        || ix
            .descendants(panel)
            .any(|j| own_text(ix.node(j)) == Some(regenerated_text));
    let button = |key: PageText| {
        let label = page_text(key, lang);
        let all: Vec<usize> = ix
            .descendants(panel)
            .filter(|&j| is_clickable(ix.node(j)) && ix.name(j) == label)
            .collect();
        // Prefer the footer's button over the header's × (both may read "Close").
        let in_footer = all.iter().copied().find(|&j| {
            ix.ancestors_and_self(j)
                .any(|a| ix.node(a).has_class("bolt-panel-footer"))
        });
        in_footer.or(all.first().copied()).map(|j| ix.node(j).h)
    };
    Ok(SuccessState {
        lang,
        panel: ix.node(panel).h,
        token_field,
        regenerated,
        copy_button: button(PageText::Copy),
        close_button: button(PageText::Close),
    })
}
