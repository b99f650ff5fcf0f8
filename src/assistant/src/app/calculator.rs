//! "Which scopes do I need?" in the assistant: the pasted text's answer from the core's
//! calculator, and "Apply", which sets exactly those scopes through the same planner and
//! verification as a preset.

use super::job::JobKind;
use super::{App, Effect, Notice};
use patguard_core::calculator::{calculate, Answer};
use patguard_core::catalog::Lang;

impl App {
    /// Answers the pasted text (replacing the previous answer).
    pub fn calculate_scopes(&mut self, text: &str) {
        self.calculator = if text.trim().is_empty() {
            None
        } else {
            Some(Box::new(calculate(text)))
        };
    }

    pub fn calculator_answer(&self) -> Option<&Answer> {
        self.calculator.as_deref()
    }

    /// Ticks exactly the answer's scopes (and nothing else), keeping the form's expiry.
    pub fn apply_calculated(&mut self) -> Vec<Effect> {
        let target: std::collections::BTreeSet<String> = match self.calculator.as_deref() {
            Some(a) if !a.scopes.is_empty() => a.scopes.iter().cloned().collect(),
            _ => {
                self.notice = Some(Notice::Error(self.say(
                    "No scopes to apply: paste what the token will be used for first.",
                    "Keine Bereiche anzuwenden: Fügen Sie zuerst ein, wofür das Token dient.",
                )));
                return Vec::new();
            }
        };
        self.chosen_preset = None;
        let label = match self.lang() {
            Lang::De => "Berechnete Bereiche",
            Lang::En => "Calculated scopes",
        };
        self.start_job(
            label.to_string(),
            JobKind::Preset {
                target,
                expiry_days: None,
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::{App, Effect, Notice};
    use crate::protocol::{Incoming, Outgoing};
    use patguard_core::catalog::Lang;

    fn app_on_create_form() -> App {
        let mut app = App::new(Lang::En, 20_785);
        app.on_message(Incoming::Snapshot {
            snap: Box::new(patguard_core::testkit::fixture("create-collapsed-en")),
        });
        app
    }

    #[test]
    fn apply_plans_exactly_the_answer_like_a_preset() {
        let mut app = app_on_create_form();
        app.calculate_scopes("git push https://dev.azure.com/o/p/_git/r\nPOST https://dev.azure.com/o/p/_apis/build/builds");
        assert_eq!(
            app.calculator_answer().unwrap().scopes,
            ["vso.build_execute", "vso.code_write"]
        );
        let out = app.apply_calculated();
        assert_eq!(app.busy(), Some("Calculated scopes"));
        assert!(
            matches!(out.as_slice(), [Effect::Agent(Outgoing::Act { actions, .. })] if !actions.is_empty())
        );
    }

    #[test]
    fn nothing_to_apply_says_so_and_does_nothing() {
        let mut app = app_on_create_form();
        app.calculate_scopes("echo hello");
        assert!(app.apply_calculated().is_empty());
        assert!(
            matches!(app.notice(), Some(Notice::Error(m)) if m.starts_with("No scopes to apply"))
        );
        app.calculate_scopes("   ");
        assert!(app.calculator_answer().is_none());
    }
}
