//! The create / edit form: Name, Organization, Expiration, scope mode, groups,
//! Show all, the submit button, policy and error messages, and open option lists.

use super::index::{has_role, is_clickable, own_text, role, Index};
use super::scopes::scope_groups;
use super::text::{expiry_option_days, is_text, Template};
use crate::catalog::{page_text, Lang, PageText};
use crate::date::Date;
use crate::page::{
    ButtonState, DropdownState, ExpirationState, FormMode, FormState, OptionState, RadioState,
    ScopeMode, ScopeModeState, ShowAll, TextControl,
};
use crate::snapshot::Node;

type R<T> = Result<T, String>;

/// `mode` is `None` when the panel's title did not say: the submit button decides
/// (Create, else Save).
pub(crate) fn recognize_form(
    ix: &Index,
    panel: usize,
    mode: Option<FormMode>,
    lang: Lang,
    today: Option<Date>,
) -> R<FormState> {
    let keys = [PageText::Name, PageText::Organization, PageText::Expiration];
    let labels = keys.map(|k| page_text(k, lang));

    let name_item = form_item(ix, panel, 0, keys, lang, is_text_input)?;
    let name_pos = single(ix, name_item, is_text_input, "text field", labels[0])?;
    let name = text_control(ix.node(name_pos));

    let org_item = form_item(ix, panel, 1, keys, lang, is_dropdown)?;
    let org_pos = single(ix, org_item, is_dropdown, "dropdown", labels[1])?;
    let mut organization = dropdown(ix, org_pos);
    let all_organizations = is_text(&organization.selected, PageText::AllOrgs, lang);

    let exp_item = form_item(ix, panel, 2, keys, lang, is_dropdown)?;
    let exp_pos = single(ix, exp_item, is_dropdown, "dropdown", labels[2])?;
    let mut exp_dropdown = dropdown(ix, exp_pos);
    let date_pos = ix
        .descendants(exp_item)
        .find(|&j| is_text_input(ix.node(j)));
    let date = date_pos.map(|j| {
        let n = ix.node(j);
        // A read-only date field cannot be typed into: for planning it is disabled.
        TextControl {
            handle: n.h,
            value: n.expose_value().unwrap_or_default().to_string(),
            disabled: n.dis || n.ro,
        }
    });
    let days_from_today = match (&date, today) {
        (Some(d), Some(today)) => Date::parse(&d.value).map(|d| today.days_until(d)),
        _ => None,
    };
    let preset_days = expiry_option_days(&exp_dropdown.selected, lang);

    let scope_mode = scope_mode(ix, panel, lang)?;
    let scan = scope_groups(ix, panel, lang)?;
    let show_all = show_all(ix, panel, lang)?;
    let (mode, submit) = submit_button(ix, panel, mode, lang)?;
    let messages = messages(ix, panel, lang);

    attach_open_options(
        ix,
        panel,
        &mut [(org_pos, &mut organization), (exp_pos, &mut exp_dropdown)],
    )?;

    Ok(FormState {
        mode,
        lang,
        panel: ix.node(panel).h,
        name,
        organization,
        all_organizations,
        expiration: ExpirationState {
            dropdown: exp_dropdown,
            preset_days,
            date,
            days_from_today,
        },
        scope_mode,
        groups: scan.groups,
        unknown: scan.unknown,
        show_all,
        submit,
        messages,
    })
}

fn is_text_input(n: &Node) -> bool {
    matches!(n.t.as_str(), "input" | "textarea")
        && !matches!(
            n.ty.as_deref(),
            Some("button" | "checkbox" | "radio" | "hidden" | "submit")
        )
        && n.ex.is_none()
}

/// A dropdown opener: anything carrying `aria-expanded` that is not a tree/list item.
fn is_dropdown(n: &Node) -> bool {
    n.ex.is_some() && !matches!(role(n), "option" | "row" | "treeitem" | "link")
}

