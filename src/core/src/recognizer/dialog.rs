//! Open dialogs: which one is the token panel, its title and locale, and the dispatch
//! to the form and success recognisers. Other dialogs (revoke / regenerate confirm,
//! date pickers, …) become `OtherDialog`: PAT Guard leaves them alone.

use super::form::recognize_form;
use super::index::{has_role, own_text, role, Index};
use super::success::recognize_success;
use super::text::lang_of;
use crate::catalog::{page_text, Lang, PageText};
use crate::date::Date;
use crate::page::{FormMode, PageView};
use crate::snapshot::Snapshot;

pub(crate) struct Dialog {
    pub pos: usize,
    pub title: String,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum PanelTitle {
    Create,
    Edit,
    Regenerate,
}

/// Outermost `[role=dialog]` / `[role=alertdialog]` elements in document order.
pub(crate) fn find_dialogs(ix: &Index) -> Vec<Dialog> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ix.len() {
        let n = ix.node(i);
        if has_role(n, "dialog") || has_role(n, "alertdialog") {
            out.push(Dialog {
                pos: i,
                title: dialog_title(ix, i),
            });
            i = ix.subtree(i).end; // nested dialogs belong to this one
        } else {
            i += 1;
        }
    }
    out
}

/// The dialog's heading text, else its accessible name.
fn dialog_title(ix: &Index, pos: usize) -> String {
    for j in ix.descendants(pos) {
        if has_role(ix.node(j), "heading") {
            let t = ix.text(j);
            if !t.is_empty() {
                return t;
            }
        }
    }
    ix.node(pos).l.as_deref().unwrap_or("").trim().to_string()
}

fn panel_title(title: &str) -> Option<(PanelTitle, Lang)> {
    [
        (PageText::CreateTitle, PanelTitle::Create),
        (PageText::EditTitle, PanelTitle::Edit),
        (PageText::RegenerateTitle, PanelTitle::Regenerate),
    ]
    .into_iter()
    .find_map(|(key, kind)| lang_of(title, key).map(|lang| (kind, lang)))
}

/// Whether the dialog holds controls a token form would have (so an unknown title
/// there means "a token panel we cannot read", not "some other dialog").
fn has_form_controls(ix: &Index, pos: usize) -> bool {
    ix.descendants(pos).any(|j| {
        let n = ix.node(j);
        matches!(role(n), "checkbox" | "radio" | "radiogroup")
            || (n.t == "input" && n.ty.as_deref() != Some("button"))
    })
}

/// Whether the dialog shows the one-time token ("Success!").
fn shows_success(ix: &Index, pos: usize, lang: Lang) -> bool {
    let title = page_text(PageText::SuccessTitle, lang);
    ix.descendants(pos)
        .any(|j| own_text(ix.node(j)) == Some(title))
}

pub(crate) fn recognize_dialogs(
    ix: &Index,
    snap: &Snapshot,
    dialogs: &[Dialog],
    today: Option<Date>,
) -> Result<PageView, String> {
    let mut panel = None;
    let mut others = Vec::new();
    for d in dialogs {
        match panel_title(&d.title) {
            // The regenerate confirmation shares its title with the panel that then
            // shows the new token: only the latter has "Success!".
            Some((PanelTitle::Regenerate, lang)) if !shows_success(ix, d.pos, lang) => {
                others.push(d)
            }
            Some((kind, lang)) => {
                if panel.is_some() {
                    return Err("two token panels are open at once".to_string());
                }
                panel = Some((d, kind, lang));
            }
            None if has_form_controls(ix, d.pos) => {
                return Err(if d.title.is_empty() {
                    "a panel with form controls but no title is open".to_string()
                } else {
                    format!(
                        "the panel title \"{}\" is not a known token page title (en/de)",
                        d.title
                    )
                });
            }
            None => others.push(d),
        }
    }
    // A dialog other than the token panel sits on top of it: leave the page alone.
    if let Some(d) = others.first() {
        return Ok(PageView::OtherDialog {
            title: d.title.clone(),
        });
    }
    let (d, kind, lang) = panel.expect("at least one dialog was classified");
    if shows_success(ix, d.pos, lang) {
        return recognize_success(ix, d.pos, kind == PanelTitle::Regenerate, lang)
            .map(PageView::Success);
    }
    if snap.truncated {
        return Err(
            "the snapshot was cut off at the agent's node budget; the form may be incomplete"
                .to_string(),
        );
    }
    let mode = match kind {
        PanelTitle::Create => FormMode::Create,
        PanelTitle::Edit => FormMode::Edit,
        PanelTitle::Regenerate => {
            return Err("the regenerate panel shows neither a form nor a token".to_string())
        }
    };
    recognize_form(ix, d.pos, mode, lang, today).map(PageView::Form)
}
