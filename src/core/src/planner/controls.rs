//! Actions on recognised controls, each with the expectation the recogniser
//! guarantees (role for checkboxes, radios and options; state; accessible name).

use super::Step;
use crate::action::{Action, Expect};
use crate::catalog::{page_text, Lang, PageText};
use crate::page::{
    DropdownState, FormState, LevelState, OptionState, RadioState, ShowAll, TextControl,
};

fn bool_str(b: bool) -> Option<String> {
    Some(if b { "true" } else { "false" }.to_string())
}

pub(crate) fn checkbox_click(l: &LevelState) -> Action {
    Action::Click {
        h: l.handle,
        expect: Expect {
            role: Some("checkbox".into()),
            checked: bool_str(l.checked),
            name: Some(l.label.clone()),
        },
    }
}

fn radio_click(r: &RadioState, name: &str) -> Action {
    Action::Click {
        h: r.handle,
        expect: Expect {
            role: Some("radio".into()),
            checked: bool_str(r.checked),
            name: Some(name.to_string()),
        },
    }
}

pub(crate) fn custom_radio_click(form: &FormState, lang: Lang) -> Step {
    let r = &form.scope_mode.custom;
    if r.disabled {
        return Step::Stuck {
            reason: format!(
                "\"{}\" is disabled",
                page_text(PageText::CustomScopes, lang)
            ),
        };
    }
    Step::Actions(vec![radio_click(
        r,
        page_text(PageText::CustomScopes, lang),
    )])
}

pub(crate) fn full_radio_click(form: &FormState, lang: Lang) -> Step {
    let r = &form.scope_mode.full;
    if r.disabled {
        return Step::Stuck {
            reason: format!(
                "\"{}\" is disabled on this page (policy)",
                page_text(PageText::FullAccess, lang)
            ),
        };
    }
    Step::Actions(vec![radio_click(r, page_text(PageText::FullAccess, lang))])
}

pub(crate) fn show_all_click(s: &ShowAll) -> Action {
    Action::Click {
        h: s.handle,
        expect: Expect {
            role: None,
            checked: None,
            name: Some(s.label.clone()),
        },
    }
}

/// Opening or closing a dropdown. Its accessible name is not part of the form model;
/// `with_snapshot_expects` fills it in from the snapshot.
pub(crate) fn dropdown_click(d: &DropdownState) -> Action {
    Action::Click {
        h: d.handle,
        expect: Expect::default(),
    }
}

pub(crate) fn option_click(o: &OptionState) -> Action {
    Action::Click {
        h: o.handle,
        expect: Expect {
            role: Some("option".into()),
            checked: None,
            name: Some(o.label.clone()),
        },
    }
}

pub(crate) fn set_value(t: &TextControl, value: String) -> Action {
    Action::SetValue {
        h: t.handle,
        value,
        expect: Expect::default(),
    }
}

/// Which open dropdown the current goal needs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    None,
    Expiration,
    Organization,
}

/// Closes an open option list the goal does not need (clicks elsewhere would only
/// dismiss it, and the agent would report them done).
pub(crate) fn close_stray_dropdowns(form: &FormState, keep: Keep) -> Option<Step> {
    let org = &form.organization;
    if org.open_options.is_some() && keep != Keep::Organization {
        return Some(Step::Actions(vec![dropdown_click(org)]));
    }
    let exp = &form.expiration.dropdown;
    if exp.open_options.is_some() && keep != Keep::Expiration {
        return Some(Step::Actions(vec![dropdown_click(exp)]));
    }
    None
}
