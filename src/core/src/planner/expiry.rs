//! The expiry: a preset day option when one matches exactly, else "Custom defined"
//! and the date typed as `YYYY/M/D`.

use super::controls::{dropdown_click, option_click, set_value};
use super::Step;
use crate::catalog::{page_text, Lang, PageText};
use crate::date::Date;
use crate::page::FormState;
use crate::recognizer::text::expiry_option_days;

/// `None` when the form already expires `days` days from today.
pub(crate) fn plan_expiry(form: &FormState, days: u32, lang: Lang) -> Option<Step> {
    let exp = &form.expiration;
    let want = i64::from(days);
    let satisfied = match exp.days_from_today {
        Some(d) => d == want,
        // Without today's date only a preset can be verified.
        None => exp.preset_days == Some(days),
    };
    let custom_text = page_text(PageText::CustomExpiry, lang);
    if let Some(options) = &exp.dropdown.open_options {
        if satisfied {
            return Some(Step::Actions(vec![dropdown_click(&exp.dropdown)]));
        }
        let exact = options
            .iter()
            .find(|o| !o.disabled && expiry_option_days(&o.label, lang) == Some(days));
        if let Some(o) = exact {
            return Some(Step::Actions(vec![option_click(o)]));
        }
        if exp.dropdown.selected == custom_text {
            // Custom is already chosen: close the list and type the date next round.
            return Some(Step::Actions(vec![dropdown_click(&exp.dropdown)]));
        }
        return Some(
            match options
                .iter()
                .find(|o| !o.disabled && o.label == custom_text)
            {
                Some(o) => Step::Actions(vec![option_click(o)]),
                None => Step::Stuck {
                    reason: format!(
                        "no expiration option for {days} days and no \"{custom_text}\""
                    ),
                },
            },
        );
    }
    if satisfied {
        return None;
    }
    if exp.dropdown.selected == custom_text {
        let Some(field) = &exp.date else {
            return Some(Step::Stuck {
                reason: "the expiration date field was not found".into(),
            });
        };
        if field.disabled {
            return Some(Step::Stuck {
                reason: "the expiration date field cannot be edited".into(),
            });
        }
        // Today is what the page's own date and day count imply.
        let today = match (Date::parse(&field.value), exp.days_from_today) {
            (Some(shown), Some(d)) => shown.add_days(-d),
            _ => {
                return Some(Step::Stuck {
                    reason: "today's date is unknown, so the expiry date cannot be computed".into(),
                })
            }
        };
        let date = today.add_days(want);
        return Some(Step::Actions(vec![set_value(
            field,
            format!("{}/{}/{}", date.year, date.month, date.day),
        )]));
    }
    if exp.dropdown.disabled {
        return Some(Step::Stuck {
            reason: "the expiration dropdown is disabled".into(),
        });
    }
    Some(Step::Actions(vec![dropdown_click(&exp.dropdown)]))
}
