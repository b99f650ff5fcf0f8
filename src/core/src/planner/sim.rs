//! A small in-memory model of the token form for driving the planner in tests:
//! Click / SetValue act on a `FormState` the way the replica page reacts (exclusive
//! or independent levels, Show all revealing the remaining catalog groups, Full
//! access hiding the groups, dropdown lists opening and closing, presets rewriting
//! the read-only date). Each action's `Expect` is checked first, as the agent does.

use super::{plan_scopes, Step, MAX_ROUNDS};
use crate::action::{Action, Expect};
use crate::catalog::{catalog, page_text, Lang, PageText};
use crate::date::Date;
use crate::page::{FormState, GroupState, LevelState, OptionState, PageView, ScopeMode, ShowAll};
use crate::recognizer::recognize_at;
use crate::recognizer::text::expiry_option_days;
use crate::sort::CollectSet;
use std::collections::BTreeSet;

pub(crate) struct Sim {
    pub form: FormState,
    pub exclusive: bool,
    pub today: Date,
    hidden: Vec<GroupState>,
    stash: Option<(Vec<GroupState>, Option<ShowAll>)>,
    next: u32,
    /// Every action performed, in order.
    pub log: Vec<Action>,
    /// Handles the planner must never touch.
    pub forbidden: Vec<u32>,
}

impl Sim {
    pub fn from_fixture(name: &str, exclusive: bool) -> Sim {
        let snap = crate::recognizer::tests::fixture(name);
        let today = crate::recognizer::tests::capture_day();
        let PageView::Form(form) = recognize_at(&snap, today) else {
            panic!("{name} is not a form")
        };
        Sim::from_form(form, exclusive, today)
    }

    pub fn from_form(form: FormState, exclusive: bool, today: Date) -> Sim {
        let mut sim = Sim {
            form,
            exclusive,
            today,
            hidden: Vec::new(),
            stash: None,
            next: 900_000,
            log: Vec::new(),
            forbidden: Vec::new(),
        };
        sim.forbidden.push(sim.form.name.handle);
        if sim.form.show_all.is_some() {
            let shown: BTreeSet<String> =
                sim.form.groups.iter().map(|g| g.key.clone()).collect_set();
            let lang = sim.form.lang;
            let groups: Vec<_> = catalog()
                .groups
                .iter()
                .filter(|g| !shown.contains(&g.key))
                .collect();
            for g in groups {
                let levels = g
                    .levels
                    .iter()
                    .map(|l| LevelState {
                        scope_id: l.scope_id.clone(),
                        handle: sim.handle(),
                        label: l.label(lang).to_string(),
                        checked: false,
                        disabled: false,
                    })
                    .collect();
                sim.hidden.push(GroupState {
                    key: g.key.clone(),
                    levels,
                });
            }
        }
        sim
    }

    fn handle(&mut self) -> u32 {
        self.next += 1;
        self.next
    }

    /// Removes a group from the page entirely (shown and hidden), as if the page lacked it.
    pub fn drop_group(&mut self, key: &str) {
        self.form.groups.retain(|g| g.key != key);
        self.hidden.retain(|g| g.key != key);
    }

