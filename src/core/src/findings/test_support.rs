//! Builds `FormState` values for tests without a snapshot: every catalog group is
//! rendered (as after "Show all scopes"), handles are numbered in page order.

use crate::catalog::{catalog, page_text, Lang, PageText};
use crate::page::*;
use crate::snapshot::Handle;

pub struct FormBuilder {
    form: FormState,
}

pub const ORG: &str = "contoso";

impl FormBuilder {
    pub fn new(lang: Lang) -> FormBuilder {
        let mut next: Handle = 0;
        let mut h = || {
            next += 1;
            next
        };
        let text = |value: &str, handle| TextControl {
            handle,
            value: value.into(),
            disabled: false,
        };
        let dropdown = |selected: &str, handle| DropdownState {
            handle,
            selected: selected.into(),
            disabled: false,
            open_options: None,
        };
        let panel = h();
        let name = text("", h());
        let organization = dropdown(ORG, h());
        let expiration = ExpirationState {
            dropdown: dropdown(page_text(PageText::Days30, lang), h()),
            preset_days: Some(30),
            date: Some(text("", h())),
            days_from_today: Some(30),
        };
        let scope_mode = ScopeModeState {
            mode: ScopeMode::Custom,
            full: RadioState {
                handle: h(),
                checked: false,
                disabled: false,
            },
            custom: RadioState {
                handle: h(),
                checked: true,
                disabled: false,
            },
        };
        let groups = catalog()
            .groups
            .iter()
            .map(|g| GroupState {
                key: g.key.clone(),
                levels: g
                    .levels
                    .iter()
                    .map(|l| LevelState {
                        scope_id: l.scope_id.clone(),
                        handle: h(),
                        label: l.label(lang).to_string(),
                        checked: false,
                        disabled: false,
                    })
                    .collect(),
            })
            .collect();
        let submit = ButtonState {
            handle: h(),
            label: page_text(PageText::Create, lang).into(),
            enabled: false,
        };
        FormBuilder {
            form: FormState {
                mode: FormMode::Create,
                lang,
                panel,
                name,
                organization,
                all_organizations: false,
                expiration,
                scope_mode,
                groups,
                unknown: Vec::new(),
                show_all: None,
                submit,
                messages: Vec::new(),
            },
        }
    }

    pub fn name(mut self, name: &str) -> Self {
        self.form.name.value = name.into();
        self.form.submit.enabled = !name.trim().is_empty();
        self
    }

    pub fn check(mut self, ids: &[&str]) -> Self {
        for id in ids {
            let level = self
                .form
                .groups
                .iter_mut()
                .flat_map(|g| &mut g.levels)
                .find(|l| l.scope_id == *id)
                .unwrap_or_else(|| panic!("no level {id}"));
            level.checked = true;
        }
        self
    }

    pub fn full_access(mut self) -> Self {
        let m = &mut self.form.scope_mode;
        m.mode = ScopeMode::Full;
        m.full.checked = true;
        m.custom.checked = false;
        self
    }

    pub fn all_orgs(mut self) -> Self {
        self.form.all_organizations = true;
        self.form.organization.selected = page_text(PageText::AllOrgs, self.form.lang).into();
        self
    }

    /// A custom expiry the recogniser already converted to days.
    pub fn expiry_days(mut self, days: i64) -> Self {
        let e = &mut self.form.expiration;
        e.preset_days = None;
        e.dropdown.selected = page_text(PageText::CustomExpiry, self.form.lang).into();
        e.days_from_today = Some(days);
        self
    }

    /// Only the date text is known (the recogniser could not compute the days).
    pub fn expiry_date_text(mut self, text: &str) -> Self {
        let e = &mut self.form.expiration;
        e.preset_days = None;
        e.days_from_today = None;
        e.date.as_mut().expect("date field").value = text.into();
        self
    }

    pub fn build(self) -> FormState {
        self.form
    }
}
