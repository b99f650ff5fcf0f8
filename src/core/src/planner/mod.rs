//! The iterative planner: from the recognised form and a goal, the next few page
//! actions. The executor performs them, re-snapshots, re-recognises and asks again
//! until [`Step::Done`] (or gives up after a handful of rounds). Every action names a
//! control the recogniser positively identified, with an [`Expect`] of what it must
//! still look like; nothing else is ever clicked. The Name field is never touched by
//! [`plan_scopes`].

mod controls;
mod expiry;
mod fix;

#[cfg(test)]
mod sim;
#[cfg(test)]
mod tests;

pub use fix::plan_fix;

use crate::action::{Action, Expect};
use crate::catalog::{catalog, Lang};
use crate::page::{FormState, ScopeMode};
use crate::snapshot::Snapshot;
use controls::{checkbox_click, close_stray_dropdowns, custom_radio_click, show_all_click, Keep};
use std::collections::BTreeSet;

/// What to do next.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// Perform these in order, then re-snapshot and plan again.
    Actions(Vec<Action>),
    /// The form is exactly as asked.
    Done,
    /// The goal cannot be reached on this form; the reason is shown to the user.
    Stuck { reason: String },
}

/// Rounds an executor should allow before giving up (the longest path — Full access →
/// Custom, Show all, ticks + open Expiration, Custom expiry, date, verify — takes six).
pub const MAX_ROUNDS: usize = 8;

/// Plans the form towards exactly `target` scopes ticked (Custom defined, every group
/// shown) and, when given, an expiry `expiry_days` days from today.
///
/// Order: close a stray dropdown; Custom defined; Show all; untick every checked level
/// not in the target, then tick the target levels (unticks first, so exclusive groups
/// where ticking one level unticks its siblings converge on the next round); then the
/// expiry (open the Expiration dropdown, next round pick the exact day option or
/// "Custom defined", then type the date).
pub fn plan_scopes(
    form: &FormState,
    target: &BTreeSet<String>,
    expiry_days: Option<u32>,
    lang: Lang,
) -> Step {
    let keep = if expiry_days.is_some() {
        Keep::Expiration
    } else {
        Keep::None
    };
    if let Some(step) = close_stray_dropdowns(form, keep) {
        return step;
    }
    if let Some(days) = expiry_days {
        // An open Expiration list is answered first: a click elsewhere would close it.
        if form.expiration.dropdown.open_options.is_some() {
            return expiry::plan_expiry(form, days, lang).unwrap_or(Step::Done);
        }
    }
    if let Some(step) = scopes_step(form, target, lang) {
        return step;
    }
    // Scopes are as asked: only the expiry may remain.
    match expiry_days.and_then(|d| expiry::plan_expiry(form, d, lang)) {
        Some(step) => step,
        None => Step::Done,
    }
}

