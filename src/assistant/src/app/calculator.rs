//! "Which scopes do I need?" in the assistant. The calculation runs in its own on-demand
//! module (`src/calculator`, loaded by extension/assistant.js when the box is first opened
//! or used), so the panel module carries none of its tables: the app asks for the answer
//! with an effect and reads it back as `AnswerView` JSON. "Apply" sets exactly the
//! answer's scopes through the same planner and verification as a preset.

use super::job::JobKind;
use super::{App, Effect, Notice};
use patguard_core::calculator::AnswerView;
use patguard_core::catalog::Lang;

/// The box's state between the panel and the calculator module.
#[derive(Debug, Default)]
pub struct Calculator {
    /// The module answered once (loaded, initialised, working).
    module_ready: bool,
    /// A load asked for when the box was opened, not settled yet.
    loading: bool,
    /// The latest request's id while it is in flight; an answer to an older one is dropped.
    pending: Option<u32>,
    last_request: u32,
    answer: Option<Box<AnswerView>>,
    failure: Option<String>,
}

/// What the box shows besides the answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalculatorStatus<'a> {
    Idle,
    /// The module is being fetched and compiled (first use only).
    Loading,
    /// The module is there; the answer is being computed.
    Working,
    Failed(&'a str),
}

impl App {
    /// The box was opened: start loading the module so the first answer does not wait for it.
    pub fn calculator_opened(&mut self) -> Vec<Effect> {
        let c = &mut self.calculator;
        if c.module_ready || c.loading {
            return Vec::new();
        }
        c.loading = true;
        c.failure = None;
        vec![Effect::LoadCalculator]
    }

    pub fn on_calculator_loaded(&mut self, result: Result<(), String>) {
        self.calculator.loading = false;
        match result {
            Ok(()) => self.calculator.module_ready = true,
            // A calculation in flight reports its own failure.
            Err(e) if self.calculator.pending.is_none() => {
                self.calculator.failure = Some(self.load_failure(&e))
            }
            Err(_) => {}
        }
    }

    /// Asks for the pasted text's answer (replacing the previous one). Blank text clears it.
    pub fn calculate_scopes(&mut self, text: &str) -> Vec<Effect> {
        let lang = self.lang();
        let c = &mut self.calculator;
        c.answer = None;
        c.failure = None;
        if text.trim().is_empty() {
            c.pending = None;
            return Vec::new();
        }
        c.last_request += 1;
        c.pending = Some(c.last_request);
        vec![Effect::Calculate {
            text: text.to_string(),
            lang,
            request: c.last_request,
        }]
    }

    /// The module's answer (`AnswerView` JSON) to request `request`, or why there is none.
    pub fn on_calculated(&mut self, request: u32, result: Result<String, String>) {
        if self.calculator.pending != Some(request) {
            return;
        }
        self.calculator.pending = None;
        match result {
            Ok(json) => match serde_json::from_str::<AnswerView>(&json) {
                Ok(view) => {
                    self.calculator.module_ready = true;
                    self.calculator.answer = Some(Box::new(view));
                }
                Err(e) => {
                    self.calculator.failure = Some(self.say(
                        &format!("The scope calculator gave an unreadable answer: {e}"),
                        &format!("Der Bereichsrechner gab eine unlesbare Antwort: {e}"),
                    ))
                }
            },
            Err(e) => {
                self.calculator.failure = Some(if self.calculator.module_ready {
                    self.say(
                        &format!("The scope calculator failed: {e}"),
                        &format!("Der Bereichsrechner ist fehlgeschlagen: {e}"),
                    )
                } else {
                    self.load_failure(&e)
                })
            }
        }
    }

    fn load_failure(&self, e: &str) -> String {
        self.say(
            &format!("The scope calculator could not be loaded: {e}. “Find scopes” tries again."),
            &format!("Der Bereichsrechner konnte nicht geladen werden: {e}. „Bereiche ermitteln“ versucht es erneut."),
        )
    }

    pub fn calculator_answer(&self) -> Option<&AnswerView> {
        self.calculator.answer.as_deref()
    }

