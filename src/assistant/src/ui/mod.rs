//! Renders the assistant from the app state with web-sys. The skeleton (search box,
//! regions) is built once so typing keeps focus; the regions below it are rebuilt on
//! every change, which is cheap at this size.

mod audit;
mod calculator;
pub(crate) mod dom;
mod findings;
mod preset_texts;
pub(crate) mod presets;
mod success;
mod texts;

use crate::app::{App, Notice};
use dom::{
    el, replace_children, replace_children_if_changed, set_attribute_if_changed,
    set_attribute_present, set_text_if_changed,
};
use patguard_core::catalog::Lang;
use patguard_core::page::PageView;
use texts::{t, T};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};

pub struct Ui {
    root: Element,
    search: HtmlInputElement,
    status: Element,
    policy: Element,
    notice: Element,
    live: Element,
    gate: Element,
    findings: Element,
    audit: Element,
    success: Element,
    preset_section: Element,
    presets: Element,
    calculator: calculator::CalculatorBox,
    last_announcement: String,
    success_sig: String,
    gate_sig: String,
    findings_sig: String,
    presets_sig: String,
}

impl Ui {
    pub fn mount(root: Element) -> Ui {
        root.set_text_content(None);
        let region = |class: &str| el("div").class(class).build();
        let header = el("header")
            .child(el("h2").text(t(T::Title, Lang::En)))
            .child(
                el("button")
                    .attr("type", "button")
                    .class("link")
                    .attr("data-action", "copy-report")
                    .attr("title", "Copy a page report without names, tokens or e-mails, to attach to a bug report")
                    .text("Copy page report"),
            )
            .build();
        let status = el("p").class("status").build();
        let policy = region("policy-issues");
        let notice = el("div")
            .class("notice")
            .attr("role", "status")
            .attr("aria-live", "polite")
            .build();
        let live = el("div")
            .class("visually-hidden")
            .attr("aria-live", "assertive")
            .attr("data-live", "critical")
            .build();
        let gate = region("gate-region");
        let findings = region("findings-region");
        let audit = region("audit-region");
        let success = region("success-region");
        let search = el("input")
            .attr("type", "search")
            .attr("data-field", "preset-search")
            .attr("autocomplete", "off")
            .build()
            .dyn_into::<HtmlInputElement>()
            .expect("an input element");
        let presets = region("presets");
        let preset_section = el("section").class("preset-section").build();
        let calculator = calculator::CalculatorBox::mount();
        preset_section
            .append_child(calculator.element())
            .expect("append");
        preset_section.append_child(&search).expect("append");
        preset_section.append_child(&presets).expect("append");
        for part in [
            &header,
            &status,
            &policy,
            &notice,
            &live,
            &gate,
            &findings,
            &audit,
            &success,
            &preset_section,
        ] {
            root.append_child(part).expect("append");
        }
        Ui {
            root,
            search,
            status,
            policy,
            notice,
            live,
            gate,
            findings,
            audit,
            success,
            preset_section,
            presets,
            calculator,
            last_announcement: String::new(),
            success_sig: String::new(),
            gate_sig: String::new(),
            findings_sig: String::new(),
            presets_sig: String::new(),
        }
    }

    /// The text pasted into "Which scopes do I need?".
    pub fn calculator_text(&self) -> String {
        self.calculator.text()
    }

    /// The box's `<details>`, whose `toggle` loads the calculator module.
    pub fn calculator_element(&self) -> &Element {
        self.calculator.element()
    }

    pub fn calculator_open(&self) -> bool {
        self.calculator.is_open()
    }

    pub fn search_input(&self) -> &HtmlInputElement {
        &self.search
    }

    pub fn root(&self) -> &Element {
        &self.root
    }