    /// Performs actions like the agent: stops at the first whose expectation fails.
    pub fn apply(&mut self, actions: &[Action]) -> Result<(), String> {
        for a in actions {
            let (h, expect) = match a {
                Action::Click { h, expect } | Action::SetValue { h, expect, .. } => (*h, expect),
                _ => continue,
            };
            if self.forbidden.contains(&h) {
                return Err(format!("acted on forbidden element {h}: {a:?}"));
            }
            let seen = self
                .describe(h)
                .ok_or_else(|| format!("acted on unknown element {h}: {a:?}"))?;
            let differs = |p: &Option<String>, s: &Option<String>| p.is_some() && p != s;
            if differs(&expect.role, &seen.role)
                || differs(&expect.checked, &seen.checked)
                || differs(&expect.name, &seen.name)
            {
                return Ok(()); // the agent refuses; the next round replans
            }
            self.log.push(a.clone());
            match a {
                Action::Click { h, .. } => self.click(*h)?,
                Action::SetValue { h, value, .. } => self.set_value(*h, value)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// What the agent would see on element `h`.
    fn describe(&self, h: u32) -> Option<Expect> {
        let f = &self.form;
        let b = |x: bool| Some(if x { "true" } else { "false" }.to_string());
        let lang = f.lang;
        if h == f.scope_mode.full.handle {
            return Some(Expect {
                role: Some("radio".into()),
                checked: b(f.scope_mode.full.checked),
                name: Some(page_text(PageText::FullAccess, lang).into()),
            });
        }
        if h == f.scope_mode.custom.handle {
            return Some(Expect {
                role: Some("radio".into()),
                checked: b(f.scope_mode.custom.checked),
                name: Some(page_text(PageText::CustomScopes, lang).into()),
            });
        }
        if let Some(s) = f.show_all.as_ref().filter(|s| s.handle == h) {
            return Some(Expect {
                role: Some("button".into()),
                checked: None,
                name: Some(s.label.clone()),
            });
        }
        if let Some(l) = f
            .groups
            .iter()
            .flat_map(|g| &g.levels)
            .find(|l| l.handle == h)
        {
            return Some(Expect {
                role: Some("checkbox".into()),
                checked: b(l.checked),
                name: Some(l.label.clone()),
            });
        }
        for d in [&f.organization, &f.expiration.dropdown] {
            if d.handle == h {
                return Some(Expect::default());
            }
            if let Some(o) = d.open_options.iter().flatten().find(|o| o.handle == h) {
                return Some(Expect {
                    role: Some("option".into()),
                    checked: None,
                    name: Some(o.label.clone()),
                });
            }
        }
        if f.expiration.date.as_ref().is_some_and(|d| d.handle == h) || f.name.handle == h {
            return Some(Expect::default());
        }
        None
    }

    fn click(&mut self, h: u32) -> Result<(), String> {
        let lang = self.form.lang;
        let f = &mut self.form;
        if h == f.scope_mode.full.handle || h == f.scope_mode.custom.handle {
            let full = h == f.scope_mode.full.handle;
            let r = if full {
                &f.scope_mode.full
            } else {
                &f.scope_mode.custom
            };
            if r.disabled {
                return Err("clicked a disabled radio".into());
            }
            let was_full = f.scope_mode.mode == ScopeMode::Full;
            f.scope_mode.full.checked = full;
            f.scope_mode.custom.checked = !full;
            f.scope_mode.mode = if full {
                ScopeMode::Full
            } else {
                ScopeMode::Custom
            };
            if full && !was_full {
                self.stash = Some((std::mem::take(&mut f.groups), f.show_all.take()));
            } else if !full && was_full {
                let (groups, show_all) = self.stash.take().unwrap_or_default();
                f.groups = groups;
                f.show_all = show_all;
                if f.groups.is_empty() {
                    // Opened in Full access: the page renders the default groups and Show all.
                    let defaults: Vec<String> = catalog()
                        .groups
                        .iter()
                        .filter(|g| g.shown_by_default)
                        .map(|g| g.key.clone())
                        .collect();
                    let mut all = std::mem::take(&mut self.hidden);
                    all.extend(rebuild_all(&mut self.next, lang, &all));
                    let (shown, rest): (Vec<_>, Vec<_>) =
                        all.into_iter().partition(|g| defaults.contains(&g.key));
                    let f = &mut self.form;
                    f.groups = shown;
                    self.hidden = rest;
                    let label = page_text(PageText::ShowAll, lang)
                        .replace("{n}", &self.hidden.len().to_string());
                    self.next += 1;
                    f.show_all = Some(ShowAll {
                        handle: self.next,
                        label,
                        hidden_count: self.hidden.len() as u32,
                    });
                }
            }
            return Ok(());
        }
        if f.show_all.as_ref().is_some_and(|s| s.handle == h) {
            f.groups.append(&mut self.hidden);
            f.show_all = None;
            return Ok(());
        }
        let exclusive = self.exclusive;
        for g in &mut f.groups {
            if let Some(i) = g.levels.iter().position(|l| l.handle == h) {
                if g.levels[i].disabled {
                    return Err("clicked a disabled level".into());
                }
                let now = !g.levels[i].checked;
                if now && exclusive {
                    for l in &mut g.levels {
                        l.checked = false;
                    }
                }
                g.levels[i].checked = now;
                return Ok(());
            }
        }
        if h == f.organization.handle {
            f.expiration.dropdown.open_options = None;
            f.organization.open_options = match f.organization.open_options {
                Some(_) => None,
                None => Some(vec![
                    OptionState {
                        handle: 800_001,
                        label: "contoso".into(),
                        disabled: false,
                        selected: !f.all_organizations,
                    },
                    OptionState {
                        handle: 800_002,
                        label: page_text(PageText::AllOrgs, lang).into(),
                        disabled: false,
                        selected: f.all_organizations,
                    },
                ]),
            };
            return Ok(());
        }
        if h == f.expiration.dropdown.handle {
            f.organization.open_options = None;
            let selected = f.expiration.dropdown.selected.clone();
            f.expiration.dropdown.open_options = match f.expiration.dropdown.open_options {
                Some(_) => None,
                None => Some(
                    [
                        PageText::Days30,
                        PageText::Days60,
                        PageText::Days90,
                        PageText::CustomExpiry,
                    ]
                    .iter()
                    .enumerate()
                    .map(|(i, k)| OptionState {
                        handle: 810_001 + i as u32,
                        label: page_text(*k, lang).into(),
                        disabled: false,
                        selected: page_text(*k, lang) == selected,
                    })
                    .collect(),
                ),
            };
            return Ok(());
        }
        if let Some(o) = f
            .organization
            .open_options
            .take()
            .and_then(|os| os.into_iter().find(|o| o.handle == h))
        {
            f.all_organizations = o.label == page_text(PageText::AllOrgs, lang);
            f.organization.selected = o.label;
            return Ok(());
        }
        if let Some(o) = f
            .expiration
            .dropdown
            .open_options
            .take()
            .and_then(|os| os.into_iter().find(|o| o.handle == h))
        {
            let days = expiry_option_days(&o.label, lang);
            f.expiration.dropdown.selected = o.label;
            f.expiration.preset_days = days;
            let date = f
                .expiration
                .date
                .as_mut()
                .expect("the fixtures have a date field");
            match days {
                Some(d) => {
                    let to = self.today.add_days(i64::from(d));
                    date.value = format!("{}/{}/{}", to.year, to.month, to.day);
                    date.disabled = true;
                    f.expiration.days_from_today = Some(i64::from(d));
                }
                None => date.disabled = false,
            }
            return Ok(());
        }
        Err(format!("click on {h} does nothing in the simulation"))
    }

    fn set_value(&mut self, h: u32, value: &str) -> Result<(), String> {
        let f = &mut self.form;
        if let Some(date) = f.expiration.date.as_mut().filter(|d| d.handle == h) {
            if date.disabled {
                return Err("typed into the read-only date field".into());
            }
            date.value = value.to_string();
            f.expiration.days_from_today = Date::parse(value).map(|d| self.today.days_until(d));
            return Ok(());
        }
        if f.name.handle == h {
            f.name.value = value.to_string();
            return Ok(());
        }
        Err(format!("set value on {h} does nothing in the simulation"))
    }

    /// Plans and applies until Done; the number of rounds, or why it did not converge.
    pub fn run(&mut self, mut plan: impl FnMut(&FormState) -> Step) -> Result<usize, String> {
        for round in 1..=MAX_ROUNDS {
            match plan(&self.form) {
                Step::Done => return Ok(round),
                Step::Stuck { reason } => return Err(format!("stuck: {reason}")),
                Step::Actions(actions) => {
                    assert!(!actions.is_empty(), "an Actions step must act");
                    self.apply(&actions)?;
                }
            }
        }
        Err(format!("no convergence in {MAX_ROUNDS} rounds"))
    }

    pub fn run_scopes(
        &mut self,
        target: &BTreeSet<String>,
        days: Option<u32>,
        lang: Lang,
    ) -> Result<usize, String> {
        self.run(|f| plan_scopes(f, target, days, lang))
    }

    pub fn checked(&self) -> BTreeSet<String> {
        self.form
            .checked_scopes()
            .into_iter()
            .map(str::to_string)
            .collect_set()
    }
}

/// Catalog groups not in `have`, with fresh handles (for forms opened in Full access).
fn rebuild_all(next: &mut u32, lang: Lang, have: &[GroupState]) -> Vec<GroupState> {
    catalog()
        .groups
        .iter()
        .filter(|g| !have.iter().any(|h| h.key == g.key))
        .map(|g| GroupState {
            key: g.key.clone(),
            levels: g
                .levels
                .iter()
                .map(|l| {
                    *next += 1;
                    LevelState {
                        scope_id: l.scope_id.clone(),
                        handle: *next,
                        label: l.label(lang).into(),
                        checked: false,
                        disabled: false,
                    }
                })
                .collect(),
        })
        .collect()
}
