//! The "Which scopes do I need?" box in the create and edit panels: a text area for what
//! the token will be used for, the answer (scopes in the page's labels with the calls
//! behind each, unmapped lines with their reasons, limits, Microsoft Entra alternatives)
//! and "Apply", which ticks exactly those scopes. The answer comes from the on-demand
//! calculator module; until it is there the answer region says it is loading.

use super::dom::{
    el, replace_children, set_attribute_if_changed, set_attribute_present, set_text_if_changed, El,
};
use super::presets::scope_label;
use crate::app::{App, CalculatorStatus};
use patguard_core::calculator::AnswerView;
use patguard_core::catalog::Lang;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlTextAreaElement};

fn tr(lang: Lang, en: &'static str, de: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}

pub struct CalculatorBox {
    root: Element,
    summary: Element,
    hint: Element,
    input: HtmlTextAreaElement,
    button: Element,
    answer: Element,
    signature: String,
}

impl CalculatorBox {
    /// Built once, so the pasted text and the focus survive every re-render.
    pub fn mount() -> CalculatorBox {
        let summary = el("summary").build();
        let hint = el("p").class("hint").attr("id", "calculator-hint").build();
        let input = el("textarea")
            .attr("data-field", "calculator-input")
            .attr("rows", "5")
            .attr("spellcheck", "false")
            .attr("autocomplete", "off")
            .attr("aria-describedby", "calculator-hint")
            .build()
            .dyn_into::<HtmlTextAreaElement>()
            .expect("a textarea");
        let button = el("button")
            .attr("type", "button")
            .attr("data-action", "calculate")
            .class("secondary")
            .build();
        let answer = el("div")
            .class("calculator-answer")
            .attr("aria-live", "polite")
            .build();
        let root = el("details")
            .class("calculator")
            .attr("data-patguard", "calculator")
            .build();
        for part in [&summary, &hint, input.as_ref(), &button, &answer] {
            root.append_child(part).expect("append");
        }
        CalculatorBox {
            root,
            summary,
            hint,
            input,
            button,
            answer,
            signature: String::new(),
        }
    }

    pub fn element(&self) -> &Element {
        &self.root
    }

    pub fn is_open(&self) -> bool {
        self.root.has_attribute("open")
    }

    pub fn text(&self) -> String {
        self.input.value()
    }

    pub fn render(&mut self, app: &App, lang: Lang, can_apply: bool) {
        set_text_if_changed(
            &self.summary,
            tr(
                lang,
                "Which scopes do I need?",
                "Welche Bereiche brauche ich?",
            ),
        );
        set_text_if_changed(
            &self.hint,
            tr(
                lang,
                "Paste what the token will be used for, one per line: REST URLs, curl / Invoke-RestMethod / az rest lines, az devops commands, Terraform resources or a .tf file, git remotes, package feed URLs, or tool names.",
                "Fügen Sie ein, wofür das Token dient, eines pro Zeile: REST-URLs, curl- / Invoke-RestMethod- / az-rest-Zeilen, az-devops-Befehle, Terraform-Ressourcen oder eine .tf-Datei, Git-Remotes, Feed-URLs oder Werkzeugnamen.",
            ),
        );
        let label = tr(lang, "What the token is for", "Wofür das Token dient");
        set_attribute_if_changed(self.input.as_ref(), "aria-label", label);
        set_text_if_changed(&self.button, tr(lang, "Find scopes", "Bereiche ermitteln"));
        set_attribute_if_changed(
            &self.root,
            "data-calculator-module",
            app.calculator_module(),
        );
        let answer = app.calculator_answer();
        let status = app.calculator_status();
        let signature = format!("{lang:?}|{status:?}|{answer:?}");
        if signature != self.signature {
            self.signature = signature;
            let content = match (status, answer) {
                (CalculatorStatus::Loading, _) => status_line(
                    "loading",
                    tr(
                        lang,
                        "Loading the scope calculator…",
                        "Der Bereichsrechner wird geladen …",
                    ),
                ),
                (CalculatorStatus::Working, _) => status_line(
                    "working",
                    tr(lang, "Finding the scopes…", "Bereiche werden ermittelt …"),
                ),
                (CalculatorStatus::Failed(message), _) => el("p")
                    .class("error")
                    .attr("data-calculator-error", "")
                    .attr("role", "alert")
                    .text(message),
                (CalculatorStatus::Idle, Some(a)) => render_answer(a, lang),
                (CalculatorStatus::Idle, None) => el("div"),
            };
            replace_children(&self.answer, content.build());
            let busy = matches!(
                status,
                CalculatorStatus::Loading | CalculatorStatus::Working
            );
            set_attribute_present(&self.answer, "aria-busy", busy, "true");
        }
        if let Ok(Some(apply)) = self
            .answer
            .query_selector("[data-action=\"apply-calculated\"]")
        {
            set_attribute_present(&apply, "disabled", !can_apply, "");
        }
    }
}

fn status_line(state: &str, text: &str) -> El {
    el("p")
        .class("hint")
        .attr("data-calculator-status", state)
        .text(text)
}

fn section(title: String, items: impl IntoIterator<Item = El>) -> El {
    el("section")
        .child(el("h4").text(&title))
        .child(el("ul").children(items))
}

fn render_answer(a: &AnswerView, lang: Lang) -> El {
    let mut out = el("div").attr("data-calculator-answer", "");
    if a.scopes.is_empty() {
        out = out.child(
            el("p")
                .class("empty")
                .attr("data-calculator-empty", "")
                .text(tr(
                    lang,
                    "No scope could be derived from this text.",
                    "Aus diesem Text ließ sich kein Bereich ableiten.",
                )),
        );
    } else {
        let scopes = a.scopes.iter().map(|scope| {
            let (s, calls) = (&scope.id, &scope.calls);
            let summary = match lang {
                Lang::En => format!(
                    "{} call{}",
                    calls.len(),
                    if calls.len() == 1 { "" } else { "s" }
                ),
                Lang::De => format!(
                    "{} Aufruf{}",
                    calls.len(),
                    if calls.len() == 1 { "" } else { "e" }
                ),
            };
            el("li")
                .attr("data-scope", s)
                .child(el("code").text(&scope_label(s, lang)))
                .child(el("span").class("scope-id").text(&format!(" ({s})")))
                .child(
                    el("details")
                        .child(el("summary").text(&summary))
                        .child(el("ul").children(calls.iter().map(|c| el("li").text(c)))),
                )
        });
        out = out
            .child(section(
                tr(lang, "Scopes to tick", "Anzukreuzende Bereiche").to_string(),
                scopes,
            ))
            .child(
                el("button")
                    .attr("type", "button")
                    .attr("data-action", "apply-calculated")
                    .class("primary")
                    .text(tr(lang, "Apply these scopes", "Diese Bereiche anwenden")),
            )
            .child(el("p").class("hint").text(tr(
                lang,
                "Once applied, “Save form as preset” below keeps them as a team preset.",
                "Nach dem Anwenden speichert „Formular als Vorlage speichern“ unten sie als Team-Vorlage.",
            )));
    }
    if !a.unmapped.is_empty() {
        let title = match lang {
            Lang::En => format!("Not mapped ({})", a.unmapped.len()),
            Lang::De => format!("Nicht zugeordnet ({})", a.unmapped.len()),
        };
        out = out.child(
            section(
                title,
                a.unmapped.iter().map(|u| {
                    el("li")
                        .child(el("code").text(&u.input))
                        .child(el("span").text(&format!(" — {}", u.reason)))
                }),
            )
            .attr("data-calculator-unmapped", ""),
        );
    }
    if !a.limits.is_empty() {
        out = out.child(section(
            tr(lang, "Limits of this answer", "Grenzen dieser Antwort").to_string(),
            a.limits
                .iter()
                .map(|l| el("li").attr("data-limit", &l.kind).text(&l.text)),
        ));
    }
    if !a.alternatives.is_empty() {
        out = out.child(section(
            tr(
                lang,
                "You may not need a PAT",
                "Vielleicht brauchen Sie kein PAT",
            )
            .to_string(),
            a.alternatives.iter().map(|x| el("li").text(x)),
        ));
    }
    out
}