    pub fn render(&mut self, app: &App, now_ms: f64) {
        let lang = app.lang();
        let (state, status) = match app.view() {
            None => ("loading", t(T::Loading, lang).to_string()),
            Some(PageView::Unrecognized { reason }) => (
                "unrecognized",
                format!("{} {reason}", t(T::Unrecognized, lang)),
            ),
            Some(PageView::Form(_)) | Some(PageView::Success(_)) | Some(PageView::List(_)) => {
                ("ready", String::new())
            }
            Some(_) => ("ready", t(T::NotTokenForm, lang).to_string()),
        };
        // Which page view the frame shows: one frame can follow the page from the token
        // list into the panel (the agent moves it), so "ready" alone does not say for what.
        let view = match app.view() {
            None => "none",
            Some(PageView::List(_)) => "list",
            Some(PageView::Form(_)) => "form",
            Some(PageView::Success(_)) => "success",
            Some(PageView::OtherDialog { .. }) => "other",
            Some(PageView::Unrecognized { .. }) => "unrecognized",
        };
        let root = &self.root;
        set_attribute_if_changed(root, "data-state", state);
        set_attribute_if_changed(root, "data-view", view);
        set_attribute_if_changed(root, "lang", if lang == Lang::De { "de" } else { "en" });
        set_attribute_present(root, "aria-busy", state == "loading", "true");
        if let Some(snap) = app.snapshot() {
            let theme = if snap.theme == "dark" {
                "dark"
            } else {
                "light"
            };
            set_attribute_if_changed(root, "data-theme", theme);
        }
        set_text_if_changed(&self.status, &status);

        let issues = app
            .policy_issues()
            .iter()
            .map(|i| el("li").text(&i.to_string()));
        let policy = if app.policy_issues().is_empty() {
            el("div")
        } else {
            el("div")
                .attr("data-patguard", "policy-error")
                .child(el("p").text(match lang {
                    Lang::En => "Some policy settings are malformed and were ignored (the defaults apply):",
                    Lang::De => "Einige Richtlinieneinstellungen sind fehlerhaft und wurden ignoriert (es gelten die Standardwerte):",
                }))
                .child(el("ul").children(issues))
        };
        replace_children_if_changed(&self.policy, policy.build());

        // An unrecognised page shows only the refusal: the reason, and "Copy page report".
        // An earlier "applied" notice or the preset list would describe a form that is no
        // longer there; only an error (e.g. the job that stopped because of it) stays.
        let refused = state == "unrecognized";
        let notice = match app.notice() {
            Some(Notice::Info(m)) if !refused => el("p").class("info").text(m),
            Some(Notice::Success(m)) if !refused => el("p").class("success").text(m),
            Some(Notice::Error(m)) => el("p").class("error").text(m),
            _ => el("span"),
        };
        replace_children_if_changed(&self.notice, notice.build());

        if app.guard.announcement != self.last_announcement {
            self.last_announcement = app.guard.announcement.clone();
            self.live.set_text_content(Some(&self.last_announcement));
        }

        // Regions are rebuilt only when what they show changed: a snapshot arrives on every
        // page change, and rebuilding would drop the keyboard focus from a button the user
        // is on (and cost DOM work for nothing).
        let gate_sig = format!("{lang:?}|{:?}", app.guard.dialog);
        rebuild_if_changed(&mut self.gate_sig, &self.gate, gate_sig, || {
            match &app.guard.dialog {
                Some(d) => findings::render_gate(d, lang),
                None => el("div"),
            }
        });
        let busy_now = app.busy().is_some();
        let findings_sig = format!("{lang:?}|{busy_now}|{refused}|{:?}", app.guard.findings);
        rebuild_if_changed(&mut self.findings_sig, &self.findings, findings_sig, || {
            if refused {
                el("div")
            } else {
                findings::render(&app.guard.findings, lang, busy_now)
            }
        });

        let audit = match app.view() {
            Some(PageView::List(list)) => audit::render(
                app.list_audit(),
                lang,
                app.highlighted_row().as_deref(),
                &|a| app.rotated_to(&a.name, &a.organization).map(String::from),
                app.rotation().is_some_and(|r| !r.applied),
            )
            .attr(
                "data-selected",
                app.selected_row().map_or("", |r| r.name.as_str()),
            )
            .children(
                patguard_core::audit::filter_note(list, lang)
                    .map(|note| el("p").attr("data-patguard", "filter-note").text(&note)),
            ),
            _ => el("div"),
        };
        replace_children_if_changed(&self.audit, audit.build());

        // Rebuilt only when its state changes, so typed master passwords survive the
        // countdown's once-a-second refresh; the countdown line is updated in place.
        let sig = app
            .success()
            .map(|s| success::signature(s, lang))
            .unwrap_or_default();
        if sig != self.success_sig {
            self.success_sig = sig;
            let success = match app.success() {
                Some(s) => success::render(s, lang, now_ms),
                None => el("div"),
            };
            replace_children(&self.success, success.build());
        } else if let Some(s) = app.success() {
            if let Ok(Some(line)) = self.success.query_selector("[data-clipboard]") {
                line.set_text_content(Some(&success::clipboard_text(&s.clipboard, now_ms, lang)));
            }
        }

        let is_form = app.form().is_some();
        let presets_hidden =
            refused || app.success().is_some() || matches!(app.view(), Some(PageView::List(_)));
        // `hidden`, not an inline style: the extension pages' CSP allows no inline styles.
        set_attribute_present(&self.preset_section, "hidden", presets_hidden, "");
        set_attribute_if_changed(&self.search, "placeholder", t(T::SearchPresets, lang));
        set_attribute_if_changed(&self.search, "aria-label", t(T::SearchPresets, lang));
        let active = app.matching_preset().map(|p| p.id.as_str());
        let busy = app.busy();
        let team: Vec<_> = app.team_presets().with_origin().collect();
        let query = self.search.value();
        // Built once per language, query and team list: the list view builds it hidden, so a
        // panel opening from the list only shows it (issue #7: panel → ready).
        let presets_sig = format!("{lang:?}|{query}|{team:?}");
        rebuild_if_changed(&mut self.presets_sig, &self.presets, presets_sig, || {
            let save = el("button")
                .attr("type", "button")
                .attr("data-action", "save-preset")
                .class("secondary save-preset")
                .text(t(T::SavePreset, lang));
            el("div")
                .child(
                    el("h3")
                        .class("section-title")
                        .text(t(T::PresetsHeading, lang)),
                )
                .child(presets::render(&team, &query, lang))
                .child(el("p").class("save-preset-row").child(save))
        });
        presets::apply_state(&self.presets, lang, active, busy, is_form);
        self.calculator.render(app, lang, is_form && busy.is_none());
    }
}

/// Replaces `region`'s content with `build()` only when `signature` differs from the last one.
fn rebuild_if_changed(
    last: &mut String,
    region: &Element,
    signature: String,
    build: impl FnOnce() -> dom::El,
) {
    if *last != signature {
        replace_children(region, build().build());
        *last = signature;
    }
}