/// The FormItem around the label `keys[which]`: the smallest ancestor of the label that
/// holds a control matching `wanted` and no other form label.
fn form_item(
    ix: &Index,
    panel: usize,
    which: usize,
    keys: [PageText; 3],
    lang: Lang,
    wanted: fn(&Node) -> bool,
) -> R<usize> {
    let label = page_text(keys[which], lang);
    let is_label = |t: &str| is_text(t.trim_end_matches(['*', ' ']), keys[which], lang);
    let mut found: Vec<usize> = ix
        .descendants(panel)
        .filter(|&j| own_text(ix.node(j)).is_some_and(is_label) && !inside_control(ix, j, panel))
        .collect();
    if found.len() > 1 {
        // Several texts read e.g. "Name": the form label is the <label> element.
        found.retain(|&j| ix.node(j).t == "label" || ix.node(j).has_class("bolt-formitem-label"));
    }
    let label_pos = match found.as_slice() {
        [one] => *one,
        [] => return Err(format!("the form field \"{label}\" was not found")),
        _ => return Err(format!("the form label \"{label}\" appears more than once")),
    };
    for a in ix.ancestors_and_self(label_pos).skip(1).take(4) {
        if a == panel || !ix.contains(panel, a) {
            break;
        }
        let other_label = ix.descendants(a).any(|j| {
            own_text(ix.node(j)).is_some_and(|t| {
                let t = t.trim_end_matches(['*', ' ']);
                (0..3).any(|k| k != which && is_text(t, keys[k], lang))
            })
        });
        if other_label {
            break;
        }
        if ix
            .descendants(a)
            .any(|j| !ix.contains(label_pos, j) && wanted(ix.node(j)))
        {
            return Ok(a);
        }
    }
    Err(format!(
        "the form field \"{label}\" has no control next to its label"
    ))
}

/// Whether `j` sits inside a checkbox, radio or option (whose texts are level labels).
fn inside_control(ix: &Index, j: usize, stop: usize) -> bool {
    ix.ancestors_and_self(j)
        .take_while(|&a| a != stop)
        .any(|a| matches!(role(ix.node(a)), "checkbox" | "radio" | "option"))
}

fn single(ix: &Index, item: usize, wanted: fn(&Node) -> bool, what: &str, label: &str) -> R<usize> {
    let mut it = ix.descendants(item).filter(|&j| wanted(ix.node(j)));
    match (it.next(), it.next()) {
        (Some(j), None) => Ok(j),
        (None, _) => Err(format!("the form field \"{label}\" has no {what}")),
        (Some(_), Some(_)) => Err(format!(
            "the form field \"{label}\" has more than one {what}"
        )),
    }
}

fn text_control(n: &Node) -> TextControl {
    TextControl {
        handle: n.h,
        value: n.expose_value().unwrap_or_default().to_string(),
        disabled: n.dis || n.ro,
    }
}

fn dropdown(ix: &Index, pos: usize) -> DropdownState {
    let n = ix.node(pos);
    let selected = match n.expose_value() {
        Some(v) if n.t == "input" => v.trim().to_string(),
        _ => {
            // A button dropdown: the text of its label part, else all its text.
            let label = ix.descendants(pos).find(|&j| {
                ix.node(j)
                    .has_class("bolt-dropdown-expandable-button-label")
            });
            label.map(|j| ix.text(j)).unwrap_or_else(|| ix.text(pos))
        }
    };
    DropdownState {
        handle: n.h,
        selected,
        disabled: n.dis,
        open_options: None,
    }
}

fn scope_mode(ix: &Index, panel: usize, lang: Lang) -> R<ScopeModeState> {
    let full_text = page_text(PageText::FullAccess, lang);
    let custom_text = page_text(PageText::CustomScopes, lang);
    let (mut full, mut custom) = (None, None);
    for j in ix.descendants(panel) {
        let n = ix.node(j);
        if !has_role(n, "radio") {
            continue;
        }
        let name = ix.name(j);
        let slot = if is_text(&name, PageText::FullAccess, lang) {
            &mut full
        } else if is_text(&name, PageText::CustomScopes, lang) {
            &mut custom
        } else {
            return Err(format!("unknown option \"{name}\" next to the scope mode"));
        };
        if slot.is_some() {
            return Err(format!("the scope option \"{name}\" appears twice"));
        }
        let checked = match n.ck.as_deref() {
            Some("true") => true,
            Some("false") => false,
            other => {
                return Err(format!(
                    "the scope option \"{name}\" has no clear state ({other:?})"
                ))
            }
        };
        *slot = Some(RadioState {
            handle: n.h,
            checked,
            disabled: n.dis,
        });
    }
    let full = full.ok_or_else(|| format!("the scope option \"{full_text}\" was not found"))?;
    let custom =
        custom.ok_or_else(|| format!("the scope option \"{custom_text}\" was not found"))?;
    let mode = match (full.checked, custom.checked) {
        (true, false) => ScopeMode::Full,
        (false, true) => ScopeMode::Custom,
        _ => return Err("neither or both scope options are selected".to_string()),
    };
    Ok(ScopeModeState { mode, full, custom })
}