    /// The module's state for the box's `data-calculator-module`: `none` until the box is
    /// opened or used, then `loading`, then `ready`.
    pub fn calculator_module(&self) -> &'static str {
        let c = &self.calculator;
        if c.module_ready {
            "ready"
        } else if c.loading || c.pending.is_some() {
            "loading"
        } else {
            "none"
        }
    }

    pub fn calculator_status(&self) -> CalculatorStatus<'_> {
        let c = &self.calculator;
        match (&c.failure, c.pending.is_some()) {
            (_, true) if c.module_ready => CalculatorStatus::Working,
            (_, true) => CalculatorStatus::Loading,
            (Some(f), false) => CalculatorStatus::Failed(f),
            (None, false) => CalculatorStatus::Idle,
        }
    }

    /// Ticks exactly the answer's scopes (and nothing else), keeping the form's expiry.
    pub fn apply_calculated(&mut self) -> Vec<Effect> {
        let target: std::collections::BTreeSet<String> = match self.calculator.answer.as_deref() {
            Some(a) if !a.scopes.is_empty() => a.scope_ids().map(str::to_string).collect(),
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
    use super::CalculatorStatus;
    use crate::protocol::{Incoming, Outgoing};
    use patguard_core::catalog::Lang;

    fn app_on_create_form(fixture: &str) -> App {
        let mut app = App::new(Lang::En, 20_785);
        app.on_message(Incoming::Snapshot {
            snap: Box::new(patguard_core::testkit::fixture(fixture)),
        });
        app
    }

    /// Asks for an answer and returns the request the module would receive.
    fn ask(app: &mut App, text: &str) -> (String, Lang, u32) {
        match app.calculate_scopes(text).as_slice() {
            [Effect::Calculate {
                text,
                lang,
                request,
            }] => (text.clone(), *lang, *request),
            other => panic!("expected one Calculate effect, got {}", other.len()),
        }
    }

    /// What the calculator module answers (src/calculator runs the same core function).
    fn module_answer(text: &str, lang: Lang) -> Result<String, String> {
        Ok(serde_json::to_string(&patguard_core::calculator::calculate_view(text, lang)).unwrap())
    }

    #[test]
    fn apply_plans_exactly_the_answer_like_a_preset() {
        let mut app = app_on_create_form("create-collapsed-en");
        let (text, lang, request) = ask(&mut app, "git push https://dev.azure.com/o/p/_git/r\nPOST https://dev.azure.com/o/p/_apis/build/builds");
        assert_eq!(app.calculator_status(), CalculatorStatus::Loading);
        app.on_calculated(request, module_answer(&text, lang));
        assert_eq!(app.calculator_status(), CalculatorStatus::Idle);
        assert_eq!(
            app.calculator_answer()
                .unwrap()
                .scope_ids()
                .collect::<Vec<_>>(),
            ["vso.build_execute", "vso.code_write"]
        );
        let out = app.apply_calculated();
        assert_eq!(app.busy(), Some("Calculated scopes"));
        assert!(
            matches!(out.as_slice(), [Effect::Agent(Outgoing::Act { actions, .. })] if !actions.is_empty())
        );
    }

    #[test]
    fn asks_in_the_page_language() {
        let mut app = app_on_create_form("create-collapsed-de");
        let (_, lang, _) = ask(&mut app, "git push https://dev.azure.com/o/p/_git/r");
        assert_eq!(lang, Lang::De);
    }

    #[test]
    fn an_answer_to_an_older_request_is_dropped() {
        let mut app = app_on_create_form("create-collapsed-en");
        let (first, lang, old) = ask(&mut app, "git push https://dev.azure.com/o/p/_git/r");
        let (second, _, new) = ask(&mut app, "GET https://dev.azure.com/o/_apis/projects");
        app.on_calculated(old, module_answer(&first, lang));
        assert!(app.calculator_answer().is_none());
        app.on_calculated(new, module_answer(&second, lang));
        assert!(app
            .calculator_answer()
            .unwrap()
            .scope_ids()
            .any(|s| s == "vso.project"));
    }

    #[test]
    fn opening_the_box_loads_the_module_once() {
        let mut app = app_on_create_form("create-collapsed-en");
        assert_eq!(app.calculator_module(), "none");
        assert!(matches!(
            app.calculator_opened().as_slice(),
            [Effect::LoadCalculator]
        ));
        assert!(app.calculator_opened().is_empty(), "already loading");
        assert_eq!(app.calculator_module(), "loading");
        app.on_calculator_loaded(Ok(()));
        assert_eq!(app.calculator_module(), "ready");
        assert!(app.calculator_opened().is_empty(), "already loaded");
        let (text, lang, request) = ask(&mut app, "GET https://dev.azure.com/o/_apis/projects");
        assert_eq!(app.calculator_status(), CalculatorStatus::Working);
        app.on_calculated(request, module_answer(&text, lang));
        assert!(app.calculator_answer().is_some());
    }

    #[test]
    fn a_failed_load_says_so_and_the_next_click_tries_again() {
        let mut app = app_on_create_form("create-collapsed-en");
        app.calculator_opened();
        app.on_calculator_loaded(Err("network error".into()));
        assert!(
            matches!(app.calculator_status(), CalculatorStatus::Failed(m) if m.contains("could not be loaded: network error"))
        );
        assert!(matches!(
            app.calculator_opened().as_slice(),
            [Effect::LoadCalculator]
        ));
        let (_, _, request) = ask(&mut app, "GET https://dev.azure.com/o/_apis/projects");
        app.on_calculated(request, Err("CompileError".into()));
        assert!(
            matches!(app.calculator_status(), CalculatorStatus::Failed(m) if m.contains("could not be loaded: CompileError"))
        );
    }

    #[test]
    fn an_unreadable_answer_is_reported_not_applied() {
        let mut app = app_on_create_form("create-collapsed-en");
        let (_, _, request) = ask(&mut app, "GET https://dev.azure.com/o/_apis/projects");
        app.on_calculated(request, Ok("{\"scopes\":7}".into()));
        assert!(
            matches!(app.calculator_status(), CalculatorStatus::Failed(m) if m.contains("unreadable answer"))
        );
        assert!(app.apply_calculated().is_empty());
    }

    #[test]
    fn nothing_to_apply_says_so_and_does_nothing() {
        let mut app = app_on_create_form("create-collapsed-en");
        let (text, lang, request) = ask(&mut app, "echo hello");
        app.on_calculated(request, module_answer(&text, lang));
        assert!(app.apply_calculated().is_empty());
        assert!(
            matches!(app.notice(), Some(Notice::Error(m)) if m.starts_with("No scopes to apply"))
        );
        assert!(app.calculate_scopes("   ").is_empty());
        assert!(app.calculator_answer().is_none());
    }
}