/// The scope part of [`plan_scopes`]; `None` when the scopes are exactly `target`.
/// When scope clicks are due, an expiry action is not mixed in: the next round does it.
pub(crate) fn scopes_step(form: &FormState, target: &BTreeSet<String>, lang: Lang) -> Option<Step> {
    let cat = catalog();
    for id in target {
        if cat.scope(id).is_none() {
            return Some(Step::Stuck {
                reason: format!("the scope {id} is not offered in the token form"),
            });
        }
    }
    if form.scope_mode.mode == ScopeMode::Full {
        return Some(custom_radio_click(form, lang));
    }
    if let Some(show_all) = &form.show_all {
        return Some(Step::Actions(vec![show_all_click(show_all)]));
    }
    // Exactly the target is impossible to promise with a ticked scope PAT Guard does not
    // know, and it never clicks what it did not recognise: the user decides.
    let ticked: Vec<String> = form.ticked_unknown().iter().map(|u| u.display()).collect();
    if !ticked.is_empty() {
        return Some(Step::Stuck {
            reason: match lang {
                Lang::En => format!(
                    "{} is ticked, and PAT Guard does not know this scope, so it cannot make the form exactly the preset. It never clicks what it does not recognise: untick it yourself if the token does not need it, then apply the preset again",
                    ticked.join(", ")
                ),
                Lang::De => format!(
                    "{} ist angehakt, und PAT Guard kennt diesen Bereich nicht, kann das Formular also nicht genau auf die Vorlage bringen. Es klickt nie, was es nicht erkannt hat: Entfernen Sie den Haken selbst, falls das Token ihn nicht braucht, und wenden Sie die Vorlage erneut an",
                    ticked.join(", ")
                ),
            },
        });
    }
    if form.packaging_only() {
        let other: Vec<&str> = target
            .iter()
            .filter(|id| form.level(id).is_none())
            .map(String::as_str)
            .collect();
        if !other.is_empty() {
            return Some(Step::Stuck {
                reason: match lang {
                    Lang::En => format!(
                        "your organization allows packaging scopes only, and this preset needs {}",
                        other.join(", ")
                    ),
                    Lang::De => format!(
                        "Ihre Organisation erlaubt nur Paketbereiche, und diese Vorlage braucht {}",
                        other.join(", ")
                    ),
                },
            });
        }
    }
    for id in target {
        match form.level(id) {
            None => {
                let s = cat.scope(id).expect("checked above");
                return Some(Step::Stuck {
                    reason: format!(
                        "the form does not offer {id} (\"{}\" / \"{}\")",
                        s.group.label(lang),
                        s.level.label(lang)
                    ),
                });
            }
            Some(l) if l.disabled && !l.checked => {
                return Some(Step::Stuck {
                    reason: format!("the level \"{}\" ({id}) is disabled", l.label),
                })
            }
            Some(_) => {}
        }
    }
    let levels = form.groups.iter().flat_map(|g| &g.levels);
    let mut actions = Vec::new();
    for l in levels
        .clone()
        .filter(|l| l.checked && !target.contains(&l.scope_id))
    {
        if l.disabled {
            return Some(Step::Stuck {
                reason: format!(
                    "the level \"{}\" ({}) is disabled and cannot be unticked",
                    l.label, l.scope_id
                ),
            });
        }
        actions.push(checkbox_click(l));
    }
    for l in levels.filter(|l| !l.checked && target.contains(&l.scope_id)) {
        actions.push(checkbox_click(l));
    }
    (!actions.is_empty()).then_some(Step::Actions(actions))
}

/// Replaces each action's [`Expect`] with the role, `aria-checked` and accessible name
/// of its node in `snap` (the snapshot the form was recognised from), so the agent
/// compares exactly what was seen. An action whose handle is not in the snapshot, or
/// whose planned expectation disagrees with the node, turns the step into `Stuck`.
pub fn with_snapshot_expects(snap: &Snapshot, step: Step) -> Step {
    let Step::Actions(actions) = step else {
        return step;
    };
    let mut out = Vec::with_capacity(actions.len());
    for mut a in actions {
        let (h, expect) = match &mut a {
            Action::Click { h, expect } | Action::SetValue { h, expect, .. } => (*h, expect),
            _ => {
                out.push(a);
                continue;
            }
        };
        let Some(node) = snap.find(h) else {
            return Step::Stuck {
                reason: format!("planned element {h} is not in the snapshot"),
            };
        };
        let seen = Expect {
            role: node.r.clone(),
            checked: node.ck.clone(),
            name: Some(node.name()),
        };
        let disagrees = |planned: &Option<String>, actual: &Option<String>| {
            planned.is_some() && planned != actual
        };
        if disagrees(&expect.role, &seen.role)
            || disagrees(&expect.checked, &seen.checked)
            || disagrees(&expect.name, &seen.name)
        {
            return Step::Stuck {
                reason: format!(
                    "element {h} is not what the plan expected ({:?} vs {:?})",
                    expect, seen
                ),
            };
        }
        *expect = seen;
        out.push(a);
    }
    Step::Actions(out)
}
