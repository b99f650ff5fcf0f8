//! Open dialogs: which one is the token panel and what it shows. The panel is found by
//! what cannot drift first — a value that passes the token validation makes a success
//! view, a name field with the scope mode radios makes a form — and by its title
//! second (the title, when known, tells Create from Edit and gives the locale). Other
//! dialogs (revoke / regenerate confirm, date pickers, …) become `OtherDialog`:
//! PAT Guard leaves them alone.

use super::form::recognize_form;
use super::index::{has_role, own_text, role, Index};
use super::success::{find_token, recognize_success};
use super::text::lang_of;
use crate::catalog::{Lang, PageText};
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

pub(crate) fn panel_title(title: &str) -> Option<(PanelTitle, Lang)> {
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

/// The create/edit form's shape, without any text: an editable text field (the name)
/// and a radio group of at least two radios (the scope mode).
fn has_form_shape(ix: &Index, pos: usize) -> bool {
    let text_field = ix.descendants(pos).any(|j| {
        let n = ix.node(j);
        matches!(n.t.as_str(), "input" | "textarea")
            && !n.ro
            && !matches!(
                n.ty.as_deref(),
                Some("button" | "checkbox" | "radio" | "hidden" | "submit")
            )
    });
    let radios = ix
        .descendants(pos)
        .filter(|&j| has_role(ix.node(j), "radio"))
        .count();
    text_field && radios >= 2
}

/// The locale of a success view without a known title: its texts, else the page's.
pub(crate) fn success_lang(ix: &Index, pos: usize, snap: &Snapshot) -> Lang {
    let keys = [
        PageText::SuccessTitle,
        PageText::SuccessText,
        PageText::RegeneratedText,
        PageText::Copy,
    ];
    ix.descendants(pos)
        .filter_map(|j| own_text(ix.node(j)).or(ix.node(j).l.as_deref()))
        .find_map(|t| keys.iter().find_map(|&k| lang_of(t, k)))
        .or_else(|| Lang::from_tag(&snap.lang))
        .unwrap_or(Lang::En)
}

enum Panel {
    Success { regenerate_title: bool },
    Form { title: Option<(FormMode, Lang)> },
}

pub(crate) fn recognize_dialogs(
    ix: &Index,
    snap: &Snapshot,
    dialogs: &[Dialog],
    today: Option<Date>,
) -> Result<PageView, String> {
    let mut panels: Vec<(&Dialog, Panel)> = Vec::new();
    let mut others = Vec::new();
    for d in dialogs {
        let title = panel_title(&d.title);
        // The strongest signal: a one-time token that passes validation.
        if find_token(ix, d.pos)?.is_some() {
            let regenerate_title = matches!(title, Some((PanelTitle::Regenerate, _)));
            panels.push((d, Panel::Success { regenerate_title }));
            continue;
        }
        match title {
            // The regenerate confirmation shares its title with the panel that then
            // shows the new token: only the latter holds a token.
            Some((PanelTitle::Regenerate, _)) => others.push(d),
            Some((PanelTitle::Create, lang)) => panels.push((
                d,
                Panel::Form {
                    title: Some((FormMode::Create, lang)),
                },
            )),
            Some((PanelTitle::Edit, lang)) => panels.push((
                d,
                Panel::Form {
                    title: Some((FormMode::Edit, lang)),
                },
            )),
            None if has_form_shape(ix, d.pos) => panels.push((d, Panel::Form { title: None })),
            None if has_form_controls(ix, d.pos) => {
                return Err(if d.title.is_empty() {
                    "a panel with form controls is open, but it has no title, no name field with scope options and no token".to_string()
                } else {
                    format!(
                        "the panel \"{}\" has form controls, but neither a known token page title (en/de) nor a name field with scope options, nor a token",
                        d.title
                    )
                });
            }
            None => others.push(d),
        }
    }
    if panels.len() > 1 {
        return Err("two token panels are open at once".to_string());
    }
    // A dialog other than the token panel sits on top of it: leave the page alone.
    if let Some(d) = others.first() {
        return Ok(PageView::OtherDialog {
            title: d.title.clone(),
        });
    }
    let (d, panel) = panels
        .into_iter()
        .next()
        .expect("at least one dialog was classified");
    match panel {
        Panel::Success { regenerate_title } => {
            let lang = panel_title(&d.title)
                .map(|(_, l)| l)
                .unwrap_or_else(|| success_lang(ix, d.pos, snap));
            recognize_success(ix, d.pos, regenerate_title, lang, false).map(PageView::Success)
        }
        Panel::Form { title } => {
            if snap.truncated {
                return Err(
                    "the snapshot was cut off at the agent's node budget; the form may be incomplete"
                        .to_string(),
                );
            }
            let (mode, langs) = match title {
                Some((mode, lang)) => (Some(mode), vec![lang]),
                None => {
                    let first = Lang::from_tag(&snap.lang).unwrap_or(Lang::En);
                    let mut langs = vec![first];
                    langs.extend(Lang::ALL.into_iter().filter(|&l| l != first));
                    (None, langs)
                }
            };
            let mut first_err = None;
            for lang in langs {
                match recognize_form(ix, d.pos, mode, lang, today) {
                    Ok(form) => return Ok(PageView::Form(form)),
                    Err(e) => {
                        first_err.get_or_insert(e);
                    }
                }
            }
            Err(first_err.expect("at least one locale was tried"))
        }
    }
}
