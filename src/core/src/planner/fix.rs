//! Turns the findings engine's declarative fixes into page actions, one round at a
//! time: the first step of the fix that is not yet true on the form is planned;
//! when every step holds, the fix is done.

use super::controls::{
    close_stray_dropdowns, custom_radio_click, dropdown_click, full_radio_click, option_click,
    set_value, Keep,
};
use super::{expiry, scopes_step, Step};
use crate::catalog::{catalog, page_text, PageText};
use crate::findings::{Fix, FixStep, OrgChoice};
use crate::page::{FormState, ScopeMode};
use crate::presets::preset;
use crate::sort::CollectSet;
use std::collections::BTreeSet;

pub fn plan_fix(form: &FormState, fix: &Fix) -> Step {
    for step in &fix.steps {
        if let Some(next) = plan_fix_step(form, step) {
            return next;
        }
    }
    Step::Done
}

/// `None` when `step` already holds on the form.
fn plan_fix_step(form: &FormState, step: &FixStep) -> Option<Step> {
    let lang = form.lang;
    let keep = match step {
        FixStep::SetExpiryDays { .. } => Keep::Expiration,
        FixStep::SelectOrganization { .. } => Keep::Organization,
        _ => Keep::None,
    };
    let stray = || close_stray_dropdowns(form, keep);
    match step {
        FixStep::SetScopeMode { mode } => {
            if form.scope_mode.mode == *mode {
                return None;
            }
            stray().or_else(|| {
                Some(match mode {
                    ScopeMode::Custom => custom_radio_click(form, lang),
                    ScopeMode::Full => full_radio_click(form, lang),
                })
            })
        }
        FixStep::ApplyPreset { id } => {
            let Some(p) = preset(id) else {
                return Some(Step::Stuck {
                    reason: format!("unknown preset {id}"),
                });
            };
            let target: BTreeSet<String> = p.scopes.iter().cloned().collect_set();
            stray().or_else(|| scopes_step(form, &target, lang))
        }
        FixStep::SetLevel { group, scope_id } => {
            let Some(g) = catalog().group(group) else {
                return Some(Step::Stuck {
                    reason: format!("unknown scope group {group}"),
                });
            };
            if g.level_by_scope(scope_id).is_none() {
                return Some(Step::Stuck {
                    reason: format!("{scope_id} is not a level of {group}"),
                });
            }
            let mut target = checked_set(form);
            target.retain(|id| g.level_by_scope(id).is_none());
            target.insert(scope_id.clone());
            stray().or_else(|| scopes_step(form, &target, lang))
        }
        FixStep::RemoveScopes { scope_ids } => {
            if form.scope_mode.mode == ScopeMode::Full {
                return Some(Step::Stuck {
                    reason: format!(
                        "scopes can only be removed under \"{}\"",
                        page_text(PageText::CustomScopes, lang)
                    ),
                });
            }
            let mut target = checked_set(form);
            let before = target.len();
            target.retain(|id| !scope_ids.contains(id));
            if before == target.len() && form.show_all.is_none() {
                return None;
            }
            stray().or_else(|| scopes_step(form, &target, lang))
        }
        FixStep::SetExpiryDays { days } => {
            stray().or_else(|| expiry::plan_expiry(form, *days, lang))
        }
        FixStep::SelectOrganization {
            org: OrgChoice::Current,
        } => {
            let all_text = page_text(PageText::AllOrgs, lang);
            let org = &form.organization;
            if !form.all_organizations {
                // Already the current organization; close a list left open by an earlier round.
                return org
                    .open_options
                    .is_some()
                    .then(|| Step::Actions(vec![dropdown_click(org)]));
            }
            if let Some(step) = stray() {
                return Some(step);
            }
            let Some(options) = &org.open_options else {
                if org.disabled {
                    return Some(Step::Stuck {
                        reason: "the organization dropdown is disabled".into(),
                    });
                }
                return Some(Step::Actions(vec![dropdown_click(org)]));
            };
            let orgs: Vec<_> = options
                .iter()
                .filter(|o| o.label != all_text && !o.disabled)
                .collect();
            Some(match orgs.as_slice() {
                [one] => Step::Actions(vec![option_click(one)]),
                [] => Step::Stuck { reason: "the organization list offers no single organization".into() },
                _ => Step::Stuck {
                    reason: "the organization list offers several organizations; choose yours on the page".into(),
                },
            })
        }
        FixStep::SetName { name } => {
            if form.name.value == *name {
                return None;
            }
            if form.name.disabled {
                return Some(Step::Stuck {
                    reason: "the Name field cannot be edited".into(),
                });
            }
            stray().or_else(|| Some(Step::Actions(vec![set_value(&form.name, name.clone())])))
        }
    }
}

fn checked_set(form: &FormState) -> BTreeSet<String> {
    form.checked_scopes()
        .into_iter()
        .map(str::to_string)
        .collect_set()
}