fn show_all(ix: &Index, panel: usize, lang: Lang) -> R<Option<ShowAll>> {
    let template = Template::new(page_text(PageText::ShowAll, lang));
    let mut found = None;
    for j in ix.descendants(panel) {
        let Some(t) = own_text(ix.node(j)) else {
            continue;
        };
        let n = match template.matches(t) {
            Some(n) => n,
            // The count is not always shown (German documentation shows none).
            None if template.matches_without_number(t) => 0,
            None => continue,
        };
        if found.is_some() {
            return Err("the \"show all scopes\" control appears twice".to_string());
        }
        let target = ix
            .ancestors_and_self(j)
            .take(3)
            .find(|&a| is_clickable(ix.node(a)))
            .ok_or_else(|| format!("\"{t}\" is not a button or link"))?;
        found = Some(ShowAll {
            handle: ix.node(target).h,
            label: ix.name(target),
            hidden_count: n,
        });
    }
    Ok(found)
}

fn submit_button(
    ix: &Index,
    panel: usize,
    mode: Option<FormMode>,
    lang: Lang,
) -> R<(FormMode, ButtonState)> {
    let modes = match mode {
        Some(m) => vec![m],
        None => vec![FormMode::Create, FormMode::Edit],
    };
    let mut first_err = None;
    for mode in modes {
        let key = if mode == FormMode::Create {
            PageText::Create
        } else {
            PageText::Save
        };
        let label = page_text(key, lang);
        let mut found = ix
            .descendants(panel)
            .filter(|&j| is_clickable(ix.node(j)) && is_text(&ix.name(j), key, lang));
        let err = match (found.next(), found.next()) {
            (Some(j), None) => {
                let n = ix.node(j);
                return Ok((
                    mode,
                    ButtonState {
                        handle: n.h,
                        label: ix.name(j),
                        enabled: !n.dis,
                    },
                ));
            }
            (None, _) => format!("the \"{label}\" button was not found"),
            _ => format!("the \"{label}\" button appears more than once"),
        };
        first_err.get_or_insert(err);
    }
    Err(first_err.expect("at least one mode was tried"))
}

/// Policy texts (known templates) and alerts inside the panel, in page order.
fn messages(ix: &Index, panel: usize, lang: Lang) -> Vec<String> {
    let fixed = [PageText::PolicyNoFull, PageText::PolicyNoGlobal];
    let max_days = Template::new(page_text(PageText::PolicyMaxDays, lang));
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    for j in ix.descendants(panel) {
        let n = ix.node(j);
        if has_role(n, "alert") {
            push(ix.text(j));
        } else if let Some(t) = own_text(n) {
            if fixed.iter().any(|&k| is_text(t, k, lang)) || max_days.matches(t).is_some() {
                push(t.to_string());
            }
        }
    }
    out
}

/// Option lists render in callouts outside the panel; each belongs to the dropdown
/// whose `aria-expanded` is true.
fn attach_open_options(
    ix: &Index,
    panel: usize,
    dropdowns: &mut [(usize, &mut DropdownState)],
) -> R<()> {
    let listboxes: Vec<usize> = (0..ix.len())
        .filter(|&j| has_role(ix.node(j), "listbox") && !ix.contains(panel, j))
        .collect();
    if listboxes.is_empty() {
        return Ok(());
    }
    let expanded: Vec<usize> = (0..dropdowns.len())
        .filter(|&d| ix.node(dropdowns[d].0).ex.as_deref() == Some("true"))
        .collect();
    let d = match expanded.as_slice() {
        [one] => *one,
        [] => return Ok(()), // a list of something else; not ours
        _ => return Err("more than one dropdown is open".to_string()),
    };
    let mut options = Vec::new();
    for &lb in &listboxes {
        for j in ix.descendants(lb) {
            let n = ix.node(j);
            if has_role(n, "option") {
                options.push(OptionState {
                    handle: n.h,
                    label: ix.name(j),
                    // azure-devops-ui marks unselectable rows by class only (no aria-disabled).
                    disabled: n.dis || n.has_class("bolt-list-box-item-disabled"),
                    selected: n.sel.as_deref() == Some("true"),
                });
            }
        }
    }
    dropdowns[d].1.open_options = Some(options);
    Ok(())
}
