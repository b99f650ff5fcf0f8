//! The one-time token view. It is recognised by the token itself: a value that passes
//! the core's token validation (84-character `AZDO` layout, or 52-character base32 with
//! its CRC32) in a read-only field, else as a text. Titles and wording are optional:
//! they give the locale and tell a Regenerate from a Create where they can. Only
//! handles are returned; the token never enters the `PageView` (the façade reads it
//! from the snapshot node).

use super::index::{is_clickable, own_text, Index};
use super::text::is_text;
use crate::catalog::{Lang, PageText};
use crate::page::SuccessState;
use crate::token::classify;

/// Where the panel holds a valid token: a read-only field first, else a text. More than
/// one distinct place is refused (which one would be the new token?).
pub(crate) fn find_token(ix: &Index, panel: usize) -> Result<Option<usize>, String> {
    let valid = |s: &str| {
        let s = s.trim();
        (s.len() == 52 || s.len() == 84) && classify(s).is_valid()
    };
    let fields: Vec<usize> = ix
        .descendants(panel)
        .filter(|&j| {
            let n = ix.node(j);
            matches!(n.t.as_str(), "input" | "textarea")
                && n.ro
                && n.ty.as_deref() != Some("button")
                && n.expose_value().is_some_and(valid)
        })
        .collect();
    match fields.as_slice() {
        [one] => return Ok(Some(*one)),
        [] => {}
        _ => return Err("the panel shows more than one token field".to_string()),
    }
    let texts: Vec<usize> = ix
        .descendants(panel)
        .filter(|&j| own_text(ix.node(j)).is_some_and(valid))
        .collect();
    match texts.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(*one)),
        _ => Err("the panel shows more than one token".to_string()),
    }
}

pub(crate) fn recognize_success(
    ix: &Index,
    panel: usize,
    regenerate_title: bool,
    lang: Lang,
    in_page: bool,
) -> Result<SuccessState, String> {
    let Some(token) = find_token(ix, panel)? else {
        return Err("the success view shows no valid token".to_string());
    };
    let regenerated = regenerate_title
        || ix.descendants(panel).any(|j| {
            own_text(ix.node(j)).is_some_and(|t| is_text(t, PageText::RegeneratedText, lang))
        });
    let button = |key: PageText| {
        let all: Vec<usize> = ix
            .descendants(panel)
            .filter(|&j| is_clickable(ix.node(j)) && is_text(&ix.name(j), key, lang))
            .collect();
        // Prefer the footer's button over the header's × (both may read "Close").
        let in_footer = all.iter().copied().find(|&j| {
            ix.ancestors_and_self(j)
                .any(|a| ix.node(a).has_class("bolt-panel-footer"))
        });
        in_footer.or(all.first().copied())
    };
    let copy_button = button(PageText::Copy);
    let handle = |j: usize| ix.node(j).h;
    Ok(SuccessState {
        lang,
        panel: handle(panel),
        token_field: handle(token),
        regenerated,
        copy_button: copy_button.map(handle),
        close_button: button(PageText::Close).map(handle),
        region: in_page.then(|| handle(mount_region(ix, token, copy_button))),
    })
}

/// Where the assistant goes for a token shown in the page: the nearest ancestor of the
/// token that also holds its copy button (by its label, else any button or link beside
/// the token: wording may drift, the button's place does not), else the token's
/// parent. Never a snapshot root (`main` or the body: the assistant would land far from
/// the token); the token itself when nothing nearer is left.
fn mount_region(ix: &Index, token: usize, copy_button: Option<usize>) -> usize {
    let is_root = |a: usize| ix.parent(a).is_none();
    let holds_button = |a: usize| match copy_button {
        Some(c) => ix.contains(a, c),
        None => ix
            .descendants(a)
            .any(|j| !ix.contains(token, j) && is_clickable(ix.node(j))),
    };
    let parents: Vec<usize> = ix
        .ancestors_and_self(token)
        .skip(1)
        .take_while(|&a| !is_root(a))
        .collect();
    let nearest = parents.iter().copied().find(|&a| holds_button(a));
    nearest.or(parents.first().copied()).unwrap_or(token)
}

/// A token shown outside any dialog: the success view in a page region. The region is
/// the token's nearest landmark-like ancestor (region, main, form, group), else its root.
pub(crate) fn recognize_in_page(
    ix: &Index,
    snap: &crate::snapshot::Snapshot,
) -> Result<Option<crate::page::PageView>, String> {
    let mut i = 0;
    while i < ix.len() {
        let root_end = ix.subtree(i).end;
        if let Some(j) = find_token(ix, i)? {
            let region = ix
                .ancestors_and_self(j)
                .skip(1)
                .find(|&a| {
                    matches!(
                        super::index::role(ix.node(a)),
                        "region" | "main" | "form" | "group"
                    )
                })
                .unwrap_or(i);
            let lang = super::dialog::success_lang(ix, region, snap);
            return recognize_success(ix, region, false, lang, true)
                .map(|s| Some(crate::page::PageView::Success(s)));
        }
        i = root_end;
    }
    Ok(None)
}
